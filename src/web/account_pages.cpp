// Sign-in, sign-out, the account page and password reset. These pages set
// cookies and take POSTs, so they return whole responses (site.cpp asks them
// first). Rules (docs/security.md): the session cookie is set only here, on
// a successful sign-in (HttpOnly, SameSite=Lax, Secure behind TLS); every
// form carries a CSRF token (the session's, or for the forms used before
// sign-in a short-lived token signed with the server secret) and a POST from
// another origin is refused; answers are never cached.
#include <cctype>
#include <cstdio>
#include <string>

#include "auth/crypto.h"
#include "auth/password.h"
#include "auth/signature.h"
#include "auth/usage.h"
#include "web/forms.h"
#include "web/pages.h"

namespace lgb::web {
namespace {

constexpr std::string_view kFormType = "application/x-www-form-urlencoded";

bool behind_tls(const api::Request& req) { return req.header("x-forwarded-proto") == "https"; }

// Only a path on this site, never "//other.example" or a scheme.
std::string local_next(const std::string& next) {
  if (next.size() < 1 || next[0] != '/' || (next.size() > 1 && (next[1] == '/' || next[1] == '\\')))
    return "/account";
  for (char c : next)
    if (static_cast<unsigned char>(c) < 0x20) return "/account";
  return next;
}

std::string session_cookie(const api::Request& req, const std::string& value, int max_age) {
  std::string c = std::string(api::kSessionCookie) + "=" + value +
                  "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age);
  if (behind_tls(req)) c += "; Secure";
  return c;
}

api::Response sign_in_form(const SiteContext& ctx, const api::Request& req, int status,
                           const std::string& error, const std::string& email,
                           const std::string& next) {
  Html h;
  h(R"(<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">)");
  h.add(error_summary(error, "email"));
  h(R"(<h1 class="govuk-heading-l">Sign in</h1>
<p class="govuk-body">Sign in to see the measures shared with your organisation. Signing in sets one cookie, which keeps you signed in for up to {} hours; nothing else is stored in your browser.</p>
<form method="post" action="/sign-in" novalidate>
<input type="hidden" name="csrf" value="{}"><input type="hidden" name="next" value="{}">
)",
    std::to_string(auth::Accounts::kSessionHours), ctx.api.accounts->sign_in_form_token(), next);
  h.add(text_input("email", "Email address", "email", "username", email, error.empty() ? "" : error));
  h.add(text_input("password", "Password", "password", "current-password", "", ""));
  h(R"(<button type="submit" class="govuk-button" data-module="govuk-button">Sign in</button>
</form>
<p class="govuk-body">Forgotten your password? Ask your organisation's lgbench administrator for a reset link.</p>
</div></div>
)");
  return form_page(ctx, req, status, error.empty() ? "Sign in" : "Error: Sign in", h);
}

api::Response handle_sign_in(const SiteContext& ctx, api::Request& req) {
  if (req.method != "POST") {
    if (req.caller.signed_in()) return see_other("/account");
    return sign_in_form(ctx, req, 200, "", "", local_next(req.query.get("next", "/account")));
  }
  if (!same_origin(req) || req.header("content-type").rfind(kFormType, 0) != 0)
    return form_page(ctx, req, 403, "Error: Sign in",
                Html()("<h1 class=\"govuk-heading-l\">This form was sent from another site</h1>"
                       "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/sign-in\">Sign in here</a>.</p>"));
  const api::QueryParams form = parse_form(req.body);
  const std::string email = form.get("email"), next = local_next(form.get("next", "/account"));
  if (!ctx.api.accounts->check_sign_in_form_token(form.get("csrf")))
    return sign_in_form(ctx, req, 400, "The sign-in form had expired. Enter your details again.",
                        email, next);
  if (email.empty() || form.get("password").empty())
    return sign_in_form(ctx, req, 400, "Enter your email address and password", email, next);
  auto done = ctx.api.accounts->sign_in(email, form.get("password"), req.header("x-lgb-peer"));
  if (!done) {
    const int status = done.error().code == ErrorCode::kTooManyRequests ? 429
                       : done.error().code == ErrorCode::kUnauthenticated ? 401
                                                                          : 500;
    std::string message = status == 500 ? "Sorry, signing in is not working. Try again later."
                                        : done.error().message;
    message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(message[0])));
    return sign_in_form(ctx, req, status, message, email, next);
  }
  // A session the browser held before is ended: its token is not reused.
  if (req.caller.signed_in()) ctx.api.accounts->sign_out(req.caller);
  api::Response r = see_other(next);
  r.headers.emplace_back("Set-Cookie",
                         session_cookie(req, done->token, auth::Accounts::kSessionHours * 3600));
  return r;
}

