// XLSX downloads through libxlsxwriter, laid out as the Analysis Function
// spreadsheet guidance suggests (and ONS Explore Local Statistics does): a
// Cover_sheet (title, sources, licence, attribution, date), a Notes sheet,
// then one table per sheet with a bold header row.
// libxlsxwriter writes to a file, so each workbook goes through a private
// temporary file that is read back and removed.
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <xlsxwriter.h>

#include "core/value.h"
#include "web/dataset.h"

namespace lgb::web {
namespace {

std::string today_utc() {
  auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// Excel sheet names: at most 31 characters, none of []:*?/\ .
std::string sheet_name(std::string name) {
  for (char& c : name)
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
  if (name.size() > 31) name.resize(31);
  return name.empty() ? "Data" : name;
}


}  // namespace

Result<std::string> encode_xlsx(const Dataset& d) {
  std::string dir = std::filesystem::temp_directory_path().string();
  std::string path = dir + "/lgbench-xlsx-XXXXXX";
  int fd = mkstemp(path.data());
  if (fd < 0) return Error{ErrorCode::kIo, "cannot create a temporary file for XLSX"};
  close(fd);
  struct Unlink {
    std::string p;
    ~Unlink() { std::remove(p.c_str()); }
  } cleanup{path};

  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Error{ErrorCode::kIo, "cannot start an XLSX workbook"};
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* heading = workbook_add_format(wb);
  format_set_bold(heading);
  format_set_font_size(heading, 14);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

  lxw_doc_properties props{};
  std::string title = d.title, author = "lgbench";
  props.title = title.data();
  props.author = author.data();
  workbook_set_properties(wb, &props);

  // Cover sheet.
  lxw_worksheet* cover = workbook_add_worksheet(wb, "Cover_sheet");
  worksheet_set_column(cover, 0, 0, 22, nullptr);
  worksheet_set_column(cover, 1, 1, 100, wrap);
  lxw_row_t r = 0;
  worksheet_write_string(cover, r++, 0, d.title.c_str(), heading);
  r++;
  auto fact = [&](const std::string& key, const std::string& value) {
    worksheet_write_string(cover, r, 0, key.c_str(), bold);
    worksheet_write_string(cover, r, 1, value.c_str(), nullptr);
    ++r;
  };
  fact("Web page", d.page_url);
  fact("Date generated", today_utc());
  fact("Attribution", attribution(d));
  for (const auto& s : d.sources) {
    fact("Source", s.publisher);
    fact("Licence", s.licence);
    if (!s.url.empty()) fact("Source web page", s.url);
  }
  fact("Contents", "The Notes sheet explains blanks and markers; each other sheet holds one table.");
  for (const auto& sheet : d.sheets) fact("Sheet " + sheet_name(sheet.name), sheet.title);

  // Notes.
  lxw_worksheet* notes = workbook_add_worksheet(wb, "Notes");
  worksheet_set_column(notes, 0, 0, 120, wrap);
  worksheet_write_string(notes, 0, 0, "Notes", heading);
  lxw_row_t nr = 2;
  for (const auto& n : d.notes) worksheet_write_string(notes, nr++, 0, n.c_str(), nullptr);

  // Tables. Numbers go in as numbers where the column is numeric and the
  // text parses; every other cell is a string (never a formula, whatever it
  // starts with).
  for (const auto& sheet : d.sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name(sheet.name).c_str());
    worksheet_write_string(ws, 0, 0, sheet.title.c_str(), bold);
    const auto& t = sheet.table;
    for (size_t c = 0; c < t.header.size(); ++c) {
      worksheet_write_string(ws, 2, static_cast<lxw_col_t>(c), t.header[c].c_str(), bold);
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           c == 0 ? 28 : 16, nullptr);
    }
    for (size_t i = 0; i < t.rows.size(); ++i) {
      auto row = static_cast<lxw_row_t>(i + 3);
      for (size_t c = 0; c < t.rows[i].size(); ++c) {
        const std::string& cell = t.rows[i][c];
        if (cell.empty()) continue;
        auto col = static_cast<lxw_col_t>(c);
        bool numeric = c < sheet.numeric.size() && sheet.numeric[c];
        if (auto n = numeric ? parse_number(cell) : std::nullopt)
          worksheet_write_number(ws, row, col, *n, nullptr);
        else
          worksheet_write_string(ws, row, col, cell.c_str(), nullptr);
      }
    }
  }
  if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR)
    return Error{ErrorCode::kIo, std::string("cannot write the XLSX workbook: ") + lxw_strerror(e)};

  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace lgb::web
