// Visibility is decided once, in the engine: a restricted and a draft
// metric, and a ratio built on each, are invisible to every query for a
// caller who may not see them, and visible to one who may; a ratio follows
// its inputs' visibility whenever the snapshot is built; the neighbour model
// uses public metrics only; releases and counts leave hidden values out.
#include <gtest/gtest.h>

#include <set>

#include "engine/catalogue.h"
#include "engine/queries.h"
#include "engine_fixture.h"

namespace lgb {
namespace {

using testing::Cell;
using testing::make_metric;
using testing::num;

// A member of org-a, whom "res" names.
Access restricted_only() { return Access::for_user(Role::kMember, "org-a"); }
// Sees drafts but no organisation's restricted metrics (no role gives this
// alone; it isolates the draft rule).
Access draft_only() {
  Access a;
  a.signed_in = true;
  a.draft = true;
  return a;
}

RatioDefinition ratio(const std::string& id, const std::string& num, const std::string& den) {
  RatioDefinition r;
  r.id = id;
  r.title = id;
  r.numerator_metric = num;
  r.denominator_metric = den;
  r.scale = 100;
  return r;
}

// Ten districts holding "pub" (public), "res" (restricted), "dra" (draft),
// and "den" (public); releases: 1 the catalogue, 2 public values only, 3
// restricted values only, 4 public and draft values.
std::shared_ptr<const Snapshot> visibility_fixture(Visibility res_visibility = Visibility::kRestricted) {
  SnapshotBuilder b;
  std::vector<Area> areas;
  for (int i = 0; i < 10; ++i)
    b.add_area(testing::council("E07000" + std::to_string(101 + i), "District " + std::to_string(i),
                                AreaType::kDistrict, "E12000001"));
  Metric pub = make_metric("pub", Polarity::kHigherIsBetter);
  Metric res = make_metric("res", Polarity::kHigherIsBetter);
  res.visibility = res_visibility;
  if (res_visibility == Visibility::kRestricted) res.organisations = {"org-a"};
  Metric sgn = make_metric("sgn", Polarity::kHigherIsBetter);
  sgn.visibility = Visibility::kSignedIn;
  Metric rsb = make_metric("rsb", Polarity::kHigherIsBetter);
  rsb.visibility = Visibility::kRestricted;
  rsb.organisations = {"org-a", "org-b"};
  Metric dra = make_metric("dra", Polarity::kHigherIsBetter);
  dra.visibility = Visibility::kDraft;
  Metric den = make_metric("den", Polarity::kNeither);
  for (const Metric& m : {pub, res, dra, den, sgn, rsb}) b.add_metric(m);
  b.add_period(*parse_period_id("fy2023-24"));
  for (int i = 0; i < 10; ++i) {
    const std::string code = "E07000" + std::to_string(101 + i);
    // The first district stands far out on every metric.
    const std::string v = std::to_string(i == 0 ? 1000 : 10 + i);
    for (const char* m : {"pub", "res", "dra", "sgn"})
      EXPECT_TRUE(b.add_value(code, m, "fy2023-24", num(v)).ok());
    // Not proportional to "res", so res / rsb varies and stands out too.
    EXPECT_TRUE(b.add_value(code, "rsb", "fy2023-24", num(std::to_string(20 + (i * 3) % 7))).ok());
    EXPECT_TRUE(b.add_value(code, "den", "fy2023-24", num(std::to_string(3 + (i * 7) % 5))).ok());
  }
  for (int id = 1; id <= 4; ++id) {
    Release r;
    r.id = id;
    r.file_name = "release-" + std::to_string(id) + ".csv";
    r.row_count = id == 1 ? 0 : id == 4 ? 20 : 10;
    b.add_release(r);
  }
  b.add_release_rows({2, "pub", 10});
  b.add_release_rows({3, "res", 10});
  b.add_release_rows({4, "den", 10});
  b.add_release_rows({4, "dra", 10});
  b.add_ratio(ratio("res-ratio", "res", "den"));
  b.add_ratio(ratio("dra-ratio", "den", "dra"));
  b.add_ratio(ratio("pub-ratio", "pub", "den"));
  b.add_ratio(ratio("sgn-ratio", "sgn", "den"));
  b.add_ratio(ratio("both-ratio", "res", "rsb"));  // org-a alone may see both
  b.add_ratio(ratio("rsb-ratio", "rsb", "den"));
  auto s = b.finish();
  EXPECT_TRUE(s.ok()) << (s ? "" : s.error().message);
  return *s;
}

const char* kFocus = "E07000101";

bool scan_lists(const Snapshot& s, const Access& a, const std::string& id) {
  OutlierQuery q;
  q.area_code = kFocus;
  q.threshold = 0;
  q.top = 1000;
  auto scan = scan_outliers(s, a, q);
  EXPECT_TRUE(scan.ok());
  for (const auto& it : scan->items)
    if (it.metric_id == id) return true;
  return false;
}

// Every metric query, for one caller and one metric: all succeed, or all
// fail exactly as for a metric that does not exist.
void expect_visible(const Snapshot& s, const Access& a, const std::string& id, bool visible) {
  SCOPED_TRACE(id);
  auto c = compare(s, a, id, kFocus, "england", "");
  auto r = rank(s, a, id, "england", "", 5);
  auto sum = summarise(s, a, id, "england", "");
  EXPECT_EQ(c.ok(), visible);
  EXPECT_EQ(r.ok(), visible);
  EXPECT_EQ(sum.ok(), visible);
  EXPECT_EQ(scan_lists(s, a, id), visible);
  bool listed_ratio = false;
  for (const auto& v : visible_ratios(s, a)) listed_ratio = listed_ratio || v.id == id;
  if (s.metric(*s.find_metric(id)).ratio) {
    EXPECT_EQ(listed_ratio, visible);
  }
  if (!visible) {
    auto none = compare(s, a, "no-such-metric", kFocus, "england", "");
    EXPECT_EQ(c.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(c.error().message, "unknown metric '" + id + "'");
    EXPECT_EQ(none.error().message, "unknown metric 'no-such-metric'");
    EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(sum.error().code, ErrorCode::kNotFound);
  }
}

TEST(Visibility, EveryQueryHidesRestrictedDraftAndTheirRatios) {
  auto s = visibility_fixture();
  for (const char* id : {"pub", "den", "pub-ratio"})
    for (const Access& a : {kAnyone, restricted_only(), draft_only(), Access::everything()})
      expect_visible(*s, a, id, true);
  expect_visible(*s, kAnyone, "res", false);
  expect_visible(*s, kAnyone, "dra", false);
  expect_visible(*s, kAnyone, "res-ratio", false);
  expect_visible(*s, kAnyone, "dra-ratio", false);
  expect_visible(*s, restricted_only(), "res", true);
  expect_visible(*s, restricted_only(), "res-ratio", true);
  expect_visible(*s, restricted_only(), "dra", false);
  expect_visible(*s, restricted_only(), "dra-ratio", false);
  expect_visible(*s, draft_only(), "dra", true);
  expect_visible(*s, draft_only(), "dra-ratio", true);
  expect_visible(*s, draft_only(), "res", false);
  for (const char* id : {"res", "dra", "res-ratio", "dra-ratio"})
    expect_visible(*s, Access::everything(), id, true);
  // A ratio says how visible it is.
  EXPECT_EQ(s->metric(*s->find_metric("res-ratio")).metric.visibility, Visibility::kRestricted);
  EXPECT_EQ(s->metric(*s->find_metric("dra-ratio")).metric.visibility, Visibility::kDraft);
  EXPECT_EQ(s->metric(*s->find_metric("pub-ratio")).metric.visibility, Visibility::kPublic);
}

// Every role of every organisation against every visibility, and ratios
// that mix them: signed-in needs any user; restricted needs a member of a
// named organisation (or a data manager); draft needs a data manager.
TEST(Visibility, RolesTimesVisibilities) {
  auto s = visibility_fixture();
  struct Case {
    const char* who;
    Access access;
    std::set<std::string> sees;  // of the non-public metrics and ratios
  };
  const std::set<std::string> manager = {"sgn", "sgn-ratio", "res", "res-ratio", "rsb",
                                         "rsb-ratio", "both-ratio", "dra", "dra-ratio"};
  const std::vector<Case> cases = {
      {"anonymous", kAnyone, {}},
      {"member of org-a", Access::for_user(Role::kMember, "org-a"),
       {"sgn", "sgn-ratio", "res", "res-ratio", "rsb", "rsb-ratio", "both-ratio"}},
      {"analyst of org-b", Access::for_user(Role::kAnalyst, "org-b"),
       {"sgn", "sgn-ratio", "rsb", "rsb-ratio"}},
      {"member of org-c", Access::for_user(Role::kMember, "org-c"), {"sgn", "sgn-ratio"}},
      {"data manager of org-c", Access::for_user(Role::kDataManager, "org-c"), manager},
      {"administrator of org-c", Access::for_user(Role::kAdministrator, "org-c"), manager},
      {"operator", Access::everything(), manager},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.who);
    for (const char* id : {"pub", "den", "pub-ratio"}) expect_visible(*s, c.access, id, true);
    for (const std::string id : manager) expect_visible(*s, c.access, id, c.sees.count(id) > 0);
  }
  EXPECT_EQ(s->metric(*s->find_metric("sgn-ratio")).metric.visibility, Visibility::kSignedIn);
  EXPECT_EQ(s->metric(*s->find_metric("both-ratio")).metric.organisations,
            (std::vector<std::string>{"org-a"}));
}

TEST(Visibility, RatioFollowsItsInputWhenTheSnapshotIsRebuilt) {
  // Created while "res" was public, then "res" became restricted: the next
  // snapshot (a reload or a restart) hides the ratio.
  auto before = visibility_fixture(Visibility::kPublic);
  expect_visible(*before, kAnyone, "res-ratio", true);
  auto after = visibility_fixture(Visibility::kRestricted);
  expect_visible(*after, kAnyone, "res-ratio", false);
}

TEST(Visibility, CatalogueListsAndCountsOnlyWhatTheCallerMaySee) {
  auto s = visibility_fixture();
  auto ids = [&](const Access& a) {
    std::vector<std::string> out;
    for (const Metric* m : list_metrics(*s, a, {})) out.push_back(m->id);
    return out;
  };
  EXPECT_EQ(ids(kAnyone), (std::vector<std::string>{"den", "pub"}));  // ratios are not listed
  EXPECT_EQ(ids(Access::everything()),
            (std::vector<std::string>{"den", "dra", "pub", "res", "rsb", "sgn"}));
  EXPECT_EQ(lookup_metric(*s, kAnyone, "res").error().message, "unknown metric 'res'");
  EXPECT_EQ(lookup_metric(*s, kAnyone, "pub-ratio").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(lookup_metric(*s, restricted_only(), "res").ok());

  // Release 3 holds restricted values only; release 4 mixes public and draft.
  auto releases = list_releases(*s, kAnyone);
  ASSERT_EQ(releases.size(), 3u);
  EXPECT_EQ(releases[0].id, 1);
  EXPECT_EQ(releases[1].id, 2);
  EXPECT_EQ(releases[2].id, 4);
  EXPECT_EQ(releases[2].row_count, 10);
  EXPECT_EQ(lookup_release(*s, kAnyone, 3).error().message, "unknown release 3");
  EXPECT_EQ(lookup_release(*s, kAnyone, 99).error().message, "unknown release 99");
  EXPECT_EQ(lookup_release(*s, Access::everything(), 4)->row_count, 20);
  const HealthCounts anyone = health_counts(*s, kAnyone);
  EXPECT_EQ(anyone.releases, 3);
  EXPECT_EQ(anyone.values, 20);
  const HealthCounts all = health_counts(*s, Access::everything());
  EXPECT_EQ(all.releases, 4);
  EXPECT_EQ(all.values, 40);
}

TEST(Visibility, RatioValidationRevealsNothing) {
  auto s = visibility_fixture();
  // A hidden input is unknown; with access it is accepted.
  auto hidden = validate_ratio(*s, kAnyone, ratio("new", "res", "den"));
  auto missing = validate_ratio(*s, kAnyone, ratio("new", "nope", "den"));
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(hidden.error().message, "ratio 'new': unknown numerator metric 'res'");
  EXPECT_EQ(missing.error().message, "ratio 'new': unknown numerator metric 'nope'");
  EXPECT_EQ(validate_ratio(*s, kAnyone, ratio("new", "den", "dra")).error().code,
            ErrorCode::kNotFound);
  EXPECT_TRUE(validate_ratio(*s, restricted_only(), ratio("new", "res", "den")).ok());
  // A taken id gets the same words whether a hidden metric, a public one or
  // a ratio holds it.
  for (const char* taken : {"res", "pub", "pub-ratio", "dra-ratio"}) {
    auto st = validate_ratio(*s, kAnyone, ratio(taken, "pub", "den"));
    EXPECT_EQ(st.error().code, ErrorCode::kConflict);
    EXPECT_EQ(st.error().message, "the id '" + std::string(taken) + "' is already in use");
  }
}

TEST(Visibility, NeighbourModelUsesPublicMetricsOnly) {
  std::vector<Area> areas;
  std::vector<Cell> cells;
  for (int i = 0; i < 8; ++i) {
    const std::string code = "E07000" + std::to_string(101 + i);
    areas.push_back(testing::council(code, "District " + std::to_string(i), AreaType::kDistrict,
                                     "E12000001"));
    cells.push_back({code, "resident-population", "cy2020", num(std::to_string(50000 + i * 9000))});
    cells.push_back({code, "area-km2", "cy2020", num(std::to_string(100 + i * 31))});
    cells.push_back({code, "claimant-count", "cy2024", num(std::to_string(2 + i % 3))});
  }
  Metric claimants = make_metric("claimant-count", Polarity::kLowerIsBetter);
  claimants.visibility = Visibility::kRestricted;
  SnapshotOptions opt;
  opt.neighbours_k = 3;
  auto s = testing::build(areas,
                          {make_metric("resident-population", Polarity::kNeither),
                           make_metric("area-km2", Polarity::kNeither), claimants},
                          {"cy2020", "cy2024"}, cells, {}, {}, opt);
  auto n = neighbours(*s, kAnyone, "E07000101");
  ASSERT_TRUE(n.ok()) << n.error().message;
  bool seen = false;
  for (const auto& f : n->features) {
    if (f.metric_id != "claimant-count") continue;
    seen = true;
    EXPECT_FALSE(f.used);
    EXPECT_EQ(f.observed, 0);
    EXPECT_EQ(f.note, "dropped: metric 'claimant-count' is not public");
  }
  EXPECT_TRUE(seen);
  for (const auto& item : n->neighbours)
    for (const auto& c : item.contributions) EXPECT_NE(c.feature, "claimant-count");
}

}  // namespace
}  // namespace lgb
