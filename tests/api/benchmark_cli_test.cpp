// The benchmarking CLI (lgbench outliers/compare/rank/neighbours/groups/
// ratios, built from the store without a server) and lgbench synth: files
// written, split at row boundaries, byte-identical for the same seed, and
// loadable with the manifest it writes.
#include <gtest/gtest.h>

#include <algorithm>

#include "api_test_support.h"

namespace lgb::test {
namespace {

namespace json = boost::json;

std::vector<std::string> engine_args(const std::string& cmd, const std::string& db) {
  return {cmd, "--db", db, "--data-dir", data_dir()};
}

TEST(CliBenchmark, OutliersJsonMatchesTheApi) {
  auto& f = full_fixture();
  auto args = engine_args("outliers", f.db);
  for (const char* a : {"--area", "E08000035", "--group", "neighbours", "--format", "json"})
    args.emplace_back(a);
  auto r = run_lgbench(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto cli = json::parse(r.out);
  auto api = http_get(f.server->port(), "/api/v1/outliers?area=E08000035&group=neighbours").json();
  EXPECT_EQ(cli, api);
  EXPECT_FALSE(cli.at("items").as_array().empty());
}

TEST(CliBenchmark, OutliersTableCsvAndErrors) {
  auto& f = full_fixture();
  auto table = run_lgbench({"outliers", "--db", f.db, "--data-dir", data_dir(), "--area",
                            "E08000035", "--group", "neighbours", "--top", "3"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("Leeds: "), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("(3 rows)"), std::string::npos) << table.out;

  auto csv = run_lgbench({"outliers", "--db", f.db, "--data-dir", data_dir(), "--area",
                          "E08000035", "--theme", "economy", "--threshold", "0", "--format",
                          "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  auto rows = parse_csv(csv.out);
  ASSERT_GE(rows.size(), 2u);
  EXPECT_EQ(rows[0].at(0), "position");

  auto unknown = run_lgbench({"outliers", "--db", f.db, "--data-dir", data_dir(), "--area",
                              "E99999999"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("E99999999"), std::string::npos) << unknown.err;
  auto bad_group = run_lgbench({"outliers", "--db", f.db, "--data-dir", data_dir(), "--area",
                                "E08000035", "--group", "type:nonsense"});
  EXPECT_EQ(bad_group.exit_code, 1);
}

TEST(CliBenchmark, CompareRankNeighboursAgreeWithTheApi) {
  auto& f = full_fixture();
  auto compare = run_lgbench({"compare", "--db", f.db, "--data-dir", data_dir(), "--metric",
                              "claimant-count", "--area", "E08000035", "--group", "type",
                              "--format", "json"});
  ASSERT_EQ(compare.exit_code, 0) << compare.err;
  EXPECT_EQ(json::parse(compare.out),
            http_get(f.server->port(),
                     "/api/v1/compare?metric=claimant-count&area=E08000035&group=type")
                .json());
  auto rank = run_lgbench({"rank", "--db", f.db, "--data-dir", data_dir(), "--metric",
                           "claimant-count", "--group", "type:london-borough", "--top", "5",
                           "--format", "csv"});
  ASSERT_EQ(rank.exit_code, 0) << rank.err;
  EXPECT_EQ(parse_csv(rank.out).size(), 11u);
  auto nb = run_lgbench({"neighbours", "--db", f.db, "--data-dir", data_dir(), "E08000035"});
  ASSERT_EQ(nb.exit_code, 0) << nb.err;
  EXPECT_NE(nb.out.find("(15 rows)"), std::string::npos) << nb.out;
}

TEST(CliBenchmark, GroupsCreateListDelete) {
  TempDir dir;
  // A copy of the fixture store, so this test's writes stay its own.
  const std::string db = dir.file("copy.db");
  auto& f = full_fixture();
  auto copy = run_lgbench({"query", "releases", "--db", f.db});  // flushes nothing; just a check
  ASSERT_EQ(copy.exit_code, 0);
  fs::copy_file(f.db, db);
  if (fs::exists(f.db + "-wal")) fs::copy_file(f.db + "-wal", db + "-wal");
  auto create = run_lgbench({"groups", "create", "--db", db, "--data-dir", data_dir(), "--id",
                             "cli-group", "--name", "CLI group", "--areas",
                             "E08000035,E08000036"});
  ASSERT_EQ(create.exit_code, 0) << create.err;
  auto list = run_lgbench({"groups", "list", "--db", db, "--data-dir", data_dir(), "--format",
                           "json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("\"cli-group\""), std::string::npos);
  auto again = run_lgbench({"groups", "create", "--db", db, "--data-dir", data_dir(), "--id",
                            "cli-group", "--name", "x", "--areas", "E08000035"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already exists"), std::string::npos) << again.err;
  auto cmp = run_lgbench({"compare", "--db", db, "--data-dir", data_dir(), "--metric",
                          "claimant-count", "--area", "E08000035", "--group", "cli-group",
                          "--format", "csv"});
  ASSERT_EQ(cmp.exit_code, 0) << cmp.err;
  EXPECT_EQ(parse_csv(cmp.out).size(), 3u);
  EXPECT_EQ(run_lgbench({"groups", "delete", "--db", db, "--data-dir", data_dir(), "cli-group"})
                .exit_code,
            0);
  EXPECT_EQ(run_lgbench({"groups", "delete", "--db", db, "--data-dir", data_dir(), "cli-group"})
                .exit_code,
            1);
  auto ratio = run_lgbench({"ratios", "create", "--db", db, "--data-dir", data_dir(), "--id",
                            "cli-ratio", "--numerator", "claimant-count", "--denominator",
                            "modelled-unemployment-rate", "--scale", "100"});
  ASSERT_EQ(ratio.exit_code, 0) << ratio.err;
  auto ratios = run_lgbench({"ratios", "list", "--db", db, "--data-dir", data_dir(), "--format",
                             "csv"});
  EXPECT_NE(ratios.out.find("cli-ratio,"), std::string::npos) << ratios.out;
}

std::map<std::string, std::string> files_in(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(dir))
    out[e.path().filename().string()] = read_file(e.path().string());
  return out;
}

TEST(CliSynth, TinyCubeSplitsDeterministicallyAndLoads) {
  TempDir dir;
  const std::string areas = dir.file("areas.txt");
  write_file(areas, "code\nE08000035\nE08000036\nE06000001\nE07000026\n");
  auto synth = [&](const std::string& out, const std::string& seed) {
    return run_lgbench({"synth", "--out", out, "--metrics", "5", "--periods", "2", "--seed", seed,
                        "--areas", areas, "--rows-per-file", "7"});
  };
  auto a = synth(dir.file("a"), "42");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_NE(a.out.find("lgbench ingest --db"), std::string::npos) << a.out;
  auto fa = files_in(dir.file("a"));
  ASSERT_TRUE(fa.count("synthetic-metrics.csv"));
  ASSERT_TRUE(fa.count("manifest.csv"));
  EXPECT_FALSE(fa.count("synthetic-observations.csv"));  // replaced by the parts

  // Every part has the header and at most 7 rows; all rows are there once.
  std::string header;
  size_t parts = 0, rows = 0;
  std::set<std::string> seen;
  for (const auto& [name, text] : fa) {
    if (name.rfind("synthetic-observations-", 0) != 0) continue;
    ++parts;
    auto csv = parse_csv(text);
    ASSERT_GE(csv.size(), 2u) << name;
    if (header.empty()) header = text.substr(0, text.find('\n'));
    EXPECT_EQ(text.substr(0, text.find('\n')), header) << name;
    EXPECT_LE(csv.size() - 1, 7u) << name;
    rows += csv.size() - 1;
    for (size_t i = 1; i < csv.size(); ++i) {
      std::string key = csv[i][0] + "|" + csv[i][1] + "|" + csv[i][2];
      EXPECT_TRUE(seen.insert(key).second) << key;
    }
  }
  EXPECT_GE(parts, 2u);
  EXPECT_NE(a.out.find("wrote " + std::to_string(rows) + " observation rows"), std::string::npos)
      << a.out;

  // Same seed: identical bytes; another seed: different values.
  ASSERT_EQ(synth(dir.file("b"), "42").exit_code, 0);
  EXPECT_EQ(files_in(dir.file("b")), fa);
  ASSERT_EQ(synth(dir.file("c"), "43").exit_code, 0);
  EXPECT_NE(files_in(dir.file("c")), fa);

  // The manifest loads every part (each one release) into a fresh store.
  const std::string db = dir.file("synth.db");
  auto reg = run_lgbench({"ingest", "--db", db, "--manifest", data_dir() + "/sources.csv"});
  (void)reg;  // not needed: the synthetic areas must exist, so load the register first
  auto ingest = run_lgbench({"ingest", "--db", db, "--manifest", dir.file("a") + "/manifest.csv"});
  EXPECT_EQ(ingest.exit_code, 0) << ingest.out << ingest.err;
  auto health = run_lgbench({"query", "releases", "--db", db, "--format", "csv"});
  EXPECT_NE(health.out.find("synthetic-observations-0001.csv"), std::string::npos);
}

TEST(CliSynth, AreasFromAStoreAndBadInput) {
  TempDir dir;
  auto& f = full_fixture();
  auto r = run_lgbench({"synth", "--out", dir.file("s"), "--metrics", "1", "--periods", "1",
                        "--areas-from", f.db, "--rows-per-file", "0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto csv = parse_csv(read_file(dir.file("s") + "/synthetic-observations.csv"));
  std::set<std::string> codes;
  for (size_t i = 1; i < csv.size(); ++i) codes.insert(csv[i][column(csv[0], "area_code")]);
  // Current English councils only: E06-E10, no regions or abolished councils.
  EXPECT_GT(codes.size(), 250u);
  for (const auto& c : codes) {
    const std::string p = c.substr(0, 3);
    EXPECT_TRUE(p == "E06" || p == "E07" || p == "E08" || p == "E09" || p == "E10") << c;
  }
  EXPECT_FALSE(codes.count("E10000002"));  // Buckinghamshire CC, abolished 2020

  write_file(dir.file("bad.txt"), "E08000035\nLEEDS\n");
  auto bad = run_lgbench({"synth", "--out", dir.file("t"), "--metrics", "1", "--areas",
                          dir.file("bad.txt")});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("bad.txt:2"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace lgb::test
