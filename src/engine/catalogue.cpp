#include "engine/catalogue.h"

#include <algorithm>
#include <cctype>

namespace lgb {
namespace {

bool contains_ci(std::string_view haystack, const std::string& needle_lower) {
  if (needle_lower.empty()) return true;
  return lower_case(haystack).find(needle_lower) != std::string::npos;
}


// Rows of a release the caller may see; nullopt when the caller may not
// know of the release at all (it holds values, none of them visible).
std::optional<int64_t> visible_rows(const Snapshot& s, const Access& access, const ReleaseEntry& r) {
  if (r.metric_rows.empty()) return r.release.row_count;  // register or catalogue only
  int64_t rows = 0;
  bool any = false;
  for (const auto& [m, n] : r.metric_rows) {
    if (!s.visible(m, access)) continue;
    rows += n;
    any = true;
  }
  if (!any) return std::nullopt;
  return rows;
}

}  // namespace

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t comma = s.find(',', pos);
    if (comma == std::string::npos) comma = s.size();
    std::string item = s.substr(pos, comma - pos);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(std::move(item));
    pos = comma + 1;
  }
  return out;
}

std::string lower_case(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_metric_id(const std::string& s) {
  if (s.empty() || s.size() > 200) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

Result<bool> parse_bool(const std::string& name, const std::string& value) {
  if (value.empty() || value == "false" || value == "0") return false;
  if (value == "true" || value == "1") return true;
  return invalid("parameter '" + name + "' must be true or false, not '" + value + "'");
}

Result<AreaFilter> make_area_filter(const std::string& type, const std::string& region,
                                    const std::string& q, const std::string& current) {
  AreaFilter f;
  if (!type.empty()) {
    f.type = parse_area_type(type);
    if (!f.type) return invalid("unknown area type '" + type + "'");
  }
  if (!region.empty() && !is_gss_code(region))
    return invalid("region must be a GSS code such as E12000003, not '" + region + "'");
  f.region = region;
  f.q = lower_case(q);
  if (current == "true") f.current = true;
  else if (current == "false") f.current = false;
  else if (!current.empty() && current != "all")
    return invalid("current must be true, false or all, not '" + current + "'");
  return f;
}

std::vector<const Area*> filter_areas(const Snapshot& s, const AreaFilter& f) {
  std::vector<const Area*> out;
  for (const Area& a : s.areas()) {
    if (f.type && a.type != *f.type) continue;
    if (!f.region.empty() && a.region_code != f.region) continue;
    if (f.current && a.is_current() != *f.current) continue;
    if (!contains_ci(a.name, f.q)) continue;
    out.push_back(&a);
  }
  return out;
}

const Area* area_by_code(const Snapshot& s, const std::string& code) {
  auto a = s.find_area(code);
  return a ? &s.areas()[*a] : nullptr;
}

Result<const Area*> lookup_area(const Snapshot& s, const std::string& code) {
  if (!is_gss_code(code))
    return invalid("area code must be a GSS code such as E08000035, not '" + code + "'");
  const Area* a = area_by_code(s, code);
  if (!a) return not_found("unknown area '" + code + "'");
  return a;
}

std::vector<const Metric*> list_metrics(const Snapshot& s, const Access& access,
                                        const MetricFilter& f) {
  const std::string q = lower_case(f.q);
  std::vector<const Metric*> out;
  for (uint32_t i = 0; i < s.metric_count(); ++i) {
    const MetricData& md = s.metric(i);
    if (md.ratio || !s.visible(i, access)) continue;
    const Metric& m = md.metric;
    if (!f.theme.empty() && std::find(m.themes.begin(), m.themes.end(), f.theme) == m.themes.end())
      continue;
    if (!q.empty() && !contains_ci(m.id, q) && !contains_ci(m.title, q) &&
        !contains_ci(m.description, q))
      continue;
    out.push_back(&m);
  }
  std::sort(out.begin(), out.end(), [](const Metric* a, const Metric* b) { return a->id < b->id; });
  return out;
}

Result<const Metric*> lookup_metric(const Snapshot& s, const Access& access, const std::string& id) {
  if (!is_metric_id(id))
    return invalid("metric id must be a slug such as claimant-count, not '" + id + "'");
  auto m = s.find_visible_metric(id, access);
  if (!m || s.metric(*m).ratio) return not_found("unknown metric '" + id + "'");
  return &s.metric(*m).metric;
}

const Period* period_by_id(const Snapshot& s, const std::string& id) {
  auto p = s.find_period(id);
  return p ? &s.periods()[*p] : nullptr;
}

std::vector<Release> list_releases(const Snapshot& s, const Access& access) {
  std::vector<Release> out;
  for (const ReleaseEntry& r : s.releases()) {
    auto rows = visible_rows(s, access, r);
    if (!rows) continue;
    out.push_back(r.release);
    out.back().row_count = *rows;
  }
  return out;
}

Result<Release> lookup_release(const Snapshot& s, const Access& access, int64_t id) {
  const auto& all = s.releases();
  auto it = std::lower_bound(all.begin(), all.end(), id,
                             [](const ReleaseEntry& e, int64_t v) { return e.release.id < v; });
  std::optional<int64_t> rows;
  if (it != all.end() && it->release.id == id) rows = visible_rows(s, access, *it);
  if (!rows) return not_found("unknown release " + std::to_string(id));
  Release r = it->release;
  r.row_count = *rows;
  return r;
}

HealthCounts health_counts(const Snapshot& s, const Access& access) {
  HealthCounts h;
  for (const ReleaseEntry& r : s.releases()) {
    auto rows = visible_rows(s, access, r);
    if (!rows) continue;
    ++h.releases;
    h.values += *rows;
  }
  return h;
}

Result<DataRequest> make_data_request(const std::string& metric, const std::string& areas,
                                      const std::string& period, const std::string& history) {
  DataRequest r;
  if (metric.empty()) return invalid("parameter 'metric' is required, e.g. metric=claimant-count");
  r.metric = metric;
  r.areas = split_list(areas);
  if (r.areas.size() > 1000) return invalid("at most 1000 areas per request");
  for (const std::string& code : r.areas)
    if (!is_gss_code(code))
      return invalid("area code must be a GSS code such as E08000035, not '" + code + "'");
  if (!period.empty()) {
    auto p = parse_period_id(period);
    if (!p) return invalid(p.error().message);
    r.period = period;
  }
  auto h = parse_bool("history", history);
  if (!h) return h.error();
  r.history = *h;
  return r;
}

Result<DataResult> fetch_values(Store& store, const Snapshot& s, const Access& access,
                                const DataRequest& req) {
  DataResult out;
  auto m = lookup_metric(s, access, req.metric);
  if (!m) return m.error();
  out.metric = *m;
  for (const std::string& code : req.areas)
    if (!s.find_area(code)) return not_found("unknown area '" + code + "'");
  ValueQuery q;
  q.metric_id = req.metric;
  q.area_codes = req.areas;
  q.period_id = req.period;
  q.include_history = req.history;
  auto values = store.query_values(q);
  if (!values) return values.error();
  out.values = std::move(*values);
  return out;
}

}  // namespace lgb
