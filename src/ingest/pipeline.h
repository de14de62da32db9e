// The ingest pipeline: read a publisher file with the reader for its format,
// validate every row against the store's register and catalogue, and load the
// whole release in one transaction, or reject it whole with a report.
// Thread-safety: functions are re-entrant; the Store serialises writers.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/release.h"
#include "core/result.h"
#include "ingest/ingest_report.h"
#include "store/store.h"

namespace lgb {

// One file to load and what is known of it beyond its bytes.
struct SourceSpec {
  std::string path;       // file on disk
  std::string format;     // tidy | metrics-catalogue | ons-els | trafford |
                          // register-mysociety | ons-ltla-lookup | ons-la-changes | recipe
  std::string recipe;     // format recipe: the recipe file (docs/recipes.md)
  std::string publisher;  // may be empty: some readers find it in metadata
  std::string source_url;
  std::string published_on;  // ISO date; may be empty
  std::string licence;
  std::string loaded_by;
};

// The formats above, for --help and error messages.
std::vector<std::string> supported_formats();

// Reads data/sources.csv-style manifests: path,format,publisher,source_url,
// published_on,licence[,loaded_by][,recipe]. Relative paths (of files and
// recipes) are resolved against the manifest's folder. Errors go into report.
std::vector<SourceSpec> read_manifest(const std::string& path, IngestReport& report);

// The format a release of this file records: spec.format, or for a recipe
// "recipe:<recipe file name>@<first 12 hex digits of its SHA-256>", so the
// same file read with a changed recipe is a new release.
Result<std::string> release_format(const SourceSpec& spec);

enum class IngestOutcome { kLoaded, kAlreadyLoaded, kRejected };

struct IngestResult {
  IngestOutcome outcome = IngestOutcome::kRejected;
  int64_t release_id = 0;  // the new release, or the one already holding this file
  IngestReport report;
};

// progress(rows_done) is called now and then while reading; may be empty.
IngestResult ingest_file(const SourceSpec& spec, Store& store,
                         const std::function<void(int64_t)>& progress = {});

}  // namespace lgb
