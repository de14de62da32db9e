// The lgbench tidy observations format (docs/tidy-format.md):
//   area_code,metric_id,period,value[,status][,note]
// Columns are found by name; areas and metrics must already be known, so a
// tidy file only ever adds values.
#include <string>

#include "core/value.h"
#include "ingest/period_formats.h"
#include "ingest/reader.h"
#include "ingest/table_reader.h"

namespace lgb {
namespace {

// A period id (fy2022-23, cy2023, ...) or the same period written as an ISO
// 8601 date or interval ("2022-04-01/P1Y"), which becomes its canonical id.
Result<Period> parse_tidy_period(std::string_view text) {
  auto id = parse_period_id(text);
  if (id || text.size() < 10 || text[4] != '-') return id;
  auto iso = parse_published_period(text, PeriodFormat::kIso);
  return iso ? iso : id;
}

}  // namespace

ReadResult read_tidy(const ReaderInput& in, IngestReport& report) {
  ReadResult out(in);
  TableReader t(in.bytes, in.file, report, in.progress, in.consumed);
  if (!t.read_header()) return out;
  out.header = t.header();
  out.reserve_for(in.bytes);
  bool ok = t.require({"area_code", "metric_id", "period", "value"});
  for (size_t i = 0; i < t.header().size(); ++i) {
    const auto& name = t.header()[i];
    if (name != "area_code" && name != "metric_id" && name != "period" && name != "value" &&
        name != "status" && name != "note") {
      report.error(in.file, 1, static_cast<int64_t>(i) + 1, name,
                   "unknown column '" + name +
                       "': a tidy file has area_code, metric_id, period, value and optionally "
                       "status and note");
      ok = false;
    }
  }
  if (!ok) return out;
  const int c_area = t.column("area_code"), c_metric = t.column("metric_id"),
            c_period = t.column("period"), c_value = t.column("value"),
            c_status = t.column("status"), c_note = t.column("note");

  while (t.next()) {
    bool row_ok = true;
    const std::string& area = t.get(c_area);
    const std::string& metric = t.get(c_metric);
    if (area.empty()) t.error(c_area, "empty area code"), row_ok = false;
    if (metric.empty()) t.error(c_metric, "empty metric id"), row_ok = false;
    auto period = parse_tidy_period(t.get(c_period));
    if (!period) t.error(c_period, period.error().message), row_ok = false;
    auto value = t.value(c_value, c_status, c_note);
    if (!value) row_ok = false;
    if (!row_ok) continue;
    out.add(Observation{area, metric, period->id(), std::move(*value)}, *period,
            ObservationSource{t.line(), c_area, c_metric, c_period});
  }
  return out;
}

}  // namespace lgb
