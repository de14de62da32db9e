// The benchmarking routes end to end against the real `lgbench serve` on the
// real bundled data: compare, rank, outliers and neighbours, their JSON shape,
// CSV, and figures cross-checked against the published CSV file read here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "api_test_support.h"

namespace lgb::test {
namespace {

namespace json = boost::json;

double num(const json::value& v) { return v.to_number<double>(); }

// Type-7 median of sorted values, written out here independently of the engine.
double median_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Claimant count (%) by area for calendar year `year`, straight from the
// ONS Explore Local Statistics file bundled in data/.
std::map<std::string, double> claimant_count_from_file(int year) {
  auto rows = parse_csv(read_file(data_dir() + "/ons-els/claimant-count.csv"));
  const auto& h = rows.at(0);
  size_t c_area = column(h, "areacd"), c_period = column(h, "period"),
         c_obs = column(h, "observation");
  std::map<std::string, double> out;
  const std::string period = std::to_string(year) + "-01-01/P1Y";
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.size() <= c_obs || r[c_period] != period || r[c_obs].empty()) continue;
    out[r[c_area]] = std::stod(r[c_obs]);
  }
  return out;
}

// A value published under a code that later changed (the ONS change list's
// new_code rows: Sheffield E08000019 -> E08000039 in 2025) is the council's
// value, under the code it had at the end of the period.
std::map<std::string, double> by_current_code(std::map<std::string, double> values) {
  auto rows = parse_csv(read_file(data_dir() + "/register/ons_uk_topojson_la_changes.csv"));
  const auto& h = rows.at(0);
  const size_t c_old = column(h, "oldcd"), c_new = column(h, "newcd"), c_type = column(h, "type");
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.size() <= c_type || r[c_type] != "new_code") continue;
    auto old = values.find(r[c_old]);
    if (old != values.end() && !values.count(r[c_new])) values[r[c_new]] = old->second;
  }
  return values;
}

// Current metropolitan districts, from the register as the API lists it.
std::vector<std::string> current_metropolitan_districts(uint16_t port) {
  auto r = http_get(port, "/api/v1/areas?type=metropolitan-district&current=true");
  std::vector<std::string> out;
  const json::value doc = r.json();
  for (const auto& a : doc.at("items").as_array())
    out.emplace_back(a.at("code").as_string());
  return out;
}

