// Access: what one caller may see. Every engine query takes one, and the
// engine alone decides visibility from it (docs/api.md, "Visibility"): a
// metric the caller may not see, and everything derived from it (ratios,
// neighbour features, group statistics, release provenance and counts),
// answers exactly as if it did not exist.
// Plain value type; thread-safe.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/metric.h"
#include "core/role.h"

namespace lgb {

// Which non-public visibilities a metric needs, as bits: a derived ratio
// needs whatever either of its inputs needs.
inline constexpr uint8_t kNeedsSignedIn = 1;      // any signed-in user
inline constexpr uint8_t kNeedsDraft = 2;         // data managers, until published
inline constexpr uint8_t kNeedsOrganisation = 4;  // members of the named organisations

inline uint8_t needs_of(Visibility v) {
  switch (v) {
    case Visibility::kPublic: return 0;
    case Visibility::kSignedIn: return kNeedsSignedIn;
    case Visibility::kRestricted: return kNeedsSignedIn | kNeedsOrganisation;
    case Visibility::kDraft: return kNeedsSignedIn | kNeedsDraft;
  }
  return kNeedsSignedIn | kNeedsOrganisation | kNeedsDraft;
}

struct Access {
  bool signed_in = false;          // a user (or one of their keys) is behind the request
  std::string organisation;        // the caller's organisation id, for restricted metrics
  bool all_organisations = false;  // may see every restricted metric, whoever it names
  bool draft = false;              // may see draft metrics (before publication)

  // Anyone on the open API or web site without signing in.
  static Access anonymous() { return {}; }
  // The operator working on the database directly (lgbench ... --non-public).
  static Access everything() { return {true, "", true, true}; }
  // A signed-in user: members and analysts see their organisation's
  // restricted metrics; data managers and administrators manage visibility,
  // so they see every restricted and draft metric.
  static Access for_user(Role role, std::string organisation) {
    const bool manager = role_at_least(role, Role::kDataManager);
    return {true, std::move(organisation), manager, manager};
  }

  // organisations: the sorted ids a restricted metric names (see Metric).
  bool may_see(uint8_t needs, const std::vector<std::string>& organisations) const {
    if ((needs & kNeedsSignedIn) && !signed_in) return false;
    if ((needs & kNeedsDraft) && !draft) return false;
    if ((needs & kNeedsOrganisation) && !all_organisations &&
        (organisation.empty() ||
         !std::binary_search(organisations.begin(), organisations.end(), organisation)))
      return false;
    return true;
  }
  bool may_see(const Metric& m) const { return may_see(needs_of(m.visibility), m.organisations); }
};

}  // namespace lgb
