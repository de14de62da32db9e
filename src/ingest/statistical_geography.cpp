#include "ingest/statistical_geography.h"

#include <array>
#include <utility>

namespace lgb {
namespace {

// GSS entity codes (ONS Register of Geographic Codes).
constexpr std::array<std::pair<std::string_view, AreaType>, 9> kEntities{{
    {"K02", AreaType::kCountry},  // United Kingdom
    {"K03", AreaType::kCountry},  // Great Britain
    {"K04", AreaType::kCountry},  // England and Wales
    {"E11", AreaType::kOther},    // metropolitan county (no council since 1986)
    {"E13", AreaType::kOther},    // Inner London / Outer London
    {"K99", AreaType::kOther},    // ONS pseudo-areas, e.g. "Outside of England and Unknown"
    {"E67", AreaType::kOther},    // two councils reported together ("Isles of Scilly, Cornwall")
    {"W42", AreaType::kOther},    // Welsh city and growth deal regions
    {"N34", AreaType::kOther},    // Northern Ireland city and growth deal regions
}};

}  // namespace

std::optional<AreaType> statistical_geography_type(std::string_view code) {
  if (code.size() != 9) return std::nullopt;
  for (const auto& [prefix, type] : kEntities)
    if (code.substr(0, 3) == prefix) return type;
  return std::nullopt;
}

}  // namespace lgb
