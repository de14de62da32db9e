// GET /api/v1/metrics and /api/v1/metrics/{id}
#include "api/handlers/handlers.h"
#include "api/json_encoder.h"

namespace lgb::api {

void add_metric_routes(Router& router, const ApiContext& ctx) {
  router.get("/api/v1/metrics", "Public metrics, filtered by text and theme",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {"q", "theme"}); !s) return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               auto snap = engine_snapshot(ctx);
               if (!snap) return snap.error();
               MetricFilter f{req.query.get("q"), req.query.get("theme")};
               std::vector<const Metric*> metrics = list_metrics(**snap, caller_access(req), f);
               if (*format == Format::kCsv) return csv_response(metrics_table(metrics));
               boost::json::array items;
               items.reserve(metrics.size());
               for (const Metric* m : metrics) items.push_back(metric_json(*m));
               return json_response(encode_list(std::move(items)));
             });

  router.get("/api/v1/metrics/{id}", "One metric with the periods that hold values",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {}); !s) return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               auto snap = engine_snapshot(ctx);
               if (!snap) return snap.error();
               auto metric = lookup_metric(**snap, caller_access(req), req.param("id"));
               if (!metric) return metric.error();
               auto periods = ctx.store->periods_of_metric((*metric)->id);
               if (!periods) return periods.error();
               if (*format == Format::kCsv) return csv_response(periods_table(*periods, **snap));
               return json_response(encode(metric_detail_json(**metric, *periods, **snap)));
             });
}

}  // namespace lgb::api
