#include "api/api_service.h"

#include <iostream>

#include "api/problem.h"
#include "api/static_files.h"

namespace lgb::api {
namespace {

bool is_api_path(std::string_view path) {
  return path == "/api" || path.substr(0, 5) == "/api/";
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
  ctx.invalidate = [this] { cache_.clear(); };
  ctx.calendar = std::make_shared<const WorkingDays>(options_.bank_holidays);
  ctx.store_status = store_status_;
  add_all_routes(router_, ctx);
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

std::shared_ptr<const PreparedResponse> ApiService::handle(std::string_view method,
                                                           std::string_view target,
                                                           std::string body) {
  uint64_t epoch = cache_.epoch();
  Request request;
  request.method = method;
  request.target = target;
  request.body = std::move(body);
  auto parsed = parse_target(target);
  if (!parsed) return prepare(problem_response(400, "malformed request target", "/"));
  request.path = std::move(parsed->path);
  request.query = std::move(parsed->query);

  Response response = handle_uncached(request);
  auto prepared = prepare(response);
  // Site pages are cached like API answers: both change only with a release.
  bool cacheable = prepared->cacheable && (is_api_path(request.path) || site_) &&
                   (method == "GET" || method == "HEAD") && response.cache_control != "no-store";
  if (cacheable) cache_.insert(std::move(parsed->cache_key), prepared, epoch);
  return prepared;
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

}  // namespace lgb::api
