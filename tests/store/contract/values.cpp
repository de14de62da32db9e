// The store contract: areas, metrics, periods, releases and values round
// trip exactly, revisions are kept, and the streams carry what they promise.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <tuple>

#include "store/store_contract.h"

namespace lgb::testing {

TEST_P(StoreValuesTest, AreasRoundTripWithSuccessors) {
  auto areas = store_->list_areas();
  ASSERT_TRUE(areas.ok()) << areas.error().message;
  ASSERT_EQ(areas->size(), 4u);
  // Ordered by code.
  EXPECT_EQ((*areas)[0].code, "E06000060");
  EXPECT_EQ((*areas)[1].code, "E07000004");
  const Area& av = (*areas)[1];
  EXPECT_EQ(av.name, "Aylesbury Vale");
  EXPECT_EQ(av.type, AreaType::kDistrict);
  EXPECT_EQ(av.region_code, "E12000008");
  EXPECT_EQ(av.parent_code, "E10000002");
  EXPECT_EQ(av.start_date, "1974-04-01");
  EXPECT_EQ(av.end_date, "2020-03-31");
  EXPECT_EQ(av.successor_codes, std::vector<std::string>{"E06000060"});
  EXPECT_FALSE(av.is_current());
  EXPECT_TRUE((*areas)[2].is_current());
  EXPECT_EQ((*areas)[2].parent_code, "");
  EXPECT_TRUE((*areas)[2].successor_codes.empty());
}

TEST_P(StoreValuesTest, UpsertReplacesAreaFieldsAndSuccessorLists) {
  ReleaseBatch b;
  b.release = release("sha-register-2", "register-mysociety");
  Area av = register_batch().areas[3];
  av.name = "Aylesbury Vale District";
  av.successor_codes = {"E06000060", "E08000035"};
  b.areas = {av};
  ASSERT_TRUE(store_->load_release(b).ok());
  b.release.sha256 = "sha-register-3";
  b.areas[0].successor_codes = {"E08000036"};
  ASSERT_TRUE(store_->load_release(b).ok());
  auto areas = store_->list_areas();
  ASSERT_TRUE(areas.ok());
  EXPECT_EQ((*areas)[1].name, "Aylesbury Vale District");
  EXPECT_EQ((*areas)[1].successor_codes, std::vector<std::string>{"E08000036"});
  EXPECT_EQ(areas->size(), 4u);
}

TEST_P(StoreValuesTest, MetricsRoundTripWithAllFields) {
  auto metrics = store_->list_metrics();
  ASSERT_TRUE(metrics.ok()) << metrics.error().message;
  ASSERT_EQ(metrics->size(), 2u);
  const Metric& m = (*metrics)[0];
  Metric want = register_batch().metrics[0];
  EXPECT_EQ(m.id, want.id);
  EXPECT_EQ(m.title, want.title);
  EXPECT_EQ(m.unit, want.unit);
  EXPECT_EQ(m.polarity, Polarity::kLowerIsBetter);
  EXPECT_EQ(m.decimals, 0);
  EXPECT_EQ(m.themes, (std::vector<std::string>{"economy", "work"}));
  EXPECT_EQ(m.services, std::vector<std::string>{"welfare"});
  EXPECT_TRUE(m.directorates.empty());
  EXPECT_EQ(m.portfolios, std::vector<std::string>{"Economy & Skills"});
  EXPECT_EQ(m.publisher, want.publisher);
  EXPECT_EQ(m.licence, want.licence);
  EXPECT_EQ(m.visibility, Visibility::kPublic);
  EXPECT_EQ(m.measure, MeasureKind::kOther);
  EXPECT_EQ((*metrics)[1].id, "population");
  EXPECT_EQ((*metrics)[1].measure, MeasureKind::kCount);
}

TEST_P(StoreValuesTest, ReleasesRoundTripAndStoreSetsLoadTimeAndRowCount) {
  auto id = store_->load_release(data_batch("sha-a"));
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_GT(*id, register_id_);
  auto r = store_->get_release(*id);
  ASSERT_TRUE(r.ok());
  Release want = release("sha-a");
  EXPECT_EQ(r->id, *id);
  EXPECT_EQ(r->publisher, want.publisher);
  EXPECT_EQ(r->source_url, want.source_url);
  EXPECT_EQ(r->file_name, want.file_name);
  EXPECT_EQ(r->format, "tidy");
  EXPECT_EQ(r->sha256, "sha-a");
  EXPECT_EQ(r->published_on, "2024-05-15");
  EXPECT_EQ(r->loaded_by, "test");
  EXPECT_EQ(r->licence, want.licence);
  EXPECT_EQ(r->row_count, 4);
  ASSERT_EQ(r->loaded_at.size(), 20u) << r->loaded_at;  // 2026-11-23T09:23:41Z
  EXPECT_EQ(r->loaded_at.back(), 'Z');
  EXPECT_EQ(r->loaded_at[10], 'T');

  auto all = store_->list_releases();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, register_id_);
  EXPECT_EQ((*all)[1].id, *id);

