// libFuzzer target: the RFC 4180 reader (ingest/csv_reader.h) on any bytes.
// Besides memory safety: lines only move forward, a problem is never before
// its record, and the fields of a good record are valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  lgb::CsvReader reader(bytes);
  lgb::CsvRecord rec;
  int64_t last_line = 0;
  while (reader.next(rec)) {
    if (rec.line <= last_line) __builtin_trap();
    last_line = rec.line;
    if (!rec.ok()) {
      if (rec.error_line < rec.line || rec.error_column < 1) __builtin_trap();
      continue;
    }
    for (const auto& f : rec.fields)
      if (lgb::find_invalid_utf8(f) != std::string_view::npos) __builtin_trap();
  }
  return 0;
}
