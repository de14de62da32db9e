// ONS Explore Local Statistics tidy files (data/ons-els/*.csv) with their
// sibling JSON metadata. Columns: areacd, areanm, geography, indicator, period,
// observation, measure, unit, lci_95, uci_95, status, notes.
//   metric id = slugify(indicator); period = parse_iso_period(period);
//   value = make_value(observation, status, notes), text kept exactly.
// An indicator whose metric the store does not hold yet becomes a new metric
// described by the JSON metadata (title, description, unit, decimals, source),
// so a new ONS file loads without editing the catalogue first.
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

// What the sibling <name>.json says of one indicator ("ess-beta-metadata",
// either the indicator itself or, for a file of several indicators, one
// object per indicator label beside a "shared" object).
struct IndicatorMeta {
  std::string label, subtitle, long_description, suffix, prefix, source_org, source_url,
      source_date;
  int decimals = -1;
};

struct FileMeta {
  bool found = false;
  IndicatorMeta shared;                             // the file-wide fields
  std::map<std::string, IndicatorMeta> indicators;  // by label
};

void read_indicator_fields(const boost::json::object& o, IndicatorMeta& m) {
  auto set = [&](std::string_view key, std::string& out) {
    std::string v = json_string(o, key);
    if (!v.empty()) out = std::move(v);
  };
  set("label", m.label);
  set("subtitle", m.subtitle);
  set("longDescription", m.long_description);
  set("suffix", m.suffix);
  set("prefix", m.prefix);
  set("sourceOrg", m.source_org);
  set("sourceURL", m.source_url);
  set("sourceDate", m.source_date);
  if (auto it = o.find("decimalPlaces"); it != o.end() && it->value().is_int64())
    m.decimals = static_cast<int>(it->value().get_int64());
}

std::string metadata_path(const std::string& csv_path) {
  std::string path = without_gz(csv_path);
  if (path.size() > 4 && path.substr(path.size() - 4) == ".csv") path.resize(path.size() - 4);
  return path + ".json";
}

FileMeta read_metadata(const ReaderInput& in, IngestReport& report) {
  FileMeta meta;
  const std::string path = metadata_path(in.spec.path);
  auto bytes = read_file_bytes(path);
  if (!bytes) {
    report.notes.push_back(in.file + ": no metadata file " + path + " (" + bytes.error().message +
                           ")");
    return meta;
  }
  std::string_view text = *bytes;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(text, ec);
  if (ec || !doc.is_object()) {
    report.error(path, 0, 0, "", "metadata is not valid JSON: " + ec.message());
    return meta;
  }
  auto meta_it = doc.as_object().find("ess-beta-metadata");
  if (meta_it == doc.as_object().end() || !meta_it->value().is_object()) {
    report.error(path, 0, 0, "ess-beta-metadata", "metadata has no 'ess-beta-metadata' object");
    return meta;
  }
  meta.found = true;
  const boost::json::object& root = meta_it->value().as_object();
  auto shared = root.find("shared");
  if (shared != root.end() && shared->value().is_object()) {
    read_indicator_fields(shared->value().as_object(), meta.shared);
    for (const auto& [key, value] : root) {
      if (key == "shared" || !value.is_object()) continue;
      IndicatorMeta m = meta.shared;
      read_indicator_fields(value.as_object(), m);
      if (m.label.empty()) m.label = std::string(key);
      meta.indicators[std::string(key)] = std::move(m);
    }
  } else {
    read_indicator_fields(root, meta.shared);
    if (!meta.shared.label.empty()) meta.indicators[meta.shared.label] = meta.shared;
  }
  return meta;
}

