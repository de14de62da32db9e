// Reading JSON request bodies for the write routes: one object, known fields
// only (a typo is a 400, as with query parameters), typed accessors whose
// errors name the field. Stateless functions; thread-safe.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "core/result.h"

namespace lgb::api {

Result<boost::json::object> parse_json_object(const std::string& body,
                                              std::initializer_list<std::string_view> fields);
// The same check of known fields for an object inside the body; where names
// it in the message ("activity[2]").
Status check_fields(const boost::json::object& o, std::initializer_list<std::string_view> fields,
                    std::string_view where);
Result<std::string> required_string(const boost::json::object& o, std::string_view field);
Result<std::string> optional_string(const boost::json::object& o, std::string_view field,
                                    std::string fallback);
Result<double> optional_number(const boost::json::object& o, std::string_view field,
                               double fallback);
// A required, non-empty array of strings.
Result<std::vector<std::string>> string_list(const boost::json::object& o, std::string_view field);

}  // namespace lgb::api
