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
               boost::json::object o;
               o["status"] = "ok";
               o["version"] = ctx.version;
               o["values"] = counts.values;
               o["releases"] = counts.releases;
               // Health must reflect now: never cached by clients or us.
               return json_response(boost::json::serialize(o), "no-store");
             });
}

}  // namespace lgb::api
