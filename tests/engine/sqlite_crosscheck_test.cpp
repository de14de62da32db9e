// Builds a snapshot from a real SQLite store loaded with real bundled ONS data
// (data/ons-els) and checks, for every metric and period, the England group's
// count, withheld, min, max, mean and median against SQL run directly on the
// store's file: an independent computation of the same numbers.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <fstream>
#include <map>
#include <set>

#include "engine/queries.h"
#include "engine/snapshot.h"
#include "engine_fixture.h"
#include "store/store.h"

namespace lgb {
namespace {

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::string f;
  bool q = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (q) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') f += '"', ++i;
      else if (c == '"') q = false;
      else f += c;
    } else if (c == '"') {
      q = true;
    } else if (c == ',') {
      out.push_back(std::move(f));
      f.clear();
    } else {
      f += c;
    }
  }
  out.push_back(std::move(f));
  return out;
}

AreaType type_of(const std::string& code) {
  const std::string p = code.substr(0, 3);
  if (p == "E06" || p == "W06" || p == "S12" || p == "N09") return AreaType::kUnitary;
  if (p == "E07") return AreaType::kDistrict;
  if (p == "E08") return AreaType::kMetropolitanDistrict;
  if (p == "E09") return AreaType::kLondonBorough;
  if (p == "E10") return AreaType::kCounty;
  if (p == "E12") return AreaType::kRegion;
  if (p == "E92" || p == "K02" || p == "W92") return AreaType::kCountry;
  return AreaType::kOther;
}

// A deliberately simple reader for the ons-els tidy files (the real readers
// live in ingest/, which this layer does not link).
ReleaseBatch read_ons_els(const std::string& name, int64_t n) {
  ReleaseBatch b;
  b.release.publisher = "Office for National Statistics";
  b.release.source_url = "https://www.ons.gov.uk/explore-local-statistics";
  b.release.file_name = name + ".csv";
  b.release.format = "test-ons-els";
  b.release.sha256 = std::string(63, '0') + std::to_string(n);
  b.release.licence = "OGL-UK-3.0";
  b.release.loaded_by = "sqlite_crosscheck_test";
  std::ifstream in(std::string(LGB_SOURCE_DIR) + "/data/ons-els/" + name + ".csv");
  std::string line;
  std::getline(in, line);
  std::set<std::string> areas, periods;
  std::map<std::string, Metric> metrics;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto f = split_csv(line);
    if (f.size() < 11) continue;
    auto period = parse_iso_period(f[4]);
    auto value = make_value(f[5], f[10], "");
    if (!period || !value) continue;
    const std::string metric_id = slugify(f[3]);
    if (!metrics.count(metric_id)) {
      Metric m;
      m.id = metric_id;
      m.title = f[3];
      m.unit = f[7];
      m.polarity = Polarity::kNeither;
      m.publisher = b.release.publisher;
      m.licence = "OGL-UK-3.0";
      metrics[metric_id] = m;
    }
    if (areas.insert(f[0]).second) {
      Area a;
      a.code = f[0];
      a.name = f[1];
      a.type = type_of(f[0]);
      a.region_code = "";
      b.areas.push_back(a);
    }
    if (periods.insert(period->id()).second) b.periods.push_back(*period);
    b.observations.push_back({f[0], metric_id, period->id(), *value});
  }
  for (auto& [id, m] : metrics) b.metrics.push_back(m);
  b.release.row_count = static_cast<int64_t>(b.observations.size());
  return b;
}

struct SqlStats {
  int count = 0, withheld = 0;
  double min = 0, max = 0, mean = 0, median = 0;
};

