#include "cli/table_printer.h"

#include <algorithm>

namespace lgb::cli {
namespace {

// Display width approximated by code points: enough for names like "Ynys Môn".
size_t utf8_width(const std::string& s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

api::Table select_columns(const api::Table& t, const std::vector<std::string>& names) {
  std::vector<size_t> index;
  api::Table out;
  for (const auto& n : names) {
    auto it = std::find(t.header.begin(), t.header.end(), n);
    if (it == t.header.end()) continue;
    index.push_back(static_cast<size_t>(it - t.header.begin()));
    out.header.push_back(n);
  }
  for (const auto& row : t.rows) {
    std::vector<std::string> r;
    for (size_t i : index) r.push_back(i < row.size() ? row[i] : "");
    out.rows.push_back(std::move(r));
  }
  return out;
}

void print_table(std::ostream& out, const api::Table& t) {
  std::vector<size_t> width(t.header.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < width.size(); ++i)
      width[i] = std::max(width[i], utf8_width(row[i]));
  };
  measure(t.header);
  for (const auto& r : t.rows) measure(r);
  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t i = 0; i < row.size() && i < width.size(); ++i) {
      if (i) line += "  ";
      line += row[i];
      if (i + 1 < row.size()) line.append(width[i] - utf8_width(row[i]), ' ');
    }
    out << line << "\n";
  };
  print_row(t.header);
  std::vector<std::string> rule;
  for (size_t w : width) rule.emplace_back(w, '-');
  print_row(rule);
  for (const auto& r : t.rows) print_row(r);
}

}  // namespace lgb::cli
