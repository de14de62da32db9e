// Baseline, year-on-year change and the target trajectory; the default
// factor year of a financial year and how the choice is described.
#include <gtest/gtest.h>

#include <cmath>

#include "carbon/trajectory.h"

namespace lgb::testing {
namespace {

using carbon::trajectory;

TEST(Trajectory, CompoundsTheAnnualReductionToNetZero) {
  CarbonTarget t{"E08000035", "fy2019-20", 13.1, 2038, "", ""};
  auto points = trajectory(t, {{"fy2019-20", 1000}, {"fy2020-21", 900}, {"fy2021-22", 700}});
  ASSERT_TRUE(points.ok()) << points.error().message;
  ASSERT_EQ(points->size(), 20u);  // 2019/20 to 2038/39
  EXPECT_EQ((*points)[0].period_id, "fy2019-20");
  EXPECT_EQ((*points)[0].target, 1000);
  EXPECT_DOUBLE_EQ((*points)[1].target, 869);
  EXPECT_FALSE(*(*points)[1].on_track);  // 900 > 869
  EXPECT_DOUBLE_EQ((*points)[2].target, 1000 * 0.869 * 0.869);  // 755.161
  EXPECT_TRUE(*(*points)[2].on_track);
  EXPECT_DOUBLE_EQ(*(*points)[2].change_from_baseline_percent, -30);
  EXPECT_NEAR(*(*points)[2].change_from_previous_percent, -22.2222222, 1e-6);
  EXPECT_FALSE((*points)[3].actual.has_value());
  EXPECT_EQ(points->back().period_id, "fy2038-39");
  EXPECT_NEAR(points->back().target, 1000 * std::pow(0.869, 19), 1e-9);
}

TEST(Trajectory, RefusesWhatCannotBeATarget) {
  EXPECT_FALSE(trajectory({"x", "fy2019-20", 13.1, 2038, "", ""}, {}).ok());  // no baseline footprint
  EXPECT_FALSE(trajectory({"x", "fy2019-20", 0, 2038, "", ""}, {{"fy2019-20", 1}}).ok());
  EXPECT_FALSE(trajectory({"x", "fy2019-20", 10, 2019, "", ""}, {{"fy2019-20", 1}}).ok());
  EXPECT_FALSE(trajectory({"x", "cy2019", 10, 2030, "", ""}, {{"cy2019", 1}}).ok());
}

TEST(FactorYear, DefaultIsTheReportingYearsOwnElseTheLatestBefore) {
  EXPECT_EQ(carbon::default_factor_year(2022, {2022, 2023}), 2022);
  EXPECT_EQ(carbon::default_factor_year(2024, {2022, 2023}), 2023);
  EXPECT_EQ(carbon::default_factor_year(2019, {2022, 2023}), 2022);
  EXPECT_FALSE(carbon::default_factor_year(2022, {}).has_value());
  EXPECT_EQ(carbon::factor_basis(2022, 2022, {2022, 2023}), "2022 factors (the reporting year's own)");
  EXPECT_EQ(carbon::factor_basis(2022, 2023, {2022, 2023}), "re-based on the 2023 factors");
  EXPECT_EQ(carbon::factor_basis(2024, 2023, {2022, 2023}), "2023 factors (2024 factors not loaded)");
}

TEST(FactorYear, FinancialYears) {
  EXPECT_EQ(*carbon::financial_year_start("fy2022-23"), 2022);
  EXPECT_FALSE(carbon::financial_year_start("cy2022").ok());
  EXPECT_EQ(carbon::financial_year_id(2009), "fy2009-10");
  EXPECT_EQ(carbon::financial_year_id(2099), "fy2099-00");
}

}  // namespace
}  // namespace lgb::testing
