// What a careless or hostile client sends: repeated parameters, re-spelt URLs
// that would miss the cache, bytes that are not UTF-8, requests cut short,
// lower-case area codes, one address taking every connection. (Slow readers
// and descriptor exhaustion: stress_test.cpp, run by `make test-stress`.)
#include <gtest/gtest.h>

#include "api/api_service.h"
#include "api_test_support.h"
#include "core/utf8.h"

namespace lgb::test {
namespace {

TEST(Hardening, RepeatedParameterIs400) {
  uint16_t port = small_fixture().server->port();
  for (const std::string target :
       {"/api/v1/data?metric=claimant-count&area=E08000035&area=E08000025",
        "/api/v1/areas?format=csv&format=xml", "/api/v1/areas?format=json&format=json",
        "/api/v1/compare?metric=claimant-count&area=E08000035&group=type&group=region"}) {
    auto r = http_get(port, target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
    EXPECT_EQ(r.json().at("code").as_string(), "invalid-argument") << r.body;
    EXPECT_NE(r.body.find("more than once"), std::string::npos) << r.body;
  }
  // A list is one parameter with commas.
  EXPECT_EQ(http_get(port, "/api/v1/data?metric=claimant-count&area=E08000035,E08000025").status,
            200);
}

TEST(Hardening, EverySpellingOfARequestSharesOneCacheEntry) {
  auto store = open_sqlite_store(small_fixture().db);
  ASSERT_TRUE(store.ok()) << store.error().message;
  api::ApiOptions options;
  auto service = api::ApiService::create(**store, options);
  ASSERT_TRUE(service.ok()) << service.error().message;
  auto first = (*service)->handle("GET", "/api/v1/data?metric=claimant-count&area=E08000035", "");
  ASSERT_EQ(first->status, 200);
  for (const std::string spelling :
       {"/api/v1/data?metric=claimant-count&area=E08000035",
        "/api/v1/data?area=E08000035&metric=claimant-count",
        "/api/v1/data?%61rea=E08000035&metric=claimant%2Dcount",
        "/api/v1//data?metric=claimant-count&area=E08000035",
        "/api//v1/data/?metric=claimant-count&area=E08000035"}) {
    EXPECT_EQ((*service)->find_cached("GET", spelling), first) << spelling;
    EXPECT_EQ((*service)->find_cached("HEAD", spelling), first) << spelling;
  }
  // Different requests stay different.
  EXPECT_EQ((*service)->find_cached("GET", "/api/v1/data?metric=claimant-count&area=E08000025"),
            nullptr);
  EXPECT_EQ((*service)->find_cached("GET", "/api/v1/data?metric=claimant-count&area=E08000035&x="),
            nullptr);
  EXPECT_EQ((*service)->find_cached("GET", "/api/v1/data?metric=claimant-count&area=E08000035%2C"),
            nullptr);
  // A repeatable parameter's values keep their order (LG Inform's columnGrouping).
  const std::string lg = "/lginform/data?metricType=claimant-count&area=E08000035";
  auto grouped = (*service)->handle(
      "GET", lg + "&columnGrouping=metricType&columnGrouping=period", "");
  ASSERT_EQ(grouped->status, 200) << grouped->body;
  EXPECT_EQ((*service)->find_cached("GET", lg + "&columnGrouping=metricType&columnGrouping=period"),
            grouped);
  EXPECT_EQ((*service)->find_cached("GET", lg + "&columnGrouping=period&columnGrouping=metricType"),
            nullptr);
}

TEST(Hardening, ErrorsAreValidJsonWhenThePathIsNotUtf8) {
  uint16_t port = small_fixture().server->port();
  for (const std::string target : {"/api/v1/metrics/%ff", "/api/v1/areas/%C0%AF", "/api/v1/%fe%ff",
                                   "/api/v1/data?metric=%ff", "/api/v1/areas?type=%e9"}) {
    auto r = http_get(port, target);
    EXPECT_GE(r.status, 400) << target;
    EXPECT_EQ(find_invalid_utf8(r.body), std::string_view::npos) << target << ": " << r.body;
    boost::json::value v;
    ASSERT_NO_THROW(v = r.json()) << target << ": " << r.body;
    EXPECT_EQ(v.at("status").as_int64(), r.status);
  }
  auto r = http_get(port, "/api/v1/metrics/%ff");
  EXPECT_EQ(r.json().at("instance").as_string(), "/api/v1/metrics/\xEF\xBF\xBD");
}

// Sends bytes and reads whatever comes back until the server closes.
std::string send_and_read_all(uint16_t port, const std::string& bytes) {
  RawConnection c(port);
  if (!bytes.empty()) c.send(bytes);
  return c.read_to_end();
}

TEST(Hardening, RequestCutShortGets408) {
  ServerProcess server(small_fixture().db, {"--read-timeout-ms", "300"});
  // A body shorter than its Content-Length.
  std::string r = send_and_read_all(
      server.port(),
      "POST /api/v1/groups HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 100\r\n\r\n{\"id\":");
  EXPECT_EQ(r.rfind("HTTP/1.1 408 Request Timeout\r\n", 0), 0u) << r;
  EXPECT_NE(r.find("Connection: close\r\n"), std::string::npos) << r;
  EXPECT_NE(r.find("application/problem+json"), std::string::npos) << r;
  // Headers that never end.
  r = send_and_read_all(server.port(), "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n");
  EXPECT_EQ(r.rfind("HTTP/1.1 408 ", 0), 0u) << r;
  // An idle connection (nothing sent, or nothing after a response) just closes.
  EXPECT_EQ(send_and_read_all(server.port(), ""), "");
  r = send_and_read_all(server.port(), "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(r.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << r;
  EXPECT_EQ(r.find("408"), std::string::npos) << r;
}

TEST(Hardening, MalformedAreaCodeIs400OnEveryRoute) {
  uint16_t port = small_fixture().server->port();
  for (const std::string target :
       {"/api/v1/compare?metric=claimant-count&area=e08000035",
        "/api/v1/rank?metric=claimant-count&group=type&area=e08000035",
        "/api/v1/rank?metric=claimant-count&group=region:e12000003",
        "/api/v1/outliers?area=e08000035", "/api/v1/neighbours/e08000035",
        "/api/v1/areas/e08000035", "/api/v1/data?metric=claimant-count&area=e08000035"}) {
    auto r = http_get(port, target);
    EXPECT_EQ(r.status, 400) << target << ": " << r.body;
    EXPECT_NE(r.body.find("GSS code"), std::string::npos) << target << ": " << r.body;
  }
  // Well-formed but unknown stays a 404.
  EXPECT_EQ(http_get(port, "/api/v1/compare?metric=claimant-count&area=E08999999").status, 404);
}

TEST(Hardening, OneAddressCannotTakeEveryConnection) {
  ServerProcess server(small_fixture().db, {"--max-connections-per-client", "4"});
  // Four connections from 127.0.0.2 are kept; the fifth is told why and closed.
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 4; ++i)
    held.push_back(std::make_unique<RawConnection>(server.port(), "127.0.0.2"));
  std::string reply = RawConnection(server.port(), "127.0.0.2").read_to_end();
  EXPECT_EQ(reply.rfind("HTTP/1.1 503 Service Unavailable\r\n", 0), 0u) << reply;
  EXPECT_NE(reply.find("Retry-After: 1\r\n"), std::string::npos) << reply;
  EXPECT_NE(reply.find("too many connections from your address"), std::string::npos) << reply;
  // The four held ones still work, and so does everyone else.
  held[0]->send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(held[0]->read_to_end().rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
  EXPECT_EQ(http_get(server.port(), "/api/v1/health").status, 200);
}

}  // namespace
}  // namespace lgb::test
