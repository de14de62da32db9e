// The store contract: accounts (store/accounts.h) kept the same way by every
// backend, so a server signs people in alike on SQLite and on PostgreSQL:
// organisations and users with their constraints, sign-in attempts and
// lock-out, keys revoked once, sessions, reset tokens used once, and an
// audit log the database itself keeps append-only.
#include <gtest/gtest.h>

#include "store/accounts.h"
#include "store/store_contract.h"

namespace lgb::testing {
namespace {

User user(const std::string& email, Role role = Role::kMember) {
  User u;
  u.email = email;
  u.name = "Test user";
  u.organisation_id = "E08000035";
  u.role = role;
  return u;
}

}  // namespace

TEST_P(StoreAccountsTest, OrganisationsAndUsers) {
  auto store = open();
  ASSERT_TRUE(store);
  AccountStore* a = store->accounts();
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->add_user(user("early@leeds.example")).error().code, ErrorCode::kInvalidArgument)
      << "a user of an unknown organisation";
  ASSERT_TRUE(a->add_organisation({"E08000035", "Leeds", ""}).ok());
  ASSERT_TRUE(a->add_organisation({"E08000036", "Wakefield", ""}).ok());
  EXPECT_EQ(a->add_organisation({"E08000035", "Leeds again", ""}).error().code,
            ErrorCode::kConflict);
  auto orgs = a->list_organisations();
  ASSERT_TRUE(orgs.ok()) << orgs.error().message;
  ASSERT_EQ(orgs->size(), 2u);
  EXPECT_EQ((*orgs)[0].name, "Leeds");
  EXPECT_EQ((*orgs)[0].created_at.size(), 20u);
  EXPECT_FALSE(a->find_organisation("E06000001")->has_value());

