// Route registration for each group of handlers, and the small helpers they
// share. Handlers only parse, validate, call the store (through queries.h),
// and encode; they hold no state of their own.
// Thread-safety: handlers run concurrently; ApiContext members are thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "api/catalog.h"
#include "api/csv_encoder.h"
#include "api/router.h"
#include "store/store.h"

namespace lgb::api {

struct ApiContext {
  Store* store = nullptr;
  // The current catalog snapshot (never null once the service is up).
  std::function<std::shared_ptr<const Catalog>()> catalog;
  std::string version;
};

void add_health_routes(Router& router, const ApiContext& ctx);
void add_area_routes(Router& router, const ApiContext& ctx);
void add_metric_routes(Router& router, const ApiContext& ctx);
void add_data_routes(Router& router, const ApiContext& ctx);
void add_release_routes(Router& router, const ApiContext& ctx);
// Must be added last: the document is checked against the routes added before.
void add_openapi_routes(Router& router, const ApiContext& ctx);

enum class Format { kJson, kCsv };

// ?format=json|csv (default json); anything else is a 400.
Result<Format> parse_format(const Request& req);
// Rejects query parameters the route does not know, so typos give a 400
// rather than silently unfiltered data.
Status check_params(const Request& req, std::initializer_list<std::string_view> allowed);

// Cache-Control for data that changes only when a release is loaded.
inline constexpr std::string_view kPublicCache = "public, max-age=60";

Response json_response(std::string body, std::string_view cache_control = kPublicCache);
Response csv_response(const Table& table, std::string_view cache_control = kPublicCache);

}  // namespace lgb::api