// Fills publisher, source URL and publication date the spec leaves empty from
// the metadata.
void apply_metadata(const ReaderInput& in, const FileMeta& meta, Release& release,
                    IngestReport& report) {
  release.publisher = in.spec.publisher;
  release.source_url = in.spec.source_url;
  release.published_on = in.spec.published_on;
  if (!meta.found) return;
  if (release.publisher.empty()) {
    // Several organisations are joined by '|' in the metadata.
    std::string org;
    for (const auto& part : split_bar(meta.shared.source_org)) {
      if (part.empty()) continue;
      if (!org.empty()) org += "; ";
      org += part;
    }
    release.publisher = org;
  }
  if (release.source_url.empty()) {
    auto urls = split_bar(meta.shared.source_url);
    release.source_url = urls.front();
    if (urls.size() > 1)
      report.notes.push_back(in.file + ": metadata lists " + std::to_string(urls.size()) +
                             " source URLs; the release records the first, " + urls.front());
  }
  if (release.published_on.empty()) {
    // Several dates are joined by '|'.
    for (const auto& part : split_bar(meta.shared.source_date)) {
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

// A metric the catalogue does not hold yet, described by the publisher's own
// metadata. Polarity and the council facets (themes, services, ...) are
// editorial choices the metadata cannot make: left neutral and empty.
Metric metric_from_metadata(const std::string& id, const std::string& indicator,
                            const std::string& unit, const FileMeta& meta,
                            const SourceSpec& spec) {
  IndicatorMeta m = meta.shared;
  if (auto it = meta.indicators.find(indicator); it != meta.indicators.end()) m = it->second;
  Metric metric;
  metric.id = id;
  metric.title = m.label.empty() ? indicator : m.label;
  metric.description = m.subtitle;
  if (!m.long_description.empty())
    metric.description += (metric.description.empty() ? "" : ". ") + m.long_description;
  metric.unit = !unit.empty() ? unit : !m.suffix.empty() ? m.suffix : m.prefix;
  if (m.decimals >= 0) metric.decimals = m.decimals;
  // The kind of figure, where ONS's unit says it plainly ("%", "Rate per
  // 100,000 population", "Count per 10,000 people"); otherwise other.
  if (metric.unit == "%")
    metric.measure = MeasureKind::kShare;
  else if (metric.unit.rfind("Rate per ", 0) == 0 || metric.unit.rfind("Count per ", 0) == 0)
    metric.measure = MeasureKind::kRate;
  std::string org;
  for (const auto& part : split_bar(m.source_org))
    if (!part.empty()) org += (org.empty() ? "" : "; ") + part;
  metric.publisher = org;
  metric.source_url = split_bar(m.source_url).front();
  metric.licence = spec.licence;
  return metric;
}

}  // namespace

ReadResult read_ons_els(const ReaderInput& in, IngestReport& report) {
  ReadResult out(in);
  const FileMeta meta = read_metadata(in, report);
  apply_metadata(in, meta, out.batch.release, report);
  TableReader t(in.bytes, in.file, report, in.progress, in.consumed);
  // Some ONS files repeat an empty "notes" column: read the first, and make
  // sure the repeat never holds text that would be lost.
  if (!t.read_header(/*allow_repeats=*/true)) return out;
  out.header = t.header();
  out.reserve_for(in.bytes);
  if (!t.require({"areacd", "areanm", "geography", "indicator", "period", "observation", "status",
                  "notes"}))
    return out;
  const int c_area = t.column("areacd"), c_name = t.column("areanm"), c_geo = t.column("geography"),
            c_ind = t.column("indicator"), c_period = t.column("period"),
            c_obs = t.column("observation"), c_status = t.column("status"),
            c_notes = t.column("notes"), c_unit = t.column("unit");

  std::map<std::string, int64_t> skipped;  // geography -> rows
  int64_t blank = 0, status_notes = 0;
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
    for (int col : t.repeated())
      if (!t.get(col).empty())
        t.error(col, "a repeated column holds text ('" + t.get(col) +
                         "'); only the first column of this name is read"),
            ok = false;
    // No value published and no status to say why: nothing to store.
    if (t.get(c_obs).empty() && t.get(c_status).empty()) {
      ++blank;
      continue;
    }
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
    if (slug_it == slugs.end()) {
      slug_it = slugs.emplace(indicator, slugify(indicator)).first;
      if (!slug_it->second.empty() && !in.known.metric_ids.count(slug_it->second))
        out.add_metric(metric_from_metadata(slug_it->second, indicator,
                                            std::string(t.get_or_empty(c_unit)), meta, in.spec),
                       t.line());
    }
    if (slug_it->second.empty()) t.error(c_ind, "empty indicator"), ok = false;
    auto period = parse_iso_period(t.get(c_period));
    if (!period) t.error(c_period, period.error().message), ok = false;
    // A status that is a sentence ("Value for Hackney and City of London
    // combined") is a note the publisher put in the wrong column: kept as
    // the value's note, word for word.
    std::optional<Value> value;
    const std::string& status = t.get(c_status);
    if (status.find(' ') != std::string::npos && !parse_marker(status)) {
      std::string note = t.get(c_notes).empty() ? status : status + "; " + t.get(c_notes);
      auto v = make_value(t.get(c_obs), "", note);
      if (v) value = std::move(*v);
      else t.error(c_obs, v.error().message);
      ++status_notes;
    } else {
      value = t.value(c_obs, c_status, c_notes);
    }
    if (!value) ok = false;
    if (!ok) continue;
    Period p = canonical_period(*period);
    out.add(Observation{code, slug_it->second, p.id(), std::move(*value)}, p,
            ObservationSource{t.line(), c_area, c_ind, c_period});
  }
  if (blank > 0)
    report.notes.push_back(in.file + ": skipped " + std::to_string(blank) +
                           " rows with neither an observation nor a status (no value published)");
  if (status_notes > 0)
    report.notes.push_back(in.file + ": " + std::to_string(status_notes) +
                           " rows give a sentence in the status column; kept as the value's note");
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
