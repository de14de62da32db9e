// Councils as they stood in each period (docs/methods.md): one council across
// a code change, the days each code was in operation, the members and
// exclusions of every group in a period, values under former codes, trends
// across a code change and a merger, and a focus compared in a period
// before it began. A small register shaped like the 2023 and 2025 changes.
#include "engine/councils.h"

#include <gtest/gtest.h>

#include "engine/groups.h"
#include "engine/queries.h"
#include "engine_fixture.h"

namespace lgb {
namespace {

using testing::Cell;
using testing::make_metric;
using testing::num;

Area area(std::string code, std::string name, AreaType type, std::string start, std::string end,
          std::vector<std::string> successors = {}) {
  Area a = testing::council(std::move(code), std::move(name), type, "E12000001", std::move(end));
  a.start_date = std::move(start);
  a.successor_codes = std::move(successors);
  return a;
}

// County Old and its two districts became Unitary New on 2023-04-01 (the
// county's end date given as the successor's first day, the districts' as
// their last day, as the real register does); Met Old changed its code to
// Met New on 2025-04-01; the others are unchanged.
std::vector<Area> reorganised_register() {
  return {
      area("E10000050", "County Old", AreaType::kCounty, "", "2023-04-01", {"E06000090"}),
      area("E07000501", "District A", AreaType::kDistrict, "", "2023-03-31", {"E06000090"}),
      area("E07000502", "District B", AreaType::kDistrict, "", "2023-03-31", {"E06000090"}),
      area("E06000090", "Unitary New", AreaType::kUnitary, "2023-04-01", ""),
      area("E08000090", "Met Old", AreaType::kMetropolitanDistrict, "1974-04-01", "2025-03-31",
           {"E08000091"}),
      area("E08000091", "Met New", AreaType::kMetropolitanDistrict, "2025-04-01", ""),
      area("E10000001", "County Stays", AreaType::kCounty, "", ""),
      area("E07000001", "District Stays", AreaType::kDistrict, "", ""),
      area("E06000001", "Unitary Stays", AreaType::kUnitary, "1996-04-01", ""),
      area("E08000001", "Met Stays", AreaType::kMetropolitanDistrict, "", ""),
      testing::council("E12000001", "North East", AreaType::kRegion, ""),
  };
}

const std::vector<std::string> kPeriods = {"fy2021-22", "fy2022-23", "fy2023-24", "fy2024-25",
                                           "fy2025-26", "cy2023", "cy2025"};

std::shared_ptr<const Snapshot> build(const std::vector<Cell>& cells) {
  return testing::build(reorganised_register(), {make_metric("m", Polarity::kHigherIsBetter)},
                        kPeriods, cells);
}

std::vector<std::string> member_codes(const Comparison& c) {
  std::vector<std::string> out;
  for (const auto& m : c.members) out.push_back(m.code);
  return out;
}

const Exclusion* excluded(const Comparison& c, const std::string& code) {
  for (const auto& e : c.excluded)
    if (e.code == code) return &e;
  return nullptr;
}

TEST(Days, DatesAndPeriods) {
  EXPECT_EQ(*day_number("1970-01-01"), 0);
  EXPECT_EQ(iso_date(*day_number("2024-02-29")), "2024-02-29");
  EXPECT_FALSE(day_number("2024-13-01"));
  EXPECT_FALSE(day_number(""));
  auto span = [](const char* id) {
    const DaySpan d = period_span(*parse_period_id(id));
    return iso_date(d.first) + ".." + iso_date(d.last);
  };
  EXPECT_EQ(span("fy2022-23"), "2022-04-01..2023-03-31");
  EXPECT_EQ(span("cy2023"), "2023-01-01..2023-12-31");
  EXPECT_EQ(span("2023-q1"), "2023-01-01..2023-03-31");
  EXPECT_EQ(span("2024-02"), "2024-02-01..2024-02-29");
  EXPECT_EQ(span("2024-05-15"), "2024-05-15..2024-05-15");
  EXPECT_EQ(span("cy2019-2023"), "2019-01-01..2023-12-31");
}

TEST(CouncilRegister, CodeChangesAreOneCouncilMergersAreNot) {
  const auto areas = reorganised_register();
  const CouncilRegister r = CouncilRegister::build(areas);
  auto index = [&](const std::string& code) {
    for (uint32_t i = 0; i < areas.size(); ++i)
      if (areas[i].code == code) return i;
    return UINT32_MAX;
  };
  const uint32_t old_met = index("E08000090"), new_met = index("E08000091");
  EXPECT_EQ(r.council_of(old_met), r.council_of(new_met));
  const Council& met = r.council(static_cast<uint32_t>(r.council_of(new_met)));
  ASSERT_EQ(met.codes.size(), 2u);
  EXPECT_EQ(met.codes[0], old_met);  // oldest first
  EXPECT_TRUE(met.current);
  EXPECT_TRUE(met.predecessors.empty());
  EXPECT_EQ(r.code_in(r.council_of(new_met), period_span(*parse_period_id("fy2022-23"))), old_met);
  EXPECT_EQ(r.code_in(r.council_of(new_met), period_span(*parse_period_id("fy2025-26"))), new_met);
  EXPECT_EQ(r.code_in(r.council_of(new_met), period_span(*parse_period_id("cy2025"))), new_met);

  const uint32_t unitary = index("E06000090");
  const Council& u = r.council(static_cast<uint32_t>(r.council_of(unitary)));
  EXPECT_EQ(u.codes.size(), 1u);
  EXPECT_EQ(u.predecessors.size(), 3u);  // the county and two districts: a merger
  EXPECT_NE(r.council_of(index("E10000050")), r.council_of(unitary));
  // An end date that is a successor's first day: the day before is the last.
  EXPECT_EQ(iso_date(r.span_of(index("E10000050")).last), "2023-03-31");
  EXPECT_EQ(iso_date(r.span_of(index("E07000501")).last), "2023-03-31");
  EXPECT_EQ(r.council_of(index("E12000001")) >= 0, true);  // every area is a council of itself
}

TEST(Membership, APastYearHoldsItsOwnCouncilsUnderTheirCodesThen) {
  auto s = build({{"E08000001", "m", "fy2022-23", num("1")}, {"E08000001", "m", "fy2023-24", num("2")}});
  auto c = compare(*s, kAnyone, "m", "E08000001", "england", "fy2022-23");
  ASSERT_TRUE(c.ok()) << c.error().message;
  // The metric has no district number: the upper tier.
  EXPECT_EQ(member_codes(*c), (std::vector<std::string>{"E06000001", "E08000001", "E08000090",
                                                       "E10000001", "E10000050"}));
  const Exclusion* later = excluded(*c, "E06000090");
  ASSERT_NE(later, nullptr);
  EXPECT_EQ(later->reason, "began 2023-04-01, after this period");
  EXPECT_EQ(excluded(*c, "E08000091"), nullptr);  // the same council, under its code then

  auto next = compare(*s, kAnyone, "m", "E08000001", "england", "fy2023-24");
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(member_codes(*next), (std::vector<std::string>{"E06000001", "E06000090", "E08000001",
                                                          "E08000090", "E10000001"}));
  EXPECT_TRUE(next->excluded.empty());
  auto type = compare(*s, kAnyone, "m", "E10000001", "type", "fy2022-23");
  EXPECT_EQ(member_codes(*type), (std::vector<std::string>{"E10000001", "E10000050"}));
}

TEST(Membership, APeriodAcrossTheChangeKeepsWhoeverPublished) {
  // Calendar 2023 straddles 2023-04-01: the county (until 2023-03-31) and
  // the unitary (from 2023-04-01) were each in operation for part of it.
  auto s = build({{"E06000090", "m", "cy2023", num("5")}, {"E08000001", "m", "cy2023", num("1")},
                  {"E10000001", "m", "cy2023", num("2")}});
  auto c = compare(*s, kAnyone, "m", "E08000001", "england", "cy2023");
  ASSERT_TRUE(c.ok());
  auto members = member_codes(*c);
  EXPECT_NE(std::find(members.begin(), members.end(), "E06000090"), members.end());
  EXPECT_EQ(std::find(members.begin(), members.end(), "E10000050"), members.end());
  const Exclusion* county = excluded(*c, "E10000050");
  ASSERT_NE(county, nullptr);
  EXPECT_EQ(county->reason,
            "in operation for part of this period only (until 2023-03-31) and nothing was "
            "published for it");
  EXPECT_EQ(c->stats->missing, 2);  // E06000001 and E08000090: in operation all year, no value

  auto both = build({{"E06000090", "m", "cy2023", num("5")}, {"E10000050", "m", "cy2023", num("7")},
                     {"E08000001", "m", "cy2023", num("1")}});
  auto b = compare(*both, kAnyone, "m", "E08000001", "england", "cy2023");
  members = member_codes(*b);
  EXPECT_NE(std::find(members.begin(), members.end(), "E10000050"), members.end());
  EXPECT_EQ(b->stats->count, 3);
}

TEST(Membership, AValueUnderAFormerCodeBelongsToTheCouncil) {
  // Published under the old code after the change, and under both codes
  // for 2025 in either order: the code the council had then wins.
  for (bool new_first : {true, false}) {
    std::vector<Cell> cells = {{"E08000090", "m", "fy2025-26", num("3")},
                               {"E08000001", "m", "fy2025-26", num("1")}};
    Cell old_2025{"E08000090", "m", "cy2025", num("10")}, new_2025{"E08000091", "m", "cy2025", num("20")};
    if (new_first) cells.insert(cells.end(), {new_2025, old_2025});
    else cells.insert(cells.end(), {old_2025, new_2025});
    auto s = build(cells);
    auto c = compare(*s, kAnyone, "m", "E08000091", "england", "fy2025-26");
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE(c->value);
    EXPECT_EQ(*c->value, 3);
    auto y = compare(*s, kAnyone, "m", "E08000090", "england", "cy2025");
    ASSERT_TRUE(y->value);
    EXPECT_EQ(*y->value, 20) << new_first;
    int focus = 0;
    for (const auto& m : y->members)
      if (m.focus) {
        ++focus;
        EXPECT_EQ(m.code, "E08000091");  // the code it had at the end of 2025
      }
    EXPECT_EQ(focus, 1);
  }
}

TEST(Trend, FollowsACodeChangeAndRefusesAMerger) {
  auto s = build({{"E08000090", "m", "fy2024-25", num("4")}, {"E08000091", "m", "fy2025-26", num("6")},
                  {"E10000050", "m", "fy2022-23", num("8")}, {"E06000090", "m", "fy2023-24", num("9")},
                  {"E08000001", "m", "fy2022-23", num("1")}});
  auto c = compare(*s, kAnyone, "m", "E08000091", "england", "fy2025-26");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->trend.direction, Direction::kImproving);
  EXPECT_EQ(*c->trend.previous, 4);
  EXPECT_EQ(c->trend.note, "followed across the code change from E08000090 to E08000091 (the same council)");

