#include "engine/groups.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "engine/ons_lists.h"
#include "engine_fixture.h"

namespace lgb {
namespace {

using testing::Cell;
using testing::make_metric;
using testing::num;

std::vector<std::string> codes(const Snapshot& s, const MemberSet& m) {
  std::vector<std::string> out;
  for (uint32_t a : m.areas) out.push_back(s.areas()[a].code);
  return out;
}

std::shared_ptr<const Snapshot> groups_fixture(SnapshotOptions opt = {}) {
  auto areas = testing::test_register();
  // Real ONS neighbours of E06000001 (Hartlepool) for the ONS list test.
  areas.push_back(testing::council("E08000018", "Rotherham", AreaType::kMetropolitanDistrict, "E12000003"));
  areas.push_back(testing::council("E06000003", "Redcar and Cleveland", AreaType::kUnitary, "E12000001"));
  areas.push_back(testing::council("W06000022", "Newport", AreaType::kUnitary, ""));
  std::vector<Cell> cells = {{"E07000001", "district-metric", "fy2023-24", num("1")},
                             {"E10000001", "county-metric", "fy2023-24", num("1")}};
  return testing::build(areas,
                        {make_metric("district-metric", Polarity::kHigherIsBetter),
                         make_metric("county-metric", Polarity::kHigherIsBetter)},
                        {"fy2023-24"}, cells, {}, {}, opt);
}

TEST(Groups, EnglandTierFollowsFocusAndMetric) {
  auto s = groups_fixture();
  const MetricData& dm = s->metric(*s->find_metric("district-metric"));
  const MetricData& cm = s->metric(*s->find_metric("county-metric"));
  EXPECT_TRUE(dm.lower_tier);
  EXPECT_FALSE(cm.lower_tier);
  // District: lower tier whatever the metric; ended and Welsh councils excluded.
  auto d = resolve_group(*s, "england", s->find_area("E07000001"), s->now());
  ASSERT_TRUE(d.ok());
  const std::vector<std::string> lower = {"E06000001", "E06000002", "E06000003", "E07000001",
                                          "E07000002", "E07000003", "E08000001", "E08000018",
                                          "E09000001"};
  EXPECT_EQ(codes(*s, d->for_metric(cm)), lower);
  EXPECT_EQ(d->for_metric(cm).fixed, static_cast<int>(FixedGroup::kEnglandLower));
  // County: upper tier.
  auto c = resolve_group(*s, "england", s->find_area("E10000001"), s->now());
  const std::vector<std::string> upper = {"E06000001", "E06000002", "E06000003", "E08000001",
                                          "E08000018", "E09000001", "E10000001", "E10000002"};
  EXPECT_EQ(codes(*s, c->for_metric(dm)), upper);
  // Unitary: lower tier for a district-level metric, upper otherwise.
  auto u = resolve_group(*s, "england", s->find_area("E06000001"), s->now());
  EXPECT_EQ(codes(*s, u->for_metric(dm)), lower);
  EXPECT_EQ(codes(*s, u->for_metric(cm)), upper);
}

TEST(Groups, TypeIsSameAuthorityType) {
  auto s = groups_fixture();
  auto t = resolve_group(*s, "type", s->find_area("E06000001"), s->now());
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(codes(*s, t->upper), (std::vector<std::string>{"E06000001", "E06000002", "E06000003"}));
  EXPECT_EQ(t->upper.fixed, static_cast<int>(FixedGroup::kUnitary));
  auto d = resolve_group(*s, "type", s->find_area("E07000002"), s->now());
  EXPECT_EQ(codes(*s, d->lower), (std::vector<std::string>{"E07000001", "E07000002", "E07000003"}));
  // A Welsh council has no English type group; an ended one has, and today
  // it is placed against it without being counted in it.
  EXPECT_EQ(resolve_group(*s, "type", s->find_area("W06000001"), s->now()).error().code,
            ErrorCode::kInvalidArgument);
  auto ended = resolve_group(*s, "type", s->find_area("E07000009"), s->now());
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(ended->focus_member, -1);
  EXPECT_EQ(codes(*s, ended->lower), (std::vector<std::string>{"E07000001", "E07000002", "E07000003"}));
  EXPECT_NE(ended->focus_note.find("ended"), std::string::npos) << ended->focus_note;
  EXPECT_EQ(resolve_group(*s, "type", std::nullopt, s->now()).error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(resolve_group(*s, "type:london-borough", std::nullopt, s->now()).ok());
  EXPECT_EQ(resolve_group(*s, "type:region", std::nullopt, s->now()).error().code, ErrorCode::kInvalidArgument);
}

TEST(Groups, RegionIsSameRegionAndTier) {
  auto s = groups_fixture();
  const MetricData& cm = s->metric(*s->find_metric("county-metric"));
  auto r = resolve_group(*s, "region", s->find_area("E10000001"), s->now());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(codes(*s, r->for_metric(cm)),
            (std::vector<std::string>{"E06000001", "E06000003", "E08000001", "E10000001"}));
  EXPECT_EQ(r->for_metric(cm).fixed, -1);
  auto d = resolve_group(*s, "region", s->find_area("E07000001"), s->now());
  EXPECT_EQ(codes(*s, d->lower), (std::vector<std::string>{"E06000001", "E06000003", "E07000001",
                                                           "E07000002", "E08000001"}));
  EXPECT_EQ(resolve_group(*s, "region:E12000009", std::nullopt, s->now()).error().code, ErrorCode::kNotFound);
}

TEST(Groups, FocusOutsideGroupIsAddedAndDisablesPrecomputedStats) {
  auto s = groups_fixture();
  auto w = resolve_group(*s, "england", s->find_area("W06000001"), s->now());
  ASSERT_TRUE(w.ok());
  auto c = codes(*s, w->lower);
  EXPECT_NE(std::find(c.begin(), c.end(), "W06000001"), c.end());
  EXPECT_EQ(w->lower.fixed, -1);
}

TEST(Groups, OnsListsKeepOnlyAreasInTheSnapshot) {
  SnapshotOptions opt;
  opt.groupings_dir = testing::groupings_dir();
  auto s = groups_fixture(opt);
  auto g = resolve_group(*s, "ons-global", s->find_area("E06000001"), s->now());
  ASSERT_TRUE(g.ok()) << g.error().message;
  // Published list: E08000018, E06000003, ..., W06000022, ...; others unknown here.
  EXPECT_EQ(codes(*s, g->lower),
            (std::vector<std::string>{"E06000001", "E06000003", "E08000018", "W06000022"}));
  EXPECT_TRUE(resolve_group(*s, "ons-economic", s->find_area("E06000001"), s->now()).ok());
  EXPECT_TRUE(resolve_group(*s, "ons-demographic", s->find_area("E06000001"), s->now()).ok());
  EXPECT_EQ(resolve_group(*s, "ons-global", s->find_area("E12000001"), s->now()).error().code,
            ErrorCode::kNotFound);
  auto none = groups_fixture();
  EXPECT_EQ(resolve_group(*none, "ons-global", none->find_area("E06000001"), none->now()).error().code,
            ErrorCode::kInvalidArgument);
}

TEST(OnsLists, ReadsRealFilesWithBom) {
  auto r = read_ons_neighbour_lists(testing::groupings_dir() + "/ons_similar_areas_global-neighbours.csv");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_TRUE(r->count("E06000001"));
  EXPECT_EQ(r->at("E06000001").size(), 20u);
  EXPECT_EQ(r->at("E06000001").front(), "E08000018");
  EXPECT_GT(r->size(), 300u);
}

TEST(OnsLists, BadLineNamesFileLineAndField) {
  testing::TempDir dir;
  const std::string path = dir.file("bad.csv");
  FILE* f = std::fopen(path.c_str(), "w");
  std::fputs("\xEF\xBB\xBF" "AREACD,1,2\nE06000001,E06000002,E06000003\nE06000002,oops,E06000001\n", f);
  std::fclose(f);
  auto r = read_ons_neighbour_lists(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("bad.csv:3: field 2 'oops'"), std::string::npos) << r.error().message;
  EXPECT_EQ(read_ons_neighbour_lists(dir.file("absent.csv")).error().code, ErrorCode::kIo);
}

TEST(Groups, CustomGroupValidation) {
  auto s = groups_fixture();
  EXPECT_TRUE(validate_custom_group(*s, {"near-us", "Near us", {"E06000001", "E07000001"}, ""}).ok());
  EXPECT_EQ(validate_custom_group(*s, {"Near Us", "x", {"E06000001"}, ""}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(validate_custom_group(*s, {"england", "x", {"E06000001"}, ""}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(validate_custom_group(*s, {"g", "", {"E06000001"}, ""}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(validate_custom_group(*s, {"g", "G", {}, ""}).error().code, ErrorCode::kInvalidArgument);
  auto unknown = validate_custom_group(*s, {"g", "G", {"E06000001", "E99999999"}, ""});
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_NE(unknown.error().message.find("E99999999"), std::string::npos);
  EXPECT_EQ(validate_custom_group(*s, {"g", "G", {"E06000001", "E06000001"}, ""}).error().code,
            ErrorCode::kInvalidArgument);
}

TEST(Groups, WithCustomGroupsSharesColumnsAndResolves) {
  auto s = groups_fixture();
  EXPECT_EQ(resolve_group(*s, "near-us", s->find_area("E06000001"), s->now()).error().code, ErrorCode::kNotFound);
  auto t = s->with_custom_groups({{"near-us", "Near us", {"E07000001", "E07000002"}, ""}});
  auto g = resolve_group(*t, "near-us", t->find_area("E06000001"), t->now());
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(codes(*t, g->lower), (std::vector<std::string>{"E06000001", "E07000001", "E07000002"}));
  EXPECT_EQ(&s->metric(0), &t->metric(0));  // column data shared, not copied
}

}  // namespace
}  // namespace lgb
