// JSON encoder: domain objects -> boost::json values for API responses. Field
// names match the CSV encoder's columns so both formats read the same.
// Stateless functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include <boost/json.hpp>

#include "engine/catalogue.h"
#include "engine/snapshot.h"

namespace lgb::api {

boost::json::object area_json(const Area& a);
// With region, parent and successors resolved to {code, name}.
boost::json::object area_detail_json(const Area& a, const Snapshot& s);
boost::json::object metric_json(const Metric& m);
// With the periods that hold current values: [{id, label}].
boost::json::object metric_detail_json(const Metric& m, const std::vector<std::string>& period_ids,
                                       const Snapshot& s);
boost::json::object release_json(const Release& r);
// {"metric": {...}, "count": N, "values": [...]}; "value" is the published
// text exactly. Written directly (not through boost::json) because this is the
// hot route and so that "number" reads 12.5 rather than 1.25E1.
std::string encode_data(const DataResult& d, const Snapshot& s);

// Appends s as a JSON string literal (quoted, escaped).
void append_json_string(std::string& out, std::string_view s);
// Appends the shortest text that reads back as n ("12.5", "1e-07"), or
// null when n is not finite: JSON has no inf or nan (docs/api.md).
void append_json_number(std::string& out, double n);

// {"items": [...], "count": N}
std::string encode_list(boost::json::array items);
std::string encode(const boost::json::object& o);

}  // namespace lgb::api
