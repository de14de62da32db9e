// Synthetic national-scale data: a deterministic, seeded cube of metrics x
// councils x financial years written in the tidy format (a metrics catalogue
// CSV and an observations CSV), realistic enough to test scale: skewed and
// bounded distributions, persistent good/bad councils, trends, polarity mix,
// suppressed values and gaps. Ids start "synth-"; publisher says "not real".
// Thread-safety: re-entrant; no shared state.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace lgb {

struct SynthOptions {
  int metrics = 12500;
  std::vector<std::string> area_codes;  // the councils to cover, e.g. all current ones
  int periods = 10;                     // financial years ending with last_year
  int last_year = 2024;                 // start year of the last one: fy2024-25
  uint64_t seed = 1;
  double suppressed_share = 0.015;      // status c, empty value
  double gap_share = 0.03;              // row absent
};

struct SynthSummary {
  std::string catalogue_path;     // <out_dir>/synthetic-metrics.csv
  std::string observations_path;  // <out_dir>/synthetic-observations.csv
  int64_t metrics = 0;
  int64_t rows = 0;        // observation rows written
  int64_t suppressed = 0;  // rows with status c
  int64_t gaps = 0;        // (metric, area, period) left out
};

// Writes both files into out_dir (which must exist). The same options give
// byte-identical files; every value depends only on (seed, metric, area
// position, period), never on iteration order.
Result<SynthSummary> write_synthetic_cube(const SynthOptions& options, const std::string& out_dir);

// The deterministic generator, exposed for tests: splitmix64 finaliser.
uint64_t synth_mix(uint64_t x);

}  // namespace lgb
