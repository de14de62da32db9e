#include "engine/stats.h"

#include <gtest/gtest.h>

#include <vector>

namespace lgb {
namespace {

TEST(Quantile, Type7EvenCount) {
  const std::vector<double> v{1, 2, 3, 4};
  EXPECT_DOUBLE_EQ(quantile_type7(v, 0.25), 1.75);
  EXPECT_DOUBLE_EQ(quantile_type7(v, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(quantile_type7(v, 0.75), 3.25);
  EXPECT_DOUBLE_EQ(quantile_type7(v, 0.0), 1);
  EXPECT_DOUBLE_EQ(quantile_type7(v, 1.0), 4);
}

TEST(Quantile, Type7OddCountAndDeciles) {
  const std::vector<double> v{1, 2, 3, 4, 5};
  const GroupStatistics st = describe_sorted(v);
  EXPECT_DOUBLE_EQ(st.q1, 2);
  EXPECT_DOUBLE_EQ(st.median, 3);
  EXPECT_DOUBLE_EQ(st.q3, 4);
  EXPECT_DOUBLE_EQ(st.deciles[0], 1.4);  // h = 0.4
  EXPECT_DOUBLE_EQ(st.deciles[8], 4.6);
  EXPECT_DOUBLE_EQ(st.mean, 3);
  EXPECT_EQ(st.count, 5);
}

TEST(Quantile, SingleValue) {
  const std::vector<double> v{7};
  const GroupStatistics st = describe_sorted(v);
  EXPECT_DOUBLE_EQ(st.q1, 7);
  EXPECT_DOUBLE_EQ(st.q3, 7);
  EXPECT_DOUBLE_EQ(st.deciles[4], 7);
}

TEST(Median, EvenCountAveragesMiddlePair) {
  std::vector<double> v{4, 1, 3, 2};
  EXPECT_DOUBLE_EQ(median_in_place(v), 2.5);
  std::vector<double> w{9, 1, 5};
  EXPECT_DOUBLE_EQ(median_in_place(w), 5);
}

TEST(RobustZ, UsesScaledMad) {
  std::vector<double> v{1, 2, 3, 4, 100};
  const RobustScale s = robust_scale_in_place(v);
  EXPECT_DOUBLE_EQ(s.median, 3);
  EXPECT_DOUBLE_EQ(s.mad, 1);        // deviations 2 1 0 1 97
  EXPECT_DOUBLE_EQ(s.mean_ad, 20.2);
  const RobustZ z = robust_z(100, s);
  EXPECT_EQ(z.method, ZMethod::kMad);
  EXPECT_DOUBLE_EQ(z.z, 97 / 1.4826);
  EXPECT_DOUBLE_EQ(robust_z(1, s).z, -2 / 1.4826);
}

// The worked example of docs/methods.md, "MADs from median".
TEST(RobustZ, MadsFromMedianWorkedExample) {
  std::vector<double> v{2, 3, 4, 5, 9};
  const RobustScale s = robust_scale_in_place(v);
  EXPECT_DOUBLE_EQ(s.median, 4);
  EXPECT_DOUBLE_EQ(s.mad, 1);
  const RobustZ far = robust_z(9, s);
  ASSERT_TRUE(far.mads);
  EXPECT_DOUBLE_EQ(*far.mads, 5);
  EXPECT_NEAR(far.z, 3.37, 0.005);
  EXPECT_DOUBLE_EQ(*robust_z(3, s).mads, -1);
  EXPECT_NEAR(robust_z(3, s).z, -0.67, 0.005);
  std::vector<double> six{2, 3, 4, 4, 5, 9};
  const RobustScale s6 = robust_scale_in_place(six);
  EXPECT_DOUBLE_EQ(s6.mad, 1);
  EXPECT_DOUBLE_EQ(*robust_z(9, s6).mads, 5);
}

TEST(RobustZ, MadZeroFallsBackToMeanAbsoluteDeviation) {
  std::vector<double> v{5, 5, 5, 6, 9};
  const RobustScale s = robust_scale_in_place(v);
  EXPECT_DOUBLE_EQ(s.mad, 0);
  EXPECT_DOUBLE_EQ(s.mean_ad, 1);  // (0+0+0+1+4)/5
  const RobustZ z = robust_z(9, s);
  EXPECT_FALSE(z.mads);  // no MAD to measure in
  EXPECT_EQ(z.method, ZMethod::kMeanAd);
  EXPECT_DOUBLE_EQ(z.z, 4 / 1.2533);
}

TEST(RobustZ, AllEqualGivesZeroNotInfinity) {
  std::vector<double> v{5, 5, 5};
  const RobustScale s = robust_scale_in_place(v);
  const RobustZ z = robust_z(7, s);
  EXPECT_EQ(z.method, ZMethod::kConstant);
  EXPECT_EQ(z.z, 0);
}

TEST(Locate, TiesShareBestRankHigherIsBetter) {
  const std::vector<double> v{1, 2, 2, 3};
  const GroupStatistics st = describe_sorted(v);
  EXPECT_EQ(locate(3, v, st, Polarity::kHigherIsBetter).rank, 1);
  EXPECT_EQ(locate(2, v, st, Polarity::kHigherIsBetter).rank, 2);
  EXPECT_EQ(locate(1, v, st, Polarity::kHigherIsBetter).rank, 4);
  EXPECT_NEAR(locate(2, v, st, Polarity::kHigherIsBetter).percentile, 100.0 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(locate(3, v, st, Polarity::kHigherIsBetter).percentile, 100);
  EXPECT_DOUBLE_EQ(locate(1, v, st, Polarity::kHigherIsBetter).percentile, 0);
}

TEST(Locate, TiesShareBestRankLowerIsBetter) {
  const std::vector<double> v{1, 2, 2, 3};
  const GroupStatistics st = describe_sorted(v);
  EXPECT_EQ(locate(1, v, st, Polarity::kLowerIsBetter).rank, 1);
  EXPECT_EQ(locate(2, v, st, Polarity::kLowerIsBetter).rank, 2);
  EXPECT_EQ(locate(3, v, st, Polarity::kLowerIsBetter).rank, 4);
  EXPECT_DOUBLE_EQ(locate(1, v, st, Polarity::kLowerIsBetter).percentile, 100);
}

TEST(Locate, NeitherRanksHighestFirst) {
  const std::vector<double> v{1, 2, 3};
  const GroupStatistics st = describe_sorted(v);
  EXPECT_EQ(locate(3, v, st, Polarity::kNeither).rank, 1);
  EXPECT_EQ(locate(1, v, st, Polarity::kNeither).rank, 3);
}

TEST(Locate, QuartileBandsFollowPolarity) {
  const std::vector<double> v{1, 2, 3, 4, 5, 6, 7, 8};  // q1 2.75, median 4.5, q3 6.25
  const GroupStatistics st = describe_sorted(v);
  EXPECT_DOUBLE_EQ(st.q1, 2.75);
  EXPECT_DOUBLE_EQ(st.q3, 6.25);
  EXPECT_EQ(locate(7, v, st, Polarity::kHigherIsBetter).quartile_band, 1);
  EXPECT_EQ(locate(5, v, st, Polarity::kHigherIsBetter).quartile_band, 2);
  EXPECT_EQ(locate(3, v, st, Polarity::kHigherIsBetter).quartile_band, 3);
  EXPECT_EQ(locate(1, v, st, Polarity::kHigherIsBetter).quartile_band, 4);
  EXPECT_EQ(locate(1, v, st, Polarity::kLowerIsBetter).quartile_band, 1);
  EXPECT_EQ(locate(4, v, st, Polarity::kLowerIsBetter).quartile_band, 2);
  EXPECT_EQ(locate(6, v, st, Polarity::kLowerIsBetter).quartile_band, 3);
  EXPECT_EQ(locate(8, v, st, Polarity::kLowerIsBetter).quartile_band, 4);
}

TEST(Trend, DirectionReadsPolarity) {
  Trend up = trend_between(10.0, 12.0, Polarity::kHigherIsBetter);
  EXPECT_EQ(up.direction, Direction::kImproving);
  EXPECT_DOUBLE_EQ(*up.change, 2);
  EXPECT_DOUBLE_EQ(*up.pct_change, 20);
  EXPECT_EQ(trend_between(10.0, 12.0, Polarity::kLowerIsBetter).direction, Direction::kWorsening);
  EXPECT_EQ(trend_between(10.0, 8.0, Polarity::kLowerIsBetter).direction, Direction::kImproving);
  EXPECT_EQ(trend_between(10.0, 12.0, Polarity::kNeither).direction, Direction::kHigher);
  EXPECT_EQ(trend_between(10.0, 8.0, Polarity::kNeither).direction, Direction::kLower);
  EXPECT_EQ(trend_between(10.0, 10.0, Polarity::kHigherIsBetter).direction, Direction::kNoChange);
}

TEST(Trend, MissingOrZeroBase) {
  EXPECT_EQ(trend_between(std::nullopt, 12.0, Polarity::kHigherIsBetter).direction,
            Direction::kNotComparable);
  EXPECT_EQ(trend_between(3.0, std::nullopt, Polarity::kHigherIsBetter).direction,
            Direction::kNotComparable);
  Trend t = trend_between(0.0, 5.0, Polarity::kHigherIsBetter);
  EXPECT_EQ(t.direction, Direction::kImproving);
  EXPECT_FALSE(t.pct_change.has_value());
  EXPECT_DOUBLE_EQ(*trend_between(-4.0, -2.0, Polarity::kHigherIsBetter).pct_change, 50);
}

}  // namespace
}  // namespace lgb
