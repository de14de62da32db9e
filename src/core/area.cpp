#include "core/area.h"

#include <array>
#include <utility>

namespace lgb {
namespace {

constexpr std::array<std::pair<AreaType, std::string_view>, 10> kNames{{
    {AreaType::kCountry, "country"},
    {AreaType::kRegion, "region"},
    {AreaType::kCounty, "county"},
    {AreaType::kDistrict, "district"},
    {AreaType::kUnitary, "unitary"},
    {AreaType::kMetropolitanDistrict, "metropolitan-district"},
    {AreaType::kLondonBorough, "london-borough"},
    {AreaType::kCombinedAuthority, "combined-authority"},
    {AreaType::kFireAuthority, "fire-authority"},
    {AreaType::kOther, "other"},
}};

}  // namespace

std::string_view to_string(AreaType type) {
  for (const auto& [t, name] : kNames)
    if (t == type) return name;
  return "other";
}

std::optional<AreaType> parse_area_type(std::string_view name) {
  for (const auto& [t, n] : kNames)
    if (n == name) return t;
  return std::nullopt;
}

bool is_upper_tier(AreaType type) {
  return type == AreaType::kCounty || type == AreaType::kUnitary ||
         type == AreaType::kMetropolitanDistrict || type == AreaType::kLondonBorough;
}

bool is_gss_code(std::string_view s) {
  if (s.size() != 9 || s[0] < 'A' || s[0] > 'Z') return false;
  for (size_t i = 1; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

bool is_lower_tier(AreaType type) {
  return type == AreaType::kDistrict || type == AreaType::kUnitary ||
         type == AreaType::kMetropolitanDistrict || type == AreaType::kLondonBorough;
}

}  // namespace lgb