  auto found = store_->find_release("sha-a", "tidy");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, *id);
  auto other_format = store_->find_release("sha-a", "ons-els");
  ASSERT_TRUE(other_format.ok());
  EXPECT_FALSE(other_format->has_value());

  auto missing = store_->get_release(999);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreValuesTest, ReleaseMetricsCountRowsOfEachMetricPerRelease) {
  ReleaseBatch b = data_batch("sha-two-metrics");
  b.metrics = {metric("net-additions", "Net additions")};
  b.observations.push_back(obs("E08000035", "net-additions", "cy2023", "1200"));
  auto id = store_->load_release(b);
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto rows = store_->list_release_metrics();
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  std::vector<std::tuple<int64_t, std::string, int64_t>> got;
  for (const auto& r : *rows) got.emplace_back(r.release_id, r.metric_id, r.rows);
  // The register holds no observations here; the data release holds two metrics.
  EXPECT_EQ(got, (std::vector<std::tuple<int64_t, std::string, int64_t>>{
                     {*id, "claimant-count", 4}, {*id, "net-additions", 1}}));
}

TEST_P(StoreValuesTest, PeriodsRoundTripSortedChronologically) {
  ReleaseBatch b = data_batch("sha-a");
  b.periods = {period("fy2022-23"),
               period("2023-q1"),
               period("cy2019-2023"),
               period("2024-05-15"),
               period("2023-01"),
               period("ay2021-22"),
               *parse_iso_period("2012-02-01/P18M")};
  b.observations.clear();
  ASSERT_TRUE(store_->load_release(b).ok());
  auto periods = store_->list_periods();
  ASSERT_TRUE(periods.ok()) << periods.error().message;
  std::vector<std::string> ids;
  for (const auto& p : *periods) ids.push_back(p.id());
  // By start date, then length (a month before the quarter that starts with it).
  EXPECT_EQ(ids, (std::vector<std::string>{"2012-02-01/p18m", "cy2019-2023", "ay2021-22",
                                           "fy2022-23", "2023-01", "2023-q1", "2024-05-15"}));
  for (size_t i = 0; i < periods->size(); ++i) {
    auto want = parse_period_id(ids[i]);
    ASSERT_TRUE(want.ok());
    EXPECT_EQ((*periods)[i].kind, want->kind) << ids[i];
    EXPECT_EQ((*periods)[i].months, want->months) << ids[i];
    EXPECT_EQ((*periods)[i].start_date(), want->start_date()) << ids[i];
  }
}

