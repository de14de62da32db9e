// AccountStore: durable home of organisations, users, API keys, sign-in
// sessions, password reset tokens and the append-only audit log. It holds
// only hashes of secrets (Argon2id for passwords, SHA-256 for random tokens);
// the rules (hashing, lock-out, what a role may do) live in src/auth.
// The SQLite store implements it in the same file as the data
// (Store::accounts()), so one database holds everything.
// Thread-safety: every method may be called from any thread concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/role.h"

namespace lgb {

// A council (id: its GSS code) or another body (id: a slug).
struct Organisation {
  std::string id;
  std::string name;
  std::string created_at;  // ISO 8601 UTC, set by the store
};

struct User {
  int64_t id = 0;     // set by the store
  std::string email;  // lower-case; unique
  std::string name;
  std::string organisation_id;
  Role role = Role::kMember;
  std::string password_hash;  // Argon2id encoded string; empty: no password yet
  bool disabled = false;
  int failed_sign_ins = 0;    // since the last successful sign-in
  std::string locked_until;   // ISO 8601 UTC; empty: not locked
  std::string created_at;
};

struct ApiKeyRecord {
  std::string id;  // public: the LG Inform ApplicationKey
  int64_t user_id = 0;
  std::string label;
  std::string salt;           // with the server secret, derives the key's secret
  std::string secret_sha256;  // hex SHA-256 of the secret
  std::string created_at;
  std::string revoked_at;     // empty: live
  std::string last_used_on;   // YYYY-MM-DD; empty: never used
};

struct SessionRecord {
  std::string token_sha256;  // hex SHA-256 of the cookie value
  int64_t user_id = 0;
  std::string csrf_token;    // the session's form token
  std::string created_at;
  std::string expires_at;
};

struct AuditEvent {
  int64_t id = 0;          // set by the store
  std::string at;          // set by the store when empty
  std::string actor;       // "user:a@b", "key:ID", "cli:name", "anonymous"
  std::string action;      // "sign-in", "sign-in-failed", "key-use", "user-add", "load", ...
  std::string subject;     // what was acted on: an email, a key id, a file
  std::string organisation_id;  // the actor's organisation, when known
  std::string detail;
};

struct AuditQuery {
  std::string action;  // empty: every action
  std::string since;   // ISO 8601; empty: from the start
  int64_t limit = 0;   // 0: no limit; newest first when set
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // kConflict if the id exists.
  virtual Status add_organisation(const Organisation& org) = 0;
  virtual Result<std::vector<Organisation>> list_organisations() = 0;  // by id
  virtual Result<std::optional<Organisation>> find_organisation(const std::string& id) = 0;

  // Returns the new id. kConflict if the email exists; kInvalidArgument if
  // the organisation is unknown.
  virtual Result<int64_t> add_user(const User& user) = 0;
  virtual Result<std::vector<User>> list_users() = 0;  // by email
  virtual Result<std::optional<User>> find_user_by_email(const std::string& email) = 0;
  virtual Result<std::optional<User>> find_user(int64_t id) = 0;
  // kNotFound for an unknown user.
  virtual Status set_user_disabled(int64_t id, bool disabled) = 0;
  virtual Status set_password_hash(int64_t id, const std::string& hash) = 0;
  // Records the outcome of a sign-in attempt: failure counts up and may set
  // locked_until; success resets both.
  virtual Status record_sign_in_attempt(int64_t id, bool success, int failed_sign_ins,
                                        const std::string& locked_until) = 0;

  virtual Status add_key(const ApiKeyRecord& key) = 0;  // kConflict if the id exists
  virtual Result<std::optional<ApiKeyRecord>> find_key(const std::string& id) = 0;
  virtual Result<std::vector<ApiKeyRecord>> list_keys() = 0;  // by id
  // kNotFound for an unknown key; revoking twice keeps the first time.
  virtual Status revoke_key(const std::string& id) = 0;
  virtual Status set_key_used_on(const std::string& id, const std::string& day) = 0;

  virtual Status add_session(const SessionRecord& session) = 0;
  virtual Result<std::optional<SessionRecord>> find_session(const std::string& token_sha256) = 0;
  virtual Status delete_session(const std::string& token_sha256) = 0;
  // Every session of a user (on disabling them or resetting their password).
  virtual Status delete_sessions_of(int64_t user_id) = 0;

  virtual Status add_reset_token(const std::string& token_sha256, int64_t user_id,
                                 const std::string& expires_at) = 0;
  // Marks an unused, unexpired token used and returns its user; nullopt when
  // the token is unknown, used or expired (now: ISO 8601 UTC).
  virtual Result<std::optional<int64_t>> use_reset_token(const std::string& token_sha256,
                                                          const std::string& now) = 0;

  // Appends; the log refuses updates and deletes.
  virtual Status append_audit(const AuditEvent& event) = 0;
  virtual Result<std::vector<AuditEvent>> list_audit(const AuditQuery& q) = 0;
};

}  // namespace lgb