SqlStats sql_stats(sqlite3* db, const std::string& metric, const std::string& period, bool lower) {
  const std::string types = lower ? "'district','unitary','metropolitan-district','london-borough'"
                                  : "'county','unitary','metropolitan-district','london-borough'";
  const std::string sql =
      "WITH members AS (SELECT code FROM areas WHERE code LIKE 'E%' AND "
      "  (end_date IS NULL OR end_date = '') AND type IN (" + types + ")), "
      "obs AS (SELECT o.number AS x FROM observations o JOIN members m ON m.code = o.area_code "
      "  WHERE o.current = 1 AND o.metric_id = ?1 AND o.period_id = ?2), "
      "v AS (SELECT x FROM obs WHERE x IS NOT NULL), n AS (SELECT COUNT(*) AS c FROM v) "
      "SELECT (SELECT c FROM n), (SELECT COUNT(*) FROM obs WHERE x IS NULL), MIN(x), MAX(x), AVG(x), "
      "  (SELECT AVG(x) FROM (SELECT x FROM v ORDER BY x "
      "     LIMIT 2 - (SELECT c FROM n) % 2 OFFSET ((SELECT c FROM n) - 1) / 2)) FROM v";
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_bind_text(st, 1, metric.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, period.c_str(), -1, SQLITE_TRANSIENT);
  SqlStats out;
  if (sqlite3_step(st) == SQLITE_ROW) {
    out.count = sqlite3_column_int(st, 0);
    out.withheld = sqlite3_column_int(st, 1);
    out.min = sqlite3_column_double(st, 2);
    out.max = sqlite3_column_double(st, 3);
    out.mean = sqlite3_column_double(st, 4);
    out.median = sqlite3_column_double(st, 5);
  }
  sqlite3_finalize(st);
  return out;
}

bool sql_lower_tier(sqlite3* db, const std::string& metric) {
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT EXISTS (SELECT 1 FROM observations o JOIN areas a ON a.code = o.area_code "
                     "WHERE o.current = 1 AND o.metric_id = ?1 AND a.type = 'district' AND "
                     "a.code LIKE 'E%' AND (a.end_date IS NULL OR a.end_date = '') AND o.number IS NOT NULL)",
                     -1, &st, nullptr);
  sqlite3_bind_text(st, 1, metric.c_str(), -1, SQLITE_TRANSIENT);
  const bool r = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
  sqlite3_finalize(st);
  return r;
}

TEST(SqliteCrosscheck, EnglandStatisticsMatchSqlForEveryMetricAndPeriod) {
  testing::TempDir dir;
  const std::string path = dir.file("lgbench.db");
  {
    auto store = open_sqlite_store(path);
    ASSERT_TRUE(store.ok()) << store.error().message;
    int64_t n = 0;
    for (const char* name : {"claimant-count", "gcses-in-english-and-maths",
                             "housing-affordability-ratio", "early-years"}) {
      auto r = (*store)->load_release(read_ons_els(name, ++n));
      ASSERT_TRUE(r.ok()) << name << ": " << r.error().message;
    }
    auto snap = build_snapshot(**store);
    ASSERT_TRUE(snap.ok()) << snap.error().message;
    const Snapshot& s = **snap;
    ASSERT_GE(s.metric_count(), 4u);

    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    int checked = 0, with_values = 0;
    for (uint32_t m = 0; m < s.metric_count(); ++m) {
      const MetricData& md = s.metric(m);
      EXPECT_EQ(md.lower_tier, sql_lower_tier(db, md.metric.id)) << md.metric.id;
      for (const Column& c : md.columns) {
        const std::string pid = s.periods()[c.period].id();
        auto sum = summarise(s, kAnyone, md.metric.id, "england", pid);
        ASSERT_TRUE(sum.ok()) << sum.error().message;
        const SqlStats q = sql_stats(db, md.metric.id, pid, md.lower_tier);
        ++checked;
        EXPECT_EQ(sum->withheld, q.withheld) << md.metric.id << " " << pid;
        if (q.count == 0) {
          EXPECT_FALSE(sum->stats) << md.metric.id << " " << pid;
          continue;
        }
        ++with_values;
        ASSERT_TRUE(sum->stats) << md.metric.id << " " << pid;
        EXPECT_EQ(sum->stats->count, q.count) << md.metric.id << " " << pid;
        EXPECT_EQ(sum->stats->min, q.min) << md.metric.id << " " << pid;
        EXPECT_EQ(sum->stats->max, q.max) << md.metric.id << " " << pid;
        EXPECT_NEAR(sum->stats->median, q.median, 1e-9 * std::max(1.0, std::fabs(q.median)))
            << md.metric.id << " " << pid;
        EXPECT_NEAR(sum->stats->mean, q.mean, 1e-9 * std::max(1.0, std::fabs(q.mean)))
            << md.metric.id << " " << pid;
      }
    }
    sqlite3_close(db);
    EXPECT_GT(checked, 20);
    EXPECT_GT(with_values, 20);
  }
}

}  // namespace
}  // namespace lgb
