#include "carbon/demo.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "carbon/service.h"
#include "core/period.h"
#include "ingest/file_bytes.h"

namespace lgb::carbon {
namespace {

// FNV-1a: a stable number from a code, the same on every machine.
uint64_t stable_hash(std::string_view s, uint64_t salt) {
  uint64_t h = 1469598103934665603ull ^ salt;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

double unit_interval(std::string_view code, uint64_t salt) {
  return static_cast<double>(stable_hash(code, salt) % 1000000) / 1000000.0;
}

std::string fixed3(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

bool is_council(AreaType t) {
  switch (t) {
    case AreaType::kCounty:
    case AreaType::kDistrict:
    case AreaType::kUnitary:
    case AreaType::kMetropolitanDistrict:
    case AreaType::kLondonBorough: return true;
    default: return false;
  }
}

}  // namespace

Result<ReleaseBatch> synthetic_demo_release(Store& store, const std::string& period_id) {
  auto period = parse_period_id(period_id);
  if (!period || period->kind != PeriodKind::kFinancialYear)
    return invalid("'" + period_id + "' is not a financial year (for example fy2022-23)");
  auto areas = store.list_areas();
  if (!areas) return areas.error();
  auto population = store.query_values({"resident-population", {}, "", false});
  if (!population) return population.error();
  std::map<std::string, double> people;  // latest figure per area
  for (const auto& v : *population)
    if (v.value.number) people[v.area_code] = *v.value.number;
  std::set<std::string> published;
  if (auto existing = store.query_values({"carbon-footprint-total", {}, period_id, false}))
    for (const auto& v : *existing) published.insert(v.area_code);

  ReleaseBatch batch;
  batch.periods.push_back(*period);
  std::vector<std::string> used = {"carbon-footprint-total", "carbon-footprint-scope-1",
                                   "carbon-footprint-scope-2", "carbon-footprint-scope-3",
                                   "carbon-footprint-per-resident"};
  for (auto& m : published_metrics())
    if (std::find(used.begin(), used.end(), m.id) != used.end()) batch.metrics.push_back(std::move(m));
  const std::string note = "SYNTHETIC demo value, not a real council figure (lgbench demo data)";
  std::string canonical = period_id + "\n";
  for (const Area& a : *areas) {
    if (!a.is_current() || !is_council(a.type) || a.code.empty() || a.code[0] != 'E') continue;
    auto pop = people.find(a.code);
    if (pop == people.end() || pop->second <= 0 || published.count(a.code)) continue;
    const double per_resident_kg = 40.0 + 80.0 * unit_interval(a.code, 1);
    const double total = per_resident_kg * pop->second / 1000.0;
    const double s1 = 0.35 + 0.2 * unit_interval(a.code, 2);
    const double s2 = 0.25 + 0.15 * unit_interval(a.code, 3);
    const std::pair<std::string, double> values[] = {
        {"carbon-footprint-total", total},
        {"carbon-footprint-scope-1", total * s1},
        {"carbon-footprint-scope-2", total * s2},
        {"carbon-footprint-scope-3", total * (1.0 - s1 - s2)},
        {"carbon-footprint-per-resident", per_resident_kg}};
    for (const auto& [metric, v] : values) {
      Value value;
      value.text = fixed3(v);
      value.number = parse_number(value.text);
      value.note = note;
      canonical += a.code + metric + value.text + "\n";
      batch.observations.push_back({a.code, metric, period_id, std::move(value)});
    }
  }
  if (batch.observations.empty())
    return invalid("no council without a published " + period_id +
                   " footprint has a resident population: nothing to generate");
  Release& r = batch.release;
  r.publisher = kSyntheticPublisher;
  r.file_name = "carbon-synthetic-demo-" + period_id + ".txt";
  r.format = "carbon-synthetic-demo";
  r.sha256 = sha256_hex(canonical);
  r.loaded_by = "lgbench demo";
  r.licence = "OGL-UK-3.0";
  r.row_count = static_cast<int64_t>(batch.observations.size());
  return batch;
}

}  // namespace lgb::carbon
