// Recipes against a real SQLite store with the register and catalogue
// loaded: the bundled DEFRA workbooks read as their recipes say, CSV tables
// long and wide with publisher periods, markers, separators and footnote
// marks, and recipe and table errors that name file, line (or cell) and key.
#include <gtest/gtest.h>

#include "ingest/recipe.h"
#include "ingest_test_util.h"
#include "workbook_writer.h"

namespace lgb {
namespace {

using testing::data_path;
using testing::TempDir;

class Recipes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    auto s = open_sqlite_store(dir_->path() + "/base.db");
    ASSERT_TRUE(s.ok());
    for (auto [rel, format] : {std::pair{"catalogue/metrics.csv", "metrics-catalogue"},
                               {"register/ons_uk_topojson_ltla14_lookup.csv", "ons-ltla-lookup"},
                               {"register/uk_local_authorities.csv", "register-mysociety"},
                               {"register/ons_uk_topojson_la_changes.csv", "ons-la-changes"}}) {
      SourceSpec spec;
      spec.path = data_path(rel);
      spec.format = format;
      auto r = ingest_file(spec, **s);
      ASSERT_EQ(r.outcome, IngestOutcome::kLoaded) << rel << "\n" << r.report.format();
    }
  }
  static void TearDownTestSuite() { delete dir_; }

  // A copy of the base store per test, so each test starts from the register.
  void SetUp() override {
    std::filesystem::copy_file(dir_->path() + "/base.db", mine_.path() + "/lgb.db");
    auto s = open_sqlite_store(mine_.path() + "/lgb.db");
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
  }

  IngestResult load(const std::string& recipe_text, const std::string& file_name,
                    const std::string& bytes) {
    SourceSpec spec;
    spec.format = "recipe";
    spec.recipe = mine_.write("recipe.toml", recipe_text);
    spec.path = mine_.write(file_name, bytes);
    return ingest_file(spec, *store_);
  }
  IngestResult load_file(const std::string& recipe_path, const std::string& file) {
    SourceSpec spec;
    spec.format = "recipe";
    spec.recipe = recipe_path;
    spec.path = file;
    return ingest_file(spec, *store_);
  }

  std::vector<StoredValue> values(const std::string& metric, const std::string& area = "") {
    ValueQuery q;
    q.metric_id = metric;
    if (!area.empty()) q.area_codes = {area};
    auto v = store_->query_values(q);
    EXPECT_TRUE(v.ok());
    return v.ok() ? *v : std::vector<StoredValue>{};
  }

  static TempDir* dir_;
  TempDir mine_;
  std::unique_ptr<Store> store_;
};
TempDir* Recipes::dir_ = nullptr;

const std::string kMetric = R"(
[[metrics]]
id = "test-rate"
title = "Test rate"
unit = "%"
polarity = "higher-is-better"
themes = ["waste"]
)";

TEST_F(Recipes, DefraWasteIndicatorsOds) {
  auto r = load_file(data_path("recipes/defra-waste-indicators.toml"),
                     data_path("defra/LA_collection.ods"));
  ASSERT_EQ(r.outcome, IngestOutcome::kLoaded) << r.report.format();
  EXPECT_EQ(r.report.new_metrics,
            (std::vector<std::string>{"residual-household-waste-per-household",
                                      "household-waste-recycling-rate",
                                      "municipal-waste-landfilled",
                                      "household-waste-collected-per-person"}));
  // Adur 2010-11: the stored proportion, its text kept, the number scaled.
  auto adur = values("household-waste-recycling-rate", "E07000223");
  ASSERT_FALSE(adur.empty());
  EXPECT_EQ(adur[0].period_id, "fy2010-11");
  EXPECT_EQ(adur[0].value.text, "0.36699999999999999");
  EXPECT_NEAR(*adur[0].value.number, 36.7, 1e-9);
  // A district does not landfill: "-" mapped to not applicable, text kept.
  auto landfill = values("municipal-waste-landfilled", "E07000223");
  ASSERT_FALSE(landfill.empty());
  EXPECT_EQ(landfill[0].value.marker, Marker::kNotApplicable);
  EXPECT_EQ(landfill[0].value.marker_text, "-");
  EXPECT_FALSE(landfill[0].value.has_number());
  // Joint waste authorities and totals are skipped, and said so.
  std::string notes;
  for (const auto& n : r.report.notes) notes += n + "\n";
  EXPECT_NE(notes.find("rows.skip_area_prefixes"), std::string::npos) << notes;
  EXPECT_NE(notes.find("without an area code"), std::string::npos) << notes;
  auto releases = store_->list_releases();
  ASSERT_TRUE(releases.ok());
  const Release& rel = releases->back();
  EXPECT_EQ(rel.publisher, "Department for Environment, Food & Rural Affairs");
  EXPECT_EQ(rel.published_on, "2024-03-01");
  EXPECT_EQ(rel.licence, "OGL-UK-3.0");
  EXPECT_EQ(rel.format.rfind("recipe:defra-waste-indicators.toml@", 0), 0u) << rel.format;
  // The same bytes with the same recipe again: nothing new.
  EXPECT_EQ(load_file(data_path("recipes/defra-waste-indicators.toml"),
                      data_path("defra/LA_collection.ods"))
                .outcome,
            IngestOutcome::kAlreadyLoaded);
}

