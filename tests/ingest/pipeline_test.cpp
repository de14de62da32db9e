// ingest_file against a real SQLite store in a temp dir: the register and
// catalogue are loaded first, then tidy files good and bad. A rejected file
// reports every problem with file, line, column and field, and leaves the
// store as it was.
#include <gtest/gtest.h>

#include "ingest_test_util.h"

namespace lgb {
namespace {

using testing::data_path;
using testing::TempDir;

class Pipeline : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = testing::open_store(dir_);
    ASSERT_NE(store_, nullptr);
    for (auto [rel, format] : {std::pair{"catalogue/metrics.csv", "metrics-catalogue"},
                               {"register/ons_uk_topojson_ltla14_lookup.csv", "ons-ltla-lookup"},
                               {"register/uk_local_authorities.csv", "register-mysociety"}}) {
      SourceSpec s;
      s.path = data_path(rel);
      s.format = format;
      s.publisher = "test";
      s.published_on = "2025-07-10";
      auto r = ingest_file(s, *store_);
      ASSERT_EQ(r.outcome, IngestOutcome::kLoaded) << rel << "\n" << r.report.format();
    }
  }

  SourceSpec tidy(const std::string& name, const std::string& bytes) {
    SourceSpec s;
    s.path = dir_.write(name, bytes);
    s.format = "tidy";
    s.publisher = "Test publisher";
    s.loaded_by = "pipeline_test";
    return s;
  }

  // Everything a rejected load must leave unchanged.
  struct Snapshot {
    size_t releases, areas, metrics, periods, values;
    bool operator==(const Snapshot&) const = default;
  };
  Snapshot snapshot() {
    ValueQuery q;
    q.metric_id = "claimant-count";
    q.include_history = true;
    return Snapshot{store_->list_releases()->size(), store_->list_areas()->size(),
                    store_->list_metrics()->size(), store_->list_periods()->size(),
                    store_->query_values(q)->size()};
  }

  // Ingests a bad tidy file and checks it is rejected whole with one error
  // at line/column/field, and the store is unchanged.
  void expect_rejected(const std::string& body, int64_t line, int64_t column,
                       const std::string& field, const std::string& words) {
    Snapshot before = snapshot();
    auto spec = tidy("bad.csv", body);
    auto r = ingest_file(spec, *store_);
    EXPECT_EQ(r.outcome, IngestOutcome::kRejected);
    EXPECT_EQ(r.release_id, 0);
    ASSERT_EQ(r.report.errors.size(), 1u) << r.report.format();
    const auto& e = r.report.errors[0];
    EXPECT_EQ(e.file, spec.path);
    EXPECT_EQ(e.line, line) << e.message;
    EXPECT_EQ(e.column, column) << e.message;
    EXPECT_EQ(e.field, field) << e.message;
    EXPECT_NE(e.message.find(words), std::string::npos) << e.message;
    EXPECT_TRUE(snapshot() == before);
  }

