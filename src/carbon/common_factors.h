// The factors councils use most, by category: the choices the web form
// offers (any other published factor can be used through the CSV template or
// the API by its levels and unit). Each has a short stable id for forms.
// Constant data; thread-safe.
#pragma once

#include <string_view>

#include "core/ghg_factor.h"

namespace lgb::carbon {

struct CommonFactor {
  std::string_view id;
  std::string_view category;  // the category it is usually recorded under
  std::string_view label;     // what the form shows
  std::string_view level1, level2, level3, level4, column_text, unit;

  FactorKey key() const {
    return {std::string(level1), std::string(level2), std::string(level3),
            std::string(level4), std::string(column_text), std::string(unit)};
  }
};

inline constexpr CommonFactor kCommonFactors[] = {
    {"electricity", "buildings", "Electricity (kWh)", "UK electricity", "Electricity generated", "Electricity: UK", "kWh", "", "kWh"},
    {"electricity-td", "buildings", "Electricity transmission and distribution losses (kWh)", "Transmission and distribution", "T&D- UK electricity", "Electricity: UK", "kWh", "", "kWh"},
    {"natural-gas-kwh", "buildings", "Natural gas (kWh, gross CV)", "Fuels", "Gaseous fuels", "Natural gas", "", "", "kWh (Gross CV)"},
    {"natural-gas-m3", "buildings", "Natural gas (cubic metres)", "Fuels", "Gaseous fuels", "Natural gas", "", "", "cubic metres"},
    {"gas-oil", "buildings", "Gas oil (litres)", "Fuels", "Liquid fuels", "Gas oil", "", "", "litres"},
    {"burning-oil", "buildings", "Heating oil: burning oil (litres)", "Fuels", "Liquid fuels", "Burning oil", "", "", "litres"},
    {"lpg-litres", "buildings", "LPG (litres)", "Fuels", "Gaseous fuels", "LPG", "", "", "litres"},
    {"lpg-kwh", "buildings", "LPG (kWh, gross CV)", "Fuels", "Gaseous fuels", "LPG", "", "", "kWh (Gross CV)"},
    {"wood-pellets", "buildings", "Biomass: wood pellets (tonnes)", "Bioenergy", "Biomass", "Wood pellets", "", "", "tonnes"},
    {"wood-chips", "buildings", "Biomass: wood chips (tonnes)", "Bioenergy", "Biomass", "Wood chips", "", "", "tonnes"},
    {"district-heat", "buildings", "District heat and steam (kWh)", "Heat and steam", "Heat and steam", "District heat and steam", "kWh", "", "kWh"},
    {"diesel", "fleet", "Diesel, average biofuel blend (litres)", "Fuels", "Liquid fuels", "Diesel (average biofuel blend)", "", "", "litres"},
    {"petrol", "fleet", "Petrol, average biofuel blend (litres)", "Fuels", "Liquid fuels", "Petrol (average biofuel blend)", "", "", "litres"},
    {"van-diesel-km", "fleet", "Van up to 3.5 tonnes, diesel (km)", "Delivery vehicles", "Vans", "Average (up to 3.5 tonnes)", "", "Diesel", "km"},
    {"van-electric-km", "fleet", "Van up to 3.5 tonnes, battery electric (km)", "Delivery vehicles", "Vans", "Average (up to 3.5 tonnes)", "", "Battery Electric Vehicle", "km"},
    {"hgv-km", "fleet", "HGV, all diesel, average laden (km)", "Delivery vehicles", "HGV (all diesel)", "All HGVs", "", "Average laden", "km"},
    {"car-diesel-km", "fleet", "Pool car, average, diesel (km)", "Passenger vehicles", "Cars (by size)", "Average car", "", "Diesel", "km"},
    {"grey-fleet-km", "business-travel", "Grey fleet: own car, fuel unknown (km)", "Business travel- land", "Cars (by size)", "Average car", "", "Unknown", "km"},
    {"grey-fleet-miles", "business-travel", "Grey fleet: own car, fuel unknown (miles)", "Business travel- land", "Cars (by size)", "Average car", "", "Unknown", "miles"},
    {"rail", "business-travel", "National rail (passenger km)", "Business travel- land", "Rail", "National rail", "", "", "passenger.km"},
    {"flight-domestic", "business-travel", "Flights, domestic, with radiative forcing (passenger km)", "Business travel- air", "Flights", "Domestic, to/from UK", "Average passenger", "With RF", "passenger.km"},
    {"flight-short-haul", "business-travel", "Flights, short-haul, with radiative forcing (passenger km)", "Business travel- air", "Flights", "Short-haul, to/from UK", "Average passenger", "With RF", "passenger.km"},
    {"flight-long-haul", "business-travel", "Flights, long-haul, with radiative forcing (passenger km)", "Business travel- air", "Flights", "Long-haul, to/from UK", "Average passenger", "With RF", "passenger.km"},
    {"water-supply", "water", "Water supply (cubic metres)", "Water supply", "Water supply", "Water supply", "", "", "cubic metres"},
    {"water-treatment", "water", "Water treatment (cubic metres)", "Water treatment", "Water treatment", "Water treatment", "", "", "cubic metres"},
    {"ci-waste-landfill", "waste", "Commercial and industrial waste to landfill (tonnes)", "Waste disposal", "Refuse", "Commercial and industrial waste", "", "Landfill", "tonnes"},
    {"ci-waste-combustion", "waste", "Commercial and industrial waste to energy recovery (tonnes)", "Waste disposal", "Refuse", "Commercial and industrial waste", "", "Combustion", "tonnes"},
    {"paper", "procurement", "Paper, primary production (tonnes)", "Material use", "Paper", "Paper and board: paper", "", "Primary material production", "tonnes"},
    {"construction", "procurement", "Construction materials, average, primary (tonnes)", "Material use", "Construction", "Average construction", "", "Primary material production", "tonnes"},
};

inline const CommonFactor* find_common_factor(std::string_view id) {
  for (const auto& f : kCommonFactors)
    if (f.id == id) return &f;
  return nullptr;
}
// The common factor with this key, if it is one.
inline const CommonFactor* common_factor_of(const FactorKey& key) {
  for (const auto& f : kCommonFactors)
    if (f.key() == key) return &f;
  return nullptr;
}

}  // namespace lgb::carbon
