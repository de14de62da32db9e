// Thin RAII wrappers over one sqlite3 connection (Db) and one prepared
// statement (Stmt), turning SQLite result codes into lgb::Error values.
// Thread-safety: a Db and its Stmts are used by one thread at a time; the
// store's connection pool (sqlite_store.h) guarantees that.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <sqlite3.h>

#include "core/result.h"

namespace lgb::sqlite {

// Maps an SQLite result code to our error codes: disk, file, lock and
// corruption problems are kIo; constraint failures kInvalidArgument (the
// caller usually rewrites them with the offending row); the rest kInternal.
ErrorCode error_code_for(int rc);

class Stmt {
 public:
  Stmt() = default;
  explicit Stmt(sqlite3_stmt* s) : s_(s) {}
  Stmt(Stmt&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  // Binds by 1-based index. Text is bound without copying (SQLITE_STATIC):
  // the caller keeps it alive until the statement is stepped and reset,
  // which every call site does within one loop iteration.
  void bind(int i, std::string_view text);
  void bind(int i, int64_t v);
  void bind(int i, double v);
  void bind(int i, std::optional<double> v);
  void bind(int i, int v) { bind(i, int64_t{v}); }
  void bind_null(int i);
  // Binds NULL for an empty string: optional text columns keep NULL for
  // "unknown" so a PostgreSQL mapping can use real DATE columns.
  void bind_or_null(int i, std::string_view text);
  // Binds args in order to ?1, ?2, ... or to $1, $2, ... (the statements
  // both SQL stores share are written with PostgreSQL's $N; SQLite numbers
  // such a parameter by where it first appears, so look it up by name).
  template <class... Args>
  void bind_all(const Args&... args) {
    int i = 0;
    (bind(index_of(++i), args), ...);
  }

  // sqlite3_step's result code (SQLITE_ROW, SQLITE_DONE or an error).
  int step();
  // Resets and clears bindings for the next row.
  void reset();

  std::string text(int col) const;  // NULL reads as ""
  // The same bytes without a copy: valid until the next step or reset.
  std::string_view text_view(int col) const;
  int64_t int64(int col) const;
  double real(int col) const;
  std::optional<double> real_or_null(int col) const;
  bool is_null(int col) const;
  // An integer column holding a 0/1 flag.
  bool flag(int col) const { return int64(col) != 0; }

  sqlite3_stmt* get() const { return s_; }

 private:
  // The index of parameter $n, or n when the statement has no such name.
  int index_of(int n) const {
    const std::string name = "$" + std::to_string(n);
    const int i = sqlite3_bind_parameter_index(s_, name.c_str());
    return i > 0 ? i : n;
  }

  sqlite3_stmt* s_ = nullptr;
};

class Db {
 public:
  Db() = default;
  Db(Db&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Db& operator=(Db&& o) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  // Opens (creating when create is true) and applies the per-connection
  // settings: foreign keys on, busy timeout, extended result codes.
  static Result<Db> open(const std::string& path, bool create);

  Status exec(const char* sql);
  // persistent: a hint that the statement is reused for many rows.
  Result<Stmt> prepare(std::string_view sql, bool persistent = false);
  // Steps a statement that returns no rows (or whose rows are ignored).
  Status run(Stmt& st, std::string_view context);
  // Error for result code rc, with SQLite's message and our context.
  Error error(int rc, std::string_view context) const;

  int64_t last_insert_rowid() const;
  int64_t changes() const;  // rows changed by the last statement
  bool in_transaction() const;
  sqlite3* get() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

// Rolls back unless commit() succeeded: one release loads whole or not at all.
class Transaction {
 public:
  // immediate: take the write lock now (BEGIN IMMEDIATE) rather than on the
  // first write, so a writer never fails half-way on a lock upgrade.
  static Result<Transaction> begin(Db& db, bool immediate);
  Transaction(Transaction&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status commit();

 private:
  explicit Transaction(Db* db) : db_(db) {}
  Db* db_ = nullptr;
};

// Steps a read statement, calling row(st) for each row. row returns void, or
// a Status so that a bad stored value stops the scan with a clear error.
template <class F>
Status each_row(Db& db, Stmt& st, std::string_view context, F&& row) {
  int rc;
  while ((rc = st.step()) == SQLITE_ROW) {
    if constexpr (std::is_void_v<decltype(row(st))>) {
      row(st);
    } else {
      if (Status s = row(st); !s) return s;
    }
  }
  if (rc != SQLITE_DONE) return db.error(rc, context);
  return ok_status();
}

}  // namespace lgb::sqlite