TEST_F(Recipes, DefraFlyTippingOdsKeepsTheReportingBasisAsNote) {
  auto r = load_file(data_path("recipes/defra-fly-tipping-incidents.toml"),
                     data_path("defra/flytipping_la.ods"));
  ASSERT_EQ(r.outcome, IngestOutcome::kLoaded) << r.report.format();
  auto leeds = values("fly-tipping-incidents-per-1000-people", "E08000035");
  bool found = false;
  for (const auto& v : leeds)
    if (v.period_id == "fy2022-23") {
      found = true;
      EXPECT_EQ(v.value.text, "14.18631144959835");
      EXPECT_EQ(v.value.note, "Customer/public reported only");
    }
  EXPECT_TRUE(found);
  auto total = values("fly-tipping-incidents", "E08000035");
  ASSERT_EQ(total.size(), 11u);  // 2012-13 to 2022-23
  EXPECT_EQ(total[0].value.text, "2977");
}

TEST_F(Recipes, LongCsvWithPublisherPeriodsMarkersAndSeparators) {
  auto r = load(R"(
[source]
publisher = "A council"
licence = "OGL-UK-3.0"
[columns]
area = "Area code"
period = "Year"
period_format = "financial-year"
value = "Value"
note = "Notes"
[values]
markers = { "-" = "not-applicable", "" = "not-available" }
thousands_separator = ","
percent_sign = true
footnote_marks = ["*", "†"]
strip_prefixes = ["£"]
)" + kMetric,
                "t.csv",
                "Area code,Area name,Year,Value,Notes\n"
                "E08000035,Leeds,2022-23,\"1,234.5\",\n"
                "E08000035,Leeds,FY 2021/22,45%,\n"
                "E08000035,Leeds,2020/21,12.3*,provisional\n"
                "E08000035,Leeds,2019-20,[c],\n"
                "E08000035,Leeds,2018-2019,-,\n"
                "E08000035,Leeds,2017 to 2018,,\n"
                "E08000035,Leeds,2016-17,-£5,\n"
                "E08000035,Leeds,2015-16,7.5 [p],\n"
                ",Note: figures are provisional,,,\n");
  ASSERT_EQ(r.outcome, IngestOutcome::kLoaded) << r.report.format();
  auto v = values("test-rate", "E08000035");
  ASSERT_EQ(v.size(), 8u);
  std::map<std::string, Value> by;
  for (const auto& x : v) by[x.period_id] = x.value;
  EXPECT_EQ(by["fy2022-23"].text, "1,234.5");
  EXPECT_DOUBLE_EQ(*by["fy2022-23"].number, 1234.5);
  EXPECT_DOUBLE_EQ(*by["fy2021-22"].number, 45);
  EXPECT_EQ(by["fy2020-21"].text, "12.3*");
  EXPECT_DOUBLE_EQ(*by["fy2020-21"].number, 12.3);
  EXPECT_EQ(by["fy2020-21"].note, "provisional");  // the note column wins over the mark
  EXPECT_EQ(by["fy2019-20"].marker, Marker::kSuppressed);
  EXPECT_EQ(by["fy2018-19"].marker, Marker::kNotApplicable);
  EXPECT_EQ(by["fy2017-18"].marker, Marker::kNotAvailable);
  EXPECT_EQ(by["fy2017-18"].text, "");
  EXPECT_DOUBLE_EQ(*by["fy2016-17"].number, -5);
  EXPECT_EQ(by["fy2015-16"].marker, Marker::kProvisional);
  EXPECT_EQ(by["fy2015-16"].marker_text, "[p]");
  EXPECT_DOUBLE_EQ(*by["fy2015-16"].number, 7.5);
  EXPECT_EQ(r.report.new_metrics, std::vector<std::string>{"test-rate"});
}

TEST_F(Recipes, WidePeriodsWithAMetricColumnAndFilters) {
  auto r = load(R"(
[table]
layout = "wide-periods"
skip_rows = 1
header_rows = 2
[columns]
area = "Code"
metric = "Measure"
period_format = "financial-year"
[rows]
where = { "Sex" = "Persons" }
skip_area_prefixes = ["W"]
[[metrics]]
id = "test-count"
title = "Test count"
match = "Households"
[[metrics]]
id = "test-rate"
title = "Test rate"
match = "Rate per 1,000"
)",
                "w.csv",
                "Table 1: something,,,,,\n"
                ",,,Financial year,,\n"
                "Code,Measure,Sex,2021-22,2022-23,Comment\n"
                "E08000035,Households,Persons,100,110,x\n"
                "E08000035,Households,Female,60,61,\n"
                "E08000035,\"Rate per\n1,000\",Persons,2.5,2.6,\n"
                "W06000015,Households,Persons,1,2,\n"
                "E08000035,Other,Persons,9,9,\n");
  ASSERT_EQ(r.outcome, IngestOutcome::kLoaded) << r.report.format();
  auto count = values("test-count", "E08000035");
  ASSERT_EQ(count.size(), 2u);
  EXPECT_EQ(count[0].period_id, "fy2021-22");
  EXPECT_EQ(count[1].value.text, "110");
  auto rate = values("test-rate", "E08000035");
  ASSERT_EQ(rate.size(), 2u);
  EXPECT_EQ(rate[1].value.text, "2.6");
  std::string notes;
  for (const auto& n : r.report.notes) notes += n + "\n";
  // Not a period (its name carries the merged title cell above it).
  EXPECT_NE(notes.find("'Financial year Comment'"), std::string::npos) << notes;
  EXPECT_NE(notes.find("'Other'"), std::string::npos) << notes;         // no metric matches
  EXPECT_NE(notes.find("rows not matching rows.where"), std::string::npos) << notes;
}

