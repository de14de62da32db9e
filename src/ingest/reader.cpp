#include "ingest/reader.h"

#include <algorithm>
#include <array>
#include <utility>

namespace lgb {
namespace {

constexpr std::array<std::pair<std::string_view, ReaderFn>, 8> kReaders{{
    {"tidy", &read_tidy},
    {"metrics-catalogue", &read_metrics_catalogue},
    {"ons-els", &read_ons_els},
    {"trafford", &read_trafford},
    {"register-mysociety", &read_register_mysociety},
    {"ons-ltla-lookup", &read_ons_ltla_lookup},
    {"ons-la-changes", &read_ons_la_changes},
    {"recipe", &read_recipe},
}};

}  // namespace

std::vector<std::string> supported_formats() {
  std::vector<std::string> out;
  for (const auto& [name, fn] : kReaders) out.emplace_back(name);
  return out;
}

ReaderFn find_reader(std::string_view format) {
  for (const auto& [name, fn] : kReaders)
    if (name == format) return fn;
  return nullptr;
}

Result<KnownRegister> KnownRegister::from_store(Store& store) {
  KnownRegister known;
  auto areas = store.list_areas();
  if (!areas) return areas.error();
  for (auto& a : *areas) {
    std::string code = a.code;
    known.areas.emplace(std::move(code), std::move(a));
  }
  auto metrics = store.list_metrics();
  if (!metrics) return metrics.error();
  for (auto& m : *metrics) known.metric_ids.insert(std::move(m.id));
  return known;
}

const Area* KnownRegister::find_area(const std::string& code) const {
  auto it = areas.find(code);
  return it == areas.end() ? nullptr : &it->second;
}

Period canonical_period(const Period& p) {
  auto again = parse_period_id(p.id());
  return again ? *again : p;
}

void ReadResult::reserve_for(std::string_view bytes) {
  if (sink) return;
  size_t lines = static_cast<size_t>(std::count(bytes.begin(), bytes.end(), '\n'));
  batch.observations.reserve(lines);
  sources.reserve(lines);
}

void ReadResult::add(Observation obs, const Period& period, ObservationSource source) {
  if (period_ids_.insert(obs.period_id).second) {
    batch.periods.push_back(period);
    if (sink) sink->period(period);
  }
  if (sink) {
    sink->observation(std::move(obs), source, *this);
    return;
  }
  batch.observations.push_back(std::move(obs));
  sources.push_back(source);
}

void ReadResult::add_area(Area area, int64_t line) {
  if (sink) sink->area(area, line);
  batch.areas.push_back(std::move(area));
  area_lines.push_back(line);
}

void ReadResult::add_metric(Metric metric, int64_t line) {
  if (sink) sink->metric(metric, line);
  batch.metrics.push_back(std::move(metric));
  metric_lines.push_back(line);
}

}  // namespace lgb
