// Validation of a batch read from one file against what the store already
// holds and what the batch itself brings: every observation's area and metric
// must be known, its period valid, and no (area, metric, period) may appear
// twice; areas must refer only to known areas. Every problem is added to the
// report with file, line, column and field; any error rejects the release.
// Pure function; thread-safe.
#pragma once

#include <string>

#include "ingest/ingest_report.h"
#include "ingest/reader.h"

namespace lgb {

void validate_batch(const ReadResult& read, const KnownRegister& known, const std::string& file,
                    IngestReport& report);

}  // namespace lgb
