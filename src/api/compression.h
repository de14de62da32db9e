// gzip for responses: which media types are worth compressing, whether a
// client's Accept-Encoding takes gzip, and the compression itself (zlib).
// Stateless functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lgb::api {

// Text formats (HTML, CSS, JavaScript, JSON, CSV, SVG, XML); not images,
// fonts or XLSX, which are compressed already.
bool compressible(std::string_view content_type);

// True when the Accept-Encoding header lists gzip (or *) without q=0.
bool accepts_gzip(std::string_view accept_encoding);

// The gzip member for data, or nullopt if zlib fails.
std::optional<std::string> gzip(std::string_view data, int level = 6);

}  // namespace lgb::api
