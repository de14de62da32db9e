// GET /api/v1/data?metric=ID[&area=CODE,...][&period=ID][&history=true]
#include "api/handlers/handlers.h"
#include "api/json_encoder.h"

namespace lgb::api {

void add_data_routes(Router& router, const ApiContext& ctx) {
  router.get("/api/v1/data", "Values of one metric exactly as published, by area and period",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {"metric", "area", "period", "history"}); !s)
                 return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               auto data_req = make_data_request(req.query.get("metric"), req.query.get("area"),
                                                 req.query.get("period"),
                                                 req.query.get("history"));
               if (!data_req) return data_req.error();
               auto snap = engine_snapshot(ctx);
               if (!snap) return snap.error();
               auto data = fetch_values(*ctx.store, **snap, caller_access(req), *data_req);
               if (!data) return data.error();
               if (*format == Format::kCsv) return csv_response(data_table(*data, **snap));
               return json_response(encode_data(*data, **snap));
             });
}

}  // namespace lgb::api
