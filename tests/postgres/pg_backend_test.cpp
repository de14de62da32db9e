// The store contract (tests/store/contract/) on a real PostgreSQL 15, and
// what only the PostgreSQL store has: URLs and their passwords, COPY text
// parsing, unreachable servers, lost connections, the UTF-8 requirement,
// concurrent first opens, and the change notifications replicas listen for.
#include <gtest/gtest.h>

#include <thread>

#include <pqxx/pqxx>

#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_schema.h"
#include "store/postgres/pg_store.h"
#include "store/store_contract.h"
#include "support/pg_test_cluster.h"

namespace lgb::testing {
namespace {

class PgDatabase final : public TestDatabase {
 public:
  std::string locator() const override { return db_.url(); }
  std::string dump() const override { return db_.dump(); }
  int schema_version() const override {
    pqxx::connection c(db_.url());
    pqxx::read_transaction tx(c);
    return tx.exec("SELECT max(version) FROM schema_migrations")[0][0].as<int>();
  }
  void set_schema_version(int version) override {
    pqxx::connection c(db_.url());
    pqxx::work tx(c);
    tx.exec_params("INSERT INTO schema_migrations (version) VALUES ($1)", version);
    tx.commit();
  }
  int latest_schema_version() const override { return pg::latest_schema_version(); }
  std::string exec_error(const std::string& sql) const override {
    try {
      pqxx::connection c(db_.url());
      pqxx::work tx(c);
      tx.exec(sql);
      tx.commit();
      return "";
    } catch (const std::exception& e) {
      return e.what();
    }
  }

 private:
  PgTestDatabase db_;
};

Backend pg_backend() {
  Backend b;
  b.name = "postgres";
  b.create = [] { return std::make_unique<PgDatabase>(); };
  b.open = [](const std::string& url) { return open_postgres_store(url); };
  b.stores_any_bytes = false;
  return b;
}

// Ends every other session on the database, as a server restart would.
void terminate_sessions(const std::string& url) {
  pqxx::connection c(url);
  pqxx::nontransaction tx(c);
  tx.exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
      " WHERE datname = current_database() AND pid <> pg_backend_pid()");
}

}  // namespace

LGB_INSTANTIATE_STORE_CONTRACT(Postgres, pg_backend());

TEST(PgUrl, PostgresUrlsAreToldFromPaths) {
  EXPECT_TRUE(pg::is_postgres_url("postgresql://db.example/lgbench"));
  EXPECT_TRUE(pg::is_postgres_url("postgres:///lgbench?host=/run/postgresql"));
  EXPECT_FALSE(pg::is_postgres_url("var/demo.db"));
  EXPECT_FALSE(pg::is_postgres_url("/srv/postgresql/lgb.db"));
}

TEST(PgUrl, PasswordsAreHiddenInMessages) {
  EXPECT_EQ(pg::redact_url("postgresql://lgb:s3cret@db:5432/lgbench"),
            "postgresql://lgb:***@db:5432/lgbench");
  EXPECT_EQ(pg::redact_url("postgresql://db/lgbench?user=lgb&password=s3cret&sslmode=require"),
            "postgresql://db/lgbench?user=lgb&password=***&sslmode=require");
  EXPECT_EQ(pg::redact_url("postgresql://lgb@db/lgbench"), "postgresql://lgb@db/lgbench");
  EXPECT_EQ(pg::redact_url("postgresql://db/x?host=/tmp&passfile=/p"),
            "postgresql://db/x?host=/tmp&passfile=/p");
}

TEST(PgCopy, TextFormatLinesSplitAndUnescape) {
  std::string line = "a\\tb\t\\N\t\t1.5\t\\\\N\tx\\ny\\\\z\t\\101\\x42\n";
  std::vector<std::string_view> f;
  std::vector<bool> null;
  pg::split_copy_line(line, f, null);
  ASSERT_EQ(f.size(), 7u);
  EXPECT_EQ(f[0], "a\tb");
  EXPECT_TRUE(null[1]);
  EXPECT_EQ(f[2], "");
  EXPECT_FALSE(null[2]);
  EXPECT_EQ(f[3], "1.5");
  EXPECT_EQ(f[4], "\\N");  // an escaped backslash then N is text, not NULL
  EXPECT_FALSE(null[4]);
  EXPECT_EQ(f[5], "x\ny\\z");
  EXPECT_EQ(f[6], "AB");
}

TEST(PgStoreOpen, UnreachableServerIsUnavailableAndNamesItWithoutThePassword) {
  // Port 1 on the loopback: nothing listens, the refusal is immediate.
  auto s = open_postgres_store("postgresql://lgb:s3cret@127.0.0.1:1/lgbench");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(s.error().message.find("postgresql://lgb:***@127.0.0.1:1/lgbench"), std::string::npos)
      << s.error().message;
  EXPECT_EQ(s.error().message.find("s3cret"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("refused"), std::string::npos) << s.error().message;
}

TEST(PgStoreOpen, MalformedUrlIsInvalidNotAWait) {
  auto s = open_postgres_store("postgresql://127.0.0.1:5432/lgbench?no_such_option=1");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument) << s.error().message;
}

