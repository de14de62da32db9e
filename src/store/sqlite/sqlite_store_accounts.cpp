// SqliteStore as an AccountStore: organisations, users, API keys, sessions,
// reset tokens and the audit log (store/accounts.h). Writes share the
// writer connection; reads borrow a pooled reader, like the data methods.
#include <sqlite3.h>

#include <functional>

#include "store/sql_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace lgb {

using sqlite::Db;
using sqlite::Stmt;
using sqlite::Transaction;

namespace {

using Binder = std::function<void(Stmt&)>;

Status steps(Db& db, Stmt& st, std::string_view context,
             const std::function<void(const Stmt&)>& row) {
  int rc;
  while ((rc = st.step()) == SQLITE_ROW) row(st);
  if (rc != SQLITE_DONE) return db.error(rc, context);
  return ok_status();
}

User read_user(const Stmt& r) {
  User u;
  u.id = r.int64(0);
  u.email = r.text(1);
  u.name = r.text(2);
  u.organisation_id = r.text(3);
  u.role = parse_role(r.text(4)).value_or(Role::kMember);
  u.password_hash = r.text(5);
  u.disabled = r.int64(6) != 0;
  u.failed_sign_ins = static_cast<int>(r.int64(7));
  u.locked_until = r.text(8);
  u.created_at = r.text(9);
  return u;
}
constexpr const char* kUserColumns =
    "SELECT id, email, name, organisation_id, role, password_hash, disabled, failed_sign_ins,"
    " locked_until, created_at FROM users ";

ApiKeyRecord read_key(const Stmt& r) {
  ApiKeyRecord k;
  k.id = r.text(0);
  k.user_id = r.int64(1);
  k.label = r.text(2);
  k.salt = r.text(3);
  k.secret_sha256 = r.text(4);
  k.created_at = r.text(5);
  k.revoked_at = r.text(6);
  k.last_used_on = r.text(7);
  return k;
}
constexpr const char* kKeyColumns =
    "SELECT id, user_id, label, salt, secret_sha256, created_at, revoked_at, last_used_on"
    " FROM api_keys ";

bool is_constraint(const Error& e) { return e.code == ErrorCode::kInvalidArgument; }

}  // namespace

// ---- Generic helpers ---------------------------------------------------------

template <class T, class Read>
Result<std::vector<T>> SqliteStore::read_rows(std::string_view sql, const Binder& bind,
                                              std::string_view context, Read read) {
  auto lease = acquire_reader();
  if (!lease) return lease.error();
  Db& db = lease->db();
  auto st = db.prepare(sql);
  if (!st) return st.error();
  bind(*st);
  std::vector<T> out;
  if (auto s = steps(db, *st, context, [&](const Stmt& r) { out.push_back(read(r)); }); !s)
    return s.error();
  return out;
}

Result<int64_t> SqliteStore::write_row(std::string_view sql, const Binder& bind,
                                       std::string_view context) {
  std::lock_guard lock(write_mu_);
  auto st = writer_.prepare(sql);
  if (!st) return st.error();
  bind(*st);
  if (auto s = writer_.run(*st, context); !s) return s.error();
  return writer_.changes();
}

// ---- Organisations -----------------------------------------------------------

Status SqliteStore::add_organisation(const Organisation& org) {
  if (org.id.empty() || org.name.empty()) return invalid("an organisation needs an id and a name");
  const std::string now = store::utc_now_iso8601();
  auto r = write_row("INSERT INTO organisations (id, name, created_at) VALUES (?1, ?2, ?3)",
                     [&](Stmt& st) {
                       st.bind(1, org.id);
                       st.bind(2, org.name);
                       st.bind(3, now);
                     },
                     "adding organisation " + org.id);
  if (!r && is_constraint(r.error()))
    return conflict("an organisation with id '" + org.id + "' already exists");
  if (!r) return r.error();
  return ok_status();
}

