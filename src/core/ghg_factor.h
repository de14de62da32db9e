// GHG conversion factors: the UK Government's "conversion factors for company
// reporting" (DESNZ, formerly BEIS), one row per factor year, activity and
// gas, keyed as the flat file publishes them (scope, levels 1-4, column text,
// unit, gas). The published text of each value is kept byte for byte beside
// the number computed with. Also the activity and waste lines a council
// records against them (src/carbon computes with both).
// Plain value types; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lgb {

// The gases the flat file gives a factor for: every factor is in kg of
// carbon dioxide equivalent per unit; kCO2e is the total, the others that
// gas's share of it.
enum class Gas { kCO2e, kCO2, kCH4, kN2O };
inline constexpr Gas kGases[] = {Gas::kCO2e, Gas::kCO2, Gas::kCH4, Gas::kN2O};
// "CO2e" | "CO2" | "CH4" | "N2O"
std::string_view to_string(Gas g);
std::optional<Gas> parse_gas(std::string_view s);

// What an activity is converted with: everything of a factor's key except
// the year, the scope (which the levels decide) and the gas.
struct FactorKey {
  std::string level1, level2, level3, level4;  // as published; empty when blank
  std::string column_text;                     // as published; empty when blank
  std::string unit;                            // the flat file's UOM, e.g. "kWh (Gross CV)"

  // "Fuels › Gaseous fuels › Natural gas" with the column text when present.
  std::string label() const;
  friend bool operator==(const FactorKey&, const FactorKey&) = default;
  friend auto operator<=>(const FactorKey&, const FactorKey&) = default;
};

struct GhgFactor {
  int year = 0;       // the factor year ("GHG Conversion Factor 2023")
  std::string scope;  // as published: "Scope 1", "Scope 2", "Scope 3", "Outside of Scopes"
  FactorKey key;
  Gas gas = Gas::kCO2e;
  std::string text;   // the value as the file stores it
  double value = 0;   // kg CO2e per unit
  std::string source_id;  // the publisher's row ID when the file has one
};

// Provenance of one factor year as loaded.
struct FactorSet {
  int year = 0;
  std::string publisher;
  std::string source_url;
  std::string file_name;
  std::string sha256;  // of the file bytes as published
  std::string licence;
  std::string note;    // what the loader did to the rows (e.g. rows without a gas skipped)
  std::string loaded_at;  // set by the store
  std::string loaded_by;
  int64_t row_count = 0;
};

// Scope 1, 2 and 3 are reported; "Outside of Scopes" (biogenic CO2) is
// reported beside them and never added to a total.
enum class Scope { k1, k2, k3, kOutside };
// Parses the published text ("Scope 1", "Outside of Scopes"; also the
// spaceless "Scope1", "OutsideofScopes" of some renderings).
std::optional<Scope> parse_scope(std::string_view published);
// "scope-1" | "scope-2" | "scope-3" | "outside-of-scopes"
std::string_view to_string(Scope s);
// "Scope 1" | ... | "Outside of scopes"
std::string_view label_of(Scope s);

}  // namespace lgb
