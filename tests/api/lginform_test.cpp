// The LG Inform-compatible endpoints as council scripts call them: a PHP
// (php-cli) and a Python script sign URLs with an ApplicationKey made by
// `lgbench keys create` and get the London boroughs' values; a signed URL
// with any one byte changed, replayed on another path, signed by a revoked
// key or missing its Signature is a 401 problem; area sets and formats.
#include <gtest/gtest.h>

#include <set>

#include "api_test_support.h"
#include "auth/signature.h"

namespace lgb::test {
namespace {

struct LgFixture {
  std::unique_ptr<Fixture> base;
  std::string key_id, secret, revoked_id, revoked_secret;
};

std::string line_value(const std::string& out, const std::string& label) {
  auto at = out.find(label);
  if (at == std::string::npos) throw std::runtime_error("no '" + label + "' in: " + out);
  at += label.size();
  return out.substr(at, out.find('\n', at) - at);
}

LgFixture& lginform_fixture() {
  static std::unique_ptr<LgFixture> f = [] {
    auto f = std::make_unique<LgFixture>();
    f->base = make_fixture({"ons-els/claimant-count.csv"});
    const std::string db = f->base->db;
    auto add = run_lgbench({"users", "add", "--db", db, "--email", "analyst@camden.example",
                            "--name", "Camden analyst", "--org", "E09000007"});
    if (add.exit_code != 0) throw std::runtime_error(add.out + add.err);
    auto key = [&](std::string* id, std::string* secret) {
      auto k = run_lgbench({"keys", "create", "--db", db, "--email", "analyst@camden.example",
                            "--label", "PHP script"});
      if (k.exit_code != 0) throw std::runtime_error(k.out + k.err);
      *id = line_value(k.out, "key id (LG Inform ApplicationKey): ");
      *secret = line_value(k.out, "secret (shown once; not stored): ");
    };
    key(&f->key_id, &f->secret);
    key(&f->revoked_id, &f->revoked_secret);
    auto revoke = run_lgbench({"keys", "revoke", "--db", db, "--id", f->revoked_id});
    if (revoke.exit_code != 0) throw std::runtime_error(revoke.out + revoke.err);
    return f;
  }();
  return *f;
}

uint16_t lginform_port() { return lginform_fixture().base->server->port(); }

// Signed as the client would for Host: 127.0.0.1 (what HttpClient sends).
std::string sign(const std::string& target, const std::string& key, const std::string& secret) {
  std::string url = target + (target.find('?') == std::string::npos ? "?" : "&") +
                    "ApplicationKey=" + key;
  std::string text = auth::url_decode("http://127.0.0.1" + url, true);
  std::string sig = auth::url_signature(secret, text);
  std::string encoded;
  for (char c : sig) {
    if (c == '+') encoded += "%2B";
    else if (c == '/') encoded += "%2F";
    else if (c == '=') encoded += "%3D";
    else encoded += c;
  }
  return url + "&Signature=" + encoded;
}

const std::string kLondon =
    "/lginform/data?metricType=claimant-count&area=AllBoroughInRegion_London&period=latest"
    "&columnGrouping=metricType&columnGrouping=period&rowGrouping=area&value.valueType=raw";

RunResult run_script(const std::vector<std::string>& argv) {
  TempDir io;
  std::string cmd;
  for (const auto& a : argv) cmd += "'" + a + "' ";
  cmd += ">" + io.file("out") + " 2>" + io.file("err");
  int rc = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.out = read_file(io.file("out"));
  r.err = read_file(io.file("err"));
  return r;
}

TEST(LgInform, MetricTypesListsMetricsAsLgInformDoes) {
  auto r = http_get(lginform_port(), "/lginform/metricTypes");
  ASSERT_EQ(r.status, 200) << r.body;
  bool found = false;
  const auto doc = r.json();
  for (const auto& m : doc.at("metricType-array").as_array())
    if (m.at("identifier") == "claimant-count") {
      found = true;
      EXPECT_FALSE(m.at("label").as_string().empty());
    }
  EXPECT_TRUE(found) << r.body;
}

TEST(LgInform, SignedDataCallReturnsTheLondonBoroughs) {
  auto& f = lginform_fixture();
  auto r = http_get(lginform_port(), sign(kLondon, f.key_id, f.secret));
  ASSERT_EQ(r.status, 200) << r.body;
  auto doc = r.json();
  const auto& rows = doc.at("rows").as_array();
  EXPECT_EQ(rows.size(), 33u);  // 32 boroughs and the City of London
  ASSERT_EQ(doc.at("columns").as_array().size(), 1u);
  for (const auto& row : rows) {
    EXPECT_EQ(std::string(row.at("area").at("identifier").as_string()).substr(0, 3), "E09");
    EXPECT_EQ(row.at("values").as_array().size(), 1u);
  }
  EXPECT_EQ(r.header("cache-control"), "private, no-cache");
}

TEST(LgInform, PhpAndPythonScriptsGetTheSameValuesAsTheApi) {
  auto& f = lginform_fixture();
  const std::string base = "http://127.0.0.1:" + std::to_string(lginform_port());
  auto php = run_script({"php", source_dir() + "/tests/lginform/lginform_client.php", base,
                         f.key_id, f.secret, "claimant-count", "AllBoroughInRegion_London"});
  ASSERT_EQ(php.exit_code, 0) << php.out << php.err;
  auto py = run_script({"python3", source_dir() + "/tests/lginform/lginform_client.py", base,
                        f.key_id, f.secret, "claimant-count", "AllBoroughInRegion_London"});
  ASSERT_EQ(py.exit_code, 0) << py.out << py.err;
  auto lines = parse_csv(php.out);
  auto py_lines = parse_csv(py.out);
  ASSERT_EQ(py_lines.size(), lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {  // PHP prints 7, Python 7.0
    EXPECT_EQ(py_lines[i][0], lines[i][0]);
    EXPECT_EQ(py_lines[i][1], lines[i][1]);
    EXPECT_DOUBLE_EQ(std::stod(py_lines[i][2]), std::stod(lines[i][2]));
  }
  ASSERT_EQ(lines.size(), 33u) << php.out;
  // Camden's value is the one /api/v1/data gives for the latest period.
  auto data = http_get(lginform_port(), "/api/v1/data?metric=claimant-count&area=E09000007").json();
  const auto& values = data.at("values").as_array();
  ASSERT_FALSE(values.empty());
  const double latest = values.back().at("number").as_double();
  bool camden = false;
  for (const auto& l : lines)
    if (l[0] == "E09000007") {
      camden = true;
      EXPECT_DOUBLE_EQ(std::stod(l[2]), latest);
    }
  EXPECT_TRUE(camden);
  // A wrong secret fails in the script too.
  auto bad = run_script({"php", source_dir() + "/tests/lginform/lginform_client.php", base,
                         f.key_id, f.secret + "x", "claimant-count", "E09000007"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("HTTP 401"), std::string::npos) << bad.err;
}

TEST(LgInform, OneChangedByteAnywhereIsRejected) {
  auto& f = lginform_fixture();
  const std::string url = sign(kLondon, f.key_id, f.secret);
  const size_t sig = url.find("&Signature=");
  HttpClient c(lginform_port());
  int checked = 0;
  for (size_t i = 1; i < url.size(); ++i) {
    if (i >= sig && i < sig + 11) continue;  // "&Signature=": the parameter is then missing
    std::string t = url;
    char& ch = t[i];
    const bool in_escape = (i >= 1 && url[i - 1] == '%') || (i >= 2 && url[i - 2] == '%');
    if (in_escape && std::isalpha(static_cast<unsigned char>(ch))) ch = ch == 'F' ? 'A' : ch + 1;
    else if (std::isdigit(static_cast<unsigned char>(ch))) ch = ch == '9' ? '0' : ch + 1;
    else if (std::isalpha(static_cast<unsigned char>(ch))) ch = ch == 'z' ? 'y' : ch == 'Z' ? 'Y' : ch + 1;
    else if (ch == '%') ch = 'x';
    else ch = 'x';
    auto r = c.get(t);
    ++checked;
    EXPECT_NE(r.status, 200) << t;
    if (url[i] != '?') {
      EXPECT_EQ(r.status, 401) << t << " " << r.body;
      EXPECT_EQ(r.header("content-type"), "application/problem+json") << t;
    }
  }
  EXPECT_GT(checked, 150);
}

TEST(LgInform, ReplayOnAnotherPathMissingSignatureAndRevokedKeyAre401) {
  auto& f = lginform_fixture();
  const std::string url = sign(kLondon, f.key_id, f.secret);
  auto good = http_get(lginform_port(), url);
  ASSERT_EQ(good.status, 200);
  for (const std::string& other :
       {std::string("/lginform/data.csv") + url.substr(url.find('?')),
        std::string("/api/v1/metrics") + url.substr(url.find('?')),
        url.substr(0, url.find("&Signature=")),
        sign(kLondon, f.revoked_id, f.revoked_secret),
        sign(kLondon, f.key_id, f.revoked_secret)}) {
    auto r = http_get(lginform_port(), other);
    EXPECT_EQ(r.status, 401) << other << " " << r.body;
  }
}

TEST(LgInform, AreaSetsAndFormats) {
  auto near = http_get(lginform_port(), "/lginform/data?metricType=claimant-count&area=E08000035_CIPFA_Near_Neighbours");
  ASSERT_EQ(near.status, 200) << near.body;
  EXPECT_EQ(near.json().at("rows").as_array().size(), 16u);  // Leeds and its 15 neighbours
  auto wards = http_get(lginform_port(), "/lginform/data?metricType=claimant-count&area=E06000001:AdministrativeWard");
  EXPECT_EQ(wards.status, 400);
  EXPECT_NE(wards.body.find("no AdministrativeWard areas"), std::string::npos) << wards.body;
  auto two = http_get(lginform_port(), "/lginform/data?metricType=claimant-count&area=E08000035,E08000036&period=latest:3");
  ASSERT_EQ(two.status, 200) << two.body;
  EXPECT_EQ(two.json().at("columns").as_array().size(), 3u);
  auto csv = http_get(lginform_port(), "/lginform/data.csv?metricType=claimant-count&area=E08000035,E08000036");
  ASSERT_EQ(csv.status, 200);
  auto rows = parse_csv(csv.body);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0], "area identifier");
  EXPECT_EQ(rows[1][0], "E08000035");
  auto table = http_get(lginform_port(), "/lginform/data.table?metricType=claimant-count&area=E08000035");
  ASSERT_EQ(table.status, 200);
  EXPECT_NE(table.body.find("<th scope=\"row\">Leeds</th>"), std::string::npos) << table.body;
  auto unknown = http_get(lginform_port(), "/lginform/data?metricType=claimant-count&area=E08000035&foo=1");
  EXPECT_EQ(unknown.status, 400);
}

// columnGrouping is repeated by design; any other parameter given twice is
// still a 400, as on /api/v1.
TEST(LgInform, OnlyColumnGroupingMayRepeat) {
  const std::string base = "/lginform/data?metricType=claimant-count&area=E08000035";
  auto grouped = http_get(lginform_port(), base + "&columnGrouping=metricType&columnGrouping=period");
  EXPECT_EQ(grouped.status, 200) << grouped.body;
  auto twice = http_get(lginform_port(), base + "&area=E08000036");
  EXPECT_EQ(twice.status, 400) << twice.body;
  EXPECT_NE(twice.body.find("'area' is given more than once"), std::string::npos) << twice.body;
}

}  // namespace
}  // namespace lgb::test
