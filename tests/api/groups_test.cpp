// Custom groups and derived ratios through the API: create, list, use in a
// comparison, delete; conflicts and bad bodies; writes refused (403) unless
// the server was started with --allow-writes. Real server, real data.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "api_test_support.h"

namespace lgb::test {
namespace {

namespace json = boost::json;

bool lists_group(uint16_t port, const std::string& id) {
  auto r = http_get(port, "/api/v1/groups");
  EXPECT_EQ(r.status, 200);
  const json::value doc = r.json();
  for (const auto& g : doc.at("custom").as_array())
    if (g.at("id").as_string() == id) return true;
  return false;
}

TEST(Groups, CreateListCompareDelete) {
  auto port = full_fixture().server->port();
  const std::string id = "test-leeds-peers";
  // Listed (and so cached) before it exists: creating must clear the cache.
  EXPECT_FALSE(lists_group(port, id));
  auto builtin = http_get(port, "/api/v1/groups").json().at("builtin").as_array();
  std::set<std::string> kinds;
  for (const auto& k : builtin) kinds.emplace(k.at("id").as_string());
  for (const char* k : {"england", "type", "region", "neighbours", "ons-global"})
    EXPECT_TRUE(kinds.count(k)) << k;

  const std::string target =
      "/api/v1/compare?metric=claimant-count&area=E08000035&group=" + id;
  EXPECT_EQ(http_get(port, target).status, 404);

  auto created = http_send(port, "POST", "/api/v1/groups",
                           R"({"id":")" + id + R"(","name":"Leeds and two peers",)"
                           R"("area_codes":["E08000035","E08000036","E08000019"]})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.header("location"), "/api/v1/groups/" + id);
  EXPECT_EQ(created.json().at("members").as_array().size(), 3u);
  EXPECT_TRUE(lists_group(port, id));

  auto one = http_get(port, "/api/v1/groups/" + id);
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.json().at("name"), "Leeds and two peers");

  auto c = http_get(port, target);
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(c.json().at("statistics").at("members").as_int64(), 3);
  EXPECT_EQ(c.json().at("members").as_array().size(), 3u);
  EXPECT_EQ(http_get(port, "/api/v1/compare?metric=claimant-count&area=E08000035&group=custom:" +
                               id).status,
            200);

  auto dup = http_send(port, "POST", "/api/v1/groups",
                       R"({"id":")" + id + R"(","name":"again","area_codes":["E08000035"]})");
  EXPECT_EQ(dup.status, 409) << dup.body;

  auto del = http_send(port, "DELETE", "/api/v1/groups/" + id);
  EXPECT_EQ(del.status, 204) << del.body;
  EXPECT_TRUE(del.body.empty());
  EXPECT_FALSE(lists_group(port, id));
  EXPECT_EQ(http_get(port, "/api/v1/groups/" + id).status, 404);
  EXPECT_EQ(http_get(port, target).status, 404);
  EXPECT_EQ(http_send(port, "DELETE", "/api/v1/groups/" + id).status, 404);
}

TEST(Groups, BadBodiesAre400) {
  auto port = full_fixture().server->port();
  for (const std::string body : {
           std::string(""),
           std::string("not json"),
           std::string("[1,2]"),
           std::string(R"({"name":"x","area_codes":["E08000035"]})"),
           std::string(R"({"id":"bad-areas","name":"x","area_codes":[]})"),
           std::string(R"({"id":"bad-areas","name":"x","area_codes":"E08000035"})"),
           std::string(R"({"id":"bad-areas","name":"x","area_codes":["E99999999"]})"),
           std::string(R"({"id":"Bad Id","name":"x","area_codes":["E08000035"]})"),
           std::string(R"({"id":"england","name":"x","area_codes":["E08000035"]})"),
           std::string(R"({"id":"ok-id","name":"x","area_codes":["E08000035"],"extra":1})"),
       }) {
    auto r = http_send(port, "POST", "/api/v1/groups", body);
    EXPECT_EQ(r.status, 400) << body << " -> " << r.body;
    EXPECT_EQ(r.header("content-type"), "application/problem+json") << body;
  }
  EXPECT_FALSE(lists_group(port, "bad-areas"));
}

TEST(Ratios, CreateThenCompareOnIt) {
  auto port = full_fixture().server->port();
  const std::string id = "test-claimants-per-unemployed";
  auto created = http_send(port, "POST", "/api/v1/ratios",
                           R"({"id":")" + id + R"(","title":"Test ratio",)"
                           R"("numerator_metric":"claimant-count",)"
                           R"("denominator_metric":"modelled-unemployment-rate",)"
                           R"("scale":100,"polarity":"lower-is-better","unit":"index","decimals":2})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json().at("id").as_string(), id);

  bool listed = false;
  const json::value ratios = http_get(port, "/api/v1/ratios").json();
  for (const auto& r : ratios.at("items").as_array())
    listed = listed || r.at("id").as_string() == id;
  EXPECT_TRUE(listed);

  // cy2023: the latest year both inputs hold.
  auto c = http_get(port,
                    "/api/v1/compare?metric=" + id + "&area=E08000035&group=type&period=cy2023");
  ASSERT_EQ(c.status, 200) << c.body;
  auto o = c.json().as_object();
  const std::string period(o.at("period").at("id").as_string());
  ASSERT_FALSE(o.at("value").is_null()) << c.body;
  // Recompute from the published values of the two inputs.
  auto value_of = [&](const std::string& metric) {
    auto d = http_get(port, "/api/v1/data?metric=" + metric + "&area=E08000035&period=" + period)
                 .json();
    return d.at("values").as_array().at(0).at("number").to_number<double>();
  };
  const double expected =
      value_of("claimant-count") / value_of("modelled-unemployment-rate") * 100;
  EXPECT_NEAR(o.at("value").to_number<double>(), expected, 1e-9 * std::fabs(expected));
  EXPECT_GT(o.at("statistics").at("count").as_int64(), 1);

  auto dup = http_send(port, "POST", "/api/v1/ratios",
                       R"({"id":")" + id + R"(","numerator_metric":"claimant-count",)"
                       R"("denominator_metric":"claimant-count"})");
  EXPECT_EQ(dup.status, 409) << dup.body;
  auto clash = http_send(port, "POST", "/api/v1/ratios",
                         R"({"id":"claimant-count","numerator_metric":"claimant-count",)"
                         R"("denominator_metric":"claimant-count"})");
  EXPECT_EQ(clash.status, 409) << clash.body;
  for (const std::string body : {
           std::string(R"({"id":"r1","numerator_metric":"nope","denominator_metric":"claimant-count"})"),
           std::string(R"({"id":"r1","numerator_metric":"claimant-count"})"),
           std::string(R"({"id":"r1","numerator_metric":"claimant-count","denominator_metric":"claimant-count","polarity":"up"})"),
           std::string(R"({"id":"r1","numerator_metric":"claimant-count","denominator_metric":"claimant-count","scale":0})"),
           std::string(R"({"id":"r1","numerator_metric":"claimant-count","denominator_metric":"claimant-count","scale":"x"})"),
       }) {
    auto r = http_send(port, "POST", "/api/v1/ratios", body);
    EXPECT_EQ(r.status, 400) << body << " -> " << r.body;
  }
}

TEST(Writes, RefusedWithout_allow_writes) {
  auto& f = full_fixture();
  ServerProcess readonly(f.db, {"--data-dir", data_dir()});
  auto port = readonly.port();
  auto post = http_send(port, "POST", "/api/v1/groups",
                        R"({"id":"never","name":"x","area_codes":["E08000035"]})");
  EXPECT_EQ(post.status, 403) << post.body;
  EXPECT_EQ(post.header("content-type"), "application/problem+json");
  EXPECT_NE(post.json().at("detail").as_string().find("writes are disabled"), std::string::npos);
  EXPECT_EQ(http_send(port, "DELETE", "/api/v1/groups/anything").status, 403);
  EXPECT_EQ(http_send(port, "POST", "/api/v1/ratios", "{}").status, 403);
  EXPECT_EQ(http_get(port, "/api/v1/groups").status, 200);
  EXPECT_EQ(http_get(port, "/api/v1/ratios").status, 200);
  EXPECT_FALSE(lists_group(f.server->port(), "never"));
}

}  // namespace
}  // namespace lgb::test
