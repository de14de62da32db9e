// All-or-nothing loads, duplicate releases and schema migrations. "Nothing
// changed" is checked two ways: a logical dump of every table (robust to WAL
// state) and, after closing the store (the last connection checkpoints the
// WAL into the main file and removes it), the bytes of the .db file.
#include <gtest/gtest.h>

#include "store/sqlite/schema.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store_fixture.h"

namespace lgb {
namespace {

using namespace lgb::testing;

class SqliteStoreTransactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = open_store(path_);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->load_release(register_batch()).ok());
    ASSERT_TRUE(store->load_release(data_batch("sha-a")).ok());
  }
  // Opens the store, runs fn, closes the store; returns fn's error code.
  template <class F>
  void with_store(F&& fn) {
    auto store = open_store(path_);
    ASSERT_TRUE(store);
    fn(*store);
  }
  TempDir dir_;
  std::string path_ = dir_.file("lgb.db");
};

TEST_F(SqliteStoreTransactionTest, DuplicateKeyInOneBatchRollsBackEverything) {
  std::string bytes_before = file_bytes(path_);
  std::string dump_before = dump_database(path_);
  ASSERT_FALSE(bytes_before.empty());
  with_store([](Store& store) {
    ReleaseBatch b = data_batch("sha-new", "99");
    // Everything a load writes before the bad row: a new area, a changed
    // metric, a new period, and rows that supersede current values.
    b.areas.push_back(area("E06000001", "Hartlepool", AreaType::kUnitary, "E12000001"));
    b.metrics.push_back(metric("claimant-count", "Renamed"));
    b.periods.push_back(period("cy2024"));
    b.observations.push_back(obs("E06000001", "claimant-count", "cy2024", "5"));
    b.observations.push_back(obs("E08000035", "claimant-count", "cy2023", "100"));  // duplicate
    auto r = store.load_release(b);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(r.error().message.find("observation 6 of 6"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("more than once"), std::string::npos) << r.error().message;
    // And the open store still answers with the old data.
    auto v = store.query_values({"claimant-count", {"E08000035"}, "cy2023", true});
    ASSERT_TRUE(v.ok());
    ASSERT_EQ(v->size(), 1u);
    EXPECT_EQ((*v)[0].value.text, "12.50");
    EXPECT_TRUE((*v)[0].current);
  });
  EXPECT_EQ(dump_database(path_), dump_before);
  EXPECT_TRUE(file_bytes(path_) == bytes_before) << "database file changed";
}

TEST_F(SqliteStoreTransactionTest, LargeFailedLoadThatSpillsIntoTheWalRollsBack) {
  // Big enough for the writer's cache that SQLite writes uncommitted pages to
  // the WAL before the failure; they must never reach the main file.
  std::string bytes_before = file_bytes(path_);
  std::string dump_before = dump_database(path_);
  {
    // A small writer cache makes SQLite spill early.
    auto opened = SqliteStore::open(path_, SqliteStoreOptions{.writer_cache_kib = 512});
    ASSERT_TRUE(opened.ok());
    Store& store = **opened;
    ReleaseBatch b;
    b.release = release("sha-big");
    for (int a = 0; a < 500; ++a) {
      char code[32];
      std::snprintf(code, sizeof code, "E0999%04d", a);
      b.areas.push_back(area(code, "Synthetic " + std::to_string(a), AreaType::kDistrict));
      for (int m = 1; m <= 120; ++m) {
        char pid[32];
        std::snprintf(pid, sizeof pid, "%04d-%02d", 2000 + (m - 1) / 12, (m - 1) % 12 + 1);
        b.observations.push_back(obs(code, "claimant-count", pid, std::to_string(a * m)));
      }
    }
    b.observations.push_back(b.observations.back());  // last in key order too
    auto r = store.load_release(b);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("observation 60001 of 60001"), std::string::npos)
        << r.error().message;
    // Shows the test exercises what it claims: uncommitted pages did spill.
    std::error_code ec;
    EXPECT_GT(std::filesystem::file_size(path_ + "-wal", ec), 1u << 20);
  }
  EXPECT_EQ(dump_database(path_), dump_before);
  EXPECT_TRUE(file_bytes(path_) == bytes_before) << "database file changed";
}

