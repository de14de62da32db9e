// Versioned schema migrations for the SQLite store. The version lives in
// PRAGMA user_version; migration N moves a database from version N-1 to N.
// Thread-safety: call once per database while holding the store's write lock.
#pragma once

#include "core/result.h"
#include "store/sqlite/sqlite_db.h"

namespace lgb::sqlite {

// The schema version this build writes and understands.
int latest_schema_version();

// Brings the database up to latest_schema_version() in one transaction per
// migration. Idempotent: a current database is left untouched (not even its
// bytes change). Fails with kIo for a database written by a newer build.
Status migrate(Db& db);

// Reads PRAGMA user_version.
Result<int> schema_version(Db& db);

}  // namespace lgb::sqlite
