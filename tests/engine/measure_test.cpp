// Measure kinds: counts grow with a council's size, so the outlier scan
// leaves them out unless asked, and the catalogue's derived rates and shares
// (SnapshotOptions::catalogue_ratios) stand in for them.
#include <gtest/gtest.h>

#include "engine/queries.h"
#include "engine_fixture.h"

namespace lgb {
namespace {

using testing::Cell;
using testing::make_metric;
using testing::num;

Metric with_measure(Metric m, MeasureKind k) {
  m.measure = k;
  return m;
}

std::shared_ptr<const Snapshot> measure_fixture() {
  std::vector<Area> areas;
  std::vector<Cell> cells;
  for (int i = 0; i < 10; ++i) {
    const std::string code = "E07000" + std::to_string(101 + i);
    areas.push_back(testing::council(code, "District " + std::to_string(i), AreaType::kDistrict,
                                     "E12000001"));
    // The first district is ten times the size of the others, and also has
    // the highest share.
    const int people = i == 0 ? 1000000 : 90000 + 1000 * i;
    cells.push_back({code, "people", "cy2024", num(std::to_string(people))});
    cells.push_back({code, "cars", "cy2024", num(std::to_string(people / 2 + 7 * i))});
    cells.push_back({code, "share", "cy2024", num(std::to_string(i == 0 ? 90 : 40 + i))});
  }
  RatioDefinition per_head;
  per_head.id = "cars-per-1000-people";
  per_head.title = "Cars per 1,000 people";
  per_head.numerator_metric = "cars";
  per_head.denominator_metric = "people";
  per_head.scale = 1000;
  per_head.measure = MeasureKind::kRate;
  SnapshotOptions opt;
  opt.catalogue_ratios = {per_head};
  return testing::build(areas,
                        {with_measure(make_metric("people", Polarity::kNeither), MeasureKind::kCount),
                         with_measure(make_metric("cars", Polarity::kNeither), MeasureKind::kCount),
                         with_measure(make_metric("share", Polarity::kHigherIsBetter),
                                      MeasureKind::kShare)},
                        {"cy2024"}, cells, {}, {}, opt);
}

std::vector<std::string> scanned(const OutlierScan& scan) {
  std::vector<std::string> ids;
  for (const auto& it : scan.items) ids.push_back(it.metric_id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

TEST(Measure, TheDefaultScanLeavesCountsOut) {
  auto s = measure_fixture();
  OutlierQuery q;
  q.area_code = "E07000101";
  q.threshold = 0;
  q.top = 1000;
  auto scan = scan_outliers(*s, kAnyone, q);
  ASSERT_TRUE(scan.ok()) << scan.error().message;
  EXPECT_EQ(scan->counts_left_out, 2);
  EXPECT_EQ(scan->metrics_considered, 2);
  EXPECT_EQ(scanned(*scan), (std::vector<std::string>{"cars-per-1000-people", "share"}));
  for (const auto& it : scan->items) EXPECT_NE(it.measure, MeasureKind::kCount) << it.metric_id;

  q.include_counts = true;
  auto all = scan_outliers(*s, kAnyone, q);
  EXPECT_EQ(all->counts_left_out, 0);
  EXPECT_EQ(scanned(*all),
            (std::vector<std::string>{"cars", "cars-per-1000-people", "people", "share"}));
}

TEST(Measure, CatalogueRatiosCarryTheirKind) {
  auto s = measure_fixture();
  auto m = s->find_metric("cars-per-1000-people");
  ASSERT_TRUE(m);
  EXPECT_TRUE(s->metric(*m).ratio);
  EXPECT_EQ(s->metric(*m).metric.measure, MeasureKind::kRate);
  auto c = compare(*s, kAnyone, "cars-per-1000-people", "E07000102", "england", "");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->measure, MeasureKind::kRate);
  EXPECT_NEAR(*c->value, 1000.0 * (91000 / 2 + 7) / 91000, 1e-9);
}

}  // namespace
}  // namespace lgb
