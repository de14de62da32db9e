// SqlAccountStore: the one AccountStore of both SQL stores (sqlite/,
// postgres/). The account tables are the same on both and so is every
// statement ($1, $2, ... parameters, NULLIF for optional text, ON CONFLICT,
// RETURNING): only running them differs, which Db provides as
//   read_rows<T>(sql, context, read_row, args...)   one read, rows through read_row
//   write_row(sql, context, args...)                one write, the rows it changed
//   write_rows<T>(sql, context, read_row, args...)  one write, the rows it returned
// with read_row taking the backend's row (sqlite::Stmt, pg::PgRow). Each call
// is one statement, so no transaction spans two; a write on PostgreSQL takes
// no writers' lock (a sign-in never waits for a load).
// Thread-safety: as Db (every method from any thread).
#pragma once

#include <string>

#include "store/account_rows.h"
#include "store/accounts.h"
#include "store/sql_rows.h"

namespace lgb::store {

template <class Db, class Row>
class SqlAccountStore final : public AccountStore {
 public:
  explicit SqlAccountStore(Db& db) : db_(db) {}

  Status add_organisation(const Organisation& org) override {
    if (org.id.empty() || org.name.empty()) return invalid("an organisation needs an id and a name");
    auto r = db_.write_row(
        "INSERT INTO organisations (id, name, created_at) VALUES ($1, $2, $3)"
        " ON CONFLICT (id) DO NOTHING",
        "adding organisation " + org.id, org.id, org.name, utc_now_iso8601());
    if (r && *r == 0) return conflict("an organisation with id '" + org.id + "' already exists");
    return done(r);
  }

  Result<std::vector<Organisation>> list_organisations() override {
    return db_.template read_rows<Organisation>(std::string(kOrganisationColumns) + "ORDER BY id",
                                                "listing organisations", organisation_from_row<Row>);
  }

  Result<std::optional<Organisation>> find_organisation(const std::string& id) override {
    return first_row(db_.template read_rows<Organisation>(
        std::string(kOrganisationColumns) + "WHERE id = $1", "finding organisation",
        organisation_from_row<Row>, id));
  }

  Result<int64_t> add_user(const User& u) override {
    if (u.email.empty() || u.name.empty()) return invalid("a user needs an email and a name");
    // One statement: two requests adding the same email at once get one user
    // and one kConflict; the only constraint the insert can fail besides is
    // the organisation's foreign key.
    auto ids = db_.template write_rows<int64_t>(
        "INSERT INTO users (email, name, organisation_id, role, password_hash, disabled,"
        " created_at) VALUES ($1, $2, $3, $4, NULLIF($5, ''), $6, $7)"
        " ON CONFLICT (email) DO NOTHING RETURNING id",
        "adding user " + u.email, [](const Row& r) { return r.int64(0); }, u.email, u.name,
        u.organisation_id, std::string(to_string(u.role)), u.password_hash, u.disabled,
        utc_now_iso8601());
    if (!ids && ids.error().code == ErrorCode::kInvalidArgument)
      return invalid("unknown organisation '" + u.organisation_id + "'");
    if (!ids) return ids.error();
    if (ids->empty()) return conflict("a user with email '" + u.email + "' already exists");
    return ids->front();
  }

  Result<std::vector<User>> list_users() override {
    return db_.template read_rows<User>(std::string(kUserColumns) + "ORDER BY email",
                                        "listing users", user_from_row<Row>);
  }

  Result<std::optional<User>> find_user_by_email(const std::string& email) override {
    return first_row(db_.template read_rows<User>(std::string(kUserColumns) + "WHERE email = $1",
                                                  "finding user", user_from_row<Row>, email));
  }

  Result<std::optional<User>> find_user(int64_t id) override {
    return first_row(db_.template read_rows<User>(std::string(kUserColumns) + "WHERE id = $1",
                                                  "finding user", user_from_row<Row>, id));
  }

  Status set_user_disabled(int64_t id, bool disabled) override {
    return changed_one(db_.write_row("UPDATE users SET disabled = $2 WHERE id = $1",
                                     "disabling a user", id, disabled),
                       "user " + std::to_string(id));
  }

  Status set_password_hash(int64_t id, const std::string& hash) override {
    return changed_one(
        db_.write_row("UPDATE users SET password_hash = $2, failed_sign_ins = 0,"
                      " locked_until = NULL WHERE id = $1",
                      "setting a password", id, hash),
        "user " + std::to_string(id));
  }

  Status record_sign_in_attempt(int64_t id, bool success, int failed_sign_ins,
                                const std::string& locked_until) override {
    return done(db_.write_row(
        "UPDATE users SET failed_sign_ins = $2, locked_until = NULLIF($3, '') WHERE id = $1",
        "recording a sign-in", id, success ? 0 : failed_sign_ins,
        success ? std::string() : locked_until));
  }

