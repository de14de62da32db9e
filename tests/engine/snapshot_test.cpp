#include "engine/snapshot.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "engine/queries.h"
#include "engine/snapshot_holder.h"
#include "engine_fixture.h"

namespace lgb {
namespace {

using testing::Cell;
using testing::make_metric;
using testing::num;
using testing::suppressed;

std::vector<Cell> ratio_cells() {
  return {
      {"E07000001", "num", "fy2023-24", num("5")},   {"E07000001", "den", "fy2023-24", num("1000")},
      {"E07000002", "num", "fy2023-24", num("30")},  {"E07000002", "den", "fy2023-24", num("2000")},
      {"E07000003", "num", "fy2023-24", suppressed()}, {"E07000003", "den", "fy2023-24", num("10")},
      {"E06000001", "num", "fy2023-24", num("4")},   {"E06000001", "den", "fy2023-24", num("0")},
      {"E06000002", "num", "fy2023-24", num("4")},   // no denominator
      {"E08000001", "num", "fy2022-23", num("1")},   {"E08000001", "den", "fy2022-23", num("10")},
  };
}

RatioDefinition per_thousand() {
  RatioDefinition r;
  r.id = "num-per-1000";
  r.title = "Num per 1,000 den";
  r.numerator_metric = "num";
  r.denominator_metric = "den";
  r.scale = 1000;
  r.polarity = Polarity::kLowerIsBetter;
  return r;
}

std::vector<Metric> ratio_metrics() {
  return {make_metric("num", Polarity::kNeither), make_metric("den", Polarity::kNeither)};
}

TEST(Snapshot, RatioValuesWhereBothPresentAndDenominatorNonZero) {
  auto s = testing::build(testing::test_register(), ratio_metrics(), {"fy2022-23", "fy2023-24"},
                          ratio_cells(), {per_thousand()});
  auto m = s->find_metric("num-per-1000");
  ASSERT_TRUE(m);
  const MetricData& md = s->metric(*m);
  ASSERT_TRUE(md.ratio);
  ASSERT_EQ(md.columns.size(), 2u);
  const Column* c = s->column(*m, *s->find_period("fy2023-24"));
  ASSERT_NE(c, nullptr);
  EXPECT_DOUBLE_EQ(*s->number(*c, *s->find_area("E07000001")), 5.0);
  EXPECT_DOUBLE_EQ(*s->number(*c, *s->find_area("E07000002")), 15.0);
  EXPECT_EQ(s->state(*c, *s->find_area("E07000003")), CellState::kWithheld);
  EXPECT_EQ(s->marker(*c, *s->find_area("E07000003")), Marker::kSuppressed);
  EXPECT_EQ(s->state(*c, *s->find_area("E06000001")), CellState::kWithheld);  // / 0
  EXPECT_EQ(s->marker(*c, *s->find_area("E06000001")), Marker::kNotApplicable);
  EXPECT_EQ(s->state(*c, *s->find_area("E06000002")), CellState::kAbsent);
  // Ratios get the same statistics as published metrics.
  auto cmp = compare(*s, kAnyone, "num-per-1000", "E07000001", "england", "fy2023-24");
  ASSERT_TRUE(cmp.ok()) << cmp.error().message;
  EXPECT_EQ(cmp->stats->count, 2);
  EXPECT_EQ(cmp->stats->withheld, 2);
  EXPECT_EQ(cmp->position->rank, 1);  // lower is better
}

TEST(Snapshot, WithRatioAddsValidatedRatioLater) {
  auto s = testing::build(testing::test_register(), ratio_metrics(), {"fy2022-23", "fy2023-24"},
                          ratio_cells());
  EXPECT_FALSE(s->find_metric("num-per-1000"));
  ASSERT_TRUE(validate_ratio(*s, kAnyone, per_thousand()).ok());
  auto t = s->with_ratio(per_thousand());
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE((*t)->find_metric("num-per-1000"));
  EXPECT_FALSE(s->find_metric("num-per-1000"));  // the old snapshot is untouched
  EXPECT_EQ(validate_ratio(**t, kAnyone, per_thousand()).error().code, ErrorCode::kConflict);
  RatioDefinition bad = per_thousand();
  bad.id = "other";
  bad.denominator_metric = "missing";
  EXPECT_EQ(validate_ratio(*s, kAnyone, bad).error().code, ErrorCode::kNotFound);
  bad.denominator_metric = "den";
  bad.scale = 0;
  EXPECT_EQ(validate_ratio(*s, kAnyone, bad).error().code, ErrorCode::kInvalidArgument);
  bad.scale = 1;
  bad.id = "num";
  EXPECT_EQ(validate_ratio(*s, kAnyone, bad).error().code, ErrorCode::kConflict);
}

TEST(Snapshot, UnknownIdsInValuesAreErrorsNamingThem) {
  SnapshotBuilder b;
  b.add_area(testing::council("E07000001", "D", AreaType::kDistrict, "E12000001"));
  b.add_metric(make_metric("m", Polarity::kNeither));
  b.add_period(*parse_period_id("fy2023-24"));
  EXPECT_TRUE(b.add_value("E07000001", "m", "fy2023-24", num("1")).ok());
  auto e = b.add_value("E07000999", "m", "fy2023-24", num("1"));
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("E07000999"), std::string::npos);
  EXPECT_NE(b.add_value("E07000001", "zz", "fy2023-24", num("1")).error().message.find("zz"),
            std::string::npos);
  EXPECT_FALSE(b.add_value("E07000001", "m", "fy2099-00", num("1")).ok());
}

TEST(Snapshot, PeriodsSortedAndColumnsTrimmedAfterLastUsedSlot) {
  // Values arrive newest period first and areas in any order.
  auto s = testing::build(testing::test_register(), {make_metric("m", Polarity::kNeither)},
                          {"fy2023-24", "fy2021-22", "fy2022-23"},
                          {{"E07000002", "m", "fy2023-24", num("3")},
                           {"E07000001", "m", "fy2021-22", num("1")},
                           {"E07000001", "m", "fy2022-23", num("2")}});
  EXPECT_EQ(s->periods()[0].id(), "fy2021-22");
  EXPECT_EQ(s->periods()[2].id(), "fy2023-24");
  const MetricData& md = s->metric(0);
  ASSERT_EQ(md.columns.size(), 3u);
  EXPECT_LT(md.columns[0].period, md.columns[1].period);
  // Two areas hold data (two slots, by code); each column is trimmed after its
  // last used slot, so the fy2021-22 and fy2022-23 columns hold one cell.
  EXPECT_EQ(s->area_table().area_of_slot.size(), 2u);
  EXPECT_EQ(md.columns[0].cells.size(), 1u);
  EXPECT_EQ(md.columns[2].cells.size(), 2u);
  EXPECT_EQ(s->stored_values(), 3);
  EXPECT_EQ(s->cell_count(), 4);
  EXPECT_EQ(*s->number(md.columns[2], *s->find_area("E07000002")), 3);
  EXPECT_FALSE(s->number(md.columns[0], *s->find_area("E07000002")));
  EXPECT_FALSE(s->number(md.columns[0], *s->find_area("E09000001")));  // no slot at all
  // A current council without any value keeps no slot (outlier scans rely on it).
  EXPECT_EQ(s->area_table().slot_of_area[*s->find_area("E09000001")], -1);
}

TEST(SnapshotHolder, ReadersKeepOldSnapshotWhileNewOneIsPublished) {
  auto one = testing::build(testing::test_register(), {make_metric("m", Polarity::kNeither)},
                            {"fy2023-24"}, {{"E07000001", "m", "fy2023-24", num("1")}});
  auto two = testing::build(testing::test_register(), {make_metric("m", Polarity::kNeither)},
                            {"fy2023-24"}, {{"E07000001", "m", "fy2023-24", num("2")}});
  SnapshotHolder holder(one);
  std::weak_ptr<const Snapshot> watch = one;
  one.reset();
  auto held = holder.get();  // a reader mid-request
  holder.publish(two);
  const Column& c = held->metric(0).columns[0];
  EXPECT_DOUBLE_EQ(*held->number(c, *held->find_area("E07000001")), 1.0);
  auto now = holder.get();
  EXPECT_DOUBLE_EQ(*now->number(now->metric(0).columns[0], *now->find_area("E07000001")), 2.0);
  EXPECT_FALSE(watch.expired());
  held.reset();
  EXPECT_TRUE(watch.expired());  // freed when the last reader lets go
}

TEST(SnapshotHolder, ConcurrentReadersNeverSeeATornSnapshot) {
  auto make = [](int v) {
    return testing::build(testing::test_register(), {make_metric("m", Polarity::kNeither)},
                          {"fy2023-24"},
                          {{"E07000001", "m", "fy2023-24", num(std::to_string(v))},
                           {"E07000002", "m", "fy2023-24", num(std::to_string(v))}});
  };
  std::vector<std::shared_ptr<const Snapshot>> versions;
  for (int v = 0; v < 8; ++v) versions.push_back(make(v));
  SnapshotHolder holder(versions[0]);
  std::atomic<bool> stop{false};
  std::atomic<int> torn{0}, reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t)
    readers.emplace_back([&] {
      while (!stop) {
        auto s = holder.get();
        const Column& c = s->metric(0).columns[0];
        if (*s->number(c, *s->find_area("E07000001")) != *s->number(c, *s->find_area("E07000002")))
          ++torn;
        ++reads;
      }
    });
  for (int i = 0; i < 2000; ++i) holder.publish(versions[i % versions.size()]);
  while (reads < 1000) std::this_thread::yield();
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(torn, 0);
}

}  // namespace
}  // namespace lgb