TEST_P(StoreValuesTest, LoadThenQueryKeepsPublishedTextExactly) {
  ReleaseBatch b = data_batch("sha-a", "12.50");
  b.observations.push_back(
      obs("E06000060", "claimant-count", "cy2023", "1.0E3", "e", "Estimate – see note £ é ü"));
  ASSERT_TRUE(store_->load_release(b).ok());
  auto values = store_->query_values({"claimant-count", {}, "", false});
  ASSERT_TRUE(values.ok()) << values.error().message;
  ASSERT_EQ(values->size(), 5u);
  // Ordered by period, then area code.
  const auto& v = *values;
  EXPECT_EQ(v[0].period_id, "cy2022");
  EXPECT_EQ(v[0].area_code, "E08000035");
  EXPECT_EQ(v[0].value.text, "");
  EXPECT_FALSE(v[0].value.number.has_value());
  EXPECT_EQ(v[0].value.marker, Marker::kSuppressed);
  EXPECT_EQ(v[0].value.marker_text, "[c]");
  EXPECT_EQ(v[0].value.note, "Suppressed: small numbers");
  EXPECT_EQ(v[1].area_code, "E08000036");
  EXPECT_EQ(v[1].value.marker, Marker::kProvisional);
  EXPECT_EQ(v[1].value.marker_text, "p");
  EXPECT_EQ(v[1].value.number, 8500.0);
  EXPECT_EQ(v[2].period_id, "cy2023");
  EXPECT_EQ(v[2].area_code, "E06000060");
  EXPECT_EQ(v[2].value.text, "1.0E3");
  EXPECT_EQ(v[2].value.number, 1000.0);
  EXPECT_EQ(v[2].value.note, "Estimate – see note £ é ü");
  EXPECT_EQ(v[3].area_code, "E08000035");
  EXPECT_EQ(v[3].value.text, "12.50");
  EXPECT_EQ(v[3].value.number, 12.5);
  EXPECT_EQ(v[3].value.marker, Marker::kNone);
  EXPECT_EQ(v[3].value.marker_text, "");
  EXPECT_TRUE(v[3].current);
  EXPECT_EQ(v[4].value.text, "9000");

  auto one = store_->query_values({"claimant-count", {"E08000035"}, "cy2023", false});
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].value.text, "12.50");

  auto two = store_->query_values({"claimant-count", {"E08000036", "E06000060"}, "", false});
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->size(), 3u);
  EXPECT_EQ((*two)[0].area_code, "E08000036");
  EXPECT_EQ((*two)[1].area_code, "E06000060");

  auto none = store_->query_values({"no-such-metric", {}, "", false});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  auto bad = store_->query_values({"", {}, "", false});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(StoreValuesTest, QuotesEscapesAndControlCharactersRoundTripByteForByte) {
  ReleaseBatch b = data_batch("sha-a");
  // What a COPY stream or a JSON area list must escape: tabs, line breaks,
  // backslashes (also before N, COPY's NULL), quotes.
  const std::string tricky = "9,000\"\\\tx\r\n\\N\x01\x7F \u00A3 \u4E2D";
  b.observations[0].value.text = tricky;
  b.observations[0].value.number.reset();
  b.observations[0].value.note = "\\N";
  b.observations[1].value.note = "";
  ASSERT_TRUE(store_->load_release(b).ok());
  auto v = store_->query_values({"claimant-count", {"E08000036", "x\"]\\"}, "cy2023", false});
  ASSERT_TRUE(v.ok()) << v.error().message;
  ASSERT_EQ(v->size(), 1u);
  EXPECT_EQ((*v)[0].value.text, tricky);
  EXPECT_EQ((*v)[0].value.note, "\\N");
  EXPECT_FALSE((*v)[0].value.number.has_value());
  std::vector<StoredValue> streamed;
  ASSERT_TRUE(store_->for_each_current_value([&](const StoredValue& x) {
    streamed.push_back(x);
  }).ok());
  ASSERT_EQ(streamed.size(), 4u);
  EXPECT_EQ(streamed[3].value.text, tricky);  // E08000036 cy2023 sorts last
  EXPECT_EQ(streamed[3].value.note, "\\N");
  EXPECT_EQ(streamed[2].value.note, "");
}

