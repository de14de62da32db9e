// Copying an SQLite store into PostgreSQL row for row (`lgbench migrate`),
// and checking a copy. Every table is copied as it is: release ids, load
// times and provenance, every revision of every value with its current flag,
// release_metrics, groups and ratios, and the accounts (organisations, users
// with their ids and password hashes, API keys, sessions, reset tokens, the
// audit log); nothing is re-derived by reloading.
// The check reads each side independently: per table, the row count and a
// SHA-256 over every row in key order (each field in one canonical text form:
// numbers as their shortest exact decimal, booleans as 0/1, NULL distinct
// from empty text).
// Thread-safety: each call opens its own connections; the copy holds the
// PostgreSQL store's write lock, so loads into the target wait for it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"

namespace lgb::pg {

struct CopyOptions {
  // Empty the target first (in the same transaction). Without it, a target
  // holding anything is refused (kConflict).
  bool replace = false;
  // Copy the data only: the accounts tables (organisations, users, keys,
  // sessions, reset tokens, the audit log) are left behind, their rows
  // counted in CopyResult::accounts_left.
  bool without_accounts = false;
  // Called after each table is copied.
  std::function<void(const std::string& table, int64_t rows)> progress;
};

struct CopyResult {
  int64_t rows = 0;  // in every table
  // Tables of the SQLite file this build does not copy; each was empty
  // (a table with rows stops the copy).
  std::vector<std::string> empty_tables_left;
  // Accounts tables left behind (without_accounts), with their rows.
  std::vector<std::pair<std::string, int64_t>> accounts_left;
};

// Both stores must already be at this build's schema (open each once with
// open_sqlite_store / open_postgres_store). All or nothing: one PostgreSQL
// transaction, reading one consistent snapshot of the SQLite file; running
// replicas are notified on commit. Fails with kInvalidArgument, naming the
// table, when the SQLite file holds rows in a table this build cannot copy.
Result<CopyResult> copy_sqlite_to_postgres(const std::string& sqlite_path, const std::string& url,
                                           const CopyOptions& options);

struct TableCheck {
  std::string table;
  int64_t source_rows = 0, target_rows = 0;
  std::string source_sha256, target_sha256;  // hex
  bool same() const { return source_rows == target_rows && source_sha256 == target_sha256; }
};

// The count and checksum of every copied table, in both stores (the
// accounts tables only when with_accounts).
Result<std::vector<TableCheck>> check_copy(const std::string& sqlite_path, const std::string& url,
                                           bool with_accounts = true);

}  // namespace lgb::pg
