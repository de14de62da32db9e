// History over HTTP: /data?as_of= gives the values as they stood after a
// release or on a date, and /metrics/{id}/changes lists what each release
// revised, on a real server and store holding three releases of one metric
// (the first, a re-publication with revisions, a release with no
// publication date) and a restricted metric revised alongside, which must
// never show.
#include <gtest/gtest.h>

#include "api_test_support.h"

namespace lgb::test {
namespace {

namespace json = boost::json;

const char* kCatalogue =
    "id,title,description,unit,polarity,decimals,themes,services,directorates,portfolios,"
    "publisher,source_url,licence,visibility\n"
    "hist-rate,History rate,A test metric.,%,higher-is-better,1,economy,Test service,Place,"
    "Economy and skills,Test publisher,,OGL-UK-3.0,public\n"
    "hush-hist,Hush history,A hidden test metric.,%,higher-is-better,1,economy,Test service,"
    "Place,Economy and skills,Test publisher,,OGL-UK-3.0,restricted\n";

const char* kHeader = "area_code,metric_id,period,value,status,note\n";

struct HistoryFixture {
  TempDir dir;
  std::string db;
  std::unique_ptr<ServerProcess> server;
  std::string r1, r2, r3, hidden;  // release ids: first, revising, undated, hidden-only
};

HistoryFixture& history_fixture() {
  static std::unique_ptr<HistoryFixture> f = [] {
    auto f = std::make_unique<HistoryFixture>();
    f->db = f->dir.file("history.db");
    write_file(f->dir.file("catalogue.csv"), kCatalogue);
    // First release (published 2023-05-01): Leeds, Bradford, Wakefield, 2021 and 2022.
    write_file(f->dir.file("first.csv"),
               std::string(kHeader) +
                   "E08000035,hist-rate,cy2021,10.0,,\n"
                   "E08000035,hist-rate,cy2022,11.0,p,\n"
                   "E08000032,hist-rate,cy2021,20.0,,\n"
                   "E08000032,hist-rate,cy2022,21.0,,\n"
                   "E08000036,hist-rate,cy2022,,x,not collected\n"
                   "E08000035,hush-hist,cy2022,900001,,\n");
    // Published 2024-05-01: Leeds 2022 revised (provisional -> final), Bradford
    // 2022 the same figure again, Wakefield 2022 now published; a new year.
    write_file(f->dir.file("second.csv"),
               std::string(kHeader) +
                   "E08000035,hist-rate,cy2022,11.5,r,\n"
                   "E08000032,hist-rate,cy2022,21.0,,\n"
                   "E08000036,hist-rate,cy2022,30.0,,\n"
                   "E08000035,hist-rate,cy2023,12.0,,\n");
    // No publication date: counts from its load day.
    write_file(f->dir.file("third.csv"),
               std::string(kHeader) + "E08000032,hist-rate,cy2021,19.0,,\n");
    write_file(f->dir.file("hidden.csv"),
               std::string(kHeader) + "E08000035,hush-hist,cy2022,900002,,\n");
    std::string manifest = "path,format,publisher,source_url,published_on,licence,recipe\n";
    std::istringstream in(read_file(data_dir() + "/sources.csv"));
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const std::string path = line.substr(0, line.find(','));
      if (path.rfind("register/", 0) == 0 || path.rfind("catalogue/", 0) == 0)
        manifest += data_dir() + "/" + line + "\n";
    }
    manifest += f->dir.file("catalogue.csv") + ",metrics-catalogue,Test,,,OGL-UK-3.0,\n";
    manifest += f->dir.file("first.csv") + ",tidy,Test publisher,,2023-05-01,OGL-UK-3.0,\n";
    manifest += f->dir.file("hidden.csv") + ",tidy,Test publisher,,2023-06-01,OGL-UK-3.0,\n";
    manifest += f->dir.file("second.csv") + ",tidy,Test publisher,,2024-05-01,OGL-UK-3.0,\n";
    manifest += f->dir.file("third.csv") + ",tidy,Test publisher,,,OGL-UK-3.0,\n";
    write_file(f->dir.file("manifest.csv"), manifest);
    must_run({"ingest", "--db", f->db, "--manifest", f->dir.file("manifest.csv")});
    auto releases =
        run_lgbench({"query", "releases", "--db", f->db, "--non-public", "--format", "csv"});
    auto rows = parse_csv(releases.out);
    for (size_t i = 1; i < rows.size(); ++i) {
      const std::string& name = rows[i][column(rows[0], "file_name")];
      const std::string& id = rows[i][column(rows[0], "id")];
      if (name == "first.csv") f->r1 = id;
      if (name == "second.csv") f->r2 = id;
      if (name == "third.csv") f->r3 = id;
      if (name == "hidden.csv") f->hidden = id;
    }
    if (f->r1.empty() || f->r2.empty() || f->r3.empty() || f->hidden.empty())
      throw std::runtime_error("releases missing: " + releases.out);
    f->server = std::make_unique<ServerProcess>(f->db);
    return f;
  }();
  return *f;
}

// "area period" -> "value|status|release|current" for every value of a /data answer.
std::map<std::string, std::string> values_of(const std::string& target) {
  auto r = http_get(history_fixture().server->port(), target);
  EXPECT_EQ(r.status, 200) << target << " " << r.body;
  std::map<std::string, std::string> out;
  if (r.status != 200) return out;
  const json::value doc = r.json();
  for (const auto& v : doc.at("values").as_array()) {
    const auto& o = v.as_object();
    std::string status = o.at("status").is_null() ? "" : std::string(o.at("status").as_string());
    std::string key = std::string(o.at("area_code").as_string()) + " " +
                      std::string(o.at("period").as_string());
    std::string value = std::string(o.at("value").as_string()) + "|" + status + "|" +
                        std::to_string(o.at("release").as_int64()) + "|" +
                        (o.at("current").as_bool() ? "current" : "old");
    out[key + (out.count(key) ? " again" : "")] = value;
  }
  return out;
}

TEST(History, AsOfAReleaseGivesTheValuesAsTheyStoodAfterIt) {
  auto& f = history_fixture();
  const std::string base = "/api/v1/data?metric=hist-rate&as_of=";
  using M = std::map<std::string, std::string>;
  EXPECT_EQ(values_of(base + f.r1), (M{{"E08000035 cy2021", "10.0||" + f.r1 + "|current"},
                                       {"E08000032 cy2021", "20.0||" + f.r1 + "|current"},
                                       {"E08000032 cy2022", "21.0||" + f.r1 + "|current"},
                                       {"E08000035 cy2022", "11.0|provisional|" + f.r1 + "|current"},
                                       {"E08000036 cy2022", "|not-available|" + f.r1 + "|current"}}));
  auto after_second = values_of(base + f.r2);
  EXPECT_EQ(after_second.size(), 6u);
  EXPECT_EQ(after_second["E08000035 cy2022"], "11.5|revised|" + f.r2 + "|current");
  EXPECT_EQ(after_second["E08000032 cy2021"], "20.0||" + f.r1 + "|current");
  EXPECT_EQ(after_second["E08000035 cy2023"], "12.0||" + f.r2 + "|current");
  // Today, without as_of: the third release's revision of Bradford 2021.
  EXPECT_EQ(values_of("/api/v1/data?metric=hist-rate")["E08000032 cy2021"],
            "19.0||" + f.r3 + "|current");
  EXPECT_EQ(values_of(base + f.r3), values_of("/api/v1/data?metric=hist-rate"));
}

TEST(History, AsOfADateCountsReleasesPublishedByThen) {
  auto& f = history_fixture();
  const std::string base = "/api/v1/data?metric=hist-rate&as_of=";
  EXPECT_TRUE(values_of(base + "2023-04-30").empty());
  EXPECT_EQ(values_of(base + "2023-05-01"), values_of(base + f.r1));
  EXPECT_EQ(values_of(base + "2024-04-30"), values_of(base + f.r1));
  EXPECT_EQ(values_of(base + "2024-05-01"), values_of(base + f.r2));
  // The undated release counts from the day it was loaded (today).
  EXPECT_EQ(values_of(base + "2099-12-31"), values_of("/api/v1/data?metric=hist-rate"));
}

TEST(History, AsOfWithHistoryListsTheRevisionsThatExistedThen) {
  auto& f = history_fixture();
  auto v = values_of("/api/v1/data?metric=hist-rate&area=E08000035&period=cy2022&history=true&as_of=" + f.r2);
  EXPECT_EQ(v, (std::map<std::string, std::string>{
                   {"E08000035 cy2022", "11.0|provisional|" + f.r1 + "|old"},
                   {"E08000035 cy2022 again", "11.5|revised|" + f.r2 + "|current"}}));
  auto csv = http_get(f.server->port(),
                      "/api/v1/data?metric=hist-rate&area=E08000032&as_of=" + f.r1 + "&format=csv");
  ASSERT_EQ(csv.status, 200);
  auto rows = parse_csv(csv.body);
  ASSERT_EQ(rows.size(), 3u) << csv.body;
  EXPECT_EQ(rows[1][column(rows[0], "value")], "20.0");
  EXPECT_EQ(rows[1][column(rows[0], "current")], "true");
}

TEST(History, ChangeLogListsWhatEachReleaseRevised) {
  auto& f = history_fixture();
  auto r = http_get(f.server->port(), "/api/v1/metrics/hist-rate/changes");
  ASSERT_EQ(r.status, 200) << r.body;
  auto log = r.json().as_object();
  EXPECT_EQ(log.at("metric").at("id").as_string(), "hist-rate");
  EXPECT_EQ(log.at("change_count").as_int64(), 3);
  const auto& releases = log.at("releases").as_array();
  ASSERT_EQ(releases.size(), 3u);
  auto release = [&](size_t i) { return releases[i].as_object(); };
  EXPECT_EQ(std::to_string(release(0).at("release").at("id").as_int64()), f.r1);
  EXPECT_EQ(release(0).at("release").at("published_on").as_string(), "2023-05-01");
  EXPECT_EQ(release(0).at("values").as_int64(), 5);
  EXPECT_EQ(release(0).at("superseded").as_int64(), 0);
  EXPECT_EQ(release(0).at("changes").as_array().size(), 0u);
  // The second: four values, three replacing earlier ones; Bradford's same
  // figure is no revision; Leeds and Wakefield are.
  auto second = release(1);
  EXPECT_EQ(std::to_string(second.at("release").at("id").as_int64()), f.r2);
  EXPECT_EQ(second.at("release").at("file_name").as_string(), "second.csv");
  EXPECT_EQ(second.at("values").as_int64(), 4);
  EXPECT_EQ(second.at("superseded").as_int64(), 3);
  EXPECT_EQ(second.at("revised").as_int64(), 2);
  const auto& changes = second.at("changes").as_array();
  ASSERT_EQ(changes.size(), 2u);
  const auto& leeds = changes[0].as_object();  // by period, then area: E08000035 < E08000036
  EXPECT_EQ(leeds.at("area_code").as_string(), "E08000035");
  EXPECT_EQ(leeds.at("area_name").as_string(), "Leeds");
  EXPECT_EQ(leeds.at("period").as_string(), "cy2022");
  EXPECT_EQ(leeds.at("before").at("value").as_string(), "11.0");
  EXPECT_EQ(leeds.at("before").at("status").as_string(), "provisional");
  EXPECT_EQ(std::to_string(leeds.at("before").at("release").as_int64()), f.r1);
  EXPECT_EQ(leeds.at("after").at("value").as_string(), "11.5");
  EXPECT_EQ(leeds.at("after").at("status").as_string(), "revised");
  EXPECT_DOUBLE_EQ(leeds.at("after").at("number").as_double(), 11.5);
  const auto& wakefield = changes[1].as_object();
  EXPECT_EQ(wakefield.at("area_code").as_string(), "E08000036");
  EXPECT_EQ(wakefield.at("before").at("value").as_string(), "");
  EXPECT_EQ(wakefield.at("before").at("status").as_string(), "not-available");
  EXPECT_EQ(wakefield.at("before").at("note").as_string(), "not collected");
  EXPECT_EQ(wakefield.at("after").at("value").as_string(), "30.0");
  EXPECT_TRUE(wakefield.at("after").at("status").is_null());
  // The undated third release revised Bradford 2021.
  EXPECT_TRUE(release(2).at("release").at("published_on").is_null());
  EXPECT_EQ(release(2).at("changes").as_array().size(), 1u);
}

TEST(History, ChangeLogFiltersAndCsv) {
  auto& f = history_fixture();
  auto port = f.server->port();
  auto one = http_get(port, "/api/v1/metrics/hist-rate/changes?release=" + f.r2 + "&area=E08000036");
  ASSERT_EQ(one.status, 200) << one.body;
  const json::value doc = one.json();
  const auto& releases = doc.at("releases").as_array();
  ASSERT_EQ(releases.size(), 1u);
  EXPECT_EQ(releases[0].at("values").as_int64(), 1);
  EXPECT_EQ(releases[0].at("changes").as_array().size(), 1u);
  auto none = http_get(port, "/api/v1/metrics/hist-rate/changes?period=cy2023");
  ASSERT_EQ(none.status, 200);
  EXPECT_EQ(none.json().at("change_count").as_int64(), 0);

  auto csv = http_get(port, "/api/v1/metrics/hist-rate/changes?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type").rfind("text/csv", 0), 0u);
  auto rows = parse_csv(csv.body);
  ASSERT_EQ(rows.size(), 4u) << csv.body;  // header + three revised values
  const auto& h = rows[0];
  EXPECT_EQ(rows[1][column(h, "release")], f.r2);
  EXPECT_EQ(rows[1][column(h, "area_name")], "Leeds");
  EXPECT_EQ(rows[1][column(h, "before_value")], "11.0");
  EXPECT_EQ(rows[1][column(h, "before_status")], "provisional");
  EXPECT_EQ(rows[1][column(h, "before_release")], f.r1);
  EXPECT_EQ(rows[1][column(h, "after_value")], "11.5");
  EXPECT_EQ(rows[1][column(h, "published_on")], "2024-05-01");
  EXPECT_EQ(rows[3][column(h, "release")], f.r3);
  EXPECT_EQ(rows[3][column(h, "before_value")], "20.0");
  EXPECT_EQ(rows[3][column(h, "after_value")], "19.0");
}

