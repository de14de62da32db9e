#include "engine/queries.h"

#include <gtest/gtest.h>

#include "engine_fixture.h"

namespace lgb {
namespace {

using testing::Cell;
using testing::make_metric;
using testing::num;
using testing::suppressed;

// "hi": published for districts (so lower tier), higher is better.
// "lo": published for upper tier only, lower is better.
std::shared_ptr<const Snapshot> queries_fixture(std::vector<CustomGroup> groups = {}) {
  std::vector<Cell> cells = {
      {"E07000001", "hi", "fy2023-24", num("10")},
      {"E07000002", "hi", "fy2023-24", num("20")},
      {"E07000003", "hi", "fy2023-24", num("20")},
      {"E06000001", "hi", "fy2023-24", num("30")},
      {"E06000002", "hi", "fy2023-24", suppressed()},
      {"E08000001", "hi", "fy2023-24", num("40")},
      {"E07000009", "hi", "fy2023-24", num("99")},  // ended: never a comparator
      {"W06000001", "hi", "fy2023-24", num("50")},  // Welsh: not in England groups
      {"E06000001", "hi", "fy2022-23", num("25")},
      {"E07000001", "hi", "fy2022-23", num("12")},
      {"E10000001", "lo", "fy2023-24", num("5")},
      {"E10000002", "lo", "fy2023-24", num("7")},
      {"E06000001", "lo", "fy2023-24", num("7")},
      {"E06000002", "lo", "fy2023-24", num("9")},
      {"E08000001", "lo", "fy2023-24", num("1")},
      {"E09000001", "lo", "fy2023-24", num("3")},
  };
  return testing::build(testing::test_register(),
                        {make_metric("hi", Polarity::kHigherIsBetter),
                         make_metric("lo", Polarity::kLowerIsBetter)},
                        {"fy2022-23", "fy2023-24"}, cells, {}, groups);
}

TEST(Compare, HandComputedStatisticsWithMissingAndSuppressed) {
  auto s = queries_fixture();
  auto c = compare(*s, kAnyone, "hi", "E06000001", "england", "fy2023-24");
  ASSERT_TRUE(c.ok()) << c.error().message;
  // Lower tier (metric published for districts): 7 current English councils.
  ASSERT_EQ(c->members.size(), 7u);
  ASSERT_TRUE(c->stats);
  EXPECT_EQ(c->stats->count, 5);
  EXPECT_EQ(c->stats->withheld, 1);  // E06000002 [c]
  EXPECT_EQ(c->stats->missing, 1);   // E09000001 absent
  EXPECT_DOUBLE_EQ(c->stats->min, 10);
  EXPECT_DOUBLE_EQ(c->stats->max, 40);
  EXPECT_DOUBLE_EQ(c->stats->mean, 24);
  EXPECT_DOUBLE_EQ(c->stats->median, 20);
  EXPECT_DOUBLE_EQ(c->stats->q1, 20);
  EXPECT_DOUBLE_EQ(c->stats->q3, 30);
  EXPECT_DOUBLE_EQ(c->stats->mad, 10);
  ASSERT_TRUE(c->position);
  EXPECT_EQ(c->position->rank, 2);
  EXPECT_EQ(c->position->of, 5);
  EXPECT_DOUBLE_EQ(c->position->percentile, 75);
  EXPECT_EQ(c->position->quartile_band, 1);
  EXPECT_NEAR(c->position->z.z, 10 / 14.826, 1e-12);
  EXPECT_EQ(c->previous_period_id, "fy2022-23");
  EXPECT_EQ(c->trend.direction, Direction::kImproving);
  EXPECT_DOUBLE_EQ(*c->trend.change, 5);
  EXPECT_DOUBLE_EQ(*c->trend.pct_change, 20);
}

TEST(Compare, TiesShareRankAcrossMembers) {
  auto s = queries_fixture();
  auto c = compare(*s, kAnyone, "hi", "E07000002", "england", "");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->period_id, "fy2023-24");  // latest by default
  EXPECT_EQ(c->position->rank, 3);
  for (const auto& m : c->members) {
    if (m.code == "E07000003") {
      EXPECT_EQ(m.rank, 3);
    }
  }
  EXPECT_EQ(c->trend.direction, Direction::kNotComparable);  // no 2022-23 value
}

TEST(Compare, UpperTierMetricEvenCountLowerIsBetter) {
  auto s = queries_fixture();
  auto c = compare(*s, kAnyone, "lo", "E06000001", "england", "fy2023-24");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->members.size(), 6u);  // counties and single-tier councils
  EXPECT_DOUBLE_EQ(c->stats->median, 6);  // 1 3 5 7 7 9
  EXPECT_EQ(c->position->rank, 4);        // shares 4th with E10000002
  EXPECT_EQ(c->position->quartile_band, 3);
  EXPECT_EQ(c->stats->missing, 0);
}

