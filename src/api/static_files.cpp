#include "api/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/problem.h"

namespace lgb::api {
namespace fs = std::filesystem;

std::string_view content_type_for(std::string_view path) {
  struct Entry {
    std::string_view ext, type;
  };
  static constexpr Entry kTypes[] = {
      {".html", "text/html; charset=utf-8"},  {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json"},          {".svg", "image/svg+xml"},
      {".png", "image/png"},                  {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},               {".woff2", "font/woff2"},
      {".woff", "font/woff"},                 {".txt", "text/plain; charset=utf-8"},
      {".csv", "text/csv; charset=utf-8"},    {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
  };
  for (const Entry& e : kTypes)
    if (path.size() >= e.ext.size() && path.substr(path.size() - e.ext.size()) == e.ext)
      return e.type;
  return "application/octet-stream";
}

Response serve_static(const std::string& web_root, const std::string& decoded_path) {
  Response not_found = problem_response(404, "no such file", decoded_path);
  if (web_root.empty() || decoded_path.empty() || decoded_path[0] != '/') return not_found;
  std::string rel = decoded_path.substr(1);
  if (rel.empty() || rel.back() == '/') rel += "index.html";
  // Reject any dot segment or NUL outright rather than trying to normalise.
  for (std::string_view seg : {std::string_view("/../"), std::string_view("/./")})
    if (("/" + rel + "/").find(seg) != std::string::npos) return not_found;
  if (rel.find('\0') != std::string::npos || rel.find('\\') != std::string::npos) return not_found;

  std::error_code ec;
  fs::path root = fs::canonical(web_root, ec);
  if (ec) return not_found;
  fs::path file = fs::weakly_canonical(root / rel, ec);
  if (ec) return not_found;
  auto [root_end, _] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  if (root_end != root.end()) return not_found;  // escaped the root via a symlink
  if (fs::is_directory(file, ec)) file /= "index.html";
  if (!fs::is_regular_file(file, ec)) return not_found;

  std::ifstream in(file, std::ios::binary);
  if (!in) return not_found;
  std::ostringstream ss;
  ss << in.rdbuf();
  Response r;
  r.content_type = content_type_for(file.string());
  r.body = ss.str();
  // Short: the web client is edited alongside the server during development.
  r.cache_control = "public, max-age=60";
  return r;
}

}  // namespace lgb::api
