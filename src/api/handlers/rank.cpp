// GET /api/v1/rank?metric=ID[&group=G][&period=ID][&top=N][&area=CODE]
#include "api/benchmark_encoder.h"
#include "api/handlers/handlers.h"

namespace lgb::api {

void add_rank_routes(Router& router, const ApiContext& ctx) {
  router.get("/api/v1/rank", "The top and bottom N areas of a group on one metric",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {"metric", "group", "period", "top", "area"}); !s)
                 return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               auto top = int_param(req, "top", 10, 1, 1000);
               if (!top) return top.error();
               auto snap = engine_snapshot(ctx);
               if (!snap) return snap.error();
               auto r = rank(**snap, caller_access(req), req.query.get("metric"),
                             req.query.get("group", "england"),
                             req.query.get("period"), *top, req.query.get("area"));
               if (!r) return r.error();
               return format_response(
                   *format, [&] { return ranking_json(*r); }, [&] { return ranking_table(*r); });
             });
}

}  // namespace lgb::api
