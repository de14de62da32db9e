#include "store/sqlite/sqlite_db.h"

#include <sqlite3.h>

#include <chrono>
#include <ctime>

namespace lgb::sqlite {
namespace {

// Long enough to ride out a large load in another process (readers never wait
// in WAL mode; only a second writer does).
constexpr int kBusyTimeoutMs = 30'000;

}  // namespace

ErrorCode error_code_for(int rc) {
  switch (rc & 0xff) {
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_READONLY:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_PERM:
    case SQLITE_PROTOCOL:
    case SQLITE_NOLFS:
      return ErrorCode::kIo;
    case SQLITE_CONSTRAINT:
    case SQLITE_TOOBIG:
    case SQLITE_MISMATCH:
      return ErrorCode::kInvalidArgument;
    default:
      return ErrorCode::kInternal;
  }
}

// ---- Stmt -------------------------------------------------------------------

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(s_);
    s_ = o.s_;
    o.s_ = nullptr;
  }
  return *this;
}

Stmt::~Stmt() { sqlite3_finalize(s_); }

void Stmt::bind(int i, std::string_view text) {
  // A non-null pointer even for "": SQLite binds NULL for a null pointer, and
  // an empty published text must stay an empty string.
  sqlite3_bind_text(s_, i, text.data() ? text.data() : "", static_cast<int>(text.size()),
                    SQLITE_STATIC);
}
void Stmt::bind(int i, int64_t v) { sqlite3_bind_int64(s_, i, v); }
void Stmt::bind(int i, double v) { sqlite3_bind_double(s_, i, v); }
void Stmt::bind(int i, std::optional<double> v) {
  if (v)
    sqlite3_bind_double(s_, i, *v);
  else
    sqlite3_bind_null(s_, i);
}
void Stmt::bind_null(int i) { sqlite3_bind_null(s_, i); }
void Stmt::bind_or_null(int i, std::string_view text) {
  if (text.empty())
    sqlite3_bind_null(s_, i);
  else
    bind(i, text);
}

int Stmt::step() { return sqlite3_step(s_); }

void Stmt::reset() {
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
}

std::string Stmt::text(int col) const {
  // Bytes first, then length: keeps embedded NULs and non-UTF-8 bytes as
  // stored, so published text round-trips byte for byte.
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
  if (!p) return {};
  return std::string(p, static_cast<size_t>(sqlite3_column_bytes(s_, col)));
}
std::string_view Stmt::text_view(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
  if (!p) return {};
  return std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(s_, col)));
}
int64_t Stmt::int64(int col) const { return sqlite3_column_int64(s_, col); }
double Stmt::real(int col) const { return sqlite3_column_double(s_, col); }
std::optional<double> Stmt::real_or_null(int col) const {
  if (sqlite3_column_type(s_, col) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_double(s_, col);
}
bool Stmt::is_null(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }

// ---- Db ---------------------------------------------------------------------

Db& Db::operator=(Db&& o) noexcept {
  if (this != &o) {
    sqlite3_close_v2(db_);
    db_ = o.db_;
    o.db_ = nullptr;
  }
  return *this;
}

Db::~Db() { sqlite3_close_v2(db_); }

Result<Db> Db::open(const std::string& path, bool create) {
  Db db;
  // NOMUTEX: each connection is used by one thread at a time (the pool sees
  // to it), so SQLite's own per-connection mutex would be pure overhead.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &db.db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db.db_ ? sqlite3_errmsg(db.db_) : sqlite3_errstr(rc);
    return io_error("cannot open database '" + path + "': " + msg);
  }
  sqlite3_extended_result_codes(db.db_, 1);
  sqlite3_busy_timeout(db.db_, kBusyTimeoutMs);
  if (auto s = db.exec("PRAGMA foreign_keys = ON"); !s) return s.error();
  return db;
}

Status Db::exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return ok_status();
  std::string msg = err ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  return Error{error_code_for(rc), std::string("SQLite: ") + msg + " (in: " + sql + ")"};
}

Result<Stmt> Db::prepare(std::string_view sql, bool persistent) {
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              persistent ? SQLITE_PREPARE_PERSISTENT : 0, &s, nullptr);
  if (rc != SQLITE_OK) return error(rc, "preparing: " + std::string(sql));
  return Stmt(s);
}

Status Db::run(Stmt& st, std::string_view context) {
  int rc = st.step();
  while (rc == SQLITE_ROW) rc = st.step();
  if (rc != SQLITE_DONE) {
    Error e = error(rc, context);
    st.reset();
    return e;
  }
  st.reset();
  return ok_status();
}

Error Db::error(int rc, std::string_view context) const {
  std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  std::string out(context);
  if (!out.empty()) out += ": ";
  return Error{error_code_for(rc), out + "SQLite: " + msg};
}

int64_t Db::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int64_t Db::changes() const { return sqlite3_changes64(db_); }
bool Db::in_transaction() const { return db_ && sqlite3_get_autocommit(db_) == 0; }

// ---- Transaction ------------------------------------------------------------

Result<Transaction> Transaction::begin(Db& db, bool immediate) {
  if (auto s = db.exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN"); !s) return s.error();
  return Transaction(&db);
}

Transaction::~Transaction() {
  // SQLite may already have rolled back by itself (e.g. on SQLITE_FULL);
  // ROLLBACK is only valid while a transaction is open.
  if (db_ && db_->in_transaction()) (void)db_->exec("ROLLBACK");
}

Status Transaction::commit() {
  Status s = db_->exec("COMMIT");
  if (s) db_ = nullptr;
  return s;
}

}  // namespace lgb::sqlite
