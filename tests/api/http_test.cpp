#include "api/http.h"

#include <gtest/gtest.h>

namespace lgb::api {
namespace {

TEST(Prepare, SerializesHeadersAndStrongEtag) {
  Response r;
  r.body = R"({"a":1})";
  r.cache_control = "public, max-age=60";
  auto p = prepare(r);
  EXPECT_TRUE(p->cacheable);
  EXPECT_EQ(p->etag.size(), 18u);
  EXPECT_EQ(p->head.rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
  EXPECT_NE(p->head.find("Content-Length: 7\r\n"), std::string::npos);
  EXPECT_NE(p->head.find("ETag: " + p->etag + "\r\n"), std::string::npos);
  EXPECT_NE(p->head.find("Cache-Control: public, max-age=60\r\n"), std::string::npos);
  EXPECT_EQ(p->not_modified_head.rfind("HTTP/1.1 304 Not Modified\r\n", 0), 0u);
  EXPECT_EQ(p->not_modified_head.find("Content-Length"), std::string::npos);
}

TEST(Prepare, EtagDependsOnBody) {
  Response a, b;
  a.body = "x";
  b.body = "y";
  EXPECT_NE(prepare(a)->etag, prepare(b)->etag);
  EXPECT_EQ(prepare(a)->etag, prepare(a)->etag);
}

TEST(Prepare, ErrorsAreNotCacheable) {
  Response r;
  r.status = 404;
  auto p = prepare(r);
  EXPECT_FALSE(p->cacheable);
  EXPECT_TRUE(p->etag.empty());
}

TEST(EtagMatches, HandlesListsWeakAndStar) {
  EXPECT_TRUE(etag_matches("\"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("\"x\", \"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("W/\"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("*", "\"abc\""));
  EXPECT_FALSE(etag_matches("\"abd\"", "\"abc\""));
  EXPECT_FALSE(etag_matches("", "\"abc\""));
}

TEST(QueryParams, FirstValueWins) {
  QueryParams q;
  q.add("a", "1");
  q.add("a", "2");
  EXPECT_EQ(q.get("a"), "1");
  EXPECT_EQ(q.get("b", "none"), "none");
  EXPECT_FALSE(q.has("b"));
}

}  // namespace
}  // namespace lgb::api