  auto m = compare(*s, kAnyone, "m", "E06000090", "england", "fy2023-24");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->trend.direction, Direction::kNotComparable);
  EXPECT_EQ(m->trend.note,
            "Unitary New (E06000090) began on 2023-04-01, formed from District A (E07000501), "
            "District B (E07000502), County Old (E10000050): figures before then are for other "
            "councils, so not comparable");

  // A figure the publisher back-cast onto the new council's own code is
  // for the same area: comparable.
  auto back = build({{"E06000090", "m", "fy2022-23", num("7")}, {"E06000090", "m", "fy2023-24", num("9")}});
  auto b = compare(*back, kAnyone, "m", "E06000090", "england", "fy2023-24");
  EXPECT_EQ(b->trend.direction, Direction::kImproving);
  EXPECT_TRUE(b->trend.note.empty());
}

TEST(Focus, ACouncilAskedAboutBeforeItBeganIsPlacedNotCounted) {
  auto s = build({{"E06000090", "m", "fy2022-23", num("7")}, {"E08000001", "m", "fy2022-23", num("1")},
                  {"E10000050", "m", "fy2022-23", num("9")}, {"E06000001", "m", "fy2022-23", num("3")}});
  auto c = compare(*s, kAnyone, "m", "E06000090", "england", "fy2022-23");
  ASSERT_TRUE(c.ok()) << c.error().message;
  ASSERT_TRUE(c->value);
  EXPECT_EQ(*c->value, 7);
  ASSERT_TRUE(c->stats);
  EXPECT_EQ(c->stats->count, 3);  // the councils of 2022-23 only
  ASSERT_TRUE(c->position);
  EXPECT_EQ(c->position->rank, 2);  // higher is better: 9 > 7 > 3 > 1
  for (const auto& m : c->members) EXPECT_FALSE(m.focus) << m.code;
  EXPECT_EQ(c->focus_note,
            "Unitary New (E06000090) began 2023-04-01, after this period: it is placed against "
            "the councils of the period, not counted among them");
}

