#include "carbon/templates.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <cstdio>
#include <map>

#include "carbon/common_factors.h"
#include "carbon/footprint.h"
#include "carbon/waste.h"
#include "core/value.h"
#include "ingest/csv_reader.h"

namespace lgb::carbon {
namespace {

std::string number_text(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

}  // namespace

std::optional<double> parse_quantity(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  auto digit = [&](size_t i) {
    return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]));
  };
  std::string s;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != ',') {
      s += text[i];
      continue;
    }
    // A thousands separator: a digit before, exactly three digits after.
    if (!(i > 0 && digit(i - 1) && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4)))
      return std::nullopt;
  }
  return parse_number(s);
}

Rows activity_template_rows() {
  Rows out;
  for (const auto& f : kCommonFactors)
    out.push_back({std::string(f.category), std::string(f.label), std::string(f.level1),
                   std::string(f.level2), std::string(f.level3), std::string(f.level4),
                   std::string(f.column_text), std::string(f.unit), "", "", "", ""});
  return out;
}

Rows waste_template_rows(const FactorTable& factors) {
  Rows out;
  for (const auto& s : factors.waste_streams()) {
    auto routes = routes_for(factors, s.material);
    out.push_back({s.material, routes.empty() ? "" : std::string(routes[0]->id), ""});
  }
  return out;
}

Rows activity_rows(const std::vector<ActivityLine>& lines) {
  Rows out;
  for (const auto& l : lines)
    out.push_back({l.category, l.description, l.factor.level1, l.factor.level2, l.factor.level3,
                   l.factor.level4, l.factor.column_text, l.factor.unit, l.quantity_text,
                   l.market_factor ? number_text(*l.market_factor) : "", l.source_note,
                   l.evidence_url});
  return out;
}

Rows waste_rows(const std::vector<WasteLine>& lines) {
  Rows out;
  for (const auto& w : lines) out.push_back({w.stream, w.route, w.tonnes_text});
  return out;
}

namespace {

void report_at(IngestReport& report, const UploadTable& t, int64_t line, int64_t column,
               std::string field, std::string message) {
  if (t.sheet.empty()) report.error(t.file, line, column, std::move(field), std::move(message));
  else report.sheet_error(t.file, t.sheet, line, column, std::move(field), std::move(message));
}

// One data row of an upload: its cells by column name, and a way to report
// a problem at a column.
struct UploadRow {
  const UploadTable& table;
  const SheetRow& row;
  const std::map<std::string_view, size_t>& at;
  IngestReport& report;

  std::string cell(std::string_view name) const {
    const size_t i = at.at(name);
    return i < row.cells.size() ? row.cells[i] : std::string();
  }
  // The number in a column; reports the column when it is not one.
  std::optional<double> number(std::string_view name) const {
    const std::string text = cell(name);
    auto v = parse_quantity(text);
    if (!v)
      report_at(report, table, row.number, static_cast<int64_t>(at.at(name)) + 1, std::string(name),
                "'" + text + "' is not a number");
    return v;
  }
};

// Reads one table of an upload: the header must name every column; each
// data row goes to read_row (which returns nullopt to skip it); then the
// calculation's own checks run over all lines and each problem is reported
// at its row and column. Whole or nothing.
template <class Line, size_t N, class ReadRow, class Check>
Result<std::vector<Line>> read_upload(const UploadTable& t, const std::string_view (&columns)[N],
                                      IngestReport& report, ReadRow read_row, Check check) {
  size_t header = 0;
  auto names_first = [&](const SheetRow& r) {
    return std::find(r.cells.begin(), r.cells.end(), columns[0]) != r.cells.end();
  };
  while (header < t.rows.size() && header < 10 && !names_first(t.rows[header])) ++header;
  if (header == t.rows.size() || header == 10) {
    report_at(report, t, t.rows.empty() ? 1 : t.rows[0].number, 1, std::string(columns[0]),
              "no header row naming the column '" + std::string(columns[0]) + "'");
    return invalid(report.format());
  }
  std::map<std::string_view, size_t> at;
  const auto& names = t.rows[header].cells;
  for (size_t i = 0; i < names.size(); ++i)
    for (auto n : columns)
      if (names[i] == n) at[n] = i;
  for (auto n : columns)
    if (!at.count(n))
      report_at(report, t, t.rows[header].number, 0, std::string(n),
                "the header has no column '" + std::string(n) + "'");
  if (!report.ok()) return invalid(report.format());
  std::vector<Line> out;
  std::vector<int64_t> line_of;
  for (size_t r = header + 1; r < t.rows.size(); ++r) {
    const SheetRow& row = t.rows[r];
    if (std::all_of(row.cells.begin(), row.cells.end(), [](const std::string& c) { return c.empty(); }))
      continue;
    ++report.rows_read;
    std::optional<Line> line = read_row(UploadRow{t, row, at, report});
    if (!line) continue;
    out.push_back(std::move(*line));
    line_of.push_back(row.number);
  }
  std::vector<LineProblem> problems;
  (void)check(out, problems);
  for (const auto& p : problems) {
    const std::string column = p.field == "factor" ? "level_1" : p.field;
    const int64_t c = at.count(column) ? static_cast<int64_t>(at.at(column)) + 1 : 0;
    report_at(report, t, line_of[p.index], c, p.field, p.message);
  }
  if (!report.ok()) return invalid(report.format());
  return out;
}

}  // namespace