api::Response handle_sign_out(const SiteContext& ctx, api::Request& req) {
  if (req.method != "POST") return see_other(req.caller.signed_in() ? "/account" : "/");
  const api::QueryParams form = parse_form(req.body);
  if (req.caller.signed_in() && !csrf_ok(req, form))
    return form_page(ctx, req, 403, "Error: Sign out",
                Html()("<h1 class=\"govuk-heading-l\">Sign out from this site's own page</h1>"
                       "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/account\">Your account</a>.</p>"));
  ctx.api.accounts->sign_out(req.caller);
  api::Response r = see_other("/");
  r.headers.emplace_back("Set-Cookie", session_cookie(req, "", 0));
  return r;
}

std::string what_they_see(Role role) {
  if (role_at_least(role, Role::kDataManager))
    return "Every measure, including draft measures and those restricted to any organisation.";
  return "Public measures, measures shared with everyone signed in, and measures restricted to "
         "your organisation.";
}

api::Response handle_account(const SiteContext& ctx, api::Request& req) {
  if (!req.caller.signed_in()) return see_other("/sign-in?next=/account");
  const User& u = *req.caller.user;
  std::string org_name = u.organisation_id;
  if (auto org = ctx.api.accounts->store().find_organisation(u.organisation_id); org && *org)
    org_name = (*org)->name + " (" + u.organisation_id + ")";
  Html h;
  h(R"(<h1 class="govuk-heading-l">Your account</h1>)");
  h.add(summary_list({{"Name", text(u.name)},
                      {"Email address", text(u.email)},
                      {"Organisation", text(org_name)},
                      {"Role", text(to_string(u.role))},
                      {"You can see", text(what_they_see(u.role))}}));
  if (req.caller.has_role(Role::kAdministrator))
    h(R"(<h2 class="govuk-heading-m">Administration</h2>
<ul class="govuk-list"><li><a class="govuk-link" href="/admin/users">Users</a></li><li><a class="govuk-link" href="/admin/keys">API keys</a></li><li><a class="govuk-link" href="/admin/usage">Usage measures</a></li></ul>
)");
  h(R"(<p class="govuk-body">API keys for scripts (R, Python, PHP, Power BI) are issued by your administrator with <code>lgbench keys create</code>; see <a class="govuk-link" href="/about-data#api">the API</a>.</p>
<form method="post" action="/sign-out"><input type="hidden" name="csrf" value="{}">
<button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Sign out</button></form>
)",
    req.caller.csrf_token);
  return form_page(ctx, req, 200, "Your account", h);
}

api::Response reset_form(const SiteContext& ctx, const api::Request& req, int status,
                         const std::string& token, const std::string& error) {
  Html h;
  h(R"(<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">)");
  h.add(error_summary(error, "password"));
  h(R"(<h1 class="govuk-heading-l">Set your password</h1>
<form method="post" action="/account/reset" novalidate>
<input type="hidden" name="csrf" value="{}"><input type="hidden" name="token" value="{}">
<div class="govuk-hint" id="password-hint">At least {} characters. A long phrase is easier to remember than a short jumble.</div>
)",
    ctx.api.accounts->sign_in_form_token(), token, std::to_string(auth::kMinPasswordLength));
  h.add(text_input("password", "New password", "password", "new-password", "", error));
  h(R"(<button type="submit" class="govuk-button" data-module="govuk-button">Set password</button>
</form></div></div>
)");
  return form_page(ctx, req, status, error.empty() ? "Set your password" : "Error: Set your password", h);
}