TEST_P(StoreValuesTest, NumbersRoundTripBitForBit) {
  ReleaseBatch b = data_batch("sha-a");
  // (Not -0.0: SQLite stores it as 0.)
  const double numbers[] = {0.1 + 0.2, -2.5e-7, 1e-300, 1.7976931348623157e308};
  for (size_t i = 0; i < 4; ++i) b.observations[i].value.number = numbers[i];
  ASSERT_TRUE(store_->load_release(b).ok());
  auto bits = [](double d) {
    uint64_t u;
    std::memcpy(&u, &d, sizeof u);
    return u;
  };
  std::vector<uint64_t> want, got_query, got_rows;
  for (double d : numbers) want.push_back(bits(d));
  auto v = store_->query_values({"claimant-count", {}, "", false});
  ASSERT_TRUE(v.ok());
  for (const auto& x : *v) got_query.push_back(bits(*x.value.number));
  ASSERT_TRUE(store_->for_each_current_value_row([&](const CurrentValueRow& r) {
    got_rows.push_back(bits(*r.number));
  }).ok());
  std::sort(want.begin(), want.end());
  std::sort(got_query.begin(), got_query.end());
  std::sort(got_rows.begin(), got_rows.end());
  EXPECT_EQ(got_query, want);
  EXPECT_EQ(got_rows, want);
}

TEST_P(StoreValuesTest, TextThatIsNotUtf8IsKeptOrRefusedWhole) {
  // A Latin-1 pound sign as some spreadsheets export it. The readers refuse
  // such files; a store holding it must keep it exactly or refuse the
  // release clearly (PostgreSQL text is UTF-8), never mangle it.
  ReleaseBatch b = data_batch("sha-a");
  const std::string latin1 = std::string("\xA3") + "9,000";
  b.observations[2].value.text = latin1;
  b.observations[2].value.number.reset();
  auto r = store_->load_release(b);
  if (GetParam().stores_any_bytes) {
    ASSERT_TRUE(r.ok()) << r.error().message;
    auto v = store_->query_values({"claimant-count", {"E08000035"}, "cy2022", false});
    ASSERT_TRUE(v.ok());
    ASSERT_EQ(v->size(), 1u);
    EXPECT_EQ((*v)[0].value.text, latin1);
    return;
  }
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message.find("observation 3 of 4 (area E08000035, metric claimant-count, "
                                   "period cy2022): text is not valid UTF-8 (byte 0xA3 at offset 0)"),
            std::string::npos)
      << r.error().message;
  auto releases = store_->list_releases();
  ASSERT_TRUE(releases.ok());
  EXPECT_EQ(releases->size(), 1u);  // the register only
}

TEST_P(StoreValuesTest, NewerReleaseKeepsOlderRevisionAndOnlyNewestIsCurrent) {
  auto first = store_->load_release(data_batch("sha-a", "12.50"));
  ASSERT_TRUE(first.ok());
  ReleaseBatch revised;
  revised.release = release("sha-b");
  revised.observations = {obs("E08000035", "claimant-count", "cy2023", "12.75", "r")};
  auto second = store_->load_release(revised);
  ASSERT_TRUE(second.ok()) << second.error().message;
  revised.release.sha256 = "sha-c";
  revised.observations[0] = obs("E08000035", "claimant-count", "cy2023", "13");
  auto third = store_->load_release(revised);
  ASSERT_TRUE(third.ok()) << third.error().message;

  auto cur = store_->query_values({"claimant-count", {"E08000035"}, "cy2023", false});
  ASSERT_TRUE(cur.ok());
  ASSERT_EQ(cur->size(), 1u);
  EXPECT_EQ((*cur)[0].value.text, "13");
  EXPECT_EQ((*cur)[0].release_id, *third);
  EXPECT_TRUE((*cur)[0].current);

  auto hist = store_->query_values({"claimant-count", {"E08000035"}, "cy2023", true});
  ASSERT_TRUE(hist.ok());
  ASSERT_EQ(hist->size(), 3u);  // ordered by release id
  EXPECT_EQ((*hist)[0].value.text, "12.50");
  EXPECT_EQ((*hist)[0].release_id, *first);
  EXPECT_FALSE((*hist)[0].current);
  EXPECT_EQ((*hist)[1].value.text, "12.75");
  EXPECT_EQ((*hist)[1].value.marker, Marker::kRevised);
  EXPECT_FALSE((*hist)[1].current);
  EXPECT_EQ((*hist)[2].value.text, "13");
  EXPECT_TRUE((*hist)[2].current);

  // Values the revisions did not touch stay current from the first release.
  auto all = store_->query_values({"claimant-count", {}, "", false});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 4u);
  int from_first = 0;
  for (const auto& v : *all) from_first += v.release_id == *first;
  EXPECT_EQ(from_first, 3);
}

