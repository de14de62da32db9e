// Acceptance: councils as they stood. For every council, metric and period
// in the bundled data, the engine's comparator groups and their statistics
// match an independent recomputation written here from the register's
// dates alone (docs/methods.md, "Councils as they stood in each period"):
// this file reads the store built by `lgbench ingest` with plain SQL and
// rebuilds membership, values and statistics itself; only the answers come
// from the engine.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "api_test_support.h"
#include "engine/groups.h"
#include "engine/queries.h"
#include "engine/snapshot.h"
#include "store/store.h"

namespace lgb::test {
namespace {

namespace json = boost::json;

using Day = int64_t;
constexpr Day kNever = INT64_MIN, kForever = INT64_MAX;

Day day_of(const std::string& iso) {
  namespace c = std::chrono;
  const int y = std::stoi(iso.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(iso.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(iso.substr(8, 2)));
  return c::sys_days{c::year{y} / c::month{m} / c::day{d}}.time_since_epoch().count();
}

Day months_later(const std::string& iso, int months) {
  namespace c = std::chrono;
  c::year_month_day ymd{c::year{std::stoi(iso.substr(0, 4))},
                        c::month{static_cast<unsigned>(std::stoi(iso.substr(5, 2)))},
                        c::day{static_cast<unsigned>(std::stoi(iso.substr(8, 2)))}};
  ymd += c::months{months};
  return c::sys_days{ymd}.time_since_epoch().count();
}

struct Code {
  std::string code, type, region;
  Day first = kNever, last = kForever;
  std::vector<std::string> successors;
};

struct Council {
  std::vector<std::string> codes;  // oldest first
  Day first = kForever, last = kNever;
};

struct PeriodRow {
  std::string id;
  Day first = 0, last = 0;
};

// Rows of a query, every column as text ("" for NULL); "\x01" marks NULL.
std::vector<std::vector<std::string>> sql(sqlite3* db, const std::string& q) {
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, q.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  std::vector<std::vector<std::string>> out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const auto* t = sqlite3_column_text(st, i);
      row.push_back(t ? reinterpret_cast<const char*>(t) : "\x01");
    }
    out.push_back(std::move(row));
  }
  sqlite3_finalize(st);
  return out;
}

bool council_type(const std::string& t) {
  return t == "county" || t == "district" || t == "unitary" || t == "metropolitan-district" ||
         t == "london-borough";
}
bool upper(const std::string& t) { return council_type(t) && t != "district"; }
bool lower(const std::string& t) { return council_type(t) && t != "county"; }

// The register and the values, read and interpreted here.
struct World {
  std::map<std::string, Code> codes;              // English council codes
  std::vector<Council> councils;
  std::map<std::string, size_t> council_of;       // code -> council
  std::vector<PeriodRow> periods;
  std::map<std::string, size_t> period_index;
  // metric -> period -> code -> number (nullopt: withheld)
  std::map<std::string, std::map<std::string, std::map<std::string, std::optional<double>>>> values;
  std::set<std::string> lower_tier_metrics;

