#include "api/handlers/json_body.h"

#include <algorithm>
#include <cmath>

namespace lgb::api {

Result<boost::json::object> parse_json_object(const std::string& body,
                                              std::initializer_list<std::string_view> fields) {
  if (body.empty()) return invalid("the request body must be a JSON object; it is empty");
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec) return invalid("the request body is not valid JSON: " + ec.message());
  if (!v.is_object()) return invalid("the request body must be a JSON object");
  if (auto s = check_fields(v.as_object(), fields, "the body"); !s) return s.error();
  return std::move(v.as_object());
}

Status check_fields(const boost::json::object& o, std::initializer_list<std::string_view> fields,
                    std::string_view where) {
  for (const auto& [key, value] : o) {
    if (std::find(fields.begin(), fields.end(), std::string_view(key)) == fields.end()) {
      std::string list;
      for (auto f : fields) list += (list.empty() ? "" : ", ") + std::string(f);
      return invalid("unknown field '" + std::string(key) + "'; " + std::string(where) +
                     " takes: " + list);
    }
  }
  return ok_status();
}

Result<std::string> required_string(const boost::json::object& o, std::string_view field) {
  const boost::json::value* v = o.if_contains(field);
  if (!v) return invalid("field '" + std::string(field) + "' is required");
  if (!v->is_string() || v->as_string().empty())
    return invalid("field '" + std::string(field) + "' must be a non-empty string");
  return std::string(v->as_string());
}

Result<std::string> optional_string(const boost::json::object& o, std::string_view field,
                                    std::string fallback) {
  const boost::json::value* v = o.if_contains(field);
  if (!v || v->is_null()) return fallback;
  if (!v->is_string()) return invalid("field '" + std::string(field) + "' must be a string");
  return std::string(v->as_string());
}

Result<double> optional_number(const boost::json::object& o, std::string_view field,
                               double fallback) {
  const boost::json::value* v = o.if_contains(field);
  if (!v || v->is_null()) return fallback;
  if (!v->is_number()) return invalid("field '" + std::string(field) + "' must be a number");
  double d = v->to_number<double>();
  if (!std::isfinite(d)) return invalid("field '" + std::string(field) + "' must be finite");
  return d;
}

Result<std::vector<std::string>> string_list(const boost::json::object& o,
                                             std::string_view field) {
  const boost::json::value* v = o.if_contains(field);
  if (!v) return invalid("field '" + std::string(field) + "' is required");
  if (!v->is_array() || v->as_array().empty())
    return invalid("field '" + std::string(field) + "' must be a non-empty array of strings");
  std::vector<std::string> out;
  for (const auto& e : v->as_array()) {
    if (!e.is_string())
      return invalid("field '" + std::string(field) + "' must contain only strings");
    out.emplace_back(e.as_string());
  }
  return out;
}

}  // namespace lgb::api
