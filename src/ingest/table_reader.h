// TableReader: a CSV file with a header row, read record by record. Columns
// are found by header name; malformed records and rows with the wrong number
// of fields are reported to the IngestReport (file, line, column, field) and
// skipped, so a reader sees only well-formed rows and every problem is kept.
// Ownership: borrows the bytes and the report, which must outlive it.
// Not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/value.h"
#include "ingest/csv_reader.h"
#include "ingest/ingest_report.h"

namespace lgb {

// "a; b;;c" -> {"a", "b", "c"}: splits on delim, trims spaces, drops empty items.
std::vector<std::string> split_trimmed(std::string_view s, char delim);

class TableReader {
 public:
  static constexpr int64_t kProgressEvery = 10000;

  TableReader(std::string_view data, std::string file_name, IngestReport& report,
              const std::function<void(int64_t)>& progress = {},
              std::function<void(size_t)> consumed = {});

  // Reads the header row. False (and reported) when the file is empty or the
  // header is malformed or names a column twice (unless allow_repeats: then
  // the first column of a name is the one column() finds, the later ones are
  // listed in repeated() and a note says so).
  bool read_header(bool allow_repeats = false);
  // 0-based columns whose name an earlier column already has.
  const std::vector<int>& repeated() const { return repeated_; }
  // 0-based index of the column with this header name, or -1.
  int column(std::string_view name) const;
  // Reports each missing column; false when any is missing.
  bool require(std::initializer_list<std::string_view> names);

  // Advances to the next well-formed data row; false at the end of the file.
  bool next();
  const std::string& get(int col) const { return rec_.fields[static_cast<size_t>(col)]; }
  // Empty string for col < 0 (an optional column that is absent).
  std::string_view get_or_empty(int col) const;
  int64_t line() const { return rec_.line; }
  const std::vector<std::string>& header() const { return header_; }
  const std::string& file() const { return file_; }
  int64_t rows() const { return rows_; }

  // Reports a problem in column col (0-based; -1 for the row as a whole) of
  // the current row.
  void error(int col, std::string message);
  // make_value on the current row, reporting a failure against the right
  // column: status for an unknown marker, value otherwise. c_status and
  // c_note may be -1 (absent).
  std::optional<Value> value(int c_value, int c_status, int c_note);
  // Field name of a 0-based column, "" when out of range.
  std::string field_name(int col) const;

 private:
  CsvReader csv_;
  std::string file_;
  IngestReport& report_;
  std::function<void(int64_t)> progress_;  // a copy: callers often pass a temporary
  std::vector<std::string> header_;
  std::vector<int> repeated_;
  CsvRecord rec_;
  int64_t rows_ = 0;
  int64_t blank_lines_ = 0;
  size_t blank_note_ = 0;  // index in report_.notes
};

}  // namespace lgb
