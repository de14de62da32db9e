// Encoders for the change log (engine/history.h): JSON for
// /api/v1/metrics/{id}/changes, and the table its CSV and `lgbench query
// changes` print. Names and labels come from the snapshot the request was
// answered from. Pure functions; thread-safe.
#pragma once

#include <string>

#include "api/csv_encoder.h"
#include "engine/history.h"

namespace lgb::api {

std::string encode_changes(const ChangeLog& log, const Snapshot& s);
// One row per revised value: the release, the area and period, both revisions.
Table changes_table(const ChangeLog& log, const Snapshot& s);

}  // namespace lgb::api
