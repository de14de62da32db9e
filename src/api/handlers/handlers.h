// Route registration for each group of handlers, and the small helpers they
// share. Handlers only parse, validate, call the engine (engine/catalogue.h
// for areas, metrics, releases and published values; engine/queries.h for
// benchmarking) with the caller's Access, and encode; they hold no state of
// their own and decide no visibility themselves.
// Thread-safety: handlers run concurrently; ApiContext members are thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

#include "api/csv_encoder.h"
#include "api/router.h"
#include "api/store_status.h"
#include "core/working_days.h"
#include "auth/usage.h"
#include "carbon/service.h"
#include "engine/engine.h"
#include "store/freshness.h"
#include "store/store.h"

namespace lgb::api {

struct ApiContext {
  Store* store = nullptr;
  std::string version;
  // The engine: its published snapshot is the catalogue and the benchmarking
  // cube (null only in tests that register routes without running them).
  Engine* engine = nullptr;
  // Create/delete routes answer 403 to anyone below analyst unless the
  // server was started with --allow-writes.
  bool allow_writes = false;
  // Accounts, for the routes that manage or report on them; null when the
  // server keeps none.
  auth::Accounts* accounts = nullptr;
  // Drops every cached response; called after a successful write.
  std::function<void()> invalidate;
  // England and Wales working days, for /freshness (null: weekends only).
  std::shared_ptr<const WorkingDays> calendar;
  // Whether the last refresh reached the store, for /health (null: ok).
  std::shared_ptr<const StoreStatus> store_status;
  // The carbon calculators (docs/carbon.md); null when the store keeps no
  // carbon data (PostgreSQL, for now).
  std::shared_ptr<carbon::CarbonService> carbon;
};

void add_health_routes(Router& router, const ApiContext& ctx);
void add_area_routes(Router& router, const ApiContext& ctx);
void add_metric_routes(Router& router, const ApiContext& ctx);
void add_data_routes(Router& router, const ApiContext& ctx);
void add_release_routes(Router& router, const ApiContext& ctx);
void add_compare_routes(Router& router, const ApiContext& ctx);
void add_rank_routes(Router& router, const ApiContext& ctx);
void add_outlier_routes(Router& router, const ApiContext& ctx);
void add_group_routes(Router& router, const ApiContext& ctx);
void add_neighbour_routes(Router& router, const ApiContext& ctx);
void add_ratio_routes(Router& router, const ApiContext& ctx);
void add_search_routes(Router& router, const ApiContext& ctx);
void add_freshness_routes(Router& router, const ApiContext& ctx);
void add_history_routes(Router& router, const ApiContext& ctx);
// The freshness report's per-metric rows (the CSV of /freshness, the CLI).
Table freshness_table(const FreshnessReport& f);
void add_usage_routes(Router& router, const ApiContext& ctx);
// /api/v1/carbon/... (carbon.cpp).
void add_carbon_routes(Router& router, const ApiContext& ctx);
// The usage measures as JSON (shared with the /admin/usage page's download).
std::string usage_json(const auth::UsageMeasures& u);
// /lginform/ (docs/lginform-compat.md): outside /api/v1 and its OpenAPI
// document, so added by ApiService beside add_all_routes.
void add_lginform_routes(Router& router, const ApiContext& ctx);
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
// A response of format: the JSON body or the Table as CSV.
Response format_response(Format f, std::string json, const Table& table);
// The same, rendering only the one asked for: json() -> std::string,
// table() -> Table (a JSON answer need not format every number for CSV too).
template <class MakeJson, class MakeTable>
  requires std::is_invocable_r_v<std::string, MakeJson> && std::is_invocable_r_v<Table, MakeTable>
Response format_response(Format f, MakeJson&& json, MakeTable&& table) {
  if (f == Format::kCsv) return format_response(f, std::string(), table());
  return format_response(f, json(), Table{});
}

// An optional integer query parameter within [lo, hi]; fallback when absent.
Result<int> int_param(const Request& req, std::string_view name, int fallback, int lo, int hi);
// An optional finite number >= lo; fallback when absent.
Result<double> number_param(const Request& req, std::string_view name, double fallback,
                            double lo);
// The engine's current snapshot: take it once per request, so the answer
// and its labels come from one generation of the store.
Result<std::shared_ptr<const Snapshot>> engine_snapshot(const ApiContext& ctx);
// What the caller of this request may see (Request::caller, filled by
// ApiService from a bearer token, a session or an LG Inform signature).
inline const Access& caller_access(const Request& req) { return req.caller.access; }
// The 403 problem unless the caller is an analyst (or above) or the server
// allows anonymous writes (--allow-writes); else nullopt.
std::optional<Response> refuse_writes(const ApiContext& ctx, const Request& req);
Response csv_response(const Table& table, std::string_view cache_control = kPublicCache);

}  // namespace lgb::api
