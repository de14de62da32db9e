#include "api/http.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>
#include <optional>
#include <string_view>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "api/compression.h"

namespace lgb::api {
namespace {

// The standard library's string hash (MurmurHash64A in libstdc++, eight
// bytes a step, no per-process seed: the same body has the same ETag in
// every replica of one build). A byte-at-a-time FNV-1a cost about a tenth of
// an uncached /compare answer.
uint64_t body_hash(std::string_view s) { return std::hash<std::string_view>{}(s); }

void add_header(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

void add_status_line(std::string& out, int status) {
  out.append("HTTP/1.1 ").append(std::to_string(status)).append(" ");
  out.append(reason_phrase(status)).append("\r\n");
}

// Appends s percent-encoded except for unreserved characters (RFC 3986 2.3):
// one spelling for each byte string.
void append_canonical(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
}

}  // namespace

std::optional<Target> parse_target(std::string_view target) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return std::nullopt;
  Target t;
  t.path = url->path();
  for (const auto& p : url->params()) t.query.add(p.key, p.has_value ? p.value : "");

  // The router ignores empty segments, so the key does too.
  size_t pos = 0;
  while (pos < t.path.size()) {
    size_t end = std::min(t.path.find('/', pos), t.path.size());
    if (end > pos) {
      t.cache_key += '/';
      append_canonical(t.cache_key, std::string_view(t.path).substr(pos, end - pos));
    }
    pos = end + 1;
  }
  if (t.cache_key.empty()) t.cache_key = "/";
  std::vector<const std::pair<std::string, std::string>*> sorted;
  for (const auto& item : t.query.items()) sorted.push_back(&item);
  // By key only, stably: a repeatable parameter's values keep their order.
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto* a, const auto* b) { return a->first < b->first; });
  for (size_t i = 0; i < sorted.size(); ++i) {
    t.cache_key += i ? '&' : '?';
    append_canonical(t.cache_key, sorted[i]->first);
    t.cache_key += '=';
    append_canonical(t.cache_key, sorted[i]->second);
  }
  return t;
}

const std::string* QueryParams::repeated(std::string_view except) const {
  // Sorted, not pairwise: a 16 KiB target can hold thousands of parameters.
  std::vector<const std::string*> keys;
  keys.reserve(items_.size());
  for (const auto& item : items_)
    if (except.empty() || item.first != except) keys.push_back(&item.first);
  std::sort(keys.begin(), keys.end(), [](const auto* a, const auto* b) { return *a < *b; });
  for (size_t i = 1; i < keys.size(); ++i)
    if (*keys[i] == *keys[i - 1]) return keys[i];
  return nullptr;
}

const std::string* QueryParams::find(std::string_view key) const {
  for (const auto& [k, v] : items_)
    if (k == key) return &v;
  return nullptr;
}

std::string Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return {};
}

bool carries_credentials(std::string_view authorization, std::string_view cookie,
                         std::string_view target) {
  return !authorization.empty() || cookie.find(kSessionCookie) != std::string_view::npos ||
         target.find("ApplicationKey") != std::string_view::npos;
}

std::string cookie_value(std::string_view header, std::string_view name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view item = header.substr(pos, end - pos);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (item.size() > name.size() && item.substr(0, name.size()) == name &&
        item[name.size()] == '=')
      return std::string(item.substr(name.size() + 1));
    pos = end + 1;
  }
  return {};
}

std::string QueryParams::get(std::string_view key, std::string_view fallback) const {
  const std::string* v = find(key);
  return v ? *v : std::string(fallback);
}

std::string Request::param(std::string_view name) const {
  for (const auto& [k, v] : params)
    if (k == name) return v;
  return {};
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

namespace {

constexpr size_t kMinCompressed = 1024;

// One encoding of a response. A compressible response says Vary:
// Accept-Encoding in both encodings, so caches keep them apart; each encoding
// has its own strong ETag.
std::shared_ptr<PreparedResponse> prepare_variant(const Response& r, std::string body,
                                                  std::string etag, bool gzipped, bool vary) {
  auto p = std::make_shared<PreparedResponse>();
  p->status = r.status;
  p->cacheable = r.status == 200;
  if (p->cacheable) p->etag = std::move(etag);
  std::string common;
  add_header(common, "Server", "lgbench");
  add_header(common, "Cache-Control", r.cache_control);
  add_header(common, "Access-Control-Allow-Origin", "*");
  // One Vary header, whoever asked for it (the caller's credentials: api_service.cpp).
  std::string varies = vary ? "Accept-Encoding" : "";
  for (const auto& [k, v] : r.headers)
    if (k == "Vary") varies += (varies.empty() ? "" : ", ") + v;
  if (!varies.empty()) add_header(common, "Vary", varies);
  if (!p->etag.empty()) add_header(common, "ETag", p->etag);
  for (const auto& [k, v] : r.headers)
    if (k != "Vary") add_header(common, k, v);

  add_status_line(p->head, r.status);
  p->head += common;
  // 204 carries no body, so neither Content-Type nor Content-Length (RFC 9110 8.6).
  if (r.status != 204) {
    add_header(p->head, "Content-Type", r.content_type);
    if (gzipped) add_header(p->head, "Content-Encoding", "gzip");
    add_header(p->head, "Content-Length", std::to_string(body.size()));
  }
  p->body = std::move(body);

  if (p->cacheable) {
    add_status_line(p->not_modified_head, 304);
    p->not_modified_head += common;
  }
  return p;
}

}  // namespace

std::shared_ptr<const PreparedResponse> prepare(const Response& r) {
  char etag[24];
  std::snprintf(etag, sizeof etag, "\"%016llx\"", static_cast<unsigned long long>(body_hash(r.body)));
  bool compressible_body =
      r.status != 204 && r.body.size() >= kMinCompressed && compressible(r.content_type);
  auto p = prepare_variant(r, r.body, etag, false, compressible_body);
  if (compressible_body) {
    auto source = std::make_shared<Response>(r);
    source->body.clear();  // the body is p->body
    p->gzip_source = std::move(source);
  }
  return p;
}

std::shared_ptr<const PreparedResponse> PreparedResponse::gzipped() const {
  if (!gzip_source) return nullptr;
  std::call_once(gzip_once, [this] {
    std::optional<std::string> z = gzip(body);
    if (!z || z->size() >= body.size()) return;  // nothing gained
    std::string tag = etag.empty() ? "" : etag.substr(0, etag.size() - 1) + "-gzip\"";
    gzip_variant = prepare_variant(*gzip_source, std::move(*z), std::move(tag), true, true);
  });
  return gzip_variant;
}

bool etag_matches(std::string_view header, std::string_view etag) {
  if (etag.empty()) return false;
  // Weak comparison (RFC 9110 13.1.2): ignore a W/ prefix on either side.
  auto strip = [](std::string_view t) {
    if (t.size() >= 2 && t[0] == 'W' && t[1] == '/') t.remove_prefix(2);
    return t;
  };
  etag = strip(etag);
  size_t pos = 0;
  while (pos < header.size()) {
    size_t comma = header.find(',', pos);
    if (comma == std::string_view::npos) comma = header.size();
    std::string_view item = header.substr(pos, comma - pos);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (item == "*" || strip(item) == etag) return true;
    pos = comma + 1;
  }
  return false;
}

}  // namespace lgb::api