TEST(Compare, ClaimantCountAgainstTypeMatchesThePublishedFile) {
  auto& f = full_fixture();
  auto r = http_get(f.server->port(),
                    "/api/v1/compare?metric=claimant-count&area=E08000035&group=type&period=cy2025");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/json");
  auto c = r.json().as_object();
  EXPECT_EQ(c.at("metric").at("id"), "claimant-count");
  EXPECT_EQ(c.at("metric").at("polarity"), "lower-is-better");
  EXPECT_EQ(c.at("period").at("id"), "cy2025");
  EXPECT_EQ(c.at("previous_period").at("id"), "cy2024");
  EXPECT_EQ(c.at("area").at("name"), "Leeds");
  EXPECT_EQ(c.at("group").at("id"), "type");

  auto file = by_current_code(claimant_count_from_file(2025));
  auto members = current_metropolitan_districts(f.server->port());
  ASSERT_FALSE(members.empty());
  std::vector<double> numbers;
  for (const auto& code : members)
    if (auto it = file.find(code); it != file.end()) numbers.push_back(it->second);
  const auto& st = c.at("statistics").as_object();
  EXPECT_EQ(st.at("members").as_int64(), static_cast<int64_t>(members.size()));
  EXPECT_EQ(st.at("count").as_int64(), static_cast<int64_t>(numbers.size()));
  EXPECT_EQ(st.at("missing").as_int64() + st.at("withheld").as_int64(),
            static_cast<int64_t>(members.size() - numbers.size()));
  EXPECT_NEAR(num(st.at("median")), median_of(numbers), 1e-9);
  EXPECT_DOUBLE_EQ(num(st.at("min")), *std::min_element(numbers.begin(), numbers.end()));
  EXPECT_DOUBLE_EQ(num(st.at("max")), *std::max_element(numbers.begin(), numbers.end()));
  EXPECT_EQ(st.at("deciles").as_array().size(), 9u);
  EXPECT_LE(num(st.at("q1")), num(st.at("median")));
  EXPECT_LE(num(st.at("median")), num(st.at("q3")));

  // Leeds's value and its rank (lower is better: 1 + the number strictly lower).
  const double leeds = file.at("E08000035");
  EXPECT_DOUBLE_EQ(num(c.at("value")), leeds);
  int lower = 0;
  for (double x : numbers) lower += x < leeds;
  const auto& pos = c.at("position").as_object();
  EXPECT_EQ(pos.at("rank").as_int64(), lower + 1);
  EXPECT_EQ(pos.at("of").as_int64(), static_cast<int64_t>(numbers.size()));
  int band = static_cast<int>(pos.at("quartile_band").as_int64());
  EXPECT_GE(band, 1);
  EXPECT_LE(band, 4);
  EXPECT_TRUE(pos.contains("z") && pos.contains("percentile"));
  // MADs from median beside z: the same distance, unscaled.
  ASSERT_EQ(pos.at("z_method"), "mad");
  EXPECT_NEAR(num(pos.at("mads_from_median")), 1.4826 * num(pos.at("z")), 1e-9);
  EXPECT_NEAR(num(pos.at("mads_from_median")),
              (leeds - num(st.at("median"))) / num(st.at("mad")), 1e-9);

  // Trend against 2024, from the file too.
  const double before = claimant_count_from_file(2024).at("E08000035");
  const auto& trend = c.at("trend").as_object();
  EXPECT_DOUBLE_EQ(num(trend.at("previous")), before);
  EXPECT_EQ(trend.at("direction"), leeds < before   ? "improving"
                                   : leeds > before ? "worsening"
                                                    : "no-change");

  // Every member is listed once, the focus flagged, ranks only for numbers.
  const auto& list = c.at("members").as_array();
  EXPECT_EQ(list.size(), members.size());
  int focus = 0;
  for (const auto& m : list) {
    focus += m.at("focus").as_bool();
    EXPECT_EQ(m.at("rank").is_null(), m.at("value").is_null()) << m;
  }
  EXPECT_EQ(focus, 1);
}

TEST(Compare, CsvHasAHeaderAndOneRowPerMember) {
  auto& f = full_fixture();
  auto r = http_get(f.server->port(),
                    "/api/v1/compare?metric=claimant-count&area=E08000035&group=type&format=csv");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "text/csv; charset=utf-8; header=present");
  auto rows = parse_csv(r.body);
  ASSERT_GE(rows.size(), 2u);
  EXPECT_EQ(rows[0].at(0), "metric");
  size_t c_code = column(rows[0], "area_code"), c_focus = column(rows[0], "focus");
  EXPECT_EQ(rows.size() - 1, current_metropolitan_districts(f.server->port()).size());
  bool leeds = false;
  for (size_t i = 1; i < rows.size(); ++i)
    if (rows[i][c_code] == "E08000035") leeds = rows[i][c_focus] == "true";
  EXPECT_TRUE(leeds);
}

