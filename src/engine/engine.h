// Engine: the facade the API and CLI call. Owns the SnapshotHolder, rebuilds
// from the Store on reload, and keeps custom groups and ratios in step with the
// store (validate, save, publish a new snapshot sharing the column data).
// Thread-safety: queries may run concurrently with each other and with
// reload/create/delete; writers (reload, create_*, delete_group) serialise on
// an internal mutex. Every query answers from one consistent snapshot.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/groups.h"
#include "engine/queries.h"
#include "engine/snapshot.h"
#include "engine/snapshot_holder.h"
#include "store/store.h"

namespace lgb {

class Engine {
 public:
  // The store must outlive the engine. Nothing is built until reload().
  Engine(Store& store, SnapshotOptions options);

  // Builds a new snapshot from the store and publishes it. On failure the
  // previous snapshot stays published.
  Status reload();
  // The published snapshot; an error (kInternal) before the first reload.
  Result<std::shared_ptr<const Snapshot>> snapshot() const;

  // The queries of engine/queries.h on the published snapshot. Callers that
  // make several queries for one answer should take snapshot() once and
  // call the free functions, so a reload cannot mix two snapshots.
  Result<Comparison> compare(const Access& access, const std::string& metric,
                             const std::string& area, const std::string& group,
                             const std::string& period) const;
  Result<Ranking> rank(const Access& access, const std::string& metric, const std::string& group,
                       const std::string& period, int top, const std::string& area = "") const;
  Result<OutlierScan> outliers(const Access& access, const OutlierQuery& q) const;
  Result<NeighbourList> neighbours(const Access& access, const std::string& area) const;

  Result<std::vector<CustomGroup>> list_groups() const;
  Status create_group(const CustomGroup& g);  // validate, store, publish
  Status delete_group(const std::string& id);
  // The ratios whose inputs the caller may see.
  Result<std::vector<RatioDefinition>> list_ratios(const Access& access) const;
  // Validate (inputs visible to the caller), store, publish. A ratio is as
  // visible as its least visible input, now and after any later change.
  Status create_ratio(const Access& access, const RatioDefinition& r);

 private:
  Store& store_;
  SnapshotOptions options_;
  SnapshotHolder holder_;
  std::mutex write_mu_;
};

}  // namespace lgb
