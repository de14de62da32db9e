// IngestReport: every problem found while reading and validating one file,
// with file, line and column, so a whole release can be rejected with all of
// its errors at once. Plain value type; not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lgb {

struct IngestIssue {
  std::string file;
  int64_t line = 0;    // 1-based physical line (a sheet's row); 0 when not about one line
  int64_t column = 0;  // 1-based field number (a sheet's column); 0 when not about one field
  std::string field;   // column name, when known
  std::string message;
  std::string sheet;   // spreadsheets: the sheet, and line/column are its row/column
};

// Spreadsheet column letters: 1 -> "A", 27 -> "AA".
std::string column_letters(int64_t column);

struct IngestReport {
  // The first kMaxErrors problems are kept; more_errors counts the rest, so
  // a file with millions of bad rows cannot exhaust memory.
  static constexpr size_t kMaxErrors = 1000;
  std::vector<IngestIssue> errors;
  int64_t more_errors = 0;
  std::vector<std::string> notes;  // e.g. "skipped 36 rows of geography 'ITL Level 1'"
  int64_t rows_read = 0;
  // Ids of metrics the store did not hold before this file (created from a
  // catalogue, a recipe or the publisher's metadata), in file order.
  std::vector<std::string> new_metrics;

  bool ok() const { return errors.empty() && more_errors == 0; }
  int64_t error_count() const { return static_cast<int64_t>(errors.size()) + more_errors; }
  void error(std::string file, int64_t line, int64_t column, std::string field,
             std::string message);
  void sheet_error(std::string file, std::string sheet, int64_t row, int64_t column,
                   std::string field, std::string message);
  // "file:line:column: field: message" (spreadsheets: "file:Sheet!C7: field:
  // message"), one issue per line; at most `limit` issues, then "... and N
  // more".
  std::string format(size_t limit = 50) const;
};

}  // namespace lgb
