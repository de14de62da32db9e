// Loads one ReleaseBatch into an SQLite store in a single IMMEDIATE
// transaction: the release row, area and metric upserts, new periods, and the
// observations as new current revisions. All or nothing.
// Thread-safety: the caller holds the store's write lock and owns db.
#pragma once

#include <cstdint>

#include "core/release.h"
#include "core/result.h"
#include "store/sqlite/sqlite_db.h"

namespace lgb::sqlite {

// Returns the new release id; kConflict when a release with the same sha256
// and format is stored; kInvalidArgument naming the offending row when the
// batch breaks a constraint (unknown area/metric/period, duplicate key).
Result<int64_t> load_release(Db& db, const ReleaseBatch& batch);

}  // namespace lgb::sqlite
