// Catalog: an immutable snapshot of the store's areas, metrics, periods and
// releases with lookup maps, shared by handlers and the CLI. Built once per
// store generation and held by shared_ptr, so readers never lock.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/area.h"
#include "core/metric.h"
#include "core/period.h"
#include "core/release.h"
#include "core/result.h"
#include "store/store.h"

namespace lgb::api {

// Changes whenever a release is loaded (by this or another process).
struct Generation {
  int64_t releases = 0;
  int64_t max_release_id = 0;
  friend bool operator==(const Generation&, const Generation&) = default;
};

struct Catalog {
  Generation generation;
  std::vector<Area> areas;        // sorted by code
  std::vector<Metric> metrics;    // sorted by id
  std::vector<Period> periods;    // sorted by sort key
  std::vector<Release> releases;  // sorted by id
  int64_t value_count = 0;        // sum of release row counts

  const Area* find_area(const std::string& code) const;
  const Metric* find_metric(const std::string& id) const;
  const Period* find_period(const std::string& id) const;
  const Release* find_release(int64_t id) const;

  std::unordered_map<std::string, size_t> area_index;
  std::unordered_map<std::string, size_t> metric_index;
  std::unordered_map<std::string, size_t> period_index;
};

// Reads the current generation (one cheap store call).
Result<Generation> read_generation(Store& store);

// Reads everything and builds the lookup maps.
Result<std::shared_ptr<const Catalog>> load_catalog(Store& store);

}  // namespace lgb::api