Result<std::vector<Organisation>> SqliteStore::list_organisations() {
  return read_rows<Organisation>(
      "SELECT id, name, created_at FROM organisations ORDER BY id", [](Stmt&) {},
      "listing organisations",
      [](const Stmt& r) { return Organisation{r.text(0), r.text(1), r.text(2)}; });
}

Result<std::optional<Organisation>> SqliteStore::find_organisation(const std::string& id) {
  auto rows = read_rows<Organisation>(
      "SELECT id, name, created_at FROM organisations WHERE id = ?1",
      [&](Stmt& st) { st.bind(1, id); }, "finding organisation",
      [](const Stmt& r) { return Organisation{r.text(0), r.text(1), r.text(2)}; });
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<Organisation>();
  return std::optional<Organisation>(rows->front());
}

// ---- Users -------------------------------------------------------------------

Result<int64_t> SqliteStore::add_user(const User& u) {
  if (u.email.empty() || u.name.empty()) return invalid("a user needs an email and a name");
  std::lock_guard lock(write_mu_);
  Db& db = writer_;
  auto txn = Transaction::begin(db, true);
  if (!txn) return txn.error();
  auto org = db.prepare("SELECT 1 FROM organisations WHERE id = ?1");
  if (!org) return org.error();
  org->bind(1, u.organisation_id);
  if (org->step() != SQLITE_ROW)
    return invalid("unknown organisation '" + u.organisation_id + "'");
  auto dup = db.prepare("SELECT 1 FROM users WHERE email = ?1");
  if (!dup) return dup.error();
  dup->bind(1, u.email);
  if (dup->step() == SQLITE_ROW) return conflict("a user with email '" + u.email + "' already exists");
  auto st = db.prepare(
      "INSERT INTO users (email, name, organisation_id, role, password_hash, disabled,"
      " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!st) return st.error();
  const std::string now = store::utc_now_iso8601();
  st->bind(1, u.email);
  st->bind(2, u.name);
  st->bind(3, u.organisation_id);
  st->bind(4, to_string(u.role));
  st->bind_or_null(5, u.password_hash);
  st->bind(6, int64_t{u.disabled ? 1 : 0});
  st->bind(7, now);
  if (auto s = db.run(*st, "adding user " + u.email); !s) return s.error();
  const int64_t id = db.last_insert_rowid();
  if (auto s = txn->commit(); !s) return s.error();
  return id;
}

Result<std::vector<User>> SqliteStore::list_users() {
  return read_rows<User>(std::string(kUserColumns) + "ORDER BY email", [](Stmt&) {},
                         "listing users", read_user);
}

Result<std::optional<User>> SqliteStore::find_user_by_email(const std::string& email) {
  auto rows = read_rows<User>(std::string(kUserColumns) + "WHERE email = ?1",
                              [&](Stmt& st) { st.bind(1, email); }, "finding user", read_user);
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<User>();
  return std::optional<User>(rows->front());
}

Result<std::optional<User>> SqliteStore::find_user(int64_t id) {
  auto rows = read_rows<User>(std::string(kUserColumns) + "WHERE id = ?1",
                              [&](Stmt& st) { st.bind(1, id); }, "finding user", read_user);
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<User>();
  return std::optional<User>(rows->front());
}

Status SqliteStore::set_user_disabled(int64_t id, bool disabled) {
  auto n = write_row("UPDATE users SET disabled = ?2 WHERE id = ?1",
                     [&](Stmt& st) {
                       st.bind(1, id);
                       st.bind(2, int64_t{disabled ? 1 : 0});
                     },
                     "disabling a user");
  if (!n) return n.error();
  if (*n == 0) return not_found("unknown user " + std::to_string(id));
  return ok_status();
}

Status SqliteStore::set_password_hash(int64_t id, const std::string& hash) {
  auto n = write_row(
      "UPDATE users SET password_hash = ?2, failed_sign_ins = 0, locked_until = NULL"
      " WHERE id = ?1",
      [&](Stmt& st) {
        st.bind(1, id);
        st.bind(2, hash);
      },
      "setting a password");
  if (!n) return n.error();
  if (*n == 0) return not_found("unknown user " + std::to_string(id));
  return ok_status();
}

Status SqliteStore::record_sign_in_attempt(int64_t id, bool success, int failed_sign_ins,
                                           const std::string& locked_until) {
  const std::string until = success ? std::string() : locked_until;  // bound by reference
  auto n = write_row("UPDATE users SET failed_sign_ins = ?2, locked_until = ?3 WHERE id = ?1",
                     [&](Stmt& st) {
                       st.bind(1, id);
                       st.bind(2, int64_t{success ? 0 : failed_sign_ins});
                       st.bind_or_null(3, until);
                     },
                     "recording a sign-in");
  if (!n) return n.error();
  return ok_status();
}

// ---- API keys ----------------------------------------------------------------

Status SqliteStore::add_key(const ApiKeyRecord& k) {
  const std::string created = k.created_at.empty() ? store::utc_now_iso8601() : k.created_at;
  auto r = write_row(
      "INSERT INTO api_keys (id, user_id, label, salt, secret_sha256, created_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      [&](Stmt& st) {
        st.bind(1, k.id);
        st.bind(2, k.user_id);
        st.bind(3, k.label);
        st.bind(4, k.salt);
        st.bind(5, k.secret_sha256);
        st.bind(6, created);
      },
      "adding key " + k.id);
  if (!r && is_constraint(r.error())) return conflict("key '" + k.id + "' already exists");
  if (!r) return r.error();
  return ok_status();
}

