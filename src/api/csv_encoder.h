// CSV encoder: domain objects -> a Table (header + rows of text), and a Table
// -> RFC 4180 CSV with a header row. The CLI prints the same Tables as text.
// CSV is what people open in spreadsheets, so encode_csv neutralises cells a
// spreadsheet would run as a formula; Tables themselves hold the exact text
// (for JSON, the CLI's text tables and XLSX, whose text cells are strings).
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
  // Columns written byte for byte even where a cell looks like a formula:
  // the published value text, which only ever holds a number or a marker.
  std::vector<std::string> verbatim;
};

Table areas_table(const std::vector<const Area*>& areas);
Table metrics_table(const std::vector<const Metric*>& metrics);
Table releases_table(const std::vector<Release>& releases);
// Names and labels come from the snapshot the request was answered from.
Table periods_table(const std::vector<std::string>& period_ids, const Snapshot& s);
Table data_table(const DataResult& d, const Snapshot& s);

// Quotes a field only when needed (comma, quote, CR or LF); CRLF line ends.
// OWASP's defence against CSV injection: a cell outside t.verbatim that
// starts with =, +, -, @, tab or carriage return, and is not simply a number
// ("-3.5", "+2" and "1e-07" stay numbers), gets a leading ' so a spreadsheet
// shows it as text rather than running it ("=HYPERLINK(...)" ->
// "'=HYPERLINK(...)"). The exact text is always in the JSON.
std::string encode_csv(const Table& t, std::string_view eol = "\r\n");

// The number as JSON writes it ("3.9", "1234", "1.5e-07"); "" when absent
// or not finite (where JSON writes null).
std::string format_number(const std::optional<double>& n);

}  // namespace lgb::api
