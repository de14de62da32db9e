// The HTTP server: keep-alive, many concurrent connections, slow clients,
// malformed requests, static files, refresh after another process loads a
// release, and a graceful stop.
#include <gtest/gtest.h>

#include <thread>

#include "api_test_support.h"

#include <boost/asio.hpp>

namespace lgb::test {
namespace {

TEST(Server, PrintsTheUrlItListensOn) {
  const std::string& line = small_fixture().server->first_line();
  EXPECT_NE(line.find("http://127.0.0.1:" + std::to_string(small_fixture().server->port()) + "/"),
            std::string::npos)
      << line;
}

TEST(Server, KeepAliveServesManyRequestsOnOneConnection) {
  HttpClient c(small_fixture().server->port());
  for (int i = 0; i < 50; ++i) {
    auto r = c.get(i % 2 ? "/api/v1/health" : "/api/v1/areas/E08000035");
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(r.keep_alive);
  }
}

TEST(Server, ManyConcurrentKeepAliveConnections) {
  uint16_t port = small_fixture().server->port();
  const std::string target = "/api/v1/data?metric=claimant-count&area=E08000035";
  const std::string expected = http_get(port, target).body;
  constexpr int kConnections = 64, kRequests = 20;
  // All connections open at once before any request, so the server must
  // hold them concurrently.
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < kConnections; ++i) clients.push_back(std::make_unique<HttpClient>(port));
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = t; i < kConnections; i += 8)
        for (int n = 0; n < kRequests; ++n) {
          auto r = clients[static_cast<size_t>(i)]->get(n % 3 ? target : target + "&format=csv");
          if (r.status == 200 && (n % 3 == 0 || r.body == expected)) ++ok;
        }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), kConnections * kRequests);
}

TEST(Server, SlowClientDoesNotBlockOthers) {
  uint16_t port = small_fixture().server->port();
  // Clients that send half a request and stall, one per server thread and more.
  std::vector<std::unique_ptr<boost::asio::io_context>> ios;
  std::vector<std::unique_ptr<boost::asio::ip::tcp::socket>> stalled;
  for (int i = 0; i < 8; ++i) {
    ios.push_back(std::make_unique<boost::asio::io_context>());
    stalled.push_back(std::make_unique<boost::asio::ip::tcp::socket>(*ios.back()));
    stalled.back()->connect({boost::asio::ip::make_address("127.0.0.1"), port});
    boost::asio::write(*stalled.back(), boost::asio::buffer(std::string("GET /api/v1/hea")));
  }
  // Everyone else is still served.
  EXPECT_EQ(http_get(port, "/api/v1/health").status, 200);
}

TEST(Server, HeadHasHeadersButNoBody) {
  HttpClient c(small_fixture().server->port());
  auto get = c.get("/api/v1/areas/E08000035");
  auto head = c.request("HEAD", "/api/v1/areas/E08000035");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.header("content-length"), std::to_string(get.body.size()));
  EXPECT_EQ(head.header("etag"), get.header("etag"));
  // The connection is still usable afterwards.
  EXPECT_EQ(c.get("/api/v1/health").status, 200);
}

TEST(Server, MalformedRequestIs400AndCloses) {
  HttpClient c(small_fixture().server->port());
  auto r = c.raw("GARBAGE\r\n\r\n");
  EXPECT_EQ(r.status, 400);
  EXPECT_FALSE(r.keep_alive);
}

TEST(Server, WrongMethodIs405) {
  HttpClient c(small_fixture().server->port());
  auto r = c.request("DELETE", "/api/v1/areas/E08000035");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("allow"), "GET, HEAD");
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
}

TEST(Server, UnknownApiPathIs404Problem) {
  auto r = http_get(small_fixture().server->port(), "/api/v2/areas");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
}

TEST(Server, ServesTheWebApp) {
  uint16_t port = small_fixture().server->port();
  auto index = http_get(port, "/");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("<h1 class=\"govuk-heading-xl\">How is your council doing?</h1>"),
            std::string::npos);
  auto missing = http_get(port, "/no-such-page.html");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(http_get(port, "/../CMakeLists.txt").status, 404);
  EXPECT_EQ(http_get(port, "/static/../../CMakeLists.txt").status, 404);
}

TEST(Server, SeesReleasesLoadedByAnotherProcess) {
  // Its own store: this test changes it.
  TempDir dir;
  std::string db = dir.file("refresh.db");
  auto a = run_lgbench({"ingest", "--db", db, data_dir() + "/catalogue/metrics.csv", "--format",
                        "metrics-catalogue"});
  ASSERT_EQ(a.exit_code, 0) << a.out << a.err;
  ServerProcess server(db);
  HttpClient c(server.port());
  auto before = c.get("/api/v1/releases");
  ASSERT_EQ(before.json().as_object().at("count").as_int64(), 1);
  ASSERT_EQ(c.get("/api/v1/metrics").status, 200);  // now cached
  ASSERT_EQ(c.get("/api/v1/areas/E12000003").status, 404);  // a region the lookup adds

  auto b = run_lgbench({"ingest", "--db", db, data_dir() + "/register/ons_uk_topojson_ltla14_lookup.csv",
                        "--format", "ons-ltla-lookup", "--publisher", "Office for National Statistics"});
  ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
  // The server polls every 100 ms (--refresh-ms in ServerProcess); wait for it
  // without asserting on time.
  int64_t count = 1;
  for (int i = 0; i < 600 && count == 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    count = c.get("/api/v1/releases").json().as_object().at("count").as_int64();
  }
  EXPECT_EQ(count, 2);
  EXPECT_EQ(c.get("/api/v1/areas/E12000003").status, 200);
}

TEST(Server, StopsGracefullyOnSigterm) {
  ServerProcess server(small_fixture().db);
  HttpClient idle(server.port());  // an idle keep-alive connection must not hold it up
  EXPECT_EQ(idle.get("/api/v1/health").status, 200);
  EXPECT_EQ(server.stop(), 0) << server.stderr_text();
}

TEST(Server, MissingDatabaseIsAClearError) {
  TempDir dir;
  auto r = run_lgbench({"serve", "--db", dir.file("missing.db"), "--port", "0"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("missing.db"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace lgb::test
