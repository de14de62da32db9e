#include <algorithm>

#include "api/handlers/handlers.h"

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