TEST(Rank, TopAndBottomOfTheTypeGroupMatchTheFile) {
  auto& f = full_fixture();
  auto r = http_get(f.server->port(),
                    "/api/v1/rank?metric=claimant-count&group=type:metropolitan-district"
                    "&period=cy2025&top=3");
  ASSERT_EQ(r.status, 200) << r.body;
  auto o = r.json().as_object();
  auto file = by_current_code(claimant_count_from_file(2025));
  std::vector<double> numbers;
  for (const auto& code : current_metropolitan_districts(f.server->port()))
    if (auto it = file.find(code); it != file.end()) numbers.push_back(it->second);
  std::sort(numbers.begin(), numbers.end());
  EXPECT_EQ(o.at("count").as_int64(), static_cast<int64_t>(numbers.size()));
  const auto& top = o.at("top").as_array();
  const auto& bottom = o.at("bottom").as_array();
  ASSERT_EQ(top.size(), 3u);
  ASSERT_EQ(bottom.size(), 3u);
  EXPECT_DOUBLE_EQ(num(top[0].at("value")), numbers.front());  // lower is better
  EXPECT_EQ(top[0].at("rank").as_int64(), 1);
  EXPECT_DOUBLE_EQ(num(bottom[0].at("value")), numbers.back());
  for (size_t i = 1; i < top.size(); ++i)
    EXPECT_LE(num(top[i - 1].at("value")), num(top[i].at("value")));

  auto csv = http_get(f.server->port(),
                      "/api/v1/rank?metric=claimant-count&group=type:metropolitan-district"
                      "&top=2&format=csv");
  ASSERT_EQ(csv.status, 200);
  auto rows = parse_csv(csv.body);
  EXPECT_EQ(rows.size(), 5u);  // header + 2 top + 2 bottom
  EXPECT_EQ(rows[0].at(column(rows[0], "list")), "list");
}

TEST(Outliers, DemoAcceptanceGivesARankedExplainedList) {
  auto& f = full_fixture();
  auto r = http_get(f.server->port(), "/api/v1/outliers?area=E08000035&group=neighbours");
  ASSERT_EQ(r.status, 200) << r.body;
  auto o = r.json().as_object();
  EXPECT_EQ(o.at("area").at("name"), "Leeds");
  EXPECT_EQ(o.at("group").at("id"), "neighbours");
  const auto& items = o.at("items").as_array();
  ASSERT_FALSE(items.empty());
  EXPECT_GE(o.at("flagged").as_int64(), static_cast<int64_t>(items.size()));
  EXPECT_EQ(o.at("count").as_int64(), static_cast<int64_t>(items.size()));
  double last = 1e300;
  for (const auto& v : items) {
    const auto& it = v.as_object();
    const double z = std::fabs(num(it.at("z")));
    EXPECT_GE(z, 2.0);
    EXPECT_LE(z, last);
    last = z;
    for (const char* k : {"metric", "period", "value", "group_median", "rank", "of",
                          "assessment", "trend", "concern", "explanation", "mads_from_median"})
      EXPECT_TRUE(it.contains(k)) << k;
    if (it.at("z_method") == "mad")
      EXPECT_NEAR(num(it.at("mads_from_median")), 1.4826 * num(it.at("z")), 1e-9);
    else
      EXPECT_TRUE(it.at("mads_from_median").is_null());
    EXPECT_LE(it.at("rank").as_int64(), it.at("of").as_int64());
    const std::string a(it.at("assessment").as_string());
    const std::string d(it.at("trend").at("direction").as_string());
    EXPECT_EQ(it.at("concern").as_bool(), a == "worse" && d == "worsening");
    const std::string text(it.at("explanation").as_string());
    EXPECT_EQ(text.rfind("Leeds: ", 0), 0u) << text;
    EXPECT_NE(text.find("ranked " + std::to_string(it.at("rank").as_int64()) + " of " +
                        std::to_string(it.at("of").as_int64())),
              std::string::npos)
        << text;
    EXPECT_EQ(text.back(), '.');
  }
}

