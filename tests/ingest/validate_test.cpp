#include "ingest/validate.h"

#include <gtest/gtest.h>

namespace lgb {
namespace {

Observation obs(const std::string& area, const std::string& metric, const std::string& period) {
  return Observation{area, metric, period, *make_value("1", "", "")};
}

class Validate : public ::testing::Test {
 protected:
  void SetUp() override {
    Area leeds;
    leeds.code = "E08000035";
    known_.areas[leeds.code] = leeds;
    known_.metric_ids.insert("claimant-count");
    read_.header = {"area_code", "metric_id", "period", "value"};
  }
  void add(const Observation& o, int64_t line) {
    auto p = parse_period_id(o.period_id);
    read_.add(o, p.ok() ? *p : Period{}, ObservationSource{line, 0, 1, 2});
  }
  // What the pipeline does: the areas, then every observation as it comes,
  // with what the batch brings counted as known.
  void validate(const std::string& file) {
    validate_areas(read_, known_, file, report_);
    ObservationChecker checker(known_, file, report_);
    for (const auto& a : read_.batch.areas) checker.area_added(a.code);
    for (const auto& m : read_.batch.metrics) checker.metric_added(m.id);
    for (size_t i = 0; i < read_.batch.observations.size(); ++i)
      checker.check(read_, read_.batch.observations[i], read_.sources[i]);
  }
  KnownRegister known_;
  ReadResult read_;
  IngestReport report_;
};

TEST_F(Validate, CleanBatchHasNoErrors) {
  add(obs("E08000035", "claimant-count", "cy2023"), 2);
  add(obs("E08000035", "claimant-count", "cy2024"), 3);
  validate("f.csv");
  EXPECT_TRUE(report_.ok()) << report_.format();
}

TEST_F(Validate, AreasAndMetricsOfTheSameBatchCount) {
  Area a;
  a.code = "E06999999";
  read_.add_area(a, 5);
  Metric m;
  m.id = "new-metric";
  read_.batch.metrics.push_back(m);
  add(obs("E06999999", "new-metric", "cy2023"), 2);
  validate("f.csv");
  EXPECT_TRUE(report_.ok()) << report_.format();
}

TEST_F(Validate, UnknownAreaMetricAndPeriod) {
  add(obs("E01", "claimant-count", "cy2023"), 2);
  add(obs("E08000035", "x", "cy2023"), 3);
  // An observation whose period the reader never registered.
  read_.batch.observations.push_back(obs("E08000035", "claimant-count", "cy23"));
  read_.sources.push_back(ObservationSource{4, 0, 1, 2});
  validate("f.csv");
  ASSERT_EQ(report_.errors.size(), 3u) << report_.format();
  EXPECT_EQ(report_.errors[0].line, 2);
  EXPECT_EQ(report_.errors[0].column, 1);
  EXPECT_EQ(report_.errors[0].field, "area_code");
  EXPECT_EQ(report_.errors[1].column, 2);
  EXPECT_EQ(report_.errors[1].field, "metric_id");
  EXPECT_EQ(report_.errors[2].column, 3);
  EXPECT_EQ(report_.errors[2].field, "period");
  EXPECT_EQ(report_.errors[2].file, "f.csv");
}

// Duplicate keys are the store's to find as the release is written:
// pipeline_test (DuplicateKeyNamesBothLines) and the store tests.

TEST_F(Validate, AreaReferencesMustBeKnown) {
  Area a;
  a.code = "E07999999";
  a.region_code = "E12999999";
  a.parent_code = "E08000035";  // known: fine
  a.successor_codes = {"E06999999"};
  read_.add_area(a, 4);
  read_.add_area(a, 7);
  validate("reg.csv");
  ASSERT_EQ(report_.errors.size(), 5u) << report_.format();
  EXPECT_NE(report_.errors[0].message.find("defined twice (also on line 4)"), std::string::npos);
  EXPECT_EQ(report_.errors[1].line, 4);
  EXPECT_NE(report_.errors[1].message.find("region E12999999"), std::string::npos);
  EXPECT_NE(report_.errors[2].message.find("successor E06999999"), std::string::npos);
}

}  // namespace
}  // namespace lgb