api::Response handle_reset(const SiteContext& ctx, api::Request& req) {
  if (req.method != "POST") return reset_form(ctx, req, 200, req.query.get("token"), "");
  if (!same_origin(req))
    return reset_form(ctx, req, 403, "", "This form was sent from another site");
  const api::QueryParams form = parse_form(req.body);
  const std::string token = form.get("token");
  if (!ctx.api.accounts->check_sign_in_form_token(form.get("csrf")))
    return reset_form(ctx, req, 400, token, "The form had expired. Enter your new password again.");
  if (auto s = ctx.api.accounts->reset_password(token, form.get("password")); !s) {
    std::string message = s.error().message;
    message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(message[0])));
    return reset_form(ctx, req, 400, token, message);
  }
  Html h;
  h(R"(<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">Password set</h1></div>
<p class="govuk-body"><a class="govuk-link" href="/sign-in">Sign in</a> with your new password.</p>
)");
  return form_page(ctx, req, 200, "Password set", h);
}

std::string percent_text(int part, int whole) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", auth::UsageMeasures::percent(part, whole));
  return std::string(buf) + " (" + std::to_string(part) + " of " + std::to_string(whole) + ")";
}

api::Response handle_admin_usage(const SiteContext& ctx, api::Request& req) {
  if (req.method != "GET" && req.method != "HEAD") return see_other("/admin/usage");
  if (!req.caller.signed_in()) return see_other("/sign-in?next=/admin/usage");
  if (!req.caller.has_role(Role::kAdministrator))
    return form_page(ctx, req, 403, "Usage measures",
                Html()("<h1 class=\"govuk-heading-l\">Usage measures are for administrators</h1>"));
  auto snap = api::engine_snapshot(ctx.api);
  if (!snap) return form_page(ctx, req, 500, "Usage measures", Html()("<h1 class=\"govuk-heading-l\">Sorry, there is a problem</h1>"));
  auto u = auth::compute_usage(**snap, ctx.api.accounts->store());
  if (!u) return form_page(ctx, req, 500, "Usage measures", Html()("<h1 class=\"govuk-heading-l\">Sorry, there is a problem</h1>"));
  Html h;
  h(R"(<h1 class="govuk-heading-l">Usage measures</h1>
<p class="govuk-body">Counted from registered accounts, sign-ins in the audit log and the catalogue, as of {}. Nothing is recorded about visitors who do not sign in.</p>
)",
    u->as_of);
  h.add(summary_list(
      {{"Registered users", text(std::to_string(u->registered_users))},
       {"Councils with registered users", text(percent_text(u->councils_with_users, u->councils))},
       {"Councils with a user signed in within 30 days",
        text(percent_text(u->councils_signed_in_30_days, u->councils))},
       {"Councils with a user signed in within 60 days",
        text(percent_text(u->councils_signed_in_60_days, u->councils))},
       {"Metrics", text(std::to_string(u->metrics) + " (" + std::to_string(u->public_metrics) +
                        " public)")}}));
  std::vector<Row> rows;
  for (const auto& m : u->metrics_updated)
    rows.push_back({{text(m.month), text(std::to_string(m.metrics))}, false});
  h.add(table("Metrics updated per month (metrics with values in a release loaded that month)",
              {{"Month"}, {"Metrics updated", true}}, rows));
  h(R"(<p class="govuk-body">The same measures as JSON: <a class="govuk-link" href="/api/v1/usage">/api/v1/usage</a>.</p>)");
  return form_page(ctx, req, 200, "Usage measures", h);
}

}  // namespace

