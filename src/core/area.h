// Area: a council or other statistical geography, keyed by its GSS code.
// Plain value type; no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lgb {

enum class AreaType {
  kCountry,
  kRegion,
  kCounty,                // upper-tier county council (two-tier area)
  kDistrict,              // lower-tier (non-metropolitan) district
  kUnitary,
  kMetropolitanDistrict,
  kLondonBorough,         // includes the City of London
  kCombinedAuthority,
  kFireAuthority,
  kOther,
};

// Stable lower-case names used in the API and the store ("london-borough").
std::string_view to_string(AreaType type);
std::optional<AreaType> parse_area_type(std::string_view name);

// Tier used to compare like with like: upper tier holds social care, education
// (counties, unitaries, metropolitan districts, London boroughs); lower tier
// holds waste collection, planning (districts, unitaries, metropolitan
// districts, London boroughs). Single-tier councils are in both.
bool is_upper_tier(AreaType type);
bool is_lower_tier(AreaType type);

// A GSS code: a capital letter and 8 digits ("E08000035"). Syntax only.
bool is_gss_code(std::string_view s);

struct Area {
  std::string code;          // GSS code, e.g. E08000035
  std::string name;
  AreaType type = AreaType::kOther;
  std::string region_code;   // E12..., empty for countries and regions
  std::string parent_code;   // county for a district; empty otherwise
  std::string start_date;    // ISO date, empty when unknown
  std::string end_date;      // ISO date, empty while current
  std::vector<std::string> successor_codes;

  bool is_current() const { return end_date.empty(); }
};

}  // namespace lgb
