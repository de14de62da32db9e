// Release: the provenance of one loaded file, and the observations it holds.
// Every stored value belongs to exactly one release; nothing is overwritten.
// Plain value types; no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/area.h"
#include "core/metric.h"
#include "core/period.h"
#include "core/value.h"

namespace lgb {

struct Release {
  int64_t id = 0;            // assigned by the store
  std::string publisher;
  std::string source_url;
  std::string file_name;     // as given to ingest (basename)
  std::string format;        // reader used: tidy, ons-els, trafford, register, ...
  std::string sha256;        // of the file bytes, lower-case hex
  std::string published_on;  // ISO date the publisher released it, may be empty
  std::string loaded_at;     // ISO 8601 UTC timestamp, set by the store
  std::string loaded_by;
  std::string licence;
  int64_t row_count = 0;     // observations in this release
};

struct Observation {
  std::string area_code;
  std::string metric_id;
  std::string period_id;
  Value value;
};

// Everything one file contributes, loaded in one transaction.
struct ReleaseBatch {
  Release release;
  std::vector<Area> areas;       // register files
  std::vector<Metric> metrics;   // catalogue files
  std::vector<Period> periods;   // every period the observations use
  std::vector<Observation> observations;
};

}  // namespace lgb
