// GET /api/v1/metrics/{id}/changes[?area=CODE,...][&period=ID][&release=ID]:
// the metric's change log, what each release revised (engine/history.h).
// as_of on /api/v1/data is read in data.cpp with the same engine module.
#include "api/handlers/handlers.h"
#include "api/history_encoder.h"

namespace lgb::api {

void add_history_routes(Router& router, const ApiContext& ctx) {
  router.get("/api/v1/metrics/{id}/changes",
             "What each release of one metric revised: old and new value by area and period",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {"area", "period", "release"}); !s)
                 return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               auto change_req = make_change_request(req.param("id"), req.query.get("area"),
                                                     req.query.get("period"),
                                                     req.query.get("release"));
               if (!change_req) return change_req.error();
               auto snap = engine_snapshot(ctx);
               if (!snap) return snap.error();
               auto log = metric_changes(*ctx.store, **snap, caller_access(req), *change_req);
               if (!log) return log.error();
               return format_response(
                   *format, [&] { return encode_changes(*log, **snap); },
                   [&] { return changes_table(*log, **snap); });
             });
}

}  // namespace lgb::api
