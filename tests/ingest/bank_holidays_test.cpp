#include "ingest/bank_holidays.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "ingest_test_util.h"

namespace lgb {
namespace {

TEST(BankHolidays, BundledGovUkListsCover2015To2027) {
  auto h = read_bank_holidays(testing::data_path("calendar"));
  ASSERT_TRUE(h.ok()) << h.error().message;
  auto has = [&](const char* d) { return std::binary_search(h->begin(), h->end(), d); };
  EXPECT_TRUE(has("2015-12-28"));  // Boxing Day, substitute
  EXPECT_TRUE(has("2020-05-08"));  // VE day
  EXPECT_TRUE(has("2022-09-19"));  // the State Funeral
  EXPECT_TRUE(has("2027-12-28"));
  EXPECT_FALSE(has("2019-01-02"));  // a Scottish holiday only
  for (int year = 2015; year <= 2027; ++year) {
    int n = 0;
    for (const auto& d : *h) n += d.rfind(std::to_string(year), 0) == 0;
    EXPECT_GE(n, 8) << year;
  }
  testing::TempDir dir;
  dir.write("bad.json", "{\"scotland\": {}}");
  auto bad = read_bank_holidays(dir.path());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("bad.json"), std::string::npos);
}

}  // namespace
}  // namespace lgb
