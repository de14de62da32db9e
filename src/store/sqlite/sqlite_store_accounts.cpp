// SqliteStore as an AccountStore: organisations, users, API keys, sessions,
// reset tokens and the audit log (store/accounts.h). Writes share the
// writer connection; reads borrow a pooled reader, like the data methods.
#include <sqlite3.h>

#include "store/account_rows.h"
#include "store/sql_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace lgb {

using sqlite::Db;
using sqlite::Stmt;
using sqlite::Transaction;
using OrNull = sqlite::Stmt::NullIfEmpty;

namespace {

bool is_constraint(const Error& e) { return e.code == ErrorCode::kInvalidArgument; }

// A write whose only answer is whether it worked.
Status done(const Result<int64_t>& changed) {
  if (!changed) return changed.error();
  return ok_status();
}

// An UPDATE of one user or key: kNotFound when it matched nothing.
Status changed_one(const Result<int64_t>& changed, const std::string& what) {
  if (!changed) return changed.error();
  if (*changed == 0) return not_found("unknown " + what);
  return ok_status();
}

}  // namespace

// ---- Organisations -----------------------------------------------------------

Status SqliteStore::add_organisation(const Organisation& org) {
  if (org.id.empty() || org.name.empty()) return invalid("an organisation needs an id and a name");
  auto r = write_row("INSERT INTO organisations (id, name, created_at) VALUES (?1, ?2, ?3)",
                     "adding organisation " + org.id, org.id, org.name, store::utc_now_iso8601());
  if (!r && is_constraint(r.error()))
    return conflict("an organisation with id '" + org.id + "' already exists");
  return done(r);
}

Result<std::vector<Organisation>> SqliteStore::list_organisations() {
  return read_rows<Organisation>(std::string(store::kOrganisationColumns) + "ORDER BY id",
                                 "listing organisations", store::organisation_from_row<Stmt>);
}

Result<std::optional<Organisation>> SqliteStore::find_organisation(const std::string& id) {
  return store::first_row(read_rows<Organisation>(
      std::string(store::kOrganisationColumns) + "WHERE id = ?1", "finding organisation",
      store::organisation_from_row<Stmt>, id));
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
  st->bind_all(u.email, u.name, u.organisation_id, to_string(u.role), OrNull{u.password_hash},
               u.disabled ? 1 : 0, now);
  if (auto s = db.run(*st, "adding user " + u.email); !s) return s.error();
  const int64_t id = db.last_insert_rowid();
  if (auto s = txn->commit(); !s) return s.error();
  return id;
}

Result<std::vector<User>> SqliteStore::list_users() {
  return read_rows<User>(std::string(store::kUserColumns) + "ORDER BY email", "listing users",
                         store::user_from_row<Stmt>);
}

Result<std::optional<User>> SqliteStore::find_user_by_email(const std::string& email) {
  return store::first_row(read_rows<User>(std::string(store::kUserColumns) + "WHERE email = ?1",
                                          "finding user", store::user_from_row<Stmt>, email));
}

Result<std::optional<User>> SqliteStore::find_user(int64_t id) {
  return store::first_row(read_rows<User>(std::string(store::kUserColumns) + "WHERE id = ?1",
                                          "finding user", store::user_from_row<Stmt>, id));
}

Status SqliteStore::set_user_disabled(int64_t id, bool disabled) {
  return changed_one(write_row("UPDATE users SET disabled = ?2 WHERE id = ?1", "disabling a user",
                               id, disabled ? 1 : 0),
                     "user " + std::to_string(id));
}

Status SqliteStore::set_password_hash(int64_t id, const std::string& hash) {
  return changed_one(
      write_row("UPDATE users SET password_hash = ?2, failed_sign_ins = 0, locked_until = NULL"
                " WHERE id = ?1",
                "setting a password", id, hash),
      "user " + std::to_string(id));
}

Status SqliteStore::record_sign_in_attempt(int64_t id, bool success, int failed_sign_ins,
                                           const std::string& locked_until) {
  return done(write_row("UPDATE users SET failed_sign_ins = ?2, locked_until = ?3 WHERE id = ?1",
                        "recording a sign-in", id, success ? 0 : failed_sign_ins,
                        OrNull{success ? std::string_view() : locked_until}));
}

// ---- API keys ----------------------------------------------------------------

