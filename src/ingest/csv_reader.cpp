#include "ingest/csv_reader.h"

#include <cstring>

namespace lgb {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool is_break(char c) { return c == '\n' || c == '\r'; }

std::string hex_byte(unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  return std::string("0x") + kHex[c >> 4] + kHex[c & 15];
}

}  // namespace

CsvReader::CsvReader(std::string_view data) : data_(data) {
  if (data_.substr(0, kBom.size()) == kBom) {
    pos_ = kBom.size();
    had_bom_ = true;
  }
}

void CsvReader::fail(CsvRecord& rec, int64_t line, int64_t column, std::string message) {
  if (!rec.error.empty()) return;  // the first problem explains the record
  rec.error = std::move(message);
  rec.error_line = line;
  rec.error_column = column;
}

void CsvReader::consume_line_break() {
  if (pos_ >= data_.size()) return;
  if (data_[pos_] == '\r' && pos_ + 1 < data_.size() && data_[pos_ + 1] == '\n') ++pos_;
  ++pos_;
  ++line_;
}

void CsvReader::skip_line() {
  while (pos_ < data_.size() && !is_break(data_[pos_])) ++pos_;
  consume_line_break();
}

bool CsvReader::read_field(std::string& out, CsvRecord& rec, int64_t column) {
  out.clear();
  const size_t n = data_.size();
  if (pos_ >= n || data_[pos_] != '"') {
    // Unquoted: runs to the next comma or line break.
    size_t start = pos_;
    while (pos_ < n) {
      char c = data_[pos_];
      if (c == ',' || c == '\n' || c == '\r') break;
      if (c == '"') {
        fail(rec, line_, column,
             "quote character inside an unquoted field (quote the whole field and double "
             "the quote)");
        return false;
      }
      ++pos_;
    }
    out.assign(data_.data() + start, pos_ - start);
    return true;
  }
  // Quoted: copy runs between quotes; a doubled quote is one literal quote.
  const int64_t start_line = line_;
  ++pos_;
  for (;;) {
    const void* q = pos_ < n ? std::memchr(data_.data() + pos_, '"', n - pos_) : nullptr;
    size_t end = q ? static_cast<size_t>(static_cast<const char*>(q) - data_.data()) : n;
    for (size_t i = pos_; i < end; ++i) {  // line breaks inside the field
      if (data_[i] == '\n')
        ++line_;
      else if (data_[i] == '\r' && (i + 1 >= n || data_[i + 1] != '\n'))
        ++line_;
    }
    out.append(data_.data() + pos_, end - pos_);
    pos_ = end;
    if (!q) {
      fail(rec, start_line, column,
           "quoted field starting on line " + std::to_string(start_line) + " is never closed");
      return false;
    }
    ++pos_;  // the quote
    if (pos_ < n && data_[pos_] == '"') {
      out += '"';
      ++pos_;
      continue;
    }
    if (pos_ < n && data_[pos_] != ',' && !is_break(data_[pos_])) {
      fail(rec, line_, column, "unexpected character after the closing quote of a field");
      return false;
    }
    return true;
  }
}

bool CsvReader::next(CsvRecord& rec) {
  if (pos_ >= data_.size()) return false;
  rec.line = line_;
  rec.error.clear();
  rec.error_line = 0;
  rec.error_column = 0;
  size_t count = 0;
  for (;;) {
    if (rec.fields.size() <= count) rec.fields.emplace_back();
    const int64_t column = static_cast<int64_t>(count) + 1;
    const int64_t field_line = line_;
    if (!read_field(rec.fields[count], rec, column)) {
      rec.fields.resize(count + 1);
      skip_line();
      return true;
    }
    const std::string& f = rec.fields[count];
    size_t bad = find_invalid_utf8(f);
    if (bad != std::string_view::npos)
      fail(rec, field_line, column,
           "invalid UTF-8 (byte " + hex_byte(static_cast<unsigned char>(f[bad])) + " at byte " +
               std::to_string(bad + 1) + " of the field)");
    ++count;
    if (pos_ < data_.size() && data_[pos_] == ',') {
      ++pos_;
      continue;
    }
    consume_line_break();
    break;
  }
  rec.fields.resize(count);
  if (consumed_ && pos_ - last_consumed_ >= kConsumedEvery) {
    consumed_(pos_);
    last_consumed_ = pos_;
  }
  return true;
}

}  // namespace lgb
