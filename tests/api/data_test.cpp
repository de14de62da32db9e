// GET /api/v1/data: values exactly as published, errors as problems.
#include <gtest/gtest.h>

#include "api_test_support.h"
#include "core/period.h"

namespace lgb::test {
namespace {

// Leeds claimant count rows straight from the published file.
std::map<std::string, std::string> published_leeds_claimant_count() {
  auto rows = parse_csv(read_file(data_dir() + "/ons-els/claimant-count.csv"));
  size_t c_area = column(rows[0], "areacd"), c_period = column(rows[0], "period"),
         c_obs = column(rows[0], "observation");
  std::map<std::string, std::string> out;
  for (size_t i = 1; i < rows.size(); ++i) {
    if (rows[i][c_area] != "E08000035") continue;
    out[parse_iso_period(rows[i][c_period])->id()] = rows[i][c_obs];
  }
  return out;
}

TEST(Data, ValuesAreThePublishedTextByteForByte) {
  auto r = http_get(small_fixture().server->port(), "/api/v1/data?metric=claimant-count&area=E08000035");
  ASSERT_EQ(r.status, 200) << r.body;
  auto o = r.json().as_object();
  EXPECT_EQ(o.at("metric").as_object().at("id").as_string(), "claimant-count");
  auto expected = published_leeds_claimant_count();
  ASSERT_EQ(expected.size(), 25u);
  const auto& values = o.at("values").as_array();
  ASSERT_EQ(values.size(), expected.size());
  for (const auto& v : values) {
    const auto& row = v.as_object();
    std::string period(row.at("period").as_string());
    ASSERT_TRUE(row.at("value").is_string());
    EXPECT_EQ(row.at("value").as_string(), expected[period]) << period;
    EXPECT_EQ(row.at("area_name").as_string(), "Leeds");
    EXPECT_DOUBLE_EQ(row.at("number").to_number<double>(), std::stod(expected[period]));
    EXPECT_GT(row.at("release").as_int64(), 0);
  }
}

TEST(Data, SuppressedValueKeepsItsMarker) {
  // Find a row published with status "x" and check it is served as such.
  auto rows = parse_csv(read_file(data_dir() + "/ons-els/claimant-count.csv"));
  size_t c_area = column(rows[0], "areacd"), c_period = column(rows[0], "period"),
         c_obs = column(rows[0], "observation"), c_status = column(rows[0], "status");
  const std::vector<std::string>* marked = nullptr;
  for (size_t i = 1; i < rows.size() && !marked; ++i)
    if (rows[i][c_status] == "x") marked = &rows[i];
  ASSERT_NE(marked, nullptr);
  std::string period = parse_iso_period((*marked)[c_period])->id();
  auto r = http_get(small_fixture().server->port(), "/api/v1/data?metric=claimant-count&area=" +
                                                        (*marked)[c_area] + "&period=" + period);
  ASSERT_EQ(r.status, 200) << r.body;
  auto values = r.json().as_object().at("values").as_array();
  ASSERT_EQ(values.size(), 1u);
  auto v = values[0].as_object();
  EXPECT_EQ(v.at("value").as_string(), (*marked)[c_obs]);
  EXPECT_EQ(v.at("marker").as_string(), "x");
  EXPECT_EQ(v.at("status").as_string(), "not-available");
}

TEST(Data, FiltersByAreasAndPeriod) {
  auto r = http_get(small_fixture().server->port(),
                    "/api/v1/data?metric=claimant-count&area=E08000035,E08000036&period=cy2023");
  ASSERT_EQ(r.status, 200);
  auto values = r.json().as_object().at("values").as_array();
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0].as_object().at("area_code").as_string(), "E08000035");
  EXPECT_EQ(values[1].as_object().at("area_code").as_string(), "E08000036");
  EXPECT_EQ(values[0].as_object().at("period_label").as_string(), "2023");
}

