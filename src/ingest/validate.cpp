#include "ingest/validate.h"

#include <unordered_map>
#include <unordered_set>

namespace lgb {
namespace {

std::string field_of(const ReadResult& read, int32_t col) {
  if (col < 0 || static_cast<size_t>(col) >= read.header.size()) return "";
  return read.header[static_cast<size_t>(col)];
}

}  // namespace

void validate_batch(const ReadResult& read, const KnownRegister& known, const std::string& file,
                    IngestReport& report) {
  const ReleaseBatch& b = read.batch;
  auto issue = [&](int64_t line, int32_t col, std::string msg) {
    if (!read.sheet.empty())
      report.sheet_error(file, read.sheet, line, col < 0 ? 0 : col + 1, field_of(read, col),
                         std::move(msg));
    else
      report.error(file, line, col < 0 ? 0 : col + 1, field_of(read, col), std::move(msg));
  };

  // Areas and metrics this file brings, each once.
  std::unordered_map<std::string, size_t> batch_areas;
  for (size_t i = 0; i < b.areas.size(); ++i) {
    const Area& a = b.areas[i];
    int64_t line = i < read.area_lines.size() ? read.area_lines[i] : 0;
    if (a.code.empty()) {
      issue(line, -1, "area with an empty code");
      continue;
    }
    auto [it, fresh] = batch_areas.emplace(a.code, i);
    if (!fresh) {
      int64_t first = it->second < read.area_lines.size() ? read.area_lines[it->second] : 0;
      issue(line, -1,
            "area " + a.code + " is defined twice (also on line " + std::to_string(first) + ")");
    }
  }
  auto area_known = [&](const std::string& code) {
    return known.areas.count(code) > 0 || batch_areas.count(code) > 0;
  };
  for (size_t i = 0; i < b.areas.size(); ++i) {
    const Area& a = b.areas[i];
    int64_t line = i < read.area_lines.size() ? read.area_lines[i] : 0;
    if (!a.region_code.empty() && !area_known(a.region_code))
      issue(line, -1, "area " + a.code + ": region " + a.region_code + " is not a known area");
    if (!a.parent_code.empty() && !area_known(a.parent_code))
      issue(line, -1, "area " + a.code + ": parent " + a.parent_code + " is not a known area");
    for (const auto& s : a.successor_codes)
      if (!area_known(s))
        issue(line, -1, "area " + a.code + ": successor " + s + " is not a known area");
  }
  std::unordered_set<std::string> batch_metrics;
  for (const auto& m : b.metrics) batch_metrics.insert(m.id);

  std::unordered_set<std::string> periods;
  for (const auto& p : b.periods) periods.insert(p.id());

  // Observations: one error per unknown code and row, so a report names every
  // line; the duplicate check keys on area, metric and period together.
  std::unordered_map<std::string, int64_t> seen;
  seen.reserve(b.observations.size());
  std::string key;
  for (size_t i = 0; i < b.observations.size(); ++i) {
    const Observation& o = b.observations[i];
    const ObservationSource& src = read.sources[i];
    bool ok = true;
    if (!area_known(o.area_code)) {
      issue(src.line, src.area_column,
            "unknown area code '" + o.area_code + "' (not in the register)");
      ok = false;
    }
    if (!known.metric_ids.count(o.metric_id) && !batch_metrics.count(o.metric_id)) {
      issue(src.line, src.metric_column,
            "unknown metric '" + o.metric_id + "' (not in the metrics catalogue)");
      ok = false;
    }
    auto p = parse_period_id(o.period_id);
    if (!p) {
      issue(src.line, src.period_column, p.error().message);
      ok = false;
    } else if (!periods.count(o.period_id)) {
      issue(src.line, src.period_column, "period " + o.period_id + " missing from the batch");
      ok = false;
    }
    if (o.value.text.empty() && o.value.marker == Marker::kNone) {
      issue(src.line, -1, "empty value with no status marker");
      ok = false;
    }
    if (!ok) continue;
    key.clear();
    key.append(o.area_code).push_back('\x1f');
    key.append(o.metric_id).push_back('\x1f');
    key.append(o.period_id);
    auto [it, fresh] = seen.emplace(key, src.line);
    if (!fresh)
      issue(src.line, src.area_column,
            "duplicate observation for area " + o.area_code + ", metric " + o.metric_id +
                ", period " + o.period_id + (read.sheet.empty() ? ": lines " : ": rows ") + std::to_string(it->second) + " and " +
                std::to_string(src.line));
  }
}

}  // namespace lgb
