// /api/v1/carbon/...: the carbon calculators (docs/carbon.md). The factor
// years, factors and templates are public; a council's years are the
// council's (carbon::CarbonService decides, with the caller's Access), and
// writes need an analyst's API key, like every API write.
#include "api/carbon_encoder.h"
#include "api/handlers/handlers.h"
#include "api/json_encoder.h"
#include "carbon/templates.h"
#include "carbon/trajectory.h"

namespace lgb::api {
namespace {

Result<carbon::CarbonService*> service(const ApiContext& ctx) {
  if (!ctx.carbon) return not_found("this database keeps no carbon data");
  return ctx.carbon.get();
}

Table template_table(std::vector<std::string> header, carbon::Rows rows) {
  return Table{std::move(header), std::move(rows), {}};
}

// The trajectory when a target is set and can be drawn; empty otherwise.
std::vector<carbon::TrajectoryPoint> trajectory_of(carbon::CarbonService& svc,
                                                   const carbon::CarbonCaller& caller,
                                                   const std::string& org) {
  auto points = svc.trajectory(caller, org);
  return points ? *points : std::vector<carbon::TrajectoryPoint>{};
}

}  // namespace

void add_carbon_routes(Router& router, const ApiContext& ctx) {
  router.get("/api/v1/carbon/factor-years",
             "The GHG conversion factor years loaded, with their provenance",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {"format"}); !s) return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               auto svc = service(ctx);
               if (!svc) return svc.error();
               auto sets = (*svc)->factor_years();
               if (!sets) return sets.error();
               return format_response(
                   *format, [&] { return factor_sets_json(*sets); },
                   [&] { return factor_sets_table(*sets); });
             });

  router.get("/api/v1/carbon/factors",
             "GHG conversion factors of one year, each value as published",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {"year", "search", "format"}); !s) return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               auto year = int_param(req, "year", 0, 0, 2100);
               if (!year) return year.error();
               auto svc = service(ctx);
               if (!svc) return svc.error();
               auto years = (*svc)->loaded_years();
               if (!years) return years.error();
               if (years->empty()) return not_found("no factor years are loaded");
               int y = *year ? *year : years->back();
               auto table = (*svc)->factors(y);
               if (!table) return table.error();
               const std::string search = lower_case(req.query.get("search"));
               std::vector<GhgFactor> rows;
               for (const auto& [key, entry] : (*table)->entries()) {
                 if (!search.empty() &&
                     lower_case(key.label() + " " + key.unit).find(search) == std::string::npos)
                   continue;
                 for (Gas g : kGases) {
                   const size_t i = static_cast<size_t>(g);
                   if (entry.kg[i])
                     rows.push_back({y, entry.scope_text, key, g, entry.text[i], *entry.kg[i], ""});
                 }
               }
               return format_response(
                   *format, [&] { return factors_json(rows); }, [&] { return factors_table(rows); });
             });

  router.get("/api/v1/carbon/templates/activity",
             "The activity-data CSV template (fill in quantities, upload)",
             [](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {}); !s) return s.error();
               return csv_response(template_table(carbon::header_of(carbon::kActivityColumns),
                                                  carbon::activity_template_rows()));
             });

  router.get("/api/v1/carbon/templates/waste",
             "The waste tonnages CSV template for a factor year's streams",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {"year"}); !s) return s.error();
               auto year = int_param(req, "year", 0, 0, 2100);
               if (!year) return year.error();
               auto svc = service(ctx);
               if (!svc) return svc.error();
               auto years = (*svc)->loaded_years();
               if (!years) return years.error();
               if (years->empty()) return not_found("no factor years are loaded");
               auto table = (*svc)->factors(*year ? *year : years->back());
               if (!table) return table.error();
               return csv_response(template_table(carbon::header_of(carbon::kWasteColumns),
                                                  carbon::waste_template_rows(**table)));
             });

  router.get("/api/v1/carbon/{organisation}/years",
             "A council's carbon years (signed in: the council, or a data manager)",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {}); !s) return s.error();
               auto svc = service(ctx);
               if (!svc) return svc.error();
               auto years = (*svc)->years(carbon_caller(req.caller), req.param("organisation"));
               if (!years) return years.error();
               return json_response(carbon_years_json(*years), "private, no-cache");
             });

  router.get("/api/v1/carbon/{organisation}/years/{period}",
             "A council's footprint and waste emissions for one financial year",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {"format", "table"}); !s) return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               const std::string which = req.query.get("table", "summary");
               if (which != "summary" && which != "lines")
                 return invalid("table must be summary or lines");
               auto svc = service(ctx);
               if (!svc) return svc.error();
               const auto caller = carbon_caller(req.caller);
               const std::string org = req.param("organisation");
               auto r = (*svc)->results(caller, org, req.param("period"));
               if (!r) return r.error();
               auto sets = (*svc)->factor_years();
               if (!sets) return sets.error();
               const FactorSet* set = factor_set_of(*sets, r->year.factor_year);
               Response res = format_response(
                   *format,
                   [&] { return carbon_results_json(*r, set, trajectory_of(**svc, caller, org)); },
                   [&] { return which == "lines" ? carbon_lines_table(*r) : carbon_summary_table(*r, set); });
               res.cache_control = "private, no-cache";
               return res;
             });

  router.add("PUT", "/api/v1/carbon/{organisation}/years/{period}",
             "Enter or replace a council's year of activity and waste data (analyst key)",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {}); !s) return s.error();
               auto svc = service(ctx);
               if (!svc) return svc.error();
               auto year = parse_carbon_year(req.body);
               if (!year) return year.error();
               year->organisation_id = req.param("organisation");
               year->period_id = req.param("period");
               const auto caller = carbon_caller(req.caller);
               if (auto s = (*svc)->save_year(caller, *year); !s) return s.error();
               auto r = (*svc)->results(caller, year->organisation_id, year->period_id);
               if (!r) return r.error();
               auto sets = (*svc)->factor_years();
               if (!sets) return sets.error();
               return json_response(
                   carbon_results_json(*r, factor_set_of(*sets, r->year.factor_year), {}),
                   "no-store");
             });

  router.add("POST", "/api/v1/carbon/{organisation}/years/{period}/publish",
             "Publish a council's year as metrics (analyst key)",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {}); !s) return s.error();
               auto svc = service(ctx);
               if (!svc) return svc.error();
               const std::string org = req.param("organisation");
               carbon::PublishContext pc;
               if (ctx.accounts)
                 if (auto o = ctx.accounts->store().find_organisation(org); o && *o)
                   pc.organisation_name = (*o)->name;
               pc.population = resident_population(*ctx.store, org);
               auto id = (*svc)->publish(carbon_caller(req.caller), org, req.param("period"), pc);
               if (!id) return id.error();
               if (ctx.engine) (void)ctx.engine->reload();
               if (ctx.invalidate) ctx.invalidate();
               Response r = json_response("{\"release\":" + std::to_string(*id) + "}", "no-store");
               r.status = 201;
               r.headers.emplace_back("Location", "/api/v1/releases/" + std::to_string(*id));
               return r;
             });

  router.get("/api/v1/carbon/{organisation}/target", "A council's baseline and reduction target",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {}); !s) return s.error();
               auto svc = service(ctx);
               if (!svc) return svc.error();
               auto t = (*svc)->target(carbon_caller(req.caller), req.param("organisation"));
               if (!t) return t.error();
               if (!*t) return not_found("no target set");
               std::string body = "{\"baseline_period\":";
               append_json_string(body, (*t)->baseline_period);
               body += ",\"annual_reduction_percent\":";
               append_json_number(body, (*t)->annual_reduction_percent);
               body += ",\"net_zero_year\":" + std::to_string((*t)->net_zero_year) + "}";
               return json_response(body, "private, no-cache");
             });

  router.add("PUT", "/api/v1/carbon/{organisation}/target",
             "Set a council's baseline and reduction target (analyst key)",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {}); !s) return s.error();
               auto svc = service(ctx);
               if (!svc) return svc.error();
               auto t = parse_carbon_target(req.body);
               if (!t) return t.error();
               t->organisation_id = req.param("organisation");
               if (auto s = (*svc)->save_target(carbon_caller(req.caller), *t); !s) return s.error();
               Response r;
               r.status = 204;
               return r;
             });
}

}  // namespace lgb::api
