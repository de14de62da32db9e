// The store contract: all-or-nothing loads, duplicate releases and schema
// migrations. "Nothing changed" is a logical dump of every table, read
// outside the store (TestDatabase::dump).
#include <gtest/gtest.h>

#include "store/store_contract.h"

namespace lgb::testing {

namespace {

// Loads the register and one data release, then closes the store.
void load_base(const std::function<std::unique_ptr<Store>()>& open) {
  auto store = open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->load_release(register_batch()).ok());
  ASSERT_TRUE(store->load_release(data_batch("sha-a")).ok());
}

}  // namespace

TEST_P(StoreTransactionTest, DuplicateKeyInOneBatchRollsBackEverything) {
  load_base([&] { return open(); });
  std::string dump_before = db_->dump();
  auto store = open();
  ASSERT_TRUE(store);
  ReleaseBatch b = data_batch("sha-new", "99");
  // Everything a load writes before the bad row: a new area, a changed
  // metric, a new period, and rows that supersede current values.
  b.areas.push_back(area("E06000001", "Hartlepool", AreaType::kUnitary, "E12000001"));
  b.metrics.push_back(metric("claimant-count", "Renamed"));
  b.periods.push_back(period("cy2024"));
  b.observations.push_back(obs("E06000001", "claimant-count", "cy2024", "5"));
  b.observations.push_back(obs("E08000035", "claimant-count", "cy2023", "100"));  // duplicate
  auto r = store->load_release(b);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find("observation 6 of 6 (area E08000035, metric claimant-count, "
                                   "period cy2023)"),
            std::string::npos)
      << r.error().message;
  EXPECT_NE(r.error().message.find("more than once"), std::string::npos) << r.error().message;
  // And the open store still answers with the old data.
  auto v = store->query_values({"claimant-count", {"E08000035"}, "cy2023", true});
  ASSERT_TRUE(v.ok());
  ASSERT_EQ(v->size(), 1u);
  EXPECT_EQ((*v)[0].value.text, "12.50");
  EXPECT_TRUE((*v)[0].current);
  store.reset();
  EXPECT_EQ(db_->dump(), dump_before);
}

TEST_P(StoreTransactionTest, UnknownReferenceIsNamedAndRolledBack) {
  load_base([&] { return open(); });
  std::string dump_before = db_->dump();
  auto store = open();
  ASSERT_TRUE(store);
  ReleaseBatch b = data_batch("sha-new");
  b.observations.push_back(obs("E09999999", "claimant-count", "cy2023", "1"));
  auto r = store->load_release(b);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find("observation 5 of 5 (area E09999999, metric claimant-count, "
                                   "period cy2023): unknown area 'E09999999'"),
            std::string::npos)
      << r.error().message;
  b.observations.back() = obs("E08000035", "no-such-metric", "cy2023", "1");
  r = store->load_release(b);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("unknown metric 'no-such-metric'"), std::string::npos)
      << r.error().message;
  b.observations.back() = obs("E08000035", "claimant-count", "2023", "1");
  r = store->load_release(b);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("bad period '2023'"), std::string::npos) << r.error().message;
  auto releases = store->list_releases();
  ASSERT_TRUE(releases.ok());
  EXPECT_EQ(releases->size(), 2u);
  store.reset();
  EXPECT_EQ(db_->dump(), dump_before);
}

TEST_P(StoreTransactionTest, SuccessfulLoadDoesChangeTheDatabase) {
  // The control for the two tests above: the comparison can fail.
  load_base([&] { return open(); });
  std::string dump_before = db_->dump();
  auto store = open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->load_release(data_batch("sha-new")).ok());
  store.reset();
  EXPECT_NE(db_->dump(), dump_before);
}

TEST_P(StoreTransactionTest, SameShaAndFormatIsAConflictAndChangesNothing) {
  load_base([&] { return open(); });
  std::string dump_before = db_->dump();
  auto store = open();
  ASSERT_TRUE(store);
  ReleaseBatch b = data_batch("sha-a", "77");  // same file hash, different content
  auto r = store->load_release(b);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_NE(r.error().message.find("already loaded as release 2"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(db_->dump(), dump_before);
  // The same bytes read with another reader are a different release.
  b.release.format = "ons-els";
  ASSERT_TRUE(store->load_release(b).ok());
}

TEST_P(StoreTransactionTest, OpeningTwiceIsIdempotentAndKeepsData) {
  load_base([&] { return open(); });
  std::string dump_before = db_->dump();
  ASSERT_TRUE(open());
  auto store = open();
  ASSERT_TRUE(store);
  auto v = store->query_values({"claimant-count", {}, "", false});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->size(), 4u);
  store.reset();
  EXPECT_EQ(db_->dump(), dump_before) << "re-opening rewrote the database";
  EXPECT_EQ(db_->schema_version(), db_->latest_schema_version());
  EXPECT_GE(db_->schema_version(), 1);
}

TEST_P(StoreTransactionTest, NewerSchemaIsRefused) {
  ASSERT_TRUE(open());
  db_->set_schema_version(99);
  auto s = GetParam().open(db_->locator());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kIo);
  EXPECT_NE(s.error().message.find("newer"), std::string::npos) << s.error().message;
}

}  // namespace lgb::testing
