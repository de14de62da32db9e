// Verification that the store holds exactly what a source file says: the file
// is read again with the reader it was loaded with, and every value (area,
// metric, period; published text, marker text, note) is compared with the
// release that holds the file's bytes. What `lgbench verify` runs for each
// file of a manifest. Thread-safe as far as the Store is.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ingest/pipeline.h"
#include "store/store.h"

namespace lgb {

struct VerifyResult {
  std::string file;
  int64_t release_id = 0;  // 0 when the file's bytes were never loaded
  int64_t values = 0;      // values in the file
  int64_t mismatches = 0;
  std::vector<std::string> problems;  // the first few, one line each
};

VerifyResult verify_source(const SourceSpec& spec, Store& store);

}  // namespace lgb
