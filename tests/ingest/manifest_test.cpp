// Loads the whole bundled demo manifest (data/sources.csv) in order into a
// fresh SQLite store: every file must load, and the register must hold the
// real councils and their reorganisations.
#include <algorithm>
#include <map>
#include <set>

#include "ingest_test_util.h"

namespace lgb {
namespace {

using testing::data_path;
using testing::TempDir;

class DemoManifest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    auto s = open_sqlite_store(dir_->path() + "/demo.db");
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = s->release();
    IngestReport mreport;
    specs_ = new std::vector<SourceSpec>(read_manifest(data_path("sources.csv"), mreport));
    ASSERT_TRUE(mreport.ok()) << mreport.format();
    // The register (and one ONS file) for the register tests; the test of
    // the whole manifest loads the rest itself. Every test is a process of
    // its own, so loading everything here would load it once per test.
    results_ = new std::vector<IngestResult>;
    for (const auto& spec : *specs_)
      if (is_register(spec) || spec.path == data_path("ons-els/claimant-count.csv"))
        results_->push_back(ingest_file(spec, *store_));
    for (const auto& r : *results_)
      ASSERT_EQ(r.outcome, IngestOutcome::kLoaded) << r.report.format(5);
  }
  static void TearDownTestSuite() {
    delete results_;
    delete specs_;
    delete store_;
    delete dir_;
  }
  static bool is_register(const SourceSpec& s) {
    return s.format == "metrics-catalogue" || s.format == "ons-ltla-lookup" ||
           s.format == "register-mysociety" || s.format == "ons-la-changes";
  }
  static std::map<std::string, Area> areas() {
    std::map<std::string, Area> out;
    auto list = store_->list_areas();
    EXPECT_TRUE(list.ok());
    for (auto& a : *list) out[a.code] = a;
    return out;
  }

  static TempDir* dir_;
  static Store* store_;
  static std::vector<SourceSpec>* specs_;
  static std::vector<IngestResult>* results_;
};
TempDir* DemoManifest::dir_ = nullptr;
Store* DemoManifest::store_ = nullptr;
std::vector<SourceSpec>* DemoManifest::specs_ = nullptr;
std::vector<IngestResult>* DemoManifest::results_ = nullptr;

TEST_F(DemoManifest, EveryFileLoadsAndReloadingIsANoOp) {
  ASSERT_EQ(specs_->size(), 55u);
  std::vector<IngestResult> all;
  for (const auto& spec : *specs_) {
    if (is_register(spec) || spec.path == data_path("ons-els/claimant-count.csv")) {
      all.push_back(ingest_file(spec, *store_));  // loaded by the suite already
      ASSERT_EQ(all.back().outcome, IngestOutcome::kAlreadyLoaded) << spec.path;
      continue;
    }
    all.push_back(ingest_file(spec, *store_));
    EXPECT_EQ(all.back().outcome, IngestOutcome::kLoaded) << spec.path << "\n"
                                                          << all.back().report.format(20);
    EXPECT_GT(all.back().release_id, 0);
  }
  auto releases = store_->list_releases();
  ASSERT_TRUE(releases.ok());
  EXPECT_EQ(releases->size(), 55u);
  // Loading every file again changes nothing.
  for (size_t i = 0; i < specs_->size(); ++i) {
    auto again = ingest_file((*specs_)[i], *store_);
    EXPECT_EQ(again.outcome, IngestOutcome::kAlreadyLoaded) << (*specs_)[i].path;
    EXPECT_EQ(again.release_id, all[i].release_id);
  }
  EXPECT_EQ(store_->list_releases()->size(), 55u);
}

TEST_F(DemoManifest, CurrentEnglishCouncils) {
  // England in 2025: 21 counties, 164 districts, 63 unitaries, 36
  // metropolitan districts (Barnsley and Sheffield under their new 2025
  // codes) and 33 London boroughs with the City: 317 councils.
  std::map<AreaType, int> current;
  for (const auto& [code, a] : areas())
    if (code[0] == 'E' && a.is_current()) ++current[a.type];
  EXPECT_EQ(current[AreaType::kCounty], 21);
  EXPECT_EQ(current[AreaType::kDistrict], 164);
  EXPECT_EQ(current[AreaType::kUnitary], 63);
  EXPECT_EQ(current[AreaType::kMetropolitanDistrict], 36);
  EXPECT_EQ(current[AreaType::kLondonBorough], 33);  // 32 boroughs + City of London
  EXPECT_EQ(current[AreaType::kRegion], 9);
  int councils = current[AreaType::kCounty] + current[AreaType::kDistrict] +
                 current[AreaType::kUnitary] + current[AreaType::kMetropolitanDistrict] +
                 current[AreaType::kLondonBorough];
  EXPECT_EQ(councils, 317);
}

