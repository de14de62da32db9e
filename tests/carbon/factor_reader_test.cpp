// Reading the published factor files: every gas row kept with its text as
// the file stores it, the cfkg rendering's units mapped back to the flat
// file's, and malformed files rejected whole with file, row and column.
#include <gtest/gtest.h>

#include <zlib.h>

#include "carbon/factor_loader.h"
#include "carbon_fixture.h"
#include "store/sqlite/sqlite_store.h"
#include "support/temp_dir.h"

namespace lgb::testing {
namespace {

const GhgFactor* find(const std::vector<GhgFactor>& fs, const FactorKey& key, Gas gas) {
  for (const auto& f : fs)
    if (f.key == key && f.gas == gas) return &f;
  return nullptr;
}


TEST(FactorReader, FlatFile2023KeepsEveryGasRowAsStored) {
  const auto& f = factor_file(kFlatFile2023);
  EXPECT_EQ(f.set.year, 2023);
  // 8,038 data rows: 6,477 give a gas and a value (as cfkg counted them too);
  // 514 give energy content in kWh; 1,047 gas rows have no published value.
  EXPECT_EQ(f.factors.size(), 6477u);
  EXPECT_NE(f.set.note.find("514 rows that give energy content"), std::string::npos) << f.set.note;
  EXPECT_NE(f.set.note.find("1047 rows without a published value"), std::string::npos) << f.set.note;
  EXPECT_EQ(f.set.sha256.size(), 64u);
  const GhgFactor* gas = find(f.factors, kGasGross, Gas::kCO2e);
  ASSERT_NE(gas, nullptr);
  EXPECT_EQ(gas->text, "0.18292892617449666");  // the cell as the file stores it
  EXPECT_EQ(gas->value, 0.18292892617449666);
  EXPECT_EQ(gas->scope, "Scope 1");
  EXPECT_EQ(gas->source_id, "1_100_1004_6_1");
  const GhgFactor* ch4 = find(f.factors, kGasGross, Gas::kCH4);
  ASSERT_NE(ch4, nullptr);
  EXPECT_EQ(ch4->text, "2.8000000000000003E-4");
}

TEST(FactorReader, CfkgRenderingMapsUnitsBackToTheFlatFile) {
  const auto& f = factor_file(kCfkg2022);
  EXPECT_EQ(f.set.year, 2022);
  EXPECT_EQ(f.factors.size(), 6464u);
  const GhgFactor* gas = find(f.factors, kGasGross, Gas::kCO2e);
  ASSERT_NE(gas, nullptr) << "kilowatt hour + Gross CV -> kWh (Gross CV)";
  EXPECT_EQ(gas->text, "0.18254");
  EXPECT_EQ(gas->scope, "Scope 1");
  const GhgFactor* landfill =
      find(f.factors, {"Waste disposal", "Refuse", "Household residual waste", "", "Landfill", "tonnes"},
           Gas::kCO2e);
  ASSERT_NE(landfill, nullptr);
  EXPECT_EQ(landfill->text, "446.20411");
  // The SHA-256 is of the published (inflated) bytes, not of the .gz copy.
  EXPECT_EQ(f.set.file_name, "beis_conversion_factors_2022_modified_v2.csv");
}

TEST(FactorReader, UnitMapping) {
  EXPECT_EQ(carbon::cfkg_unit("kilowatt hour ", "Net CV")->unit, "kWh (Net CV)");
  EXPECT_EQ(carbon::cfkg_unit("kilowatt hour", "")->unit, "kWh");
  EXPECT_EQ(carbon::cfkg_unit("tonne", "Landfill")->column_text, "Landfill");
  EXPECT_FALSE(carbon::cfkg_unit("furlong", "").has_value());
}

TEST(FactorReader, MalformedCsvIsRejectedWholeNamingRowAndColumn) {
  TempDir dir;
  const std::string path = dir.write(
      "bad.csv",
      "Scope,Level 1,Level 2,Level 3,Level 4,Column Text,UOM,emission_target_formula,"
      "GHG Conversion Factor 2022\n"
      "Scope1,Fuels,Gaseous fuels,Butane,,,tonne,CO2e,3033.32\n"
      "Scope9,Fuels,Gaseous fuels,Butane,,,tonne,CO2,3029.26\n"
      "Scope1,Fuels,Gaseous fuels,Butane,,,furlong,CH4,1.6\n"
      "Scope1,Fuels,Gaseous fuels,Butane,,,tonne,H2O,1.6\n");
  IngestReport report;
  auto f = carbon::read_factor_file(path, report);
  ASSERT_FALSE(f.ok());
  const std::string text = report.format();
  EXPECT_NE(text.find("bad.csv:3:1: Scope: unknown scope 'Scope9'"), std::string::npos) << text;
  EXPECT_NE(text.find("bad.csv:4:7: UOM: unit 'furlong'"), std::string::npos) << text;
  EXPECT_NE(text.find("bad.csv:5:8: emission_target_formula: unknown gas 'H2O'"), std::string::npos)
      << text;
}

TEST(FactorReader, MissingHeaderColumnsAreNamed) {
  TempDir dir;
  const std::string path = dir.write("short.csv", "Scope,Level 1,GHG Conversion Factor next year\nScope1,Fuels,1\n");
  IngestReport report;
  ASSERT_FALSE(carbon::read_factor_file(path, report).ok());
  EXPECT_NE(report.format().find("the header has no column 'UOM'"), std::string::npos)
      << report.format();
  EXPECT_NE(report.format().find("the header names no factor year"), std::string::npos)
      << report.format();
}

TEST(FactorStore, EveryYearKeptEachValueAsPublished) {
  TempDir dir;
  auto store = SqliteStore::open(dir.file("lgb.db"));
  ASSERT_TRUE(store.ok()) << store.error().message;
  auto manifest = carbon::read_factor_manifest(
      std::string(LGB_SOURCE_DIR) + "/data/ghg_conversion_factors/factor_sets.csv");
  ASSERT_TRUE(manifest.ok()) << manifest.error().message;
  ASSERT_EQ(manifest->size(), 2u);
  for (const auto& source : *manifest) {
    IngestReport report;
    auto loaded = carbon::load_factor_file(**store, source, "test", report);
    ASSERT_TRUE(loaded.ok()) << report.format() << loaded.error().message;
    EXPECT_FALSE(loaded->skipped);
  }
  auto sets = (*store)->list_factor_sets();
  ASSERT_TRUE(sets.ok());
  ASSERT_EQ(sets->size(), 2u);
  EXPECT_EQ((*sets)[0].year, 2022);
  EXPECT_EQ((*sets)[1].year, 2023);
  EXPECT_EQ((*sets)[1].publisher, "Department for Energy Security and Net Zero");
  EXPECT_EQ((*sets)[1].row_count, 6477);
  auto rows = (*store)->list_factors(2023);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 6477u);
  // Round trip: every stored row equals the file's, text and number.
  const auto& file = factor_file(kFlatFile2023);
  for (const auto& f : file.factors) {
    const GhgFactor* stored = find(*rows, f.key, f.gas);
    ASSERT_NE(stored, nullptr) << f.key.label();
    EXPECT_EQ(stored->text, f.text);
    EXPECT_EQ(stored->value, f.value);
    EXPECT_EQ(stored->scope, f.scope);
  }
  // Loading the same bytes again is a no-op; other bytes for a loaded year
  // are refused and change nothing.
  IngestReport again;
  auto loaded = carbon::load_factor_file(**store, (*manifest)[0], "test", again);
  ASSERT_TRUE(loaded.ok());
  EXPECT_TRUE(loaded->skipped);
  FactorSet other = (*sets)[1];
  other.sha256 = std::string(64, '0');
  auto refused = (*store)->add_factor_set(other, file.factors);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ((*store)->list_factors(2023)->size(), 6477u);
}

}  // namespace
}  // namespace lgb::testing
