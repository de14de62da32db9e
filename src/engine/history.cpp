#include "engine/history.h"

#include <algorithm>
#include <charconv>

namespace lgb {
namespace {

const Release* release_by_id(const Snapshot& s, int64_t id) {
  const auto& all = s.releases();
  auto it = std::lower_bound(all.begin(), all.end(), id,
                             [](const ReleaseEntry& e, int64_t v) { return e.release.id < v; });
  return it != all.end() && it->release.id == id ? &it->release : nullptr;
}

// The date a release counts from: the publisher's, else the day it was loaded.
std::string effective_date(const Release& r) {
  return r.published_on.empty() ? r.loaded_at.substr(0, 10) : r.published_on;
}

bool existed_at(const Snapshot& s, int64_t release_id, const AsOf& as_of) {
  if (as_of.release_id > 0) return release_id <= as_of.release_id;
  const Release* r = release_by_id(s, release_id);
  return r && effective_date(*r) <= as_of.date;
}

bool same_key(const StoredValue& a, const StoredValue& b) {
  return a.period_id == b.period_id && a.area_code == b.area_code;
}

// The store's rule for release_metrics.revised (store/sqlite/release_loader.cpp,
// store/postgres/pg_loader.cpp): another published text or marker.
bool revises(const Value& before, const Value& after) {
  return before.text != after.text || before.marker != after.marker;
}

}  // namespace

Result<int64_t> parse_release_id(const std::string& text) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0)
    return invalid("release id must be a positive integer, not '" + text + "'");
  return id;
}

Result<AsOf> parse_as_of(const Snapshot& s, const Access& access, const std::string& text) {
  AsOf out;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    auto p = parse_period_id(text);
    if (!p || p->kind != PeriodKind::kDate)
      return invalid("as_of '" + text + "' is not a real date (yyyy-mm-dd)");
    out.date = text;
    return out;
  }
  auto id = parse_release_id(text);
  if (!id) return invalid("as_of must be a release id such as 12 or a date such as 2024-03-31, not '" + text + "'");
  auto r = lookup_release(s, access, *id);
  if (!r) return r.error();
  out.release_id = *id;
  return out;
}

Result<DataResult> fetch_values_as_of(Store& store, const Snapshot& s, const Access& access,
                                      const DataRequest& req, const AsOf& as_of) {
  DataRequest all = req;
  all.history = true;
  auto data = fetch_values(store, s, access, all);
  if (!data) return data;
  // Revisions come by period, area, then release id: the last one of each
  // key that existed then is the value as it stood.
  std::vector<StoredValue>& v = data->values;
  std::erase_if(v, [&](const StoredValue& x) { return !existed_at(s, x.release_id, as_of); });
  for (size_t i = 0; i < v.size(); ++i) v[i].current = i + 1 == v.size() || !same_key(v[i], v[i + 1]);
  if (!req.history) std::erase_if(v, [](const StoredValue& x) { return !x.current; });
  return data;
}

Result<ChangeRequest> make_change_request(const std::string& metric, const std::string& areas,
                                          const std::string& period, const std::string& release) {
  auto data = make_data_request(metric, areas, period, "");
  if (!data) return data.error();
  ChangeRequest r;
  r.metric = data->metric;
  r.areas = std::move(data->areas);
  r.period = data->period;
  if (!release.empty()) {
    auto id = parse_release_id(release);
    if (!id) return id.error();
    r.release_id = *id;
  }
  return r;
}

int64_t ChangeLog::change_count() const {
  int64_t n = 0;
  for (const auto& r : releases) n += static_cast<int64_t>(r.changes.size());
  return n;
}

Result<ChangeLog> metric_changes(Store& store, const Snapshot& s, const Access& access,
                                 const ChangeRequest& req) {
  DataRequest data_req;
  data_req.metric = req.metric;
  data_req.areas = req.areas;
  data_req.period = req.period;
  data_req.history = true;
  auto data = fetch_values(store, s, access, data_req);
  if (!data) return data.error();
  if (req.release_id > 0) {
    auto r = lookup_release(s, access, req.release_id);
    if (!r) return r.error();
  }
  ChangeLog log;
  log.metric = data->metric;
  // Release ids of the metric's values, in order; each gets its entry.
  std::vector<int64_t> ids;
  for (const StoredValue& v : data->values) ids.push_back(v.release_id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (req.release_id > 0) std::erase_if(ids, [&](int64_t id) { return id != req.release_id; });
  for (int64_t id : ids) {
    // The metric is visible, so every release holding its values is too.
    auto r = lookup_release(s, access, id);
    if (!r) return r.error();
    log.releases.push_back(ReleaseChanges{std::move(*r), 0, 0, {}});
  }
  auto entry = [&](int64_t id) -> ReleaseChanges* {
    auto it = std::lower_bound(log.releases.begin(), log.releases.end(), id,
                               [](const ReleaseChanges& c, int64_t v) { return c.release.id < v; });
    return it != log.releases.end() && it->release.id == id ? &*it : nullptr;
  };
  const std::vector<StoredValue>& v = data->values;
  for (size_t i = 0; i < v.size(); ++i) {
    ReleaseChanges* c = entry(v[i].release_id);
    if (!c) continue;
    ++c->values;
    if (i == 0 || !same_key(v[i - 1], v[i])) continue;
    ++c->superseded;
    if (revises(v[i - 1].value, v[i].value)) c->changes.push_back(ValueChange{v[i - 1], v[i]});
  }
  return log;
}

}  // namespace lgb