UploadTable csv_table(std::string_view bytes, const std::string& file, IngestReport& report) {
  UploadTable t{file, "", {}};
  CsvReader reader(bytes);
  CsvRecord rec;
  while (reader.next(rec)) {
    if (!rec.ok()) {
      report.error(file, rec.error_line, rec.error_column, "", rec.error);
      continue;
    }
    if (rec.is_blank()) continue;
    t.rows.push_back(SheetRow{rec.line, rec.fields});
  }
  if (t.rows.empty() && report.ok()) report.error(file, 1, 0, "", "the file is empty");
  return t;
}

Result<std::vector<UploadTable>> workbook_tables(const std::string& bytes, const std::string& file,
                                                 IngestReport& report) {
  // libzip reads a file: the upload goes through a private temporary one.
  std::string path = (std::filesystem::temp_directory_path() / "lgbench-upload-XXXXXX").string();
  const int fd = mkstemp(path.data());
  if (fd < 0) return io_error("cannot store the upload for reading");
  struct Unlink {
    std::string p;
    ~Unlink() { std::remove(p.c_str()); }
  } cleanup{path};
  const bool written = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
  ::close(fd);
  if (!written) return io_error("cannot store the upload for reading");
  std::vector<UploadTable> out;
  std::string first_error;
  for (auto name : {kActivitySheet, kWasteSheet}) {
    auto sheet = read_xlsx_sheet(path, SheetSelector{std::string(name), 0});
    if (!sheet) {
      if (first_error.empty()) first_error = sheet.error().message;
      continue;
    }
    out.push_back(UploadTable{file, sheet->name, std::move(sheet->rows)});
  }
  if (out.empty()) {
    // The reader names the temporary file; the user knows the upload by its name.
    std::string message = first_error;
    if (auto at = message.find(path); at != std::string::npos) message.replace(at, path.size(), file);
    report.error(file, 0, 0, "", "not the XLSX template (a workbook with a sheet 'Activity' or 'Waste'): " + message);
    return invalid(report.format());
  }
  return out;
}

Result<std::vector<ActivityLine>> read_activity(const UploadTable& table, const FactorTable& factors,
                                                IngestReport& report) {
  return read_upload<ActivityLine>(
      table, kActivityColumns, report,
      [](const UploadRow& row) -> std::optional<ActivityLine> {
        ActivityLine l;
        l.quantity_text = row.cell("quantity");
        if (l.quantity_text.empty()) return std::nullopt;  // a template row not used
        l.category = row.cell("category");
        l.description = row.cell("description");
        l.factor = {row.cell("level_1"), row.cell("level_2"), row.cell("level_3"),
                    row.cell("level_4"), row.cell("column_text"), row.cell("unit")};
        l.source_note = row.cell("source_note");
        l.evidence_url = row.cell("evidence_url");
        l.quantity = row.number("quantity").value_or(0);
        if (!row.cell("market_factor").empty()) l.market_factor = row.number("market_factor");
        return l;
      },
      [&](const std::vector<ActivityLine>& lines, std::vector<LineProblem>& problems) {
        return compute_footprint(lines, factors, problems).ok();
      });
}

Result<std::vector<WasteLine>> read_waste(const UploadTable& table, const FactorTable& factors,
                                          IngestReport& report) {
  return read_upload<WasteLine>(
      table, kWasteColumns, report,
      [](const UploadRow& row) -> std::optional<WasteLine> {
        WasteLine w{row.cell("stream"), row.cell("route"), row.cell("tonnes"), 0};
        if (w.tonnes_text.empty()) return std::nullopt;
        w.tonnes = row.number("tonnes").value_or(0);
        if (const WasteRoute* r = find_waste_route(w.route)) w.route = std::string(r->id);
        return w;
      },
      [&](const std::vector<WasteLine>& lines, std::vector<LineProblem>& problems) {
        return compute_waste(lines, factors, problems).ok();
      });
}

Result<std::vector<ActivityLine>> read_activity_csv(std::string_view bytes, const std::string& file,
                                                    const FactorTable& factors,
                                                    IngestReport& report) {
  UploadTable t = csv_table(bytes, file, report);
  if (!report.ok()) return invalid(report.format());
  return read_activity(t, factors, report);
}

Result<std::vector<WasteLine>> read_waste_csv(std::string_view bytes, const std::string& file,
                                              const FactorTable& factors, IngestReport& report) {
  UploadTable t = csv_table(bytes, file, report);
  if (!report.ok()) return invalid(report.format());
  return read_waste(t, factors, report);
}

}  // namespace lgb::carbon
