// Area lists and period lists written the way LG Inform's Web API writes
// them, resolved against one Snapshot, for the /lginform/ endpoints
// (docs/lginform-compat.md):
//   E08000035,E08000036             GSS codes
//   AllBoroughInRegion_London       every current council of a type in a
//   AllLaInCountry_England          region (by name or E12 code) or England
//   E08000035_CIPFA_Near_Neighbours the council and its nearest neighbours
//                                   from our open model (docs/methods.md)
//   E06000001:AdministrativeWard    children: we hold none, a clear 400
// Periods: "latest", "latest:N" (the N latest periods holding the metric's
// values) or explicit period ids.
// Errors: kInvalidArgument (400) naming the item; kNotFound for an unknown
// code or a metric the caller may not see.
// Thread-safety: pure functions of a const Snapshot.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "engine/access.h"
#include "engine/snapshot.h"

namespace lgb {

// Area codes in the order given (a set's members by code), without repeats;
// at most 1000.
Result<std::vector<std::string>> resolve_area_list(const Snapshot& s, const Access& access,
                                                   const std::string& spec);

// Period ids of the metric, oldest first.
Result<std::vector<std::string>> resolve_period_list(const Snapshot& s, const Access& access,
                                                     const std::string& metric_id,
                                                     const std::string& spec);

}  // namespace lgb
