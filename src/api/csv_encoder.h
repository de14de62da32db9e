// CSV encoder: domain objects -> a Table (header + rows of text), and a Table
// -> RFC 4180 CSV with a header row. The CLI prints the same Tables as text.
// Stateless functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalogue.h"
#include "engine/snapshot.h"

namespace lgb::api {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

Table areas_table(const std::vector<const Area*>& areas);
Table metrics_table(const std::vector<const Metric*>& metrics);
Table releases_table(const std::vector<Release>& releases);
// Names and labels come from the snapshot the request was answered from.
Table periods_table(const std::vector<std::string>& period_ids, const Snapshot& s);
Table data_table(const DataResult& d, const Snapshot& s);

// Quotes a field only when needed (comma, quote, CR or LF); CRLF line ends.
std::string encode_csv(const Table& t, std::string_view eol = "\r\n");

// The number as JSON writes it ("3.9", "1234", "1.5e-07"); "" when absent
// or not finite (where JSON writes null).
std::string format_number(const std::optional<double>& n);

}  // namespace lgb::api
