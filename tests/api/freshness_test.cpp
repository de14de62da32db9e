// GET /api/v1/freshness and `lgbench freshness`: publication and load dates of
// each metric's latest release, counted in England and Wales working days.
#include <gtest/gtest.h>

#include "api_test_support.h"

namespace lgb::test {
namespace {

TEST(Freshness, PerMetricAndOverall) {
  auto& f = small_fixture();
  auto r = http_get(f.server->port(), "/api/v1/freshness?as_of=2026-02-02");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto doc = r.json();
  const auto& o = doc.as_object();
  EXPECT_EQ(o.at("as_of").as_string(), "2026-02-02");
  EXPECT_EQ(o.at("target_working_days").as_int64(), 5);
  EXPECT_EQ(o.at("calendar").as_object().at("first_year").as_int64(), 2012);
  EXPECT_EQ(o.at("calendar").as_object().at("last_year").as_int64(), 2027);
  EXPECT_GE(o.at("releases_dated").as_int64(), 2);
  bool found = false;
  for (const auto& v : o.at("metrics").as_array()) {
    const auto& m = v.as_object();
    if (m.at("metric_id").as_string() != "claimant-count") continue;
    found = true;
    EXPECT_EQ(m.at("published_on").as_string(), "2026-01-20");
    EXPECT_EQ(m.at("days_since_publication").as_int64(), 13);
    EXPECT_TRUE(m.at("working_days_to_load").is_int64());
    EXPECT_TRUE(m.at("within_target").is_bool());
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(o.at("metric_count").as_int64(),
            static_cast<int64_t>(o.at("metrics").as_array().size()));

  auto csv = http_get(f.server->port(), "/api/v1/freshness?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("metric_id,release_id,publisher,published_on,loaded_on,", 0), 0u);
  EXPECT_EQ(http_get(f.server->port(), "/api/v1/freshness?as_of=yesterday").status, 400);
  EXPECT_EQ(http_get(f.server->port(), "/api/v1/freshness?when=now").status, 400);

  auto cli = run_lgbench({"freshness", "--db", f.db, "--data-dir", data_dir(), "--as-of",
                          "2026-02-02"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_NE(cli.out.find("claimant-count"), std::string::npos) << cli.out;
  EXPECT_NE(cli.out.find("bank holidays 2012-2027"), std::string::npos) << cli.out;
}

}  // namespace
}  // namespace lgb::test
