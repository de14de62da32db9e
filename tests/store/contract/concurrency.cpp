// Many readers while writers load: every read sees one whole release or the
// one before, never a mix, and nothing fails with "database is locked".
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "store/store_contract.h"

namespace lgb::testing {
namespace {

// Sets every value of claimant-count to `text`.
ReleaseBatch revision(const std::string& sha, const std::string& text) {
  ReleaseBatch b = data_batch(sha);
  for (auto& o : b.observations) o = obs(o.area_code, o.metric_id, o.period_id, text);
  return b;
}

}  // namespace

TEST_P(StoreConcurrencyTest, ReadersSeeWholeReleasesWhileWritersLoad) {
  auto store = open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->load_release(register_batch()).ok());
  ASSERT_TRUE(store->load_release(revision("sha-0", "0")).ok());

  constexpr int kReleasesPerWriter = 25;
  std::atomic<bool> done{false};
  std::atomic<int> reads{0}, failures{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 6; ++t) {
    readers.emplace_back([&, t] {
      while (!done.load()) {
        if (t % 2 == 0) {
          auto v = store->query_values({"claimant-count", {}, "", false});
          if (!v.ok() || v->size() != 4) {
            ++failures;
            continue;
          }
          std::set<std::string> texts;
          for (const auto& x : *v) texts.insert(x.value.text);
          if (texts.size() != 1) ++failures;  // a half-applied release
        } else {
          int n = 0;
          auto s = store->for_each_current_value([&](const StoredValue&) { ++n; });
          auto h = store->query_values({"claimant-count", {"E08000035"}, "cy2023", true});
          auto r = store->list_releases();
          if (!s.ok() || n != 4 || !h.ok() || h->empty() || !r.ok()) ++failures;
        }
        ++reads;
      }
    });
  }
  std::vector<std::thread> writers;
  std::atomic<int> write_failures{0};
  for (int w = 0; w < 2; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 1; i <= kReleasesPerWriter; ++i) {
        std::string tag = std::to_string(w * 1000 + i);
        if (!store->load_release(revision("sha-" + tag, tag)).ok()) ++write_failures;
      }
      if (w == 0) {
        CustomGroup g{"g" + std::to_string(w), "G", {"E08000035"}, ""};
        if (!store->save_group(g).ok()) ++write_failures;
      }
    });
  }
  for (auto& w : writers) w.join();
  done = true;
  for (auto& r : readers) r.join();

  EXPECT_EQ(write_failures.load(), 0);
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(reads.load(), 0);
  auto hist = store->query_values({"claimant-count", {"E08000035"}, "cy2023", true});
  ASSERT_TRUE(hist.ok());
  EXPECT_EQ(hist->size(), 1u + 2 * kReleasesPerWriter);
  int current = 0;
  for (const auto& v : *hist) current += v.current;
  EXPECT_EQ(current, 1);
}

TEST_P(StoreConcurrencyTest, TwoStoresOnOneDatabaseSerialiseWriters) {
  // As when `lgbench ingest` runs while `lgbench serve` holds the database open.
  auto a = open();
  auto b = open();
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(a->load_release(register_batch()).ok());
  std::atomic<int> failures{0};
  std::thread ta([&] {
    for (int i = 0; i < 10; ++i)
      if (!a->load_release(revision("a" + std::to_string(i), "1")).ok()) ++failures;
  });
  std::thread tb([&] {
    for (int i = 0; i < 10; ++i)
      if (!b->load_release(revision("b" + std::to_string(i), "2")).ok()) ++failures;
  });
  ta.join();
  tb.join();
  EXPECT_EQ(failures.load(), 0);
  auto r = b->list_releases();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 21u);
}

}  // namespace lgb::testing
