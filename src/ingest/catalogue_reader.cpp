// The metrics catalogue (data/catalogue/metrics.csv, docs/tidy-format.md):
// one Metric per row; list fields are separated by ';'. Produces
// batch.metrics and no observations.
#include <algorithm>
#include <charconv>
#include <string>
#include <unordered_map>

#include "core/metric.h"
#include "ingest/metric_rules.h"
#include "ingest/reader.h"
#include "ingest/table_reader.h"

namespace lgb {

ReadResult read_metrics_catalogue(const ReaderInput& in, IngestReport& report) {
  ReadResult out(in);
  TableReader t(in.bytes, in.file, report, in.progress, in.consumed);
  if (!t.read_header()) return out;
  out.header = t.header();
  if (!t.require({"id", "title", "description", "unit", "polarity", "decimals", "themes",
                  "services", "directorates", "portfolios", "publisher", "source_url", "licence",
                  "visibility"}))
    return out;
  const int c_id = t.column("id"), c_title = t.column("title"), c_desc = t.column("description"),
            c_unit = t.column("unit"), c_pol = t.column("polarity"), c_dec = t.column("decimals"),
            c_themes = t.column("themes"), c_services = t.column("services"),
            c_dirs = t.column("directorates"), c_ports = t.column("portfolios"),
            c_pub = t.column("publisher"), c_url = t.column("source_url"),
            c_lic = t.column("licence"), c_vis = t.column("visibility"),
            c_orgs = t.column("organisations");  // optional: who may see a restricted metric
  // Optional: older catalogues say nothing of the kind of figure ("other").
  const int c_measure = t.column("measure");

  std::unordered_map<std::string, int64_t> first_line;
  while (t.next()) {
    bool ok = true;
    Metric m;
    m.id = t.get(c_id);
    if (m.id.empty()) {
      t.error(c_id, "empty metric id");
      ok = false;
    } else if (slugify(m.id) != m.id) {
      t.error(c_id, "metric id '" + m.id +
                        "' is not a slug (lower-case letters, digits and "
                        "single hyphens), e.g. '" +
                        slugify(m.id) + "'");
      ok = false;
    } else if (auto [it, fresh] = first_line.emplace(m.id, t.line()); !fresh) {
      t.error(c_id, "metric id '" + m.id + "' is repeated (first on line " +
                        std::to_string(it->second) + ")");
      ok = false;
    }
    m.title = t.get(c_title);
    if (m.title.empty()) t.error(c_title, "empty title"), ok = false;
    m.description = t.get(c_desc);
    m.unit = t.get(c_unit);
    if (auto p = parse_polarity(t.get(c_pol))) {
      m.polarity = *p;
    } else {
      t.error(c_pol, "polarity '" + t.get(c_pol) +
                         "' is not higher-is-better, lower-is-better or neither");
      ok = false;
    }
    const std::string& dec = t.get(c_dec);
    int decimals = -1;
    auto [ptr, ec] = std::from_chars(dec.data(), dec.data() + dec.size(), decimals);
    if (ec != std::errc() || ptr != dec.data() + dec.size() || decimals < 0 || decimals > 10) {
      t.error(c_dec, "decimals '" + dec + "' is not a whole number from 0 to 10");
      ok = false;
    }
    m.decimals = decimals;
    m.themes = split_trimmed(t.get(c_themes), ';');
    m.services = split_trimmed(t.get(c_services), ';');
    m.directorates = split_trimmed(t.get(c_dirs), ';');
    m.portfolios = split_trimmed(t.get(c_ports), ';');
    m.publisher = t.get(c_pub);
    m.source_url = t.get(c_url);
    m.licence = t.get(c_lic);
    if (auto v = parse_visibility(t.get(c_vis))) {
      m.visibility = *v;
    } else {
      t.error(c_vis, "visibility '" + t.get(c_vis) +
                         "' is not public, signed-in, restricted or draft");
      ok = false;
    }
    m.organisations = split_trimmed(t.get_or_empty(c_orgs), ';');
    std::sort(m.organisations.begin(), m.organisations.end());
    m.organisations.erase(std::unique(m.organisations.begin(), m.organisations.end()),
                          m.organisations.end());
    if (!m.organisations.empty() && m.visibility != Visibility::kRestricted) {
      t.error(c_orgs, "organisations are named only for a restricted metric, not a " +
                          std::string(to_string(m.visibility)) + " one");
      ok = false;
    }
    if (c_measure >= 0) {
      if (auto k = parse_measure_kind(t.get(c_measure))) {
        m.measure = *k;
      } else {
        t.error(c_measure, unknown_measure_message(t.get(c_measure)));
        ok = false;
      }
      if (auto why = count_polarity_problem(m, t.get(c_pol)); !why.empty()) {
        t.error(c_pol, why);
        ok = false;
      }
    }
    if (!ok) continue;
    out.add_metric(std::move(m), t.line());
  }
  if (out.batch.metrics.empty() && report.ok())
    report.error(in.file, 0, 0, "", "the catalogue holds no metrics");
  return out;
}

}  // namespace lgb
