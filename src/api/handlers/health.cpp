// GET /api/v1/health
#include <boost/json.hpp>

#include "api/handlers/handlers.h"

namespace lgb::api {

void add_health_routes(Router& router, const ApiContext& ctx) {
  router.get("/api/v1/health", "Service status, version and number of stored values",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {}); !s) return s.error();
               auto snap = engine_snapshot(ctx);
               if (!snap) return snap.error();
               // Counts of what this caller may see, like /releases.
               const HealthCounts counts = health_counts(**snap, caller_access(req));
               const StoreStatus::View store =
                   ctx.store_status ? ctx.store_status->view() : StoreStatus::View{};
               boost::json::object o;
               // Degraded: answering from the last snapshot because the store
               // cannot be read. Still 200: the replica serves, and a load
               // balancer should not take every replica out in a database
               // outage; monitoring reads "status".
               o["status"] = store.ok ? "ok" : "degraded";
               o["version"] = ctx.version;
               o["values"] = counts.values;
               o["releases"] = counts.releases;
               boost::json::object s;
               s["ok"] = store.ok;
               s["last_refresh"] = store.last_refresh;
               if (!store.ok) {
                 s["failing_since"] = store.failing_since;
                 s["failed_refreshes"] = store.failed_refreshes;
                 s["last_error"] = store.last_error;
               }
               o["store"] = std::move(s);
               // Health must reflect now: never cached by clients or us.
               return json_response(boost::json::serialize(o), "no-store");
             });
}

}  // namespace lgb::api
