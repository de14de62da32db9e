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

  Result<Comparison> compare(const std::string& metric, const std::string& area,
                             const std::string& group, const std::string& period) const;
  Result<Ranking> rank(const std::string& metric, const std::string& group,
                       const std::string& period, int top, const std::string& area = "") const;
  Result<OutlierScan> outliers(const OutlierQuery& q) const;
  Result<NeighbourList> neighbours(const std::string& area) const;

  Result<std::vector<CustomGroup>> list_groups() const;
  Status create_group(const CustomGroup& g);  // validate, store, publish
  Status delete_group(const std::string& id);
  Result<std::vector<RatioDefinition>> list_ratios() const;
  Status create_ratio(const RatioDefinition& r);  // validate, store, publish

 private:
  Store& store_;
  SnapshotOptions options_;
  SnapshotHolder holder_;
  std::mutex write_mu_;
};

}  // namespace lgb