Status SqliteStore::add_key(const ApiKeyRecord& k) {
  auto r = write_row(
      "INSERT INTO api_keys (id, user_id, label, salt, secret_sha256, created_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      "adding key " + k.id, k.id, k.user_id, k.label, k.salt, k.secret_sha256,
      k.created_at.empty() ? store::utc_now_iso8601() : k.created_at);
  if (!r && is_constraint(r.error())) return conflict("key '" + k.id + "' already exists");
  return done(r);
}

Result<std::optional<ApiKeyRecord>> SqliteStore::find_key(const std::string& id) {
  return store::first_row(read_rows<ApiKeyRecord>(std::string(store::kKeyColumns) + "WHERE id = ?1",
                                                  "finding key", store::key_from_row<Stmt>, id));
}

Result<std::vector<ApiKeyRecord>> SqliteStore::list_keys() {
  return read_rows<ApiKeyRecord>(std::string(store::kKeyColumns) + "ORDER BY id", "listing keys",
                                 store::key_from_row<Stmt>);
}

Status SqliteStore::revoke_key(const std::string& id) {
  return changed_one(
      write_row("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?2) WHERE id = ?1",
                "revoking key " + id, id, store::utc_now_iso8601()),
      "key '" + id + "'");
}

Status SqliteStore::set_key_used_on(const std::string& id, const std::string& day) {
  return done(write_row("UPDATE api_keys SET last_used_on = ?2 WHERE id = ?1", "recording key use",
                        id, day));
}

// ---- Sessions and reset tokens ---------------------------------------------

Status SqliteStore::add_session(const SessionRecord& s) {
  return done(write_row(
      "INSERT INTO sessions (token_sha256, user_id, csrf_token, created_at, expires_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5)",
      "adding a session", s.token_sha256, s.user_id, s.csrf_token, s.created_at, s.expires_at));
}

Result<std::optional<SessionRecord>> SqliteStore::find_session(const std::string& token_sha256) {
  return store::first_row(read_rows<SessionRecord>(
      std::string(store::kSessionColumns) + "WHERE token_sha256 = ?1", "finding a session",
      store::session_from_row<Stmt>, token_sha256));
}

Status SqliteStore::delete_session(const std::string& token_sha256) {
  return done(write_row("DELETE FROM sessions WHERE token_sha256 = ?1", "ending a session",
                        token_sha256));
}

Status SqliteStore::delete_sessions_of(int64_t user_id) {
  return done(
      write_row("DELETE FROM sessions WHERE user_id = ?1", "ending a user's sessions", user_id));
}

Status SqliteStore::add_reset_token(const std::string& token_sha256, int64_t user_id,
                                    const std::string& expires_at) {
  return done(write_row(
      "INSERT INTO reset_tokens (token_sha256, user_id, expires_at) VALUES (?1, ?2, ?3)",
      "adding a reset token", token_sha256, user_id, expires_at));
}

Result<std::optional<int64_t>> SqliteStore::use_reset_token(const std::string& token_sha256,
                                                            const std::string& now) {
  // One statement: two requests with the same token cannot both use it.
  std::lock_guard lock(write_mu_);
  auto st = writer_.prepare(
      "UPDATE reset_tokens SET used_at = ?2 WHERE token_sha256 = ?1 AND used_at IS NULL"
      " AND expires_at > ?2 RETURNING user_id");
  if (!st) return st.error();
  st->bind_all(token_sha256, now);
  std::optional<int64_t> user;
  if (auto s = sqlite::each_row(writer_, *st, "using a reset token",
                                [&](const Stmt& r) { user = r.int64(0); });
      !s)
    return s.error();
  return user;
}

// ---- Audit log ---------------------------------------------------------------

Status SqliteStore::append_audit(const AuditEvent& e) {
  return done(write_row(
      "INSERT INTO audit_log (at, actor, action, subject, organisation_id, detail)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      "appending to the audit log", e.at.empty() ? store::utc_now_iso8601() : e.at, e.actor,
      e.action, e.subject, OrNull{e.organisation_id}, e.detail));
}

Result<std::vector<AuditEvent>> SqliteStore::list_audit(const AuditQuery& q) {
  return read_rows<AuditEvent>(store::audit_query_sql(q, "?1", "?2"), "reading the audit log",
                               store::audit_event_from_row<Stmt>, q.action, q.since);
}

}  // namespace lgb