// The command line answers as the API does (CSV with LF line ends).
TEST(History, CliPrintsTheSameCsv) {
  auto& f = history_fixture();
  auto crlf_to_lf = [](std::string s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i)
      if (!(s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n')) out += s[i];
    return out;
  };
  auto api = [&](const std::string& target) {
    auto r = http_get(f.server->port(), target);
    EXPECT_EQ(r.status, 200) << target;
    return crlf_to_lf(r.body);
  };
  auto changes = run_lgbench({"query", "changes", "--db", f.db, "--metric", "hist-rate",
                              "--format", "csv"});
  ASSERT_EQ(changes.exit_code, 0) << changes.err;
  EXPECT_EQ(changes.out, api("/api/v1/metrics/hist-rate/changes?format=csv"));
  auto as_of = run_lgbench({"query", "data", "--db", f.db, "--metric", "hist-rate", "--as-of",
                            "2024-04-30", "--history", "--format", "csv"});
  ASSERT_EQ(as_of.exit_code, 0) << as_of.err;
  EXPECT_EQ(as_of.out, api("/api/v1/data?metric=hist-rate&as_of=2024-04-30&history=true&format=csv"));
  auto hidden = run_lgbench({"query", "changes", "--db", f.db, "--metric", "hush-hist"});
  EXPECT_NE(hidden.exit_code, 0);
  auto shown = run_lgbench({"query", "changes", "--db", f.db, "--metric", "hush-hist",
                            "--non-public", "--format", "csv"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("900002"), std::string::npos) << shown.out;
}

TEST(History, BadParametersAre400) {
  auto port = history_fixture().server->port();
  for (const std::string target :
       {"/api/v1/data?metric=hist-rate&as_of=2024-02-30", "/api/v1/data?metric=hist-rate&as_of=soon",
        "/api/v1/data?metric=hist-rate&as_of=0", "/api/v1/data?metric=hist-rate&as_of=-3",
        "/api/v1/metrics/hist-rate/changes?release=x", "/api/v1/metrics/hist-rate/changes?period=2023",
        "/api/v1/metrics/hist-rate/changes?area=Leeds", "/api/v1/metrics/hist-rate/changes?since=1"}) {
    auto r = http_get(port, target);
    EXPECT_EQ(r.status, 400) << target << " " << r.body;
    EXPECT_EQ(r.header("content-type"), "application/problem+json") << target;
  }
  EXPECT_EQ(http_get(port, "/api/v1/data?metric=hist-rate&as_of=999999").status, 404);
  EXPECT_EQ(http_get(port, "/api/v1/metrics/hist-rate/changes?release=999999").status, 404);
  EXPECT_EQ(http_get(port, "/api/v1/metrics/no-such-metric/changes").status, 404);
}

// A restricted metric's changes, and a release holding only its values,
// answer exactly as if they did not exist; nothing of them shows anywhere.
TEST(History, NothingRestrictedLeaks) {
  auto& f = history_fixture();
  auto port = f.server->port();
  // The problem detail of `target`, with `from` written as `to`.
  auto detail = [&](const std::string& target, const std::string& from = "",
                    const std::string& to = "") {
    auto r = http_get(port, target);
    EXPECT_EQ(r.status, 404) << target;
    std::string d(r.json().at("detail").as_string());
    if (!from.empty())
      for (size_t at = d.find(from); at != std::string::npos; at = d.find(from, at + to.size()))
        d.replace(at, from.size(), to);
    return d;
  };
  for (const std::string format : {"", "?format=csv"}) {
    EXPECT_EQ(detail("/api/v1/metrics/hush-hist/changes" + format),
              detail("/api/v1/metrics/hush-nothing/changes" + format, "hush-nothing", "hush-hist"));
  }
  EXPECT_EQ(detail("/api/v1/data?metric=hush-hist&as_of=" + f.r1),
            detail("/api/v1/data?metric=hush-nothing&as_of=" + f.r1, "hush-nothing", "hush-hist"));
  // The release holding only hidden values is unknown to this caller, as
  // on /releases/{id}, with the message an unknown release gets.
  EXPECT_EQ(detail("/api/v1/data?metric=hist-rate&as_of=" + f.hidden),
            detail("/api/v1/data?metric=hist-rate&as_of=999999", "999999", f.hidden));
  EXPECT_EQ(http_get(port, "/api/v1/metrics/hist-rate/changes?release=" + f.hidden).status, 404);
  for (const std::string& target : std::vector<std::string>{
           "/api/v1/metrics/hist-rate/changes", "/api/v1/metrics/hist-rate/changes?format=csv",
        "/api/v1/data?metric=hist-rate&history=true&as_of=" + f.r2,
        "/api/v1/data?metric=hist-rate&as_of=2099-01-01&format=csv"}) {
    auto r = http_get(port, target);
    ASSERT_EQ(r.status, 200) << target;
    EXPECT_EQ(r.body.find("hush"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("Hush"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("900001"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("900002"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("hidden.csv"), std::string::npos) << target;
  }
}

}  // namespace
}  // namespace lgb::test
