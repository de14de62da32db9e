// The catalogue of malformed inputs: each is rejected whole, with a message
// naming the file, the line or cell, and the field, and leaves the store
// exactly as it was. Files are real-shaped (tidy, ONS, recipes, .xlsx, .ods,
// gzip) and written per case; the store holds the real register.
#include <gtest/gtest.h>

#include <zlib.h>

#include "ingest/recipe.h"
#include "ingest_test_util.h"
#include "workbook_writer.h"

namespace lgb {
namespace {

using testing::data_path;
using testing::TempDir;

struct Case {
  std::string name;
  std::string file_name;   // written into the case's folder
  std::string bytes;       // the file (for xlsx/ods: built by `build`)
  std::string format;      // tidy, ons-els, recipe, metrics-catalogue
  std::string recipe;      // TOML, for format recipe
  std::string where;       // expected in the first error: "file:LINE" or "file:Sheet!B3"
  std::string field;       // expected field of the first error ("" = any)
  std::string words;       // expected in the first error's message
  std::function<void(const std::string& path)> build = {};  // writes the file instead of bytes
  std::string json;        // ons-els: the sibling metadata, if any
};

const std::string kTidy = "area_code,metric_id,period,value,status,note\n";
const std::string kRow = "E08000035,claimant-count,cy2024,3.0,,\n";
const std::string kRecipe = R"([columns]
area = "Code"
period = "Year"
value = "Value"
[[metrics]]
id = "malformed-test-metric"
title = "Malformed test metric"
)";

std::string gzip_of(const std::string& s) {
  std::string out(compressBound(s.size()) + 32, '\0');
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);  // 31: gzip header
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  z.avail_in = static_cast<uInt>(s.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::vector<Case> cases() {
  std::vector<Case> c;
  auto tidy = [&](std::string name, std::string body, std::string where, std::string field,
                  std::string words) {
    c.push_back({name, name + ".csv", body, "tidy", "", where, field, words});
  };
  tidy("empty-file", "", ":1", "", "the file is empty");
  tidy("header-only", kTidy, "", "", "holds no observations");
  tidy("truncated-in-a-quote", kTidy + kRow + "E08000035,claimant-count,cy2023,\"3.", ":3:4", "",
       "never closed");
  tidy("latin-1-encoding", kTidy + "E08000035,claimant-count,cy2024,3.0,,caf\xE9\n", ":2:6",
       "note", "invalid UTF-8");
  tidy("utf-16-file", std::string("\xFF\xFE" "a\0r\0e\0a\0", 10) + "\n", ":1", "", "invalid UTF-8");
  tidy("ragged-short-row", kTidy + "E08000035,claimant-count,cy2024,3.0\n", ":2:5", "status",
       "expected 6 fields, found 4");
  tidy("ragged-long-row", kTidy + "E08000035,claimant-count,cy2024,3.0,,,extra\n", ":2:7", "",
       "expected 6 fields, found 7");
  tidy("duplicate-key", kTidy + kRow + kRow, ":3:1", "area_code", "lines 2 and 3");
  tidy("unknown-area-code", kTidy + "E08999999,claimant-count,cy2024,3.0,,\n", ":2:1",
       "area_code", "unknown area code 'E08999999'");
  tidy("unknown-metric", kTidy + "E08000035,no-such-metric,cy2024,3.0,,\n", ":2:2", "metric_id",
       "unknown metric 'no-such-metric'");
  tidy("impossible-date", kTidy + "E08000035,claimant-count,2023-02-30,3.0,,\n", ":2:3", "period",
       "bad period '2023-02-30'");
  tidy("impossible-financial-year", kTidy + "E08000035,claimant-count,fy2022-24,3.0,,\n", ":2:3",
       "period", "years must be consecutive");
  tidy("formula-text", kTidy + "E08000035,claimant-count,cy2024,\"=HYPERLINK(\"\"http://x\"\")\",,\n",
       ":2:4", "value", "neither a number nor a known status marker");
  tidy("huge-field", kTidy + "E08000035,claimant-count,cy2024," + std::string(5 << 20, '9') + "x,,\n",
       ":2:4", "value", "(5242881 bytes)");
  tidy("not-a-number", kTidy + "E08000035,claimant-count,cy2024,NaN,,\n", ":2:4", "value",
       "neither a number nor a known status marker");
  tidy("thousands-separator-in-tidy", kTidy + "E08000035,claimant-count,cy2024,\"1,234\",,\n",
       ":2:4", "value", "neither a number");
  tidy("number-with-withholding-marker", kTidy + "E08000035,claimant-count,cy2024,3.0,x,\n",
       ":2:4", "value", "withholds the value");
  tidy("empty-value-no-status", kTidy + "E08000035,claimant-count,cy2024,,,\n", ":2:4", "value",
       "empty value with no status marker");
  tidy("unknown-status", kTidy + "E08000035,claimant-count,cy2024,3.0,q,\n", ":2:5", "status",
       "unknown status marker 'q'");
  tidy("quote-in-unquoted-field", kTidy + "E08000035,claimant-count,cy2024,3\"0,,\n", ":2:4", "",
       "quote character inside an unquoted field");
  tidy("text-after-closing-quote", kTidy + "E08000035,claimant-count,cy2024,\"3\"0,,\n", ":2:4", "",
       "after the closing quote");
  tidy("repeated-header-column", "area_code,metric_id,period,value,value\n", ":1:5", "value",
       "column name repeated");
  tidy("missing-required-column", "area_code,metric_id,value\n", ":1", "period",
       "required column 'period' is missing");
  tidy("misspelt-column", "area_code,metric_id,period,value,stauts\n", ":1:5", "stauts",
       "unknown column 'stauts'");
  c.push_back({"corrupt-gzip", "corrupt.csv.gz", gzip_of(kTidy + kRow).substr(0, 20), "tidy", "",
               "", "", "corrupt gzip stream"});

  // ONS Explore Local Statistics.
  const std::string ons_header =
      "areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,"
      "notes\n";
  c.push_back({"ons-bad-period", "ons.csv",
               ons_header + "E08000035,Leeds,LAD,Claimant Count,2023-13-01/P1Y,3,,,,,,\n",
               "ons-els", "", ":2:5", "period", "bad period"});
  c.push_back({"ons-broken-metadata", "meta.csv",
               ons_header + "E08000035,Leeds,LAD,Claimant Count,2023-01-01/P1Y,3,,,,,,\n",
               "ons-els", "", "meta.json", "", "metadata is not valid JSON", {}, "{\"ess-beta"});

  // Recipes.
  auto recipe = [&](std::string name, std::string toml, std::string body, std::string where,
                    std::string field, std::string words) {
    c.push_back({name, name + ".csv", body, "recipe", toml, where, field, words});
  };
  recipe("recipe-broken-toml", "[columns\narea = \"Code\"\n", "Code,Year,Value\n", "recipe.toml:1",
         "", "not valid TOML");
  recipe("recipe-unknown-key", kRecipe + "colour = \"red\"\n", "Code,Year,Value\n", "recipe.toml:8",
         "metrics[1].colour", "unknown key 'colour'");
  recipe("recipe-column-not-in-file", kRecipe, "Area,Year,Value\nE08000035,2023,1\n", ":1", "Code",
         "column 'Code' (columns.area");
  recipe("recipe-unreadable-period", kRecipe, "Code,Year,Value\nE08000035,sometime,1\n", ":2:2",
         "Year", "period 'sometime'");
  recipe("recipe-without-area", "[columns]\nperiod = \"Year\"\nvalue = \"Value\"\n[[metrics]]\nid = \"m\"\ntitle = \"M\"\n",
         "Code,Year,Value\n", "recipe.toml", "columns.area", "must name the area code column");
  recipe("recipe-publisher-dash-unmapped", kRecipe, "Code,Year,Value\nE08000035,2023,-\n", ":2:3",
         "Value", "value '-' is neither a number nor a marker the recipe knows");

  // Spreadsheets.
  auto sheet = [&](std::string name, std::string file, std::function<void(const std::string&)> b,
                   std::string where, std::string words) {
    c.push_back({name, file, "", "recipe", "[table]\nsheet = \"Data\"\n" + kRecipe, where, "",
                 words, std::move(b)});
  };
  sheet("xlsx-zip-bomb", "bomb.xlsx", [](const std::string& p) {
    static const std::string zeros(65u << 20, '0');
    testing::write_zip(p, {{"xl/workbook.xml", zeros}});
  }, "bomb.xlsx", "inflates to more than 64 MB");
  sheet("ods-zip-bomb", "bomb.ods", [](const std::string& p) {
    static const std::string zeros(65u << 20, '<');
    testing::write_zip(p, {{"content.xml", zeros}});
  }, "bomb.ods", "inflates to more than 64 MB");
  sheet("xlsx-that-is-csv", "fake.xlsx", [](const std::string& p) {
    std::ofstream(p) << "Code,Year,Value\n";
  }, "fake.xlsx", "not a readable spreadsheet");
  sheet("xlsx-missing-sheet", "book.xlsx", [](const std::string& p) {
    testing::write_xlsx(p, {{"Cover", {{"Code"}}}});
  }, "book.xlsx", "no sheet named 'Data'");
  sheet("ods-malformed-xml", "broken.ods", [](const std::string& p) {
    testing::write_zip(p, {{"content.xml", "<office:document-content><office:body>"}});
  }, "broken.ods", "not well-formed XML");
  sheet("xlsx-cell-error", "cells.xlsx", [](const std::string& p) {
    testing::write_xlsx(p, {{"Data", {{"Code", "Year", "Value"}, {"E08000035", "2023", "~#N/A"}}}});
  }, "cells.xlsx:Data!C2", "value '#N/A' is neither a number");
  return c;
}

class Malformed : public ::testing::TestWithParam<Case> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    auto s = open_sqlite_store(dir_->path() + "/store.db");
    ASSERT_TRUE(s.ok());
    store_ = s->release();
    for (auto [rel, format] : {std::pair{"catalogue/metrics.csv", "metrics-catalogue"},
                               {"register/ons_uk_topojson_ltla14_lookup.csv", "ons-ltla-lookup"},
                               {"register/uk_local_authorities.csv", "register-mysociety"}}) {
      SourceSpec spec;
      spec.path = data_path(rel);
      spec.format = format;
      ASSERT_EQ(ingest_file(spec, *store_).outcome, IngestOutcome::kLoaded) << rel;
    }
  }
  static void TearDownTestSuite() {
    delete store_;
    delete dir_;
  }
  // Everything a rejected load must leave as it was.
  static std::string fingerprint() {
    std::string f;
    f += std::to_string(store_->list_releases()->size()) + "/";
    f += std::to_string(store_->list_metrics()->size()) + "/";
    f += std::to_string(store_->list_areas()->size()) + "/";
    f += std::to_string(store_->list_periods()->size()) + "/";
    f += std::to_string(store_->list_release_metrics()->size());
    return f;
  }
  static TempDir* dir_;
  static Store* store_;
};
TempDir* Malformed::dir_ = nullptr;
Store* Malformed::store_ = nullptr;

