// Restricted and draft metrics, and ratios built on each, leak through no
// endpoint in any format: the real server on a store holding them, every
// route asked in JSON and CSV, and the CLI. Hidden ids answer exactly like
// ids that do not exist; releases and counts leave hidden values out; a
// ratio created while its input was public is hidden once the input is
// restricted (after a reload, as after a restart); a zero denominator never
// reaches JSON as inf or nan.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "api_test_support.h"

namespace lgb::test {
namespace {

namespace json = boost::json;

// Every hidden thing's id, title or file name contains "hush".
const std::vector<std::string> kSecrets = {"hush", "Hush"};

const char* kCatalogueHeader =
    "id,title,description,unit,polarity,decimals,themes,services,directorates,portfolios,"
    "publisher,source_url,licence,visibility,organisations\n";

std::string catalogue_row(const std::string& id, const std::string& title,
                          const std::string& visibility, const std::string& orgs = "") {
  return id + "," + title + ",A test metric.,%,higher-is-better,1,economy,Test service,Place," +
         "Economy and skills,Test publisher,,OGL-UK-3.0," + visibility + "," + orgs + "\n";
}

// hush-restricted is Leeds's (E08000035) and Wakefield's (E08000036);
// hush-turns, once restricted, names nobody (data managers only).
std::string catalogue(const std::string& turns_visibility) {
  return std::string(kCatalogueHeader) +
         catalogue_row("hush-restricted", "Hush restricted title", "restricted",
                       "E08000035;E08000036") +
         catalogue_row("hush-signed", "Hush signed-in title", "signed-in") +
         catalogue_row("hush-draft", "Hush draft title", "draft") +
         catalogue_row("hush-turns", "Hush turns title", turns_visibility) +
         catalogue_row("open-count", "Open count", "public") +
         catalogue_row("open-zero", "Open zero", "public");
}

// Metropolitan districts of Yorkshire and the North West (real codes).
const std::vector<std::string> kAreas = {"E08000035", "E08000036", "E08000032", "E08000033",
                                         "E08000034", "E08000017", "E08000018", "E08000021",
                                         "E08000001", "E08000002", "E08000003", "E08000004"};

struct VisibilityFixture {
  TempDir dir;
  std::string db;
  std::unique_ptr<ServerProcess> server;
  // Bearer tokens by caller: "leeds member", "bradford member", "data manager",
  // "revoked".
  std::map<std::string, std::string> bearer;
  std::string hidden_release_id;  // the release holding hidden values only
  int64_t mixed_public_rows = 0;
};

VisibilityFixture& visibility_fixture() {
  static std::unique_ptr<VisibilityFixture> f = [] {
    auto f = std::make_unique<VisibilityFixture>();
    f->db = f->dir.file("hush.db");
    write_file(f->dir.file("test-catalogue.csv"), catalogue("public"));
    write_file(f->dir.file("test-catalogue-v2.csv"), catalogue("restricted"));
    std::string hidden = "area_code,metric_id,period,value,status,note\n";
    std::string mixed = hidden;
    for (size_t i = 0; i < kAreas.size(); ++i) {
      const std::string n = std::to_string(i);
      for (const char* period : {"cy2023", "cy2024"}) {
        hidden += kAreas[i] + ",hush-restricted," + period + ",900001." + n + ",,\n";
        hidden += kAreas[i] + ",hush-signed," + period + ",600001." + n + ",,\n";
        hidden += kAreas[i] + ",hush-draft," + period + ",800001." + n + ",,\n";
        hidden += kAreas[i] + ",hush-turns," + period + ",700001." + n + ",,\n";
        mixed += kAreas[i] + ",open-count," + period + "," + std::to_string(1000 + i) + ",,\n";
        mixed += kAreas[i] + ",open-zero," + period + "," + (i % 2 ? "0" : "5") + ",,\n";
        f->mixed_public_rows += 2;
      }
      mixed += kAreas[i] + ",hush-draft,cy2022,800001." + n + ",,\n";
    }
    write_file(f->dir.file("hush-values.csv"), hidden);
    write_file(f->dir.file("open-mixed.csv"), mixed);
    std::istringstream in(read_file(data_dir() + "/sources.csv"));
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string manifest = line + "\n";  // the bundled manifest's columns
    const std::string empty_rest(std::count(line.begin(), line.end(), ',') - 5, ',');
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const std::string path = line.substr(0, line.find(','));
      if (path.rfind("register/", 0) == 0 || path.rfind("catalogue/", 0) == 0 ||
          path == "ons-els/claimant-count.csv")
        manifest += data_dir() + "/" + line + "\n";
    }
    manifest += f->dir.file("test-catalogue.csv") + ",metrics-catalogue,Test,,,OGL-UK-3.0" +
                empty_rest + "\n";
    manifest += f->dir.file("hush-values.csv") + ",tidy,Test publisher,,,OGL-UK-3.0" +
                empty_rest + "\n";
    manifest += f->dir.file("open-mixed.csv") + ",tidy,Test publisher,,,OGL-UK-3.0" + empty_rest +
                "\n";
    write_file(f->dir.file("manifest.csv"), manifest);
    must_run({"ingest", "--db", f->db, "--manifest", f->dir.file("manifest.csv")});

    const std::vector<std::string> base = {"ratios", "create", "--db", f->db, "--data-dir",
                                           data_dir()};
    auto ratio = [&](std::vector<std::string> extra) {
      std::vector<std::string> args = base;
      args.insert(args.end(), extra.begin(), extra.end());
      must_run(args);
    };
    // The operator (--non-public) may build ratios on hidden inputs; they
    // are then as hidden as their inputs.
    ratio({"--non-public", "--id", "hush-ratio-restricted", "--numerator", "hush-restricted",
           "--denominator", "open-count", "--scale", "1000"});
    ratio({"--non-public", "--id", "hush-ratio-draft", "--numerator", "open-count",
           "--denominator", "hush-draft"});
    // Created while its input is public; the input is restricted later.
    ratio({"--id", "hush-ratio-turns", "--numerator", "hush-turns", "--denominator",
           "open-count"});
    ratio({"--id", "open-per-zero", "--numerator", "open-count", "--denominator", "open-zero"});
    must_run({"ingest", "--db", f->db, f->dir.file("test-catalogue-v2.csv"), "--format",
              "metrics-catalogue", "--publisher", "Test"});

    auto releases = run_lgbench({"query", "releases", "--db", f->db, "--non-public", "--format",
                                 "csv"});
    auto rows = parse_csv(releases.out);
    for (size_t i = 1; i < rows.size(); ++i)
      if (rows[i][column(rows[0], "file_name")] == "hush-values.csv")
        f->hidden_release_id = rows[i][column(rows[0], "id")];
    if (f->hidden_release_id.empty()) throw std::runtime_error("no hidden release: " + releases.out);
    // Users and keys made as an administrator would, from the command line.
    auto key_for = [&](const std::string& email, const std::string& org,
                       const std::string& role) {
      must_run({"users", "add", "--db", f->db, "--email", email, "--name", "Test " + role,
                "--org", org, "--role", role});
      auto k = run_lgbench({"keys", "create", "--db", f->db, "--email", email});
      const std::string marker = "Authorization: Bearer ";
      auto at = k.out.find(marker);
      if (k.exit_code != 0 || at == std::string::npos)
        throw std::runtime_error("keys create failed: " + k.out + k.err);
      return k.out.substr(at + marker.size(), k.out.find('\n', at) - at - marker.size());
    };
    f->bearer["leeds member"] = key_for("member@leeds.example", "E08000035", "member");
    f->bearer["bradford member"] = key_for("member@bradford.example", "E08000032", "member");
    f->bearer["leeds analyst"] = key_for("analyst@leeds.example", "E08000035", "analyst");
    f->bearer["data manager"] = key_for("dm@bradford.example", "E08000032", "data-manager");
    f->bearer["revoked"] = key_for("gone@leeds.example", "E08000035", "administrator");
    const std::string revoked_id = f->bearer["revoked"].substr(0, f->bearer["revoked"].find('.'));
    must_run({"keys", "revoke", "--db", f->db, "--id", revoked_id});
    f->server = std::make_unique<ServerProcess>(
        f->db, std::vector<std::string>{"--data-dir", data_dir(), "--allow-writes"});
    return f;
  }();
  return *f;
}

void expect_no_secret(const std::string& what, const std::string& body) {
  for (const auto& s : kSecrets) EXPECT_EQ(body.find(s), std::string::npos) << what << ": " << body;
}

std::string detail(const HttpResponse& r) {
  if (r.header("content-type") != "application/problem+json") return "(not a problem) " + r.body;
  return std::string(r.json().at("detail").as_string());
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

TEST(Visibility, ListsScansAndCountsShowNothingHiddenInAnyFormat) {
  auto port = visibility_fixture().server->port();
  for (const std::string target : {
           "/api/v1/releases", "/api/v1/metrics", "/api/v1/metrics?q=hush", "/api/v1/ratios",
           "/api/v1/groups", "/api/v1/areas?q=leeds", "/api/v1/areas/E08000035",
           "/api/v1/outliers?area=E08000035&threshold=0&top=1000",
           "/api/v1/outliers?area=E08000035&group=type&threshold=0&top=1000",
           "/api/v1/outliers?area=E08000035&group=neighbours&threshold=0&top=1000",
           "/api/v1/outliers?area=E08000035&threshold=0&top=1000&period=cy2023",
           "/api/v1/neighbours/E08000035",
           "/api/v1/compare?metric=claimant-count&area=E08000035&group=type",
           "/api/v1/rank?metric=claimant-count&group=type:metropolitan-district",
           "/api/v1/data?metric=claimant-count&area=E08000035",
           "/api/v1/data?metric=claimant-count&area=E08000035&as_of=2099-01-01",
           "/api/v1/metrics/claimant-count/changes", "/api/v1/metrics/open-count/changes",
           "/api/v1/metrics/claimant-count"}) {
    for (const char* format : {"", "format=csv"}) {
      std::string url = target;
      if (*format) url += (url.find('?') == std::string::npos ? "?" : "&") + std::string(format);
      auto r = http_get(port, url);
      ASSERT_EQ(r.status, 200) << url << " " << r.body;
      expect_no_secret(url, r.body);
      if (!*format) EXPECT_NO_THROW(r.json()) << url;
    }
  }
  for (const std::string target : {"/api/v1/health", "/api/v1/openapi.json"}) {
    auto r = http_get(port, target);
    ASSERT_EQ(r.status, 200) << target;
    expect_no_secret(target, r.body);
  }
}

// Who may see what: a member sees signed-in metrics and their own
// organisation's restricted ones; a data manager sees every restricted and
// draft metric; each route and format agrees, and a hidden id answers 404.
TEST(Visibility, RolesTimesEndpointsTimesFormats) {
  auto& f = visibility_fixture();
  auto port = f.server->port();
  const std::map<std::string, std::set<std::string>> sees = {
      {"anonymous", {}},
      {"leeds member", {"hush-signed", "hush-restricted", "hush-ratio-restricted"}},
      {"leeds analyst", {"hush-signed", "hush-restricted", "hush-ratio-restricted"}},
      {"bradford member", {"hush-signed"}},
      {"data manager",
       {"hush-signed", "hush-restricted", "hush-ratio-restricted", "hush-draft",
        "hush-ratio-draft", "hush-turns", "hush-ratio-turns"}},
  };
  const std::vector<std::string> hidden = {"hush-signed",  "hush-restricted",
                                           "hush-ratio-restricted", "hush-draft",
                                           "hush-ratio-draft", "hush-turns", "hush-ratio-turns"};
  for (const auto& [who, visible] : sees) {
    SCOPED_TRACE(who);
    std::vector<std::pair<std::string, std::string>> headers;
    if (who != "anonymous") headers.emplace_back("Authorization", "Bearer " + f.bearer.at(who));
    HttpClient c(port);
    std::string listed;
    for (const char* list : {"/api/v1/metrics", "/api/v1/metrics?format=csv", "/api/v1/ratios",
                             "/api/v1/ratios?format=csv",
                             "/api/v1/outliers?area=E08000035&threshold=0&top=1000",
                             "/api/v1/outliers?area=E08000035&threshold=0&top=1000&format=csv"}) {
      auto r = c.get(list, headers);
      ASSERT_EQ(r.status, 200) << list << " " << r.body;
      listed += r.body;
    }
    for (const std::string& id : hidden) {
      const bool may = visible.count(id) > 0;
      const bool ratio = id.find("ratio") != std::string::npos;
      EXPECT_EQ(listed.find("\"" + id + "\"") != std::string::npos, may) << id;
      for (const std::string pattern :
           {"/api/v1/data?metric=ID&area=E08000035", "/api/v1/compare?metric=ID&area=E08000035",
            "/api/v1/rank?metric=ID", "/api/v1/metrics/ID"}) {
        if (ratio && pattern.find("/data") != std::string::npos) continue;  // derived
        if (ratio && pattern.find("/metrics/") != std::string::npos) continue;
        for (const char* format : {"", "&format=csv"}) {
          std::string url = replace_all(pattern, "ID", id);
          if (*format) url += url.find('?') == std::string::npos ? "?format=csv" : format;
          auto r = c.get(url, headers);
          // (A 404 names only the id asked for, like an unknown id's; see
          // HiddenIdsAnswerLikeIdsThatDoNotExist.)
          EXPECT_EQ(r.status, may ? 200 : 404) << url << " " << r.body;
        }
      }
    }
  }
}

TEST(Visibility, BadRevokedOrMalformedKeysAre401) {
  auto& f = visibility_fixture();
  auto port = f.server->port();
  std::string tampered = f.bearer.at("leeds member");
  tampered[tampered.size() / 2 + 5] ^= 1;
  for (const std::string auth :
       {"Bearer " + f.bearer.at("revoked"), "Bearer " + tampered, std::string("Bearer nodot"),
        std::string("Basic dXNlcjpwYXNz"), "Bearer " + f.bearer.at("leeds member") + "x"}) {
    auto r = http_get(port, "/api/v1/metrics", {{"Authorization", auth}});
    EXPECT_EQ(r.status, 401) << auth << " " << r.body;
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
    EXPECT_NE(r.header("www-authenticate").find("Bearer"), std::string::npos);
    expect_no_secret(auth, r.body);
  }
}

// A signed-in caller's answer never reaches the shared cache, and a cached
// anonymous answer is never served to a signed-in caller.
TEST(Visibility, SignedInAnswersAreNeverCachedForOthers) {
  auto& f = visibility_fixture();
  auto port = f.server->port();
  const std::string url = "/api/v1/metrics?q=hush-signed";
  const std::vector<std::pair<std::string, std::string>> member = {
      {"Authorization", "Bearer " + f.bearer.at("bradford member")}};
  for (int round = 0; round < 2; ++round) {
    auto anon = http_get(port, url);
    expect_no_secret("anonymous after a member", anon.body);
    auto mine = http_get(port, url, member);
    EXPECT_NE(mine.body.find("hush-signed"), std::string::npos) << mine.body;
    EXPECT_EQ(mine.header("cache-control"), "private, no-cache");
  }
}

// Analysts create groups and ratios (the server here also allows anonymous
// writes, so a member is refused only by a server without --allow-writes;
// that is checked in the write tests).
TEST(Visibility, AnalystMayBuildRatiosOnTheirRestrictedMetric) {
  auto& f = visibility_fixture();
  auto port = f.server->port();
  HttpClient c(port);
  auto r = c.request("POST", "/api/v1/ratios",
                     {{"Authorization", "Bearer " + f.bearer.at("leeds analyst")}},
                     R"({"id":"hush-analyst-ratio","numerator_metric":"hush-restricted",)"
                     R"("denominator_metric":"open-count"})");
  EXPECT_EQ(r.status, 201) << r.body;
  auto anon = http_get(port, "/api/v1/ratios");
  expect_no_secret("ratios after an analyst's ratio", anon.body);
  auto bradford = http_get(port, "/api/v1/rank?metric=hush-analyst-ratio",
                           {{"Authorization", "Bearer " + f.bearer.at("bradford member")}});
  EXPECT_EQ(bradford.status, 404) << bradford.body;
}

TEST(Visibility, HiddenIdsAnswerLikeIdsThatDoNotExist) {
  auto port = visibility_fixture().server->port();
  const std::string nothing = "hush-nothing";
  for (const std::string hidden : {"hush-restricted", "hush-signed", "hush-draft", "hush-turns",
                                   "hush-ratio-restricted", "hush-ratio-draft",
                                   "hush-ratio-turns"}) {
    for (const std::string pattern : {
             "/api/v1/metrics/ID", "/api/v1/data?metric=ID", "/api/v1/metrics/ID/changes",
             "/api/v1/data?metric=ID&as_of=2099-01-01",
             "/api/v1/data?metric=ID&area=E08000035&period=cy2023",
             "/api/v1/compare?metric=ID&area=E08000035",
             "/api/v1/compare?metric=ID&area=E08000035&group=type&period=cy2023",
             "/api/v1/rank?metric=ID", "/api/v1/rank?metric=ID&group=type&area=E08000035"}) {
      for (const char* format : {"", "&format=csv"}) {
        std::string url = replace_all(pattern, "ID", hidden);
        std::string none = replace_all(pattern, "ID", nothing);
        if (*format) {
          url += url.find('?') == std::string::npos ? "?format=csv" : format;
          none += none.find('?') == std::string::npos ? "?format=csv" : format;
        }
        auto h = http_get(port, url);
        auto n = http_get(port, none);
        EXPECT_EQ(h.status, 404) << url << " " << h.body;
        EXPECT_EQ(h.status, n.status) << url;
        EXPECT_EQ(replace_all(detail(h), hidden, nothing), detail(n)) << url;
      }
    }
  }
}

TEST(Visibility, ReleasesAndHealthCountOnlyWhatTheCallerMaySee) {
  auto& f = visibility_fixture();
  auto port = f.server->port();
  auto releases = http_get(port, "/api/v1/releases").json();
  int64_t rows = 0, count = 0;
  bool mixed = false;
  for (const auto& r : releases.at("items").as_array()) {
    ++count;
    rows += r.at("rows").as_int64();
    EXPECT_NE(r.at("file_name").as_string(), "hush-values.csv");
    if (r.at("file_name").as_string() == "open-mixed.csv") {
      mixed = true;
      EXPECT_EQ(r.at("rows").as_int64(), f.mixed_public_rows);  // not the hidden cy2022 rows
    }
  }
  EXPECT_TRUE(mixed);
  auto health = http_get(port, "/api/v1/health").json();
  EXPECT_EQ(health.at("values").as_int64(), rows);
  EXPECT_EQ(health.at("releases").as_int64(), count);
  for (const char* format : {"", "?format=csv"}) {
    auto hidden = http_get(port, "/api/v1/releases/" + f.hidden_release_id + format);
    auto none = http_get(port, std::string("/api/v1/releases/999999") + format);
    EXPECT_EQ(hidden.status, 404) << hidden.body;
    EXPECT_EQ(replace_all(detail(hidden), f.hidden_release_id, "999999"), detail(none));
    // Nor can it be named as a point in history.
    const std::string as_of = "/api/v1/data?metric=open-count&as_of=";
    auto hidden_as_of = http_get(port, as_of + f.hidden_release_id + (*format ? "&format=csv" : ""));
    auto none_as_of = http_get(port, as_of + "999999" + (*format ? "&format=csv" : ""));
    EXPECT_EQ(hidden_as_of.status, 404) << hidden_as_of.body;
    EXPECT_EQ(replace_all(detail(hidden_as_of), f.hidden_release_id, "999999"), detail(none_as_of));
  }
}

TEST(Visibility, RatioWritesRevealNothing) {
  auto port = visibility_fixture().server->port();
  auto post = [&](const std::string& id, const std::string& num) {
    return http_send(port, "POST", "/api/v1/ratios",
                     R"({"id":")" + id + R"(","numerator_metric":")" + num +
                         R"(","denominator_metric":"open-count"})");
  };
  // A hidden input is as unknown as a typo.
  auto hidden_input = post("new-ratio-one", "hush-restricted");
  auto missing_input = post("new-ratio-one", "hush-nothing");
  EXPECT_EQ(hidden_input.status, 400) << hidden_input.body;
  EXPECT_EQ(replace_all(detail(hidden_input), "hush-restricted", "hush-nothing"),
            detail(missing_input));
  // A taken id is refused with the same words whoever holds it.
  auto hidden_id = post("hush-draft", "open-count");
  auto public_id = post("claimant-count", "open-count");
  EXPECT_EQ(hidden_id.status, 409) << hidden_id.body;
  EXPECT_EQ(public_id.status, 409) << public_id.body;
  EXPECT_EQ(replace_all(detail(hidden_id), "hush-draft", "claimant-count"), detail(public_id));
  EXPECT_EQ(detail(hidden_id).find("published"), std::string::npos) << detail(hidden_id);
}

