// Catalogue queries: areas, metrics, periods, releases, health counts and
// values exactly as published, as one caller may see them. They read the
// same immutable Snapshot as the benchmarking queries (engine/queries.h), so
// a page or response never mixes two generations of the store, and
// visibility is decided here and in the snapshot only: a metric the caller
// may not see is absent from every list and kNotFound by id; a release is
// listed only if it holds a value the caller may see (or no values at all),
// and its row count counts only those values.
// Errors: kInvalidArgument (HTTP 400) for malformed parameters, kNotFound
// (404) for unknown or hidden ids.
// Thread-safety: pure functions of a const Snapshot (fetch_values also reads
// the thread-safe Store); call from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "engine/access.h"
#include "engine/snapshot.h"
#include "store/store.h"

namespace lgb {

// ---- Areas (the register has no visibility) --------------------------------

struct AreaFilter {
  std::optional<AreaType> type;
  std::string region;           // region GSS code (E12...)
  std::string q;                // case-insensitive substring of the name (lower-cased)
  std::optional<bool> current;  // empty: current and past areas
};
// From raw parameters; current: "true" | "false" | "all" | "" (all).
Result<AreaFilter> make_area_filter(const std::string& type, const std::string& region,
                                    const std::string& q, const std::string& current);
// Sorted by code.
std::vector<const Area*> filter_areas(const Snapshot& s, const AreaFilter& f);
// kInvalidArgument for a malformed code, kNotFound if unknown.
Result<const Area*> lookup_area(const Snapshot& s, const std::string& code);
// The area with this code, or null (for names beside codes).
const Area* area_by_code(const Snapshot& s, const std::string& code);

// ---- Metrics ------------------------------------------------------------------

struct MetricFilter {
  std::string q;      // case-insensitive substring of id, title or description
  std::string theme;  // exact theme tag
};
// Catalogue metrics (not derived ratios) the caller may see, by id.
std::vector<const Metric*> list_metrics(const Snapshot& s, const Access& access,
                                        const MetricFilter& f);
// A catalogue metric the caller may see; kInvalidArgument for a malformed id,
// kNotFound for an unknown, hidden or derived one.
Result<const Metric*> lookup_metric(const Snapshot& s, const Access& access, const std::string& id);

// The period with this id, or null.
const Period* period_by_id(const Snapshot& s, const std::string& id);

// ---- Releases and counts -----------------------------------------------------

// Releases the caller may know of, by id, each with row_count = the rows the
// caller may see.
std::vector<Release> list_releases(const Snapshot& s, const Access& access);
// kNotFound for an unknown release or one the caller may not know of.
Result<Release> lookup_release(const Snapshot& s, const Access& access, int64_t id);

struct HealthCounts {
  int64_t values = 0;    // rows of the releases the caller may see
  int64_t releases = 0;  // releases the caller may know of
};
HealthCounts health_counts(const Snapshot& s, const Access& access);

// ---- Values exactly as published ----------------------------------------------

struct DataRequest {
  std::string metric;
  std::vector<std::string> areas;  // empty: all
  std::string period;              // empty: all
  bool history = false;
};
// From raw parameters ("E08000035,E08000036"): at most 1000 well-formed
// codes, a well-formed period id, history true/false.
Result<DataRequest> make_data_request(const std::string& metric, const std::string& areas,
                                      const std::string& period, const std::string& history);

struct DataResult {
  const Metric* metric = nullptr;  // points into the snapshot
  std::vector<StoredValue> values;
};
// The values from the store; the metric and areas checked in the snapshot.
Result<DataResult> fetch_values(Store& store, const Snapshot& s, const Access& access,
                                const DataRequest& req);

// ---- Parameter syntax ---------------------------------------------------------

// (A GSS code: is_gss_code in core/area.h.)
// A metric id: a-z, 0-9, '-' and '_', 1-200 characters.
bool is_metric_id(const std::string& s);
// "a, b,,c" -> {"a", "b", "c"}: comma-separated items, spaces trimmed, empty
// items dropped (area and metric lists in query parameters).
std::vector<std::string> split_list(const std::string& s);
// ASCII lower case.
std::string lower_case(std::string_view s);
// "true"/"false"/"1"/"0"/"" -> bool; anything else kInvalidArgument naming it.
Result<bool> parse_bool(const std::string& name, const std::string& value);

}  // namespace lgb
