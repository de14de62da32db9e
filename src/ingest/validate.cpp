#include "ingest/validate.h"

#include "core/excerpt.h"

#include <unordered_map>
#include <unordered_set>

namespace lgb {
namespace {

std::string field_of(const ReadResult& read, int32_t col) {
  if (col < 0 || static_cast<size_t>(col) >= read.header.size()) return "";
  return read.header[static_cast<size_t>(col)];
}

}  // namespace

void report_at(const ReadResult& read, const std::string& file, IngestReport& report,
               int64_t line, int32_t column, std::string message) {
  int64_t col = column < 0 ? 0 : column + 1;
  if (!read.sheet.empty())
    report.sheet_error(file, read.sheet, line, col, field_of(read, column), std::move(message));
  else
    report.error(file, line, col, field_of(read, column), std::move(message));
}

void validate_areas(const ReadResult& read, const KnownRegister& known, const std::string& file,
                    IngestReport& report) {
  const ReleaseBatch& b = read.batch;
  auto issue = [&](int64_t line, std::string msg) {
    report_at(read, file, report, line, -1, std::move(msg));
  };
  std::unordered_map<std::string, size_t> batch_areas;
  for (size_t i = 0; i < b.areas.size(); ++i) {
    const Area& a = b.areas[i];
    int64_t line = i < read.area_lines.size() ? read.area_lines[i] : 0;
    if (a.code.empty()) {
      issue(line, "area with an empty code");
      continue;
    }
    auto [it, fresh] = batch_areas.emplace(a.code, i);
    if (!fresh) {
      int64_t first = it->second < read.area_lines.size() ? read.area_lines[it->second] : 0;
      issue(line, "area " + a.code + " is defined twice (also on line " + std::to_string(first) + ")");
    }
  }
  auto area_known = [&](const std::string& code) {
    return known.areas.count(code) > 0 || batch_areas.count(code) > 0;
  };
  for (size_t i = 0; i < b.areas.size(); ++i) {
    const Area& a = b.areas[i];
    int64_t line = i < read.area_lines.size() ? read.area_lines[i] : 0;
    if (!a.region_code.empty() && !area_known(a.region_code))
      issue(line, "area " + a.code + ": region " + a.region_code + " is not a known area");
    if (!a.parent_code.empty() && !area_known(a.parent_code))
      issue(line, "area " + a.code + ": parent " + a.parent_code + " is not a known area");
    for (const auto& s : a.successor_codes)
      if (!area_known(s)) issue(line, "area " + a.code + ": successor " + s + " is not a known area");
  }
}

bool ObservationChecker::check(const ReadResult& read, const Observation& o,
                               const ObservationSource& src) {
  bool ok = true;
  auto issue = [&](int32_t col, std::string msg) {
    report_at(read, file_, report_, src.line, col, std::move(msg));
    ok = false;
  };
  if (!known_.areas.count(o.area_code) && !areas_.count(o.area_code))
    issue(src.area_column, "unknown area code " + quoted_excerpt(o.area_code) + " (not in the register)");
  if (!known_.metric_ids.count(o.metric_id) && !metrics_.count(o.metric_id))
    issue(src.metric_column,
          "unknown metric " + quoted_excerpt(o.metric_id) + " (not in the metrics catalogue)");
  if (!read.has_period(o.period_id))
    issue(src.period_column, "period " + o.period_id + " missing from the batch");
  if (o.value.text.empty() && o.value.marker == Marker::kNone)
    issue(-1, "empty value with no status marker");
  return ok;
}

}  // namespace lgb
