// Size doesn't stand out: every metric says what kind of figure it is; the
// default outlier scan holds no count for any council (include_counts
// brings them back), and the catalogue's rates and shares of the bundled
// counts are served like any metric. Real server, real bundled data.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "api_test_support.h"
#include "engine/queries.h"
#include "engine/snapshot.h"
#include "ingest/ratio_catalogue.h"
#include "store/store.h"

namespace lgb::test {
namespace {

namespace json = boost::json;

TEST(Measure, NoCountIsInADefaultScanForAnyCouncil) {
  auto& f = full_fixture();
  auto store = open_sqlite_store(f.db);
  ASSERT_TRUE(store.ok());
  SnapshotOptions opt;
  IngestReport report;
  opt.catalogue_ratios = read_ratio_catalogue(data_dir() + "/catalogue/ratios.csv", report);
  ASSERT_TRUE(report.ok()) << report.format();
  auto snap = build_snapshot(**store, opt);
  ASSERT_TRUE(snap.ok()) << snap.error().message;
  const Snapshot& s = **snap;
  std::set<std::string> counts;
  for (uint32_t m = 0; m < s.metric_count(); ++m)
    if (s.metric(m).metric.measure == MeasureKind::kCount) counts.insert(s.metric(m).metric.id);
  // The catalogue's counts, and those the recipes and ONS files bring.
  for (const char* id : {"all-licensed-vehicles", "area-km2", "resident-population",
                         "ultra-low-emission-vehicles", "active-businesses",
                         "fly-tipping-incidents", "household-waste-tonnes"})
    EXPECT_TRUE(counts.count(id)) << id;
  int scans = 0, counts_seen_with_option = 0;
  for (const Area& a : s.areas()) {
    if (!is_current_english_council(a)) continue;
    for (const char* group : {"england", "type"}) {
      OutlierQuery q;
      q.area_code = a.code;
      q.group = group;
      q.threshold = 0;
      q.top = 1000;
      auto scan = scan_outliers(s, Access::anonymous(), q);
      ASSERT_TRUE(scan.ok()) << a.code << " " << scan.error().message;
      for (const auto& it : scan->items)
        EXPECT_FALSE(counts.count(it.metric_id)) << a.code << " " << group << " " << it.metric_id;
      ++scans;
      q.include_counts = true;
      auto all = scan_outliers(s, Access::anonymous(), q);
      for (const auto& it : all->items) counts_seen_with_option += counts.count(it.metric_id) > 0;
    }
  }
  EXPECT_GT(scans, 600);
  EXPECT_GT(counts_seen_with_option, 600);
}

TEST(Measure, LeedsAgainstItsNeighboursShowsRatesNotSize) {
  auto port = full_fixture().server->port();
  auto r = http_get(port, "/api/v1/outliers?area=E08000035&group=neighbours&threshold=0&top=1000");
  ASSERT_EQ(r.status, 200) << r.body;
  auto doc = r.json();
  std::set<std::string> ids;
  for (const auto& it : doc.at("items").as_array()) {
    EXPECT_NE(it.at("metric").at("measure"), "count") << it;
    ids.emplace(it.at("metric").at("id").as_string());
  }
  EXPECT_TRUE(ids.count("ultra-low-emission-vehicles-share"));
  auto with = http_get(port, "/api/v1/outliers?area=E08000035&group=neighbours&threshold=0"
                             "&top=1000&include_counts=true").json();
  EXPECT_EQ(with.at("counts_left_out").as_int64(), 0);
  std::set<std::string> all;
  int64_t counts_back = 0;
  for (const auto& it : with.at("items").as_array()) {
    all.emplace(it.at("metric").at("id").as_string());
    counts_back += it.at("metric").at("measure") == "count";
  }
  EXPECT_TRUE(all.count("resident-population"));
  // Every count the option brings back was left out of the default scan
  // (which also counts those Leeds or its neighbours cannot be scanned on).
  EXPECT_GE(counts_back, 4);
  EXPECT_GE(doc.at("counts_left_out").as_int64(), counts_back);
  EXPECT_EQ(http_get(port, "/api/v1/outliers?area=E08000035&include_counts=maybe").status, 400);
}

TEST(Measure, EveryMetricSaysItsKindAndTheShareIsComputedFromThePublishedCounts) {
  auto port = full_fixture().server->port();
  auto metrics = http_get(port, "/api/v1/metrics").json();
  for (const auto& m : metrics.at("items").as_array()) {
    EXPECT_NE(m.at("measure"), "other") << m.at("id");
    if (m.at("measure") == "count") {
      EXPECT_EQ(m.at("polarity"), "neither") << m.at("id");
    }
  }
  auto ratios = http_get(port, "/api/v1/ratios").json();
  std::set<std::string> ids;
  for (const auto& r : ratios.at("items").as_array()) ids.emplace(r.at("id").as_string());
  for (const char* id : {"ultra-low-emission-vehicles-share", "licensed-vehicles-per-1000-residents",
                         "ultra-low-emission-vehicles-per-1000-residents", "residents-per-km2"})
    EXPECT_TRUE(ids.count(id)) << id;

  auto c = http_get(port, "/api/v1/compare?metric=ultra-low-emission-vehicles-share"
                          "&area=E08000035&group=type&period=cy2025");
  ASSERT_EQ(c.status, 200) << c.body;
  auto o = c.json();
  EXPECT_EQ(o.at("metric").at("measure"), "share");
  auto value_of = [&](const std::string& metric) {
    auto d = http_get(port, "/api/v1/data?metric=" + metric + "&area=E08000035&period=cy2025").json();
    return d.at("values").as_array().at(0).at("number").to_number<double>();
  };
  const double expected =
      value_of("ultra-low-emission-vehicles") / value_of("all-licensed-vehicles") * 100;
  EXPECT_NEAR(o.at("value").to_number<double>(), expected, 1e-9 * expected);
}

}  // namespace
}  // namespace lgb::test