TEST(Compare, MissingFocusValueHasNoPosition) {
  auto s = queries_fixture();
  auto c = compare(*s, kAnyone, "hi", "E09000001", "england", "fy2023-24");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->state, CellState::kAbsent);
  EXPECT_FALSE(c->position);
  auto w = compare(*s, kAnyone, "hi", "E06000002", "england", "fy2023-24");
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->state, CellState::kWithheld);
  EXPECT_EQ(w->marker, Marker::kSuppressed);
  EXPECT_FALSE(w->value);
}

TEST(Compare, BadParametersAreClearErrors) {
  auto s = queries_fixture();
  auto a = compare(*s, kAnyone, "nope", "E06000001", "england", "");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().code, ErrorCode::kNotFound);
  EXPECT_NE(a.error().message.find("nope"), std::string::npos);
  EXPECT_EQ(compare(*s, kAnyone, "hi", "E99999999", "england", "").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(compare(*s, kAnyone, "hi", "E06000001", "england", "fy1999-00").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(compare(*s, kAnyone, "hi", "E06000001", "martians", "").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(compare(*s, kAnyone, "", "E06000001", "england", "").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(compare(*s, kAnyone, "hi", "", "england", "").error().code, ErrorCode::kInvalidArgument);
}

TEST(Rank, TopAndBottomByPolarityTiesByCode) {
  auto s = queries_fixture();
  auto r = rank(*s, kAnyone, "hi", "england", "fy2023-24", 3);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->count, 5);
  ASSERT_EQ(r->top.size(), 3u);
  EXPECT_EQ(r->top[0].code, "E08000001");
  EXPECT_EQ(r->top[1].code, "E06000001");
  EXPECT_EQ(r->top[2].code, "E07000002");  // tie with E07000003, code order
  EXPECT_EQ(r->top[2].rank, 3);
  EXPECT_EQ(r->bottom[0].code, "E07000001");
  EXPECT_EQ(r->bottom[0].rank, 5);
  EXPECT_EQ(r->bottom[1].rank, 3);
  auto lo = rank(*s, kAnyone, "lo", "england", "", 1);
  ASSERT_TRUE(lo.ok());
  EXPECT_EQ(lo->top[0].code, "E08000001");  // lowest is best
  EXPECT_EQ(rank(*s, kAnyone, "hi", "england", "", 0).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(rank(*s, kAnyone, "hi", "type", "", 5).error().code, ErrorCode::kInvalidArgument);
  auto typed = rank(*s, kAnyone, "hi", "type:district", "", 5);
  ASSERT_TRUE(typed.ok());
  EXPECT_EQ(typed->count, 3);
}

TEST(Compare, CustomGroupIncludesFocus) {
  CustomGroup g{"my-group", "My group", {"E07000001", "E09000001"}, ""};
  auto s = queries_fixture({g});
  auto c = compare(*s, kAnyone, "hi", "E06000001", "my-group", "");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->members.size(), 3u);
  EXPECT_EQ(c->group_label, "My group");
  EXPECT_EQ(c->stats->count, 2);
  EXPECT_EQ(c->stats->missing, 1);
  EXPECT_EQ(c->position->rank, 1);
  ASSERT_TRUE(compare(*s, kAnyone, "hi", "E06000001", "custom:my-group", "").ok());
}

// ---- outliers ----------------------------------------------------------------

std::shared_ptr<const Snapshot> outlier_fixture() {
  std::vector<Area> areas;
  for (int i = 101; i <= 111; ++i)
    areas.push_back(testing::council("E07000" + std::to_string(i), "D" + std::to_string(i),
                                     AreaType::kDistrict, "E12000001"));
  std::vector<Metric> metrics = {
      make_metric("a-worse-worsening", Polarity::kHigherIsBetter, {"finance"}),
      make_metric("b-better", Polarity::kLowerIsBetter),
      make_metric("c-worse-improving", Polarity::kHigherIsBetter, {"finance"}),
      make_metric("d-normal", Polarity::kHigherIsBetter),
      make_metric("e-neither", Polarity::kNeither),
  };
  std::vector<Cell> cells;
  auto others = [&](const std::string& m) {
    for (int i = 102; i <= 111; ++i)
      cells.push_back({"E07000" + std::to_string(i), m, "fy2023-24", num(std::to_string(i - 92))});
  };
  for (const auto& m : metrics) others(m.id);  // 10..19
  cells.push_back({"E07000101", "a-worse-worsening", "fy2023-24", num("0")});
  cells.push_back({"E07000101", "a-worse-worsening", "fy2022-23", num("5")});
  cells.push_back({"E07000101", "b-better", "fy2023-24", num("0")});
  cells.push_back({"E07000101", "c-worse-improving", "fy2023-24", num("1")});
  cells.push_back({"E07000101", "c-worse-improving", "fy2022-23", num("0")});
  cells.push_back({"E07000101", "d-normal", "fy2023-24", num("14")});
  cells.push_back({"E07000101", "e-neither", "fy2023-24", num("100")});
  return testing::build(areas, metrics, {"fy2022-23", "fy2023-24"}, cells);
}

TEST(Outliers, OrderedByAbsoluteZThenIdWithConcernFlag) {
  auto s = outlier_fixture();
  OutlierQuery q;
  q.area_code = "E07000101";
  q.group = "england";
  auto r = scan_outliers(*s, kAnyone, q);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->metrics_considered, 5);
  EXPECT_EQ(r->metrics_compared, 5);
  EXPECT_EQ(r->flagged, 4);
  ASSERT_EQ(r->items.size(), 4u);
  EXPECT_EQ(r->items[0].metric_id, "e-neither");
  EXPECT_EQ(r->items[1].metric_id, "a-worse-worsening");
  EXPECT_EQ(r->items[2].metric_id, "b-better");
  EXPECT_EQ(r->items[3].metric_id, "c-worse-improving");
  EXPECT_EQ(r->items[0].assessment, "different");
  EXPECT_FALSE(r->items[0].concern);
  EXPECT_EQ(r->items[1].assessment, "worse");
  EXPECT_EQ(r->items[1].trend.direction, Direction::kWorsening);
  EXPECT_TRUE(r->items[1].concern);
  EXPECT_EQ(r->items[1].rank, 11);
  EXPECT_EQ(r->items[1].of, 11);
  EXPECT_DOUBLE_EQ(r->items[1].group_median, 14);  // 0,10..19: middle of 11
  EXPECT_EQ(r->items[2].assessment, "better");
  EXPECT_EQ(r->items[2].rank, 1);
  EXPECT_FALSE(r->items[2].concern);
  EXPECT_EQ(r->items[3].trend.direction, Direction::kImproving);
  EXPECT_FALSE(r->items[3].concern);
}

TEST(Outliers, TopCutsAfterCountingAndTagFilterApplies) {
  auto s = outlier_fixture();
  OutlierQuery q;
  q.area_code = "E07000101";
  q.top = 2;
  auto r = scan_outliers(*s, kAnyone, q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->flagged, 4);
  ASSERT_EQ(r->items.size(), 2u);
  q.top = 20;
  q.theme = "finance";
  auto f = scan_outliers(*s, kAnyone, q);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->metrics_considered, 2);
  ASSERT_EQ(f->items.size(), 2u);
  EXPECT_EQ(f->items[0].metric_id, "a-worse-worsening");
  q.theme.clear();
  q.threshold = 100;
  EXPECT_TRUE(scan_outliers(*s, kAnyone, q)->items.empty());
  q.threshold = -1;
  EXPECT_EQ(scan_outliers(*s, kAnyone, q).error().code, ErrorCode::kInvalidArgument);
}

