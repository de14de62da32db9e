#include "core/ghg_factor.h"

namespace lgb {

std::string_view to_string(Gas g) {
  switch (g) {
    case Gas::kCO2e: return "CO2e";
    case Gas::kCO2: return "CO2";
    case Gas::kCH4: return "CH4";
    case Gas::kN2O: return "N2O";
  }
  return "CO2e";
}

std::optional<Gas> parse_gas(std::string_view s) {
  for (Gas g : kGases)
    if (s == to_string(g)) return g;
  return std::nullopt;
}

std::string FactorKey::label() const {
  std::string out;
  for (const std::string* part : {&level1, &level2, &level3, &level4, &column_text}) {
    if (part->empty()) continue;
    if (!out.empty()) out += " \u203a ";
    out += *part;
  }
  return out;
}

std::optional<Scope> parse_scope(std::string_view published) {
  if (published == "Scope 1" || published == "Scope1") return Scope::k1;
  if (published == "Scope 2" || published == "Scope2") return Scope::k2;
  if (published == "Scope 3" || published == "Scope3") return Scope::k3;
  if (published == "Outside of Scopes" || published == "OutsideofScopes") return Scope::kOutside;
  return std::nullopt;
}

std::string_view to_string(Scope s) {
  switch (s) {
    case Scope::k1: return "scope-1";
    case Scope::k2: return "scope-2";
    case Scope::k3: return "scope-3";
    case Scope::kOutside: return "outside-of-scopes";
  }
  return "scope-3";
}

std::string_view label_of(Scope s) {
  switch (s) {
    case Scope::k1: return "Scope 1";
    case Scope::k2: return "Scope 2";
    case Scope::k3: return "Scope 3";
    case Scope::kOutside: return "Outside of scopes";
  }
  return "Scope 3";
}

}  // namespace lgb
