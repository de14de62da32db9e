// The freshness report: for each metric, its latest release's publication
// and load dates, days since publication and whether it was loaded within
// the target of 5 working days (England and Wales bank holidays excluded);
// overall, the share of dated releases loaded within the target and how
// many metrics were updated in the last 30 days. Computed from the store's
// releases and release_metrics; pure function of its inputs; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/working_days.h"
#include "store/store.h"

namespace lgb {

inline constexpr int64_t kFreshnessTargetWorkingDays = 5;

struct MetricFreshness {
  std::string metric_id;
  int64_t release_id = 0;         // the latest release holding the metric
  std::string publisher;
  std::string published_on;       // may be empty (unknown)
  std::string loaded_on;          // ISO date of the load
  std::optional<int64_t> days_since_publication;
  std::optional<int64_t> working_days_to_load;
  std::optional<bool> within_target;  // unknown without a publication date
};

struct FreshnessReport {
  std::string as_of;  // the day the report is for (ISO date)
  int64_t target_working_days = kFreshnessTargetWorkingDays;
  std::vector<MetricFreshness> metrics;  // by metric id
  int64_t metric_count = 0;
  int64_t metrics_updated_last_30_days = 0;  // latest load within 30 days of as_of
  int64_t releases = 0;                      // releases holding values
  int64_t releases_dated = 0;                // of them, with a publication date
  int64_t releases_within_target = 0;
  std::optional<double> share_within_target;  // of dated releases
  int calendar_first_year = 0, calendar_last_year = 0;
  std::vector<std::string> warnings;  // e.g. a date outside the holiday list
};

// as_of: ISO date; empty means today (UTC).
Result<FreshnessReport> compute_freshness(Store& store, const WorkingDays& calendar,
                                          const std::string& as_of = "");

}  // namespace lgb
