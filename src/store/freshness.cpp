#include "store/freshness.h"

#include <chrono>
#include <map>

namespace lgb {
namespace {

std::string today_utc() {
  auto days = std::chrono::duration_cast<std::chrono::days>(
      std::chrono::system_clock::now().time_since_epoch());
  return iso_date_of(days.count());
}

}  // namespace

Result<FreshnessReport> compute_freshness(Store& store, const WorkingDays& calendar,
                                          const std::string& as_of) {
  FreshnessReport out;
  out.as_of = as_of.empty() ? today_utc() : as_of;
  auto today = days_since_epoch(out.as_of);
  if (!today) return invalid("as_of '" + as_of + "' is not a date (yyyy-mm-dd)");
  out.calendar_first_year = calendar.first_year();
  out.calendar_last_year = calendar.last_year();

  auto releases = store.list_releases();
  if (!releases) return releases.error();
  auto pairs = store.list_release_metrics();
  if (!pairs) return pairs.error();
  std::map<int64_t, const Release*> by_id;
  for (const auto& r : *releases) by_id[r.id] = &r;

  auto in_calendar = [&](const std::string& date) {
    int year = date.size() >= 4 ? std::atoi(date.substr(0, 4).c_str()) : 0;
    return year >= calendar.first_year() && year <= calendar.last_year();
  };
  std::map<std::string, int64_t> latest;  // metric -> release id (pairs are by release id)
  std::map<int64_t, bool> counted;
  for (const auto& p : *pairs) {
    latest[p.metric_id] = p.release_id;
    if (counted.emplace(p.release_id, true).second) {
      const Release& r = *by_id.at(p.release_id);
      ++out.releases;
      if (r.published_on.empty()) continue;
      ++out.releases_dated;
      auto w = calendar.between(r.published_on, r.loaded_at);
      if (w && *w <= out.target_working_days) ++out.releases_within_target;
      if (!in_calendar(r.published_on) || !in_calendar(r.loaded_at))
        out.warnings.push_back("release " + std::to_string(r.id) + " (" + r.file_name +
                               "): dates outside the bank holiday list (" +
                               std::to_string(calendar.first_year()) + "-" +
                               std::to_string(calendar.last_year()) +
                               "); weekends only were excluded");
    }
  }
  if (out.releases_dated > 0)
    out.share_within_target =
        static_cast<double>(out.releases_within_target) / static_cast<double>(out.releases_dated);
  for (const auto& [metric, release_id] : latest) {
    const Release& r = *by_id.at(release_id);
    MetricFreshness m;
    m.metric_id = metric;
    m.release_id = release_id;
    m.publisher = r.publisher;
    m.published_on = r.published_on;
    m.loaded_on = r.loaded_at.substr(0, 10);
    if (auto loaded = days_since_epoch(r.loaded_at); loaded && *today - *loaded <= 30 &&
                                                     *today >= *loaded)
      ++out.metrics_updated_last_30_days;
    if (!r.published_on.empty()) {
      if (auto pub = days_since_epoch(r.published_on)) m.days_since_publication = *today - *pub;
      m.working_days_to_load = calendar.between(r.published_on, r.loaded_at);
      if (m.working_days_to_load)
        m.within_target = *m.working_days_to_load <= out.target_working_days;
    }
    out.metrics.push_back(std::move(m));
  }
  out.metric_count = static_cast<int64_t>(out.metrics.size());
  return out;
}

}  // namespace lgb
