#include "auth/accounts.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "auth/crypto.h"
#include "auth/password.h"

namespace lgb::auth {

std::string utc_iso8601(int64_t offset_seconds) {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) +
                  static_cast<std::time_t>(offset_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<std::string> normalise_email(std::string_view email) {
  std::string out;
  for (char c : email) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
  size_t start = 0;
  while (start < out.size() && std::isspace(static_cast<unsigned char>(out[start]))) ++start;
  out.erase(0, start);
  const size_t at = out.find('@');
  if (out.empty() || out.size() > 254 || at == std::string::npos || at == 0 ||
      at + 1 >= out.size() || out.find('@', at + 1) != std::string::npos ||
      out.find_first_of(" \t\r\n,;<>\"") != std::string::npos)
    return invalid("'" + std::string(email) + "' is not an email address");
  return out;
}

Result<std::string> load_or_create_server_secret(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string secret = ss.str();
    while (!secret.empty() && std::isspace(static_cast<unsigned char>(secret.back())))
      secret.pop_back();
    if (secret.size() < 32) return invalid("the server secret in '" + path + "' is too short");
    return secret;
  }
  const std::string secret = random_token(32);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    // Another process may have just created it.
    if (errno == EEXIST) return load_or_create_server_secret(path);
    return io_error("cannot create the server secret '" + path + "'");
  }
  const std::string line = secret + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ::close(fd);
  if (!written) return io_error("cannot write the server secret '" + path + "'");
  return secret;
}

Accounts::Accounts(AccountStore& store, std::string server_secret)
    : store_(store),
      server_secret_(std::move(server_secret)),
      dummy_hash_(hash_password(random_token(24)).value()) {}

namespace {

int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

bool Accounts::client_may_try(const std::string& client) {
  std::lock_guard lock(failures_mu_);
  auto it = failures_.find(client);
  if (it == failures_.end()) return true;
  const int64_t cutoff = now_seconds() - int64_t{kClientWindowMinutes} * 60;
  auto& times = it->second;
  times.erase(std::remove_if(times.begin(), times.end(), [&](int64_t t) { return t < cutoff; }),
              times.end());
  if (times.empty()) {
    failures_.erase(it);
    return true;
  }
  return times.size() < static_cast<size_t>(kClientFailureLimit);
}

void Accounts::note_client_failure(const std::string& client) {
  std::lock_guard lock(failures_mu_);
  failures_[client].push_back(now_seconds());
}

Result<Accounts::SignedIn> Accounts::sign_in(const std::string& email_in,
                                             const std::string& password,
                                             const std::string& client) {
  const std::string wrong = "the email address or password is not right";
  if (!client_may_try(client)) {
    audit("anonymous", "sign-in-refused", email_in, {}, "too many failures from " + client);
    return too_many_requests("too many failed sign-ins from this address; wait " +
                             std::to_string(kClientWindowMinutes) + " minutes and try again");
  }
  auto email = normalise_email(email_in);
  std::optional<User> user;
  if (email) {
    auto found = store_.find_user_by_email(*email);
    if (!found) return found.error();
    user = *found;
  }
  const std::string now = utc_iso8601();
  if (user && !user->locked_until.empty() && user->locked_until > now) {
    note_client_failure(client);
    audit("anonymous", "sign-in-refused", user->email, user->organisation_id, "account locked");
    return too_many_requests("this account is locked after repeated failed sign-ins; wait " +
                             std::to_string(kLockMinutes) + " minutes and try again");
  }
  const bool usable = user && !user->disabled && !user->password_hash.empty();
  // Verify even for an unknown email, so the time taken does not tell.
  const bool right = verify_password(password, usable ? user->password_hash : dummy_hash_) && usable;
  if (!right) {
    note_client_failure(client);
    if (user) {
      const int failures = user->failed_sign_ins + 1;
      const std::string until =
          failures >= kLockAfterFailures ? utc_iso8601(int64_t{kLockMinutes} * 60) : std::string();
      if (auto s = store_.record_sign_in_attempt(user->id, false, failures, until); !s)
        return s.error();
      audit("anonymous", "sign-in-failed", user->email, user->organisation_id,
            until.empty() ? "from " + client : "from " + client + "; locked until " + until);
    } else {
      audit("anonymous", "sign-in-failed", email ? *email : email_in, {}, "from " + client);
    }
    return unauthenticated(wrong);
  }
  if (auto s = store_.record_sign_in_attempt(user->id, true, 0, {}); !s) return s.error();
  SignedIn out;
  out.token = random_token(32);
  SessionRecord rec;
  rec.token_sha256 = sha256_hex(out.token);
  rec.user_id = user->id;
  rec.csrf_token = random_token(24);
  rec.created_at = now;
  rec.expires_at = utc_iso8601(int64_t{kSessionHours} * 3600);
  if (auto s = store_.add_session(rec); !s) return s.error();
  out.caller = caller_of(*user, "user:" + user->email);
  out.caller.session = rec.token_sha256;
  out.caller.csrf_token = rec.csrf_token;
  audit(out.caller.actor, "sign-in", user->email, user->organisation_id, "from " + client);
  return out;
}

Result<Caller> Accounts::caller_from_session(std::string_view token) {
  if (token.empty() || token.size() > 128) return unauthenticated("no session");
  const std::string hash = sha256_hex(token);
  auto rec = store_.find_session(hash);
  if (!rec) return rec.error();
  if (!*rec || (*rec)->expires_at <= utc_iso8601()) return unauthenticated("the session has ended");
  auto u = store_.find_user((*rec)->user_id);
  if (!u) return u.error();
  if (!*u || (*u)->disabled) return unauthenticated("the session has ended");
  Caller c = caller_of(**u, "user:" + (*u)->email);
  c.session = hash;
  c.csrf_token = (*rec)->csrf_token;
  return c;
}

void Accounts::sign_out(const Caller& caller) {
  if (caller.session.empty()) return;
  if (auto s = store_.delete_session(caller.session); !s)
    std::cerr << "lgbench: cannot end a session: " << s.error().message << "\n";
  audit(caller.actor, "sign-out", caller.user ? caller.user->email : "",
        caller.user ? caller.user->organisation_id : "");
}

std::string Accounts::sign_in_form_token() const {
  const std::string ts = std::to_string(now_seconds());
  return ts + "." + base64url(hmac_sha256(server_secret_, "sign-in-form\n" + ts));
}

bool Accounts::check_sign_in_form_token(std::string_view token) const {
  const size_t dot = token.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 20) return false;
  const std::string ts(token.substr(0, dot));
  int64_t t = 0;
  try {
    t = std::stoll(ts);
  } catch (...) {
    return false;
  }
  const int64_t age = now_seconds() - t;
  if (age < 0 || age > 2 * 3600) return false;
  return equal_constant_time(token.substr(dot + 1),
                             base64url(hmac_sha256(server_secret_, "sign-in-form\n" + ts)));
}

