// gzip responses: a client that asks gets the same bytes compressed (with its
// own ETag and Vary: Accept-Encoding); a client that does not, or refuses gzip
// with q=0, gets them as they are; small and binary bodies are never
// compressed. Checked by inflating with zlib, over the real server.
#include <gtest/gtest.h>
#include <zlib.h>

#include "api/compression.h"
#include "api_test_support.h"

namespace lgb::test {
namespace {

std::string gunzip(const std::string& data) {
  z_stream zs{};
  EXPECT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
  std::string out(data.size() * 20 + 1024, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&zs, Z_FINISH);
  inflateEnd(&zs);
  EXPECT_EQ(rc, Z_STREAM_END);
  out.resize(zs.total_out);
  return out;
}

TEST(Compression, AcceptEncodingIsReadAsRfc9110Says) {
  EXPECT_TRUE(api::accepts_gzip("gzip"));
  EXPECT_TRUE(api::accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(api::accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(api::accepts_gzip("*"));
  EXPECT_FALSE(api::accepts_gzip(""));
  EXPECT_FALSE(api::accepts_gzip("br, deflate"));
  EXPECT_FALSE(api::accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(api::accepts_gzip("gzip; q=0.000"));
  EXPECT_FALSE(api::accepts_gzip("x-gzip"));
}

TEST(Compression, TextTypesOnly) {
  EXPECT_TRUE(api::compressible("text/html; charset=utf-8"));
  EXPECT_TRUE(api::compressible("application/json"));
  EXPECT_TRUE(api::compressible("text/csv; charset=utf-8"));
  EXPECT_FALSE(api::compressible("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
  EXPECT_FALSE(api::compressible("image/png"));
}

TEST(Compression, GzipWhenAskedTheSameBytesOtherwise) {
  uint16_t port = small_fixture().server->port();
  for (std::string target : {"/api/v1/metrics", "/api/v1/data?metric=claimant-count",
                             "/areas/E08000035"}) {
    SCOPED_TRACE(target);
    auto plain = http_get(port, target);
    auto zipped = http_get(port, target, {{"Accept-Encoding", "gzip, deflate, br"}});
    ASSERT_EQ(plain.status, 200);
    ASSERT_EQ(zipped.status, 200);
    EXPECT_EQ(plain.header("content-encoding"), "");
    EXPECT_EQ(zipped.header("content-encoding"), "gzip");
    EXPECT_EQ(plain.header("vary"), "Accept-Encoding, Authorization, Cookie");
    EXPECT_EQ(zipped.header("vary"), "Accept-Encoding, Authorization, Cookie");
    EXPECT_LT(zipped.body.size(), plain.body.size() / 2);
    EXPECT_EQ(gunzip(zipped.body), plain.body);
    EXPECT_EQ(zipped.header("content-type"), plain.header("content-type"));
    // Each encoding has its own validator, and each revalidates to 304.
    ASSERT_NE(zipped.header("etag"), "");
    EXPECT_NE(zipped.header("etag"), plain.header("etag"));
    auto again = http_get(port, target,
                          {{"Accept-Encoding", "gzip"}, {"If-None-Match", zipped.header("etag")}});
    EXPECT_EQ(again.status, 304);
    // Refused with q=0: as it is.
    auto refused = http_get(port, target, {{"Accept-Encoding", "gzip;q=0"}});
    EXPECT_EQ(refused.header("content-encoding"), "");
    EXPECT_EQ(refused.body, plain.body);
  }
}

TEST(Compression, SmallBodiesAreSentAsTheyAre) {
  auto r = http_get(small_fixture().server->port(), "/api/v1/health", {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_LT(r.body.size(), 1024u);
  EXPECT_EQ(r.header("content-encoding"), "");
}

}  // namespace
}  // namespace lgb::test