TEST_F(DemoManifest, ReorganisationsHaveSuccessors) {
  auto all = areas();
  auto succ = [&](const std::string& code) {
    auto v = all.at(code).successor_codes;
    std::sort(v.begin(), v.end());
    return v;
  };
  using V = std::vector<std::string>;
  // Buckinghamshire 2020: county and four districts into one unitary.
  for (auto c : {"E10000002", "E07000004", "E07000005", "E07000006", "E07000007"}) {
    EXPECT_EQ(succ(c), V{"E06000060"}) << c;
    EXPECT_FALSE(all.at(c).is_current()) << c;
  }
  // Northamptonshire 2021: split into North and West.
  EXPECT_EQ(succ("E10000021"), (V{"E06000061", "E06000062"}));
  EXPECT_EQ(succ("E07000150"), V{"E06000061"});
  EXPECT_EQ(succ("E07000154"), V{"E06000062"});
  // 2023: Cumbria, North Yorkshire, Somerset.
  EXPECT_EQ(succ("E10000006"), (V{"E06000063", "E06000064"}));
  EXPECT_EQ(succ("E10000023"), V{"E06000065"});
  EXPECT_EQ(succ("E10000027"), V{"E06000066"});
  EXPECT_EQ(succ("E07000246"), V{"E06000066"});
  for (auto c : {"E06000060", "E06000061", "E06000062", "E06000063", "E06000064", "E06000065",
                 "E06000066"}) {
    EXPECT_TRUE(all.at(c).is_current()) << c;
    EXPECT_EQ(all.at(c).type, AreaType::kUnitary) << c;
  }
  // 2025: Barnsley and Sheffield took new codes (ONS change list).
  EXPECT_EQ(succ("E08000016"), V{"E08000038"});
  EXPECT_EQ(succ("E08000019"), V{"E08000039"});
  const Area& barnsley = all.at("E08000038");
  EXPECT_EQ(barnsley.name, "Barnsley");
  EXPECT_EQ(barnsley.type, AreaType::kMetropolitanDistrict);
  EXPECT_EQ(barnsley.region_code, "E12000003");
  EXPECT_EQ(barnsley.start_date, "2025-04-01");
  EXPECT_EQ(all.at("E08000016").end_date, "2025-03-31");
}

TEST_F(DemoManifest, RegisterIsConsistent) {
  auto all = areas();
  for (const auto& [code, a] : all) {
    // A replaced area has ended, and everything it points at exists.
    if (!a.successor_codes.empty()) {
      EXPECT_FALSE(a.is_current()) << code;
    }
    for (const auto& s : a.successor_codes) {
      EXPECT_TRUE(all.count(s)) << code << " -> " << s;
    }
    if (!a.region_code.empty()) {
      EXPECT_TRUE(all.count(a.region_code)) << code;
    }
    if (!a.parent_code.empty()) {
      EXPECT_TRUE(all.count(a.parent_code)) << code;
    }
    if (!a.end_date.empty() && !a.start_date.empty()) {
      EXPECT_LT(a.start_date, a.end_date) << code;
    }
    // Every current English council has a region.
    if (code[0] == 'E' && a.is_current() && is_lower_tier(a.type)) {
      EXPECT_FALSE(a.region_code.empty()) << code;
    }
  }
}

TEST_F(DemoManifest, RegionsAndParents) {
  auto all = areas();
  EXPECT_EQ(all.at("E08000035").name, "Leeds");
  EXPECT_EQ(all.at("E08000035").region_code, "E12000003");
  EXPECT_EQ(all.at("E07000026").parent_code, "E10000006");  // Allerdale in Cumbria
  EXPECT_EQ(all.at("W06000015").region_code, "W92000004");  // Cardiff -> Wales
  EXPECT_EQ(all.at("E12000003").type, AreaType::kRegion);
  EXPECT_EQ(all.at("E92000001").type, AreaType::kCountry);
  // Former codes still used for older periods are ended areas with successors.
  EXPECT_EQ(all.at("E06000048").successor_codes, std::vector<std::string>{"E06000057"});
  EXPECT_FALSE(all.at("E06000048").is_current());
  EXPECT_EQ(all.at("S12000015").end_date, "2018-03-31");  // dated by the change list
}

TEST_F(DemoManifest, PublishedTextKeptExactly) {
  ValueQuery q;
  q.metric_id = "claimant-count";
  q.area_codes = {"E08000035"};
  auto values = store_->query_values(q);
  ASSERT_TRUE(values.ok());
  EXPECT_EQ(values->size(), 25u);
  // Every value equals the observation column of its row in the file.
  std::map<std::string, std::string> published;
  std::ifstream in(data_path("ons-els/claimant-count.csv"), std::ios::binary);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("E08000035,", 0) == 0) {
      // E08000035,Leeds,Local Authority District,Claimant Count,2001-01-01/P1Y,2.6,...
      std::vector<std::string> f;
      size_t start = 0;
      for (int i = 0; i < 6; ++i) {
        size_t end = line.find(',', start);
        f.push_back(line.substr(start, end - start));
        start = end + 1;
      }
      published["cy" + f[4].substr(0, 4)] = f[5];
    }
  ASSERT_EQ(published.size(), 25u);
  for (const auto& v : *values) EXPECT_EQ(v.value.text, published.at(v.period_id)) << v.period_id;
}

}  // namespace
}  // namespace lgb
