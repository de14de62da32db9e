// Usage measures without cookies (the LGA's proposal): registered users,
// the share of councils with registered users and with a user signed in
// within 30 and 60 days, the number of metrics, and the number of metrics
// updated per month. Computed from the store's accounts, the audit log's
// sign-ins and the snapshot's catalogue and releases; nothing is recorded
// about anonymous visitors. Shown to administrators at /admin/usage and
// GET /api/v1/usage.
// Thread-safety: a pure function of its inputs (the store is thread-safe).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "engine/snapshot.h"
#include "store/accounts.h"

namespace lgb::auth {

struct MonthCount {
  std::string month;  // "2026-11"
  int metrics = 0;    // metrics with values in a release loaded that month
};

struct UsageMeasures {
  std::string as_of;                // ISO 8601 UTC
  int registered_users = 0;         // not disabled
  int councils = 0;                 // current English councils in the register
  int councils_with_users = 0;
  int councils_signed_in_30_days = 0;
  int councils_signed_in_60_days = 0;
  int metrics = 0;                  // catalogue metrics, every visibility
  int public_metrics = 0;
  std::vector<MonthCount> metrics_updated;  // the last 12 months, oldest first

  static double percent(int part, int whole) { return whole ? 100.0 * part / whole : 0.0; }
};

Result<UsageMeasures> compute_usage(const Snapshot& s, AccountStore& accounts);

}  // namespace lgb::auth