TEST(Outliers, FiltersThresholdTopAndCsv) {
  auto& f = full_fixture();
  auto all = http_get(f.server->port(), "/api/v1/outliers?area=E08000035&threshold=0&top=1000")
                 .json().as_object();
  auto economy = http_get(f.server->port(),
                          "/api/v1/outliers?area=E08000035&threshold=0&top=1000&theme=economy")
                     .json().as_object();
  EXPECT_LT(economy.at("metrics_considered").as_int64(), all.at("metrics_considered").as_int64());
  EXPECT_GT(economy.at("metrics_considered").as_int64(), 0);
  auto one = http_get(f.server->port(), "/api/v1/outliers?area=E08000035&threshold=0&top=1")
                 .json().as_object();
  EXPECT_EQ(one.at("items").as_array().size(), 1u);
  EXPECT_EQ(one.at("flagged"), all.at("flagged"));

  auto csv = http_get(f.server->port(),
                      "/api/v1/outliers?area=E08000035&group=neighbours&format=csv");
  ASSERT_EQ(csv.status, 200);
  auto rows = parse_csv(csv.body);
  ASSERT_GE(rows.size(), 2u);
  EXPECT_EQ(rows[0].at(column(rows[0], "explanation")), "explanation");
  const size_t c_z = column(rows[0], "z"), c_mads = column(rows[0], "mads_from_median"),
               c_method = column(rows[0], "z_method");
  for (size_t i = 1; i < rows.size(); ++i)
    if (rows[i][c_method] == "mad")
      EXPECT_NEAR(std::stod(rows[i][c_mads]), 1.4826 * std::stod(rows[i][c_z]), 1e-9);
  EXPECT_EQ(rows[1].at(column(rows[0], "explanation")).rfind("Leeds: ", 0), 0u);
}

TEST(Neighbours, FifteenNearestWithContributionsThatAddUp) {
  auto& f = full_fixture();
  auto r = http_get(f.server->port(), "/api/v1/neighbours/E08000035");
  ASSERT_EQ(r.status, 200) << r.body;
  auto o = r.json().as_object();
  EXPECT_EQ(o.at("k").as_int64(), 15);
  const auto& list = o.at("neighbours").as_array();
  ASSERT_EQ(list.size(), 15u);
  ASSERT_FALSE(o.at("features").as_array().empty());
  double last = 0;
  std::set<std::string> codes;
  for (const auto& v : list) {
    const double d = num(v.at("distance"));
    EXPECT_GE(d, last);
    last = d;
    double sum = 0;
    for (const auto& c : v.at("contributions").as_array()) sum += num(c.at("contribution"));
    EXPECT_NEAR(sum, d * d, 1e-9 * std::max(1.0, d * d));
    codes.emplace(v.at("code").as_string());
  }
  EXPECT_EQ(codes.size(), 15u);
  EXPECT_FALSE(codes.count("E08000035"));

  // The neighbours group is exactly these, plus Leeds.
  auto c = http_get(f.server->port(),
                    "/api/v1/compare?metric=claimant-count&area=E08000035&group=neighbours")
               .json().as_object();
  std::set<std::string> members;
  for (const auto& m : c.at("members").as_array()) members.emplace(m.at("code").as_string());
  codes.insert("E08000035");
  EXPECT_EQ(members, codes);

  auto csv = http_get(f.server->port(), "/api/v1/neighbours/E08000035?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(parse_csv(csv.body).size(), 16u);
}

std::string detail_of(const HttpResponse& r) {
  if (r.header("content-type") != "application/problem+json") return "(not a problem)";
  return std::string(r.json().at("detail").as_string());
}

TEST(BenchmarkErrors, BadParametersAre400WithAClearMessage) {
  auto port = full_fixture().server->port();
  struct Case {
    std::string target, words;
  };
  for (const auto& c : std::vector<Case>{
           {"/api/v1/rank?metric=claimant-count&top=0", "top"},
           {"/api/v1/rank?metric=claimant-count&top=abc", "top"},
           {"/api/v1/rank?metric=claimant-count&top=10x", "top"},
           {"/api/v1/outliers?area=E08000035&top=-3", "top"},
           {"/api/v1/outliers?area=E08000035&threshold=-1", "threshold"},
           {"/api/v1/outliers?area=E08000035&threshold=abc", "threshold"},
           {"/api/v1/outliers?group=neighbours", "area"},
           {"/api/v1/compare?metric=claimant-count&group=type", "area"},
           {"/api/v1/compare?area=E08000035", "metric"},
           {"/api/v1/compare?metric=claimant-count&area=E08000035&group=type:nonsense",
            "nonsense"},
           {"/api/v1/compare?metric=claimant-count&area=E08000035&groop=type", "groop"},
           {"/api/v1/rank?metric=claimant-count&group=neighbours", "area"},
           {"/api/v1/outliers?area=E08000035&format=xml", "format"},
       }) {
    auto r = http_get(port, c.target);
    EXPECT_EQ(r.status, 400) << c.target << " " << r.body;
    EXPECT_NE(detail_of(r).find(c.words), std::string::npos) << c.target << " " << r.body;
  }
}

TEST(BenchmarkErrors, UnknownThingsAre404) {
  auto port = full_fixture().server->port();
  for (const std::string target : {
           "/api/v1/compare?metric=claimant-count&area=E99999999",
           "/api/v1/compare?metric=no-such-metric&area=E08000035",
           "/api/v1/compare?metric=claimant-count&area=E08000035&group=no-such-group",
           "/api/v1/compare?metric=claimant-count&area=E08000035&period=cy1850",
           "/api/v1/rank?metric=no-such-metric",
           "/api/v1/outliers?area=E99999999",
           "/api/v1/neighbours/E99999999",
           "/api/v1/groups/no-such-group",
       }) {
    auto r = http_get(port, target);
    EXPECT_EQ(r.status, 404) << target << " " << r.body;
    EXPECT_EQ(r.header("content-type"), "application/problem+json") << target;
  }
}

TEST(BenchmarkOpenApi, DocumentsTheNewRoutes) {
  auto doc = http_get(full_fixture().server->port(), "/api/v1/openapi.json").json().as_object();
  const auto& paths = doc.at("paths").as_object();
  for (const char* p : {"/api/v1/compare", "/api/v1/rank", "/api/v1/outliers", "/api/v1/groups",
                        "/api/v1/groups/{id}", "/api/v1/neighbours/{code}", "/api/v1/ratios"})
    EXPECT_TRUE(paths.contains(p)) << p;
  EXPECT_TRUE(paths.at("/api/v1/groups").as_object().contains("post"));
  EXPECT_TRUE(paths.at("/api/v1/groups/{id}").as_object().contains("delete"));
  EXPECT_TRUE(paths.at("/api/v1/ratios").as_object().contains("post"));
}

}  // namespace
}  // namespace lgb::test

