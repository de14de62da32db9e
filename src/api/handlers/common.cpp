#include <algorithm>
#include <charconv>
#include <cmath>

#include "api/handlers/handlers.h"
#include "api/problem.h"

namespace lgb::api {

Result<Format> parse_format(const Request& req) {
  const std::string* f = req.query.find("format");
  if (!f || *f == "json") return Format::kJson;
  if (*f == "csv") return Format::kCsv;
  return invalid("format must be json or csv, not '" + *f + "'");
}

Status check_params(const Request& req, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : req.query.items()) {
    if (key == "format") continue;
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return invalid("unknown parameter '" + key + "'" +
                     (list.empty() ? std::string() : "; this route takes: " + list + ", format"));
    }
  }
  return ok_status();
}

Response json_response(std::string body, std::string_view cache_control) {
  Response r;
  r.content_type = "application/json";
  r.body = std::move(body);
  r.cache_control = cache_control;
  return r;
}

Response csv_response(const Table& table, std::string_view cache_control) {
  Response r;
  r.content_type = "text/csv; charset=utf-8; header=present";
  r.body = encode_csv(table);
  r.cache_control = cache_control;
  return r;
}

}  // namespace lgb::api

namespace lgb::api {

Response format_response(Format f, std::string json, const Table& table) {
  if (f == Format::kCsv) return csv_response(table);
  return json_response(std::move(json));
}

Result<int> int_param(const Request& req, std::string_view name, int fallback, int lo, int hi) {
  const std::string* v = req.query.find(name);
  if (!v) return fallback;
  const std::string range = std::to_string(lo) + " and " + std::to_string(hi);
  int n = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (v->empty() || ec != std::errc() || end != v->data() + v->size() || n < lo || n > hi)
    return invalid("parameter '" + std::string(name) + "' must be a whole number between " +
                   range + ", not '" + *v + "'");
  return n;
}

Result<double> number_param(const Request& req, std::string_view name, double fallback,
                            double lo) {
  const std::string* v = req.query.find(name);
  if (!v) return fallback;
  double n = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (v->empty() || ec != std::errc() || end != v->data() + v->size() || !std::isfinite(n) ||
      n < lo)
    return invalid("parameter '" + std::string(name) + "' must be a number of at least " +
                   format_number(lo) + ", not '" + *v + "'");
  return n;
}

Result<std::shared_ptr<const Snapshot>> engine_snapshot(const ApiContext& ctx) {
  if (!ctx.engine) return internal("the benchmarking engine is not configured");
  return ctx.engine->snapshot();
}

std::optional<Response> refuse_writes(const ApiContext& ctx, const Request& req) {
  // Analysts create custom groups and ratios for their organisation.
  if (ctx.allow_writes || req.caller.has_role(Role::kAnalyst)) return std::nullopt;
  if (req.caller.signed_in())
    return problem_response(403, "creating groups and ratios needs the analyst role", req.path);
  return problem_response(
      403,
      "writes are disabled for anonymous callers on this server: send an analyst's API key "
      "(or start the server with --allow-writes)",
      req.path);
}

}  // namespace lgb::api
