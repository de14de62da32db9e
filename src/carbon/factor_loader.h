// Loading factor years into the store: one file with its provenance, or
// every file a factor manifest names (data/ghg_conversion_factors/
// factor_sets.csv: path,publisher,source_url,published_on,licence; paths
// relative to the manifest). Each year loads whole or not at all; a year
// already loaded from the same bytes is skipped, from other bytes refused.
// Functions over a CarbonStore; thread-safe as the store is.
#pragma once

#include <string>
#include <vector>

#include "core/ghg_factor.h"
#include "core/result.h"
#include "ingest/ingest_report.h"
#include "store/carbon.h"

namespace lgb::carbon {

struct FactorSource {
  std::string path;
  std::string publisher, source_url, published_on, licence;
};

struct LoadedYear {
  FactorSet set;
  bool skipped = false;  // already loaded from the same bytes
};

Result<LoadedYear> load_factor_file(CarbonStore& store, const FactorSource& source,
                                    const std::string& loaded_by, IngestReport& report);
// kInvalidArgument naming the manifest row for a malformed manifest.
Result<std::vector<FactorSource>> read_factor_manifest(const std::string& path);

}  // namespace lgb::carbon
