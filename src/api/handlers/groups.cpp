// GET /api/v1/groups, POST /api/v1/groups, GET and DELETE /api/v1/groups/{id}
#include <boost/json.hpp>

#include "api/benchmark_encoder.h"
#include "api/handlers/handlers.h"
#include "api/handlers/json_body.h"

namespace lgb::api {
namespace {

Result<CustomGroup> parse_group(const std::string& body) {
  auto o = parse_json_object(body, {"id", "name", "area_codes"});
  if (!o) return o.error();
  CustomGroup g;
  auto id = required_string(*o, "id");
  if (!id) return id.error();
  g.id = *id;
  auto name = required_string(*o, "name");
  if (!name) return name.error();
  g.name = *name;
  auto codes = string_list(*o, "area_codes");
  if (!codes) return codes.error();
  g.area_codes = *codes;
  return g;
}

Result<CustomGroup> find_group(const ApiContext& ctx, const std::string& id) {
  auto groups = ctx.engine->list_groups();
  if (!groups) return groups.error();
  for (auto& g : *groups)
    if (g.id == id) return g;
  return not_found("no custom group '" + id + "'");
}

}  // namespace

void add_group_routes(Router& router, const ApiContext& ctx) {
  router.get("/api/v1/groups", "Comparator groups: the built-in kinds and the custom groups",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {}); !s) return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               if (auto snap = engine_snapshot(ctx); !snap) return snap.error();
               auto groups = ctx.engine->list_groups();
               if (!groups) return groups.error();
               return format_response(
                   *format, [&] { return groups_json(*groups); }, [&] { return groups_table(*groups); });
             });

  router.add("POST", "/api/v1/groups", "Create a custom comparator group",
             [ctx](const Request& req) -> Result<Response> {
               if (auto refused = refuse_writes(ctx, req)) return *refused;
               if (auto s = check_params(req, {}); !s) return s.error();
               auto snap = engine_snapshot(ctx);
               if (!snap) return snap.error();
               auto g = parse_group(req.body);
               if (!g) return g.error();
               if (auto s = ctx.engine->create_group(*g); !s) {
                 // An unknown area code is a fault in the request body, not a
                 // missing resource.
                 if (s.error().code == ErrorCode::kNotFound) return invalid(s.error().message);
                 return s.error();
               }
               if (ctx.invalidate) ctx.invalidate();
               auto stored = find_group(ctx, g->id);
               if (!stored) return stored.error();
               auto now = ctx.engine->snapshot();
               if (!now) return now.error();
               Response r = json_response(group_json(**now, *stored), "no-store");
               r.status = 201;
               r.headers.emplace_back("Location", "/api/v1/groups/" + g->id);
               return r;
             });

  router.get("/api/v1/groups/{id}", "One custom group and its member areas",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {}); !s) return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               auto snap = engine_snapshot(ctx);
               if (!snap) return snap.error();
               auto g = find_group(ctx, req.param("id"));
               if (!g) return g.error();
               return format_response(
                   *format, [&] { return group_json(**snap, *g); },
                   [&] { return group_members_table(**snap, *g); });
             });

  router.add("DELETE", "/api/v1/groups/{id}", "Delete a custom group",
             [ctx](const Request& req) -> Result<Response> {
               if (auto refused = refuse_writes(ctx, req)) return *refused;
               if (auto s = check_params(req, {}); !s) return s.error();
               if (auto snap = engine_snapshot(ctx); !snap) return snap.error();
               if (auto s = ctx.engine->delete_group(req.param("id")); !s) return s.error();
               if (ctx.invalidate) ctx.invalidate();
               Response r;
               r.status = 204;
               return r;
             });
}

}  // namespace lgb::api
