#include "synth/synth.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "support/temp_dir.h"

namespace lgb {
namespace {

using testing::TempDir;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out;
  std::string f;
  bool q = false;
  for (char c : line) {
    if (c == '"') q = !q;
    else if (c == ',' && !q) out.push_back(std::move(f)), f.clear();
    else f += c;
  }
  out.push_back(f);
  return out;
}

SynthOptions options(int metrics, uint64_t seed) {
  SynthOptions o;
  o.metrics = metrics;
  o.seed = seed;
  for (int i = 1; i <= 60; ++i) {
    char code[16];
    std::snprintf(code, sizeof code, "E07%06d", i);
    o.area_codes.push_back(code);
  }
  return o;
}

TEST(Synth, SameSeedSameBytesDifferentSeedDifferent) {
  TempDir a, b, c;
  auto ra = write_synthetic_cube(options(40, 7), a.path());
  auto rb = write_synthetic_cube(options(40, 7), b.path());
  auto rc = write_synthetic_cube(options(40, 8), c.path());
  ASSERT_TRUE(ra.ok() && rb.ok() && rc.ok());
  EXPECT_EQ(slurp(ra->observations_path), slurp(rb->observations_path));
  EXPECT_EQ(slurp(ra->catalogue_path), slurp(rb->catalogue_path));
  EXPECT_NE(slurp(ra->observations_path), slurp(rc->observations_path));
}

TEST(Synth, CatalogueIsTidyAndClearlySynthetic) {
  TempDir d;
  auto r = write_synthetic_cube(options(200, 1), d.path());
  ASSERT_TRUE(r.ok()) << r.error().message;
  std::ifstream in(r->catalogue_path);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "id,title,description,unit,polarity,decimals,themes,services,directorates,"
                  "portfolios,publisher,source_url,licence,visibility,measure");
  std::map<std::string, int> polarity, measures;
  int rows = 0;
  while (std::getline(in, line)) {
    auto f = fields(line);
    ASSERT_EQ(f.size(), 15u) << line;
    if (f[14] == "count") {
      EXPECT_EQ(f[4], "neither") << line;
    }
    ++measures[f[14]];
    EXPECT_EQ(f[0].rfind("synth-", 0), 0u);
    EXPECT_EQ(f[10], "lgbench synthetic data (not real)");
    EXPECT_FALSE(f[6].empty());
    ++polarity[f[4]];
    ++rows;
  }
  EXPECT_EQ(rows, 200);
  EXPECT_GT(polarity["higher-is-better"], 50);
  EXPECT_GT(polarity["lower-is-better"], 50);
  EXPECT_GT(polarity["neither"], 10);
  for (const char* m : {"share", "rate", "count", "money-per-head"}) EXPECT_GT(measures[m], 5) << m;
}

TEST(Synth, ObservationsHaveGapsSuppressionAndSaneValues) {
  TempDir d;
  SynthOptions o = options(100, 3);
  auto r = write_synthetic_cube(o, d.path());
  ASSERT_TRUE(r.ok());
  const int64_t cells = 100LL * 60 * 10;
  EXPECT_EQ(r->rows + r->gaps, cells);
  EXPECT_NEAR(static_cast<double>(r->gaps) / cells, 0.03, 0.006);
  EXPECT_NEAR(static_cast<double>(r->suppressed) / r->rows, 0.015, 0.005);

  // Read back: periods, statuses, decimals; percentages within 0-100.
  std::map<std::string, std::string> unit, decimals;
  {
    std::ifstream cat(r->catalogue_path);
    std::string line;
    std::getline(cat, line);
    while (std::getline(cat, line)) {
      auto f = fields(line);
      unit[f[0]] = f[3];
      decimals[f[0]] = f[5];
    }
  }
  std::ifstream in(r->observations_path);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "area_code,metric_id,period,value,status,note");
  int64_t rows = 0, suppressed = 0;
  std::map<std::string, int> periods;
  std::map<std::string, std::vector<double>> by_area_metric0;
  while (std::getline(in, line)) {
    auto f = fields(line);
    ASSERT_EQ(f.size(), 6u) << line;
    ++rows;
    ++periods[f[2]];
    if (f[4] == "c") {
      EXPECT_TRUE(f[3].empty());
      ++suppressed;
      continue;
    }
    const auto dot = f[3].find('.');
    const int d = dot == std::string::npos ? 0 : static_cast<int>(f[3].size() - dot - 1);
    EXPECT_EQ(std::to_string(d), decimals[f[1]]) << line;
    const double v = std::stod(f[3]);
    if (unit[f[1]] == "%") {
      EXPECT_GE(v, 0);
      EXPECT_LE(v, 100);
    } else {
      EXPECT_GE(v, 0);
    }
  }
  EXPECT_EQ(rows, r->rows);
  EXPECT_EQ(suppressed, r->suppressed);
  EXPECT_EQ(periods.size(), 10u);
  EXPECT_TRUE(periods.count("fy2015-16"));
  EXPECT_TRUE(periods.count("fy2024-25"));
}

// Councils are persistently good or bad: an area's percentile on one
// higher-is-better metric predicts its percentile on another.
TEST(Synth, AreaEffectsArePersistentAcrossMetrics) {
  TempDir d;
  SynthOptions o = options(300, 11);
  o.gap_share = 0;
  o.suppressed_share = 0;
  auto r = write_synthetic_cube(o, d.path());
  ASSERT_TRUE(r.ok());
  std::map<std::string, std::string> pol;
  {
    std::ifstream cat(r->catalogue_path);
    std::string line;
    std::getline(cat, line);
    while (std::getline(cat, line)) {
      auto f = fields(line);
      pol[f[0]] = f[4];
    }
  }
  // Average rank-position per area across all polarised metrics (latest year).
  std::map<std::string, std::vector<std::pair<double, std::string>>> per_metric;
  std::ifstream in(r->observations_path);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    auto f = fields(line);
    if (f[2] != "fy2024-25" || pol[f[1]] == "neither") continue;
    double v = std::stod(f[3]);
    if (pol[f[1]] == "lower-is-better") v = -v;
    per_metric[f[1]].emplace_back(v, f[0]);
  }
  std::map<std::string, double> score_even, score_odd;
  int idx = 0;
  for (auto& [id, rows] : per_metric) {
    std::sort(rows.begin(), rows.end());
    auto& target = (idx++ % 2) ? score_odd : score_even;
    for (size_t i = 0; i < rows.size(); ++i) target[rows[i].second] += static_cast<double>(i);
  }
  // Correlation between halves of the metrics.
  std::vector<double> x, y;
  for (auto& [code, s] : score_even) x.push_back(s), y.push_back(score_odd[code]);
  const double n = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (size_t i = 0; i < x.size(); ++i) mx += x[i] / n, my += y[i] / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  EXPECT_GT(sxy / std::sqrt(sxx * syy), 0.8);
}

TEST(Synth, BadOptionsAreErrors) {
  TempDir d;
  SynthOptions o = options(10, 1);
  o.metrics = 0;
  EXPECT_EQ(write_synthetic_cube(o, d.path()).error().code, ErrorCode::kInvalidArgument);
  o = options(10, 1);
  o.area_codes.clear();
  EXPECT_EQ(write_synthetic_cube(o, d.path()).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(write_synthetic_cube(options(10, 1), d.path() + "/missing/dir").error().code,
            ErrorCode::kIo);
}

}  // namespace
}  // namespace lgb
