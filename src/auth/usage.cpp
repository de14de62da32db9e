#include "auth/usage.h"

#include <map>
#include <set>

#include "auth/accounts.h"

namespace lgb::auth {
namespace {

// The 12 months ending with the one `now` falls in, oldest first ("2025-12").
std::vector<std::string> last_months(const std::string& now) {
  int year = std::stoi(now.substr(0, 4)), month = std::stoi(now.substr(5, 2));
  std::vector<std::string> out(12);
  for (int i = 11; i >= 0; --i) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    out[static_cast<size_t>(i)] = buf;
    if (--month == 0) month = 12, --year;
  }
  return out;
}

}  // namespace

Result<UsageMeasures> compute_usage(const Snapshot& s, AccountStore& accounts) {
  UsageMeasures u;
  u.as_of = utc_iso8601();
  std::set<std::string> councils;
  for (const Area& a : s.areas())
    if (is_current_english_council(a)) councils.insert(a.code);
  u.councils = static_cast<int>(councils.size());

  auto users = accounts.list_users();
  if (!users) return users.error();
  std::set<std::string> with_users;
  for (const User& user : *users) {
    if (user.disabled) continue;
    ++u.registered_users;
    if (councils.count(user.organisation_id)) with_users.insert(user.organisation_id);
  }
  u.councils_with_users = static_cast<int>(with_users.size());

  AuditQuery q;
  q.action = "sign-in";
  q.since = utc_iso8601(-60LL * 86400);
  auto sign_ins = accounts.list_audit(q);
  if (!sign_ins) return sign_ins.error();
  const std::string day30 = utc_iso8601(-30LL * 86400);
  std::set<std::string> in30, in60;
  for (const AuditEvent& e : *sign_ins) {
    if (!councils.count(e.organisation_id)) continue;
    in60.insert(e.organisation_id);
    if (e.at >= day30) in30.insert(e.organisation_id);
  }
  u.councils_signed_in_30_days = static_cast<int>(in30.size());
  u.councils_signed_in_60_days = static_cast<int>(in60.size());

  for (uint32_t m = 0; m < s.metric_count(); ++m) {
    const MetricData& md = s.metric(m);
    if (md.ratio) continue;
    ++u.metrics;
    if (md.metric.visibility == Visibility::kPublic) ++u.public_metrics;
  }
  std::map<std::string, std::set<uint32_t>> by_month;
  for (const ReleaseEntry& r : s.releases())
    for (const auto& [metric, rows] : r.metric_rows)
      if (rows > 0 && !s.metric(metric).ratio)
        by_month[r.release.loaded_at.substr(0, 7)].insert(metric);
  for (const std::string& month : last_months(u.as_of))
    u.metrics_updated.push_back({month, static_cast<int>(by_month[month].size())});
  return u;
}

}  // namespace lgb::auth
