#include "engine/neighbours.h"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/queries.h"
#include "engine_fixture.h"

namespace lgb {
namespace {

using testing::Cell;
using testing::make_metric;
using testing::num;

// 12 districts and 3 counties with population, area and claimant count.
// E07000105 and E07000106 are identical, so ties must break by code.
std::shared_ptr<const Snapshot> neighbours_fixture(int k = 4) {
  std::vector<Area> areas;
  std::vector<Cell> cells;
  for (int i = 0; i < 12; ++i) {
    const std::string code = "E07000" + std::to_string(101 + i);
    areas.push_back(testing::council(code, "District " + std::to_string(i), AreaType::kDistrict, "E12000001"));
    const int pop = (i == 5) ? 50000 + 4 * 7000 : 50000 + i * 7000;
    cells.push_back({code, "resident-population", "cy2020", num(std::to_string(pop))});
    cells.push_back({code, "area-km2", "cy2020", num(std::to_string(100 + (i * 37) % 250))});
    if (i != 7)  // E07000108 has no claimant count: imputed
      cells.push_back({code, "claimant-count", "cy2024", num(std::to_string(2 + (i * 13) % 5))});
  }
  // Make 105 identical to 106 in every feature.
  std::vector<Cell> copy;
  for (const auto& c : cells)
    if (c.area == "E07000105") copy.push_back({"E07000106", c.metric, c.period, c.value});
  std::erase_if(cells, [](const Cell& c) { return c.area == "E07000106"; });
  cells.insert(cells.end(), copy.begin(), copy.end());
  for (int i = 0; i < 3; ++i) {
    const std::string code = "E1000000" + std::to_string(i + 1);
    areas.push_back(testing::council(code, "County " + std::to_string(i), AreaType::kCounty, "E12000001"));
    cells.push_back({code, "resident-population", "cy2020", num(std::to_string(500000 + i * 1000))});
    cells.push_back({code, "area-km2", "cy2020", num("2000")});
  }
  SnapshotOptions opt;
  opt.neighbours_k = k;
  return testing::build(areas,
                        {make_metric("resident-population", Polarity::kNeither),
                         make_metric("area-km2", Polarity::kNeither),
                         make_metric("claimant-count", Polarity::kLowerIsBetter)},
                        {"cy2020", "cy2024"}, cells, {}, {}, opt);
}

TEST(Neighbours, ContributionsSumToSquaredDistance) {
  auto s = neighbours_fixture();
  auto n = neighbours(*s, kAnyone, "E07000101");
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(n->tier_set, TierSet::kDistrict);
  ASSERT_EQ(n->neighbours.size(), 4u);
  for (const auto& item : n->neighbours) {
    double sum = 0;
    for (const auto& c : item.contributions) sum += c.contribution;
    EXPECT_NEAR(sum, item.distance * item.distance, 1e-9);
    EXPECT_EQ(item.contributions.size(), 3u);  // population, density, claimant
    for (size_t i = 1; i < item.contributions.size(); ++i)
      EXPECT_GE(item.contributions[i - 1].contribution, item.contributions[i].contribution);
  }
  for (size_t i = 1; i < n->neighbours.size(); ++i)
    EXPECT_LE(n->neighbours[i - 1].distance, n->neighbours[i].distance);
}

TEST(Neighbours, OnlySameTierAndNeverSelf) {
  auto s = neighbours_fixture(20);
  auto n = neighbours(*s, kAnyone, "E07000101");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->neighbours.size(), 11u);  // all other districts, no counties
  for (const auto& item : n->neighbours) {
    EXPECT_EQ(item.code.substr(0, 3), "E07");
    EXPECT_NE(item.code, "E07000101");
  }
  auto c = neighbours(*s, kAnyone, "E10000001");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->neighbours.size(), 2u);
}

