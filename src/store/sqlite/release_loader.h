// Loads one release into an SQLite store in a single IMMEDIATE transaction,
// row by row (store.h, ReleaseWriter): the release row, area and metric
// upserts, new periods, and the observations as new current revisions,
// buffered and written in key order a chunk at a time. All or nothing.
// Thread-safety: the writer owns the store's write lock and uses the writer
// connection alone until it is destroyed.
#pragma once

#include <memory>
#include <mutex>

#include "core/release.h"
#include "core/result.h"
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace lgb::sqlite {

// kConflict when a release with the same sha256 and format is stored.
Result<std::unique_ptr<ReleaseWriter>> begin_release(Db& db, std::unique_lock<std::mutex> lock,
                                                     const Release& release);

}  // namespace lgb::sqlite