TEST(Outliers, EachMetricIsComparedWithTheCouncilsOfItsPeriod) {
  // Two metrics whose latest periods fall either side of the change.
  std::vector<Cell> cells;
  for (const char* a : {"E06000001", "E08000001", "E10000001"}) {
    cells.push_back({a, "old", "fy2022-23", num("10")});
    cells.push_back({a, "new", "fy2023-24", num("10")});
  }
  cells.push_back({"E10000050", "old", "fy2022-23", num("11")});
  cells.push_back({"E06000090", "new", "fy2023-24", num("11")});
  cells.push_back({"E08000090", "old", "fy2022-23", num("100")});
  cells.push_back({"E08000091", "new", "fy2023-24", num("100")});
  auto s = testing::build(reorganised_register(),
                          {make_metric("old", Polarity::kHigherIsBetter),
                           make_metric("new", Polarity::kHigherIsBetter)},
                          kPeriods, cells);
  OutlierQuery q;
  q.area_code = "E08000091";
  q.threshold = 0;
  auto scan = scan_outliers(*s, kAnyone, q);
  ASSERT_TRUE(scan.ok()) << scan.error().message;
  ASSERT_EQ(scan->items.size(), 2u);
  for (const auto& it : scan->items) {
    EXPECT_EQ(it.of, 5) << it.metric_id;  // five councils in each period
    EXPECT_EQ(it.rank, 1);
    EXPECT_EQ(it.group_median, 10);
  }
}

}  // namespace
}  // namespace lgb
