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
  int64_t line = 0;    // 1-based physical line; 0 when not about one line
  int64_t column = 0;  // 1-based field number; 0 when not about one field
  std::string field;   // column name, when known
  std::string message;
};

struct IngestReport {
  std::vector<IngestIssue> errors;
  std::vector<std::string> notes;  // e.g. "skipped 36 rows of geography 'ITL Level 1'"
  int64_t rows_read = 0;

  bool ok() const { return errors.empty(); }
  void error(std::string file, int64_t line, int64_t column, std::string field,
             std::string message);
  // "file:line:column: field: message", one issue per line; at most `limit`
  // issues, then "... and N more".
  std::string format(size_t limit = 50) const;
};

}  // namespace lgb
