// CsvReader: an RFC 4180 record reader over bytes held in memory. Quoted
// fields may hold commas, doubled quotes and line breaks; every field is kept
// byte for byte as published (no trimming, no re-encoding). Tracks the
// physical line each record starts on, strips a leading UTF-8 BOM and checks
// that every field is valid UTF-8.
// Ownership: the reader borrows the bytes, which must outlive it. Not
// thread-safe; one reader per file.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/utf8.h"  // find_invalid_utf8, used on every field

namespace lgb {

struct CsvRecord {
  int64_t line = 0;  // 1-based physical line on which the record starts
  std::vector<std::string> fields;
  // Non-empty when the record is malformed (bad quoting, bad UTF-8): the
  // fields may then be incomplete and must not be used.
  std::string error;
  int64_t error_line = 0;    // physical line of the problem
  int64_t error_column = 0;  // 1-based field number of the problem

  bool ok() const { return error.empty(); }
  // A record that is one empty field: an empty line.
  bool is_blank() const { return fields.size() == 1 && fields[0].empty(); }
};

class CsvReader {
 public:
  explicit CsvReader(std::string_view data);

  // Reads the next record into rec, reusing its storage. Returns false at the
  // end of the input. A malformed record is still returned (rec.error set);
  // reading resumes after it, so every problem in a file can be reported.
  bool next(CsvRecord& rec);

  // fn(offset) is called every few megabytes with the byte offset the reader
  // has passed, so a caller can drop the pages behind (MappedFile).
  void on_consumed(std::function<void(size_t)> fn) { consumed_ = std::move(fn); }

  bool had_bom() const { return had_bom_; }
  // Line the next record would start on.
  int64_t line() const { return line_; }

 private:
  // Reads one field into out; returns false on a quoting error (reported in
  // rec). Leaves pos_ on the delimiter, the line break or the end.
  bool read_field(std::string& out, CsvRecord& rec, int64_t column);
  void fail(CsvRecord& rec, int64_t line, int64_t column, std::string message);
  // Skips to just after the next line break (error recovery).
  void skip_line();
  // Consumes a line break at pos_ ("\n", "\r\n" or a lone "\r").
  void consume_line_break();

  static constexpr size_t kConsumedEvery = size_t{4} << 20;

  std::string_view data_;
  std::function<void(size_t)> consumed_;
  size_t last_consumed_ = 0;
  size_t pos_ = 0;
  int64_t line_ = 1;
  bool had_bom_ = false;
};

}  // namespace lgb
