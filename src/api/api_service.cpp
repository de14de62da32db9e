#include "api/api_service.h"

#include <algorithm>
#include <cctype>
#include <iostream>

#include "api/problem.h"
#include "api/static_files.h"
#include "auth/signature.h"

namespace lgb::api {
namespace {

bool is_api_path(std::string_view path) {
  return path == "/api" || path.substr(0, 5) == "/api/" || path.substr(0, 10) == "/lginform/";
}

}  // namespace

void add_all_routes(Router& router, const ApiContext& ctx) {
  add_health_routes(router, ctx);
  add_area_routes(router, ctx);
  add_metric_routes(router, ctx);
  add_data_routes(router, ctx);
  add_release_routes(router, ctx);
  add_compare_routes(router, ctx);
  add_rank_routes(router, ctx);
  add_outlier_routes(router, ctx);
  add_group_routes(router, ctx);
  add_neighbour_routes(router, ctx);
  add_ratio_routes(router, ctx);
  add_search_routes(router, ctx);
  add_freshness_routes(router, ctx);
  add_history_routes(router, ctx);
  add_usage_routes(router, ctx);
  add_carbon_routes(router, ctx);
  add_openapi_routes(router, ctx);
}

Result<std::unique_ptr<ApiService>> ApiService::create(Store& store, ApiOptions options) {
  auto engine = std::make_unique<Engine>(store, options.engine);
  if (auto s = engine->reload(); !s)
    return Error{s.error().code, "cannot build the benchmarking snapshot: " + s.error().message};
  return std::unique_ptr<ApiService>(
      new ApiService(store, std::move(options), std::move(engine)));
}

ApiService::ApiService(Store& store, ApiOptions options, std::unique_ptr<Engine> engine)
    : store_(store), options_(std::move(options)), engine_(std::move(engine)) {
  ApiContext ctx;
  ctx.store = &store_;
  ctx.version = options_.version;
  ctx.engine = engine_.get();
  ctx.allow_writes = options_.allow_writes;
  ctx.accounts = options_.accounts;
  ctx.invalidate = [this] { cache_.clear(); };
  ctx.calendar = std::make_shared<const WorkingDays>(options_.bank_holidays);
  ctx.store_status = store_status_;
  if (store_.carbon()) ctx.carbon = std::make_shared<carbon::CarbonService>(store_);
  add_all_routes(router_, ctx);
  add_lginform_routes(router_, ctx);
  if (options_.site) site_ = options_.site(ctx);
}

Result<bool> ApiService::refresh(bool force) {
  std::lock_guard lock(refresh_mutex_);
  auto changed = refresh_snapshot(force);
  if (changed)
    store_status_->record_refresh();
  else
    store_status_->record_failure(changed.error());
  return changed;
}

Result<bool> ApiService::refresh_snapshot(bool force) {
  auto generation = read_generation(store_);
  if (!generation) return generation.error();
  auto current = engine_->snapshot();
  if (!current) return current.error();
  if (!force && *generation == (*current)->generation()) return false;
  // Until the new snapshot is published, every answer (catalogue and
  // benchmarks alike) comes from the previous one. On failure the old
  // snapshot stays, and the next refresh tries again.
  if (auto s = engine_->reload(); !s)
    return Error{s.error().code, "cannot rebuild the benchmarking snapshot: " + s.error().message};
  cache_.clear();
  return true;
}

std::shared_ptr<const PreparedResponse> ApiService::find_cached(std::string_view method,
                                                                std::string_view target) const {
  if (method != "GET" && method != "HEAD") return nullptr;
  auto parsed = parse_target(target);
  return parsed ? cache_.find(parsed->cache_key) : nullptr;
}

std::shared_ptr<const PreparedResponse> ApiService::handle(
    std::string_view method, std::string_view target, std::string body,
    std::vector<std::pair<std::string, std::string>> headers) {
  uint64_t epoch = cache_.epoch();
  Request request;
  request.method = method;
  request.target = target;
  request.body = std::move(body);
  request.headers = std::move(headers);
  auto parsed = parse_target(target);
  if (!parsed) return prepare(problem_response(400, "malformed request target", "/"));
  request.path = std::move(parsed->path);
  request.query = std::move(parsed->query);
  if (auto s = identify(request); !s) return prepare(problem_response(s.error(), request.path));

  Response response = handle_uncached(request);
  // A signed-in caller's answer is theirs alone: no shared cache keeps it.
  const bool personal = request.caller.signed_in() || request.query.has("ApplicationKey") ||
                        carries_credentials(request.header("authorization"),
                                            request.header("cookie"), "");
  if (request.caller.signed_in() && response.cache_control != "no-store")
    response.cache_control = "private, no-cache";
  // The same URL answers differently once signed in: no cache (the browser's
  // included) may hand one caller's answer to another.
  response.headers.emplace_back("Vary", "Authorization, Cookie");
  auto prepared = prepare(response);
  // Site pages are cached like API answers: both change only with a release.
  bool cacheable = !personal && prepared->cacheable && (is_api_path(request.path) || site_) &&
                   (method == "GET" || method == "HEAD") && response.cache_control != "no-store";
  if (cacheable) cache_.insert(std::move(parsed->cache_key), prepared, epoch);
  return prepared;
}

Status ApiService::identify(Request& request) {
  request.caller.actor = "anonymous";
  if (request.query.has("ApplicationKey") || request.query.has("Signature"))
    return identify_signed(request);
  const std::string authorization = request.header("authorization");
  if (authorization.empty()) {
    // A browser's session. On the API it counts for reads only: a write
    // needs a key, so no other site can make a signed-in browser write.
    const std::string token = cookie_value(request.header("cookie"), kSessionCookie);
    const bool read = request.method == "GET" || request.method == "HEAD";
    if (token.empty() || !options_.accounts || (is_api_path(request.path) && !read))
      return ok_status();
    // An ended or unknown session is simply anonymous; the page offers sign-in.
    if (auto caller = options_.accounts->caller_from_session(token)) request.caller = *caller;
    return ok_status();
  }
  if (!options_.accounts) return unauthenticated("this server keeps no accounts");
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() <= kBearer.size() ||
      !std::equal(kBearer.begin(), kBearer.end(), authorization.begin(),
                  [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
    return unauthenticated("the Authorization header must be 'Bearer <key id>.<secret>'");
  auto caller = options_.accounts->caller_from_bearer(
      std::string_view(authorization).substr(kBearer.size()));
  if (!caller) return caller.error();
  request.caller = std::move(*caller);
  return ok_status();
}

Response ApiService::handle_uncached(Request& request) {
  if (is_api_path(request.path)) return router_.dispatch(request);
  if (site_) return site_->handle(request);
  if (request.method != "GET" && request.method != "HEAD") {
    Response r = problem_response(405, "static files are read-only", request.path);
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  return serve_static(options_.web_root, request.path);
}

// An LG Inform-style signed URL (auth/signature.h). The two parameters are
// then dropped, so routes see only their own.
Status ApiService::identify_signed(Request& request) {
  if (!options_.accounts) return unauthenticated("this server keeps no accounts");
  const std::string scheme = request.header("x-forwarded-proto") == "https" ? "https" : "http";
  auto url = auth::parse_signed_url(scheme, request.header("host"), request.target);
  if (!url) return url.error();
  std::string secret;
  auto caller = options_.accounts->caller_from_key_id(url->key_id, &secret);
  if (!caller) return caller.error();
  if (!auth::verify_url_signature(secret, *url))
    return unauthenticated("the Signature does not match this URL and ApplicationKey");
  options_.accounts->note_key_use(*caller);
  request.caller = std::move(*caller);
  QueryParams rest;
  for (const auto& [k, v] : request.query.items())
    if (k != "ApplicationKey" && k != "Signature") rest.add(k, v);
  request.query = std::move(rest);
  return ok_status();
}

}  // namespace lgb::api
