// FactorTable: one factor year indexed for calculation: per factor key its
// scope and its value for each gas published, and the waste-disposal factors
// by stream and route. Built once from the store's rows; immutable after.
// Thread-safe for concurrent readers.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/ghg_factor.h"

namespace lgb::carbon {

struct FactorEntry {
  std::string scope_text;  // as published
  Scope scope = Scope::k3;
  // Indexed by Gas: kg CO2e per unit, and the text as published.
  std::array<std::optional<double>, 4> kg;
  std::array<std::string, 4> text;

  // The factor a line converts with: CO2e; for outside-of-scopes rows,
  // published as biogenic CO2 only, that CO2. absent: nothing to convert with.
  Gas headline_gas() const;
  const std::optional<double>& co2e() const { return kg[static_cast<size_t>(headline_gas())]; }
  const std::string& co2e_text() const { return text[static_cast<size_t>(headline_gas())]; }
  // True when the CO2, CH4 and N2O parts are all published.
  bool split_by_gas() const;
};

class FactorTable {
 public:
  FactorTable() = default;
  // Rows of one year (as CarbonStore::list_factors gives them).
  FactorTable(int year, const std::vector<GhgFactor>& factors);

  int year() const { return year_; }
  bool empty() const { return entries_.empty(); }
  const FactorEntry* find(const FactorKey& key) const;
  // The factor a line recorded against another year's key converts with:
  // the same key, else the one factor that differs only in Level 4 (the
  // publisher sometimes renames it between years: UK electricity's Level 4
  // is "2020" in the 2022 file and "kWh" in the 2023 one). nullptr when
  // there is none or more than one.
  const std::pair<const FactorKey, FactorEntry>* resolve(const FactorKey& key) const;
  const std::map<FactorKey, FactorEntry>& entries() const { return entries_; }

  // Waste disposal: the materials (Level 3) in published order of their
  // group (Level 2), and the factor key of a material by a route's column
  // text, when published.
  struct WasteStream {
    std::string group;     // Level 2: "Refuse", "Plastic", ...
    std::string material;  // Level 3
  };
  const std::vector<WasteStream>& waste_streams() const { return waste_streams_; }
  const WasteStream* find_waste_stream(const std::string& material) const;
  std::optional<FactorKey> waste_key(const std::string& material,
                                     const std::string& column_text) const;

 private:
  int year_ = 0;
  std::map<FactorKey, FactorEntry> entries_;
  std::vector<WasteStream> waste_streams_;
};

inline constexpr std::string_view kWasteLevel1 = "Waste disposal";
inline constexpr std::string_view kElectricityLevel1 = "UK electricity";

}  // namespace lgb::carbon
