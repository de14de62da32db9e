#include "ingest/ingest_report.h"

#include <utility>

namespace lgb {

void IngestReport::error(std::string file, int64_t line, int64_t column, std::string field,
                         std::string message) {
  if (errors.size() >= kMaxErrors) {
    ++more_errors;
    return;
  }
  errors.push_back(
      IngestIssue{std::move(file), line, column, std::move(field), std::move(message), ""});
}

void IngestReport::sheet_error(std::string file, std::string sheet, int64_t row, int64_t column,
                               std::string field, std::string message) {
  if (errors.size() >= kMaxErrors) {
    ++more_errors;
    return;
  }
  errors.push_back(IngestIssue{std::move(file), row, column, std::move(field), std::move(message),
                               std::move(sheet)});
}

std::string column_letters(int64_t column) {
  std::string out;
  while (column > 0) {
    out.insert(out.begin(), static_cast<char>('A' + (column - 1) % 26));
    column = (column - 1) / 26;
  }
  return out;
}

std::string IngestReport::format(size_t limit) const {
  std::string out;
  size_t shown = 0;
  for (const auto& e : errors) {
    if (shown == limit) break;
    out += e.file;
    if (!e.sheet.empty()) {
      out += ':' + e.sheet + '!';
      if (e.column > 0) out += column_letters(e.column);
      if (e.line > 0) out += std::to_string(e.line);
    } else if (e.line > 0) {
      out += ':' + std::to_string(e.line);
      if (e.column > 0) out += ':' + std::to_string(e.column);
    }
    out += ": ";
    if (!e.field.empty()) out += e.field + ": ";
    out += e.message;
    out += '\n';
    ++shown;
  }
  int64_t rest = error_count() - static_cast<int64_t>(shown);
  if (rest > 0) out += "... and " + std::to_string(rest) + " more\n";
  return out;
}

}  // namespace lgb