  Status add_key(const ApiKeyRecord& k) override {
    auto r = db_.write_row(
        "INSERT INTO api_keys (id, user_id, label, salt, secret_sha256, created_at)"
        " VALUES ($1, $2, $3, $4, $5, $6)",
        "adding key " + k.id, k.id, k.user_id, k.label, k.salt, k.secret_sha256,
        k.created_at.empty() ? utc_now_iso8601() : k.created_at);
    if (!r && r.error().code == ErrorCode::kInvalidArgument)
      return conflict("key '" + k.id + "' already exists");
    return done(r);
  }

  Result<std::optional<ApiKeyRecord>> find_key(const std::string& id) override {
    return first_row(db_.template read_rows<ApiKeyRecord>(
        std::string(kKeyColumns) + "WHERE id = $1", "finding key", key_from_row<Row>, id));
  }

  Result<std::vector<ApiKeyRecord>> list_keys() override {
    return db_.template read_rows<ApiKeyRecord>(std::string(kKeyColumns) + "ORDER BY id",
                                                "listing keys", key_from_row<Row>);
  }

  Status revoke_key(const std::string& id) override {
    return changed_one(
        db_.write_row("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1",
                      "revoking key " + id, id, utc_now_iso8601()),
        "key '" + id + "'");
  }

  Status set_key_used_on(const std::string& id, const std::string& day) override {
    return done(db_.write_row("UPDATE api_keys SET last_used_on = $2 WHERE id = $1",
                              "recording key use", id, day));
  }

  Status add_session(const SessionRecord& s) override {
    return done(db_.write_row(
        "INSERT INTO sessions (token_sha256, user_id, csrf_token, created_at, expires_at)"
        " VALUES ($1, $2, $3, $4, $5)",
        "adding a session", s.token_sha256, s.user_id, s.csrf_token, s.created_at, s.expires_at));
  }

  Result<std::optional<SessionRecord>> find_session(const std::string& token_sha256) override {
    return first_row(db_.template read_rows<SessionRecord>(
        std::string(kSessionColumns) + "WHERE token_sha256 = $1", "finding a session",
        session_from_row<Row>, token_sha256));
  }

  Status delete_session(const std::string& token_sha256) override {
    return done(db_.write_row("DELETE FROM sessions WHERE token_sha256 = $1", "ending a session",
                              token_sha256));
  }

  Status delete_sessions_of(int64_t user_id) override {
    return done(db_.write_row("DELETE FROM sessions WHERE user_id = $1",
                              "ending a user's sessions", user_id));
  }

  Status add_reset_token(const std::string& token_sha256, int64_t user_id,
                         const std::string& expires_at) override {
    return done(db_.write_row(
        "INSERT INTO reset_tokens (token_sha256, user_id, expires_at) VALUES ($1, $2, $3)",
        "adding a reset token", token_sha256, user_id, expires_at));
  }

  Result<std::optional<int64_t>> use_reset_token(const std::string& token_sha256,
                                                 const std::string& now) override {
    // One statement: two requests with the same token cannot both use it.
    return first_row(db_.template write_rows<int64_t>(
        "UPDATE reset_tokens SET used_at = $2 WHERE token_sha256 = $1 AND used_at IS NULL"
        " AND expires_at > $2 RETURNING user_id",
        "using a reset token", [](const Row& r) { return r.int64(0); }, token_sha256, now));
  }

  Status append_audit(const AuditEvent& e) override {
    return done(db_.write_row(
        "INSERT INTO audit_log (at, actor, action, subject, organisation_id, detail)"
        " VALUES ($1, $2, $3, $4, NULLIF($5, ''), $6)",
        "appending to the audit log", e.at.empty() ? utc_now_iso8601() : e.at, e.actor, e.action,
        e.subject, e.organisation_id, e.detail));
  }

  Result<std::vector<AuditEvent>> list_audit(const AuditQuery& q) override {
    std::string sql =
        "SELECT id, at, actor, action, subject, organisation_id, detail FROM audit_log"
        " WHERE ($1 = '' OR action = $1) AND at >= $2 ORDER BY id";
    if (q.limit > 0) sql += " DESC LIMIT " + std::to_string(q.limit);
    return db_.template read_rows<AuditEvent>(sql, "reading the audit log",
                                              audit_event_from_row<Row>, q.action, q.since);
  }

 private:
  static Status done(const Result<int64_t>& changed) {
    if (!changed) return changed.error();
    return ok_status();
  }
  // An UPDATE of one user or key: kNotFound when it matched nothing.
  static Status changed_one(const Result<int64_t>& changed, const std::string& what) {
    if (!changed) return changed.error();
    if (*changed == 0) return not_found("unknown " + what);
    return ok_status();
  }

  Db& db_;
};

}  // namespace lgb::store
