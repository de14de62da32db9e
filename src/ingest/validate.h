// Validation of what a reader finds in one file against what the store
// already holds and what the file itself brings: every observation's area
// and metric must be known and its value present; areas must refer only to
// known areas. Every problem is added to the report with file, line (or
// sheet cell), column and field; any error rejects the release. Duplicate
// keys are caught by the store as the release is written (ReleaseWriter).
// Not thread-safe; one checker per file.
#pragma once

#include <string>
#include <unordered_set>

#include "ingest/ingest_report.h"
#include "ingest/reader.h"

namespace lgb {

// Reports a problem at a line (or sheet row) and 0-based column (-1: the
// row as a whole) of the file read.
void report_at(const ReadResult& read, const std::string& file, IngestReport& report,
               int64_t line, int32_t column, std::string message);

// The areas the file brings: each defined once, and the regions, parents
// and successors they name known (to the store or the file).
void validate_areas(const ReadResult& read, const KnownRegister& known, const std::string& file,
                    IngestReport& report);

class ObservationChecker {
 public:
  ObservationChecker(const KnownRegister& known, std::string file, IngestReport& report)
      : known_(known), file_(std::move(file)), report_(report) {}

  // What the file has brought so far counts as known.
  void area_added(const std::string& code) { areas_.insert(code); }
  void metric_added(const std::string& id) { metrics_.insert(id); }
  // False (and reported) when the observation cannot be stored.
  // read: the reader's result so far (header, sheet, periods).
  bool check(const ReadResult& read, const Observation& o, const ObservationSource& source);

 private:
  const KnownRegister& known_;
  std::string file_;
  IngestReport& report_;
  std::unordered_set<std::string> areas_, metrics_;
};

}  // namespace lgb
