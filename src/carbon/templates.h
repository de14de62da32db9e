// The templates a council downloads, fills in and uploads: CSV files, one for
// activity lines and one for waste tonnages, or one XLSX workbook with a
// sheet of each. Reading an upload checks every
// row against the factor year (category, factor, numbers, stream-route
// pairs) and collects every problem with its row and column, so a file is
// taken whole or not at all. Rows whose quantity (tonnes) is blank are
// skipped: the activity template lists the common factors of every category
// and the council fills in those it has.
// Pure functions; thread-safe.
#pragma once

#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "carbon/factor_table.h"
#include "core/carbon_inventory.h"
#include "core/result.h"
#include "ingest/ingest_report.h"
#include "ingest/spreadsheet.h"

namespace lgb::carbon {

inline constexpr std::string_view kActivityColumns[] = {
    "category", "description", "level_1",  "level_2",       "level_3",     "level_4",
    "column_text", "unit",     "quantity", "market_factor", "source_note", "evidence_url"};
inline constexpr std::string_view kWasteColumns[] = {"stream", "route", "tonnes"};

// Rows in the templates' columns (the API and web layers write them as CSV
// with the one CSV encoder, api/csv_encoder.h).
using Rows = std::vector<std::vector<std::string>>;
// One row per common factor (quantities blank).
Rows activity_template_rows();
// One row per waste stream of the factor year, on its first published
// route, tonnes blank.
Rows waste_template_rows(const FactorTable& factors);
// The year's own lines (a download to edit and upload again).
Rows activity_rows(const std::vector<ActivityLine>& lines);
Rows waste_rows(const std::vector<WasteLine>& lines);
template <size_t N>
std::vector<std::string> header_of(const std::string_view (&columns)[N]) {
  return std::vector<std::string>(std::begin(columns), std::end(columns));
}

// One table of an upload, from a CSV file or from a sheet of the XLSX
// template: its rows in order, each with its line (CSV) or row number
// (sheet), so a problem is named where the user can find it.
struct UploadTable {
  std::string file;
  std::string sheet;  // empty for a CSV file
  std::vector<SheetRow> rows;
};
// A CSV file's records; malformed ones are reported and left out.
UploadTable csv_table(std::string_view bytes, const std::string& file, IngestReport& report);
// The sheets "Activity" and "Waste" of an XLSX workbook (its bytes), those
// that are there. kInvalidArgument (reported) when it is not a workbook or
// has neither sheet.
Result<std::vector<UploadTable>> workbook_tables(const std::string& bytes, const std::string& file,
                                                 IngestReport& report);
inline constexpr std::string_view kActivitySheet = "Activity";
inline constexpr std::string_view kWasteSheet = "Waste";

// kInvalidArgument when any row has a problem; report says which
// (file:line:column: field: message, or file:Sheet!C7: field: message).
// The header is the first row naming the first column (columns may come in
// any order), so a title above it (as the XLSX template has) is passed over.
Result<std::vector<ActivityLine>> read_activity(const UploadTable& table, const FactorTable& factors,
                                                IngestReport& report);
Result<std::vector<WasteLine>> read_waste(const UploadTable& table, const FactorTable& factors,
                                          IngestReport& report);
// The same from CSV bytes.
Result<std::vector<ActivityLine>> read_activity_csv(std::string_view bytes, const std::string& file,
                                                    const FactorTable& factors, IngestReport& report);
Result<std::vector<WasteLine>> read_waste_csv(std::string_view bytes, const std::string& file,
                                              const FactorTable& factors, IngestReport& report);

// A quantity as people type it: "250000", "250,000", "1.5e3"; thousands
// separators only between digit groups. nullopt when it is not a number.
std::optional<double> parse_quantity(std::string_view text);

}  // namespace lgb::carbon
