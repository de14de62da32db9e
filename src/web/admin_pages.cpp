// Administrators' pages: users (add, disable, reset link) and API keys
// (create, shown once; revoke), the same actions as `lgbench users` and
// `lgbench keys`, through auth::Accounts so each is audited. Every form is a
// POST with the session's CSRF token from this site.
#include <string>

#include "web/forms.h"
#include "engine/catalogue.h"
#include "web/pages.h"

namespace lgb::web {
namespace {

std::optional<api::Response> refuse(const SiteContext& ctx, const api::Request& req,
                                    const std::string& next) {
  if (!req.caller.signed_in()) return see_other("/sign-in?next=" + next);
  if (!req.caller.has_role(Role::kAdministrator))
    return form_page(ctx, req, 403, "Administration",
                     Html()("<h1 class=\"govuk-heading-l\">This page is for administrators</h1>"));
  return std::nullopt;
}

std::string actor(const api::Request& req) { return req.caller.actor; }

// A council's name from the register, for a new organisation; "" otherwise.
std::string area_name(const SiteContext& ctx, const std::string& code) {
  auto snap = api::engine_snapshot(ctx.api);
  if (!snap) return "";
  const Area* a = area_by_code(**snap, code);
  return a ? a->name : "";
}

Html role_select(std::string_view selected) {
  std::vector<Choice> roles = {{"member", "Member"},
                               {"analyst", "Analyst"},
                               {"data-manager", "Data manager"},
                               {"administrator", "Administrator"}};
  return select_field("role", "Role", roles, selected);
}

api::Response users_page(const SiteContext& ctx, const api::Request& req, int status,
                         const Html& notice, const std::string& error) {
  auto users = ctx.api.accounts->store().list_users();
  Html h;
  h.add(error_summary(error, "email"));
  h(R"(<h1 class="govuk-heading-l">Users</h1>)");
  h.add(notice);
  std::vector<Row> rows;
  if (users) {
    for (const User& u : *users) {
      Html action;
      if (!u.disabled && u.email != req.caller.user->email)
        action(R"(<form method="post" action="/admin/users"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="action" value="disable"><input type="hidden" name="email" value="{}"><button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button">Disable<span class="govuk-visually-hidden"> {}</span></button></form>)",
               req.caller.csrf_token, u.email, u.email);
      rows.push_back({{text(u.email), text(u.name), text(u.organisation_id), text(to_string(u.role)),
                       text(u.disabled ? "disabled" : u.password_hash.empty() ? "no password yet" : "active"),
                       action},
                      false});
    }
  }
  h.add(table("Everyone who can sign in", {{"Email"}, {"Name"}, {"Organisation"}, {"Role"}, {"Status"}, {"Action"}}, rows));
  h(R"(<h2 class="govuk-heading-m">Add a user</h2>
<form method="post" action="/admin/users" novalidate><input type="hidden" name="csrf" value="{}"><input type="hidden" name="action" value="add">
)",
    req.caller.csrf_token);
  h.add(text_input("email", "Email address", "email", "off", "", ""));
  h.add(text_input("name", "Full name", "text", "off", "", ""));
  h.add(text_input("org", "Organisation (a council's GSS code, or an organisation id)", "text", "off", "", ""));
  h.add(role_select("member"));
  h(R"(<button type="submit" class="govuk-button" data-module="govuk-button">Add user</button></form>
<p class="govuk-body"><a class="govuk-link" href="/admin/keys">API keys</a> · <a class="govuk-link" href="/admin/usage">Usage measures</a></p>
)");
  return form_page(ctx, req, status, error.empty() ? "Users" : "Error: Users", h);
}

api::Response handle_users(const SiteContext& ctx, api::Request& req) {
  if (auto r = refuse(ctx, req, "/admin/users")) return std::move(*r);
  if (req.method != "POST") return users_page(ctx, req, 200, {}, "");
  const api::QueryParams form = parse_form(req.body);
  if (!csrf_ok(req, form))
    return users_page(ctx, req, 403, {}, "The form had expired or came from another site. Try again.");
  Html notice;
  if (form.get("action") == "disable") {
    if (auto s = ctx.api.accounts->disable_user(form.get("email"), actor(req)); !s)
      return users_page(ctx, req, 400, {}, s.error().message);
    notice(R"(<div class="govuk-inset-text">{} is disabled; their sessions have ended and their keys no longer work.</div>)",
           form.get("email"));
    return users_page(ctx, req, 200, notice, "");
  }
  auth::NewUser n;
  n.email = form.get("email");
  n.name = form.get("name");
  n.organisation = form.get("org");
  n.role = parse_role(form.get("role")).value_or(Role::kMember);
  if (auto area = area_name(ctx, n.organisation); !area.empty()) n.organisation_name = area;
  auto u = ctx.api.accounts->add_user(n, actor(req));
  if (!u) return users_page(ctx, req, 400, {}, u.error().message);
  auto token = ctx.api.accounts->create_reset_token(u->email, actor(req));
  if (!token) return users_page(ctx, req, 500, {}, token.error().message);
  notice(R"(<div class="govuk-panel govuk-panel--confirmation"><h2 class="govuk-panel__title">{} added</h2><div class="govuk-panel__body">Send them this link to set their password (valid for 24 hours, once):<br><code class="app-code">/account/reset?token={}</code></div></div>)",
         u->email, *token);
  return users_page(ctx, req, 200, notice, "");
}

