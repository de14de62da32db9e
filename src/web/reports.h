// Themed reports defined as data: each JSON file in <data-dir>/reports is one
// report (id, title, summary, sections of metric ids). A new report needs a
// new file, no code. Loaded once at start-up; immutable afterwards.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace lgb::web {

struct ReportSection {
  std::string title;
  std::string summary;
  std::vector<std::string> metrics;  // metric ids, in display order
};

struct Report {
  std::string id;       // from the file name: waste.json -> "waste"
  std::string title;
  std::string summary;
  std::string source_file;  // for error messages
  std::vector<ReportSection> sections;
};

// Reads every *.json in dir, sorted by id. A malformed file is an error naming
// the file and the field. A missing dir gives no reports.
Result<std::vector<Report>> load_reports(const std::string& dir);

}  // namespace lgb::web
