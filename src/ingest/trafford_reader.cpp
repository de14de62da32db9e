// Trafford Data Lab compilations (data/trafford/recycling.csv, ulev.csv):
// columns area_code, area_name, period, indicator, measure, unit, value in
// any order. Period via parse_year_period ("2015/16" or "2015"); metric id =
// slugify(indicator); "NA" is R's not-available marker, kept as published.
#include <string>
#include <unordered_map>

#include "core/metric.h"
#include "core/value.h"
#include "ingest/reader.h"
#include "ingest/table_reader.h"

namespace lgb {

ReadResult read_trafford(const ReaderInput& in, IngestReport& report) {
  ReadResult out(in);
  TableReader t(in.bytes, in.file, report, in.progress, in.consumed);
  if (!t.read_header()) return out;
  out.header = t.header();
  out.reserve_for(in.bytes);
  if (!t.require({"area_code", "area_name", "period", "indicator", "measure", "unit", "value"}))
    return out;
  const int c_area = t.column("area_code"), c_period = t.column("period"),
            c_ind = t.column("indicator"), c_value = t.column("value");

  std::unordered_map<std::string, std::string> slugs;  // indicator -> metric id
  while (t.next()) {
    bool ok = true;
    const std::string& code = t.get(c_area);
    if (code.empty()) t.error(c_area, "empty area code"), ok = false;
    const std::string& indicator = t.get(c_ind);
    auto slug_it = slugs.find(indicator);
    if (slug_it == slugs.end()) slug_it = slugs.emplace(indicator, slugify(indicator)).first;
    if (slug_it->second.empty()) t.error(c_ind, "empty indicator"), ok = false;
    auto period = parse_year_period(t.get(c_period));
    if (!period) t.error(c_period, period.error().message), ok = false;
    auto value = t.value(c_value, -1, -1);
    if (!value) ok = false;
    if (!ok) continue;
    Period p = canonical_period(*period);
    out.add(Observation{code, slug_it->second, p.id(), std::move(*value)}, p,
            ObservationSource{t.line(), c_area, c_ind, c_period});
  }
  return out;
}

}  // namespace lgb
