// History: a metric's values as they stood at an earlier point, and its
// change log (what each release revised). Both read every stored revision
// of the metric (Store::query_values with history), so nothing is computed
// at load time, and decide visibility only through the catalogue lookups
// (lookup_metric, lookup_release) with the caller's Access: a hidden metric
// is kNotFound, and so is a release the caller may not know of.
// Errors: kInvalidArgument (HTTP 400) for malformed parameters, kNotFound
// (404) for unknown or hidden ids.
// Thread-safety: pure functions of a const Snapshot and the thread-safe
// Store; call from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "engine/access.h"
#include "engine/catalogue.h"
#include "engine/snapshot.h"
#include "store/store.h"

namespace lgb {

// A point in the store's history. By release: just after that release was
// loaded (release ids increase in load order). By date: every release
// published on or before it (its publication date, or its load date when
// the publisher's is unknown); where several of those hold a value for the
// same area and period, the one loaded last stands, as in the store.
struct AsOf {
  int64_t release_id = 0;  // > 0: as of this release
  std::string date;        // yyyy-mm-dd: as of this date
};

// A release id: a positive integer.
Result<int64_t> parse_release_id(const std::string& text);

// "123" (a release the caller may know of) or "2024-03-31" (a real date).
Result<AsOf> parse_as_of(const Snapshot& s, const Access& access, const std::string& text);

// The values of req as they stood at as_of: the revisions that existed then,
// the newest of each area and period marked current; with req.history every
// such revision, else only the current ones.
Result<DataResult> fetch_values_as_of(Store& store, const Snapshot& s, const Access& access,
                                      const DataRequest& req, const AsOf& as_of);

// One value a release revised: the revision before it and the release's own.
// A revision is a different published text or marker for the same area and
// period (the store's rule for release_metrics.revised).
struct ValueChange {
  StoredValue before;
  StoredValue after;
};

// What one release did to the metric (within the request's areas and
// periods): values it holds, how many replaced an earlier value, and the
// revised ones.
struct ReleaseChanges {
  Release release;          // provenance; row_count as the caller may see
  int64_t values = 0;
  int64_t superseded = 0;   // keys that had an earlier value
  std::vector<ValueChange> changes;  // by period, then area
};

struct ChangeRequest {
  std::string metric;
  std::vector<std::string> areas;  // empty: all
  std::string period;              // empty: all
  int64_t release_id = 0;          // 0: every release
};
// From raw parameters; areas and period as make_data_request reads them.
Result<ChangeRequest> make_change_request(const std::string& metric, const std::string& areas,
                                          const std::string& period, const std::string& release);

struct ChangeLog {
  const Metric* metric = nullptr;  // points into the snapshot
  std::vector<ReleaseChanges> releases;  // by release id
  int64_t change_count() const;
};
// Every release holding values of the metric, oldest first, each with the
// values it revised.
Result<ChangeLog> metric_changes(Store& store, const Snapshot& s, const Access& access,
                                 const ChangeRequest& req);

}  // namespace lgb
