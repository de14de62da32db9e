#include "ingest/period_formats.h"

#include <gtest/gtest.h>

namespace lgb {
namespace {

std::string id_of(std::string_view text, PeriodFormat f = PeriodFormat::kAuto) {
  auto p = parse_published_period(text, f);
  return p ? p->id() : "error: " + p.error().message;
}

TEST(PeriodFormats, FinancialYearsAsPublishersWriteThem) {
  for (auto text : {"2022-23", "2022/23", "FY 2022/23", "FY2022-23", "2022-2023", "2022/2023",
                    "2022 to 2023", "202223", " 2022-23 ", "Financial year 2022/23",
                    "2022\xE2\x80\x93" "23"})
    EXPECT_EQ(id_of(text, PeriodFormat::kFinancialYear), "fy2022-23") << text;
  EXPECT_EQ(id_of("1999-00", PeriodFormat::kFinancialYear), "fy1999-00");
  EXPECT_EQ(id_of("2022-24", PeriodFormat::kFinancialYear).rfind("error", 0), 0u);
  EXPECT_EQ(id_of("2022-23", PeriodFormat::kAcademicYear), "ay2022-23");
  EXPECT_EQ(id_of("202223", PeriodFormat::kAcademicYear), "ay2022-23");
}

TEST(PeriodFormats, QuartersMonthsYearsSpans) {
  EXPECT_EQ(id_of("Q1 2023"), "2023-q1");
  EXPECT_EQ(id_of("2023 Q4", PeriodFormat::kQuarter), "2023-q4");
  EXPECT_EQ(id_of("2023-Q2", PeriodFormat::kQuarter), "2023-q2");
  EXPECT_EQ(id_of("2023Q3", PeriodFormat::kQuarter), "2023-q3");
  // Financial quarters: Q1 of 2023-24 is April to June 2023; Q4 is Jan-Mar 2024.
  EXPECT_EQ(id_of("2023-24 Q1", PeriodFormat::kQuarter), "2023-q2");
  EXPECT_EQ(id_of("Q4 2023/24", PeriodFormat::kQuarter), "2024-q1");
  EXPECT_EQ(id_of("Q5 2023", PeriodFormat::kQuarter).rfind("error", 0), 0u);
  EXPECT_EQ(id_of("January 2023", PeriodFormat::kMonth), "2023-01");
  EXPECT_EQ(id_of("Sep 2021"), "2021-09");
  EXPECT_EQ(id_of("2023-11", PeriodFormat::kMonth), "2023-11");
  EXPECT_EQ(id_of("2023", PeriodFormat::kCalendarYear), "cy2023");
  EXPECT_EQ(id_of("2023"), "cy2023");
  EXPECT_EQ(id_of("2019-2021"), "cy2019-2021");
  EXPECT_EQ(id_of("2019 to 2023", PeriodFormat::kMultiYear), "cy2019-2023");
  EXPECT_EQ(id_of("2019-2020"), "fy2019-20");  // consecutive: a financial year
  EXPECT_EQ(id_of("2019-2020", PeriodFormat::kMultiYear), "cy2019-2020");
}

TEST(PeriodFormats, IsoAndIds) {
  EXPECT_EQ(id_of("2022-04-01/P1Y"), "fy2022-23");
  EXPECT_EQ(id_of("2022-04-01/P1Y", PeriodFormat::kIso), "fy2022-23");
  EXPECT_EQ(id_of("2012-02-01/P1Y", PeriodFormat::kIso), "2012-02-01/p1y");
  EXPECT_EQ(id_of("2024-05-15"), "2024-05-15");
  EXPECT_EQ(id_of("ay2022-23", PeriodFormat::kId), "ay2022-23");
  EXPECT_EQ(id_of("2022-23", PeriodFormat::kId).rfind("error", 0), 0u);
  // A canonical Period: the one the id gives (same start date and sort key).
  auto p = parse_published_period("2022-08-01/P1Y", PeriodFormat::kIso);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->id(), "ay2022-23");
  EXPECT_EQ(p->month, 9);
}

TEST(PeriodFormats, ErrorsNameTextAndShapes) {
  auto p = parse_published_period("sometime", PeriodFormat::kFinancialYear);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("'sometime'"), std::string::npos);
  EXPECT_NE(p.error().message.find("2022-23"), std::string::npos);
  EXPECT_FALSE(parse_published_period("", PeriodFormat::kAuto).ok());
  EXPECT_FALSE(parse_published_period("2023-13", PeriodFormat::kMonth).ok());
  EXPECT_EQ(parse_period_format("financial-year"), PeriodFormat::kFinancialYear);
  EXPECT_FALSE(parse_period_format("fiscal").has_value());
}

}  // namespace
}  // namespace lgb
