// lgbench verify: every bundled file read again and compared value by value
// with the store it was loaded into (published text, marker, note); a store
// that differs from its sources is caught and the command fails.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "api_test_support.h"

namespace lgb::test {
namespace {

TEST(Verify, EveryBundledValueMatchesItsSourceAndTamperingIsCaught) {
  auto& f = full_fixture();
  auto ok = run_lgbench({"verify", "--db", f.db, "--manifest", data_dir() + "/sources.csv"});
  ASSERT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find(" 0 mismatches"), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("flytipping_la.ods: "), std::string::npos) << ok.out;

  // A copy of the store with one value changed behind lgbench's back.
  TempDir dir;
  const std::string copy = dir.file("tampered.db");
  std::filesystem::copy_file(f.db, copy);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(copy.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "UPDATE observations SET text = '9.9' WHERE metric_id = 'claimant-count'"
                         " AND area_code = 'E08000035' AND period_id = 'cy2024'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto bad = run_lgbench({"verify", "--db", copy, "--manifest", data_dir() + "/sources.csv"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.out.find("claimant-count E08000035 cy2024: file '4.5', stored '9.9'"),
            std::string::npos)
      << bad.out;
  EXPECT_NE(bad.out.find(" 1 mismatches"), std::string::npos) << bad.out;
}

}  // namespace
}  // namespace lgb::test
