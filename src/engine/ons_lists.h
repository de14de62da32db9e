// Reader for the ONS "similar areas" neighbour lists bundled in data/groupings
// (AREACD,1,2,...,20 with a UTF-8 byte-order mark). Pure function; thread-safe.
#pragma once

#include <string>

#include "core/result.h"
#include "engine/snapshot.h"

namespace lgb {

// Focus code -> neighbour codes in published order. A malformed line is an
// error naming the file and line.
Result<OnsNeighbourLists> read_ons_neighbour_lists(const std::string& path);

}  // namespace lgb
