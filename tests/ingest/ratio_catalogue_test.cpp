#include "ingest/ratio_catalogue.h"

#include <gtest/gtest.h>

#include <fstream>

#include "ingest_test_util.h"

namespace lgb {
namespace {

TEST(RatioCatalogue, ReadsTheBundledRatios) {
  IngestReport report;
  auto ratios = read_ratio_catalogue(testing::data_path("catalogue/ratios.csv"), report);
  ASSERT_TRUE(report.ok()) << report.format();
  ASSERT_GE(ratios.size(), 4u);
  const RatioDefinition& share = ratios[0];
  EXPECT_EQ(share.id, "ultra-low-emission-vehicles-share");
  EXPECT_EQ(share.numerator_metric, "ultra-low-emission-vehicles");
  EXPECT_EQ(share.denominator_metric, "all-licensed-vehicles");
  EXPECT_EQ(share.scale, 100);
  EXPECT_EQ(share.polarity, Polarity::kHigherIsBetter);
  EXPECT_EQ(share.measure, MeasureKind::kShare);
  EXPECT_EQ(ratios[1].title, "Ultra low emission vehicles per 1,000 residents");  // quoted commas
  for (const auto& r : ratios) EXPECT_NE(r.measure, MeasureKind::kCount) << r.id;
}

TEST(RatioCatalogue, BadRowsNameLineAndFieldAndYieldNothing) {
  testing::TempDir dir;
  const std::string path = dir.file("ratios.csv");
  std::ofstream(path) << "id,title,numerator_metric,denominator_metric,scale,polarity,unit,decimals,measure\n"
                         "good,Good,a,b,100,neither,%,1,share\n"
                         "Bad Id,T,a,b,0,upwards,%,11,gallons\n";
  IngestReport report;
  auto ratios = read_ratio_catalogue(path, report);
  EXPECT_TRUE(ratios.empty());
  std::vector<std::string> fields;
  for (const auto& e : report.errors) {
    EXPECT_EQ(e.line, 3);
    fields.push_back(e.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"id", "scale", "polarity", "decimals", "measure"}));
  IngestReport missing;
  EXPECT_TRUE(read_ratio_catalogue(dir.file("none.csv"), missing).empty());
  EXPECT_FALSE(missing.ok());
}

}  // namespace
}  // namespace lgb
