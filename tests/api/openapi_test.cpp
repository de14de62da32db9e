// The OpenAPI document served at /api/v1/openapi.json matches the router's
// route table exactly: every route is documented and nothing else is.
#include <gtest/gtest.h>

#include <set>

#include "api/api_service.h"
#include "api/openapi_document.h"
#include "api_test_support.h"

namespace lgb::test {
namespace {

using RouteKey = std::pair<std::string, std::string>;  // method (lower case), path

std::set<RouteKey> router_routes() {
  api::Router router;
  api::ApiContext ctx;  // handlers are registered, not run
  ctx.version = "test";
  api::add_all_routes(router, ctx);
  std::set<RouteKey> out;
  for (const auto& r : router.routes()) {
    std::string method = r.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.emplace(method, r.pattern);
  }
  return out;
}

std::set<RouteKey> document_routes(const boost::json::object& doc) {
  std::set<RouteKey> out;
  for (const auto& [path, item] : doc.at("paths").as_object())
    for (const auto& [method, op] : item.as_object()) out.emplace(method, path);
  return out;
}

TEST(OpenApi, DocumentMatchesRouteTable) {
  auto r = http_get(small_fixture().server->port(), "/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto doc = r.json().as_object();
  EXPECT_EQ(std::string(doc.at("openapi").as_string()).substr(0, 2), "3.");
  auto routes = router_routes();
  auto documented = document_routes(doc);
  for (const auto& k : routes)
    EXPECT_TRUE(documented.count(k)) << "route not documented: " << k.first << " " << k.second;
  for (const auto& k : documented)
    EXPECT_TRUE(routes.count(k)) << "documented but not routed: " << k.first << " " << k.second;
  EXPECT_GE(routes.size(), 9u);
}

TEST(OpenApi, PathParametersAreDeclared) {
  auto doc = boost::json::parse(api::openapi_document_json()).as_object();
  for (const auto& [path, item] : doc.at("paths").as_object()) {
    std::string p(path);
    for (size_t open = p.find('{'); open != std::string::npos; open = p.find('{', open + 1)) {
      std::string name = p.substr(open + 1, p.find('}', open) - open - 1);
      for (const auto& [method, op] : item.as_object()) {
        bool declared = false;
        for (const auto& param : op.as_object().at("parameters").as_array()) {
          const auto& o = param.as_object();
          if (o.contains("name") && o.at("name").as_string() == name &&
              o.at("in").as_string() == "path")
            declared = true;
        }
        EXPECT_TRUE(declared) << p << " does not declare {" << name << "}";
      }
    }
  }
}

TEST(OpenApi, VersionIsTheBinarys) {
  auto doc = http_get(small_fixture().server->port(), "/api/v1/openapi.json").json().as_object();
  auto health = http_get(small_fixture().server->port(), "/api/v1/health").json().as_object();
  EXPECT_EQ(doc.at("info").as_object().at("version"), health.at("version"));
}

}  // namespace
}  // namespace lgb::test
