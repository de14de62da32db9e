// Slot layout of the snapshot's columns: current English councils take the
// first slots and each column is trimmed after its last used slot, so the
// statistics must not depend on where a column ends or on the order values
// arrive in; and build_snapshot's lean store stream must build the same cube
// as the full one.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "engine/snapshot.h"
#include "engine_fixture.h"
#include "store/store.h"

namespace lgb {
namespace {

using testing::Cell;
using testing::make_metric;
using testing::num;
using testing::suppressed;

// "m" is published for councils only; "wide" also for the Welsh unitary and
// the region, which arrive first so they would take the first slots in
// arrival order.
std::vector<Cell> mixed_cells() {
  std::vector<Cell> c = {
      {"W06000001", "wide", "fy2023-24", num("7")},
      {"E12000001", "wide", "fy2023-24", num("8")},
      {"E07000001", "wide", "fy2023-24", num("1")},
  };
  const char* codes[] = {"E10000001", "E10000002", "E07000001", "E07000002", "E07000003",
                         "E06000001", "E06000002", "E08000001", "E09000001"};
  const char* v23[] = {"12", "15", "3.5", "4", "9", "11", "2", "7", "5"};
  const char* v22[] = {"10", "", "3", "4", "8", "13", "2", "6", "5"};
  for (int i = 0; i < 9; ++i) {
    c.push_back({codes[i], "m", "fy2023-24", num(v23[i])});
    c.push_back({codes[i], "m", "fy2022-23", v22[i][0] ? num(v22[i]) : suppressed()});
  }
  return c;
}

std::shared_ptr<const Snapshot> build_mixed(std::vector<Cell> cells) {
  return testing::build(testing::test_register(),
                        {make_metric("m", Polarity::kHigherIsBetter),
                         make_metric("wide", Polarity::kNeither)},
                        {"fy2022-23", "fy2023-24"}, cells);
}

TEST(SnapshotSlots, CouncilsTakeTheFirstSlotsAndColumnsAreTrimmed) {
  auto s = build_mixed(mixed_cells());
  ASSERT_TRUE(s);
  const AreaTable& t = s->area_table();
  ASSERT_EQ(t.area_of_slot.size(), 11u);  // 9 councils with data, Welsh unitary, region
  for (size_t slot = 0; slot < 9; ++slot)
    EXPECT_TRUE(is_current_english_council(s->areas()[t.area_of_slot[slot]])) << slot;
  EXPECT_FALSE(is_current_english_council(s->areas()[t.area_of_slot[9]]));
  for (size_t slot = 0; slot < t.area_of_slot.size(); ++slot)
    EXPECT_EQ(t.slot_of_area[t.area_of_slot[slot]], static_cast<int32_t>(slot));
  // The ended district holds no value: no slot.
  EXPECT_EQ(t.slot_of_area[*s->find_area("E07000009")], -1);

  const MetricData& m = s->metric(*s->find_metric("m"));
  for (const Column& c : m.columns) EXPECT_EQ(c.cells.size(), 9u);  // no cells for W/E12
  const MetricData& wide = s->metric(*s->find_metric("wide"));
  EXPECT_EQ(wide.columns[0].cells.size(), 11u);
  EXPECT_EQ(s->cell_count(), 9 + 9 + 11);

  // Slots past a column's end read as absent, never as zero.
  const Column& m23 = *s->column(*s->find_metric("m"), *s->find_period("fy2023-24"));
  const uint32_t welsh = *s->find_area("W06000001");
  EXPECT_EQ(s->state(m23, welsh), CellState::kAbsent);
  EXPECT_EQ(s->marker(m23, welsh), Marker::kNone);
  EXPECT_FALSE(s->number(m23, welsh));
  EXPECT_EQ(m23.state(1000), CellState::kAbsent);
  EXPECT_EQ(*s->number(wide.columns[0], welsh), 7);
}

// Every fixed-group median/MAD equals one computed from the areas' numbers
// through the public accessors, and each area reads back what was added.
void expect_consistent(const Snapshot& s, const std::vector<Cell>& cells) {
  for (const Cell& c : cells) {
    const Column* col = s.column(*s.find_metric(c.metric), *s.find_period(c.period));
    ASSERT_TRUE(col);
    const uint32_t a = *s.find_area(c.area);
    if (c.value.number) {
      EXPECT_EQ(s.number(*col, a), c.value.number) << c.area << " " << c.metric;
    } else {
      EXPECT_EQ(s.state(*col, a), CellState::kWithheld);
      EXPECT_EQ(s.marker(*col, a), c.value.marker);
    }
  }
  for (uint32_t m = 0; m < s.metric_count(); ++m) {
    for (const Column& col : s.metric(m).columns) {
      for (int g = 0; g < kFixedGroupCount; ++g) {
        std::vector<double> xs;
        for (uint32_t a : s.fixed_members(col.period, g).areas)
          if (auto x = s.number(col, a)) xs.push_back(*x);
        const RobustScale want = xs.empty() ? RobustScale{} : robust_scale_in_place(xs);
        EXPECT_EQ(col.fixed[g].n, want.n) << m << " " << g;
        EXPECT_EQ(col.fixed[g].median, want.median) << m << " " << g;
        EXPECT_EQ(col.fixed[g].mad, want.mad) << m << " " << g;
        EXPECT_EQ(col.fixed[g].mean_ad, want.mean_ad) << m << " " << g;
      }
    }
  }
}

TEST(SnapshotSlots, TrimmedColumnsGiveTheSameStatisticsWhateverTheArrivalOrder) {
  const std::vector<Cell> cells = mixed_cells();
  auto first = build_mixed(cells);
  ASSERT_TRUE(first);
  expect_consistent(*first, cells);
  std::vector<Cell> shuffled = cells;
  std::mt19937 rng(7);
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  auto second = build_mixed(shuffled);
  ASSERT_TRUE(second);
  expect_consistent(*second, cells);
  EXPECT_EQ(second->area_table().area_of_slot, first->area_table().area_of_slot);
  EXPECT_EQ(second->cell_count(), first->cell_count());
  EXPECT_EQ(second->stored_values(), first->stored_values());
  // The hand-computed median of the 2023-24 districts (3.5, 4, 9).
  const Column* c = first->column(*first->find_metric("m"), *first->find_period("fy2023-24"));
  EXPECT_EQ(c->fixed[static_cast<int>(FixedGroup::kDistrict)].median, 4);
  EXPECT_EQ(c->fixed[static_cast<int>(FixedGroup::kDistrict)].n, 3);
}

TEST(SnapshotSlots, RatioColumnsAreTrimmedToo) {
  std::vector<Cell> cells = {
      {"W06000001", "den", "fy2023-24", num("5")},
      {"E07000001", "num", "fy2023-24", num("5")},
      {"E07000001", "den", "fy2023-24", num("1000")},
      {"E07000002", "num", "fy2023-24", num("30")},
      {"E07000002", "den", "fy2023-24", num("2000")},
  };
  RatioDefinition r;
  r.id = "ratio";
  r.numerator_metric = "num";
  r.denominator_metric = "den";
  r.scale = 1000;
  auto s = testing::build(testing::test_register(),
                          {make_metric("num", Polarity::kNeither),
                           make_metric("den", Polarity::kNeither)},
                          {"fy2023-24"}, cells, {r});
  ASSERT_TRUE(s);
  const MetricData& md = s->metric(*s->find_metric("ratio"));
  ASSERT_EQ(md.columns.size(), 1u);
  EXPECT_EQ(md.columns[0].cells.size(), 2u);  // the Welsh slot holds no ratio
  EXPECT_EQ(*s->number(md.columns[0], *s->find_area("E07000002")), 15);
  EXPECT_EQ(s->stored_values(), 5 + 2);
}

// build_snapshot reads the store's lean stream; a builder fed from the full
// StoredValue stream must give the same cube, cell for cell.
TEST(SnapshotSlots, LeanStoreStreamBuildsTheSameSnapshotAsTheFullStream) {
  testing::TempDir dir;
  auto store = open_sqlite_store(dir.file("s.db"));
  ASSERT_TRUE(store.ok()) << store.error().message;
  ReleaseBatch b;
  b.release.publisher = "Test";
  b.release.source_url = "https://example.org";
  b.release.file_name = "t.csv";
  b.release.format = "tidy";
  b.release.sha256 = std::string(64, 'b');
  b.release.licence = "OGL-UK-3.0";
  b.release.loaded_by = "snapshot_slots_test";
  b.areas = testing::test_register();
  b.metrics = {make_metric("m", Polarity::kHigherIsBetter), make_metric("wide", Polarity::kNeither)};
  b.periods = {*parse_period_id("fy2022-23"), *parse_period_id("fy2023-24")};
  for (const Cell& c : mixed_cells()) b.observations.push_back({c.area, c.metric, c.period, c.value});
  b.release.row_count = static_cast<int64_t>(b.observations.size());
  auto id = (*store)->load_release(b);
  ASSERT_TRUE(id.ok()) << id.error().message;

  auto lean = build_snapshot(**store);
  ASSERT_TRUE(lean.ok()) << lean.error().message;

  SnapshotBuilder full;
  auto areas = (*store)->list_areas();
  auto metrics = (*store)->list_metrics();
  auto periods = (*store)->list_periods();
  ASSERT_TRUE(areas.ok() && metrics.ok() && periods.ok());
  for (const auto& a : *areas) full.add_area(a);
  for (const auto& m : *metrics) full.add_metric(m);
  for (const auto& p : *periods) full.add_period(p);
  ASSERT_TRUE((*store)->for_each_current_value([&](const StoredValue& v) {
    EXPECT_TRUE(full.add_value(v.area_code, v.metric_id, v.period_id, v.value).ok());
  }).ok());
  auto want = full.finish();
  ASSERT_TRUE(want.ok()) << want.error().message;

  const Snapshot& x = **lean;
  const Snapshot& y = **want;
  EXPECT_EQ(x.stored_values(), 9 * 2 + 3);
  EXPECT_EQ(x.stored_values(), y.stored_values());
  EXPECT_EQ(x.cell_count(), y.cell_count());
  EXPECT_EQ(x.area_table().area_of_slot, y.area_table().area_of_slot);
  ASSERT_EQ(x.metric_count(), y.metric_count());
  for (uint32_t m = 0; m < x.metric_count(); ++m) {
    const MetricData& a = x.metric(m);
    const MetricData& c = y.metric(m);
    ASSERT_EQ(a.metric.id, c.metric.id);
    ASSERT_EQ(a.columns.size(), c.columns.size());
    for (size_t i = 0; i < a.columns.size(); ++i) {
      EXPECT_EQ(a.columns[i].period, c.columns[i].period);
      EXPECT_EQ(a.columns[i].cells, c.columns[i].cells);
      EXPECT_EQ(a.columns[i].values, c.columns[i].values);
    }
  }
  expect_consistent(x, mixed_cells());
}

}  // namespace
}  // namespace lgb