std::optional<api::Response> account_response(const SiteContext& ctx, api::Request& req) {
  using Fn = api::Response (*)(const SiteContext&, api::Request&);
  static const std::pair<std::string_view, Fn> kRoutes[] = {
      {"/sign-in", handle_sign_in},
      {"/sign-out", handle_sign_out},
      {"/account", handle_account},
      {"/account/reset", handle_reset},
      {"/admin/usage", handle_admin_usage},
      {"/admin/users", nullptr},
      {"/admin/keys", nullptr},
  };
  for (const auto& [path, fn] : kRoutes) {
    if (req.path != path) continue;
    if (req.method != "GET" && req.method != "HEAD" && req.method != "POST") {
      api::Response r = html_response(405, "");
      r.headers.emplace_back("Allow", "GET, HEAD, POST");
      return r;
    }
    if (!ctx.api.accounts)
      return form_page(ctx, req, 404, "Page not found",
                       Html()("<h1 class=\"govuk-heading-l\">This server keeps no accounts</h1>"));
    if (!fn) return admin_response(ctx, req);
    return fn(ctx, req);
  }
  return std::nullopt;
}


api::QueryParams parse_form(std::string_view body) {
  api::QueryParams out;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t end = body.find('&', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view item = body.substr(pos, end - pos);
    size_t eq = item.find('=');
    if (!item.empty())
      out.add(auth::url_decode(item.substr(0, eq), true),
              eq == std::string_view::npos ? "" : auth::url_decode(item.substr(eq + 1), true));
    pos = end + 1;
  }
  return out;
}

bool same_origin(const api::Request& req) {
  const std::string origin = req.header("origin");
  if (origin.empty() || origin == "null") return origin.empty();
  const std::string host = req.header("host");
  return origin == "http://" + host || origin == "https://" + host;
}

bool csrf_ok(const api::Request& req, const api::QueryParams& form) {
  return req.caller.signed_in() && same_origin(req) &&
         auth::equal_constant_time(form.get("csrf"), req.caller.csrf_token);
}

api::Response see_other(const std::string& location) {
  api::Response r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  r.body = "See " + location + "\n";
  r.headers.emplace_back("Location", location);
  r.cache_control = "no-store";
  return r;
}

api::Response form_page(const SiteContext& ctx, const api::Request& req, int status,
                        const std::string& title, const Html& main) {
  PageMeta meta;
  meta.title = title;
  meta.noindex = true;
  meta.crumbs = {{"Home", "/"}};
  api::Response r = html_response(status, render_page(*ctx.assets, with_account(meta, req), main));
  r.cache_control = "no-store";
  return r;
}

Html error_summary(const std::string& message, const std::string& field_id) {
  Html h;
  if (message.empty()) return h;
  h(R"(<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
<h2 class="govuk-error-summary__title">There is a problem</h2>
<div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">
<li><a href="#{}">{}</a></li></ul></div></div></div>
)",
    field_id, message);
  return h;
}

Html text_input(std::string_view id, std::string_view label, std::string_view type,
                std::string_view autocomplete, std::string_view value, std::string_view error) {
  Html h;
  h(R"(<div class="govuk-form-group{}"><label class="govuk-label" for="{}">{}</label>)",
    error.empty() ? "" : " govuk-form-group--error", id, label);
  if (!error.empty())
    h(R"(<p id="{}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {}</p>)",
      id, error);
  h(R"(<input class="govuk-input{}" id="{}" name="{}" type="{}" autocomplete="{}" spellcheck="false" value="{}"{}></div>
)",
    error.empty() ? "" : " govuk-input--error", id, id, type, autocomplete, value,
    Html::trusted(error.empty() ? "" : " aria-describedby=\"" + escape_html(id) + "-error\""));
  return h;
}

}  // namespace lgb::web