TEST(Visibility, ZeroDenominatorIsWithheldNeverInfinite) {
  auto port = visibility_fixture().server->port();
  auto r = http_get(port, "/api/v1/compare?metric=open-per-zero&area=E08000035&group=type&period=cy2024");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.find("inf"), std::string::npos);
  EXPECT_EQ(r.body.find("nan"), std::string::npos);
  auto doc = r.json();
  int withheld = 0;
  for (const auto& m : doc.at("members").as_array()) {
    if (m.at("state") != "withheld") continue;
    ++withheld;
    EXPECT_TRUE(m.at("value").is_null());
    EXPECT_EQ(m.at("marker"), "not-applicable");
  }
  EXPECT_EQ(withheld, 6);  // every other area has a zero denominator
  auto csv = http_get(port, "/api/v1/compare?metric=open-per-zero&area=E08000035&group=type"
                            "&period=cy2024&format=csv");
  EXPECT_EQ(csv.body.find("inf"), std::string::npos);
}

TEST(Visibility, CommandLineHidesUnlessAskedWithNonPublic) {
  auto& f = visibility_fixture();
  auto anon = run_lgbench({"query", "metrics", "--db", f.db, "--format", "csv"});
  ASSERT_EQ(anon.exit_code, 0) << anon.err;
  expect_no_secret("query metrics", anon.out);
  auto all = run_lgbench({"query", "metrics", "--db", f.db, "--format", "csv", "--non-public"});
  EXPECT_NE(all.out.find("hush-restricted"), std::string::npos);
  EXPECT_NE(all.out.find("hush-draft"), std::string::npos);

  const std::vector<std::string> scan = {"outliers", "--db", f.db, "--data-dir", data_dir(),
                                         "--area", "E08000035", "--group", "type",
                                         "--threshold", "0", "--top", "1000", "--format", "csv"};
  auto anon_scan = run_lgbench(scan);
  ASSERT_EQ(anon_scan.exit_code, 0) << anon_scan.err;
  expect_no_secret("outliers", anon_scan.out);
  auto all_args = scan;
  all_args.push_back("--non-public");
  auto all_scan = run_lgbench(all_args);
  for (const char* id : {"hush-restricted", "hush-draft", "hush-turns", "hush-ratio-restricted",
                         "hush-ratio-turns"})
    EXPECT_NE(all_scan.out.find(id), std::string::npos) << id;

  auto ratios = run_lgbench({"ratios", "list", "--db", f.db, "--data-dir", data_dir(), "--format",
                             "csv"});
  expect_no_secret("ratios list", ratios.out);
  auto refused = run_lgbench({"ratios", "create", "--db", f.db, "--data-dir", data_dir(), "--id",
                              "hush-ratio-refused", "--numerator", "hush-restricted",
                              "--denominator", "open-count"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("unknown numerator metric 'hush-restricted'"), std::string::npos)
      << refused.err;
}

}  // namespace
}  // namespace lgb::test
