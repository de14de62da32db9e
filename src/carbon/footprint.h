// The GHG accounting calculation: a council's activity lines for one
// financial year, each times the published factor it names, give tonnes of
// CO2e by scope, category and gas (GHG Protocol corporate standard: scopes 1
// and 2 and basic scope 3; outside-of-scopes biogenic CO2 reported beside,
// never in a total). Electricity is location-based; where the council
// records a contractual instrument, a market-based scope 2 is given beside.
// Pure functions over values; thread-safe.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "carbon/factor_table.h"
#include "core/carbon_inventory.h"
#include "core/result.h"

namespace lgb::carbon {

// The council-facing categories an activity line belongs to.
struct Category {
  std::string_view id;
  std::string_view label;
  std::string_view examples;  // what goes in it, for forms and the template
};
inline constexpr Category kCategories[] = {
    {"buildings", "Buildings and utilities",
     "electricity, natural gas, oil, LPG, biomass, district heat"},
    {"street-lighting", "Street lighting", "electricity for street lights and signs"},
    {"fleet", "Fleet", "fuel by type, or distance by vehicle class"},
    {"business-travel", "Business travel", "grey fleet, rail, air"},
    {"water", "Water", "water supply and treatment"},
    {"waste", "Waste from own operations", "waste from council buildings and depots"},
    {"procurement", "Procurement (basic scope 3)", "materials bought, by tonnes"},
};
const Category* find_category(std::string_view id);

// A problem with one line: its 0-based index, the field and what is wrong.
struct LineProblem {
  size_t index = 0;
  std::string field;
  std::string message;
};

struct LineResult {
  FactorKey factor;  // the factor converted with (see FactorTable::resolve)
  Scope scope = Scope::k3;
  std::string category;
  double factor_kg = 0;        // kg CO2e per unit, as computed with
  std::string factor_text;     // the CO2e factor as published
  // Tonnes by gas (indexed by Gas); CO2/CH4/N2O absent when the factor is
  // published as CO2e only.
  std::array<std::optional<double>, 4> tonnes;
  std::optional<double> market_tonnes;  // market-based, for electricity with an instrument

  double co2e() const { return *tonnes[static_cast<size_t>(Gas::kCO2e)]; }
};

struct Footprint {
  int factor_year = 0;
  std::vector<LineResult> lines;  // one per activity line, in order
  // Scopes 1-3, location-based.
  double total = 0;
  std::map<Scope, double> by_scope;  // includes Scope::kOutside when present
  std::map<std::string, double> by_category;  // scopes 1-3 only, by category id
  // Of the total: CO2, CH4 and N2O where the factors split it, and the CO2e
  // of lines whose factor is published only as CO2e.
  double co2 = 0, ch4 = 0, n2o = 0, co2e_not_split = 0;
  // Market-based: present when any electricity line records an instrument;
  // electricity lines without one count at the location-based factor.
  std::optional<double> scope2_market;
  std::optional<double> total_market;
};

// kInvalidArgument when any line has a problem (all listed in problems):
// unknown category, no such factor in this year, a negative quantity, a
// market factor on a line that is not UK electricity.
Result<Footprint> compute_footprint(const std::vector<ActivityLine>& lines,
                                    const FactorTable& factors,
                                    std::vector<LineProblem>& problems);

// "3 problems: line 2: factor: ..." for error messages.
std::string describe(const std::vector<LineProblem>& problems, std::string_view what = "line");

}  // namespace lgb::carbon
