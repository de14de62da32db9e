// The lgbench command line: help and version, ingest reports and exit codes,
// query output.
#include <gtest/gtest.h>

#include "api_test_support.h"

namespace lgb::test {
namespace {

TEST(Cli, HelpAndVersionExitZero) {
  auto help = run_lgbench({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* cmd : {"ingest", "serve", "query"})
    EXPECT_NE(help.out.find(cmd), std::string::npos) << cmd;
  auto version = run_lgbench({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("lgbench ", 0), 0u) << version.out;
  EXPECT_EQ(run_lgbench({"serve", "--help"}).exit_code, 0);
}

TEST(Cli, UnknownSubcommandOrOptionFails) {
  EXPECT_NE(run_lgbench({}).exit_code, 0);
  EXPECT_NE(run_lgbench({"frobnicate"}).exit_code, 0);
  EXPECT_NE(run_lgbench({"query", "data", "--metrc", "x"}).exit_code, 0);
}

TEST(Cli, IngestPrintsOneLinePerFile) {
  TempDir dir;
  std::string db = dir.file("cli.db");
  std::string catalogue = data_dir() + "/catalogue/metrics.csv";
  auto first = run_lgbench({"ingest", "--db", db, catalogue, "--format", "metrics-catalogue"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find(catalogue + ": loaded as release 1"), std::string::npos) << first.out;
  auto again = run_lgbench({"ingest", "--db", db, catalogue, "--format", "metrics-catalogue"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("already loaded as release 1"), std::string::npos) << again.out;
  // Not a terminal: no progress bar escape codes on stderr.
  EXPECT_EQ(first.err.find('\r'), std::string::npos);
}

TEST(Cli, RejectedFileExitsNonZeroNamesLineAndChangesNothing) {
  Fixture& f = small_fixture();
  TempDir dir;
  std::string db = dir.file("copy.db");
  std::filesystem::copy_file(f.db, db);
  std::string bad = dir.file("bad.csv");
  write_file(bad,
             "area_code,metric_id,period,value\n"
             "E08000035,claimant-count,cy2030,4.0\n"
             "E08000035,claimant-count,cy2031,four\n");
  auto before = read_file(db);
  auto releases_before = run_lgbench({"query", "releases", "--db", db, "--format", "csv"});
  auto r = run_lgbench({"ingest", "--db", db, bad, "--format", "tidy"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.out.find("REJECTED"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(bad + ":3:4: value:"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("rejected"), std::string::npos) << r.err;
  EXPECT_EQ(run_lgbench({"query", "releases", "--db", db, "--format", "csv"}).out,
            releases_before.out);
  auto data = run_lgbench({"query", "data", "--db", db, "--metric", "claimant-count", "--area",
                           "E08000035", "--period", "cy2030", "--format", "csv"});
  EXPECT_EQ(data.exit_code, 0);
  EXPECT_EQ(data.out.find("cy2030"), std::string::npos);
  EXPECT_EQ(read_file(db), before);
}

TEST(Cli, QueryDataPrintsCsv) {
  Fixture& f = small_fixture();
  auto r = run_lgbench({"query", "data", "--db", f.db, "--metric", "claimant-count", "--area",
                        "E08000035", "--period", "cy2023", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = parse_csv(r.out);
  ASSERT_EQ(rows.size(), 2u) << r.out;
  EXPECT_EQ(rows[0][0], "area_code");
  EXPECT_EQ(rows[1][0], "E08000035");
  EXPECT_EQ(rows[1][1], "Leeds");
  // The same bytes as the API's CSV, apart from line ends.
  auto api = http_get(f.server->port(),
                      "/api/v1/data?metric=claimant-count&area=E08000035&period=cy2023&format=csv");
  std::string api_lf = api.body;
  for (size_t p; (p = api_lf.find("\r\n")) != std::string::npos;) api_lf.replace(p, 2, "\n");
  EXPECT_EQ(r.out, api_lf);
}

TEST(Cli, QueryTablesAndErrors) {
  Fixture& f = small_fixture();
  auto areas = run_lgbench({"query", "areas", "--db", f.db, "--q", "leeds"});
  EXPECT_EQ(areas.exit_code, 0);
  EXPECT_NE(areas.out.find("E08000035"), std::string::npos);
  EXPECT_NE(areas.out.find("(1 rows)"), std::string::npos) << areas.out;
  auto metrics = run_lgbench({"query", "metrics", "--db", f.db, "--format", "csv"});
  EXPECT_NE(metrics.out.find("claimant-count"), std::string::npos);
  auto releases = run_lgbench({"query", "releases", "--db", f.db});
  EXPECT_NE(releases.out.find("claimant-count.csv"), std::string::npos);

  auto unknown = run_lgbench({"query", "data", "--db", f.db, "--metric", "no-such-metric"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("unknown metric 'no-such-metric'"), std::string::npos) << unknown.err;
  auto bad_period = run_lgbench({"query", "data", "--db", f.db, "--metric", "claimant-count",
                                 "--period", "2023"});
  EXPECT_EQ(bad_period.exit_code, 1);
  TempDir dir;
  auto missing = run_lgbench({"query", "areas", "--db", dir.file("none.db")});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("no database"), std::string::npos) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("none.db")));
}

TEST(Cli, IngestNeedsFormatAndExistingFiles) {
  TempDir dir;
  auto no_format = run_lgbench({"ingest", "--db", dir.file("x.db"), data_dir() + "/sources.csv"});
  EXPECT_NE(no_format.exit_code, 0);
  EXPECT_NE(no_format.err.find("--format"), std::string::npos);
  auto missing = run_lgbench({"ingest", "--db", dir.file("x.db"), dir.file("nope.csv"),
                              "--format", "tidy"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("nope.csv"), std::string::npos);
}

}  // namespace
}  // namespace lgb::test
