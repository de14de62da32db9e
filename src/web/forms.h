// What the pages that take POSTs share (sign-in, account, administration):
// reading a form body, the CSRF and same-origin checks, a 303 redirect, a
// never-cached page in the site's layout, and the GOV.UK error summary and
// text input. Stateless functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/http.h"
#include "web/html.h"
#include "web/pages.h"

namespace lgb::web {

// application/x-www-form-urlencoded fields of a POST body.
api::QueryParams parse_form(std::string_view body);
// False for a POST whose Origin is another site (browsers send Origin on
// every cross-origin POST; none at all is an older browser or a script).
bool same_origin(const api::Request& req);
// A signed-in caller's form: same origin and the session's CSRF token.
bool csrf_ok(const api::Request& req, const api::QueryParams& form);
api::Response see_other(const std::string& location);
// A page in the site's layout that no cache keeps.
api::Response form_page(const SiteContext& ctx, const api::Request& req, int status,
                        const std::string& title, const Html& main);
// The GOV.UK error summary linking to field_id; empty without a message.
Html error_summary(const std::string& message, const std::string& field_id);
Html text_input(std::string_view id, std::string_view label, std::string_view type,
                std::string_view autocomplete, std::string_view value, std::string_view error);

// The carbon calculators' pages under /carbon (carbon_pages.cpp), GET and
// POST; nullopt for other paths.
std::optional<api::Response> carbon_response(const SiteContext& ctx, api::Request& req);
// Administrators' users and keys pages (admin_pages.cpp); nullopt for other paths.
std::optional<api::Response> admin_response(const SiteContext& ctx, api::Request& req);

}  // namespace lgb::web
