#include "carbon/factor_reader.h"

#include <array>
#include <map>
#include <optional>

#include "core/value.h"
#include "ingest/csv_reader.h"
#include "ingest/file_bytes.h"
#include "ingest/spreadsheet.h"

namespace lgb::carbon {
namespace {

constexpr std::string_view kSheet = "Factors by Category";
constexpr std::string_view kFactorColumnPrefix = "GHG Conversion Factor ";

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The flat file's "GHG/Unit" text -> the gas; nullopt for rows that are not
// a gas (energy content in kWh).
std::optional<Gas> gas_of_ghg_unit(std::string_view s) {
  s = trim_right(s);
  if (s == "kg CO2e") return Gas::kCO2e;
  if (s == "kg CO2e of CO2 per unit") return Gas::kCO2;
  if (s == "kg CO2e of CH4 per unit") return Gas::kCH4;
  if (s == "kg CO2e of N2O per unit") return Gas::kN2O;
  return std::nullopt;
}

// Column positions found by header name; -1 when absent.
struct Columns {
  int id = -1, scope = -1, l1 = -1, l2 = -1, l3 = -1, l4 = -1, text = -1, uom = -1;
  int ghg_unit = -1, gas = -1, value = -1;
  int year = 0;
};

Columns find_columns(const std::vector<std::string>& header) {
  Columns c;
  for (int i = 0; i < static_cast<int>(header.size()); ++i) {
    const std::string_view h = trim_right(header[i]);
    if (h == "ID" || h == "id_original") c.id = i;
    else if (h == "Scope") c.scope = i;
    else if (h == "Level 1") c.l1 = i;
    else if (h == "Level 2") c.l2 = i;
    else if (h == "Level 3") c.l3 = i;
    else if (h == "Level 4") c.l4 = i;
    else if (h == "Column Text") c.text = i;
    else if (h == "UOM") c.uom = i;
    else if (h == "GHG/Unit") c.ghg_unit = i;
    else if (h == "emission_target_formula") c.gas = i;
    else if (h.starts_with(kFactorColumnPrefix)) {
      c.value = i;
      const auto year = parse_number(h.substr(kFactorColumnPrefix.size()));
      c.year = year ? static_cast<int>(*year) : 0;
    }
  }
  return c;
}

// Counts what was skipped, for the set's note.
struct Skipped {
  int64_t not_a_gas = 0, blank = 0, not_a_number = 0;
  std::string note() const {
    std::string out;
    auto add = [&](int64_t n, const char* what) {
      if (n == 0) return;
      if (!out.empty()) out += "; ";
      out += std::to_string(n) + " " + what;
    };
    add(not_a_gas, "rows that give energy content (kWh), not a gas, skipped");
    add(blank, "rows without a published value skipped");
    add(not_a_number, "rows whose value is not a number (such as \"< 1\") skipped");
    return out;
  }
};

// One data row, wherever it came from. cell(i) is "" past the row's end.
// Returns the factor, or nullopt when the row is skipped or has a problem
// (reported).
template <class Cell, class Problem>
std::optional<GhgFactor> read_row(const Columns& c, bool cfkg, Cell cell, Problem problem,
                                  Skipped& skipped) {
  const std::string scope_text(trim_right(cell(c.scope)));
  if (scope_text.empty() || scope_text == "END") return std::nullopt;
  auto scope = parse_scope(scope_text);
  if (!scope) {
    problem(c.scope, "Scope", "unknown scope '" + scope_text + "'");
    return std::nullopt;
  }
  std::optional<Gas> gas;
  if (cfkg) {
    gas = parse_gas(trim_right(cell(c.gas)));
    if (!gas) {
      problem(c.gas, "emission_target_formula", "unknown gas '" + cell(c.gas) + "'");
      return std::nullopt;
    }
  } else {
    gas = gas_of_ghg_unit(cell(c.ghg_unit));
    if (!gas) {
      ++skipped.not_a_gas;
      return std::nullopt;
    }
  }
  const std::string text = cell(c.value);
  if (text.empty()) {
    ++skipped.blank;
    return std::nullopt;
  }
  auto value = parse_number(text);
  if (!value) {
    ++skipped.not_a_number;
    return std::nullopt;
  }
  GhgFactor f;
  f.scope = std::string(label_of(*scope));
  if (*scope == Scope::kOutside) f.scope = "Outside of Scopes";  // the flat file's spelling
  f.key = {cell(c.l1), cell(c.l2), cell(c.l3), cell(c.l4), cell(c.text),
           std::string(trim_right(cell(c.uom)))};
  if (cfkg) {
    auto mapped = cfkg_unit(f.key.unit, f.key.column_text);
    if (!mapped) {
      problem(c.uom, "UOM", "unit '" + f.key.unit + "' is not one this reader maps");
      return std::nullopt;
    }
    f.key.unit = mapped->unit;
    f.key.column_text = mapped->column_text;
  }
  f.gas = *gas;
  f.text = text;
  f.value = *value;
  if (c.id >= 0) f.source_id = cell(c.id);
  return f;
}

Status check_columns(const Columns& c, bool cfkg, const std::string& file, IngestReport& report) {
  std::vector<std::pair<int, const char*>> need = {
      {c.scope, "Scope"}, {c.l1, "Level 1"},     {c.l2, "Level 2"}, {c.l3, "Level 3"},
      {c.l4, "Level 4"},  {c.text, "Column Text"}, {c.uom, "UOM"},
      {c.value, "GHG Conversion Factor YYYY"}};
  need.push_back(cfkg ? std::pair{c.gas, "emission_target_formula"} : std::pair{c.ghg_unit, "GHG/Unit"});
  for (const auto& [pos, name] : need)
    if (pos < 0) report.error(file, 0, 0, name, "the header has no column '" + std::string(name) + "'");
  if (c.value >= 0 && (c.year < 1990 || c.year > 2100))
    report.error(file, 0, c.value + 1, "GHG Conversion Factor YYYY", "the header names no factor year");
  if (!report.ok()) return invalid(report.format());
  return ok_status();
}

Result<FactorFile> read_xlsx(const std::string& path, IngestReport& report) {
  const std::string file = base_name(path);
  auto sheet = read_xlsx_sheet(path, SheetSelector{std::string(kSheet), 0});
  if (!sheet) {
    report.error(file, 0, 0, "", sheet.error().message);
    return sheet.error();
  }
  size_t header_at = sheet->rows.size();
  for (size_t i = 0; i < sheet->rows.size() && i < 50; ++i) {
    const auto& cells = sheet->rows[i].cells;
    if (!cells.empty() && trim_right(cells[0]) == "ID") {
      header_at = i;
      break;
    }
  }
  if (header_at == sheet->rows.size()) {
    report.sheet_error(file, sheet->name, 0, 0, "ID", "no header row starting with 'ID'");
    return invalid(report.format());
  }
  const Columns c = find_columns(sheet->rows[header_at].cells);
  if (auto s = check_columns(c, false, file, report); !s) return s.error();
  FactorFile out;
  Skipped skipped;
  for (size_t i = header_at + 1; i < sheet->rows.size(); ++i) {
    const SheetRow& row = sheet->rows[i];
    ++report.rows_read;
    auto cell = [&](int col) -> std::string {
      return col >= 0 && col < static_cast<int>(row.cells.size()) ? row.cells[col] : std::string();
    };
    auto problem = [&](int col, const char* field, std::string message) {
      report.sheet_error(file, sheet->name, row.number, col + 1, field, std::move(message));
    };
    if (auto f = read_row(c, false, cell, problem, skipped)) {
      f->year = c.year;
      out.factors.push_back(std::move(*f));
    }
  }
  if (!report.ok()) return invalid(report.format());
  out.set.year = c.year;
  out.set.note = skipped.note();
  return out;
}

Result<FactorFile> read_csv(const std::string& path, IngestReport& report) {
  const std::string file = base_name(without_gz(path));
  auto bytes = read_published_bytes(path);
  if (!bytes) {
    report.error(file, 0, 0, "", bytes.error().message);
    return bytes.error();
  }
  CsvReader reader(*bytes);
  CsvRecord rec;
  if (!reader.next(rec) || !rec.ok()) {
    report.error(file, 1, 0, "", rec.ok() ? "the file is empty" : rec.error);
    return invalid(report.format());
  }
  const Columns c = find_columns(rec.fields);
  if (auto s = check_columns(c, true, file, report); !s) return s.error();
  FactorFile out;
  Skipped skipped;
  while (reader.next(rec)) {
    if (!rec.ok()) {
      report.error(file, rec.error_line, rec.error_column, "", rec.error);
      continue;
    }
    if (rec.is_blank()) continue;
    ++report.rows_read;
    auto cell = [&](int col) -> std::string {
      return col >= 0 && col < static_cast<int>(rec.fields.size()) ? rec.fields[col] : std::string();
    };
    auto problem = [&](int col, const char* field, std::string message) {
      report.error(file, rec.line, col + 1, field, std::move(message));
    };
    if (auto f = read_row(c, true, cell, problem, skipped)) {
      f->year = c.year;
      out.factors.push_back(std::move(*f));
    }
  }
  if (!report.ok()) return invalid(report.format());
  out.set.year = c.year;
  out.set.note = skipped.note();
  if (!out.set.note.empty()) out.set.note += "; ";
  out.set.note += "units renamed by cfkg mapped back to the flat file's spelling";
  return out;
}

}  // namespace

std::optional<UnitAndText> cfkg_unit(std::string_view unit, std::string_view column_text) {
  unit = trim_right(unit);
  if (unit == "kilowatt hour") {
    if (column_text == "Gross CV") return UnitAndText{"kWh (Gross CV)", ""};
    if (column_text == "Net CV") return UnitAndText{"kWh (Net CV)", ""};
    return UnitAndText{"kWh", std::string(column_text)};
  }
  static const std::map<std::string_view, std::string_view> kUnits = {
      {"tonne", "tonnes"},         {"litre", "litres"},
      {"cubic metre", "cubic metres"}, {"gigajoule", "GJ"},
      {"kilogram", "kg"},          {"kilometre", "km"},
      {"mile", "miles"},           {"tonne.km", "tonne.km"},
      {"million litres", "million litres"}, {"passenger.km", "passenger.km"},
      {"Room per night", "Room per night"}, {"per FTE Working Hour", "per FTE Working Hour"},
  };
  auto it = kUnits.find(unit);
  if (it == kUnits.end()) return std::nullopt;
  return UnitAndText{std::string(it->second), std::string(column_text)};
}

Result<FactorFile> read_factor_file(const std::string& path, IngestReport& report) {
  const std::string kind = spreadsheet_kind(path);
  auto file = kind == "xlsx" ? read_xlsx(path, report) : read_csv(path, report);
  if (!file) return file;
  if (file->factors.empty()) {
    report.error(base_name(path), 0, 0, "", "no factors in the file");
    return invalid(report.format());
  }
  file->set.file_name = base_name(without_gz(path));
  // The SHA-256 of the bytes as published (a .gz copy is inflated first).
  auto published = read_published_bytes(path);
  if (!published) return published.error();
  file->set.sha256 = sha256_hex(*published);
  file->set.row_count = static_cast<int64_t>(file->factors.size());
  return file;
}

}  // namespace lgb::carbon
