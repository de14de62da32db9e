// Test helpers for the store: a fresh temp directory per test, small real-
// looking batches (real GSS codes), and ways to compare a database before and
// after an operation (file bytes after close, and a full logical dump).
// Not thread-safe; each test owns its fixture.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/release.h"
#include "store/store.h"

#include "support/temp_dir.h"

namespace lgb::testing {

inline Area area(std::string code, std::string name, AreaType type, std::string region = "",
                 std::string parent = "") {
  Area a;
  a.code = std::move(code);
  a.name = std::move(name);
  a.type = type;
  a.region_code = std::move(region);
  a.parent_code = std::move(parent);
  return a;
}

inline Metric metric(std::string id, std::string title) {
  Metric m;
  m.id = std::move(id);
  m.title = std::move(title);
  m.unit = "count";
  m.polarity = Polarity::kLowerIsBetter;
  m.decimals = 0;
  m.publisher = "Department for Work and Pensions";
  m.licence = "OGL-UK-3.0";
  return m;
}

inline Period period(const std::string& id) { return *parse_period_id(id); }

inline Observation obs(std::string area, std::string metric, std::string period, std::string text,
                       std::string status = "", std::string note = "") {
  Observation o;
  o.area_code = std::move(area);
  o.metric_id = std::move(metric);
  o.period_id = std::move(period);
  auto v = make_value(text, status, note);
  EXPECT_TRUE(v.ok()) << text;
  if (v) o.value = *v;
  return o;
}

inline Release release(std::string sha, std::string format = "tidy") {
  Release r;
  r.publisher = "ONS";
  r.source_url = "https://www.ons.gov.uk/example";
  r.file_name = "claimants.csv";
  r.format = std::move(format);
  r.sha256 = std::move(sha);
  r.published_on = "2024-05-15";
  r.loaded_by = "test";
  r.licence = "OGL-UK-3.0";
  return r;
}

// A register release: Leeds, Wakefield, Buckinghamshire and one of its
// predecessors (Aylesbury Vale, abolished 2020).
inline ReleaseBatch register_batch() {
  ReleaseBatch b;
  b.release = release("sha-register", "register-mysociety");
  b.areas.push_back(area("E08000035", "Leeds", AreaType::kMetropolitanDistrict, "E12000003"));
  b.areas.push_back(area("E08000036", "Wakefield", AreaType::kMetropolitanDistrict, "E12000003"));
  b.areas.push_back(area("E06000060", "Buckinghamshire", AreaType::kUnitary, "E12000008"));
  Area av = area("E07000004", "Aylesbury Vale", AreaType::kDistrict, "E12000008", "E10000002");
  av.start_date = "1974-04-01";
  av.end_date = "2020-03-31";
  av.successor_codes = {"E06000060"};
  b.areas.push_back(av);
  Metric m = metric("claimant-count", "Claimant count");
  m.themes = {"economy", "work"};
  m.services = {"welfare"};
  m.portfolios = {"Economy & Skills"};
  b.metrics.push_back(m);
  Metric population = metric("population", "Population");
  population.measure = MeasureKind::kCount;
  b.metrics.push_back(population);
  return b;
}

// Observations of claimant-count for Leeds and Wakefield in two years.
inline ReleaseBatch data_batch(const std::string& sha, const std::string& leeds_2023 = "12.50") {
  ReleaseBatch b;
  b.release = release(sha);
  b.periods = {period("cy2022"), period("cy2023")};
  b.observations = {
      obs("E08000036", "claimant-count", "cy2023", "9000"),
      obs("E08000035", "claimant-count", "cy2023", leeds_2023),
      obs("E08000035", "claimant-count", "cy2022", "", "[c]", "Suppressed: small numbers"),
      obs("E08000036", "claimant-count", "cy2022", "8500", "p"),
  };
  return b;
}

inline std::unique_ptr<Store> open_store(const std::string& path) {
  auto s = open_sqlite_store(path);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  return s ? std::move(*s) : nullptr;
}

inline std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Every row of every table (including the schema and user_version), in a
// fixed order, through a separate raw connection: a logical fingerprint that
// does not depend on WAL checkpoints.
inline std::string dump_database(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  std::ostringstream out;
  auto each = [&](const std::string& sql, auto&& fn) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sqlite3_errmsg(db) << " in " << sql;
      return;
    }
    while (sqlite3_step(st) == SQLITE_ROW) fn(st);
    sqlite3_finalize(st);
  };
  each("PRAGMA user_version", [&](sqlite3_stmt* st) { out << "v" << sqlite3_column_int(st, 0); });
  std::vector<std::string> tables;
  each("SELECT name, sql FROM sqlite_schema ORDER BY name", [&](sqlite3_stmt* st) {
    out << "\n"
        << sqlite3_column_text(st, 0) << ": "
        << (sqlite3_column_text(st, 1) ? (const char*)sqlite3_column_text(st, 1) : "");
  });
  each("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
       [&](sqlite3_stmt* st) { tables.emplace_back((const char*)sqlite3_column_text(st, 0)); });
  for (const auto& t : tables) {
    out << "\n[" << t << "]";
    int columns = 0;
    each("PRAGMA table_info(" + t + ")", [&](sqlite3_stmt*) { ++columns; });
    std::string order = "1";
    for (int c = 2; c <= std::min(columns, 3); ++c) order += ", " + std::to_string(c);
    each("SELECT * FROM " + t + " ORDER BY " + order, [&](sqlite3_stmt* st) {
      out << "\n";
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        const auto* p = sqlite3_column_blob(st, i);
        out << "|" << sqlite3_column_type(st, i) << ":"
            << std::string(p ? static_cast<const char*>(p) : "", sqlite3_column_bytes(st, i));
      }
    });
  }
  sqlite3_close(db);
  return out.str();
}

}  // namespace lgb::testing
