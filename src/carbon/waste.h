// The waste emissions calculation: tonnes of each waste stream (a
// waste-disposal material) sent by each management route, times the
// published waste-disposal factor for that pair. A pair without a published
// factor is refused, naming the routes that have one. Outputs tCO2e by
// stream and by route, and the average factor (total tCO2e / total tonnes).
// Pure functions over values; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "carbon/factor_table.h"
#include "carbon/footprint.h"
#include "core/carbon_inventory.h"
#include "core/result.h"

namespace lgb::carbon {

// The management routes. The first seven are the flat file's waste-disposal
// columns (column_text); DESNZ publishes no factor for the last two, so a
// line on them is refused with that reason.
struct WasteRoute {
  std::string_view id;
  std::string_view column_text;  // empty: no published factor
  std::string_view label;
};
inline constexpr WasteRoute kWasteRoutes[] = {
    {"landfill", "Landfill", "Landfill"},
    {"combustion", "Combustion", "Incineration with energy recovery"},
    {"open-loop", "Open-loop", "Recycling (open-loop)"},
    {"closed-loop", "Closed-loop", "Recycling (closed-loop)"},
    {"composting", "Composting", "Composting"},
    {"anaerobic-digestion", "Anaerobic digestion", "Anaerobic digestion"},
    {"re-use", "Re-use", "Re-use"},
    {"incineration-without-energy-recovery", "", "Incineration without energy recovery"},
    {"other", "", "Other"},
};
// By id or by the flat file's column text.
const WasteRoute* find_waste_route(std::string_view id_or_text);

struct WasteLineResult {
  std::string stream, route;  // material, route id
  double factor_kg = 0;       // kg CO2e per tonne
  std::string factor_text;    // as published
  double co2e = 0;            // tonnes CO2e
};

struct WasteResult {
  int factor_year = 0;
  std::vector<WasteLineResult> lines;
  std::map<std::string, double> by_stream;  // tCO2e by material
  std::map<std::string, double> by_route;   // tCO2e by route id
  double total = 0;                         // tCO2e
  double tonnes = 0;                        // waste handled
  // kg CO2e per tonne of waste: total / tonnes; absent when no tonnes.
  std::optional<double> average_kg_per_tonne;
};

// kInvalidArgument when any line has a problem (all listed in problems):
// unknown stream or route, a pair without a published factor, negative tonnes.
Result<WasteResult> compute_waste(const std::vector<WasteLine>& lines, const FactorTable& factors,
                                  std::vector<LineProblem>& problems);

// The routes with a published factor for a material, as labels ("Landfill,
// Incineration with energy recovery").
std::vector<const WasteRoute*> routes_for(const FactorTable& factors, const std::string& material);

}  // namespace lgb::carbon