TEST(PgStoreOpen, DatabaseThatIsNotUtf8IsRefused) {
  std::string name = "lgbt_latin1_" + std::to_string(::getpid());
  {
    pqxx::connection c(pg_cluster_url());
    pqxx::nontransaction tx(c);
    tx.exec("DROP DATABASE IF EXISTS " + name);
    tx.exec("CREATE DATABASE " + name +
            " TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'");
  }
  auto s = open_postgres_store(pg_url_for(name));
  {
    pqxx::connection c(pg_cluster_url());
    pqxx::nontransaction tx(c);
    tx.exec("DROP DATABASE " + name);
  }
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kIo);
  EXPECT_NE(s.error().message.find("uses encoding LATIN1; lgbench needs UTF8"), std::string::npos)
      << s.error().message;
}

TEST(PgStoreOpen, ProcessesOpeningANewDatabaseAtOnceMigrateItOnce) {
  PgTestDatabase db;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      if (!open_postgres_store(db.url()).ok()) ++failures;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  pqxx::connection c(db.url());
  pqxx::read_transaction tx(c);
  EXPECT_EQ(tx.exec("SELECT count(*) FROM schema_migrations")[0][0].as<int>(),
            pg::latest_schema_version());
}

TEST(PgStore, ReadsAndWritesCarryOnAfterTheServerDropsEveryConnection) {
  PgTestDatabase db;
  auto store = open_postgres_store(db.url(), 4);
  ASSERT_TRUE(store.ok()) << store.error().message;
  ASSERT_TRUE((*store)->load_release(register_batch()).ok());
  // Fill the pool with idle connections.
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) readers.emplace_back([&] { (void)(*store)->list_areas(); });
  for (auto& t : readers) t.join();
  terminate_sessions(db.url());
  auto areas = (*store)->list_areas();
  ASSERT_TRUE(areas.ok()) << areas.error().message;
  EXPECT_EQ(areas->size(), 4u);
  terminate_sessions(db.url());
  // The dead connection is found before anything is written, so the write
  // goes ahead on a new one.
  auto id = (*store)->load_release(data_batch("sha-after"));
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto v = (*store)->query_values({"claimant-count", {}, "", false});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->size(), 4u);
}

TEST(PgStore, CommittedWritesNotifyListenersAndFailedOnesDoNot) {
  PgTestDatabase db;
  auto store = open_postgres_store(db.url());
  ASSERT_TRUE(store.ok()) << store.error().message;
  pqxx::connection listener(db.url());
  std::vector<std::string> payloads;
  struct Receiver : pqxx::notification_receiver {
    Receiver(pqxx::connection& c, std::vector<std::string>& out)
        : notification_receiver(c, pg::kChangeChannel), out_(out) {}
    void operator()(const std::string& payload, int) override { out_.push_back(payload); }
    std::vector<std::string>& out_;
  } receiver(listener, payloads);
  auto id = (*store)->load_release(register_batch());
  ASSERT_TRUE(id.ok());
  ReleaseBatch bad = data_batch("sha-bad");
  bad.observations.push_back(bad.observations[0]);
  ASSERT_FALSE((*store)->load_release(bad).ok());
  ASSERT_TRUE((*store)->save_group({"wy", "West Yorkshire", {"E08000035"}, ""}).ok());
  for (int i = 0; i < 50 && payloads.size() < 2; ++i) listener.await_notification(0, 100000);
  EXPECT_EQ(payloads,
            (std::vector<std::string>{"release " + std::to_string(*id), "group wy"}));
}

TEST(PgStore, LargeReleaseStreamsInAndAFailureAtItsEndRollsItBack) {
  PgTestDatabase db;
  auto store = open_postgres_store(db.url());
  ASSERT_TRUE(store.ok()) << store.error().message;
  ASSERT_TRUE((*store)->load_release(register_batch()).ok());
  ReleaseBatch b;
  b.release = release("sha-big");
  for (int a = 0; a < 200; ++a) {
    char code[32];
    std::snprintf(code, sizeof code, "E0999%04d", a);
    b.areas.push_back(area(code, "Synthetic " + std::to_string(a), AreaType::kDistrict));
    for (int m = 1; m <= 120; ++m) {
      char pid[32];
      std::snprintf(pid, sizeof pid, "%04d-%02d", 2000 + (m - 1) / 12, (m - 1) % 12 + 1);
      b.observations.push_back(obs(code, "claimant-count", pid, std::to_string(a * m)));
    }
  }
  ReleaseBatch bad = b;
  bad.observations.push_back(bad.observations.back());
  std::string before = db.dump();
  auto r = (*store)->load_release(bad);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("observation 24001 of 24001"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(db.dump(), before);
  // The same connection loads the good release next (the temporary table
  // went with the failed transaction).
  auto id = (*store)->load_release(b);
  ASSERT_TRUE(id.ok()) << id.error().message;
  int64_t rows = 0;
  ASSERT_TRUE((*store)->for_each_current_value_row([&](const CurrentValueRow&) { ++rows; }).ok());
  EXPECT_EQ(rows, 24000);
  auto rm = (*store)->list_release_metrics();
  ASSERT_TRUE(rm.ok());
  ASSERT_EQ(rm->size(), 1u);
  EXPECT_EQ((*rm)[0].rows, 24000);
}

}  // namespace lgb::testing
