// GET /api/v1/usage: the usage measures (auth/usage.h), for administrators.
#include <boost/json.hpp>

#include "api/handlers/handlers.h"
#include "auth/usage.h"

namespace lgb::api {

std::string usage_json(const auth::UsageMeasures& u) {
  using auth::UsageMeasures;
  boost::json::object o;
  o["as_of"] = u.as_of;
  o["registered_users"] = u.registered_users;
  o["councils"] = u.councils;
  o["councils_with_registered_users"] = u.councils_with_users;
  o["percent_councils_with_registered_users"] =
      UsageMeasures::percent(u.councils_with_users, u.councils);
  o["percent_councils_signed_in_30_days"] =
      UsageMeasures::percent(u.councils_signed_in_30_days, u.councils);
  o["percent_councils_signed_in_60_days"] =
      UsageMeasures::percent(u.councils_signed_in_60_days, u.councils);
  o["metrics"] = u.metrics;
  o["public_metrics"] = u.public_metrics;
  boost::json::array months;
  for (const auto& m : u.metrics_updated) months.push_back({{"month", m.month}, {"metrics", m.metrics}});
  o["metrics_updated_by_month"] = std::move(months);
  return boost::json::serialize(o);
}

void add_usage_routes(Router& router, const ApiContext& ctx) {
  router.get("/api/v1/usage", "Usage measures without cookies (administrators only)",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {}); !s) return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               if (!req.caller.signed_in())
                 return unauthenticated("usage measures need an administrator's key");
               if (!req.caller.has_role(Role::kAdministrator) || !ctx.accounts)
                 return forbidden("usage measures are for administrators");
               auto snap = engine_snapshot(ctx);
               if (!snap) return snap.error();
               auto u = auth::compute_usage(**snap, ctx.accounts->store());
               if (!u) return u.error();
               if (*format == Format::kCsv) {
                 Table t{{"measure", "value"}, {}};
                 t.rows = {{"registered_users", std::to_string(u->registered_users)},
                           {"councils", std::to_string(u->councils)},
                           {"councils_with_registered_users", std::to_string(u->councils_with_users)},
                           {"councils_signed_in_30_days", std::to_string(u->councils_signed_in_30_days)},
                           {"councils_signed_in_60_days", std::to_string(u->councils_signed_in_60_days)},
                           {"metrics", std::to_string(u->metrics)}};
                 for (const auto& m : u->metrics_updated)
                   t.rows.push_back({"metrics_updated_" + m.month, std::to_string(m.metrics)});
                 return csv_response(t, "no-store");
               }
               return json_response(usage_json(*u), "no-store");
             });
}

}  // namespace lgb::api
