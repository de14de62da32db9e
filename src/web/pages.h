// The pages of the web app. Each page function parses its request, calls the
// same engine and query functions the /api/v1 handlers call (no private back
// door), and returns the page's HTML main content, its metadata, and the
// Dataset its downloads serve. site.cpp routes requests to them.
// Stateless functions over an immutable SiteContext; thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/handlers/handlers.h"
#include "api/http.h"
#include "core/result.h"
#include "web/assets.h"
#include "web/dataset.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/reports.h"

namespace lgb::web {

struct SiteContext {
  api::ApiContext api;
  const Assets* assets = nullptr;
  const std::vector<Report>* reports = nullptr;
};

struct Page {
  PageMeta meta;
  Html main;
  std::optional<Dataset> data;  // what <path>/data.{csv,xlsx,json} serves
  std::string redirect;         // when set: 301 to this URL instead
};

using PageResult = Result<Page>;

PageResult home_page(const SiteContext& ctx, const api::Request& req);
PageResult search_page(const SiteContext& ctx, const api::Request& req);
PageResult areas_page(const SiteContext& ctx, const api::Request& req);
PageResult area_page(const SiteContext& ctx, const api::Request& req);
PageResult outliers_page(const SiteContext& ctx, const api::Request& req);
PageResult compare_page(const SiteContext& ctx, const api::Request& req);
PageResult metrics_page(const SiteContext& ctx, const api::Request& req);
PageResult metric_page(const SiteContext& ctx, const api::Request& req);
PageResult reports_page(const SiteContext& ctx, const api::Request& req);
PageResult report_page(const SiteContext& ctx, const api::Request& req);
PageResult about_page(const SiteContext& ctx, const api::Request& req);

// Sign-in, sign-out, the account page and password reset (account_pages.cpp):
// whole responses, since they take POSTs and set the session cookie; nullopt
// when the path is none of theirs.
std::optional<api::Response> account_response(const SiteContext& ctx, api::Request& req);

// An HTML response with the site's security headers (CSP and friends).
api::Response html_response(int status, std::string body);
// The page's metadata with the header's account links for this caller.
PageMeta with_account(PageMeta meta, const api::Request& req);

// The error page for a failed request: 404 with search suggestions for an
// unknown council or measure, 400 with the problem for bad parameters.
std::string error_page(const SiteContext& ctx, const api::Request& req, const Error& e,
                       int status);

}  // namespace lgb::web
