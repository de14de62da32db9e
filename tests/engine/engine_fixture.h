// Test helpers for the engine: a small hand-made register of councils (real
// shape, invented codes in real ranges) and a builder for snapshots from plain
// vectors, so statistics can be checked against hand-computed answers.
// Not thread-safe; each test owns its fixture.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "engine/snapshot.h"

#include "support/temp_dir.h"

namespace lgb {
// The access every API caller has (no sign-in yet).
inline const Access kAnyone = Access::anonymous();
}  // namespace lgb

namespace lgb::testing {

inline Area council(std::string code, std::string name, AreaType type, std::string region,
                    std::string end_date = "") {
  Area a;
  a.code = std::move(code);
  a.name = std::move(name);
  a.type = type;
  a.region_code = std::move(region);
  a.end_date = std::move(end_date);
  return a;
}

inline Metric make_metric(std::string id, Polarity p, std::vector<std::string> themes = {}) {
  Metric m;
  m.id = std::move(id);
  m.title = "Title of " + m.id;
  m.unit = "%";
  m.polarity = p;
  m.decimals = 1;
  m.themes = std::move(themes);
  m.publisher = "Test publisher";
  return m;
}

inline Value num(const std::string& text) { return *make_value(text, "", ""); }
inline Value suppressed() { return *make_value("", "c", ""); }

// The register used by most tests:
//   counties    E10000001 (NE, E12000001), E10000002 (NW, E12000002)
//   districts   E07000001, E07000002 (NE), E07000003 (NW), E07000009 (ended)
//   unitaries   E06000001 (NE), E06000002 (NW)
//   met         E08000001 (NE)
//   london      E09000001 (London, E12000007)
//   others      W06000001 (Welsh unitary), E12000001 (region)
inline std::vector<Area> test_register() {
  return {
      council("E10000001", "County One", AreaType::kCounty, "E12000001"),
      council("E10000002", "County Two", AreaType::kCounty, "E12000002"),
      council("E07000001", "District One", AreaType::kDistrict, "E12000001"),
      council("E07000002", "District Two", AreaType::kDistrict, "E12000001"),
      council("E07000003", "District Three", AreaType::kDistrict, "E12000002"),
      council("E07000009", "Old District", AreaType::kDistrict, "E12000001", "2023-03-31"),
      council("E06000001", "Unitary One", AreaType::kUnitary, "E12000001"),
      council("E06000002", "Unitary Two", AreaType::kUnitary, "E12000002"),
      council("E08000001", "Met One", AreaType::kMetropolitanDistrict, "E12000001"),
      council("E09000001", "London One", AreaType::kLondonBorough, "E12000007"),
      council("W06000001", "Welsh One", AreaType::kUnitary, ""),
      council("E12000001", "North East", AreaType::kRegion, ""),
  };
}

struct Cell {
  std::string area, metric, period;
  Value value;
};

inline std::shared_ptr<const Snapshot> build(const std::vector<Area>& areas,
                                             const std::vector<Metric>& metrics,
                                             const std::vector<std::string>& periods,
                                             const std::vector<Cell>& cells,
                                             const std::vector<RatioDefinition>& ratios = {},
                                             const std::vector<CustomGroup>& groups = {},
                                             SnapshotOptions options = {}) {
  SnapshotBuilder b(std::move(options));
  for (const auto& a : areas) b.add_area(a);
  for (const auto& m : metrics) b.add_metric(m);
  for (const auto& p : periods) b.add_period(*parse_period_id(p));
  for (const auto& c : cells) {
    Status st = b.add_value(c.area, c.metric, c.period, c.value);
    EXPECT_TRUE(st.ok()) << c.area << " " << c.metric << " " << c.period;
  }
  for (const auto& r : ratios) b.add_ratio(r);
  for (const auto& g : groups) b.add_group(g);
  auto s = b.finish();
  EXPECT_TRUE(s.ok()) << (s ? "" : s.error().message);
  return s ? s.value() : nullptr;
}

inline std::string groupings_dir() { return std::string(LGB_SOURCE_DIR) + "/data/groupings"; }

}  // namespace lgb::testing
