// GET /api/v1/areas and /api/v1/areas/{code}
#include "api/handlers/handlers.h"
#include "api/json_encoder.h"

namespace lgb::api {

void add_area_routes(Router& router, const ApiContext& ctx) {
  router.get("/api/v1/areas", "Areas in the register, filtered by type, region, name, current",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {"type", "region", "q", "current"}); !s)
                 return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               auto filter = make_area_filter(req.query.get("type"), req.query.get("region"),
                                              req.query.get("q"), req.query.get("current"));
               if (!filter) return filter.error();
               auto snap = engine_snapshot(ctx);
               if (!snap) return snap.error();
               std::vector<const Area*> areas = filter_areas(**snap, *filter);
               if (*format == Format::kCsv) return csv_response(areas_table(areas));
               boost::json::array items;
               items.reserve(areas.size());
               for (const Area* a : areas) items.push_back(area_json(*a));
               return json_response(encode_list(std::move(items)));
             });

  router.get("/api/v1/areas/{code}", "One area with its region, parent and successors",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {}); !s) return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               auto snap = engine_snapshot(ctx);
               if (!snap) return snap.error();
               auto area = lookup_area(**snap, req.param("code"));
               if (!area) return area.error();
               if (*format == Format::kCsv) return csv_response(areas_table({*area}));
               return json_response(encode(area_detail_json(**area, **snap)));
             });
}

}  // namespace lgb::api
