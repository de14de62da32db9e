// GET /api/v1/data?metric=ID[&area=CODE,...][&period=ID][&history=true][&as_of=RELEASE_OR_DATE]
#include "api/handlers/handlers.h"
#include "api/json_encoder.h"
#include "engine/history.h"

namespace lgb::api {

void add_data_routes(Router& router, const ApiContext& ctx) {
  router.get("/api/v1/data", "Values of one metric exactly as published, by area and period",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {"metric", "area", "period", "history", "as_of"});
                   !s)
                 return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               auto data_req = make_data_request(req.query.get("metric"), req.query.get("area"),
                                                 req.query.get("period"),
                                                 req.query.get("history"));
               if (!data_req) return data_req.error();
               auto snap = engine_snapshot(ctx);
               if (!snap) return snap.error();
               const Access access = caller_access(req);
               auto data = [&]() -> Result<DataResult> {
                 const std::string when = req.query.get("as_of");
                 if (when.empty()) return fetch_values(*ctx.store, **snap, access, *data_req);
                 auto as_of = parse_as_of(**snap, access, when);
                 if (!as_of) return as_of.error();
                 return fetch_values_as_of(*ctx.store, **snap, access, *data_req, *as_of);
               }();
               if (!data) return data.error();
               if (*format == Format::kCsv) return csv_response(data_table(*data, **snap));
               return json_response(encode_data(*data, **snap));
             });
}

}  // namespace lgb::api
