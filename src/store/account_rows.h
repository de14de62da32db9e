// What both SQL stores (sqlite/, postgres/) share about the account tables:
// the column lists they select and how one row becomes an account record
// (for sql_account_store.h). The tables are the same on both
// (sqlite/schema.cpp migration 5, postgres/pg_schema.cpp migration 4); Row is
// sqlite::Stmt or pg::PgRow (text, int64 and flag by column index; NULL text
// reads as "").
// Stateless; thread-safe.
#pragma once

#include <string>

#include "store/accounts.h"
#include "store/sql_rows.h"

namespace lgb::store {

inline constexpr const char* kOrganisationColumns =
    "SELECT id, name, created_at FROM organisations ";
template <class Row>
Organisation organisation_from_row(const Row& r) {
  return Organisation{r.text(0), r.text(1), r.text(2)};
}

inline constexpr const char* kUserColumns =
    "SELECT id, email, name, organisation_id, role, password_hash, disabled, failed_sign_ins,"
    " locked_until, created_at FROM users ";
template <class Row>
User user_from_row(const Row& r) {
  User u;
  u.id = r.int64(0);
  u.email = r.text(1);
  u.name = r.text(2);
  u.organisation_id = r.text(3);
  u.role = parse_role(r.text(4)).value_or(Role::kMember);
  u.password_hash = r.text(5);
  u.disabled = r.flag(6);
  u.failed_sign_ins = static_cast<int>(r.int64(7));
  u.locked_until = r.text(8);
  u.created_at = r.text(9);
  return u;
}

inline constexpr const char* kKeyColumns =
    "SELECT id, user_id, label, salt, secret_sha256, created_at, revoked_at, last_used_on"
    " FROM api_keys ";
template <class Row>
ApiKeyRecord key_from_row(const Row& r) {
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

inline constexpr const char* kSessionColumns =
    "SELECT token_sha256, user_id, csrf_token, created_at, expires_at FROM sessions ";
template <class Row>
SessionRecord session_from_row(const Row& r) {
  return SessionRecord{r.text(0), r.int64(1), r.text(2), r.text(3), r.text(4)};
}

template <class Row>
AuditEvent audit_event_from_row(const Row& r) {
  return AuditEvent{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6)};
}
}  // namespace lgb::store
