// StoreStatus: whether this server could reach its store when it last looked
// (the periodic refresh). A replica whose database is unreachable keeps
// serving its last snapshot; /api/v1/health then reports "degraded", since
// when and the last error, until a refresh reaches the store again.
// Thread-safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>

#include "core/result.h"

namespace lgb::api {

class StoreStatus {
 public:
  struct View {
    bool ok = true;
    std::string failing_since;  // ISO 8601 UTC; empty while ok
    // What the latest failed refresh met, in words fit for anyone who can
    // read /health: the store's own message names hosts, users and paths,
    // so it goes to the server log only.
    std::string last_error;
    std::string last_refresh;   // the latest successful refresh (or start)
    int64_t failed_refreshes = 0;  // in a row
  };

  StoreStatus();
  // Each returns true when it changes ok (so the change is logged once).
  bool record_refresh();
  bool record_failure(const Error& error);
  View view() const;

 private:
  mutable std::mutex mu_;
  View v_;
};

}  // namespace lgb::api
