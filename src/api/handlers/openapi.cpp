// GET /api/v1/openapi.json
#include <boost/json.hpp>

#include "api/handlers/handlers.h"
#include "api/openapi_document.h"

namespace lgb::api {

void add_openapi_routes(Router& router, const ApiContext& ctx) {
  // Rendered once: the document only changes with the binary.
  boost::json::object doc = boost::json::parse(openapi_document_json()).as_object();
  doc["info"].as_object()["version"] = ctx.version;
  auto body = std::make_shared<const std::string>(boost::json::serialize(doc));
  router.get("/api/v1/openapi.json", "This document",
             [body](const Request& req) -> Result<Response> {
               if (auto s = check_params(req, {}); !s) return s.error();
               return json_response(*body);
             });
}

}  // namespace lgb::api
