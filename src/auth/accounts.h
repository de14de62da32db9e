// Accounts: the rules for users, organisations, API keys and who a request
// comes from, over an AccountStore. Every administrative action and every
// use of a credential is written to the audit log here, so the CLI, the API
// and the web pages cannot forget it.
//
// API keys have a public id (the LG Inform "ApplicationKey") and a secret
// shown once. The secret is derived from the key's salt and the server
// secret (HMAC-SHA256), so the database holds only its SHA-256: a copy of
// the database alone gives no working key, while the server can still
// recompute a secret to check an LG Inform HMAC-SHA1 signature. Clients
// present "Authorization: Bearer <id>.<secret>" or sign URLs.
// Thread-safety: all methods may be called concurrently (the store is
// thread-safe; the in-memory key-use record is guarded).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "engine/access.h"
#include "store/accounts.h"

namespace lgb::auth {

// Who a request comes from and what they may see.
struct Caller {
  Access access;             // Access::anonymous() unless signed in
  std::optional<User> user;  // the signed-in user
  std::string actor;         // for the audit log: "anonymous", "user:EMAIL", "key:ID"
  std::string key_id;        // when a key authenticated the request
  std::string key_last_used_on;
  std::string session;       // SHA-256 of the session cookie, when a session did
  std::string csrf_token;    // the session's form token

  bool signed_in() const { return user.has_value(); }
  bool has_role(Role r) const { return user && role_at_least(user->role, r); }
};

struct NewUser {
  std::string email;
  std::string name;
  std::string organisation;       // id: a GSS code or a slug
  std::string organisation_name;  // needed when the organisation is new
  Role role = Role::kMember;
  std::string password;  // empty: none yet (a reset token sets it)
};

struct NewKey {
  std::string id;      // the ApplicationKey
  std::string secret;  // shown once
  std::string bearer() const { return id + "." + secret; }
};

class Accounts {
 public:
  // server_secret: at least 32 bytes, kept outside the database
  // (load_or_create_server_secret).
  Accounts(AccountStore& store, std::string server_secret);

  AccountStore& store() { return store_; }

  // ---- Administration (actor: who does it, for the audit log) ------------
  Status add_organisation(const Organisation& org, const std::string& actor);
  // Creates the organisation too when organisation_name is given and it is new.
  Result<User> add_user(const NewUser& u, const std::string& actor);
  Status disable_user(const std::string& email, const std::string& actor);
  Result<NewKey> create_key(const std::string& email, const std::string& label,
                            const std::string& actor);
  Status revoke_key(const std::string& id, const std::string& actor);
  // A one-time token that sets the user's password (valid for `hours`).
  Result<std::string> create_reset_token(const std::string& email, const std::string& actor,
                                         int hours = 24);
  // Sets the password of the token's user; ends their sessions.
  Status reset_password(const std::string& token, const std::string& password);

  // ---- Authentication ----------------------------------------------------
  // "Bearer <id>.<secret>": kUnauthenticated for a malformed, unknown,
  // revoked or wrong key, or a disabled user.
  Result<Caller> caller_from_bearer(std::string_view credentials);
  // The live key with this id and its user, for a signature check:
  // kUnauthenticated when unknown, revoked or its user disabled. Call
  // note_key_use once the signature is verified.
  Result<Caller> caller_from_key_id(const std::string& id, std::string* secret);
  // Records key use in the audit log once per key per UTC day.
  void note_key_use(const Caller& caller);
  // The secret of a key (see the file comment).
  std::string key_secret(const ApiKeyRecord& key) const;

  // ---- Web sessions (docs/security.md) ------------------------------------
  // Checks the password and opens a new session (a fresh random token every
  // time, so no token chosen before sign-in survives it). kUnauthenticated
  // for a wrong email or password (one message for both); kTooManyRequests
  // when this client address has failed too often lately or the account is
  // locked after repeated failures.
  struct SignedIn {
    std::string token;  // the cookie value; only its SHA-256 is stored
    Caller caller;
  };
  Result<SignedIn> sign_in(const std::string& email, const std::string& password,
                           const std::string& client);
  // The caller of a live session; kUnauthenticated when unknown or expired.
  Result<Caller> caller_from_session(std::string_view token);
  void sign_out(const Caller& caller);
  // A token for the sign-in form (there is no session yet): valid for two
  // hours, bound to this server's secret.
  std::string sign_in_form_token() const;
  bool check_sign_in_form_token(std::string_view token) const;

  static constexpr int kSessionHours = 8;
  static constexpr int kLockAfterFailures = 5;     // consecutive, per account
  static constexpr int kLockMinutes = 15;
  static constexpr int kClientFailureLimit = 20;   // per client address per window
  static constexpr int kClientWindowMinutes = 15;

  // The audit log; failures are reported on stderr, never to the caller.
  void audit(const std::string& actor, const std::string& action, const std::string& subject,
             const std::string& organisation = {}, const std::string& detail = {});

  // Builds the Caller of a live user (role, organisation).
  static Caller caller_of(const User& user, std::string actor);

 private:
  Result<Caller> caller_of_key(const ApiKeyRecord& key);

  // Failed sign-ins by client address within the window; false when over.
  bool client_may_try(const std::string& client);
  void note_client_failure(const std::string& client);

  AccountStore& store_;
  const std::string server_secret_;
  const std::string dummy_hash_;  // verified for unknown emails, to equal the time taken
  std::mutex failures_mu_;  // guards failures_
  std::unordered_map<std::string, std::vector<int64_t>> failures_;  // client -> times (s)
  std::mutex used_mu_;  // guards used_on_
  std::unordered_map<std::string, std::string> used_on_;  // key id -> day last audited
};

// Reads the server secret from `path`, creating it (32 random bytes,
// mode 0600) when missing.
Result<std::string> load_or_create_server_secret(const std::string& path);

// "2026-11-30T01:55:15Z" for now + offset_seconds.
std::string utc_iso8601(int64_t offset_seconds = 0);

// Lower-cases and trims an email; kInvalidArgument unless it looks like one.
Result<std::string> normalise_email(std::string_view email);

}  // namespace lgb::auth
