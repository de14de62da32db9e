// SnapshotHolder: the one named piece of shared mutable state in the engine,
// the currently published Snapshot. Readers take a shared_ptr and keep using
// it as long as they like; publishing swaps the pointer under a mutex held for
// a pointer copy only, so readers never wait on a build.
// Thread-safety: all methods may be called concurrently from any thread.
#pragma once

#include <memory>
#include <mutex>

#include "engine/snapshot.h"

namespace lgb {

class SnapshotHolder {
 public:
  SnapshotHolder() = default;
  explicit SnapshotHolder(std::shared_ptr<const Snapshot> s) : current_(std::move(s)) {}

  // Null until something is published.
  std::shared_ptr<const Snapshot> get() const {
    std::lock_guard lock(mu_);
    return current_;
  }
  // Readers holding the previous snapshot keep it alive until they let go.
  void publish(std::shared_ptr<const Snapshot> s) {
    std::shared_ptr<const Snapshot> old;
    {
      std::lock_guard lock(mu_);
      old = std::move(current_);
      current_ = std::move(s);
    }
    // old is released here, outside the lock: freeing a big cube takes time.
  }

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const Snapshot> current_;
};

}  // namespace lgb
