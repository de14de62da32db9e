#include <gtest/gtest.h>

#include "ingest_test_util.h"

namespace lgb {
namespace {

using testing::read_bytes;

TEST(TidyReader, ReadsValuesExactly) {
  KnownRegister known;
  IngestReport report;
  auto r = read_bytes(&read_tidy,
                      "area_code,metric_id,period,value,status,note\n"
                      "E08000035,claimant-count,fy2022-23,12.50,,\n"
                      "E08000035,claimant-count,cy2023,,x,\"not collected, 2023\"\n"
                      "E08000035,claimant-count,2023-q1,007,p,\n",
                      "t.csv", known, report);
  ASSERT_TRUE(report.ok()) << report.format();
  ASSERT_EQ(r.batch.observations.size(), 3u);
  const auto& o = r.batch.observations;
  EXPECT_EQ(o[0].area_code, "E08000035");
  EXPECT_EQ(o[0].metric_id, "claimant-count");
  EXPECT_EQ(o[0].period_id, "fy2022-23");
  EXPECT_EQ(o[0].value.text, "12.50");
  EXPECT_DOUBLE_EQ(*o[0].value.number, 12.5);
  EXPECT_EQ(o[1].value.text, "");
  EXPECT_EQ(o[1].value.marker, Marker::kNotAvailable);
  EXPECT_EQ(o[1].value.note, "not collected, 2023");
  EXPECT_EQ(o[2].value.text, "007");
  EXPECT_EQ(o[2].value.marker, Marker::kProvisional);
  EXPECT_EQ(r.batch.periods.size(), 3u);
  EXPECT_EQ(r.sources[1].line, 3);
}

TEST(TidyReader, ColumnsByNameOptionalOnesMayBeAbsent) {
  KnownRegister known;
  IngestReport report;
  auto r = read_bytes(&read_tidy, "value,period,metric_id,area_code\n3,cy2020,m,E1\n", "t.csv",
                      known, report);
  ASSERT_TRUE(report.ok()) << report.format();
  ASSERT_EQ(r.batch.observations.size(), 1u);
  EXPECT_EQ(r.batch.observations[0].value.text, "3");
  EXPECT_EQ(r.batch.observations[0].area_code, "E1");
}

TEST(TidyReader, HeaderProblems) {
  KnownRegister known;
  IngestReport report;
  read_bytes(&read_tidy, "area_code,metric,period,value,colour\n", "t.csv", known, report);
  // Missing metric_id, unknown "metric" and "colour".
  ASSERT_EQ(report.errors.size(), 3u) << report.format();
  EXPECT_EQ(report.errors[0].field, "metric_id");
  EXPECT_EQ(report.errors[1].column, 2);
  EXPECT_EQ(report.errors[2].field, "colour");
}

TEST(TidyReader, RowProblemsNameLineColumnAndField) {
  KnownRegister known;
  IngestReport report;
  auto r = read_bytes(&read_tidy,
                      "area_code,metric_id,period,value,status\n"
                      "E1,m,2022/23,1,\n"      // bad period id
                      "E1,m,cy2022,1.2.3,\n"   // not a number
                      "E1,m,cy2021,1,maybe\n"  // unknown marker
                      "E1,m,cy2020,,\n"        // empty without status
                      "E1,m,cy2019,5,\n",
                      "t.csv", known, report);
  EXPECT_EQ(r.batch.observations.size(), 1u);
  ASSERT_EQ(report.errors.size(), 4u) << report.format();
  EXPECT_EQ(report.errors[0].line, 2);
  EXPECT_EQ(report.errors[0].column, 3);
  EXPECT_EQ(report.errors[0].field, "period");
  EXPECT_EQ(report.errors[1].line, 3);
  EXPECT_EQ(report.errors[1].field, "value");
  EXPECT_NE(report.errors[1].message.find("neither a number nor"), std::string::npos);
  EXPECT_EQ(report.errors[2].field, "status");
  EXPECT_EQ(report.errors[2].column, 5);
  EXPECT_EQ(report.errors[3].line, 5);
  EXPECT_EQ(report.errors[3].field, "value");
  for (const auto& e : report.errors) EXPECT_EQ(e.file, "t.csv");
}

TEST(TidyReader, IsoDatesAndIntervalsBecomeCanonicalIds) {
  KnownRegister known;
  IngestReport report;
  auto r = read_bytes(&read_tidy,
                      "area_code,metric_id,period,value\n"
                      "E1,m,2022-04-01/P1Y,1\n"
                      "E1,m,2023-01-01/P1Y,2\n"
                      "E1,m,2019-01-01/P5Y,3\n"
                      "E1,m,2023-04-01/P3M,4\n"
                      "E1,m,2012-02-01/P1Y,5\n"
                      "E1,m,2024-05-15,6\n"
                      "E1,m,2022-04-01/P1Q,7\n",
                      "t.csv", known, report);
  ASSERT_EQ(report.errors.size(), 1u) << report.format();
  EXPECT_EQ(report.errors[0].line, 8);
  EXPECT_EQ(report.errors[0].field, "period");
  std::vector<std::string> ids;
  for (const auto& o : r.batch.observations) ids.push_back(o.period_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"fy2022-23", "cy2023", "cy2019-2023", "2023-q2",
                                           "2012-02-01/p1y", "2024-05-15"}));
  // The same Period as the id gives: one start date and sort key per id.
  EXPECT_EQ(r.batch.periods[0].start_date(), "2022-04-01");
  EXPECT_EQ(r.batch.periods[0].kind, PeriodKind::kFinancialYear);
}

}  // namespace
}  // namespace lgb
