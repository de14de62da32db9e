#include "api/router.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace lgb::api {
namespace {

Router make_router() {
  Router r;
  r.get("/api/v1/areas", "list", [](const Request&) -> Result<Response> {
    Response res;
    res.body = "list";
    return res;
  });
  r.get("/api/v1/areas/{code}", "one", [](const Request& req) -> Result<Response> {
    if (req.param("code") == "BAD") return invalid("bad code");
    if (req.param("code") == "NONE") return not_found("no such area");
    if (req.param("code") == "BOOM") throw std::runtime_error("boom");
    Response res;
    res.body = "area " + req.param("code");
    return res;
  });
  return r;
}

Request request(std::string method, std::string path) {
  Request req;
  req.method = std::move(method);
  req.path = path;
  req.target = path;
  return req;
}

TEST(Router, MatchesLiteralAndCapturesParams) {
  Router r = make_router();
  Request a = request("GET", "/api/v1/areas");
  EXPECT_EQ(r.dispatch(a).body, "list");
  Request b = request("GET", "/api/v1/areas/E08000035");
  Response res = r.dispatch(b);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "area E08000035");
}

TEST(Router, HeadIsServedByGetRoutes) {
  Router r = make_router();
  Request req = request("HEAD", "/api/v1/areas");
  EXPECT_EQ(r.dispatch(req).status, 200);
}

TEST(Router, UnknownPathIs404Problem) {
  Router r = make_router();
  Request req = request("GET", "/api/v1/nothing");
  Response res = r.dispatch(req);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.content_type, "application/problem+json");
  auto body = boost::json::parse(res.body).as_object();
  EXPECT_EQ(body.at("status").as_int64(), 404);
  EXPECT_EQ(body.at("instance").as_string(), "/api/v1/nothing");
}

TEST(Router, WrongMethodIs405WithAllow) {
  Router r = make_router();
  Request req = request("POST", "/api/v1/areas");
  Response res = r.dispatch(req);
  EXPECT_EQ(res.status, 405);
  ASSERT_EQ(res.headers.size(), 1u);
  EXPECT_EQ(res.headers[0].first, "Allow");
  EXPECT_EQ(res.headers[0].second, "GET, HEAD");
}

TEST(Router, HandlerErrorsBecomeProblems) {
  Router r = make_router();
  Request bad = request("GET", "/api/v1/areas/BAD");
  EXPECT_EQ(r.dispatch(bad).status, 400);
  Request none = request("GET", "/api/v1/areas/NONE");
  EXPECT_EQ(r.dispatch(none).status, 404);
  Request boom = request("GET", "/api/v1/areas/BOOM");
  Response res = r.dispatch(boom);
  EXPECT_EQ(res.status, 500);
  // Internal details stay in the log.
  EXPECT_EQ(res.body.find("boom"), std::string::npos);
}

TEST(Router, SegmentsMustMatchExactly) {
  Router r = make_router();
  Request deeper = request("GET", "/api/v1/areas/E08000035/extra");
  EXPECT_EQ(r.dispatch(deeper).status, 404);
  Request prefix = request("GET", "/api/v1/area");
  EXPECT_EQ(r.dispatch(prefix).status, 404);
}

TEST(SplitPath, IgnoresEmptySegments) {
  EXPECT_EQ(split_path("/a//b/"), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_TRUE(split_path("/").empty());
}

}  // namespace
}  // namespace lgb::api
