// Recipe: a declarative description (TOML, docs/recipes.md) of how one shape
// of publisher file maps to metrics: where the table is (sheet, cell range,
// rows to skip, header rows), which columns hold the area, period, metric and
// value, long or wide layout, how the publisher writes periods, markers,
// thousands separators, percent signs and footnote marks, and the metadata of
// each metric. A new file shape needs a recipe, not code.
// Plain value types; load_recipe is a pure function of the file; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/metric.h"
#include "core/result.h"
#include "core/value.h"
#include "ingest/ingest_report.h"
#include "ingest/period_formats.h"
#include "ingest/spreadsheet.h"

namespace lgb {

enum class RecipeLayout {
  kLong,         // one value per row: [columns].value, the period in a column or fixed
  kWidePeriods,  // one column per period: every header the period format reads
  kWideMetrics,  // one column per metric: [[metrics]].column
};

// Rows whose cells equal these texts (column header -> accepted texts).
using RowFilter = std::map<std::string, std::vector<std::string>>;

struct MetricRecipe {
  Metric metric;         // id, title, ... (metadata for a metric new to the store)
  std::string match;     // long with a metric column: the text naming this metric
  std::string column;    // wide-metrics: the header of its value column
  std::string value;     // long: a value column of its own (default [columns].value)
  RowFilter where;       // long: only rows that also match these
  double scale = 1.0;    // number = published number x scale (0.367 -> 36.7 %); text kept
};

struct Recipe {
  std::string path;  // the recipe file, for messages

  // [source]: provenance of the releases (the manifest or command line wins).
  std::string publisher, source_url, published_on, licence;

  // [table]
  std::string format;  // "csv", "xlsx", "ods" or "" (from the file's extension)
  SheetSelector sheet;
  std::string range;       // "A5:K400"; empty: the whole sheet
  int64_t skip_rows = 0;   // rows (lines) above the header to skip
  int64_t header_rows = 1; // rows that together name the columns

  RecipeLayout layout = RecipeLayout::kLong;
  // [columns]: header names.
  std::string area, period, metric, value, status, note;
  std::string fixed_period;  // [columns].period_value: one period for the whole file
  PeriodFormat period_format = PeriodFormat::kAuto;

  // [rows]
  RowFilter where;                          // keep only rows matching all of these
  std::vector<std::string> skip_area_prefixes;  // e.g. W, S, N: other nations
  std::vector<std::string> skip_areas;          // exact codes, e.g. a shared service
  bool skip_unknown_areas = false;          // codes not in the register: skip, counted

  // [values]
  std::map<std::string, Marker> markers;    // published text -> marker (adds to the GSS symbols)
  bool blank_is_marker = false;             // markers[""] given: a blank cell is that marker
  std::string thousands_separator;          // "," : "12,345" reads as 12345
  bool percent_sign = false;                // "45%" reads as 45
  std::vector<std::string> footnote_marks;  // trailing marks ("*", "†") read into the note
  std::vector<std::string> strip_prefixes;  // leading symbols such as "£"

  std::vector<MetricRecipe> metrics;
};

// Reads and checks a recipe; every problem goes into report (file, line,
// column of the TOML, and the key). nullopt when there was any.
std::optional<Recipe> load_recipe(const std::string& path, IngestReport& report);
// The same for a recipe's text already in memory; path names it in messages.
std::optional<Recipe> parse_recipe(std::string_view text, const std::string& path,
                                   IngestReport& report);

}  // namespace lgb