  explicit World(sqlite3* db) {
    for (const auto& r : sql(db, "SELECT code, type, IFNULL(region_code,''), "
                                 "IFNULL(start_date,''), IFNULL(end_date,'') FROM areas")) {
      if (r[0].size() != 9 || r[0][0] != 'E' || !council_type(r[1])) continue;
      Code c;
      c.code = r[0];
      c.type = r[1];
      c.region = r[2];
      if (!r[3].empty()) c.first = day_of(r[3]);
      if (!r[4].empty()) c.last = day_of(r[4]);
      codes[c.code] = c;
    }
    std::map<std::string, std::string> start_of;
    for (const auto& r : sql(db, "SELECT code, IFNULL(start_date,'') FROM areas")) start_of[r[0]] = r[1];
    for (const auto& r : sql(db, "SELECT area_code, successor_code FROM area_successors "
                                 "ORDER BY area_code, position")) {
      auto it = codes.find(r[0]);
      if (it == codes.end()) continue;
      it->second.successors.push_back(r[1]);
    }
    // An end date that is a successor's start date is that successor's day.
    std::map<std::string, std::vector<std::string>> predecessors;
    for (auto& [code, c] : codes) {
      bool successor_starts_that_day = false;
      for (const auto& s : c.successors) {
        if (c.last != kForever && start_of.count(s) && !start_of[s].empty() &&
            day_of(start_of[s]) == c.last)
          successor_starts_that_day = true;
        if (codes.count(s)) predecessors[s].push_back(code);
      }
      if (successor_starts_that_day) c.last -= 1;
    }
    // Code changes: A's only successor B, whose only predecessor is A.
    std::map<std::string, std::string> next, prev;
    for (const auto& [code, c] : codes)
      if (c.successors.size() == 1 && codes.count(c.successors[0]) &&
          predecessors[c.successors[0]].size() == 1) {
        next[code] = c.successors[0];
        prev[c.successors[0]] = code;
      }
    for (const auto& [code, c] : codes) {
      if (prev.count(code)) continue;
      Council k;
      for (std::string at = code;; at = next[at]) {
        k.codes.push_back(at);
        k.first = std::min(k.first, codes[at].first);
        k.last = std::max(k.last, codes[at].last);
        council_of[at] = councils.size();
        if (!next.count(at)) break;
      }
      councils.push_back(k);
    }
    for (const auto& r : sql(db, "SELECT id, start_date, months FROM periods")) {
      PeriodRow p;
      p.id = r[0];
      p.first = day_of(r[1]);
      const int months = std::stoi(r[2]);
      p.last = months == 0 ? p.first : months_later(r[1], months) - 1;
      period_index[p.id] = periods.size();
      periods.push_back(p);
    }
    // The stored number, exactly: quote() prints a REAL with enough digits
    // to read back the same double (a plain REAL prints 15 digits only). Not
    // the published text: a recipe may scale it (0.367 -> 36.7 %).
    for (const auto& r : sql(db, "SELECT metric_id, period_id, area_code, number IS NULL, "
                                 "quote(number) FROM observations WHERE current = 1")) {
      std::optional<double> v;
      if (r[3] == "0") v = std::stod(r[4]);
      values[r[0]][r[1]][r[2]] = v;
      auto c = codes.find(r[2]);
      if (v && c != codes.end() && c->second.type == "district") lower_tier_metrics.insert(r[0]);
    }
  }

  bool in_operation(const Council& k, const PeriodRow& p) const {
    return k.first <= p.last && k.last >= p.first;
  }
  bool whole(const Council& k, const PeriodRow& p) const {
    return k.first <= p.first && k.last >= p.last;
  }
  // The code a council had in a period.
  const std::string& code_in(const Council& k, const PeriodRow& p) const {
    for (auto it = k.codes.rbegin(); it != k.codes.rend(); ++it) {
      const Code& c = codes.at(*it);
      if (c.first <= p.last && c.last >= p.last) return *it;
    }
    for (auto it = k.codes.rbegin(); it != k.codes.rend(); ++it) {
      const Code& c = codes.at(*it);
      if (c.first <= p.last && c.last >= p.first) return *it;
    }
    return k.codes.back();
  }

  // Councils of a period whose code then passes the filter, by that code.
  std::vector<std::string> members(const PeriodRow& p,
                                   const std::function<bool(const Code&)>& keep) const {
    std::vector<std::string> out;
    for (const Council& k : councils)
      if (in_operation(k, p) && keep(codes.at(code_in(k, p)))) out.push_back(code_in(k, p));
    std::sort(out.begin(), out.end());
    return out;
  }

