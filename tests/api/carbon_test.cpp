// /api/v1/carbon on the real server: public factors and templates; a
// council's year entered, read and published with API keys of every role
// (the council's analyst and member, another council's analyst, anonymous);
// a malformed year refused with nothing saved; the publication readable as
// an ordinary measure at once. The same tests run on PostgreSQL
// (postgres_api_tests, LGB_API_TESTS_ON_POSTGRES): the store, factors, users
// and keys made there directly by the CLI.
#include <gtest/gtest.h>

#include <algorithm>

#include "api_test_support.h"
#ifdef LGB_API_TESTS_ON_POSTGRES
#include "pg_api_fixture.h"
#endif

namespace lgb::test {
namespace {

struct CarbonFixture {
#ifdef LGB_API_TESTS_ON_POSTGRES
  ~CarbonFixture() { server.reset(); }  // before the database goes
  testing::PgTestDatabase pg;
#endif
  TempDir dir;
  std::string db;
  std::unique_ptr<ServerProcess> server;
  std::map<std::string, std::string> bearer;  // "leeds analyst", "leeds member", "bradford analyst"
};

CarbonFixture& carbon_fixture() {
  static std::unique_ptr<CarbonFixture> f = [] {
    auto f = std::make_unique<CarbonFixture>();
#ifdef LGB_API_TESTS_ON_POSTGRES
    f->db = f->pg.url();
    ::setenv("LGB_SECRET_FILE", f->dir.file("server.secret").c_str(), 1);
#else
    f->db = f->dir.file("carbon.db");
#endif
    // The register (areas, population) and the catalogue are enough.
    std::istringstream in(read_file(data_dir() + "/sources.csv"));
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string manifest = line + "\n";
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const std::string path = line.substr(0, line.find(','));
      if (path.rfind("register/", 0) == 0 || path.rfind("catalogue/", 0) == 0)
        manifest += data_dir() + "/" + line + "\n";
    }
    write_file(f->dir.file("manifest.csv"), manifest);
    must_run({"ingest", "--db", f->db, "--manifest", f->dir.file("manifest.csv")});
    must_run({"factors", "load", "--db", f->db, "--manifest",
              data_dir() + "/ghg_conversion_factors/factor_sets.csv"});
    auto key_for = [&](const std::string& email, const std::string& org, const std::string& role) {
      must_run({"users", "add", "--db", f->db, "--email", email, "--name", "Test " + role, "--org",
                org, "--role", role});
      auto k = run_lgbench({"keys", "create", "--db", f->db, "--email", email});
      const std::string marker = "Authorization: Bearer ";
      auto at = k.out.find(marker);
      if (k.exit_code != 0 || at == std::string::npos)
        throw std::runtime_error("keys create failed: " + k.out + k.err);
      return k.out.substr(at + marker.size(), k.out.find('\n', at) - at - marker.size());
    };
    f->bearer["leeds analyst"] = key_for("analyst@leeds.example", "E08000035", "analyst");
    f->bearer["leeds member"] = key_for("member@leeds.example", "E08000035", "member");
    f->bearer["bradford analyst"] = key_for("analyst@bradford.example", "E08000032", "analyst");
    f->server = std::make_unique<ServerProcess>(f->db, std::vector<std::string>{"--data-dir", data_dir()});
    return f;
  }();
  return *f;
}

HttpResponse call(const std::string& who, const std::string& method, const std::string& target,
                  const std::string& body = {}) {
  HttpClient c(carbon_fixture().server->port());
  std::vector<std::pair<std::string, std::string>> headers;
  if (!who.empty()) headers.emplace_back("Authorization", "Bearer " + carbon_fixture().bearer.at(who));
  if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
  return c.request(method, target, headers, body);
}

const char* kYear = R"json({"net_revenue_expenditure": 500,
  "scope_sheet": {"boundary": "Operational control"},
  "activity": [
    {"category": "buildings", "description": "Civic Hall gas", "level_1": "Fuels", "level_2": "Gaseous fuels",
     "level_3": "Natural gas", "unit": "kWh (Gross CV)", "quantity": 250000, "source_note": "meter reads"},
    {"category": "street-lighting", "description": "Street lights", "level_1": "UK electricity",
     "level_2": "Electricity generated", "level_3": "Electricity: UK", "level_4": "kWh", "unit": "kWh",
     "quantity": 1000000}],
  "waste": [{"stream": "Household residual waste", "route": "landfill", "tonnes": 10000}]})json";

