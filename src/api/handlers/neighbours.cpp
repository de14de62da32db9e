// GET /api/v1/neighbours/{code}
#include "api/benchmark_encoder.h"
#include "api/handlers/handlers.h"

namespace lgb::api {

void add_neighbour_routes(Router& router, const ApiContext& ctx) {
  router.get("/api/v1/neighbours/{code}",
             "An area's nearest neighbours with distances and what drives them",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {}); !s) return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               auto snap = engine_snapshot(ctx);
               if (!snap) return snap.error();
               auto n = neighbours(**snap, caller_access(req), req.param("code"));
               if (!n) return n.error();
               return format_response(
                   *format, [&] { return neighbours_json(*n); }, [&] { return neighbours_table(*n); });
             });
}

}  // namespace lgb::api