Result<std::optional<ApiKeyRecord>> SqliteStore::find_key(const std::string& id) {
  auto rows = read_rows<ApiKeyRecord>(std::string(kKeyColumns) + "WHERE id = ?1",
                                      [&](Stmt& st) { st.bind(1, id); }, "finding key", read_key);
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<ApiKeyRecord>();
  return std::optional<ApiKeyRecord>(rows->front());
}

Result<std::vector<ApiKeyRecord>> SqliteStore::list_keys() {
  return read_rows<ApiKeyRecord>(std::string(kKeyColumns) + "ORDER BY id", [](Stmt&) {},
                                 "listing keys", read_key);
}

Status SqliteStore::revoke_key(const std::string& id) {
  const std::string now = store::utc_now_iso8601();
  auto n = write_row("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?2) WHERE id = ?1",
                     [&](Stmt& st) {
                       st.bind(1, id);
                       st.bind(2, now);
                     },
                     "revoking key " + id);
  if (!n) return n.error();
  if (*n == 0) return not_found("unknown key '" + id + "'");
  return ok_status();
}

Status SqliteStore::set_key_used_on(const std::string& id, const std::string& day) {
  auto n = write_row("UPDATE api_keys SET last_used_on = ?2 WHERE id = ?1",
                     [&](Stmt& st) {
                       st.bind(1, id);
                       st.bind(2, day);
                     },
                     "recording key use");
  if (!n) return n.error();
  return ok_status();
}

// ---- Sessions and reset tokens ---------------------------------------------

Status SqliteStore::add_session(const SessionRecord& s) {
  auto r = write_row(
      "INSERT INTO sessions (token_sha256, user_id, csrf_token, created_at, expires_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5)",
      [&](Stmt& st) {
        st.bind(1, s.token_sha256);
        st.bind(2, s.user_id);
        st.bind(3, s.csrf_token);
        st.bind(4, s.created_at);
        st.bind(5, s.expires_at);
      },
      "adding a session");
  if (!r) return r.error();
  return ok_status();
}

Result<std::optional<SessionRecord>> SqliteStore::find_session(const std::string& token_sha256) {
  auto rows = read_rows<SessionRecord>(
      "SELECT token_sha256, user_id, csrf_token, created_at, expires_at FROM sessions"
      " WHERE token_sha256 = ?1",
      [&](Stmt& st) { st.bind(1, token_sha256); }, "finding a session", [](const Stmt& r) {
        return SessionRecord{r.text(0), r.int64(1), r.text(2), r.text(3), r.text(4)};
      });
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<SessionRecord>();
  return std::optional<SessionRecord>(rows->front());
}

