#include "api/store_status.h"

#include "store/sql_rows.h"

namespace lgb::api {

StoreStatus::StoreStatus() { v_.last_refresh = store::utc_now_iso8601(); }

bool StoreStatus::record_refresh() {
  std::string now = store::utc_now_iso8601();
  std::lock_guard lock(mu_);
  bool changed = !v_.ok;
  v_.ok = true;
  v_.failing_since.clear();
  v_.failed_refreshes = 0;
  v_.last_refresh = std::move(now);
  return changed;
}

bool StoreStatus::record_failure(const Error& error) {
  std::string now = store::utc_now_iso8601();
  const char* said = error.code == ErrorCode::kUnavailable
                         ? "the database cannot be reached (details in the server log)"
                         : "the store could not be read (details in the server log)";
  std::lock_guard lock(mu_);
  bool changed = v_.ok;
  if (changed) v_.failing_since = std::move(now);
  v_.ok = false;
  v_.last_error = said;
  ++v_.failed_refreshes;
  return changed;
}

StoreStatus::View StoreStatus::view() const {
  std::lock_guard lock(mu_);
  return v_;
}

}  // namespace lgb::api