TEST_P(Malformed, RejectedWholeWithFileLineAndField) {
  const Case& c = GetParam();
  TempDir dir;
  SourceSpec spec;
  spec.format = c.format;
  spec.path = dir.path() + "/" + c.file_name;
  if (c.build)
    c.build(spec.path);
  else
    dir.write(c.file_name, c.bytes);
  if (!c.json.empty()) dir.write(c.file_name.substr(0, c.file_name.size() - 4) + ".json", c.json);
  if (!c.recipe.empty()) spec.recipe = dir.write("recipe.toml", c.recipe);
  const std::string before = fingerprint();
  auto r = ingest_file(spec, *store_);
  EXPECT_EQ(r.outcome, IngestOutcome::kRejected) << c.name;
  ASSERT_FALSE(r.report.errors.empty()) << c.name;
  const std::string all = r.report.format(5);
  const IngestIssue& e = r.report.errors.front();
  std::string first = r.report.format(1);
  EXPECT_NE(first.find(c.where), std::string::npos) << c.name << ": " << all;
  EXPECT_NE(first.find(c.words), std::string::npos) << c.name << ": " << all;
  if (!c.field.empty()) EXPECT_EQ(e.field, c.field) << c.name << ": " << all;
  EXPECT_LT(first.size(), 2000u) << c.name << ": a message must not repeat a huge field";
  EXPECT_EQ(fingerprint(), before) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Catalogue, Malformed, ::testing::ValuesIn(cases()),
                         [](const auto& info) {
                           std::string n;
                           for (char ch : info.param.name) n += std::isalnum(ch) ? ch : '_';
                           return n;
                         });

TEST(MalformedCatalogue, HoldsAtLeastThirtyInputs) { EXPECT_GE(cases().size(), 30u); }

}  // namespace
}  // namespace lgb
