// ApiService: the application behind the HTTP server. Owns the router, the
// engine (whose published snapshot is both the catalogue and the
// benchmarking cube) and the response cache; turns a method + target into a
// PreparedResponse (cached, routed to a handler, or a static file).
// Thread-safety: find_cached() and handle() may run on many threads at once;
// refresh() may run concurrently with them (the engine publishes a new
// snapshot atomically).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "api/handlers/handlers.h"
#include "api/http.h"
#include "api/response_cache.h"
#include "api/router.h"
#include "api/store_status.h"
#include "api/site.h"
#include "engine/engine.h"
#include "store/store.h"

namespace lgb::api {

struct ApiOptions {
  std::string web_root;  // static files for paths outside /api/; empty: none
  std::string version;   // reported by /health and the OpenAPI document
  // The benchmarking engine's snapshot options (ONS groupings folder, k).
  SnapshotOptions engine;
  // Serve POST/DELETE on groups and ratios (otherwise 403): there is no
  // sign-in yet, so writes are off unless the operator asks for them.
  bool allow_writes = false;
  // The web pages (src/web); when set, every path outside /api/ goes to it
  // and web_root is the site's business. Unset: static files from web_root.
  SiteFactory site;
  // England and Wales bank holidays (ISO dates) for /freshness.
  std::vector<std::string> bank_holidays;
  // Accounts (sign-in, API keys); null: everyone is anonymous and
  // credentials are refused with 401.
  auth::Accounts* accounts = nullptr;
};

// Every /api/v1 route, in the order they are matched.
void add_all_routes(Router& router, const ApiContext& ctx);

class ApiService {
 public:
  // Builds the engine's first snapshot; fails if the store cannot be read or
  // the snapshot cannot be built.
  static Result<std::unique_ptr<ApiService>> create(Store& store, ApiOptions options);

  // The fast path, cheap enough for the I/O thread: a cached response for a
  // GET or HEAD of this target (in any spelling, see parse_target), or nullptr.
  std::shared_ptr<const PreparedResponse> find_cached(std::string_view method,
                                                      std::string_view target) const;
  // The full path: parse, find the caller (Request::caller), route, run the
  // handler, cache the result when the caller is anonymous.
  std::shared_ptr<const PreparedResponse> handle(
      std::string_view method, std::string_view target, std::string body,
      std::vector<std::pair<std::string, std::string>> headers = {});

  // Rebuilds the engine snapshot (published atomically; reads carry on
  // from the old one meanwhile) and clears the cache if a release was loaded
  // since the snapshot was built (by this process or another). Returns
  // whether it changed. A failure (an unreachable database) keeps the old
  // snapshot and marks the service degraded (store_status()) until a
  // refresh succeeds. force: rebuild even if no release was loaded (the
  // store said something changed: a group or ratio made elsewhere).
  Result<bool> refresh(bool force = false);
  // The store's change notifications (Store::watch_changes); null when the
  // store has none and refresh() must poll.
  std::unique_ptr<ChangeWatch> watch_store(std::function<void()> on_change) {
    return store_.watch_changes(std::move(on_change));
  }
  const StoreStatus& store_status() const { return *store_status_; }

  const Router& router() const { return router_; }
  Engine& engine() { return *engine_; }

 private:
  ApiService(Store& store, ApiOptions options, std::unique_ptr<Engine> engine);
  Response handle_uncached(Request& request);
  Result<bool> refresh_snapshot(bool force);  // refresh() without the bookkeeping
  // Fills request.caller from its credentials; an error for credentials
  // that are present but not valid.
  Status identify(Request& request);
  Status identify_signed(Request& request);

  Store& store_;
  ApiOptions options_;
  Router router_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Site> site_;
  ResponseCache cache_;
  std::mutex refresh_mutex_;  // one refresh at a time
  std::shared_ptr<StoreStatus> store_status_ = std::make_shared<StoreStatus>();
};

}  // namespace lgb::api
