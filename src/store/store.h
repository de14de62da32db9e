// Store: durable home of areas, metrics, periods, releases and every revision
// of every value. SQLite is the default implementation (store/sqlite/);
// PostgreSQL (store/postgres/) serves several processes on one shared
// database. The engine and the API see only this interface.
// Thread-safety: every method may be called from any thread concurrently;
// implementations serialise writers and give readers a consistent view.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/area.h"
#include "core/metric.h"
#include "core/period.h"
#include "core/release.h"
#include "core/result.h"
#include "core/value.h"

namespace lgb {

class AccountStore;
class CarbonStore;

// One stored revision of a value.
struct StoredValue {
  std::string area_code;
  std::string metric_id;
  std::string period_id;
  Value value;
  int64_t release_id = 0;
  bool current = true;  // false for a revision superseded by a later release
};

// One current value in the lean form the engine snapshot needs: no published
// text, marker text or note. The views are valid only during the callback.
struct CurrentValueRow {
  std::string_view area_code;
  std::string_view metric_id;
  std::string_view period_id;
  std::optional<double> number;  // absent: withheld (see marker)
  Marker marker = Marker::kNone;
};

struct ValueQuery {
  std::string metric_id;                // required
  std::vector<std::string> area_codes;  // empty: all areas
  std::string period_id;                // empty: all periods
  bool include_history = false;         // also superseded revisions
};

// What one release did to one metric: how many values it holds, how many of
// those replaced an earlier current value, and how many of those changed it.
struct ReleaseMetricRows {
  int64_t release_id = 0;
  std::string metric_id;
  int64_t rows = 0;
  int64_t superseded = 0;
  int64_t revised = 0;
};

// A named, user-defined comparator group.
struct CustomGroup {
  std::string id;  // slug
  std::string name;
  std::vector<std::string> area_codes;
  std::string created_at;
};

// A derived metric: numerator / denominator * scale, per area and period.
struct RatioDefinition {
  std::string id;  // becomes a metric id
  std::string title;
  std::string numerator_metric;
  std::string denominator_metric;
  double scale = 1.0;
  Polarity polarity = Polarity::kNeither;
  std::string unit;
  int decimals = 1;
  MeasureKind measure = MeasureKind::kRatio;  // share, rate, money-per-head, ...
};

// A problem with one observation found while writing it: its key repeats
// one already in the release, or it names an area, metric or period the
// store does not hold. line and column are the caller's, handed back.
struct WriteProblem {
  int64_t line = 0;
  int32_t column = -1;
  std::string area_code, metric_id, period_id;
  std::string message;
  bool duplicate = false;
};

// One release being loaded row by row, in one write transaction: memory
// stays bounded whatever the size of the release, and nothing is visible to
// readers until commit. Areas, metrics and periods are written at once;
// observations are buffered and written in key order a chunk at a time.
// Destroying the writer without a successful commit rolls everything back.
// Thread-safety: one thread; the store's write lock is held for the
// writer's lifetime, so other writers wait.
class ReleaseWriter {
 public:
  virtual ~ReleaseWriter() = default;
  virtual Status add_area(const Area& area) = 0;
  virtual Status add_metric(const Metric& metric) = 0;
  virtual Status add_period(const Period& period) = 0;
  // Fails only when the store cannot write; a problem with the row itself
  // is recorded in problems() (perhaps later, when its chunk is written).
  virtual Status add_observation(const Observation& obs, int64_t line, int32_t column) = 0;
  // Writes the buffered observations.
  virtual Status flush() = 0;
  // The first problems (at most kMaxProblems) and how many there were.
  static constexpr size_t kMaxProblems = 1000;
  virtual const std::vector<WriteProblem>& problems() const = 0;
  virtual int64_t problem_count() const = 0;
  virtual int64_t observations_written() const = 0;
  // Flushes and commits, recording the release as given now (its publisher,
  // source, date or licence may have been learnt while reading). Returns the
  // release id; kInvalidArgument when any row had a problem.
  virtual Result<int64_t> commit(const Release& release) = 0;
};

// A subscription to changes made by other processes (see
// Store::watch_changes); destroying it ends the subscription.
class ChangeWatch {
 public:
  virtual ~ChangeWatch() = default;
};

class Store {
 public:
  virtual ~Store() = default;