void Accounts::audit(const std::string& actor, const std::string& action,
                     const std::string& subject, const std::string& organisation,
                     const std::string& detail) {
  AuditEvent e;
  e.actor = actor;
  e.action = action;
  e.subject = subject;
  e.organisation_id = organisation;
  e.detail = detail;
  if (auto s = store_.append_audit(e); !s)
    std::cerr << "lgbench: cannot write the audit log: " << s.error().message << "\n";
}

Caller Accounts::caller_of(const User& user, std::string actor) {
  Caller c;
  c.access = Access::for_user(user.role, user.organisation_id);
  c.user = user;
  c.actor = std::move(actor);
  return c;
}

Status Accounts::add_organisation(const Organisation& org, const std::string& actor) {
  if (auto s = store_.add_organisation(org); !s) return s;
  audit(actor, "organisation-add", org.id, org.id, org.name);
  return ok_status();
}

Result<User> Accounts::add_user(const NewUser& n, const std::string& actor) {
  auto email = normalise_email(n.email);
  if (!email) return email.error();
  if (n.name.empty()) return invalid("a user needs a name");
  if (n.organisation.empty()) return invalid("a user needs an organisation");
  User u;
  u.email = *email;
  u.name = n.name;
  u.organisation_id = n.organisation;
  u.role = n.role;
  if (!n.password.empty()) {
    auto hash = hash_password(n.password);
    if (!hash) return hash.error();
    u.password_hash = *hash;
  }
  auto org = store_.find_organisation(n.organisation);
  if (!org) return org.error();
  if (!*org) {
    if (n.organisation_name.empty())
      return invalid("unknown organisation '" + n.organisation +
                     "'; give its name to create it");
    if (auto s = add_organisation({n.organisation, n.organisation_name, {}}, actor); !s)
      return s.error();
  }
  auto id = store_.add_user(u);
  if (!id) return id.error();
  u.id = *id;
  audit(actor, "user-add", u.email, u.organisation_id, std::string(to_string(u.role)));
  return u;
}

Status Accounts::disable_user(const std::string& email, const std::string& actor) {
  auto e = normalise_email(email);
  if (!e) return e.error();
  auto u = store_.find_user_by_email(*e);
  if (!u) return u.error();
  if (!*u) return not_found("unknown user '" + *e + "'");
  if (auto s = store_.set_user_disabled((*u)->id, true); !s) return s;
  if (auto s = store_.delete_sessions_of((*u)->id); !s) return s;
  audit(actor, "user-disable", *e, (*u)->organisation_id);
  return ok_status();
}

std::string Accounts::key_secret(const ApiKeyRecord& key) const {
  return base64url(hmac_sha256(server_secret_, "lgbench-api-key\n" + key.id + "\n" + key.salt));
}

