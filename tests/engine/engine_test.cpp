// The Engine facade on a real SQLite store: reload, custom group CRUD and
// ratio creation publish new snapshots; errors come back as values.
#include "engine/engine.h"

#include <gtest/gtest.h>

#include "engine_fixture.h"

namespace lgb {
namespace {

ReleaseBatch small_batch() {
  ReleaseBatch b;
  b.release.publisher = "Test";
  b.release.source_url = "https://example.org";
  b.release.file_name = "t.csv";
  b.release.format = "tidy";
  b.release.sha256 = std::string(64, 'a');
  b.release.licence = "OGL-UK-3.0";
  b.release.loaded_by = "engine_test";
  b.areas = {testing::council("E12000001", "North East", AreaType::kRegion, ""),
             testing::council("E07000001", "District One", AreaType::kDistrict, "E12000001"),
             testing::council("E07000002", "District Two", AreaType::kDistrict, "E12000001"),
             testing::council("E07000003", "District Three", AreaType::kDistrict, "E12000001")};
  b.metrics = {testing::make_metric("num", Polarity::kHigherIsBetter),
               testing::make_metric("den", Polarity::kNeither)};
  b.periods = {*parse_period_id("fy2023-24")};
  const char* nums[] = {"1", "2", "3"};
  for (int i = 0; i < 3; ++i) {
    const std::string code = "E0700000" + std::to_string(i + 1);
    b.observations.push_back({code, "num", "fy2023-24", testing::num(nums[i])});
    b.observations.push_back({code, "den", "fy2023-24", testing::num("10")});
  }
  b.release.row_count = static_cast<int64_t>(b.observations.size());
  return b;
}

TEST(Engine, ReloadGroupsAndRatiosThroughTheStore) {
  testing::TempDir dir;
  auto store = open_sqlite_store(dir.file("e.db"));
  ASSERT_TRUE(store.ok()) << store.error().message;
  Engine engine(**store, {});
  EXPECT_EQ(engine.compare(kAnyone, "num", "E07000001", "england", "").error().code, ErrorCode::kInternal);
  ASSERT_TRUE((*store)->load_release(small_batch()).ok());
  ASSERT_TRUE(engine.reload().ok());
  auto before = engine.snapshot().value();

  auto c = engine.compare(kAnyone, "num", "E07000001", "england", "");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->position->rank, 3);

  CustomGroup g{"pair", "A pair", {"E07000001", "E07000002"}, ""};
  ASSERT_TRUE(engine.create_group(g).ok());
  EXPECT_EQ(engine.create_group(g).error().code, ErrorCode::kConflict);
  EXPECT_EQ(engine.create_group({"bad", "Bad", {"E07999999"}, ""}).error().code, ErrorCode::kNotFound);
  auto pc = engine.compare(kAnyone, "num", "E07000001", "pair", "");
  ASSERT_TRUE(pc.ok()) << pc.error().message;
  EXPECT_EQ(pc->stats->count, 2);
  EXPECT_EQ(engine.list_groups()->size(), 1u);
  ASSERT_TRUE(engine.delete_group("pair").ok());
  EXPECT_EQ(engine.compare(kAnyone, "num", "E07000001", "pair", "").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(engine.delete_group("pair").error().code, ErrorCode::kNotFound);

  RatioDefinition r;
  r.id = "num-per-den";
  r.title = "Num per den";
  r.numerator_metric = "num";
  r.denominator_metric = "den";
  r.scale = 100;
  r.polarity = Polarity::kHigherIsBetter;
  r.unit = "%";
  ASSERT_TRUE(engine.create_ratio(kAnyone, r).ok());
  auto rr = engine.rank(kAnyone, "num-per-den", "england", "", 1);
  ASSERT_TRUE(rr.ok()) << rr.error().message;
  EXPECT_EQ(rr->top[0].code, "E07000003");
  EXPECT_DOUBLE_EQ(rr->top[0].value, 30);
  EXPECT_EQ(engine.create_ratio(kAnyone, r).error().code, ErrorCode::kConflict);
  // The ratio is stored: a fresh reload still has it.
  ASSERT_TRUE(engine.reload().ok());
  EXPECT_TRUE(engine.rank(kAnyone, "num-per-den", "england", "", 1).ok());
  // A reader holding the first snapshot still sees no ratio.
  EXPECT_FALSE(before->find_metric("num-per-den"));
}

}  // namespace
}  // namespace lgb
