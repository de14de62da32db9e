// Versioned schema migrations for the PostgreSQL store. Applied versions are
// rows of schema_migrations; migration N moves a database from N-1 to N.
// The tables mirror the SQLite store's (docs/data-model.md) so that
// `lgbench migrate` copies every row as it is.
// Thread-safety: any number of processes may call migrate() at once; an
// advisory lock lets one of them migrate and the others then find it done.
#pragma once

#include <pqxx/connection>

#include "core/result.h"

namespace lgb::pg {

// The schema version this build writes and understands.
int latest_schema_version();

// Brings the database (its current schema, i.e. the first on search_path)
// up to latest_schema_version() in one transaction. Writes nothing when it
// is already current, so a read-only standby can be opened. Fails with kIo
// for a database migrated by a newer build.
Status migrate(pqxx::connection& c);

// The applied version; 0 for an empty database.
Result<int> schema_version(pqxx::connection& c);

// pg_advisory_xact_lock keys (two int4): writers of releases, groups and
// ratios take kWriteLock so loads serialise across processes as SQLite's
// BEGIN IMMEDIATE does; migrations take kMigrateLock.
inline constexpr const char* kWriteLock = "SELECT pg_advisory_xact_lock(27751, 1)";
inline constexpr const char* kMigrateLock = "SELECT pg_advisory_xact_lock(27751, 2)";

// Every committed write (a release, a group, a ratio) sends a notification
// on this channel, so replicas rebuild their snapshot at once (pg_listener.h).
inline constexpr const char* kChangeChannel = "lgbench_store_changed";

}  // namespace lgb::pg