TEST_F(SqliteStoreTransactionTest, UnknownReferenceIsNamedAndRolledBack) {
  std::string bytes_before = file_bytes(path_);
  with_store([](Store& store) {
    ReleaseBatch b = data_batch("sha-new");
    b.observations.push_back(obs("E09999999", "claimant-count", "cy2023", "1"));
    auto r = store.load_release(b);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(r.error().message.find("unknown area 'E09999999'"), std::string::npos)
        << r.error().message;
    b.observations.back() = obs("E08000035", "no-such-metric", "cy2023", "1");
    r = store.load_release(b);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("unknown metric 'no-such-metric'"), std::string::npos)
        << r.error().message;
    b.observations.back() = obs("E08000035", "claimant-count", "2023", "1");
    r = store.load_release(b);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("bad period '2023'"), std::string::npos) << r.error().message;
    auto releases = store.list_releases();
    ASSERT_TRUE(releases.ok());
    EXPECT_EQ(releases->size(), 2u);
  });
  EXPECT_TRUE(file_bytes(path_) == bytes_before) << "database file changed";
}

TEST_F(SqliteStoreTransactionTest, SuccessfulLoadDoesChangeTheFile) {
  // The control for the two tests above: the comparison can fail.
  std::string bytes_before = file_bytes(path_);
  std::string dump_before = dump_database(path_);
  with_store([](Store& store) { ASSERT_TRUE(store.load_release(data_batch("sha-new")).ok()); });
  EXPECT_NE(dump_database(path_), dump_before);
  EXPECT_FALSE(file_bytes(path_) == bytes_before);
}

TEST_F(SqliteStoreTransactionTest, SameShaAndFormatIsAConflictAndChangesNothing) {
  std::string bytes_before = file_bytes(path_);
  with_store([](Store& store) {
    ReleaseBatch b = data_batch("sha-a", "77");  // same file hash, different content
    auto r = store.load_release(b);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kConflict);
    EXPECT_NE(r.error().message.find("already loaded as release 2"), std::string::npos)
        << r.error().message;
  });
  EXPECT_TRUE(file_bytes(path_) == bytes_before) << "database file changed";
  with_store([](Store& store) {
    // The same bytes read with another reader are a different release.
    ReleaseBatch b = data_batch("sha-a", "77");
    b.release.format = "ons-els";
    ASSERT_TRUE(store.load_release(b).ok());
  });
}

TEST_F(SqliteStoreTransactionTest, OpeningTwiceIsIdempotentAndKeepsData) {
  std::string bytes_before = file_bytes(path_);
  with_store([](Store&) {});
  with_store([](Store& store) {
    auto v = store.query_values({"claimant-count", {}, "", false});
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v->size(), 4u);
  });
  EXPECT_TRUE(file_bytes(path_) == bytes_before) << "re-opening rewrote the database";
  auto db = sqlite::Db::open(path_, false);
  ASSERT_TRUE(db.ok());
  auto version = sqlite::schema_version(*db);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, sqlite::latest_schema_version());
  EXPECT_GE(*version, 1);
  // Migrating an up-to-date database again is a no-op, not an error.
  EXPECT_TRUE(sqlite::migrate(*db).ok());
  auto again = sqlite::schema_version(*db);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *version);
}

TEST_F(SqliteStoreTransactionTest, NewerSchemaIsRefused) {
  {
    auto db = sqlite::Db::open(path_, false);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->exec("PRAGMA user_version = 99").ok());
  }
  auto s = open_sqlite_store(path_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kIo);
  EXPECT_NE(s.error().message.find("newer"), std::string::npos) << s.error().message;
}

TEST(SqliteStoreOpen, NotADatabaseIsAnIoError) {
  TempDir dir;
  std::string path = dir.file("notes.txt");
  {
    std::ofstream out(path);
    out << "area_code,metric_id,period,value\n" << std::string(4096, 'x');
  }
  auto s = open_sqlite_store(path);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kIo);
  EXPECT_NE(s.error().message.find(path), std::string::npos) << s.error().message;
}

TEST(SqliteStoreOpen, MissingDirectoryIsAnIoError) {
  TempDir dir;
  auto s = open_sqlite_store(dir.file("no/such/dir/lgb.db"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kIo);
}

TEST(SqliteStoreOpen, InMemoryIsRefusedBecauseConnectionsWouldNotShareIt) {
  auto s = open_sqlite_store(":memory:");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace lgb
