#include "ingest/ratio_catalogue.h"

#include <charconv>
#include <cmath>
#include <unordered_map>

#include "ingest/file_bytes.h"
#include "ingest/table_reader.h"

namespace lgb {

std::vector<RatioDefinition> read_ratio_catalogue(const std::string& path, IngestReport& report) {
  auto bytes = read_file_bytes(path);
  if (!bytes) {
    report.error(path, 0, 0, "", bytes.error().message);
    return {};
  }
  TableReader t(*bytes, path, report);
  if (!t.read_header()) return {};
  if (!t.require({"id", "title", "numerator_metric", "denominator_metric", "scale", "polarity",
                  "unit", "decimals", "measure"}))
    return {};
  const int c_id = t.column("id"), c_title = t.column("title"),
            c_num = t.column("numerator_metric"), c_den = t.column("denominator_metric"),
            c_scale = t.column("scale"), c_pol = t.column("polarity"), c_unit = t.column("unit"),
            c_dec = t.column("decimals"), c_measure = t.column("measure");
  std::vector<RatioDefinition> out;
  std::unordered_map<std::string, int64_t> first_line;
  while (t.next()) {
    RatioDefinition r;
    r.id = t.get(c_id);
    if (r.id.empty() || slugify(r.id) != r.id)
      t.error(c_id, "ratio id '" + r.id + "' is not a slug (lower-case letters, digits, hyphens)");
    else if (auto [it, fresh] = first_line.emplace(r.id, t.line()); !fresh)
      t.error(c_id, "ratio id '" + r.id + "' is repeated (first on line " +
                        std::to_string(it->second) + ")");
    r.title = t.get(c_title);
    if (r.title.empty()) t.error(c_title, "empty title");
    r.numerator_metric = t.get(c_num);
    r.denominator_metric = t.get(c_den);
    if (r.numerator_metric.empty()) t.error(c_num, "empty numerator metric");
    if (r.denominator_metric.empty()) t.error(c_den, "empty denominator metric");
    const std::string& scale = t.get(c_scale);
    auto [sp, sec] = std::from_chars(scale.data(), scale.data() + scale.size(), r.scale);
    if (sec != std::errc() || sp != scale.data() + scale.size() || !std::isfinite(r.scale) ||
        r.scale == 0)
      t.error(c_scale, "scale '" + scale + "' is not a finite non-zero number");
    if (auto p = parse_polarity(t.get(c_pol))) r.polarity = *p;
    else t.error(c_pol, "polarity '" + t.get(c_pol) + "' is not higher-is-better, lower-is-better or neither");
    r.unit = t.get(c_unit);
    const std::string& dec = t.get(c_dec);
    auto [dp, dec_ec] = std::from_chars(dec.data(), dec.data() + dec.size(), r.decimals);
    if (dec_ec != std::errc() || dp != dec.data() + dec.size() || r.decimals < 0 || r.decimals > 10)
      t.error(c_dec, "decimals '" + dec + "' is not a whole number from 0 to 10");
    if (auto k = parse_measure_kind(t.get(c_measure))) r.measure = *k;
    else t.error(c_measure, "measure '" + t.get(c_measure) + "' is not a measure kind");
    out.push_back(std::move(r));
  }
  if (!report.ok()) return {};
  return out;
}

}  // namespace lgb
