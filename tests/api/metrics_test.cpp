// GET /api/v1/metrics and /api/v1/metrics/{id} against the real catalogue.
#include <gtest/gtest.h>

#include "api_test_support.h"

namespace lgb::test {
namespace {

std::vector<std::string> ids(const HttpResponse& r) {
  std::vector<std::string> out;
  const boost::json::value doc = r.json();
  for (const auto& v : doc.as_object().at("items").as_array())
    out.emplace_back(v.as_object().at("id").as_string());
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(Metrics, ListsTheCatalogue) {
  auto r = http_get(small_fixture().server->port(), "/api/v1/metrics");
  ASSERT_EQ(r.status, 200);
  auto all = ids(r);
  EXPECT_TRUE(contains(all, "claimant-count"));
  EXPECT_TRUE(contains(all, "housing-affordability-ratio-residence-based"));
  EXPECT_GT(all.size(), 20u);
}

TEST(Metrics, FiltersByTextAndTheme) {
  uint16_t port = small_fixture().server->port();
  auto claimant = ids(http_get(port, "/api/v1/metrics?q=CLAIMANT"));
  EXPECT_EQ(claimant, std::vector<std::string>{"claimant-count"});
  // Found by description text, not only the title.
  auto unemployment = ids(http_get(port, "/api/v1/metrics?q=unemployment-related"));
  EXPECT_TRUE(contains(unemployment, "claimant-count"));
  auto economy = ids(http_get(port, "/api/v1/metrics?theme=economy"));
  EXPECT_TRUE(contains(economy, "claimant-count"));
  EXPECT_FALSE(contains(economy, "cigarette-smokers"));
  EXPECT_TRUE(ids(http_get(port, "/api/v1/metrics?theme=no-such-theme")).empty());
}

TEST(Metrics, DetailListsPeriodsWithLabels) {
  auto r = http_get(small_fixture().server->port(), "/api/v1/metrics/claimant-count");
  ASSERT_EQ(r.status, 200);
  auto o = r.json().as_object();
  EXPECT_EQ(o.at("title").as_string(), "Claimant Count");
  EXPECT_EQ(o.at("polarity").as_string(), "lower-is-better");
  bool found = false;
  for (const auto& p : o.at("periods").as_array()) {
    if (p.as_object().at("id").as_string() == "cy2023") {
      found = true;
      EXPECT_EQ(p.as_object().at("label").as_string(), "2023");
    }
  }
  EXPECT_TRUE(found);
}

TEST(Metrics, MetricWithoutValuesHasNoPeriods) {
  // In the catalogue but its file is not in the small fixture.
  auto r = http_get(small_fixture().server->port(), "/api/v1/metrics/cigarette-smokers");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.json().as_object().at("periods").as_array().empty());
}

TEST(Metrics, UnknownMetricIs404AndBadIdIs400) {
  uint16_t port = small_fixture().server->port();
  auto unknown = http_get(port, "/api/v1/metrics/no-such-metric");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.header("content-type"), "application/problem+json");
  EXPECT_EQ(http_get(port, "/api/v1/metrics/Not%20A%20Slug").status, 400);
  EXPECT_EQ(http_get(port, "/api/v1/metrics?sort=title").status, 400);
}

TEST(Metrics, CsvListsMetricsAndPeriods) {
  uint16_t port = small_fixture().server->port();
  auto list = parse_csv(http_get(port, "/api/v1/metrics?q=claimant&format=csv").body);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0][0], "id");
  EXPECT_EQ(list[1][0], "claimant-count");
  auto periods = parse_csv(http_get(port, "/api/v1/metrics/claimant-count?format=csv").body);
  ASSERT_GT(periods.size(), 2u);
  EXPECT_EQ(periods[0], (std::vector<std::string>{"id", "label"}));
}

}  // namespace
}  // namespace lgb::test
