// Statistical geographies that are not councils and so appear in no council
// register, yet publishers report on them (United Kingdom, Great Britain,
// England and Wales, Inner/Outer London, metropolitan counties, ONS's
// "outside England" pseudo-area, two councils reported together, city
// regions of Wales and Northern Ireland). Recognised by their GSS entity code (the
// first three characters), so any other unknown code is still an error.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "core/area.h"

namespace lgb {

// The AreaType to give a non-council statistical geography with this GSS
// code, or nullopt when the code is not one of them.
std::optional<AreaType> statistical_geography_type(std::string_view code);

}  // namespace lgb
