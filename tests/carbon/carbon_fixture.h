// The bundled factor years (data/ghg_conversion_factors/), read once per test
// process: the 2023 DESNZ flat file as published and the 2022 cfkg rendering.
// Not thread-safe; tests run one per process.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "carbon/factor_reader.h"
#include "carbon/factor_table.h"

namespace lgb::testing {

inline std::string factor_path(const std::string& name) {
  return std::string(LGB_SOURCE_DIR) + "/data/ghg_conversion_factors/" + name;
}
// Half a unit in the fifth decimal place of a kg factor (the published
// precision), times the quantity, in tonnes: the tolerance of a hand-worked result.
inline double precision(double quantity) { return quantity * 0.5e-5 / 1000.0; }

// Factors the tests look up in both years' tables.
inline const FactorKey kGasGross{"Fuels", "Gaseous fuels", "Natural gas", "", "", "kWh (Gross CV)"};
inline const FactorKey kElectricity{"UK electricity", "Electricity generated", "Electricity: UK",
                                    "kWh", "", "kWh"};
inline const char* kFlatFile2023 = "ghg-conversion-factors-2023-flat-file-update.xlsx";
inline const char* kCfkg2022 = "beis_conversion_factors_2022_modified_v2.csv.gz";

inline const carbon::FactorFile& factor_file(const std::string& name) {
  static std::map<std::string, carbon::FactorFile> files;
  auto it = files.find(name);
  if (it == files.end()) {
    IngestReport report;
    auto f = carbon::read_factor_file(factor_path(name), report);
    EXPECT_TRUE(f.ok()) << report.format();
    it = files.emplace(name, f ? *f : carbon::FactorFile{}).first;
  }
  return it->second;
}

inline const carbon::FactorTable& factors(int year) {
  static std::map<int, carbon::FactorTable> tables;
  auto it = tables.find(year);
  if (it == tables.end()) {
    const auto& f = factor_file(year == 2023 ? kFlatFile2023 : kCfkg2022);
    it = tables.emplace(year, carbon::FactorTable(f.set.year, f.factors)).first;
  }
  return it->second;
}

}  // namespace lgb::testing