api::Response keys_page(const SiteContext& ctx, const api::Request& req, int status,
                        const Html& notice, const std::string& error) {
  auto keys = ctx.api.accounts->store().list_keys();
  auto users = ctx.api.accounts->store().list_users();
  Html h;
  h.add(error_summary(error, "email"));
  h(R"(<h1 class="govuk-heading-l">API keys</h1>)");
  h.add(notice);
  std::vector<Row> rows;
  if (keys && users) {
    for (const ApiKeyRecord& k : *keys) {
      std::string email;
      for (const User& u : *users)
        if (u.id == k.user_id) email = u.email;
      Html action;
      if (k.revoked_at.empty())
        action(R"(<form method="post" action="/admin/keys"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="action" value="revoke"><input type="hidden" name="id" value="{}"><button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button">Revoke<span class="govuk-visually-hidden"> {}</span></button></form>)",
               req.caller.csrf_token, k.id, k.id);
      rows.push_back({{text(k.id), text(email), text(k.label), text(k.created_at),
                       text(k.last_used_on.empty() ? "never" : k.last_used_on),
                       k.revoked_at.empty() ? action : text("revoked " + k.revoked_at)},
                      false});
    }
  }
  h.add(table("Keys (their secrets are never stored)", {{"Key id"}, {"User"}, {"Label"}, {"Created"}, {"Last used"}, {"Action"}}, rows));
  h(R"(<h2 class="govuk-heading-m">Create a key</h2>
<form method="post" action="/admin/keys" novalidate><input type="hidden" name="csrf" value="{}"><input type="hidden" name="action" value="create">
)",
    req.caller.csrf_token);
  h.add(text_input("email", "The user the key acts for (email address)", "email", "off", "", ""));
  h.add(text_input("label", "What it is for (for example Power BI)", "text", "off", "", ""));
  h(R"(<button type="submit" class="govuk-button" data-module="govuk-button">Create key</button></form>
)");
  return form_page(ctx, req, status, error.empty() ? "API keys" : "Error: API keys", h);
}

api::Response handle_keys(const SiteContext& ctx, api::Request& req) {
  if (auto r = refuse(ctx, req, "/admin/keys")) return std::move(*r);
  if (req.method != "POST") return keys_page(ctx, req, 200, {}, "");
  const api::QueryParams form = parse_form(req.body);
  if (!csrf_ok(req, form))
    return keys_page(ctx, req, 403, {}, "The form had expired or came from another site. Try again.");
  Html notice;
  if (form.get("action") == "revoke") {
    if (auto s = ctx.api.accounts->revoke_key(form.get("id"), actor(req)); !s)
      return keys_page(ctx, req, 400, {}, s.error().message);
    notice(R"(<div class="govuk-inset-text">Key {} is revoked.</div>)", form.get("id"));
    return keys_page(ctx, req, 200, notice, "");
  }
  auto key = ctx.api.accounts->create_key(form.get("email"), form.get("label"), actor(req));
  if (!key) return keys_page(ctx, req, 400, {}, key.error().message);
  notice(R"(<div class="govuk-panel govuk-panel--confirmation"><h2 class="govuk-panel__title">Key created</h2><div class="govuk-panel__body">Copy the secret now: it is shown only once.</div></div>
<dl class="govuk-summary-list">
<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">ApplicationKey (key id)</dt><dd class="govuk-summary-list__value"><code class="app-code">{}</code></dd></div>
<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Secret</dt><dd class="govuk-summary-list__value"><code class="app-code">{}</code></dd></div>
<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Bearer token</dt><dd class="govuk-summary-list__value"><code class="app-code">{}</code></dd></div>
</dl>
)",
         key->id, key->secret, key->bearer());
  api::Response r = keys_page(ctx, req, 200, notice, "");
  return r;
}

}  // namespace

std::optional<api::Response> admin_response(const SiteContext& ctx, api::Request& req) {
  if (req.path == "/admin/users") return handle_users(ctx, req);
  if (req.path == "/admin/keys") return handle_keys(ctx, req);
  return std::nullopt;
}

}  // namespace lgb::web
