// Web sign-in against the real server: the password is set through the
// one-time link `lgbench users add` prints; the session cookie appears only
// on sign-in (HttpOnly, SameSite=Lax, Secure behind TLS) with a fresh token
// whatever the browser sent before (session fixation); every form needs its
// CSRF token and a same-origin POST; repeated failures lock the account and
// then the client address; a session reads the API but never writes it.
// The same tests run on SQLite (api_tests) and, built with
// LGB_API_TESTS_ON_POSTGRES, on PostgreSQL (postgres_api_tests), where the
// accounts are those `lgbench migrate` copied.
#include <gtest/gtest.h>

#include <regex>

#include "api_test_support.h"
#ifdef LGB_API_TESTS_ON_POSTGRES
#include "pg_api_fixture.h"
#endif

namespace lgb::test {
namespace {

const std::string kEmail = "member@leeds.example";
const std::string kPassword = "correct horse battery staple";

struct SignInFixture {
  std::unique_ptr<Fixture> base;
};

std::string form_encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

// The hidden csrf field of a form page.
std::string csrf_of(const std::string& html) {
  std::smatch m;
  if (!std::regex_search(html, m, std::regex("name=\"csrf\" value=\"([^\"]+)\"")))
    throw std::runtime_error("no csrf field in: " + html.substr(0, 2000));
  return m[1];
}

HttpResponse post_form(uint16_t port, const std::string& path, const std::string& body,
                       std::vector<std::pair<std::string, std::string>> headers = {}) {
  headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  bool origin = false;
  for (const auto& [k, v] : headers) origin = origin || k == "Origin";
  if (!origin) headers.emplace_back("Origin", "http://127.0.0.1");
  HttpClient c(port);
  return c.request("POST", path, headers, body);
}

SignInFixture& sign_in_fixture() {
  static std::unique_ptr<SignInFixture> f = [] {
    auto f = std::make_unique<SignInFixture>();
#ifdef LGB_API_TESTS_ON_POSTGRES
    f->base = make_postgres_fixture({"ons-els/claimant-count.csv"});
#else
    f->base = make_fixture({"ons-els/claimant-count.csv"});
#endif
    const uint16_t port = f->base->server->port();
    for (const std::string& email : {kEmail, std::string("locked@leeds.example"),
                                     std::string("analyst@leeds.example")}) {
      auto add = run_lgbench({"users", "add", "--db", f->base->db, "--email", email, "--name",
                              "Leeds user", "--org", "E08000035", "--role",
                              email.rfind("analyst", 0) == 0 ? "analyst" : "member"});
      if (add.exit_code != 0) throw std::runtime_error(add.out + add.err);
      std::smatch m;
      if (!std::regex_search(add.out, m, std::regex("/account/reset\\?token=([A-Za-z0-9_-]+)")))
        throw std::runtime_error("no reset link: " + add.out);
      const std::string token = m[1];
      auto form = http_get(port, "/account/reset?token=" + token);
      auto set = post_form(port, "/account/reset",
                           "csrf=" + form_encode(csrf_of(form.body)) + "&token=" + token +
                               "&password=" + form_encode(kPassword));
      if (set.status != 200) throw std::runtime_error("reset failed: " + set.body);
    }
    return f;
  }();
  return *f;
}

uint16_t sign_in_port() { return sign_in_fixture().base->server->port(); }

HttpResponse sign_in(const std::string& email, const std::string& password,
                     std::vector<std::pair<std::string, std::string>> headers = {},
                     uint16_t on = 0) {
  if (!on) on = sign_in_port();
  auto form = http_get(on, "/sign-in");
  return post_form(on, "/sign-in",
                   "csrf=" + form_encode(csrf_of(form.body)) + "&email=" + form_encode(email) +
                       "&password=" + form_encode(password) + "&next=%2Faccount",
                   std::move(headers));
}

std::string session_of(const HttpResponse& r) {
  const std::string c = r.header("set-cookie");
  const std::string prefix = "lgb_session=";
  if (c.rfind(prefix, 0) != 0) return "";
  return c.substr(prefix.size(), c.find(';') - prefix.size());
}

TEST(SignIn, CookieOnlyOnSignInAndFreshEveryTime) {
  sign_in_fixture();
  for (const char* path : {"/", "/sign-in", "/api/v1/metrics", "/metrics"})
    EXPECT_EQ(http_get(sign_in_port(), path).header("set-cookie"), "") << path;
  // A token planted before sign-in is replaced, and is worth nothing.
  auto r = sign_in(kEmail, kPassword, {{"Cookie", "lgb_session=planted-by-an-attacker"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/account");
  const std::string cookie = r.header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << cookie;
  const std::string token = session_of(r);
  ASSERT_GT(token.size(), 30u);
  EXPECT_NE(token, "planted-by-an-attacker");
  auto account = http_get(sign_in_port(), "/account", {{"Cookie", "lgb_session=" + token}});
  EXPECT_EQ(account.status, 200);
  EXPECT_NE(account.body.find(kEmail), std::string::npos);
  EXPECT_EQ(account.header("cache-control"), "no-store");
  auto planted = http_get(sign_in_port(), "/account", {{"Cookie", "lgb_session=planted-by-an-attacker"}});
  EXPECT_EQ(planted.status, 303);
  // A second sign-in gets another token; behind TLS the cookie is Secure.
  auto again = sign_in(kEmail, kPassword, {{"X-Forwarded-Proto", "https"}});
  EXPECT_NE(session_of(again), token);
  EXPECT_NE(again.header("set-cookie").find("; Secure"), std::string::npos);
}

TEST(SignIn, FormsNeedTheirCsrfTokenAndThisOrigin) {
  sign_in_fixture();
  auto no_token = post_form(sign_in_port(), "/sign-in", "email=" + form_encode(kEmail) +
                                                    "&password=" + form_encode(kPassword));
  EXPECT_EQ(no_token.status, 400);
  EXPECT_EQ(no_token.header("set-cookie"), "");
  auto form = http_get(sign_in_port(), "/sign-in");
  auto other_site = post_form(sign_in_port(), "/sign-in",
                              "csrf=" + form_encode(csrf_of(form.body)) + "&email=" +
                                  form_encode(kEmail) + "&password=" + form_encode(kPassword),
                              {{"Origin", "http://evil.example"}});
  EXPECT_EQ(other_site.status, 403) << other_site.body;
  EXPECT_EQ(other_site.header("set-cookie"), "");

  const std::string token = session_of(sign_in(kEmail, kPassword));
  const std::pair<std::string, std::string> cookie = {"Cookie", "lgb_session=" + token};
  auto forged = post_form(sign_in_port(), "/sign-out", "csrf=guess", {cookie});
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(http_get(sign_in_port(), "/account", {cookie}).status, 200);  // still signed in
  auto account = http_get(sign_in_port(), "/account", {cookie});
  auto out = post_form(sign_in_port(), "/sign-out", "csrf=" + form_encode(csrf_of(account.body)), {cookie});
  EXPECT_EQ(out.status, 303);
  EXPECT_NE(out.header("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(http_get(sign_in_port(), "/account", {cookie}).status, 303);  // the session has ended
}

TEST(SignIn, SessionReadsTheApiButNeverWritesIt) {
  // A server without --allow-writes: an analyst's key may write, their
  // browser session may only read (so no other site can write through it).
  ServerProcess strict(sign_in_fixture().base->db, {"--data-dir", data_dir()});
  const std::string token = session_of(sign_in("analyst@leeds.example", kPassword, {}, strict.port()));
  ASSERT_FALSE(token.empty());
  HttpClient c(strict.port());
  auto read = c.get("/api/v1/metrics", {{"Cookie", "lgb_session=" + token}});
  EXPECT_EQ(read.status, 200);
  EXPECT_EQ(read.header("cache-control"), "private, no-cache");
  auto write = c.request("POST", "/api/v1/groups", {{"Cookie", "lgb_session=" + token}},
                         R"({"id":"g","name":"G","area_codes":["E08000035"]})");
  EXPECT_EQ(write.status, 403) << write.body;
  auto key = run_lgbench({"keys", "create", "--db", sign_in_fixture().base->db, "--email",
                          "analyst@leeds.example"});
  const std::string marker = "Authorization: Bearer ";
  const std::string bearer =
      key.out.substr(key.out.find(marker) + marker.size(),
                     key.out.find('\n', key.out.find(marker)) - key.out.find(marker) - marker.size());
  auto keyed = c.request("POST", "/api/v1/groups", {{"Authorization", "Bearer " + bearer}},
                         R"({"id":"g","name":"G","area_codes":["E08000035"]})");
  EXPECT_EQ(keyed.status, 201) << keyed.body;
}

TEST(SignIn, RepeatedFailuresLockTheAccountThenTheAddress) {
  sign_in_fixture();
  const std::string victim = "locked@leeds.example";
  for (int i = 0; i < 5; ++i) {
    auto r = sign_in(victim, "wrong password number " + std::to_string(i));
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_NE(r.body.find("not right"), std::string::npos);
    EXPECT_EQ(r.header("set-cookie"), "");
  }
  auto locked = sign_in(victim, kPassword);  // the right password, too late
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_EQ(locked.header("set-cookie"), "");
  // An unknown email answers exactly like a wrong password.
  auto unknown = sign_in("nobody@leeds.example", kPassword);
  EXPECT_EQ(unknown.status, 401);
  // This address has now failed 7 times; by 20 it is refused for any account.
  for (int i = 0; i < 13; ++i) sign_in("nobody@leeds.example", "wrong");
  auto refused = sign_in(kEmail, kPassword);
  EXPECT_EQ(refused.status, 429) << refused.body;
  auto audit = run_lgbench({"audit", "--db", sign_in_fixture().base->db, "--format", "csv",
                            "--limit", "1000"});
  EXPECT_NE(audit.out.find("sign-in-failed"), std::string::npos);
  EXPECT_NE(audit.out.find("locked until"), std::string::npos);
}

}  // namespace
}  // namespace lgb::test