Status SqliteStore::delete_session(const std::string& token_sha256) {
  auto r = write_row("DELETE FROM sessions WHERE token_sha256 = ?1",
                     [&](Stmt& st) { st.bind(1, token_sha256); }, "ending a session");
  if (!r) return r.error();
  return ok_status();
}

Status SqliteStore::delete_sessions_of(int64_t user_id) {
  auto r = write_row("DELETE FROM sessions WHERE user_id = ?1",
                     [&](Stmt& st) { st.bind(1, user_id); }, "ending a user's sessions");
  if (!r) return r.error();
  return ok_status();
}

Status SqliteStore::add_reset_token(const std::string& token_sha256, int64_t user_id,
                                    const std::string& expires_at) {
  auto r = write_row(
      "INSERT INTO reset_tokens (token_sha256, user_id, expires_at) VALUES (?1, ?2, ?3)",
      [&](Stmt& st) {
        st.bind(1, token_sha256);
        st.bind(2, user_id);
        st.bind(3, expires_at);
      },
      "adding a reset token");
  if (!r) return r.error();
  return ok_status();
}

Result<std::optional<int64_t>> SqliteStore::use_reset_token(const std::string& token_sha256,
                                                            const std::string& now) {
  std::lock_guard lock(write_mu_);
  Db& db = writer_;
  auto txn = Transaction::begin(db, true);
  if (!txn) return txn.error();
  auto st = db.prepare(
      "SELECT user_id FROM reset_tokens WHERE token_sha256 = ?1 AND used_at IS NULL"
      " AND expires_at > ?2");
  if (!st) return st.error();
  st->bind(1, token_sha256);
  st->bind(2, now);
  if (st->step() != SQLITE_ROW) return std::optional<int64_t>();
  const int64_t user = st->int64(0);
  auto use = db.prepare("UPDATE reset_tokens SET used_at = ?2 WHERE token_sha256 = ?1");
  if (!use) return use.error();
  use->bind(1, token_sha256);
  use->bind(2, now);
  if (auto s = db.run(*use, "using a reset token"); !s) return s.error();
  if (auto s = txn->commit(); !s) return s.error();
  return std::optional<int64_t>(user);
}

// ---- Audit log ---------------------------------------------------------------

Status SqliteStore::append_audit(const AuditEvent& e) {
  const std::string at = e.at.empty() ? store::utc_now_iso8601() : e.at;
  auto r = write_row(
      "INSERT INTO audit_log (at, actor, action, subject, organisation_id, detail)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      [&](Stmt& st) {
        st.bind(1, at);
        st.bind(2, e.actor);
        st.bind(3, e.action);
        st.bind(4, e.subject);
        st.bind_or_null(5, e.organisation_id);
        st.bind(6, e.detail);
      },
      "appending to the audit log");
  if (!r) return r.error();
  return ok_status();
}

Result<std::vector<AuditEvent>> SqliteStore::list_audit(const AuditQuery& q) {
  std::string sql =
      "SELECT id, at, actor, action, subject, organisation_id, detail FROM audit_log"
      " WHERE (?1 = '' OR action = ?1) AND at >= ?2 ORDER BY id";
  if (q.limit > 0) sql += " DESC LIMIT " + std::to_string(q.limit);
  return read_rows<AuditEvent>(
      sql,
      [&](Stmt& st) {
        st.bind(1, q.action);
        st.bind(2, q.since);
      },
      "reading the audit log",
      [](const Stmt& r) {
        return AuditEvent{r.int64(0), r.text(1), r.text(2), r.text(3),
                          r.text(4),  r.text(5), r.text(6)};
      });
}

}  // namespace lgb
