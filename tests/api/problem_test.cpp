#include "api/problem.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace lgb::api {
namespace {

TEST(Problem, MapsErrorCodesToStatus) {
  EXPECT_EQ(http_status_of(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(http_status_of(ErrorCode::kNotFound), 404);
  EXPECT_EQ(http_status_of(ErrorCode::kConflict), 409);
  EXPECT_EQ(http_status_of(ErrorCode::kIo), 500);
  EXPECT_EQ(http_status_of(ErrorCode::kInternal), 500);
}

TEST(Problem, BodyFollowsRfc9457) {
  Response r = problem_response(not_found("unknown area 'E99999999'"), "/api/v1/areas/E99999999");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/problem+json");
  auto o = boost::json::parse(r.body).as_object();
  EXPECT_EQ(o.at("type").as_string(), "about:blank");
  EXPECT_EQ(o.at("title").as_string(), "Not Found");
  EXPECT_EQ(o.at("status").as_int64(), 404);
  EXPECT_EQ(o.at("detail").as_string(), "unknown area 'E99999999'");
  EXPECT_EQ(o.at("instance").as_string(), "/api/v1/areas/E99999999");
  EXPECT_EQ(o.at("code").as_string(), "not-found");
}

TEST(Problem, InternalErrorsHideTheirMessage) {
  Response r = problem_response(io_error("disk /secret/path failed"), "/x");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("/secret/path"), std::string::npos);
}

TEST(Problem, BodyIsValidJsonWhenTheRequestIsNotUtf8) {
  // "/api/v1/metrics/%ff" decodes to a path with the byte 0xFF in it.
  Response r = problem_response(not_found("unknown metric '\xff\xfe'"), "/api/v1/metrics/\xff");
  boost::json::value v = boost::json::parse(r.body);  // throws on invalid UTF-8
  EXPECT_EQ(v.at("instance").as_string(), "/api/v1/metrics/\xEF\xBF\xBD");
  EXPECT_EQ(v.at("detail").as_string(), "unknown metric '\xEF\xBF\xBD\xEF\xBF\xBD'");
}

}  // namespace
}  // namespace lgb::api
