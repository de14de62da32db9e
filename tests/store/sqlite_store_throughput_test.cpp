// Load throughput, for the record: not a timing assertion (tests never
// assert on time). Run explicitly in a release build:
//   store_tests --gtest_also_run_disabled_tests --gtest_filter=*Throughput*
// LGB_THROUGHPUT_ROWS overrides the row count (default 1,000,000).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "store/store_fixture.h"

namespace lgb {
namespace {

using namespace lgb::testing;

// areas x metrics x 10 years of synthetic values, like one slice of the
// national cube.
ReleaseBatch synthetic(const std::string& sha, int rows, int salt) {
  ReleaseBatch b;
  b.release = release(sha);
  const int kAreas = 400, kPeriods = 10;
  int metrics = std::max(1, rows / (kAreas * kPeriods));
  for (int y = 0; y < kPeriods; ++y) b.periods.push_back(period("cy" + std::to_string(2014 + y)));
  for (int m = 0; m < metrics; ++m) b.metrics.push_back(metric("m" + std::to_string(m), "M"));
  for (int a = 0; a < kAreas; ++a) {
    char code[16];
    std::snprintf(code, sizeof code, "E0%08d", a);
    b.areas.push_back(area(code, "Area", AreaType::kDistrict));
  }
  b.observations.reserve(static_cast<size_t>(metrics) * kAreas * kPeriods);
  // Area-major, as publisher files usually are (not the index order).
  for (int a = 0; a < kAreas; ++a)
    for (int m = 0; m < metrics; ++m)
      for (int y = 0; y < kPeriods; ++y) {
        Observation o;
        o.area_code = b.areas[a].code;
        o.metric_id = b.metrics[m].id;
        o.period_id = b.periods[y].id();
        double x = (m * 7919 + a * 104729 + y * 31 + salt) % 100000 / 100.0;
        char text[32];
        std::snprintf(text, sizeof text, "%.2f", x);
        o.value.text = text;
        o.value.number = x;
        b.observations.push_back(std::move(o));
      }
  return b;
}

TEST(SqliteStoreThroughput, DISABLED_LoadRowsPerSecond) {
  int rows = 1'000'000;
  if (const char* env = std::getenv("LGB_THROUGHPUT_ROWS")) rows = std::atoi(env);
  TempDir dir;
  auto store = open_store(dir.file("lgb.db"));
  ASSERT_TRUE(store);
  for (int round = 0; round < 2; ++round) {
    // Round 0: a first load; round 1: a full revision (every row supersedes one).
    ReleaseBatch b = synthetic("sha-" + std::to_string(round), rows, round);
    auto t0 = std::chrono::steady_clock::now();
    std::clock_t c0 = std::clock();
    auto id = store->load_release(b);
    double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ASSERT_TRUE(id.ok()) << id.error().message;
    // CPU time too: on a shared 2-core machine wall time swings with others' builds.
    std::printf("%s: %zu observations in %.2f s wall = %.0f rows/s (%.2f s CPU = %.0f rows/s)\n",
                round == 0 ? "first load" : "revision  ", b.observations.size(), s,
                b.observations.size() / s, cpu, b.observations.size() / cpu);
  }
  size_t n = 0;
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(store->for_each_current_value([&](const StoredValue&) { ++n; }).ok());
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("stream current: %zu values in %.2f s = %.0f rows/s\n", n, s, n / s);
}

}  // namespace
}  // namespace lgb