  // Calls on_change, from a thread of the store's own, soon after any
  // process commits a release, group or ratio to this store, and whenever
  // changes may have been missed (a connection lost or regained). Keep
  // on_change short. nullptr when the store cannot tell (SQLite): poll.
  virtual std::unique_ptr<ChangeWatch> watch_changes(std::function<void()> on_change) {
    (void)on_change;
    return nullptr;
  }

  // Starts loading a release (see ReleaseWriter). kConflict if a release
  // with the same sha256 and format is already stored.
  virtual Result<std::unique_ptr<ReleaseWriter>> begin_release(const Release& release) = 0;

  // Loads a whole release in one transaction: areas and metrics are upserted,
  // periods inserted if new, observations appended as a new revision (the
  // previous revision of the same area/metric/period stays, no longer
  // current). Returns the new release id. kConflict if a release with the
  // same sha256 and format is already stored. On any failure nothing changes.
  // The same as begin_release, add everything, commit.
  virtual Result<int64_t> load_release(const ReleaseBatch& batch);

  virtual Result<std::vector<Area>> list_areas() = 0;
  virtual Result<std::vector<Metric>> list_metrics() = 0;
  virtual Result<std::vector<Period>> list_periods() = 0;  // sorted by sort_key
  virtual Result<std::vector<Release>> list_releases() = 0;
  virtual Result<Release> get_release(int64_t id) = 0;
  virtual Result<std::optional<Release>> find_release(const std::string& sha256,
                                                      const std::string& format) = 0;
  // Per (release, metric), ordered by release id then metric id: what each
  // release holds and revised, so its provenance can follow its metrics'
  // visibility; the per-metric change log and the freshness report.
  virtual Result<std::vector<ReleaseMetricRows>> list_release_metrics() = 0;

  // Values ordered by period sort key, then area code, then release id.
  virtual Result<std::vector<StoredValue>> query_values(const ValueQuery& q) = 0;
  // Streams every current value (for building the engine snapshot).
  virtual Status for_each_current_value(
      const std::function<void(const StoredValue&)>& fn) = 0;
  // The same current values as for_each_current_value, in the lean form and
  // in no particular order: for bulk readers (the engine snapshot build). The
  // default adapts for_each_current_value; implementations should override it
  // to read only the columns the row needs.
  virtual Status for_each_current_value_row(
      const std::function<void(const CurrentValueRow&)>& fn) {
    return for_each_current_value([&](const StoredValue& v) {
      fn(CurrentValueRow{v.area_code, v.metric_id, v.period_id, v.value.number, v.value.marker});
    });
  }
  // Period ids that have at least one current value for the metric, sorted.
  virtual Result<std::vector<std::string>> periods_of_metric(const std::string& metric_id) = 0;

  virtual Result<std::vector<CustomGroup>> list_groups() = 0;
  virtual Status save_group(const CustomGroup& group) = 0;  // kConflict if id exists
  virtual Status delete_group(const std::string& id) = 0;   // kNotFound if absent

  virtual Result<std::vector<RatioDefinition>> list_ratios() = 0;
  virtual Status save_ratio(const RatioDefinition& ratio) = 0;  // kConflict if id exists

  // Organisations, users, keys, sessions and the audit log, kept beside the
  // data (store/accounts.h); null for a store that keeps no accounts, where
  // nobody can sign in.
  virtual AccountStore* accounts() { return nullptr; }
  // GHG conversion factors and councils' carbon inventories
  // (store/carbon.h); null for a store that keeps none.
  virtual CarbonStore* carbon() { return nullptr; }
};

// Opens (creating and migrating if needed) an SQLite store at path.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

// True for postgresql://... and postgres://... (the two URI schemes libpq
// accepts); anything else given as --db is an SQLite file path.
bool is_postgres_url(std::string_view db);
// The URL with any password (user:PASSWORD@ or ?password=) replaced by
// "***", for messages and logs.
std::string redact_url(const std::string& url);

// Opens the PostgreSQL store at a postgresql:// URL, creating or migrating
// its tables if needed; at most `connections` connections at once.
// kUnavailable when the server cannot be reached.
Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url,
                                                   size_t connections = 8);

}  // namespace lgb
