#include <gtest/gtest.h>

#include <map>

#include "ingest_test_util.h"

namespace lgb {
namespace {

using testing::read_bytes;
using testing::read_data_file;

TEST(TraffordReader, Recycling) {
  KnownRegister known;
  IngestReport report;
  auto r = read_data_file(&read_trafford, "trafford/recycling.csv", known, report);
  ASSERT_TRUE(report.ok()) << report.format();
  EXPECT_EQ(r.batch.observations.size(), 3205u);
  const auto& first = r.batch.observations[0];
  // E07000223,Adur,2015/16,Waste Reused/Recycled/Composted,Proportion,Percent,32
  EXPECT_EQ(first.area_code, "E07000223");
  EXPECT_EQ(first.metric_id, "waste-reused-recycled-composted");
  EXPECT_EQ(first.period_id, "fy2015-16");
  EXPECT_EQ(first.value.text, "32");
  std::map<std::string, int> metrics;
  for (const auto& o : r.batch.observations) ++metrics[o.metric_id];
  for (const auto& [m, n] : metrics)
    EXPECT_TRUE(m == "waste-reused-recycled-composted" || m == "recycling") << m;
}

TEST(TraffordReader, UlevColumnsInAnotherOrderAndNa) {
  KnownRegister known;
  IngestReport report;
  auto r = read_data_file(&read_trafford, "trafford/ulev.csv", known, report);
  ASSERT_TRUE(report.ok()) << report.format();
  EXPECT_EQ(r.batch.observations.size(), 10830u);
  const auto& first = r.batch.observations[0];
  EXPECT_EQ(first.area_code, "E06000047");
  EXPECT_EQ(first.metric_id, "ultra-low-emission-vehicles");
  EXPECT_EQ(first.period_id, "cy2025");
  EXPECT_EQ(first.value.text, "11407");
}

TEST(TraffordReader, NaIsNotAvailable) {
  KnownRegister known;
  IngestReport report;
  auto r = read_bytes(&read_trafford,
                      "area_code,area_name,period,indicator,measure,unit,value\n"
                      "E1,A,2019/20,Recycling,Proportion,Percent,NA\n"
                      "E1,A,2019,Recycling,Proportion,Percent,n/a\n",
                      "t.csv", known, report);
  ASSERT_EQ(r.batch.observations.size(), 1u);
  EXPECT_EQ(r.batch.observations[0].value.text, "NA");
  EXPECT_EQ(r.batch.observations[0].value.marker, Marker::kNotAvailable);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].line, 3);
  EXPECT_EQ(report.errors[0].column, 7);
  EXPECT_EQ(report.errors[0].field, "value");
}

}  // namespace
}  // namespace lgb
