// The store contract: what every Store implementation must do, as one test
// suite (tests/store/contract/*.cpp) parameterised over backends. Each test
// binary instantiates it for the backends it links: store_tests for SQLite
// (sqlite_backend_test.cpp), postgres_tests for PostgreSQL
// (tests/postgres/pg_backend_test.cpp), so `ctest -L store` and
// `ctest -L postgres` run the same assertions on each.
// Not thread-safe; each test owns its database.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "store/store.h"
#include "store/store_fixture.h"

namespace lgb::testing {

// One empty database of a backend, removed when the object goes.
class TestDatabase {
 public:
  virtual ~TestDatabase() = default;
  // What --db takes: an SQLite path or a postgresql:// URL.
  virtual std::string locator() const = 0;
  // Every row of every table, in a fixed order, read outside the store: a
  // logical fingerprint for "nothing changed".
  virtual std::string dump() const = 0;
  // The applied schema version, and setting it (to test a newer database).
  virtual int schema_version() const = 0;
  virtual void set_schema_version(int version) = 0;
  virtual int latest_schema_version() const = 0;
  // Runs one statement outside the store: "" when it succeeded, else the
  // database's error (to show what the schema itself refuses).
  virtual std::string exec_error(const std::string& sql) const = 0;
};

struct Backend {
  std::string name;  // test name suffix: sqlite, postgres
  std::function<std::unique_ptr<TestDatabase>()> create;
  std::function<Result<std::unique_ptr<Store>>(const std::string& locator)> open;
  // Whether text that is not UTF-8 is stored byte for byte (SQLite) or
  // refused with a clear error (PostgreSQL text is UTF-8).
  bool stores_any_bytes = false;
};

// So test names read "... GetParam() = sqlite", not a byte dump.
inline void PrintTo(const Backend& b, std::ostream* os) { *os << b.name; }

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param.name;
}

class StoreContractTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { db_ = GetParam().create(); }
  std::unique_ptr<Store> open() const {
    auto s = GetParam().open(db_->locator());
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return s ? std::move(*s) : nullptr;
  }
  std::unique_ptr<TestDatabase> db_;
};

// Suites of the contract, one per file in tests/store/contract/.
class StoreValuesTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    store_ = open();
    ASSERT_TRUE(store_);
    auto id = store_->load_release(register_batch());
    ASSERT_TRUE(id.ok()) << id.error().message;
    register_id_ = *id;
  }
  std::unique_ptr<Store> store_;
  int64_t register_id_ = 0;
};
class StoreGroupsTest : public StoreValuesTest {};
class StoreTransactionTest : public StoreContractTest {};
class StoreConcurrencyTest : public StoreContractTest {};
class StoreAccountsTest : public StoreContractTest {};

}  // namespace lgb::testing

// Runs the whole contract for one backend (call once per test binary).
#define LGB_INSTANTIATE_STORE_CONTRACT(prefix, backend)                                        \
  INSTANTIATE_TEST_SUITE_P(prefix, StoreValuesTest, ::testing::Values(backend),                \
                           ::lgb::testing::backend_name);                                      \
  INSTANTIATE_TEST_SUITE_P(prefix, StoreGroupsTest, ::testing::Values(backend),                \
                           ::lgb::testing::backend_name);                                      \
  INSTANTIATE_TEST_SUITE_P(prefix, StoreTransactionTest, ::testing::Values(backend),           \
                           ::lgb::testing::backend_name);                                      \
  INSTANTIATE_TEST_SUITE_P(prefix, StoreConcurrencyTest, ::testing::Values(backend),           \
                           ::lgb::testing::backend_name);                                      \
  INSTANTIATE_TEST_SUITE_P(prefix, StoreAccountsTest, ::testing::Values(backend),              \
                           ::lgb::testing::backend_name)
