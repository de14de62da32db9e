#include <gtest/gtest.h>

#include <algorithm>

#include "ingest_test_util.h"

namespace lgb {
namespace {

using testing::read_bytes;
using testing::read_data_file;

const std::string kHeader =
    "id,title,description,unit,polarity,decimals,themes,services,directorates,portfolios,"
    "publisher,source_url,licence,visibility\n";

TEST(CatalogueReader, ReadsTheBundledCatalogue) {
  KnownRegister known;
  IngestReport report;
  auto r = read_data_file(&read_metrics_catalogue, "catalogue/metrics.csv", known, report);
  ASSERT_TRUE(report.ok()) << report.format();
  EXPECT_EQ(r.batch.metrics.size(), 74u);
  EXPECT_TRUE(r.batch.observations.empty());
  auto it = std::find_if(r.batch.metrics.begin(), r.batch.metrics.end(),
                         [](const Metric& m) { return m.id == "claimant-count"; });
  ASSERT_NE(it, r.batch.metrics.end());
  EXPECT_EQ(it->title, "Claimant Count");
  EXPECT_EQ(it->unit, "%");
  EXPECT_EQ(it->polarity, Polarity::kLowerIsBetter);
  EXPECT_EQ(it->decimals, 1);
  EXPECT_EQ(it->themes, std::vector<std::string>{"economy"});
  EXPECT_EQ(it->services, std::vector<std::string>{"Employment support"});
  EXPECT_EQ(it->publisher, "Office for National Statistics");
  EXPECT_EQ(it->licence, "OGL-UK-3.0");
  EXPECT_EQ(it->visibility, Visibility::kPublic);
  auto appr = r.batch.metrics[0];
  EXPECT_EQ(appr.id, "apprenticeship-achievements-england");
  EXPECT_EQ(appr.themes, (std::vector<std::string>{"economy", "skills"}));
  // Every bundled metric says what kind of figure it is; counts are neither.
  for (const Metric& m : r.batch.metrics) {
    EXPECT_NE(m.measure, MeasureKind::kOther) << m.id;
    if (m.measure == MeasureKind::kCount) {
      EXPECT_EQ(m.polarity, Polarity::kNeither) << m.id;
    }
  }
  EXPECT_EQ(it->measure, MeasureKind::kShare);
}

TEST(CatalogueReader, MeasureKindsAndCountsReadAsNeither) {
  KnownRegister known;
  IngestReport report;
  const std::string header = kHeader.substr(0, kHeader.size() - 1) + ",measure\n";
  auto r = read_bytes(&read_metrics_catalogue,
                      header +
                          "a,A,,%,higher-is-better,1,,,,,,,,public,share\n"
                          "b,B,,count,neither,0,,,,,,,,public,count\n"
                          "c,C,,count,higher-is-better,0,,,,,,,,public,count\n"
                          "d,D,,x,neither,0,,,,,,,,public,gallons\n",
                      "m.csv", known, report);
  ASSERT_EQ(r.batch.metrics.size(), 2u);
  EXPECT_EQ(r.batch.metrics[0].measure, MeasureKind::kShare);
  EXPECT_EQ(r.batch.metrics[1].measure, MeasureKind::kCount);
  ASSERT_EQ(report.errors.size(), 2u) << report.format();
  EXPECT_EQ(report.errors[0].line, 4);
  EXPECT_EQ(report.errors[0].field, "polarity");
  EXPECT_NE(report.errors[0].message.find("a count has polarity neither"), std::string::npos);
  EXPECT_EQ(report.errors[1].field, "measure");
  // Without the column every metric is "other".
  IngestReport plain;
  auto o = read_bytes(&read_metrics_catalogue, kHeader + "ok,Fine,,%,neither,1,,,,,,,,public\n",
                      "m.csv", known, plain);
  ASSERT_TRUE(plain.ok()) << plain.format();
  EXPECT_EQ(o.batch.metrics.at(0).measure, MeasureKind::kOther);
}

TEST(CatalogueReader, BadRowsReported) {
  KnownRegister known;
  IngestReport report;
  auto r = read_bytes(&read_metrics_catalogue,
                      kHeader +
                          "ok,Fine,,%,neither,1,,,,,,,,public\n"
                          "Not A Slug,T,,%,neither,1,,,,,,,,public\n"
                          "x,T,,%,upwards,1,,,,,,,,public\n"
                          "y,T,,%,neither,one,,,,,,,,secret\n"
                          "ok,Again,,%,neither,1,,,,,,,,public\n",
                      "m.csv", known, report);
  EXPECT_EQ(r.batch.metrics.size(), 1u);
  ASSERT_EQ(report.errors.size(), 5u) << report.format();
  EXPECT_EQ(report.errors[0].field, "id");
  EXPECT_EQ(report.errors[0].line, 3);
  EXPECT_EQ(report.errors[1].field, "polarity");
  EXPECT_EQ(report.errors[2].field, "decimals");
  EXPECT_EQ(report.errors[3].field, "visibility");
  EXPECT_EQ(report.errors[4].line, 6);
  EXPECT_NE(report.errors[4].message.find("first on line 2"), std::string::npos);
}

}  // namespace
}  // namespace lgb