namespace lgb::test {
namespace {

// A release loaded by another process reaches the engine: the server's
// refresh rebuilds the snapshot and drops cached answers.
TEST(EngineRefresh, ReleaseLoadedElsewhereIsServedWithoutRestart) {
  auto f = make_fixture({"ons-els/claimant-count.csv"});
  const uint16_t port = f->server->port();
  const std::string target =
      "/api/v1/compare?metric=housing-affordability-ratio-residence-based&area=E08000035";
  EXPECT_EQ(http_get(port, target).status, 404);  // catalogued, but no values yet
  auto before = http_get(port, "/api/v1/outliers?area=E08000035&threshold=0&top=1000");
  ASSERT_EQ(before.status, 200);
  auto ingest = run_lgbench({"ingest", "--db", f->db,
                             data_dir() + "/ons-els/housing-affordability-ratio.csv", "--format",
                             "ons-els"});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.out << ingest.err;
  // The server looks every 100 ms; allow it plenty of rounds (not a timing test).
  int status = 0;
  for (int i = 0; i < 300 && status != 200; ++i) {
    status = http_get(port, target).status;
    if (status != 200) usleep(50 * 1000);
  }
  EXPECT_EQ(status, 200);
  auto after = http_get(port, "/api/v1/outliers?area=E08000035&threshold=0&top=1000");
  ASSERT_EQ(after.status, 200);
  EXPECT_GT(after.json().at("metrics_considered").as_int64(),
            before.json().at("metrics_considered").as_int64());
}

}  // namespace
}  // namespace lgb::test