  static constexpr const char* kHeader = "area_code,metric_id,period,value,status,note\n";
  static constexpr const char* kGood = "E08000035,claimant-count,cy2024,3.0,,\n";

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(Pipeline, LoadsTidyFileExactly) {
  auto spec = tidy("good.csv", std::string(kHeader) +
                                   "E08000035,claimant-count,cy2024,3.10,,\n"
                                   "E08000035,claimant-count,cy2023,,c,\"suppressed, small\"\n");
  auto r = ingest_file(spec, *store_);
  ASSERT_EQ(r.outcome, IngestOutcome::kLoaded) << r.report.format();
  auto rel = store_->get_release(r.release_id);
  ASSERT_TRUE(rel.ok());
  EXPECT_EQ(rel->file_name, "good.csv");
  EXPECT_EQ(rel->format, "tidy");
  EXPECT_EQ(rel->publisher, "Test publisher");
  EXPECT_EQ(rel->loaded_by, "pipeline_test");
  EXPECT_EQ(rel->row_count, 2);
  EXPECT_EQ(rel->sha256, sha256_hex(*read_file_bytes(spec.path)));
  EXPECT_EQ(rel->sha256.size(), 64u);
  ValueQuery q;
  q.metric_id = "claimant-count";
  auto values = store_->query_values(q);
  ASSERT_EQ(values->size(), 2u);
  EXPECT_EQ((*values)[0].period_id, "cy2023");
  EXPECT_EQ((*values)[0].value.marker, Marker::kSuppressed);
  EXPECT_EQ((*values)[0].value.note, "suppressed, small");
  EXPECT_EQ((*values)[1].value.text, "3.10");
}

TEST_F(Pipeline, SameBytesTwiceIsAlreadyLoaded) {
  auto spec = tidy("good.csv", std::string(kHeader) + kGood);
  auto first = ingest_file(spec, *store_);
  ASSERT_EQ(first.outcome, IngestOutcome::kLoaded) << first.report.format();
  auto before = snapshot();
  auto spec2 = tidy("renamed.csv", std::string(kHeader) + kGood);
  auto second = ingest_file(spec2, *store_);
  EXPECT_EQ(second.outcome, IngestOutcome::kAlreadyLoaded);
  EXPECT_EQ(second.release_id, first.release_id);
  EXPECT_TRUE(snapshot() == before);
}

TEST_F(Pipeline, NewRevisionKeepsOldOne) {
  ASSERT_EQ(ingest_file(tidy("a.csv", std::string(kHeader) + kGood), *store_).outcome,
            IngestOutcome::kLoaded);
  auto r = ingest_file(
      tidy("b.csv", std::string(kHeader) + "E08000035,claimant-count,cy2024,3.00,r,\n"), *store_);
  ASSERT_EQ(r.outcome, IngestOutcome::kLoaded) << r.report.format();
  ValueQuery q;
  q.metric_id = "claimant-count";
  q.include_history = true;
  auto values = store_->query_values(q);
  ASSERT_EQ(values->size(), 2u);
  EXPECT_EQ((*values)[0].value.text, "3.0");
  EXPECT_FALSE((*values)[0].current);
  EXPECT_EQ((*values)[1].value.text, "3.00");
}

TEST_F(Pipeline, UnknownAreaRejected) {
  expect_rejected(std::string(kHeader) + kGood + "E08999999,claimant-count,cy2024,3.0,,\n", 3, 1,
                  "area_code", "unknown area code 'E08999999'");
}

TEST_F(Pipeline, UnknownMetricRejected) {
  expect_rejected(std::string(kHeader) + kGood + "E08000035,claimant-counts,cy2024,3.0,,\n", 3, 2,
                  "metric_id", "unknown metric 'claimant-counts'");
}

TEST_F(Pipeline, BadPeriodRejected) {
  expect_rejected(std::string(kHeader) + kGood + "E08000035,claimant-count,2024/25,3.0,,\n", 3, 3,
                  "period", "bad period '2024/25'");
}

TEST_F(Pipeline, ValueNeitherNumberNorMarkerRejected) {
  expect_rejected(std::string(kHeader) + kGood + "E08000035,claimant-count,cy2023,3,5,,\n", 3, 7,
                  "", "expected 6 fields, found 7");
  expect_rejected(std::string(kHeader) + kGood + "E08000035,claimant-count,cy2023,\"3,5\",,\n", 3,
                  4, "value", "neither a number nor a known status marker");
}

TEST_F(Pipeline, DuplicateKeyNamesBothLines) {
  expect_rejected(std::string(kHeader) + kGood + "E08000035,claimant-count,cy2023,1,,\n" + kGood, 4,
                  1, "area_code", "lines 2 and 4");
}

TEST_F(Pipeline, WrongColumnCountRejected) {
  expect_rejected(std::string(kHeader) + kGood + "E08000035,claimant-count,cy2023\n", 3, 4, "value",
                  "expected 6 fields, found 3");
}

TEST_F(Pipeline, BadEncodingRejected) {
  expect_rejected(std::string(kHeader) + kGood + "E08000035,claimant-count,cy2023,1,,caf\xE9\n", 3,
                  6, "note", "invalid UTF-8");
}

TEST_F(Pipeline, BomIsNotPartOfTheFirstColumnName) {
  auto spec = tidy("bom.csv", "\xEF\xBB\xBF" + std::string(kHeader) + kGood);
  auto r = ingest_file(spec, *store_);
  EXPECT_EQ(r.outcome, IngestOutcome::kLoaded) << r.report.format();
}

TEST_F(Pipeline, EveryProblemReportedAndNothingLoaded) {
  Snapshot before = snapshot();
  auto spec = tidy("many.csv", std::string(kHeader) + kGood +
                                   "E08999999,claimant-count,cy2024,3.0,,\n"   // 3 area
                                   "E08000035,nope,cy2024,3.0,,\n"             // 4 metric
                                   "E08000035,claimant-count,cy20,3.0,,\n"     // 5 period
                                   "E08000035,claimant-count,cy2022,abc,,\n"   // 6 value
                                   "E08000035,claimant-count,cy2021\n"         // 7 columns
                                   "E08000035,claimant-count,cy2024,3.0,,\n"   // 8 duplicate
                                   "E08000035,claimant-count,cy2020,\xFF,,\n"  // 9 encoding
                                   "E08000035,claimant-count,cy2019,1,,\n");
  auto r = ingest_file(spec, *store_);
  EXPECT_EQ(r.outcome, IngestOutcome::kRejected);
  ASSERT_EQ(r.report.errors.size(), 7u) << r.report.format();
  std::vector<int64_t> lines;
  for (const auto& e : r.report.errors) lines.push_back(e.line);
  std::sort(lines.begin(), lines.end());
  EXPECT_EQ(lines, (std::vector<int64_t>{3, 4, 5, 6, 7, 8, 9}));
  EXPECT_EQ(r.report.rows_read, 9);
  EXPECT_TRUE(snapshot() == before);
}

TEST_F(Pipeline, MissingFileAndUnknownFormat) {
  SourceSpec s;
  s.path = dir_.path() + "/absent.csv";
  s.format = "tidy";
  auto r = ingest_file(s, *store_);
  EXPECT_EQ(r.outcome, IngestOutcome::kRejected);
  ASSERT_EQ(r.report.errors.size(), 1u);
  EXPECT_NE(r.report.errors[0].message.find("cannot open"), std::string::npos);
  s = tidy("x.csv", std::string(kHeader) + kGood);
  s.format = "xlsx";
  r = ingest_file(s, *store_);
  EXPECT_EQ(r.outcome, IngestOutcome::kRejected);
}

TEST_F(Pipeline, ProgressIsReported) {
  std::string body = kHeader;
  for (int y = 1900; y < 2100; ++y)
    for (const char* a : {"E08000035", "E08000016", "E06000060", "E07000026", "E09000001"})
      for (const char* m : {"claimant-count", "cigarette-smokers"})
        for (int q = 1; q <= 4; ++q)
          body += std::string(a) + "," + m + "," + std::to_string(y) + "-q" + std::to_string(q) +
                  ",1,,\n";
  std::vector<int64_t> calls;
  auto r = ingest_file(tidy("big.csv", body), *store_, [&](int64_t n) { calls.push_back(n); });
  ASSERT_EQ(r.outcome, IngestOutcome::kLoaded) << r.report.format();
  EXPECT_EQ(r.report.rows_read, 8000);
  // Rows 1..8000: none at 10k; the final call reports the total.
  EXPECT_EQ(calls, std::vector<int64_t>{8000});
}

TEST(Manifest, ResolvesPathsAndChecksFormats) {
  TempDir dir;
  std::string m = dir.write("sources.csv",
                            "path,format,publisher,source_url,published_on,licence\n"
                            "a/b.csv,tidy,P,https://x,2024-01-01,OGL-UK-3.0\n"
                            "/abs/c.csv,ons-els,,,,\n"
                            "d.csv,pdf,,,,\n");
  IngestReport report;
  auto specs = read_manifest(m, report);
  ASSERT_EQ(specs.size(), 2u);
  EXPECT_EQ(specs[0].path, dir.path() + "/a/b.csv");
  EXPECT_EQ(specs[0].publisher, "P");
  EXPECT_EQ(specs[0].published_on, "2024-01-01");
  EXPECT_EQ(specs[0].licence, "OGL-UK-3.0");
  EXPECT_EQ(specs[1].path, "/abs/c.csv");
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].line, 4);
  EXPECT_EQ(report.errors[0].field, "format");
}

