// Static files for everything outside /api/: the web client. Paths are
// resolved under the web root only (no "..", no symlink escape); "/" serves
// index.html. Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "api/http.h"

namespace lgb::api {

// Content type by file extension ("text/html; charset=utf-8", ...).
std::string_view content_type_for(std::string_view path);

// A 200 with the file, or a 404 problem; decoded_path is the request path.
Response serve_static(const std::string& web_root, const std::string& decoded_path);

}  // namespace lgb::api