TEST(Data, CsvFormatHasHeaderAndPublishedText) {
  auto r = http_get(small_fixture().server->port(),
                    "/api/v1/data?metric=claimant-count&area=E08000035&period=cy2023&format=csv");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/csv; charset=utf-8; header=present");
  auto rows = parse_csv(r.body);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"area_code", "area_name", "period", "period_label",
                                               "value", "number", "status", "marker", "note",
                                               "release", "current"}));
  EXPECT_EQ(rows[1][0], "E08000035");
  EXPECT_EQ(rows[1][4], published_leeds_claimant_count()["cy2023"]);
}

TEST(Data, BadParametersAre400) {
  uint16_t port = small_fixture().server->port();
  for (const char* target : {
           "/api/v1/data",                                       // metric missing
           "/api/v1/data?area=E08000035",                        // metric missing
           "/api/v1/data?metric=claimant-count&period=2023",     // bad period id
           "/api/v1/data?metric=claimant-count&period=fy2022-24",
           "/api/v1/data?metric=claimant-count&area=Leeds",      // bad area code
           "/api/v1/data?metric=claimant-count&area=E0800003",
           "/api/v1/data?metric=claimant-count&history=perhaps",
           "/api/v1/data?metric=claimant-count&format=xlsx",
           "/api/v1/data?metric=claimant-count&areas=E08000035",  // unknown parameter
           "/api/v1/data?metric=Claimant%20Count",
       }) {
    auto r = http_get(port, target);
    EXPECT_EQ(r.status, 400) << target << " " << r.body;
    EXPECT_EQ(r.header("content-type"), "application/problem+json") << target;
  }
}

TEST(Data, UnknownMetricOrAreaIs404) {
  uint16_t port = small_fixture().server->port();
  EXPECT_EQ(http_get(port, "/api/v1/data?metric=no-such-metric").status, 404);
  auto r = http_get(port, "/api/v1/data?metric=claimant-count&area=E08000035,E99999999");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("E99999999"), std::string::npos);
}

TEST(Data, HostileInputNeverGives500) {
  uint16_t port = small_fixture().server->port();
  for (const char* target : {
           "/api/v1/data?metric=%00", "/api/v1/data?metric=claimant-count&area=%FF%FE",
           "/api/v1/data?metric=claimant-count&period=%27%3B%20DROP%20TABLE%20x",
           "/api/v1/data?metric=claimant-count&area=,,,", "/api/v1/data?metric=&area=",
           "/api/v1/data?metric=claimant-count&period=cy99999999999999999999",
           "/api/v1/data?%%%", "/api/v1/areas/%2e%2e", "/api/v1/../../etc/passwd",
           "/api/v1/releases/-1", "/api/v1/releases/99999999999999999999999",
           "/api/v1/releases/abc",
       }) {
    auto r = http_get(port, target);
    EXPECT_GE(r.status, 200) << target;
    EXPECT_LT(r.status, 500) << target << " " << r.body;
  }
}

TEST(Data, CachingHeadersAndConditionalGet) {
  HttpClient c(small_fixture().server->port());
  const std::string target = "/api/v1/data?metric=claimant-count&area=E08000035";
  auto first = c.get(target);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.header("cache-control"), "public, max-age=60");
  std::string etag = first.header("etag");
  ASSERT_FALSE(etag.empty());
  auto again = c.get(target);  // served from the response cache: the same bytes
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.header("etag"), etag);
  auto not_modified = c.get(target, {{"If-None-Match", etag}});
  EXPECT_EQ(not_modified.status, 304);
  EXPECT_TRUE(not_modified.body.empty());
  EXPECT_EQ(not_modified.header("etag"), etag);
  auto changed = c.get(target, {{"If-None-Match", "\"0000000000000000\""}});
  EXPECT_EQ(changed.status, 200);
  // A different representation has a different validator.
  auto csv = c.get(target + "&format=csv");
  EXPECT_NE(csv.header("etag"), etag);
}

}  // namespace
}  // namespace lgb::test