TEST_F(Recipes, XlsxSheetErrorsNameTheCell) {
  TempDir dir;
  std::string path = dir.path() + "/book.xlsx";
  ASSERT_TRUE(testing::write_xlsx(path, {{"Data", {{"Code", "Year", "Value"},
                                                   {"E08000035", "2022-23", "12"},
                                                   {"E08000035", "sometime", "13"},
                                                   {"E99999999", "2021-22", "n/a"}}}}));
  SourceSpec spec;
  spec.format = "recipe";
  spec.recipe = mine_.write("r.toml", R"(
[table]
sheet = "Data"
[columns]
area = "Code"
period = "Year"
value = "Value"
)" + kMetric);
  spec.path = path;
  auto r = ingest_file(spec, *store_);
  ASSERT_EQ(r.outcome, IngestOutcome::kRejected);
  std::string all = r.report.format();
  EXPECT_NE(all.find("book.xlsx:Data!B3: Year: period 'sometime'"), std::string::npos) << all;
  EXPECT_NE(all.find("book.xlsx:Data!C4: Value: value 'n/a' is neither a number nor a marker"),
            std::string::npos)
      << all;
  EXPECT_TRUE(values("test-rate").empty());
}

TEST_F(Recipes, UnknownAreasAndDuplicatesRejectTheWholeFile) {
  auto r = load(R"(
[columns]
area = "code"
period_value = "2023"
value = "v"
)" + kMetric,
                "d.csv", "code,v\nE08000035,1\nE99999999,2\nE08000035,3\n");
  ASSERT_EQ(r.outcome, IngestOutcome::kRejected);
  ASSERT_EQ(r.report.errors.size(), 2u) << r.report.format();
  EXPECT_EQ(r.report.errors[0].line, 3);
  EXPECT_NE(r.report.errors[0].message.find("unknown area code 'E99999999'"), std::string::npos);
  EXPECT_EQ(r.report.errors[1].line, 4);
  EXPECT_NE(r.report.errors[1].message.find("lines 2 and 4"), std::string::npos);
  EXPECT_TRUE(values("test-rate").empty());
  auto metrics = store_->list_metrics();
  for (const auto& m : *metrics) EXPECT_NE(m.id, "test-rate");  // nothing created either
}

TEST(RecipeFile, ErrorsNameLineAndKey) {
  TempDir dir;
  IngestReport report;
  auto r = load_recipe(dir.write("bad.toml", R"([table]
layout = "long"
colour = "red"
[columns]
period = "Year"
value = "v"
[[metrics]]
id = "Not A Slug"
title = "T"
polarity = "up"
[[metrics]]
id = "tonnes"
title = "Tonnes"
measure = "count"
polarity = "lower-is-better"
[[metrics]]
id = "odd"
title = "Odd"
measure = "heap"
)"),
                       report);
  EXPECT_FALSE(r.has_value());
  std::string all = report.format();
  EXPECT_NE(all.find("bad.toml:3:10: table.colour: unknown key 'colour'"), std::string::npos) << all;
  EXPECT_NE(all.find("metrics[1].id: id 'Not A Slug' must be a slug"), std::string::npos) << all;
  EXPECT_NE(all.find("metrics[1].polarity: polarity must be"), std::string::npos) << all;
  EXPECT_NE(all.find("bad.toml:15:12: metrics[2].polarity: a count has polarity neither"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("bad.toml:19:11: metrics[3].measure: measure 'heap' is not count"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("columns.area: the recipe must name the area code column"), std::string::npos)
      << all;

  IngestReport syntax;
  EXPECT_FALSE(load_recipe(dir.write("syntax.toml", "[table\nsheet = 1\n"), syntax).has_value());
  ASSERT_EQ(syntax.errors.size(), 1u);
  EXPECT_EQ(syntax.errors[0].line, 1);
  EXPECT_NE(syntax.errors[0].message.find("not valid TOML"), std::string::npos);
}

TEST(RecipeFile, EveryBundledRecipeLoads) {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(data_path("recipes"))) {
    IngestReport report;
    EXPECT_TRUE(load_recipe(e.path().string(), report).has_value()) << report.format();
    ++n;
  }
  EXPECT_GE(n, 4);
}

}  // namespace
}  // namespace lgb
