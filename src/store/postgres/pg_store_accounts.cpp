// PgStore as an AccountStore: organisations, users, API keys, sessions, reset
// tokens and the audit log (store/accounts.h), in the tables of migration 4,
// which mirror the SQLite store's. The class is declared in pg_store.h.
// Each call is one statement or one short transaction without the writers'
// lock, so sign-ins and key checks never wait for a release load; every
// replica on the database sees the same users, sessions and lock-outs.
#include "store/account_rows.h"
#include "store/postgres/pg_rows.h"
#include "store/sql_rows.h"

namespace lgb {

using pg::PgRow;

namespace {

bool is_constraint(const Error& e) { return e.code == ErrorCode::kInvalidArgument; }

Status done(const Result<int64_t>& changed) {
  if (!changed) return changed.error();
  return ok_status();
}

Status changed_one(const Result<int64_t>& changed, const std::string& what) {
  if (!changed) return changed.error();
  if (*changed == 0) return not_found("unknown " + what);
  return ok_status();
}

}  // namespace

// ---- Organisations -----------------------------------------------------------

Status PgStore::add_organisation(const Organisation& org) {
  if (org.id.empty() || org.name.empty()) return invalid("an organisation needs an id and a name");
  auto r = write_row("INSERT INTO organisations (id, name, created_at) VALUES ($1, $2, $3)"
                     " ON CONFLICT (id) DO NOTHING",
                     "adding organisation " + org.id, org.id, org.name, store::utc_now_iso8601());
  if (r && *r == 0) return conflict("an organisation with id '" + org.id + "' already exists");
  return done(r);
}

Result<std::vector<Organisation>> PgStore::list_organisations() {
  return read_rows<Organisation>(std::string(store::kOrganisationColumns) + "ORDER BY id",
                                 "listing organisations", store::organisation_from_row<PgRow>);
}

Result<std::optional<Organisation>> PgStore::find_organisation(const std::string& id) {
  return store::first_row(read_rows<Organisation>(
      std::string(store::kOrganisationColumns) + "WHERE id = $1", "finding organisation",
      store::organisation_from_row<PgRow>, id));
}

// ---- Users -------------------------------------------------------------------

Result<int64_t> PgStore::add_user(const User& u) {
  if (u.email.empty() || u.name.empty()) return invalid("a user needs an email and a name");
  int64_t id = 0;
  Status s = write(
      "adding user " + u.email,
      [&](pqxx::dbtransaction& tx) -> Status {
        if (tx.exec_params("SELECT 1 FROM organisations WHERE id = $1", u.organisation_id).empty())
          return invalid("unknown organisation '" + u.organisation_id + "'");
        // ON CONFLICT: two requests adding the same email at once get one
        // user and one kConflict, not a constraint error.
        auto r = tx.exec_params(
            "INSERT INTO users (email, name, organisation_id, role, password_hash, disabled,"
            " created_at) VALUES ($1, $2, $3, $4, NULLIF($5, ''), $6, $7)"
            " ON CONFLICT (email) DO NOTHING RETURNING id",
            u.email, u.name, u.organisation_id, std::string(to_string(u.role)), u.password_hash,
            u.disabled, store::utc_now_iso8601());
        if (r.empty()) return conflict("a user with email '" + u.email + "' already exists");
        id = r[0][0].as<int64_t>();
        return ok_status();
      },
      WriteLock::kNone);
  if (!s) return s.error();
  return id;
}

Result<std::vector<User>> PgStore::list_users() {
  return read_rows<User>(std::string(store::kUserColumns) + "ORDER BY email", "listing users",
                         store::user_from_row<PgRow>);
}

Result<std::optional<User>> PgStore::find_user_by_email(const std::string& email) {
  return store::first_row(read_rows<User>(std::string(store::kUserColumns) + "WHERE email = $1",
                                          "finding user", store::user_from_row<PgRow>, email));
}

Result<std::optional<User>> PgStore::find_user(int64_t id) {
  return store::first_row(read_rows<User>(std::string(store::kUserColumns) + "WHERE id = $1",
                                          "finding user", store::user_from_row<PgRow>, id));
}

Status PgStore::set_user_disabled(int64_t id, bool disabled) {
  return changed_one(write_row("UPDATE users SET disabled = $2 WHERE id = $1", "disabling a user",
                               id, disabled),
                     "user " + std::to_string(id));
}

Status PgStore::set_password_hash(int64_t id, const std::string& hash) {
  return changed_one(
      write_row("UPDATE users SET password_hash = $2, failed_sign_ins = 0, locked_until = NULL"
                " WHERE id = $1",
                "setting a password", id, hash),
      "user " + std::to_string(id));
}

Status PgStore::record_sign_in_attempt(int64_t id, bool success, int failed_sign_ins,
                                       const std::string& locked_until) {
  return done(write_row(
      "UPDATE users SET failed_sign_ins = $2, locked_until = NULLIF($3, '') WHERE id = $1",
      "recording a sign-in", id, success ? 0 : failed_sign_ins,
      success ? std::string() : locked_until));
}

// ---- API keys ----------------------------------------------------------------

Status PgStore::add_key(const ApiKeyRecord& k) {
  auto r = write_row(
      "INSERT INTO api_keys (id, user_id, label, salt, secret_sha256, created_at)"
      " VALUES ($1, $2, $3, $4, $5, $6)",
      "adding key " + k.id, k.id, k.user_id, k.label, k.salt, k.secret_sha256,
      k.created_at.empty() ? store::utc_now_iso8601() : k.created_at);
  if (!r && is_constraint(r.error())) return conflict("key '" + k.id + "' already exists");
  return done(r);
}

Result<std::optional<ApiKeyRecord>> PgStore::find_key(const std::string& id) {
  return store::first_row(read_rows<ApiKeyRecord>(std::string(store::kKeyColumns) + "WHERE id = $1",
                                                  "finding key", store::key_from_row<PgRow>, id));
}

Result<std::vector<ApiKeyRecord>> PgStore::list_keys() {
  return read_rows<ApiKeyRecord>(std::string(store::kKeyColumns) + "ORDER BY id", "listing keys",
                                 store::key_from_row<PgRow>);
}

Status PgStore::revoke_key(const std::string& id) {
  return changed_one(
      write_row("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1",
                "revoking key " + id, id, store::utc_now_iso8601()),
      "key '" + id + "'");
}

Status PgStore::set_key_used_on(const std::string& id, const std::string& day) {
  return done(write_row("UPDATE api_keys SET last_used_on = $2 WHERE id = $1", "recording key use",
                        id, day));
}

// ---- Sessions and reset tokens ---------------------------------------------

Status PgStore::add_session(const SessionRecord& s) {
  return done(write_row(
      "INSERT INTO sessions (token_sha256, user_id, csrf_token, created_at, expires_at)"
      " VALUES ($1, $2, $3, $4, $5)",
      "adding a session", s.token_sha256, s.user_id, s.csrf_token, s.created_at, s.expires_at));
}

Result<std::optional<SessionRecord>> PgStore::find_session(const std::string& token_sha256) {
  return store::first_row(read_rows<SessionRecord>(
      std::string(store::kSessionColumns) + "WHERE token_sha256 = $1", "finding a session",
      store::session_from_row<PgRow>, token_sha256));
}

Status PgStore::delete_session(const std::string& token_sha256) {
  return done(write_row("DELETE FROM sessions WHERE token_sha256 = $1", "ending a session",
                        token_sha256));
}

Status PgStore::delete_sessions_of(int64_t user_id) {
  return done(
      write_row("DELETE FROM sessions WHERE user_id = $1", "ending a user's sessions", user_id));
}

Status PgStore::add_reset_token(const std::string& token_sha256, int64_t user_id,
                                const std::string& expires_at) {
  return done(write_row(
      "INSERT INTO reset_tokens (token_sha256, user_id, expires_at) VALUES ($1, $2, $3)",
      "adding a reset token", token_sha256, user_id, expires_at));
}

Result<std::optional<int64_t>> PgStore::use_reset_token(const std::string& token_sha256,
                                                        const std::string& now) {
  // One statement: two requests with the same token cannot both use it.
  std::optional<int64_t> user;
  Status s = write(
      "using a reset token",
      [&](pqxx::dbtransaction& tx) -> Status {
        auto r = tx.exec_params(
            "UPDATE reset_tokens SET used_at = $2 WHERE token_sha256 = $1 AND used_at IS NULL"
            " AND expires_at > $2 RETURNING user_id",
            token_sha256, now);
        if (!r.empty()) user = r[0][0].as<int64_t>();
        return ok_status();
      },
      WriteLock::kNone);
  if (!s) return s.error();
  return user;
}

// ---- Audit log ---------------------------------------------------------------

Status PgStore::append_audit(const AuditEvent& e) {
  return done(write_row(
      "INSERT INTO audit_log (at, actor, action, subject, organisation_id, detail)"
      " VALUES ($1, $2, $3, $4, NULLIF($5, ''), $6)",
      "appending to the audit log", e.at.empty() ? store::utc_now_iso8601() : e.at, e.actor,
      e.action, e.subject, e.organisation_id, e.detail));
}

Result<std::vector<AuditEvent>> PgStore::list_audit(const AuditQuery& q) {
  return read_rows<AuditEvent>(store::audit_query_sql(q, "$1", "$2"), "reading the audit log",
                               store::audit_event_from_row<PgRow>, q.action, q.since);
}

}  // namespace lgb
