// GET /api/v1/search?q=TEXT[&limit=N]
#include "api/handlers/handlers.h"
#include "api/json_writer.h"
#include "api/search.h"

namespace lgb::api {

void add_search_routes(Router& router, const ApiContext& ctx) {
  router.get("/api/v1/search",
             "Councils (by name or GSS code, including abolished ones) and metrics (by title, "
             "theme, service, portfolio), best match first",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {"q", "limit"}); !s) return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               auto limit = int_param(req, "limit", 10, 1, 100);
               if (!limit) return limit.error();
               const std::string q = req.query.get("q");
               auto snap = engine_snapshot(ctx);
               if (!snap) return snap.error();
               std::vector<SearchHit> hits = search_catalog(**snap, caller_access(req), q);
               const size_t total = hits.size();
               if (hits.size() > static_cast<size_t>(*limit)) hits.resize(*limit);

               Table t;
               t.header = {"kind", "id", "label", "detail", "path", "current"};
               JsonWriter w;
               w.begin_object();
               w.field("query", q);
               w.field("total", static_cast<int64_t>(total));
               w.field("count", static_cast<int64_t>(hits.size()));
               w.key("items").begin_array();
               for (const SearchHit& h : hits) {
                 w.begin_object();
                 w.field("kind", h.kind).field("id", h.id).field("label", h.label);
                 w.field("detail", h.detail).field("path", h.path).field("current", h.current);
                 w.end_object();
                 t.rows.push_back({h.kind, h.id, h.label, h.detail, h.path,
                                   h.current ? "true" : "false"});
               }
               w.end_array();
               w.end_object();
               return format_response(*format, w.take(), t);
             });
}

}  // namespace lgb::api
