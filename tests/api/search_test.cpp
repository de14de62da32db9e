// GET /api/v1/search against the real register and catalogue.
#include <gtest/gtest.h>

#include "api_test_support.h"

namespace lgb::test {
namespace {

boost::json::array items(const HttpResponse& r) { return r.json().as_object().at("items").as_array(); }

TEST(Search, FindsACouncilByNameOrCodeFirst) {
  uint16_t port = small_fixture().server->port();
  for (const char* q : {"leeds", "LEEDS", "E08000035", "e08000035"}) {
    auto r = http_get(port, std::string("/api/v1/search?q=") + q);
    ASSERT_EQ(r.status, 200) << q;
    auto first = items(r).at(0).as_object();
    EXPECT_EQ(first.at("id").as_string(), "E08000035") << q;
    EXPECT_EQ(first.at("kind").as_string(), "area");
    EXPECT_EQ(first.at("path").as_string(), "/areas/E08000035");
  }
}

TEST(Search, NamesWhatReplacedAnAbolishedCouncil) {
  auto r = http_get(small_fixture().server->port(), "/api/v1/search?q=aylesbury");
  ASSERT_EQ(r.status, 200);
  auto first = items(r).at(0).as_object();
  EXPECT_EQ(first.at("label").as_string(), "Aylesbury Vale");
  EXPECT_FALSE(first.at("current").as_bool());
  EXPECT_NE(std::string(first.at("detail").as_string()).find("now Buckinghamshire"), std::string::npos)
      << first.at("detail").as_string();
}

TEST(Search, FindsMetricsByTitleAndTheme) {
  uint16_t port = small_fixture().server->port();
  auto r = http_get(port, "/api/v1/search?q=claimant");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(items(r).at(0).as_object().at("id").as_string(), "claimant-count");
  auto theme = items(http_get(port, "/api/v1/search?q=economy&limit=50"));
  bool found = false;
  for (const auto& h : theme) found |= h.as_object().at("id").as_string() == "claimant-count";
  EXPECT_TRUE(found);
}

TEST(Search, LimitsAndRejectsBadParameters) {
  uint16_t port = small_fixture().server->port();
  auto r = http_get(port, "/api/v1/search?q=an&limit=3");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(items(r).size(), 3u);
  EXPECT_GT(r.json().as_object().at("total").as_int64(), 3);
  EXPECT_EQ(items(http_get(port, "/api/v1/search?q=a")).size(), 0u);  // too short
  EXPECT_EQ(http_get(port, "/api/v1/search?q=leeds&limit=0").status, 400);
  EXPECT_EQ(http_get(port, "/api/v1/search?query=leeds").status, 400);
  auto csv = http_get(port, "/api/v1/search?q=leeds&format=csv");
  EXPECT_EQ(csv.body.substr(0, 33), "kind,id,label,detail,path,current");
}

}  // namespace
}  // namespace lgb::test
