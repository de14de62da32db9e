// The derived ratios that come with the catalogue (data/catalogue/ratios.csv):
// rates and shares of the bundled counts (vehicles per 1,000 residents, ultra
// low emission vehicles as a share of licensed vehicles, ...), so that
// comparisons and the outlier scan have size-independent measures. The
// commands that build the engine read them here and hand them to the
// snapshot, which computes them like any ratio (docs/methods.md).
// Pure function; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "ingest/ingest_report.h"
#include "store/store.h"

namespace lgb {

// Columns: id, title, numerator_metric, denominator_metric, scale, polarity,
// unit, decimals, measure. Every problem goes to the report as
// file:line:column: field: message; on any problem nothing is returned.
std::vector<RatioDefinition> read_ratio_catalogue(const std::string& path, IngestReport& report);

}  // namespace lgb