TEST(Outliers, NonPublicMetricsAreLeftOutUnlessAsked) {
  std::vector<Area> areas;
  for (int i = 101; i <= 111; ++i)
    areas.push_back(testing::council("E07000" + std::to_string(i), "D" + std::to_string(i),
                                     AreaType::kDistrict, "E12000001"));
  Metric draft = make_metric("draft-metric", Polarity::kHigherIsBetter);
  draft.visibility = Visibility::kDraft;
  std::vector<Cell> cells;
  for (int i = 102; i <= 111; ++i)
    cells.push_back({"E07000" + std::to_string(i), "draft-metric", "fy2023-24",
                     num(std::to_string(i - 92))});
  cells.push_back({"E07000101", "draft-metric", "fy2023-24", num("0")});
  auto s = testing::build(areas, {draft}, {"fy2023-24"}, cells);
  OutlierQuery q;
  q.area_code = "E07000101";
  auto anonymous = scan_outliers(*s, kAnyone, q);
  ASSERT_TRUE(anonymous.ok());
  EXPECT_EQ(anonymous->metrics_considered, 0);
  EXPECT_TRUE(anonymous->items.empty());
  const Access drafts = Access::for_user(Role::kDataManager, "some-org");
  auto signed_in = scan_outliers(*s, drafts, q);
  ASSERT_TRUE(signed_in.ok());
  ASSERT_EQ(signed_in->items.size(), 1u);
  EXPECT_EQ(signed_in->items[0].metric_id, "draft-metric");
}

TEST(Outliers, OnDemandGroupMatchesPrecomputed) {
  // region: computed on demand; england: precomputed. Same members here.
  auto s = outlier_fixture();
  OutlierQuery q;
  q.area_code = "E07000101";
  auto a = scan_outliers(*s, kAnyone, q);
  q.group = "region";
  auto b = scan_outliers(*s, kAnyone, q);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->items.size(), b->items.size());
  for (size_t i = 0; i < a->items.size(); ++i) {
    EXPECT_EQ(a->items[i].metric_id, b->items[i].metric_id);
    EXPECT_DOUBLE_EQ(a->items[i].z.z, b->items[i].z.z);
  }
}

}  // namespace
}  // namespace lgb
