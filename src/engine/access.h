// Access: what one caller may see. Every engine query takes one, and the
// engine alone decides visibility from it (docs/api.md, "Visibility"): a
// metric the caller may not see, and everything derived from it (ratios,
// neighbour features, group statistics, release provenance and counts),
// answers exactly as if it did not exist.
// Plain value type; thread-safe.
#pragma once

#include <cstdint>

#include "core/metric.h"

namespace lgb {

// Which non-public visibilities a metric needs, as bits: a derived ratio
// needs whatever either of its inputs needs.
inline constexpr uint8_t kNeedsRestricted = 1;
inline constexpr uint8_t kNeedsDraft = 2;

inline uint8_t needs_of(Visibility v) {
  switch (v) {
    case Visibility::kPublic: return 0;
    case Visibility::kRestricted: return kNeedsRestricted;
    case Visibility::kDraft: return kNeedsDraft;
  }
  return kNeedsRestricted | kNeedsDraft;
}

struct Access {
  bool restricted = false;  // may see metrics marked restricted
  bool draft = false;       // may see metrics marked draft (before publication)

  // Anyone on the open API (there is no sign-in yet).
  static Access anonymous() { return {}; }
  // The operator working on the database directly (lgbench ... --non-public).
  static Access everything() { return {true, true}; }

  bool may_see(uint8_t needs) const {
    return ((needs & kNeedsRestricted) == 0 || restricted) && ((needs & kNeedsDraft) == 0 || draft);
  }
  bool may_see(Visibility v) const { return may_see(needs_of(v)); }
};

}  // namespace lgb
