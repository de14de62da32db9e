// The store contract: custom groups and ratio definitions.
#include <gtest/gtest.h>

#include "store/store_contract.h"

namespace lgb::testing {

TEST_P(StoreGroupsTest, GroupsCreateListDelete) {
  auto empty = store_->list_groups();
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());

  CustomGroup g{"west-yorkshire", "West Yorkshire", {"E08000036", "E08000035"}, ""};
  ASSERT_TRUE(store_->save_group(g).ok());
  CustomGroup h{
      "bucks", "Buckinghamshire old and new", {"E07000004", "E06000060"}, "2024-01-01T00:00:00Z"};
  ASSERT_TRUE(store_->save_group(h).ok());

  auto groups = store_->list_groups();
  ASSERT_TRUE(groups.ok()) << groups.error().message;
  ASSERT_EQ(groups->size(), 2u);
  EXPECT_EQ((*groups)[0].id, "bucks");  // by id
  EXPECT_EQ((*groups)[0].created_at, "2024-01-01T00:00:00Z");
  EXPECT_EQ((*groups)[1].name, "West Yorkshire");
  // Member order is kept as given.
  EXPECT_EQ((*groups)[1].area_codes, (std::vector<std::string>{"E08000036", "E08000035"}));
  EXPECT_EQ((*groups)[1].created_at.size(), 20u);

  auto dup = store_->save_group(g);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);

  ASSERT_TRUE(store_->delete_group("west-yorkshire").ok());
  auto missing = store_->delete_group("west-yorkshire");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  groups = store_->list_groups();
  ASSERT_TRUE(groups.ok());
  ASSERT_EQ(groups->size(), 1u);
  EXPECT_EQ((*groups)[0].id, "bucks");
  // A deleted id can be used again, with no members left over from before.
  ASSERT_TRUE(store_->save_group({"west-yorkshire", "WY", {"E08000035"}, ""}).ok());
  groups = store_->list_groups();
  ASSERT_TRUE(groups.ok());
  EXPECT_EQ((*groups)[1].area_codes, std::vector<std::string>{"E08000035"});
}

TEST_P(StoreGroupsTest, GroupWithUnknownOrRepeatedAreaIsRejected) {
  auto r = store_->save_group({"g", "G", {"E08000035", "E09999999", "E09999998"}, ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find("E09999999, E09999998"), std::string::npos) << r.error().message;
  r = store_->save_group({"g", "G", {"E08000035", "E08000035"}, ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  r = store_->save_group({"", "G", {}, ""});
  ASSERT_FALSE(r.ok());
  auto groups = store_->list_groups();
  ASSERT_TRUE(groups.ok());
  EXPECT_TRUE(groups->empty());
}

TEST_P(StoreGroupsTest, RatiosCreateAndList) {
  RatioDefinition r;
  r.id = "claimants-per-1000";
  r.title = "Claimants per 1,000 population";
  r.numerator_metric = "claimant-count";
  r.denominator_metric = "population";
  r.scale = 1000;
  r.polarity = Polarity::kLowerIsBetter;
  r.unit = "per 1,000 population";
  r.decimals = 2;
  r.measure = MeasureKind::kRate;
  ASSERT_TRUE(store_->save_ratio(r).ok());
  auto list = store_->list_ratios();
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->size(), 1u);
  const auto& got = (*list)[0];
  EXPECT_EQ(got.id, r.id);
  EXPECT_EQ(got.title, r.title);
  EXPECT_EQ(got.numerator_metric, "claimant-count");
  EXPECT_EQ(got.denominator_metric, "population");
  EXPECT_EQ(got.scale, 1000.0);
  EXPECT_EQ(got.polarity, Polarity::kLowerIsBetter);
  EXPECT_EQ(got.unit, r.unit);
  EXPECT_EQ(got.decimals, 2);
  EXPECT_EQ(got.measure, MeasureKind::kRate);

  auto dup = store_->save_ratio(r);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  RatioDefinition clash = r;
  clash.id = "population";  // would shadow a real metric
  auto c = store_->save_ratio(clash);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, ErrorCode::kConflict);
  RatioDefinition unknown = r;
  unknown.id = "x";
  unknown.denominator_metric = "no-such-metric";
  auto u = store_->save_ratio(unknown);
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(u.error().message.find("no-such-metric"), std::string::npos);
  list = store_->list_ratios();
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 1u);
}

}  // namespace lgb::testing
