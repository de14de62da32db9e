// The store contract (tests/store/contract/) on SQLite, and what only the
// SQLite store promises: a failed load leaves the file's bytes as they were
// (even when uncommitted pages spilled into the WAL), and clear errors for
// paths that cannot be a database.
#include <gtest/gtest.h>

#include "store/sqlite/schema.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store_contract.h"

namespace lgb::testing {
namespace {

class SqliteTestDatabase final : public TestDatabase {
 public:
  std::string locator() const override { return path_; }
  std::string dump() const override { return dump_database(path_); }
  int schema_version() const override {
    auto db = sqlite::Db::open(path_, false);
    EXPECT_TRUE(db.ok());
    auto v = sqlite::schema_version(*db);
    EXPECT_TRUE(v.ok());
    return v ? *v : -1;
  }
  void set_schema_version(int version) override {
    auto db = sqlite::Db::open(path_, false);
    ASSERT_TRUE(db.ok());
    std::string sql = "PRAGMA user_version = " + std::to_string(version);
    ASSERT_TRUE(db->exec(sql.c_str()).ok());
  }
  int latest_schema_version() const override { return sqlite::latest_schema_version(); }
  std::string exec_error(const std::string& sql) const override {
    auto db = sqlite::Db::open(path_, false);
    if (!db) return db.error().message;
    auto s = db->exec(sql.c_str());
    return s ? "" : s.error().message;
  }

 private:
  TempDir dir_;
  std::string path_ = dir_.file("lgb.db");
};

Backend sqlite_backend() {
  Backend b;
  b.name = "sqlite";
  b.create = [] { return std::make_unique<SqliteTestDatabase>(); };
  b.open = [](const std::string& path) { return open_sqlite_store(path); };
  b.stores_any_bytes = true;
  return b;
}

}  // namespace

LGB_INSTANTIATE_STORE_CONTRACT(Sqlite, sqlite_backend());

class SqliteFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = open_store(path_);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->load_release(register_batch()).ok());
    ASSERT_TRUE(store->load_release(data_batch("sha-a")).ok());
  }
  TempDir dir_;
  std::string path_ = dir_.file("lgb.db");
};

TEST_F(SqliteFileTest, FailedLoadsAndReopeningLeaveTheFileBytesUnchanged) {
  // After the store closes, the last connection checkpoints the WAL into the
  // main file and removes it: the bytes are then the whole database.
  std::string bytes_before = file_bytes(path_);
  ASSERT_FALSE(bytes_before.empty());
  {
    auto store = open_store(path_);
    ASSERT_TRUE(store);
    ReleaseBatch b = data_batch("sha-new", "99");
    b.areas.push_back(area("E06000001", "Hartlepool", AreaType::kUnitary, "E12000001"));
    b.observations.push_back(obs("E08000035", "claimant-count", "cy2023", "100"));  // duplicate
    EXPECT_FALSE(store->load_release(b).ok());
    b = data_batch("sha-new");
    b.observations.push_back(obs("E09999999", "claimant-count", "cy2023", "1"));
    EXPECT_FALSE(store->load_release(b).ok());
    EXPECT_EQ(store->load_release(data_batch("sha-a", "77")).error().code, ErrorCode::kConflict);
  }
  EXPECT_TRUE(file_bytes(path_) == bytes_before) << "database file changed";
  { ASSERT_TRUE(open_store(path_)); }
  EXPECT_TRUE(file_bytes(path_) == bytes_before) << "re-opening rewrote the database";
  {
    auto store = open_store(path_);
    ASSERT_TRUE(store->load_release(data_batch("sha-new")).ok());
  }
  EXPECT_FALSE(file_bytes(path_) == bytes_before) << "the control: a load does change it";
}

TEST_F(SqliteFileTest, LargeFailedLoadThatSpillsIntoTheWalRollsBack) {
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

TEST(SqliteStoreOpen, MigratingACurrentDatabaseAgainIsANoOp) {
  TempDir dir;
  { ASSERT_TRUE(open_store(dir.file("lgb.db"))); }
  auto db = sqlite::Db::open(dir.file("lgb.db"), false);
  ASSERT_TRUE(db.ok());
  auto version = sqlite::schema_version(*db);
  ASSERT_TRUE(version.ok());
  EXPECT_TRUE(sqlite::migrate(*db).ok());
  auto again = sqlite::schema_version(*db);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *version);
}

}  // namespace lgb::testing
