// Site: the web pages served beside the API. The API layer knows only this
// interface; src/web implements it (the layer above api), and the CLI wires
// the two together, so api never depends on web.
// Thread-safety: handle() runs on many threads at once.
#pragma once

#include <functional>
#include <memory>

#include "api/http.h"

namespace lgb::api {

struct ApiContext;

class Site {
 public:
  virtual ~Site() = default;
  // Every GET/HEAD request outside /api/: pages, downloads, static assets.
  virtual Response handle(Request& request) = 0;
};

// Builds the site once the API context (catalog, engine, store) exists.
using SiteFactory = std::function<std::unique_ptr<Site>(const ApiContext&)>;

}  // namespace lgb::api
