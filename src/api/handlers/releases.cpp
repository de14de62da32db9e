// GET /api/v1/releases and /api/v1/releases/{id}
#include "api/handlers/handlers.h"
#include "api/json_encoder.h"
#include "engine/history.h"  // parse_release_id

namespace lgb::api {

void add_release_routes(Router& router, const ApiContext& ctx) {
  router.get("/api/v1/releases", "Every loaded release with its provenance",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {}); !s) return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               auto snap = engine_snapshot(ctx);
               if (!snap) return snap.error();
               // Only releases holding something this caller may see, with
               // their rows counted the same way.
               const std::vector<Release> releases = list_releases(**snap, caller_access(req));
               if (*format == Format::kCsv) return csv_response(releases_table(releases));
               boost::json::array items;
               for (const Release& r : releases) items.push_back(release_json(r));
               return json_response(encode_list(std::move(items)));
             });

  router.get("/api/v1/releases/{id}", "One release: publisher, source, file, SHA-256, load time",
             [ctx](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {}); !s) return s.error();
               auto format = parse_format(req);
               if (!format) return format.error();
               auto id = parse_release_id(req.param("id"));
               if (!id) return id.error();
               auto snap = engine_snapshot(ctx);
               if (!snap) return snap.error();
               auto r = lookup_release(**snap, caller_access(req), *id);
               if (!r) return r.error();
               if (*format == Format::kCsv) return csv_response(releases_table({*r}));
               return json_response(encode(release_json(*r)));
             });
}

}  // namespace lgb::api