Result<NewKey> Accounts::create_key(const std::string& email, const std::string& label,
                                    const std::string& actor) {
  auto e = normalise_email(email);
  if (!e) return e.error();
  auto u = store_.find_user_by_email(*e);
  if (!u) return u.error();
  if (!*u) return not_found("unknown user '" + *e + "'");
  if ((*u)->disabled) return invalid("user '" + *e + "' is disabled");
  ApiKeyRecord k;
  // 15 random bytes: 20 base64url characters, no padding, no '.'.
  k.id = "lgb" + random_token(15);
  k.user_id = (*u)->id;
  k.label = label;
  k.salt = random_token(16);
  NewKey out{k.id, key_secret(k)};
  k.secret_sha256 = sha256_hex(out.secret);
  if (auto s = store_.add_key(k); !s) return s.error();
  audit(actor, "key-create", k.id, (*u)->organisation_id, "for " + *e);
  return out;
}

Status Accounts::revoke_key(const std::string& id, const std::string& actor) {
  auto k = store_.find_key(id);
  if (!k) return k.error();
  if (!*k) return not_found("unknown key '" + id + "'");
  if (auto s = store_.revoke_key(id); !s) return s;
  audit(actor, "key-revoke", id);
  return ok_status();
}

Result<std::string> Accounts::create_reset_token(const std::string& email,
                                                 const std::string& actor, int hours) {
  auto e = normalise_email(email);
  if (!e) return e.error();
  auto u = store_.find_user_by_email(*e);
  if (!u) return u.error();
  if (!*u) return not_found("unknown user '" + *e + "'");
  const std::string token = random_token(32);
  if (auto s = store_.add_reset_token(sha256_hex(token), (*u)->id,
                                      utc_iso8601(int64_t{hours} * 3600));
      !s)
    return s.error();
  audit(actor, "reset-token-create", *e, (*u)->organisation_id);
  return token;
}

Status Accounts::reset_password(const std::string& token, const std::string& password) {
  auto hash = hash_password(password);
  if (!hash) return hash.error();
  auto user = store_.use_reset_token(sha256_hex(token), utc_iso8601());
  if (!user) return user.error();
  if (!*user) return invalid("this reset link is unknown, used or expired; ask for a new one");
  if (auto s = store_.set_password_hash(**user, *hash); !s) return s;
  if (auto s = store_.delete_sessions_of(**user); !s) return s;
  auto u = store_.find_user(**user);
  if (u && *u) audit("user:" + (*u)->email, "password-reset", (*u)->email, (*u)->organisation_id);
  return ok_status();
}

Result<Caller> Accounts::caller_of_key(const ApiKeyRecord& key) {
  if (!key.revoked_at.empty()) return unauthenticated("this API key has been revoked");
  auto u = store_.find_user(key.user_id);
  if (!u) return u.error();
  if (!*u || (*u)->disabled) return unauthenticated("the owner of this API key is disabled");
  Caller c = caller_of(**u, "key:" + key.id);
  c.key_id = key.id;
  c.key_last_used_on = key.last_used_on;
  return c;
}

void Accounts::note_key_use(const Caller& caller) {
  if (caller.key_id.empty() || !caller.user) return;
  const std::string day = utc_iso8601().substr(0, 10);
  {
    std::lock_guard lock(used_mu_);
    auto& last = used_on_[caller.key_id];
    if (last.empty()) last = caller.key_last_used_on;
    if (last == day) return;
    last = day;
  }
  if (auto s = store_.set_key_used_on(caller.key_id, day); !s)
    std::cerr << "lgbench: cannot record key use: " << s.error().message << "\n";
  audit(caller.actor, "key-use", caller.key_id, caller.user->organisation_id,
        "first use on " + day);
}

Result<Caller> Accounts::caller_from_bearer(std::string_view credentials) {
  const size_t dot = credentials.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == credentials.size())
    return unauthenticated("a bearer token is a key id, '.', and its secret");
  const std::string id(credentials.substr(0, dot));
  const std::string_view secret = credentials.substr(dot + 1);
  auto key = store_.find_key(id);
  if (!key) return key.error();
  // Hash whatever was sent, so an unknown key costs the same as a wrong one.
  const std::string sent = sha256_hex(secret);
  const std::string stored = *key ? (*key)->secret_sha256 : std::string(sent.size(), '0');
  if (!equal_constant_time(sent, stored) || !*key)
    return unauthenticated("unknown API key or wrong secret");
  auto caller = caller_of_key(**key);
  if (!caller) return caller;
  note_key_use(*caller);
  return caller;
}

Result<Caller> Accounts::caller_from_key_id(const std::string& id, std::string* secret) {
  auto key = store_.find_key(id);
  if (!key) return key.error();
  if (!*key) return unauthenticated("unknown ApplicationKey");
  auto caller = caller_of_key(**key);
  if (!caller) return caller;
  *secret = key_secret(**key);
  return caller;
}

}  // namespace lgb::auth
