// The freshness report and the per-release metric counts it reads, on a real
// SQLite store: working days skip weekends and bank holidays, the latest
// release of each metric counts, undated releases are left out of the share.
#include "store/freshness.h"

#include <gtest/gtest.h>

#include "store_fixture.h"

namespace lgb {
namespace {

using testing::data_batch;
using testing::register_batch;
using testing::TempDir;

void set_loaded_at(const std::string& db_path, int64_t release, const std::string& when) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  std::string sql = "UPDATE releases SET loaded_at = '" + when + "' WHERE id = " +
                    std::to_string(release);
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST(Freshness, LatestReleasePerMetricInWorkingDays) {
  TempDir dir;
  const std::string path = dir.path() + "/f.db";
  auto store = testing::open_store(path);
  ASSERT_TRUE(store->load_release(register_batch()).ok());
  auto first = store->load_release(data_batch("sha-1"));  // published 2024-05-15
  ASSERT_TRUE(first.ok()) << first.error().message;
  ReleaseBatch second = data_batch("sha-2", "13.00");  // Leeds 2023 revised
  second.release.published_on = "2024-05-24";          // a Friday before the spring bank holiday
  auto id2 = store->load_release(second);
  ASSERT_TRUE(id2.ok()) << id2.error().message;
  store.reset();
  set_loaded_at(path, *first, "2024-05-20T08:00:00Z");
  set_loaded_at(path, *id2, "2024-06-03T12:00:00Z");  // Mon 27 May is a bank holiday
  store = testing::open_store(path);

  // What each release did: the second restated three values and revised one.
  auto all = store->list_release_metrics();
  ASSERT_TRUE(all.ok()) << all.error().message;
  std::vector<ReleaseMetricRows> rm_rows;
  for (const auto& x : *all)
    if (x.metric_id == "claimant-count") rm_rows.push_back(x);
  auto* rm = &rm_rows;
  ASSERT_EQ(rm->size(), 2u);
  EXPECT_EQ((*rm)[0].rows, 4);
  EXPECT_EQ((*rm)[0].superseded, 0);
  EXPECT_EQ((*rm)[1].rows, 4);
  EXPECT_EQ((*rm)[1].superseded, 4);
  EXPECT_EQ((*rm)[1].revised, 1);

  WorkingDays calendar({"2024-05-06", "2024-05-27"});
  auto f = compute_freshness(*store, calendar, "2024-06-10");
  ASSERT_TRUE(f.ok()) << f.error().message;
  ASSERT_EQ(f->metrics.size(), 1u);
  const MetricFreshness& m = f->metrics[0];
  EXPECT_EQ(m.metric_id, "claimant-count");
  EXPECT_EQ(m.release_id, *id2);
  EXPECT_EQ(m.published_on, "2024-05-24");
  EXPECT_EQ(m.loaded_on, "2024-06-03");
  EXPECT_EQ(m.days_since_publication, 17);
  EXPECT_EQ(m.working_days_to_load, 5);  // 28-31 May and 3 June
  EXPECT_EQ(m.within_target, true);
  EXPECT_EQ(f->releases, 2);
  EXPECT_EQ(f->releases_dated, 2);
  EXPECT_EQ(f->releases_within_target, 2);  // 15 May -> 20 May: 3 working days
  EXPECT_EQ(f->metrics_updated_last_30_days, 1);
  EXPECT_FALSE(compute_freshness(*store, calendar, "June").ok());
}

}  // namespace
}  // namespace lgb
