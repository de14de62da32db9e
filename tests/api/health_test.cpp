// GET /api/v1/health
#include <gtest/gtest.h>

#include "api_test_support.h"

namespace lgb::test {
namespace {

TEST(Health, ReportsStatusVersionAndValues) {
  auto r = http_get(small_fixture().server->port(), "/api/v1/health");
  ASSERT_EQ(r.status, 200);
  auto o = r.json().as_object();
  EXPECT_EQ(o.at("status").as_string(), "ok");
  auto version = run_lgbench({"--version"}).out;
  EXPECT_NE(version.find(std::string(o.at("version").as_string())), std::string::npos);
  EXPECT_GT(o.at("values").as_int64(), 10000);
  EXPECT_EQ(r.header("cache-control"), "no-store");
  // The store was read at start: not degraded, and no error to show
  // (tests/postgres/replicas_on_postgres.sh takes a database away).
  auto store = o.at("store").as_object();
  EXPECT_TRUE(store.at("ok").as_bool());
  EXPECT_EQ(store.at("last_refresh").as_string().size(), 20u);  // 2026-11-30T05:01:12Z
  EXPECT_FALSE(store.contains("last_error"));
}

}  // namespace
}  // namespace lgb::test
