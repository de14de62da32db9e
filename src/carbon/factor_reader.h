// Reads one year of the UK Government GHG conversion factors: the flat file
// DESNZ (formerly BEIS) publishes for automatic processing (.xlsx, sheet
// "Factors by Category"), or the CSV rendering of it by the TEC-Toolkit cfkg
// project (.csv or .csv.gz), whose renamed units are mapped back to the flat
// file's own spelling (cfkg_unit below) so every year shares one key.
// Only rows that give a gas (kg CO2e, and of it CO2, CH4, N2O) are kept;
// energy-content rows (kWh per unit) and rows without a value are skipped
// and counted in the set's note. Any other problem rejects the whole file,
// each problem named by file, row and column.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/ghg_factor.h"
#include "core/result.h"
#include "ingest/ingest_report.h"

namespace lgb::carbon {

struct FactorFile {
  FactorSet set;  // year, file name, sha256, note; the caller adds publisher, source and licence
  std::vector<GhgFactor> factors;
};

// report collects every problem; the result is kInvalidArgument when there
// was any (then report.format() says what).
Result<FactorFile> read_factor_file(const std::string& path, IngestReport& report);

// The flat file's unit and column text for a cfkg (unit, column text):
// "tonne" -> "tonnes", "kilowatt hour" with column text "Gross CV" ->
// "kWh (Gross CV)" and no column text. nullopt for a unit it does not know.
struct UnitAndText {
  std::string unit, column_text;
};
std::optional<UnitAndText> cfkg_unit(std::string_view unit, std::string_view column_text);

}  // namespace lgb::carbon