  auto id = a->add_user(user("zed@leeds.example", Role::kAnalyst));
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto second = a->add_user(user("amy@leeds.example"));
  ASSERT_TRUE(second.ok());
  EXPECT_NE(*id, *second);
  EXPECT_EQ(a->add_user(user("zed@leeds.example")).error().code, ErrorCode::kConflict);
  auto users = a->list_users();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].email, "amy@leeds.example");  // by email
  auto zed = a->find_user(*id);
  ASSERT_TRUE(zed.ok() && zed->has_value());
  EXPECT_EQ((*zed)->role, Role::kAnalyst);
  EXPECT_EQ((*zed)->password_hash, "");  // none yet: NULL reads back as ""
  EXPECT_FALSE((*zed)->disabled);

  // Sign-in attempts count up and lock; success and a new password reset both.
  ASSERT_TRUE(a->record_sign_in_attempt(*id, false, 5, "2030-01-01T00:00:00Z").ok());
  auto locked = a->find_user_by_email("zed@leeds.example");
  EXPECT_EQ((*locked)->failed_sign_ins, 5);
  EXPECT_EQ((*locked)->locked_until, "2030-01-01T00:00:00Z");
  ASSERT_TRUE(a->set_password_hash(*id, "$argon2id$stand-in").ok());
  auto reset = a->find_user(*id);
  EXPECT_EQ((*reset)->failed_sign_ins, 0);
  EXPECT_EQ((*reset)->locked_until, "");
  EXPECT_EQ((*reset)->password_hash, "$argon2id$stand-in");
  ASSERT_TRUE(a->record_sign_in_attempt(*id, false, 1, "").ok());
  ASSERT_TRUE(a->record_sign_in_attempt(*id, true, 7, "2030-01-01T00:00:00Z").ok());
  EXPECT_EQ((*a->find_user(*id))->failed_sign_ins, 0);

  ASSERT_TRUE(a->set_user_disabled(*id, true).ok());
  EXPECT_TRUE((*a->find_user(*id))->disabled);
  EXPECT_EQ(a->set_user_disabled(999999, true).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(a->set_password_hash(999999, "x").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreAccountsTest, KeysSessionsAndResetTokens) {
  auto store = open();
  ASSERT_TRUE(store);
  AccountStore* a = store->accounts();
  ASSERT_TRUE(a->add_organisation({"E08000035", "Leeds", ""}).ok());
  auto uid = a->add_user(user("key@leeds.example"));
  ASSERT_TRUE(uid.ok());

  ApiKeyRecord k;
  k.id = "lgbABC";
  k.user_id = *uid;
  k.label = "Power BI";
  k.salt = "salt";
  k.secret_sha256 = std::string(64, 'a');
  ASSERT_TRUE(a->add_key(k).ok());
  EXPECT_EQ(a->add_key(k).error().code, ErrorCode::kConflict);
  ASSERT_TRUE(a->set_key_used_on(k.id, "2026-11-30").ok());
  auto found = a->find_key(k.id);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->label, "Power BI");
  EXPECT_EQ((*found)->last_used_on, "2026-11-30");
  EXPECT_EQ((*found)->revoked_at, "");
  ASSERT_TRUE(a->revoke_key(k.id).ok());
  const std::string first = (*a->find_key(k.id))->revoked_at;
  EXPECT_EQ(first.size(), 20u);
  ASSERT_TRUE(a->revoke_key(k.id).ok());
  EXPECT_EQ((*a->find_key(k.id))->revoked_at, first) << "revoking twice keeps the first time";
  EXPECT_EQ(a->revoke_key("lgbNONE").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(a->list_keys()->size(), 1u);

  SessionRecord s{std::string(64, 'b'), *uid, "csrf", "2026-11-30T00:00:00Z",
                  "2026-12-01T00:00:00Z"};
  ASSERT_TRUE(a->add_session(s).ok());
  SessionRecord t = s;
  t.token_sha256 = std::string(64, 'c');
  ASSERT_TRUE(a->add_session(t).ok());
  auto got = a->find_session(s.token_sha256);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->csrf_token, "csrf");
  ASSERT_TRUE(a->delete_session(s.token_sha256).ok());
  EXPECT_FALSE(a->find_session(s.token_sha256)->has_value());
  ASSERT_TRUE(a->delete_sessions_of(*uid).ok());
  EXPECT_FALSE(a->find_session(t.token_sha256)->has_value());

  const std::string token(64, 'd');
  ASSERT_TRUE(a->add_reset_token(token, *uid, "2026-12-01T00:00:00Z").ok());
  EXPECT_FALSE(a->use_reset_token(token, "2026-12-02T00:00:00Z")->has_value()) << "expired";
  auto used = a->use_reset_token(token, "2026-11-30T12:00:00Z");
  ASSERT_TRUE(used.ok() && used->has_value());
  EXPECT_EQ(**used, *uid);
  EXPECT_FALSE(a->use_reset_token(token, "2026-11-30T12:00:01Z")->has_value()) << "used once";
  EXPECT_FALSE(a->use_reset_token(std::string(64, 'e'), "2026-11-30T12:00:00Z")->has_value());
}

TEST_P(StoreAccountsTest, AuditLogIsAppendOnly) {
  auto store = open();
  ASSERT_TRUE(store);
  AccountStore* a = store->accounts();
  ASSERT_TRUE(a->append_audit({0, "", "cli:test", "load", "a.csv", "", "3 rows"}).ok());
  ASSERT_TRUE(
      a->append_audit({0, "2026-01-01T00:00:00Z", "user:x", "sign-in", "x", "E08000035", ""}).ok());
  ASSERT_TRUE(a->append_audit({0, "", "user:x", "sign-in", "x", "E08000035", "again"}).ok());
  auto all = a->list_audit({});
  ASSERT_TRUE(all.ok()) << all.error().message;
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].action, "load");  // oldest first
  EXPECT_EQ((*all)[0].organisation_id, "");
  EXPECT_EQ((*all)[0].at.size(), 20u);
  auto newest = a->list_audit({"sign-in", "", 1});
  ASSERT_EQ(newest->size(), 1u);
  EXPECT_EQ((*newest)[0].detail, "again");
  auto since = a->list_audit({"", "2026-06-01", 0});
  EXPECT_EQ(since->size(), 2u);

  EXPECT_NE(db_->exec_error("UPDATE audit_log SET actor = 'someone else'"), "");
  EXPECT_NE(db_->exec_error("DELETE FROM audit_log"), "");
  EXPECT_EQ(a->list_audit({})->size(), 3u);
  EXPECT_EQ((*a->list_audit({}))[0].actor, "cli:test");
}

}  // namespace lgb::testing
