// Synthetic published footprints for the demo, so a council that publishes
// its own year can see where it ranks among neighbours before any real
// neighbour has published. Every value is labelled: the release's publisher
// and each value's note say SYNTHETIC, not a real council figure. A
// council's own publication later replaces its synthetic value (a new
// revision; the synthetic one is kept as history).
// Functions over a Store; thread-safe as the store is.
#pragma once

#include <string>

#include "core/release.h"
#include "core/result.h"
#include "store/store.h"

namespace lgb::carbon {

inline constexpr const char* kSyntheticPublisher =
    "lgbench SYNTHETIC demo data (not real council figures)";

// For every current English council with a resident population and no
// published carbon value for the period: total, scopes 1-3 and per resident,
// drawn deterministically from the area code (about 40 to 120 kg CO2e per
// resident, a typical range for councils' own operations).
Result<ReleaseBatch> synthetic_demo_release(Store& store, const std::string& period_id);

}  // namespace lgb::carbon
