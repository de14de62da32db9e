#include "ingest/table_reader.h"

#include "core/excerpt.h"

#include <utility>

namespace lgb {

std::vector<std::string> split_trimmed(std::string_view s, char delim) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(delim, start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view item = s.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    start = end + 1;
  }
  return out;
}

TableReader::TableReader(std::string_view data, std::string file_name, IngestReport& report,
                         const std::function<void(int64_t)>& progress,
                         std::function<void(size_t)> consumed)
    : csv_(data), file_(std::move(file_name)), report_(report), progress_(progress) {
  if (consumed) csv_.on_consumed(std::move(consumed));
}

bool TableReader::read_header(bool allow_repeats) {
  if (!csv_.next(rec_)) {
    report_.error(file_, 1, 0, "", "the file is empty: expected a header row");
    return false;
  }
  if (!rec_.ok()) {
    report_.error(file_, rec_.error_line, rec_.error_column, "", "header: " + rec_.error);
    return false;
  }
  header_ = rec_.fields;
  bool ok = true;
  for (size_t i = 0; i < header_.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (header_[i] == header_[j]) {
        if (allow_repeats) {
          repeated_.push_back(static_cast<int>(i));
          report_.notes.push_back(file_ + ": column " + std::to_string(i + 1) + " repeats the name '" +
                                  header_[i] + "' of column " + std::to_string(j + 1) +
                                  "; column " + std::to_string(j + 1) +
                                  " is read, and column " + std::to_string(i + 1) +
                                  " must stay empty");
          break;
        }
        report_.error(file_, rec_.line, static_cast<int64_t>(i) + 1, header_[i],
                      "column name repeated (also column " + std::to_string(j + 1) + ")");
        ok = false;
      }
  return ok;
}

int TableReader::column(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return static_cast<int>(i);
  return -1;
}

bool TableReader::require(std::initializer_list<std::string_view> names) {
  bool ok = true;
  for (auto name : names)
    if (column(name) < 0) {
      report_.error(file_, 1, 0, std::string(name),
                    "required column '" + std::string(name) + "' is missing from the header");
      ok = false;
    }
  return ok;
}

std::string_view TableReader::get_or_empty(int col) const {
  if (col < 0) return {};
  return rec_.fields[static_cast<size_t>(col)];
}

std::string TableReader::field_name(int col) const {
  if (col < 0 || static_cast<size_t>(col) >= header_.size()) return "";
  return header_[static_cast<size_t>(col)];
}

void TableReader::error(int col, std::string message) {
  report_.error(file_, rec_.line, col < 0 ? 0 : col + 1, field_name(col), std::move(message));
}

std::optional<Value> TableReader::value(int c_value, int c_status, int c_note) {
  std::string_view status = get_or_empty(c_status);
  if (!status.empty() && !parse_marker(status)) {
    error(c_status, "unknown status marker " + quoted_excerpt(status));
    return std::nullopt;
  }
  auto v = make_value(get(c_value), status, get_or_empty(c_note));
  if (!v) {
    error(c_value, v.error().message);
    return std::nullopt;
  }
  return std::move(*v);
}

bool TableReader::next() {
  while (csv_.next(rec_)) {
    if (rec_.ok() && rec_.is_blank() && header_.size() != 1) {
      // An empty line carries no data; trailing ones are common in exports.
      if (blank_lines_++ == 0) {
        blank_note_ = report_.notes.size();
        report_.notes.emplace_back();
      }
      report_.notes[blank_note_] =
          file_ + ": skipped " + std::to_string(blank_lines_) + " blank line(s)";
      continue;
    }
    ++rows_;
    ++report_.rows_read;
    if (progress_ && rows_ % kProgressEvery == 0) progress_(rows_);
    if (!rec_.ok()) {
      report_.error(file_, rec_.error_line, rec_.error_column,
                    field_name(static_cast<int>(rec_.error_column) - 1), rec_.error);
      continue;
    }
    if (rec_.fields.size() != header_.size()) {
      int64_t got = static_cast<int64_t>(rec_.fields.size());
      int64_t want = static_cast<int64_t>(header_.size());
      // Point at the first missing field, or the first extra one.
      int64_t col = got < want ? got + 1 : want + 1;
      report_.error(file_, rec_.line, col, got < want ? field_name(static_cast<int>(got)) : "",
                    "expected " + std::to_string(want) + " fields, found " + std::to_string(got));
      continue;
    }
    return true;
  }
  return false;
}

}  // namespace lgb
