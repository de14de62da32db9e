// Dataset: the table behind a page, as its downloads carry it. Every page
// that shows figures also builds one, and <page path>/data.csv|xlsx|json
// serves it with the page's own query string, so a download always matches
// what the page showed. Each carries its sources, licences and attribution:
// CSV as columns on every row, JSON as fields, XLSX on a cover sheet.
// Plain value types and stateless encoders; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/csv_encoder.h"
#include "api/http.h"
#include "core/metric.h"
#include "core/result.h"

namespace lgb::web {

struct DataSource {
  std::string publisher;
  std::string licence;
  std::string url;
  friend bool operator==(const DataSource&, const DataSource&) = default;
};

struct DataSheet {
  std::string name;                // sheet name (XLSX, at most 31 characters)
  std::string title;               // one line describing the table
  api::Table table;                // header + rows of text
  std::vector<bool> numeric;       // per column: write numbers as numbers in XLSX
};

struct Dataset {
  std::string title;               // "Leeds compared with its nearest neighbours"
  std::string file_stem;           // "lgbench-leeds-neighbours"
  std::string page_url;            // the page this data came from
  std::vector<std::string> notes;  // what blanks and markers mean, group, period
  std::vector<DataSource> sources;
  std::vector<DataSheet> sheets;   // the first is the main table (CSV)

  void add_source(const Metric& m);
};

// Text of the attribution line every download carries.
std::string attribution(const Dataset& d);

enum class DownloadFormat { kCsv, kXlsx, kJson };
// "data.csv" -> kCsv, ...; nullopt for anything else.
std::optional<DownloadFormat> parse_download_name(std::string_view file);

// The response for one format, with a Content-Disposition file name.
Result<api::Response> download_response(const Dataset& d, DownloadFormat f);

// The XLSX bytes: Cover_sheet, Notes, then one sheet per table. Text cells are
// always written as strings, never formulas. (xlsx.cpp)
Result<std::string> encode_xlsx(const Dataset& d);

}  // namespace lgb::web
