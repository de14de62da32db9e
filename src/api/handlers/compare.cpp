// GET /api/v1/compare?metric=ID&area=CODE[&group=G][&period=ID]
#include "api/benchmark_encoder.h"
#include "api/handlers/handlers.h"

namespace lgb::api {

void add_compare_routes(Router& router, const ApiContext& ctx) {
  router.get("/api/v1/compare",
             "One area against a comparator group on one metric: statistics, position, trend",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {"metric", "area", "group", "period"}); !s)
                 return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               auto snap = engine_snapshot(ctx);
               if (!snap) return snap.error();
               // One snapshot for the answer and its labels: a reload between
               // the two must not mix releases.
               auto c = compare(**snap, caller_access(req), req.query.get("metric"),
                                req.query.get("area"),
                                req.query.get("group", "england"), req.query.get("period"));
               if (!c) return c.error();
               return format_response(
                   *format, [&] { return comparison_json(**snap, *c); },
                   [&] { return comparison_table(*c); });
             });
}

}  // namespace lgb::api
