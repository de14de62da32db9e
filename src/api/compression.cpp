#include "api/compression.h"

#include <zlib.h>

#include <cctype>

namespace lgb::api {

bool compressible(std::string_view type) {
  for (std::string_view t : {"text/", "application/json", "application/problem+json",
                             "application/javascript", "image/svg+xml", "application/xml",
                             "application/manifest+json"})
    if (type.substr(0, t.size()) == t) return true;
  return false;
}

bool accepts_gzip(std::string_view header) {
  size_t pos = 0;
  while (pos <= header.size()) {
    size_t comma = header.find(',', pos);
    if (comma == std::string_view::npos) comma = header.size();
    std::string_view item = header.substr(pos, comma - pos);
    pos = comma + 1;
    size_t semi = item.find(';');
    std::string_view coding = item.substr(0, semi);
    while (!coding.empty() && std::isspace(static_cast<unsigned char>(coding.front()))) coding.remove_prefix(1);
    while (!coding.empty() && std::isspace(static_cast<unsigned char>(coding.back()))) coding.remove_suffix(1);
    std::string lower;
    for (char c : coding) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower != "gzip" && lower != "*") continue;
    if (semi == std::string_view::npos) return true;
    // "q=0", "q=0.0", "q=0.000" refuse it.
    std::string_view params = item.substr(semi + 1);
    size_t q = params.find("q=");
    if (q == std::string_view::npos) return true;
    std::string_view v = params.substr(q + 2);
    bool zero = !v.empty() && v[0] == '0';
    for (size_t i = 1; zero && i < v.size() && !std::isspace(static_cast<unsigned char>(v[i])); ++i)
      zero = v[i] == '.' || v[i] == '0';
    return !zero;
  }
  return false;
}

std::optional<std::string> gzip(std::string_view data, int level) {
  z_stream zs{};
  // 15 window bits + 16: a gzip header and trailer rather than raw zlib.
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return std::nullopt;
  std::string out;
  out.resize(deflateBound(&zs, data.size()));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return std::nullopt;
  out.resize(zs.total_out);
  return out;
}

}  // namespace lgb::api