TEST(Neighbours, DeterministicAndTiesBrokenByCode) {
  auto a = neighbours_fixture();
  auto b = neighbours_fixture();
  auto na = neighbours(*a, kAnyone, "E07000104");
  auto nb = neighbours(*b, kAnyone, "E07000104");
  ASSERT_TRUE(na.ok() && nb.ok());
  ASSERT_EQ(na->neighbours.size(), nb->neighbours.size());
  for (size_t i = 0; i < na->neighbours.size(); ++i) {
    EXPECT_EQ(na->neighbours[i].code, nb->neighbours[i].code);
    EXPECT_EQ(na->neighbours[i].distance, nb->neighbours[i].distance);
  }
  // 105 and 106 are identical: equidistant from everyone, 105 comes first.
  size_t i105 = 99, i106 = 99;
  for (size_t i = 0; i < na->neighbours.size(); ++i) {
    if (na->neighbours[i].code == "E07000105") i105 = i;
    if (na->neighbours[i].code == "E07000106") i106 = i;
  }
  ASSERT_NE(i105, 99u);
  ASSERT_NE(i106, 99u);
  EXPECT_EQ(i106, i105 + 1);  // equal distance, so adjacent, 105 first by code
  EXPECT_EQ(na->neighbours[i105].distance,
            neighbours(*a, kAnyone, "E07000104")->neighbours[i105].distance);
  // And each is the other's nearest, at distance zero.
  auto n105 = neighbours(*a, kAnyone, "E07000105");
  EXPECT_EQ(n105->neighbours[0].code, "E07000106");
  EXPECT_EQ(n105->neighbours[0].distance, 0);
}

TEST(Neighbours, MissingFeatureImputedWithMedianAndSaid) {
  auto s = neighbours_fixture();
  auto n = neighbours(*s, kAnyone, "E07000108");
  ASSERT_TRUE(n.ok());
  const FeatureUse* claimant = nullptr;
  for (const auto& f : n->features)
    if (f.name == "claimant-count") claimant = &f;
  ASSERT_NE(claimant, nullptr);
  EXPECT_TRUE(claimant->used);
  EXPECT_EQ(claimant->imputed, 1);
  EXPECT_EQ(claimant->observed, 11);
  bool seen = false;
  for (const auto& c : n->neighbours[0].contributions)
    if (c.feature == "claimant-count") {
      EXPECT_TRUE(c.focus_imputed);
      EXPECT_DOUBLE_EQ(c.focus_value, claimant->median);
      seen = true;
    }
  EXPECT_TRUE(seen);
  // Features with no data at all are dropped with a note, not used as zero.
  for (const auto& f : n->features)
    if (f.name == "gcses-in-english-and-maths") {
      EXPECT_FALSE(f.used);
      EXPECT_NE(f.note.find("dropped"), std::string::npos);
    }
}

TEST(Neighbours, GroupIsFocusPlusNeighbours) {
  auto s = neighbours_fixture();
  auto g = resolve_group(*s, "neighbours", s->find_area("E07000101"), s->now());
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->lower.areas.size(), 5u);
  EXPECT_EQ(neighbours(*s, kAnyone, "E12000001").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(resolve_group(*s, "neighbours", std::nullopt, s->now()).error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace lgb

namespace lgb {
namespace {

TEST(Neighbours, NoFeatureDataIsAnErrorNotCodeOrder) {
  // Only a metric the model does not use: every feature is dropped.
  std::vector<Area> areas;
  std::vector<testing::Cell> cells;
  for (int i = 0; i < 5; ++i) {
    const std::string code = "E07000" + std::to_string(101 + i);
    areas.push_back(testing::council(code, "D", AreaType::kDistrict, "E12000001"));
    cells.push_back({code, "other", "cy2020", testing::num("1")});
  }
  auto s = testing::build(areas, {testing::make_metric("other", Polarity::kNeither)}, {"cy2020"}, cells);
  auto n = neighbours(*s, kAnyone, "E07000101");
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error().code, ErrorCode::kNotFound);
  EXPECT_NE(n.error().message.find("resident-population"), std::string::npos);
  auto g = resolve_group(*s, "neighbours", s->find_area("E07000101"), s->now());
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.error().message.find("no nearest-neighbour features"), std::string::npos);
}

}  // namespace
}  // namespace lgb
