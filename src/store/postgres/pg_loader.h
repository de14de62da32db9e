// Loads one ReleaseBatch into the PostgreSQL store inside the caller's
// transaction (which holds the write lock): the release row, area and metric
// upserts, new periods, then the observations streamed with COPY into a
// temporary table and applied set-wise (references checked, older revisions
// superseded, new ones inserted, rows per metric counted). All or nothing:
// the caller commits only on success.
// Thread-safety: one call per transaction; the transaction's connection is
// the caller's alone.
#pragma once

#include <cstdint>

#include <pqxx/transaction_base>

#include "core/release.h"
#include "core/result.h"

namespace lgb::pg {

// What PostgreSQL cannot store, checked before any connection is used: text
// that is not UTF-8 or holds a NUL byte, a release without a format.
// kInvalidArgument naming the row and field.
Status check_batch(const ReleaseBatch& batch);

// Returns the new release id; kConflict when a release with the same sha256
// and format is stored; kInvalidArgument naming the offending observation
// when it names an unknown area or metric or repeats a key. Notifies
// kChangeChannel (delivered on commit).
Result<int64_t> load_release(pqxx::dbtransaction& tx, const ReleaseBatch& batch);

}  // namespace lgb::pg
