// The recipe reader: any publisher table (CSV, or one sheet of an .xlsx or
// .ods workbook) read as its recipe (ingest/recipe.h, docs/recipes.md) says.
// Every value keeps its published text; the number is read from it after
// the recipe's thousands separator, percent sign, currency prefix and
// footnote marks are set aside; markers keep their published text.
#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "core/excerpt.h"
#include "core/value.h"
#include "ingest/csv_reader.h"
#include "ingest/file_bytes.h"
#include "ingest/published_value.h"
#include "ingest/reader.h"
#include "ingest/recipe.h"
#include "ingest/spreadsheet.h"
#include "ingest/statistical_geography.h"

namespace lgb {
namespace {

constexpr int64_t kProgressEvery = 10000;

// Header names and filter texts compare with runs of white space as one
// space and no space at either end: publishers break long headers over lines.
std::string normalise(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

struct CellRange {
  int64_t col_lo = 1, col_hi = INT64_MAX, row_lo = 1, row_hi = INT64_MAX;
};

CellRange parse_range(const std::string& range) {
  CellRange r;
  if (range.empty()) return r;
  auto cell = [](std::string_view c, int64_t& col, int64_t& row) {
    size_t i = 0;
    col = 0;
    while (i < c.size() && std::isupper(static_cast<unsigned char>(c[i])))
      col = col * 26 + (c[i++] - 'A' + 1);
    row = std::stoll(std::string(c.substr(i)));
  };
  size_t colon = range.find(':');
  cell(std::string_view(range).substr(0, colon), r.col_lo, r.row_lo);
  cell(std::string_view(range).substr(colon + 1), r.col_hi, r.row_hi);
  if (r.col_hi < r.col_lo) std::swap(r.col_hi, r.col_lo);
  if (r.row_hi < r.row_lo) std::swap(r.row_hi, r.row_lo);
  return r;
}

// Rows of cells from a CSV file or a sheet, cut to the recipe's range; cells
// are indexed from column 1 of the file (so a column index is where the
// publisher's reader will look), those left of the range empty.
class Grid {
 public:
  Grid(std::string_view csv, std::string file, IngestReport& report, CellRange range,
       std::function<void(size_t)> consumed)
      : csv_(std::make_unique<CsvReader>(csv)), file_(std::move(file)), report_(report),
        range_(range) {
    if (consumed) csv_->on_consumed(std::move(consumed));
  }
  Grid(Sheet sheet, std::string file, IngestReport& report, CellRange range)
      : sheet_(std::move(sheet)), file_(std::move(file)), report_(report), range_(range) {}

  // Next row inside the range; malformed CSV records are reported and skipped.
  bool next(int64_t& number, std::vector<std::string>& cells) {
    for (;;) {
      if (csv_) {
        if (!csv_->next(rec_)) return false;
        if (!rec_.ok()) {
          report_.error(file_, rec_.error_line, rec_.error_column, "", rec_.error);
          continue;
        }
        number = rec_.line;
        cells.swap(rec_.fields);
      } else {
        if (next_ >= sheet_.rows.size()) return false;
        number = sheet_.rows[next_].number;
        cells = std::move(sheet_.rows[next_].cells);
        ++next_;
      }
      if (number < range_.row_lo) continue;
      if (number > range_.row_hi) return false;
      if (static_cast<int64_t>(cells.size()) > range_.col_hi)
        cells.resize(static_cast<size_t>(range_.col_hi));
      for (int64_t c = 0; c < range_.col_lo - 1 && c < static_cast<int64_t>(cells.size()); ++c)
        cells[static_cast<size_t>(c)].clear();
      return true;
    }
  }

  // col is 0-based from column A / the first CSV field.
  void error(int64_t row, int col, const std::string& field, std::string message) {
    int64_t column = col < 0 ? 0 : col + 1;
    if (csv_)
      report_.error(file_, row, column, field, std::move(message));
    else
      report_.sheet_error(file_, sheet_.name, row, column, field, std::move(message));
  }
  const std::string& sheet_name() const { return sheet_.name; }

 private:
  std::unique_ptr<CsvReader> csv_;
  CsvRecord rec_;
  Sheet sheet_;
  size_t next_ = 0;
  std::string file_;
  IngestReport& report_;
  CellRange range_;
};

struct Counts {
  int64_t no_area = 0, other_nation = 0, filtered = 0, blank_values = 0;
  std::map<std::string, int64_t> unknown_areas, unmatched_metrics;
};

void add_notes(const std::string& file, const Counts& c, IngestReport& report) {
  auto note = [&](int64_t n, const std::string& what) {
    if (n > 0) report.notes.push_back(file + ": skipped " + std::to_string(n) + " " + what);
  };
  note(c.no_area, "rows without an area code (titles, notes, totals)");
  note(c.other_nation,
       "rows for areas the recipe leaves out (rows.skip_area_prefixes, rows.skip_areas)");
  note(c.filtered, "rows not matching rows.where");
  note(c.blank_values, "blank cells (no value published)");
  auto listed = [&](const std::map<std::string, int64_t>& m, const std::string& what) {
    if (m.empty()) return;
    int64_t rows = 0;
    std::string list;
    size_t shown = 0;
    for (const auto& [k, n] : m) {
      rows += n;
      if (shown++ < 10) list += (list.empty() ? "'" : ", '") + k + "'";
    }
    if (m.size() > 10) list += ", ...";
    report.notes.push_back(file + ": skipped " + std::to_string(rows) + " rows " + what + ": " +
                           list);
  };
  listed(c.unknown_areas, "for areas not in the register (rows.skip_unknown_areas)");
  listed(c.unmatched_metrics, "whose metric no [[metrics]] matches");
}

class RecipeRun {
 public:
  RecipeRun(const ReaderInput& in, const Recipe& r, Grid& grid, ReadResult& out,
            IngestReport& report)
      : in_(in), r_(r), grid_(grid), out_(out), report_(report) {}

  void run() {
    if (!read_header()) return;
    for (const MetricRecipe& m : r_.metrics)
      if (!in_.known.metric_ids.count(m.metric.id)) out_.add_metric(m.metric, 0);
    int64_t number = 0, rows = 0;
    std::vector<std::string> cells;
    while (grid_.next(number, cells)) {
      bool blank = std::all_of(cells.begin(), cells.end(), [](const auto& c) { return c.empty(); });
      if (blank) continue;
      ++report_.rows_read;
      if (in_.progress && ++rows % kProgressEvery == 0) in_.progress(rows);
      row(number, cells);
    }
    add_notes(in_.file, counts_, report_);
    if (!ignored_columns_.empty())
      report_.notes.push_back(in_.file + ": columns not read (not a period): " + ignored_columns_);
  }

 private:
  const std::string& cell(const std::vector<std::string>& cells, int col) const {
    static const std::string kEmpty;
    return col >= 0 && static_cast<size_t>(col) < cells.size() ? cells[static_cast<size_t>(col)]
                                                              : kEmpty;
  }

  // Header rows: a column's name joins its non-empty cells; an upper header
  // cell left blank takes the one to its left (a merged title cell).
  bool read_header() {
    int64_t number = 0;
    std::vector<std::string> cells;
    for (int64_t i = 0; i < r_.skip_rows; ++i)
      if (!grid_.next(number, cells)) break;
    std::vector<std::vector<std::string>> rows;
    int64_t last = 0;
    while (static_cast<int64_t>(rows.size()) < r_.header_rows && grid_.next(number, cells)) {
      rows.push_back(cells);
      last = number;
    }
    if (static_cast<int64_t>(rows.size()) < r_.header_rows) {
      grid_.error(number, -1, "", "the table ends before its header row (check table.skip_rows, "
                                  "table.range and table.sheet)");
      return false;
    }
    header_line_ = last;
    size_t width = 0;
    for (const auto& row : rows) width = std::max(width, row.size());
    header_.assign(width, "");
    for (size_t h = 0; h < rows.size(); ++h) {
      std::string carry;
      for (size_t c = 0; c < width; ++c) {
        std::string text = c < rows[h].size() ? normalise(rows[h][c]) : "";
        if (h + 1 < rows.size()) {
          if (text.empty()) text = carry;
          carry = text;
        }
        if (text.empty()) continue;
        header_[c] += (header_[c].empty() ? "" : " ") + text;
      }
    }
    out_.header = header_;
    bool ok = true;
    auto need = [&](const std::string& name, const std::string& key) {
      if (name.empty()) return -1;
      int found = -1;
      for (size_t c = 0; c < header_.size(); ++c)
        if (header_[c] == normalise(name)) {
          if (found >= 0) {
            grid_.error(header_line_, static_cast<int>(c), header_[c],
                        "column '" + name + "' (" + key + ") appears twice in the header");
            ok = false;
          }
          found = static_cast<int>(c);
        }
      if (found < 0) {
        std::string list;
        for (const auto& h : header_)
          if (!h.empty()) list += (list.empty() ? "'" : ", '") + h + "'";
        grid_.error(header_line_, -1, name,
                    "column '" + name + "' (" + key + " in " + r_.path +
                        ") is not in the header; the header has " + list);
        ok = false;
      }
      return found;
    };
    c_area_ = need(r_.area, "columns.area");
    c_period_ = need(r_.period, "columns.period");
    c_metric_ = need(r_.metric, "columns.metric");
    c_value_ = need(r_.value, "columns.value");
    c_status_ = need(r_.status, "columns.status");
    c_note_ = need(r_.note, "columns.note");
    auto filters = [&](const RowFilter& f, const std::string& key,
                       std::vector<std::pair<int, std::set<std::string>>>& out) {
      for (const auto& [col, texts] : f) {
        int c = need(col, key);
        std::set<std::string> accepted;
        for (const auto& t : texts) accepted.insert(normalise(t));
        out.emplace_back(c, std::move(accepted));
      }
    };
    filters(r_.where, "rows.where", where_);
    metric_where_.resize(r_.metrics.size());
    metric_value_.assign(r_.metrics.size(), c_value_);
    for (size_t i = 0; i < r_.metrics.size(); ++i) {
      const MetricRecipe& m = r_.metrics[i];
      const std::string p = "metrics[" + std::to_string(i + 1) + "].";
      filters(m.where, p + "where", metric_where_[i]);
      if (!m.value.empty()) metric_value_[i] = need(m.value, p + "value");
      if (r_.layout == RecipeLayout::kWideMetrics) metric_value_[i] = need(m.column, p + "column");
      if (!m.match.empty()) by_match_[normalise(m.match)].push_back(i);
    }
    if (!r_.fixed_period.empty()) {
      auto p = parse_published_period(r_.fixed_period, r_.period_format);
      if (p) fixed_ = canonical_period(*p);
    }
    if (r_.layout == RecipeLayout::kWidePeriods) {
      std::set<int> named = {c_area_, c_metric_, c_status_, c_note_};
      for (const auto& [c, t] : where_) named.insert(c);
      for (size_t c = 0; c < header_.size(); ++c) {
        if (header_[c].empty() || named.count(static_cast<int>(c))) continue;
        auto p = parse_published_period(header_[c], r_.period_format);
        if (p) {
          period_columns_.emplace_back(static_cast<int>(c), canonical_period(*p));
        } else {
          ignored_columns_ += (ignored_columns_.empty() ? "'" : ", '") + header_[c] + "'";
        }
      }
      if (period_columns_.empty()) {
        grid_.error(header_line_, -1, "",
                    "no header of this wide-periods table reads as a period (" +
                        std::string("columns.period_format in ") + r_.path + ")");
        ok = false;
      }
    }
    return ok;
  }

  bool matches(const std::vector<std::pair<int, std::set<std::string>>>& filters,
               const std::vector<std::string>& cells) const {
    for (const auto& [c, accepted] : filters)
      if (!accepted.count(normalise(cell(cells, c)))) return false;
    return true;
  }

  void row(int64_t number, const std::vector<std::string>& cells) {
    if (!matches(where_, cells)) {
      ++counts_.filtered;
      return;
    }
    const std::string code(trim(cell(cells, c_area_)));
    if (code.empty()) {
      ++counts_.no_area;
      return;
    }
    for (const auto& prefix : r_.skip_area_prefixes)
      if (code.rfind(prefix, 0) == 0) {
        ++counts_.other_nation;
        return;
      }
    if (std::find(r_.skip_areas.begin(), r_.skip_areas.end(), code) != r_.skip_areas.end()) {
      ++counts_.other_nation;
      return;
    }
    if (!in_.known.find_area(code) && !added_areas_.count(code)) {
      if (auto type = statistical_geography_type(code)) {
        Area a;
        a.code = code;
        a.name = code;
        a.type = *type;
        out_.add_area(std::move(a), number);
        added_areas_.insert(code);
      } else if (r_.skip_unknown_areas) {
        ++counts_.unknown_areas[code];
        return;
      }
    }
    // Which metrics this row holds.
    std::vector<size_t> metrics;
    if (c_metric_ >= 0) {
      auto it = by_match_.find(normalise(cell(cells, c_metric_)));
      if (it == by_match_.end()) {
        ++counts_.unmatched_metrics[normalise(cell(cells, c_metric_))];
        return;
      }
      for (size_t i : it->second)
        if (matches(metric_where_[i], cells)) metrics.push_back(i);
    } else {
      for (size_t i = 0; i < r_.metrics.size(); ++i)
        if (matches(metric_where_[i], cells)) metrics.push_back(i);
    }
    if (metrics.empty()) {
      ++counts_.filtered;
      return;
    }
    if (r_.layout == RecipeLayout::kWidePeriods) {
      for (size_t i : metrics)
        for (const auto& [col, period] : period_columns_) observe(number, cells, i, col, period, col);
      return;
    }
    Period period;
    if (c_period_ >= 0) {
      auto p = parse_published_period(cell(cells, c_period_), r_.period_format);
      if (!p) {
        grid_.error(number, c_period_, header_[static_cast<size_t>(c_period_)], p.error().message);
        return;
      }
      period = canonical_period(*p);
    } else {
      period = fixed_;
    }
    for (size_t i : metrics) observe(number, cells, i, metric_value_[i], period, c_period_);
  }

  void observe(int64_t number, const std::vector<std::string>& cells, size_t metric, int col,
               const Period& period, int period_col) {
    Value v;
    std::string why;
    switch (read_published_value(r_, cell(cells, col), v, why)) {
      case CellKind::kBlank:
        ++counts_.blank_values;
        return;
      case CellKind::kError:
        grid_.error(number, col, header_[static_cast<size_t>(col)], why);
        return;
      case CellKind::kValue:
        break;
    }
    if (c_status_ >= 0 && !trim(cell(cells, c_status_)).empty()) {
      std::string status(trim(cell(cells, c_status_)));
      auto m = r_.markers.count(status) ? std::optional(r_.markers.at(status)) : parse_marker(status);
      if (!m) {
        grid_.error(number, c_status_, header_[static_cast<size_t>(c_status_)],
                    "unknown status marker " + quoted_excerpt(status));
        return;
      }
      if (v.has_number() && marker_withholds_value(*m)) {
        grid_.error(number, col, header_[static_cast<size_t>(col)],
                    "value '" + v.text + "' given with status '" + status +
                        "', which withholds the value");
        return;
      }
      v.marker = *m;
      v.marker_text = status;
    }
    if (c_note_ >= 0 && !cell(cells, c_note_).empty()) v.note = cell(cells, c_note_);
    if (v.number && r_.metrics[metric].scale != 1.0) *v.number *= r_.metrics[metric].scale;
    int metric_col = c_metric_ >= 0 ? c_metric_ : col;
    out_.add(Observation{std::string(trim(cell(cells, c_area_))), r_.metrics[metric].metric.id,
                         period.id(), std::move(v)},
             period, ObservationSource{number, c_area_, metric_col, period_col});
  }

  const ReaderInput& in_;
  const Recipe& r_;
  Grid& grid_;
  ReadResult& out_;
  IngestReport& report_;
  std::vector<std::string> header_;
  int64_t header_line_ = 0;
  int c_area_ = -1, c_period_ = -1, c_metric_ = -1, c_value_ = -1, c_status_ = -1, c_note_ = -1;
  std::vector<std::pair<int, std::set<std::string>>> where_;
  std::vector<std::vector<std::pair<int, std::set<std::string>>>> metric_where_;
  std::vector<int> metric_value_;
  std::map<std::string, std::vector<size_t>> by_match_;
  std::vector<std::pair<int, Period>> period_columns_;
  std::string ignored_columns_;
  Period fixed_;
  std::set<std::string> added_areas_;
  Counts counts_;
};

}  // namespace

ReadResult read_recipe(const ReaderInput& in, IngestReport& report) {
  ReadResult out(in);
  if (in.spec.recipe.empty()) {
    report.error(in.file, 0, 0, "", "format 'recipe' needs a recipe file (--recipe)");
    return out;
  }
  auto recipe = load_recipe(in.spec.recipe, report);
  if (!recipe) return out;
  Release& rel = out.batch.release;
  rel.publisher = recipe->publisher;
  rel.source_url = recipe->source_url;
  rel.published_on = recipe->published_on;
  rel.licence = recipe->licence;

  std::string kind =
      recipe->format.empty() ? spreadsheet_kind(without_gz(in.spec.path)) : recipe->format;
  if (kind.empty()) kind = "csv";
  const CellRange range = parse_range(recipe->range);
  std::unique_ptr<Grid> grid;
  if (kind == "csv") {
    grid = std::make_unique<Grid>(in.bytes, in.file, report, range, in.consumed);
  } else {
    auto sheet = kind == "xlsx" ? read_xlsx_sheet(in.spec.path, recipe->sheet)
                                : read_ods_sheet(in.spec.path, recipe->sheet);
    if (!sheet) {
      report.error(in.file, 0, 0, "", sheet.error().message);
      return out;
    }
    out.sheet = sheet->name;
    grid = std::make_unique<Grid>(std::move(*sheet), in.file, report, range);
  }
  out.reserve_for(kind == "csv" ? in.bytes : std::string_view());
  RecipeRun(in, *recipe, *grid, out, report).run();
  return out;
}

}  // namespace lgb
