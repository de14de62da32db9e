// HTTP value types shared by the router, handlers and server: a parsed request
// view, a handler's Response, and a PreparedResponse (the serialized bytes the
// server writes, shared read-only between connections and the response cache).
// Plain value types; a PreparedResponse is immutable once built.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/accounts.h"

namespace lgb::api {

// Decoded query parameters in order of appearance ("a=1&a=2" keeps both).
class QueryParams {
 public:
  void add(std::string key, std::string value) { items_.emplace_back(std::move(key), std::move(value)); }
  // First value for key, or nullptr when absent.
  const std::string* find(std::string_view key) const;
  std::string get(std::string_view key, std::string_view fallback = {}) const;
  bool has(std::string_view key) const { return find(key) != nullptr; }
  // A key other than `except` given more than once ("area=A&area=B"), or nullptr.
  const std::string* repeated(std::string_view except = {}) const;
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

// Values captured by "{name}" segments of a route pattern.
using PathParams = std::vector<std::pair<std::string, std::string>>;

// A request target split into its percent-decoded path and query, and the key
// the response cache files it under: the decoded path without empty segments
// and the decoded parameters sorted, so every spelling of one request
// ("?b=2&a=1", "?a=1&b=2", "?%61=1&b=2", "//x") shares one entry and no
// client can miss the cache at will by re-spelling a URL.
struct Target {
  std::string path;
  QueryParams query;
  std::string cache_key;
};
// nullopt when the target is not in origin form ("/path?query").
std::optional<Target> parse_target(std::string_view target);

struct Request {
  std::string method;  // "GET", "HEAD", ...
  std::string target;  // as received: path and query
  std::string path;    // percent-decoded path
  QueryParams query;
  PathParams params;   // filled by the router
  std::string body;
  // The headers the application reads (lower-case names): authorization,
  // cookie, host, origin, content-type, x-forwarded-proto; and "x-lgb-peer",
  // the client's address as the server saw it.
  std::vector<std::pair<std::string, std::string>> headers;
  // Who sent it: filled by ApiService before routing (anonymous by default).
  auth::Caller caller;

  // Header by lower-case name; empty when absent.
  std::string header(std::string_view name) const;

  // Path parameter by name; empty when absent.
  std::string param(std::string_view name) const;
};

// True when a request may carry a signed-in caller (a bearer token, a
// session cookie or an LG Inform ApplicationKey): such requests never share
// the response cache.
bool carries_credentials(std::string_view authorization, std::string_view cookie,
                         std::string_view target);
// The session cookie's name.
inline constexpr std::string_view kSessionCookie = "lgb_session";
// The value of cookie `name` in a Cookie header, or "".
std::string cookie_value(std::string_view cookie_header, std::string_view name);

// What a handler returns. The server adds Date, Content-Length, ETag.
struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string cache_control = "no-store";
  std::vector<std::pair<std::string, std::string>> headers;  // extra, e.g. Allow
};

// A response serialized once. The Date header is spliced in per write (see
// server.cpp), so the same bytes can be written to any connection.
struct PreparedResponse {
  int status = 200;
  std::string head;     // status line and headers (no Date, no Connection), no blank line
  std::string body;
  std::string etag;     // quoted strong validator, empty when none
  // "304 Not Modified" head for the same resource; empty when not cacheable.
  std::string not_modified_head;
  bool cacheable = false;

  // The same response gzip-compressed (Content-Encoding: gzip, its own ETag),
  // for a client whose Accept-Encoding takes it; null when the body is not
  // text of 1 KiB or more, or gzip would not make it smaller. Built on
  // the first request that asks (so clients that do not ask pay nothing) and
  // kept with this response, so a cached response is compressed once.
  // Thread-safe.
  std::shared_ptr<const PreparedResponse> gzipped() const;

  // Set by prepare() for compressible bodies: the response without its body.
  std::shared_ptr<const Response> gzip_source;
  mutable std::once_flag gzip_once;
  mutable std::shared_ptr<const PreparedResponse> gzip_variant;
};

// Serializes a Response: computes an ETag from the body when the status is 200.
std::shared_ptr<const PreparedResponse> prepare(const Response& r);

// True when an If-None-Match header value matches the etag (weak comparison).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

std::string_view reason_phrase(int status);

}  // namespace lgb::api