  // The value a council has for a metric and period: under the code it had
  // then if published so, else under its newest code that has one.
  const std::optional<double>* value(const std::string& metric, const PeriodRow& p,
                                     const std::string& code) const {
    auto m = values.find(metric);
    if (m == values.end()) return nullptr;
    auto per = m->second.find(p.id);
    if (per == m->second.end()) return nullptr;
    const Council& k = councils[council_of.at(code)];
    if (auto it = per->second.find(code_in(k, p)); it != per->second.end()) return &it->second;
    for (auto c = k.codes.rbegin(); c != k.codes.rend(); ++c)
      if (auto it = per->second.find(*c); it != per->second.end()) return &it->second;
    return nullptr;
  }
};

struct ExpectedSummary {
  int members = 0, excluded_part = 0, count = 0, missing = 0, withheld = 0;
  double min = 0, max = 0, mean = 0, median = 0;
};

ExpectedSummary expected(const World& w, const std::string& metric, const PeriodRow& p,
                  const std::vector<std::string>& members) {
  ExpectedSummary e;
  std::vector<double> x;
  for (const auto& code : members) {
    const auto* v = w.value(metric, p, code);
    const Council& k = w.councils[w.council_of.at(code)];
    if (!v && !w.whole(k, p)) {
      ++e.excluded_part;  // part of the period, nothing published
      continue;
    }
    ++e.members;
    if (!v) ++e.missing;
    else if (!*v) ++e.withheld;
    else x.push_back(**v);
  }
  std::sort(x.begin(), x.end());
  e.count = static_cast<int>(x.size());
  if (!x.empty()) {
    e.min = x.front();
    e.max = x.back();
    double sum = 0;
    for (double v : x) sum += v;
    e.mean = sum / x.size();
    e.median = x.size() % 2 ? x[x.size() / 2] : (x[x.size() / 2 - 1] + x[x.size() / 2]) / 2;
  }
  return e;
}

void expect_summary(const Summary& s, const ExpectedSummary& e, const std::string& what) {
  EXPECT_EQ(s.members, e.members) << what;
  EXPECT_EQ(s.missing, e.missing) << what;
  EXPECT_EQ(s.withheld, e.withheld) << what;
  ASSERT_EQ(s.stats.has_value(), e.count > 0) << what;
  if (!s.stats) return;
  EXPECT_EQ(s.stats->count, e.count) << what;
  EXPECT_EQ(s.stats->min, e.min) << what;
  EXPECT_EQ(s.stats->max, e.max) << what;
  EXPECT_NEAR(s.stats->median, e.median, 1e-9 * std::max(1.0, std::fabs(e.median))) << what;
  EXPECT_NEAR(s.stats->mean, e.mean, 1e-9 * std::max(1.0, std::fabs(e.mean))) << what;
}

struct Engine {
  std::unique_ptr<Store> store;
  std::shared_ptr<const Snapshot> snap;
};

Engine engine_on(const std::string& db) {
  Engine e;
  auto store = open_sqlite_store(db);
  if (!store) throw std::runtime_error(store.error().message);
  e.store = std::move(*store);
  auto snap = build_snapshot(*e.store);
  if (!snap) throw std::runtime_error(snap.error().message);
  e.snap = *snap;
  return e;
}

TEST(CouncilsAsTheyStood, EveryCouncilsGroupsInEveryPeriodMatchTheRegisterDates) {
  auto& f = full_fixture();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(f.db.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  const World w(db);
  sqlite3_close(db);
  Engine e = engine_on(f.db);
  const Snapshot& s = *e.snap;
  ASSERT_GT(w.councils.size(), 300u);

  // Periods holding any value.
  std::set<std::string> used;
  for (const auto& [metric, per] : w.values)
    for (const auto& [pid, _] : per) used.insert(pid);
  int checked = 0;
  for (const std::string& pid : used) {
    const PeriodRow& p = w.periods[w.period_index.at(pid)];
    const auto upper_set = w.members(p, [](const Code& c) { return upper(c.type); });
    const auto lower_set = w.members(p, [](const Code& c) { return lower(c.type); });
    std::map<std::string, std::vector<std::string>> by_type;
    for (const char* t : {"county", "district", "unitary", "metropolitan-district", "london-borough"})
      by_type[t] = w.members(p, [&](const Code& x) { return x.type == t; });
    // Region sets by (region, lower tier?).
    std::map<std::pair<std::string, bool>, std::vector<std::string>> by_region;
    for (const bool low : {true, false})
      for (const auto& m : low ? lower_set : upper_set)
        by_region[{w.codes.at(m).region, low}].push_back(m);
    const uint32_t pi = *s.find_period(pid);
    // As the engine's area indices (ascending = by code), to compare cheaply.
    auto idx = [&](const std::vector<std::string>& codes) {
      std::vector<uint32_t> out;
      for (const auto& c : codes) out.push_back(*s.find_area(c));
      return out;
    };
    const auto upper_idx = idx(upper_set), lower_idx = idx(lower_set);
    std::map<std::string, std::vector<uint32_t>> type_idx;
    for (const auto& [t, v] : by_type) type_idx[t] = idx(v);
    std::map<std::pair<std::string, bool>, std::vector<uint32_t>> region_idx;
    for (const auto& [k, v] : by_region) region_idx[k] = idx(v);
    for (const Council& k : w.councils) {
      if (!w.in_operation(k, p)) continue;
      const std::string& code = w.code_in(k, p);
      const Code& c = w.codes.at(code);
      const uint32_t focus = *s.find_area(code);
      const std::string what = code + " " + pid;
      auto england = resolve_group(s, "england", focus, pi);
      ASSERT_TRUE(england.ok()) << what;
      EXPECT_EQ(england->lower.areas, c.type == "county" ? upper_idx : lower_idx) << what;
      EXPECT_EQ(england->upper.areas, c.type == "district" ? lower_idx : upper_idx) << what;
      auto type = resolve_group(s, "type", focus, pi);
      ASSERT_TRUE(type.ok()) << what;
      EXPECT_EQ(type->lower.areas, type_idx[c.type]) << what;
      if (!c.region.empty()) {
        auto region = resolve_group(s, "region", focus, pi);
        ASSERT_TRUE(region.ok()) << what;
        const auto& want = region_idx[std::make_pair(c.region, c.type != "county")];
        EXPECT_EQ(region->lower.areas, want) << what;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 30000);
}

TEST(CouncilsAsTheyStood, GroupStatisticsMatchForEveryMetricAndPeriod) {
  auto& f = full_fixture();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(f.db.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  const World w(db);
  sqlite3_close(db);
  Engine e = engine_on(f.db);
  const Snapshot& s = *e.snap;
  const Access anyone = Access::anonymous();
  std::set<std::string> regions;
  for (const auto& [code, c] : w.codes)
    if (!c.region.empty()) regions.insert(c.region);
  // Each period's sets, worked out once (the same for every metric).
  struct Sets {
    std::vector<std::string> tier[2];  // upper, lower
    std::map<std::string, std::vector<std::string>> type;
    std::map<std::string, std::vector<std::string>> region[2];  // every region, by tier
  };
  std::map<std::string, Sets> sets_of;
  auto sets = [&](const PeriodRow& p) -> const Sets& {
    auto [it, fresh] = sets_of.try_emplace(p.id);
    if (!fresh) return it->second;
    Sets& x = it->second;
    for (const bool low : {false, true}) {
      x.tier[low] = w.members(p, [&](const Code& c) { return low ? lower(c.type) : upper(c.type); });
      for (const auto& r : regions) {
        std::vector<std::string>& want = x.region[low][r];
        for (const auto& code : x.tier[low])
          if (w.codes.at(code).region == r) want.push_back(code);
      }
    }
    for (const char* t : {"county", "district", "unitary", "metropolitan-district", "london-borough"})
      x.type[t] = w.members(p, [&](const Code& c) { return c.type == t; });
    return x;
  };
  int checked = 0;
  for (const auto& [metric, per] : w.values) {
    auto m = s.find_metric(metric);
    ASSERT_TRUE(m) << metric;
    EXPECT_EQ(s.metric(*m).lower_tier, w.lower_tier_metrics.count(metric) > 0) << metric;
    const bool lower_tier = w.lower_tier_metrics.count(metric) > 0;
    for (const auto& [pid, _] : per) {
      const PeriodRow& p = w.periods[w.period_index.at(pid)];
      const Sets& x = sets(p);
      auto check = [&](const std::string& group, const std::vector<std::string>& members) {
        auto sum = summarise(s, anyone, metric, group, pid);
        ASSERT_TRUE(sum.ok()) << metric << " " << pid << " " << group << ": " << sum.error().message;
        const ExpectedSummary ex = expected(w, metric, p, members);
        expect_summary(*sum, ex, metric + " " + pid + " " + group);
        EXPECT_EQ(sum->excluded >= ex.excluded_part, true) << metric << " " << pid << " " << group;
        ++checked;
      };
      check("england", x.tier[lower_tier]);
      for (const auto& [t, members] : x.type) check("type:" + t, members);
      for (const auto& [r, members] : x.region[lower_tier]) check("region:" + r, members);
    }
  }
  EXPECT_GT(checked, 3000);
}

// The case the issue names: 2022-23 holds the councils abolished in 2023,
// not the ones that replaced them, and Sheffield and Barnsley under the
// codes they had until 2025. Devon (a county) compares with the upper tier.
TEST(CouncilsAsTheyStood, TwentyTwentyTwoTwentyThreeHoldsTheCouncilsAbolishedIn2023) {
  auto& f = full_fixture();
  auto r = http_get(f.server->port(),
                    "/api/v1/compare?metric=net-additions-to-the-housing-stock-england"
                    "&area=E10000008&group=england&period=fy2022-23");
  ASSERT_EQ(r.status, 200) << r.body;
  auto doc = r.json();
  std::map<std::string, json::value> members;
  std::map<std::string, std::string> excluded;
  for (const auto& m : doc.at("members").as_array()) members[std::string(m.at("code").as_string())] = m;
  for (const auto& x : doc.at("excluded").as_array())
    excluded[std::string(x.at("code").as_string())] = std::string(x.at("reason").as_string());
  for (const char* abolished : {"E10000006", "E10000023", "E10000027"}) {
    ASSERT_TRUE(members.count(abolished)) << abolished;
    EXPECT_EQ(members[abolished].at("state"), "number") << abolished;  // in the median
  }
  for (const char* later : {"E06000063", "E06000064", "E06000065", "E06000066"}) {
    EXPECT_FALSE(members.count(later)) << later;
    EXPECT_EQ(excluded[later], "began 2023-04-01, after this period") << later;
  }
  EXPECT_TRUE(members.count("E08000019"));
  EXPECT_TRUE(members.count("E08000016"));
  EXPECT_FALSE(members.count("E08000039"));
  EXPECT_FALSE(excluded.count("E08000039"));
}

}  // namespace
}  // namespace lgb::test
