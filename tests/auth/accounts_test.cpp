// Accounts over a real SQLite store: Argon2id hashes, API keys stored as
// hashes and shown once, revocation, disabled users, reset tokens used once,
// the audit log refusing updates and deletes, and the Access each role gets.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include "auth/accounts.h"
#include "auth/crypto.h"
#include "auth/password.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace lgb::auth {
namespace {

namespace testing = ::lgb::testing;

struct Fixture {
  testing::TempDir dir;
  std::unique_ptr<Store> store;
  std::unique_ptr<Accounts> accounts;
  Fixture() {
    auto s = open_sqlite_store(dir.file("accounts.db"));
    EXPECT_TRUE(s.ok());
    store = std::move(*s);
    auto secret = load_or_create_server_secret(dir.file("accounts.db.secret"));
    EXPECT_TRUE(secret.ok());
    accounts = std::make_unique<Accounts>(*store->accounts(), *secret);
  }
  User add(const std::string& email, Role role, const std::string& org = "E08000035") {
    NewUser n{email, "Test User", org, "Leeds", role, "correct horse battery"};
    auto u = accounts->add_user(n, "cli:test");
    EXPECT_TRUE(u.ok()) << (u ? "" : u.error().message);
    return *u;
  }
};

TEST(Password, Argon2idHashVerifiesOnlyTheRightPassword) {
  auto h = hash_password("correct horse battery");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *h;
  EXPECT_TRUE(verify_password("correct horse battery", *h));
  EXPECT_FALSE(verify_password("correct horse batterY", *h));
  EXPECT_FALSE(verify_password("correct horse battery", "not a hash"));
  EXPECT_NE(*hash_password("correct horse battery"), *h);  // salted
  EXPECT_EQ(hash_password("short").error().code, ErrorCode::kInvalidArgument);
}

TEST(Crypto, HmacSha1MatchesRfc2202) {
  // RFC 2202 test case 2.
  EXPECT_EQ(base64(hmac_sha1("Jefe", "what do ya want for nothing?")),
            "7/zfauXrL6LSdBbV8YTfnCWafHk=");
  EXPECT_TRUE(equal_constant_time("abc", "abc"));
  EXPECT_FALSE(equal_constant_time("abc", "abd"));
  EXPECT_FALSE(equal_constant_time("abc", "abcd"));
}

TEST(Accounts, KeysAreStoredHashedShownOnceAndRevocable) {
  Fixture f;
  User u = f.add("Analyst@Leeds.gov.uk ", Role::kAnalyst);
  EXPECT_EQ(u.email, "analyst@leeds.gov.uk");
  auto key = f.accounts->create_key(u.email, "Power BI", "cli:test");
  ASSERT_TRUE(key.ok()) << key.error().message;
  auto stored = f.store->accounts()->find_key(key->id);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->secret_sha256, sha256_hex(key->secret));
  EXPECT_EQ((*stored)->secret_sha256.find(key->secret), std::string::npos);

  auto caller = f.accounts->caller_from_bearer(key->bearer());
  ASSERT_TRUE(caller.ok()) << caller.error().message;
  EXPECT_TRUE(caller->access.signed_in);
  EXPECT_EQ(caller->access.organisation, "E08000035");
  EXPECT_FALSE(caller->access.draft);
  EXPECT_EQ(caller->actor, "key:" + key->id);

  std::string wrong = key->bearer();
  wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(f.accounts->caller_from_bearer(wrong).error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(f.accounts->caller_from_bearer("nodot").error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(f.accounts->caller_from_bearer("lgbunknown.secret").error().code,
            ErrorCode::kUnauthenticated);

  ASSERT_TRUE(f.accounts->revoke_key(key->id, "cli:test").ok());
  auto revoked = f.accounts->caller_from_bearer(key->bearer());
  ASSERT_FALSE(revoked.ok());
  EXPECT_EQ(revoked.error().message, "this API key has been revoked");
}

TEST(Accounts, DisabledUsersKeysStopWorking) {
  Fixture f;
  User u = f.add("member@leeds.gov.uk", Role::kMember);
  auto key = f.accounts->create_key(u.email, "", "cli:test");
  ASSERT_TRUE(f.accounts->caller_from_bearer(key->bearer()).ok());
  ASSERT_TRUE(f.accounts->disable_user(u.email, "cli:test").ok());
  EXPECT_EQ(f.accounts->caller_from_bearer(key->bearer()).error().code,
            ErrorCode::kUnauthenticated);
  EXPECT_EQ(f.accounts->create_key(u.email, "", "cli:test").error().code,
            ErrorCode::kInvalidArgument);
}

TEST(Accounts, ResetTokensWorkOnce) {
  Fixture f;
  NewUser n{"new@leeds.gov.uk", "New", "E08000035", "Leeds", Role::kMember, ""};
  ASSERT_TRUE(f.accounts->add_user(n, "cli:test").ok());
  auto token = f.accounts->create_reset_token(n.email, "cli:test");
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(f.accounts->reset_password(*token, "short").error().code, ErrorCode::kInvalidArgument);
  ASSERT_TRUE(f.accounts->reset_password(*token, "a much longer password").ok());
  auto u = f.store->accounts()->find_user_by_email(n.email);
  EXPECT_TRUE(verify_password("a much longer password", (*u)->password_hash));
  EXPECT_EQ(f.accounts->reset_password(*token, "another long password").error().code,
            ErrorCode::kInvalidArgument);
}

TEST(Accounts, RolesGiveAccess) {
  Fixture f;
  User m = f.add("m@leeds.gov.uk", Role::kMember);
  User d = f.add("d@leeds.gov.uk", Role::kDataManager);
  Caller cm = Accounts::caller_of(m, "t"), cd = Accounts::caller_of(d, "t");
  EXPECT_FALSE(cm.access.all_organisations || cm.access.draft);
  EXPECT_TRUE(cd.access.all_organisations && cd.access.draft);
  EXPECT_TRUE(cd.has_role(Role::kAnalyst));
  EXPECT_FALSE(cm.has_role(Role::kAnalyst));
}

TEST(Accounts, UnknownOrganisationNeedsAName) {
  Fixture f;
  NewUser n{"x@y.org", "X", "some-body", "", Role::kMember, ""};
  EXPECT_EQ(f.accounts->add_user(n, "cli:test").error().code, ErrorCode::kInvalidArgument);
  n.organisation_name = "Some Body";
  EXPECT_TRUE(f.accounts->add_user(n, "cli:test").ok());
  EXPECT_EQ(f.accounts->add_user(n, "cli:test").error().code, ErrorCode::kConflict);
}

TEST(AuditLog, RecordsActionsAndRefusesChanges) {
  Fixture f;
  User u = f.add("a@leeds.gov.uk", Role::kAdministrator);
  auto key = f.accounts->create_key(u.email, "", "cli:test");
  ASSERT_TRUE(f.accounts->caller_from_bearer(key->bearer()).ok());
  ASSERT_TRUE(f.accounts->caller_from_bearer(key->bearer()).ok());  // once per day
  auto events = f.store->accounts()->list_audit({});
  ASSERT_TRUE(events.ok());
  std::vector<std::string> actions;
  for (const auto& e : *events) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"organisation-add", "user-add", "key-create",
                                               "key-use"}));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(f.dir.file("accounts.db").c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit_log SET actor = 'x'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit_log", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(f.store->accounts()->list_audit({})->size(), 4u);
}

}  // namespace
}  // namespace lgb::auth