TEST_P(StoreValuesTest, ForEachCurrentValueStreamsOnlyCurrentRevisions) {
  ASSERT_TRUE(store_->load_release(data_batch("sha-a", "12.50")).ok());
  ASSERT_TRUE(store_->load_release(data_batch("sha-b", "14")).ok());
  std::vector<StoredValue> seen;
  auto s = store_->for_each_current_value([&](const StoredValue& v) { seen.push_back(v); });
  ASSERT_TRUE(s.ok()) << s.error().message;
  ASSERT_EQ(seen.size(), 4u);
  for (const auto& v : seen) EXPECT_TRUE(v.current);
  // Order: metric, period id, area code.
  EXPECT_EQ(seen[0].period_id, "cy2022");
  EXPECT_EQ(seen[2].area_code, "E08000035");
  EXPECT_EQ(seen[2].value.text, "14");
}

// The lean row stream (and the interface's default adapter) carries exactly
// the current values of for_each_current_value: same keys, numbers, markers.
TEST_P(StoreValuesTest, CurrentValueRowsMatchTheFullStream) {
  ASSERT_TRUE(store_->load_release(data_batch("sha-a", "12.50")).ok());
  ReleaseBatch b = data_batch("sha-b", "14");
  b.observations.push_back(obs("E08000036", "population", "cy2023", "", "x"));
  ASSERT_TRUE(store_->load_release(b).ok());
  using Key = std::tuple<std::string, std::string, std::string, std::optional<double>, Marker>;
  std::vector<Key> full, lean, adapted;
  ASSERT_TRUE(store_->for_each_current_value([&](const StoredValue& v) {
    full.emplace_back(v.metric_id, v.period_id, v.area_code, v.value.number, v.value.marker);
  }).ok());
  auto collect = [](std::vector<Key>& out) {
    return [&out](const CurrentValueRow& r) {
      out.emplace_back(std::string(r.metric_id), std::string(r.period_id),
                       std::string(r.area_code), r.number, r.marker);
    };
  };
  Status s = store_->for_each_current_value_row(collect(lean));
  ASSERT_TRUE(s.ok()) << s.error().message;
  ASSERT_TRUE(store_->Store::for_each_current_value_row(collect(adapted)).ok());
  // Order is unspecified for rows.
  std::sort(full.begin(), full.end());
  std::sort(lean.begin(), lean.end());
  std::sort(adapted.begin(), adapted.end());
  ASSERT_EQ(full.size(), 5u);
  EXPECT_EQ(lean, full);
  EXPECT_EQ(adapted, full);
  // Spot checks: the revised number, a withheld value with its marker.
  EXPECT_NE(std::find(lean.begin(), lean.end(),
                      Key{"claimant-count", "cy2023", "E08000035", 14.0, Marker::kNone}),
            lean.end());
  EXPECT_NE(std::find(lean.begin(), lean.end(),
                      Key{"claimant-count", "cy2022", "E08000035", std::nullopt,
                          Marker::kSuppressed}),
            lean.end());
  EXPECT_NE(std::find(lean.begin(), lean.end(),
                      Key{"population", "cy2023", "E08000036", std::nullopt,
                          Marker::kNotAvailable}),
            lean.end());
}

TEST_P(StoreValuesTest, PeriodsOfMetricListsPeriodsWithCurrentValues) {
  ReleaseBatch b = data_batch("sha-a");
  b.observations.push_back(obs("E08000035", "claimant-count", "fy2019-20", "7"));
  b.observations.push_back(obs("E08000035", "population", "cy2021", "800000"));
  ASSERT_TRUE(store_->load_release(b).ok()) << "periods not listed in the batch are derived";
  auto p = store_->periods_of_metric("claimant-count");
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(*p, (std::vector<std::string>{"fy2019-20", "cy2022", "cy2023"}));
  auto q = store_->periods_of_metric("population");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(*q, std::vector<std::string>{"cy2021"});
  auto none = store_->periods_of_metric("nothing");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

}  // namespace lgb::testing