TEST(Manifest, SupportedFormats) {
  auto f = supported_formats();
  EXPECT_EQ(f.size(), 8u);
  EXPECT_NE(std::find(f.begin(), f.end(), "ons-la-changes"), f.end());
  EXPECT_NE(std::find(f.begin(), f.end(), "recipe"), f.end());
}

// A new ONS Explore Local Statistics file whose indicator the catalogue does
// not hold loads as it is: the metric is created from the sibling JSON.
TEST(PipelineNewMetrics, OnsFileForAnIndicatorNotInTheCatalogue) {
  TempDir dir;
  auto store = testing::open_store(dir);
  ASSERT_NE(store, nullptr);
  // A catalogue holding only what the register needs (its two measures).
  std::string catalogue = testing::file_line(data_path("catalogue/metrics.csv"), 1) + "\n";
  for (int64_t line = 2;; ++line) {
    std::string row = testing::file_line(data_path("catalogue/metrics.csv"), line);
    if (row.empty()) break;
    if (row.rfind("resident-population,", 0) == 0 || row.rfind("area-km2,", 0) == 0)
      catalogue += row + "\n";
  }
  for (auto [path, format] :
       {std::pair{dir.write("metrics.csv", catalogue), "metrics-catalogue"},
        {data_path("register/ons_uk_topojson_ltla14_lookup.csv"), "ons-ltla-lookup"},
        {data_path("register/uk_local_authorities.csv"), "register-mysociety"},
        {data_path("register/ons_uk_topojson_la_changes.csv"), "ons-la-changes"}}) {
    SourceSpec s;
    s.path = path;
    s.format = format;
    auto r = ingest_file(s, *store);
    ASSERT_EQ(r.outcome, IngestOutcome::kLoaded) << path << "\n" << r.report.format();
  }
  SourceSpec s;
  s.path = data_path("ons-els/claimant-count.csv");
  s.format = "ons-els";
  s.licence = "OGL-UK-3.0";
  auto r = ingest_file(s, *store);
  ASSERT_EQ(r.outcome, IngestOutcome::kLoaded) << r.report.format();
  EXPECT_EQ(r.report.new_metrics, std::vector<std::string>{"claimant-count"});
  auto metrics = store->list_metrics();
  ASSERT_TRUE(metrics.ok());
  const Metric* m = nullptr;
  for (const auto& x : *metrics)
    if (x.id == "claimant-count") m = &x;
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->title, "Claimant Count");
  EXPECT_EQ(m->unit, "%");
  EXPECT_EQ(m->measure, MeasureKind::kShare);  // a percentage: a share
  EXPECT_EQ(m->decimals, 1);
  EXPECT_EQ(m->publisher, "Office for National Statistics");
  EXPECT_EQ(m->licence, "OGL-UK-3.0");
  EXPECT_EQ(m->polarity, Polarity::kNeither);
  EXPECT_EQ(m->description.rfind("Percentage of people aged 16 to 64 who are claiming", 0), 0u)
      << m->description;
  EXPECT_NE(m->description.find("This indicator shows Claimant Count"), std::string::npos);
  ValueQuery q;
  q.metric_id = "claimant-count";
  q.area_codes = {"E08000035"};
  q.period_id = "cy2024";
  auto values = store->query_values(q);
  ASSERT_TRUE(values.ok());
  ASSERT_EQ(values->size(), 1u);

  // Loading a second file of the same indicator does not create it again
  // nor replace its description.
  EXPECT_TRUE(ingest_file(s, *store).report.new_metrics.empty());
}

// With the catalogue loaded, its description wins: nothing is created.
TEST_F(Pipeline, OnsFileForACatalogueMetricCreatesNothing) {
  SourceSpec changes;
  changes.path = data_path("register/ons_uk_topojson_la_changes.csv");
  changes.format = "ons-la-changes";
  ASSERT_EQ(ingest_file(changes, *store_).outcome, IngestOutcome::kLoaded);
  SourceSpec s;
  s.path = data_path("ons-els/library-walk.csv");
  s.format = "ons-els";
  auto r = ingest_file(s, *store_);
  ASSERT_EQ(r.outcome, IngestOutcome::kLoaded) << r.report.format();
  EXPECT_TRUE(r.report.new_metrics.empty());
}

}  // namespace
}  // namespace lgb
