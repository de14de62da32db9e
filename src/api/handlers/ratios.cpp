// GET /api/v1/ratios, POST /api/v1/ratios
#include <boost/json.hpp>

#include "api/benchmark_encoder.h"
#include "api/handlers/handlers.h"
#include "api/handlers/json_body.h"

namespace lgb::api {
namespace {

Result<RatioDefinition> parse_ratio(const std::string& body) {
  auto o = parse_json_object(body, {"id", "title", "numerator_metric", "denominator_metric",
                                    "scale", "polarity", "unit", "decimals", "measure"});
  if (!o) return o.error();
  RatioDefinition r;
  auto id = required_string(*o, "id");
  if (!id) return id.error();
  r.id = *id;
  auto num = required_string(*o, "numerator_metric");
  if (!num) return num.error();
  r.numerator_metric = *num;
  auto den = required_string(*o, "denominator_metric");
  if (!den) return den.error();
  r.denominator_metric = *den;
  auto title = optional_string(*o, "title", r.id);
  if (!title) return title.error();
  r.title = *title;
  auto unit = optional_string(*o, "unit", "");
  if (!unit) return unit.error();
  r.unit = *unit;
  auto polarity = optional_string(*o, "polarity", "neither");
  if (!polarity) return polarity.error();
  auto p = parse_polarity(*polarity);
  if (!p)
    return invalid("field 'polarity' must be higher-is-better, lower-is-better or neither, not '" +
                   *polarity + "'");
  r.polarity = *p;
  auto scale = optional_number(*o, "scale", 1.0);
  if (!scale) return scale.error();
  r.scale = *scale;
  auto decimals = optional_number(*o, "decimals", 1.0);
  if (!decimals) return decimals.error();
  if (*decimals != static_cast<int>(*decimals) || *decimals < 0 || *decimals > 10)
    return invalid("field 'decimals' must be a whole number from 0 to 10");
  r.decimals = static_cast<int>(*decimals);
  auto measure = optional_string(*o, "measure", "ratio");
  if (!measure) return measure.error();
  auto k = parse_measure_kind(*measure);
  if (!k)
    return invalid("field 'measure' must be count, rate, share, ratio, money-per-head, index, "
                   "average or other, not '" + *measure + "'");
  r.measure = *k;
  return r;
}

}  // namespace

void add_ratio_routes(Router& router, const ApiContext& ctx) {
  router.get("/api/v1/ratios", "Derived ratio metrics (numerator / denominator x scale)",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {}); !s) return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               auto snap = engine_snapshot(ctx);
               if (!snap) return snap.error();
               // Only ratios whose inputs the caller may see.
               const auto ratios = visible_ratios(**snap, caller_access(req));
               return format_response(
                   *format, [&] { return ratios_json(ratios); }, [&] { return ratios_table(ratios); });
             });

  router.add("POST", "/api/v1/ratios", "Define a derived ratio metric",
             [ctx](const Request& req) -> Result<Response> {
               if (auto refused = refuse_writes(ctx, req)) return *refused;
               if (auto s = check_params(req, {}); !s) return s.error();
               if (auto snap = engine_snapshot(ctx); !snap) return snap.error();
               auto r = parse_ratio(req.body);
               if (!r) return r.error();
               // The engine checks the inputs against what this caller may
               // see; an input it may not see is as unknown as a typo.
               if (auto s = ctx.engine->create_ratio(caller_access(req), *r); !s) {
                 if (s.error().code == ErrorCode::kNotFound) return invalid(s.error().message);
                 return s.error();
               }
               if (ctx.invalidate) ctx.invalidate();
               Response resp = json_response(ratio_json(*r), "no-store");
               resp.status = 201;
               return resp;
             });
}

}  // namespace lgb::api