TEST(CarbonApi, FactorsAndTemplatesArePublic) {
  auto years = call("", "GET", "/api/v1/carbon/factor-years");
  ASSERT_EQ(years.status, 200) << years.body;
  EXPECT_EQ(years.json().at("factor_years").as_array().size(), 2u);
  auto factors = call("", "GET", "/api/v1/carbon/factors?year=2023&search=natural+gas&format=csv");
  ASSERT_EQ(factors.status, 200);
  EXPECT_NE(factors.body.find("Natural gas,,,kWh (Gross CV),CO2e,0.18292892617449666"),
            std::string::npos)
      << factors.body.substr(0, 400);
  auto tmpl = call("", "GET", "/api/v1/carbon/templates/activity");
  ASSERT_EQ(tmpl.status, 200);
  EXPECT_EQ(tmpl.body.rfind("category,description,level_1", 0), 0u);
  EXPECT_EQ(call("", "GET", "/api/v1/carbon/factors?year=1999").status, 404);
}

TEST(CarbonApi, AccessForEveryRoleAndNothingSavedOnError) {
  const std::string year = "/api/v1/carbon/E08000035/years/fy2022-23";
  auto put = call("leeds analyst", "PUT", year, kYear);
  ASSERT_EQ(put.status, 200) << put.body;
  // 2022 factors: 250,000 x 0.18254 + 1,000,000 x 0.19338 kg.
  EXPECT_NEAR(put.json().at("footprint").at("total").to_number<double>(), 239.015, 1e-9);
  EXPECT_EQ(put.json().at("factor_basis").as_string(), "2022 factors (the reporting year's own)");

  EXPECT_EQ(call("", "GET", year).status, 401);
  EXPECT_EQ(call("bradford analyst", "GET", year).status, 404);
  EXPECT_EQ(call("bradford analyst", "PUT", year, kYear).status, 404);
  EXPECT_EQ(call("leeds member", "PUT", year, kYear).status, 403);
  auto read = call("leeds member", "GET", year);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.header("cache-control"), "private, no-cache");

  std::string bad = kYear;
  bad.replace(bad.find("\"landfill\""), 10, "\"composting\"");
  auto refused = call("leeds analyst", "PUT", year, bad);
  ASSERT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("DESNZ publishes no 2022 factor for Household residual waste by Composting"),
            std::string::npos)
      << refused.body;
  auto unchanged = call("leeds analyst", "GET", year + "?format=csv&table=lines");
  ASSERT_EQ(unchanged.status, 200);
  EXPECT_NE(unchanged.body.find("Household residual waste by Landfill"), std::string::npos)
      << unchanged.body;
  EXPECT_EQ(call("leeds analyst", "PUT", year, R"({"activity": [{"quantity": "lots"}]})").status, 400);
}

TEST(CarbonApi, PublishedYearIsAnOrdinaryMeasure) {
  const std::string year = "/api/v1/carbon/E08000035/years/fy2023-24";
  ASSERT_EQ(call("leeds analyst", "PUT", year, kYear).status, 200);
  EXPECT_EQ(call("leeds member", "POST", year + "/publish").status, 403);
  auto published = call("leeds analyst", "POST", year + "/publish");
  ASSERT_EQ(published.status, 201) << published.body;
  EXPECT_EQ(call("leeds analyst", "POST", year + "/publish").status, 409);
  auto data = call("", "GET", "/api/v1/data?metric=carbon-footprint-total&area=E08000035&format=csv");
  ASSERT_EQ(data.status, 200) << data.body;
  // 2023 factors: 250,000 x 0.18292892617449666 + 1,000,000 x 0.20707428859060403 kg.
  EXPECT_NE(data.body.find("fy2023-24"), std::string::npos) << data.body;
  EXPECT_NE(data.body.find(",252.807,"), std::string::npos) << data.body;  // to 3 decimals
  auto years = call("leeds member", "GET", "/api/v1/carbon/E08000035/years");
  ASSERT_EQ(years.status, 200);
  EXPECT_NE(years.body.find("\"published_at\":\"20"), std::string::npos) << years.body;
}

TEST(CarbonApi, Target) {
  const std::string target = "/api/v1/carbon/E08000035/target";
  EXPECT_EQ(call("leeds analyst", "PUT", target,
                 R"({"baseline_period": "fy2022-23", "annual_reduction_percent": 13.1, "net_zero_year": 2038})")
                .status,
            204);
  auto t = call("leeds member", "GET", target);
  ASSERT_EQ(t.status, 200);
  EXPECT_EQ(t.json().at("net_zero_year").to_number<int>(), 2038);
  EXPECT_EQ(call("leeds analyst", "PUT", target, R"({"baseline_period": "fy2022-23", "annual_reduction_percent": 130, "net_zero_year": 2038})").status,
            400);
}

}  // namespace
}  // namespace lgb::test
