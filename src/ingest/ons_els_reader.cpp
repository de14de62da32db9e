// ONS Explore Local Statistics tidy files (data/ons-els/*.csv) with their
// sibling JSON metadata. Columns: areacd, areanm, geography, indicator, period,
// observation, measure, unit, lci_95, uci_95, status, notes.
//   metric id = slugify(indicator); period = parse_iso_period(period);
//   value = make_value(observation, status, notes), text kept exactly.
// Rows for ITL statistical regions are not council geographies: skipped and
// counted in a note. Non-council statistical geographies that no register
// lists (UK, GB, England and Wales, Inner/Outer London, ...) are added as
// areas from the row itself, with a note (see statistical_geography.h).
#include <boost/json.hpp>
#include <map>
#include <string>

#include "core/metric.h"
#include "core/value.h"
#include "ingest/file_bytes.h"
#include "ingest/reader.h"
#include "ingest/statistical_geography.h"
#include "ingest/table_reader.h"

namespace lgb {
namespace {

std::vector<std::string> split_bar(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t end = s.find('|', start);
    out.emplace_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

// "20/01/2026" -> "2026-01-20"; "" when not dd/mm/yyyy.
std::string uk_date_to_iso(std::string_view s) {
  if (s.size() != 10 || s[2] != '/' || s[5] != '/') return "";
  for (size_t i : {0, 1, 3, 4, 6, 7, 8, 9})
    if (s[i] < '0' || s[i] > '9') return "";
  return std::string(s.substr(6, 4)) + "-" + std::string(s.substr(3, 2)) + "-" +
         std::string(s.substr(0, 2));
}

std::string json_string(const boost::json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_string()) return "";
  return std::string(it->value().get_string());
}

// Fills publisher, source URL and publication date the spec leaves empty from
// the sibling <name>.json ("ess-beta-metadata", directly or under "shared").
void apply_metadata(const ReaderInput& in, Release& release, IngestReport& report) {
  release.publisher = in.spec.publisher;
  release.source_url = in.spec.source_url;
  release.published_on = in.spec.published_on;
  if (!release.publisher.empty() && !release.source_url.empty() && !release.published_on.empty())
    return;
  std::string path = in.spec.path;
  if (path.size() > 4 && path.substr(path.size() - 4) == ".csv") path.resize(path.size() - 4);
  path += ".json";
  auto bytes = read_file_bytes(path);
  if (!bytes) {
    report.notes.push_back(in.file + ": no metadata file " + path + " (" + bytes.error().message +
                           ")");
    return;
  }
  std::string_view text = *bytes;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(text, ec);
  if (ec || !doc.is_object()) {
    report.error(path, 0, 0, "", "metadata is not valid JSON: " + ec.message());
    return;
  }
  auto meta_it = doc.as_object().find("ess-beta-metadata");
  if (meta_it == doc.as_object().end() || !meta_it->value().is_object()) {
    report.error(path, 0, 0, "ess-beta-metadata", "metadata has no 'ess-beta-metadata' object");
    return;
  }
  const boost::json::object* meta = &meta_it->value().as_object();
  if (auto shared = meta->find("shared"); shared != meta->end() && shared->value().is_object())
    meta = &shared->value().as_object();

  if (release.publisher.empty()) {
    // Several organisations are joined by '|' in the metadata.
    std::string org;
    for (const auto& part : split_bar(json_string(*meta, "sourceOrg"))) {
      if (part.empty()) continue;
      if (!org.empty()) org += "; ";
      org += part;
    }
    release.publisher = org;
  }
  if (release.source_url.empty()) {
    auto urls = split_bar(json_string(*meta, "sourceURL"));
    release.source_url = urls.front();
    if (urls.size() > 1)
      report.notes.push_back(in.file + ": metadata lists " + std::to_string(urls.size()) +
                             " source URLs; the release records the first, " + urls.front());
  }
  if (release.published_on.empty()) {
    std::string raw = json_string(*meta, "sourceDate");
    for (const auto& part : split_bar(raw)) {
      std::string iso = uk_date_to_iso(part);
      if (iso.empty()) {
        if (!part.empty())
          report.notes.push_back(in.file + ": metadata sourceDate '" + part +
                                 "' is not dd/mm/yyyy; ignored");
        continue;
      }
      if (iso > release.published_on) release.published_on = iso;  // the latest
    }
  }
}

}  // namespace

ReadResult read_ons_els(const ReaderInput& in, IngestReport& report) {
  ReadResult out;
  apply_metadata(in, out.batch.release, report);
  TableReader t(in.bytes, in.file, report, in.progress);
  if (!t.read_header()) return out;
  out.header = t.header();
  out.reserve_for(in.bytes);
  if (!t.require({"areacd", "areanm", "geography", "indicator", "period", "observation", "status",
                  "notes"}))
    return out;
  const int c_area = t.column("areacd"), c_name = t.column("areanm"), c_geo = t.column("geography"),
            c_ind = t.column("indicator"), c_period = t.column("period"),
            c_obs = t.column("observation"), c_status = t.column("status"),
            c_notes = t.column("notes");

  std::map<std::string, int64_t> skipped;  // geography -> rows
  std::string added;                       // statistical geographies added
  std::unordered_set<std::string> added_codes;
  std::unordered_map<std::string, std::string> slugs;  // indicator -> metric id
  while (t.next()) {
    const std::string& geography = t.get(c_geo);
    if (geography.rfind("ITL Level", 0) == 0) {
      ++skipped[geography];
      continue;
    }
    bool ok = true;
    const std::string& code = t.get(c_area);
    if (code.empty()) t.error(c_area, "empty area code"), ok = false;
    if (!code.empty() && !in.known.find_area(code) && !added_codes.count(code)) {
      if (auto type = statistical_geography_type(code)) {
        Area a;
        a.code = code;
        a.name = t.get(c_name);
        a.type = *type;
        out.add_area(std::move(a), t.line());
        added_codes.insert(code);
        added += (added.empty() ? "" : ", ") + code + " " + t.get(c_name);
      }
    }
    const std::string& indicator = t.get(c_ind);
    auto slug_it = slugs.find(indicator);
    if (slug_it == slugs.end()) slug_it = slugs.emplace(indicator, slugify(indicator)).first;
    if (slug_it->second.empty()) t.error(c_ind, "empty indicator"), ok = false;
    auto period = parse_iso_period(t.get(c_period));
    if (!period) t.error(c_period, period.error().message), ok = false;
    auto value = t.value(c_obs, c_status, c_notes);
    if (!value) ok = false;
    if (!ok) continue;
    Period p = canonical_period(*period);
    out.add(Observation{code, slug_it->second, p.id(), std::move(*value)}, p,
            ObservationSource{t.line(), c_area, c_ind, c_period});
  }
  for (const auto& [geo, n] : skipped)
    report.notes.push_back(in.file + ": skipped " + std::to_string(n) + " rows of geography '" +
                           geo + "' (ITL statistical regions are not council geographies)");
  if (!added.empty())
    report.notes.push_back(in.file +
                           ": added non-council statistical geographies that no "
                           "register lists: " +
                           added);
  return out;
}

}  // namespace lgb
