// WebSite: the web app behind every path outside /api/ (api::Site). Routes a
// request to its page function (pages.h), renders the page, or, for
// <page>/data.csv|xlsx|json, the page's Dataset; serves the built client's
// hashed assets with long cache lifetimes; answers errors as HTML pages.
// Thread-safety: immutable after construction; handle() runs concurrently.
#pragma once

#include <memory>
#include <string>

#include "api/site.h"

namespace lgb::web {

struct SiteOptions {
  std::string web_root;  // the built client (web/dist): .vite/manifest.json, static/
  std::string data_dir;  // reports are read from <data_dir>/reports
};

// The factory the CLI hands to ApiOptions::site. Fails (by printing and
// returning null) only when a report file is malformed.
api::SiteFactory make_site_factory(SiteOptions options);

}  // namespace lgb::web
