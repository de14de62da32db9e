// GET /api/v1/outliers?area=CODE[&group=G][&theme|service|directorate|portfolio=TAG]
//                     [&period=ID][&threshold=Z][&top=N]
#include "api/benchmark_encoder.h"
#include "api/handlers/handlers.h"

namespace lgb::api {

void add_outlier_routes(Router& router, const ApiContext& ctx) {
  router.get("/api/v1/outliers",
             "Metrics where an area stands out from its comparators, most extreme first, explained",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {"area", "group", "theme", "service", "directorate",
                                               "portfolio", "period", "threshold", "top",
                                               "include_counts"});
                   !s)
                 return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               OutlierQuery q;
               q.area_code = req.query.get("area");
               if (q.area_code.empty()) return invalid("parameter 'area' is required");
               q.group = req.query.get("group", "england");
               q.theme = req.query.get("theme");
               q.service = req.query.get("service");
               q.directorate = req.query.get("directorate");
               q.portfolio = req.query.get("portfolio");
               q.period_id = req.query.get("period");
               auto top = int_param(req, "top", 20, 1, 1000);
               if (!top) return top.error();
               q.top = *top;
               auto threshold = number_param(req, "threshold", 2.0, 0.0);
               if (!threshold) return threshold.error();
               q.threshold = *threshold;
               auto counts = parse_bool("include_counts", req.query.get("include_counts"));
               if (!counts) return counts.error();
               q.include_counts = *counts;
               auto snap = engine_snapshot(ctx);
               if (!snap) return snap.error();
               auto scan = scan_outliers(**snap, caller_access(req), q);
               if (!scan) return scan.error();
               return format_response(
                   *format, [&] { return outliers_json(**snap, *scan); },
                   [&] { return outliers_table(**snap, *scan); });
             });
}

}  // namespace lgb::api
