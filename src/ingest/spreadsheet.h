// Spreadsheets as publishers release them: one sheet of an Office Open XML
// workbook (.xlsx) or an OpenDocument spreadsheet (.ods), read with libzip and
// pugixml into rows of cell text. A cell's text is its stored value as the
// file holds it: the shared or inline string; for a number the value the
// file stores (xlsx <v>, ods office:value), not the rounded display.
// Guards: an entry larger than kMaxXmlBytes uncompressed (a zip bomb, or a
// sheet too large for a recipe) is refused before it is inflated, and again
// while inflating whatever its header claims.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace lgb {

struct SheetRow {
  int64_t number = 0;              // 1-based row number in the sheet
  std::vector<std::string> cells;  // cells[0] is column A; trailing empty cells dropped
};

struct Sheet {
  std::string name;
  std::vector<SheetRow> rows;  // rows with at least one non-empty cell, in order
};

// Which sheet: by name, or by 1-based position when name is empty (0: the first).
struct SheetSelector {
  std::string name;
  int index = 0;
};

inline constexpr int64_t kMaxXmlBytes = 64ll << 20;

// kInvalidArgument naming the file and what is wrong (not a zip, no such
// sheet, listing the sheets there are; an entry too large; malformed XML).
Result<Sheet> read_xlsx_sheet(const std::string& path, const SheetSelector& which);
Result<Sheet> read_ods_sheet(const std::string& path, const SheetSelector& which);

// "xlsx", "ods" or "" from a file name's extension (case-insensitive).
std::string spreadsheet_kind(const std::string& path);

}  // namespace lgb
