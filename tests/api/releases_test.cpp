// GET /api/v1/releases and /api/v1/releases/{id}: provenance of loaded files.
#include <gtest/gtest.h>

#include <cstdio>

#include "api_test_support.h"

namespace lgb::test {
namespace {

std::string sha256_of(const std::string& path) {
  std::string cmd = "sha256sum '" + path + "'";
  FILE* p = popen(cmd.c_str(), "r");
  char buf[65] = {0};
  size_t n = p ? fread(buf, 1, 64, p) : 0;
  if (p) pclose(p);
  return std::string(buf, n);
}

TEST(Releases, ListEveryLoadedFileWithProvenance) {
  auto r = http_get(small_fixture().server->port(), "/api/v1/releases");
  ASSERT_EQ(r.status, 200);
  auto items = r.json().as_object().at("items").as_array();
  // 3 register files, the catalogue and 2 ONS files.
  ASSERT_EQ(items.size(), 6u);
  bool found = false;
  for (const auto& v : items) {
    const auto& o = v.as_object();
    if (o.at("file_name").as_string() != "claimant-count.csv") continue;
    found = true;
    EXPECT_EQ(o.at("format").as_string(), "ons-els");
    EXPECT_EQ(o.at("publisher").as_string(), "Office for National Statistics");
    EXPECT_EQ(o.at("sha256").as_string(), sha256_of(data_dir() + "/ons-els/claimant-count.csv"));
    EXPECT_EQ(o.at("licence").as_string(), "OGL-UK-3.0");
    EXPECT_FALSE(o.at("loaded_at").as_string().empty());
    EXPECT_GT(o.at("rows").as_int64(), 10000);

    auto one = http_get(small_fixture().server->port(),
                        "/api/v1/releases/" + std::to_string(o.at("id").as_int64()));
    ASSERT_EQ(one.status, 200);
    EXPECT_EQ(one.json().as_object(), o);
  }
  EXPECT_TRUE(found);
}

TEST(Releases, UnknownIs404AndMalformedIs400) {
  uint16_t port = small_fixture().server->port();
  EXPECT_EQ(http_get(port, "/api/v1/releases/9999").status, 404);
  EXPECT_EQ(http_get(port, "/api/v1/releases/first").status, 400);
  EXPECT_EQ(http_get(port, "/api/v1/releases/0").status, 400);
}

TEST(Releases, CsvHasOneRowPerRelease) {
  auto rows = parse_csv(http_get(small_fixture().server->port(), "/api/v1/releases?format=csv").body);
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows[0][0], "id");
  EXPECT_EQ(rows[0][5], "sha256");
}

}  // namespace
}  // namespace lgb::test
