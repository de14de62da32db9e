// GET /api/v1/areas and /api/v1/areas/{code} against the real register.
#include <gtest/gtest.h>

#include "api_test_support.h"

namespace lgb::test {
namespace {

boost::json::array items(const HttpResponse& r) { return r.json().as_object().at("items").as_array(); }

bool has_code(const boost::json::array& a, const std::string& code) {
  for (const auto& v : a)
    if (v.as_object().at("code").as_string() == code) return true;
  return false;
}

TEST(Areas, ListsTheRegister) {
  auto r = http_get(small_fixture().server->port(), "/api/v1/areas");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "application/json");
  auto a = items(r);
  EXPECT_GT(a.size(), 300u);
  EXPECT_EQ(r.json().as_object().at("count").as_int64(), static_cast<int64_t>(a.size()));
  EXPECT_TRUE(has_code(a, "E08000035"));  // Leeds
  EXPECT_TRUE(has_code(a, "E10000002"));  // Buckinghamshire County (abolished 2020)
}

TEST(Areas, FiltersByTypeRegionNameAndCurrent) {
  uint16_t port = small_fixture().server->port();
  auto boroughs = items(http_get(port, "/api/v1/areas?type=london-borough"));
  ASSERT_FALSE(boroughs.empty());
  for (const auto& v : boroughs) EXPECT_EQ(v.as_object().at("type").as_string(), "london-borough");
  EXPECT_TRUE(has_code(boroughs, "E09000033"));  // Westminster

  auto yorkshire = items(http_get(port, "/api/v1/areas?region=E12000003&current=true"));
  EXPECT_TRUE(has_code(yorkshire, "E08000035"));
  for (const auto& v : yorkshire) {
    EXPECT_EQ(v.as_object().at("region_code").as_string(), "E12000003");
    EXPECT_TRUE(v.as_object().at("current").as_bool());
  }

  auto leeds = items(http_get(port, "/api/v1/areas?q=LEEDS"));
  ASSERT_EQ(leeds.size(), 1u);
  EXPECT_EQ(leeds[0].as_object().at("name").as_string(), "Leeds");

  auto past = items(http_get(port, "/api/v1/areas?current=false"));
  EXPECT_TRUE(has_code(past, "E10000002"));
  EXPECT_FALSE(has_code(past, "E06000060"));
}

TEST(Areas, DetailHasRegionParentAndSuccessors) {
  uint16_t port = small_fixture().server->port();
  auto county = http_get(port, "/api/v1/areas/E10000002");
  ASSERT_EQ(county.status, 200);
  auto o = county.json().as_object();
  EXPECT_EQ(o.at("end_date").as_string(), "2020-03-31");
  auto succ = o.at("successors").as_array();
  ASSERT_EQ(succ.size(), 1u);
  EXPECT_EQ(succ[0].as_object().at("code").as_string(), "E06000060");
  EXPECT_EQ(succ[0].as_object().at("name").as_string(), "Buckinghamshire");

  auto leeds = http_get(port, "/api/v1/areas/E08000035").json().as_object();
  EXPECT_EQ(leeds.at("region").as_object().at("code").as_string(), "E12000003");
  EXPECT_EQ(leeds.at("region").as_object().at("name").as_string(), "Yorkshire and The Humber");
  EXPECT_TRUE(leeds.at("parent").is_null());
}

TEST(Areas, UnknownAreaIs404Problem) {
  auto r = http_get(small_fixture().server->port(), "/api/v1/areas/E99999999");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  auto o = r.json().as_object();
  EXPECT_EQ(o.at("status").as_int64(), 404);
  EXPECT_NE(std::string(o.at("detail").as_string()).find("E99999999"), std::string::npos);
}

TEST(Areas, BadParametersAre400) {
  uint16_t port = small_fixture().server->port();
  for (const char* target :
       {"/api/v1/areas?type=parish", "/api/v1/areas?current=maybe", "/api/v1/areas?region=Yorks",
        "/api/v1/areas?format=xml", "/api/v1/areas?colour=red", "/api/v1/areas/leeds",
        "/api/v1/areas/E0800003%2F"}) {
    auto r = http_get(port, target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.header("content-type"), "application/problem+json") << target;
  }
}

TEST(Areas, CsvHasHeaderRow) {
  auto r = http_get(small_fixture().server->port(), "/api/v1/areas?q=leeds&format=csv");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type").rfind("text/csv", 0), 0u);
  auto rows = parse_csv(r.body);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], "code");
  EXPECT_EQ(rows[1][0], "E08000035");
  EXPECT_EQ(rows[1][1], "Leeds");
}

}  // namespace
}  // namespace lgb::test
