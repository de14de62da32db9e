// Comparator groups: resolving a group name ("england", "type", "region",
// "neighbours", "ons-global", "ons-economic", "ons-demographic", a custom
// group id) for a focus area and one period into the councils that were in
// operation in that period, under the codes they had then, with what was
// left out and why (docs/methods.md, "Councils as they stood"); and
// validating custom groups.
// Pure functions over an immutable Snapshot; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "engine/snapshot.h"
#include "store/store.h"

namespace lgb {

struct MemberSet {
  // Member councils under the code each had in the period (area indices,
  // ascending = by code); parallel flags: in operation for part of the
  // period only (such a member that published nothing is left out by the
  // queries, as an exclusion, rather than counted missing).
  std::vector<uint32_t> areas;
  std::vector<uint8_t> partial;
  std::vector<Exclusion> excluded;  // what the group would hold but does not, and why
  int fixed = -1;                   // FixedGroup whose precomputed median/MAD apply, or -1
  std::string label;                // human description
};

// Which councils are comparable can depend on the metric: a single-tier
// council compares with the lower tier on a metric published for districts
// and with the upper tier otherwise (docs/methods.md). For groups that do not
// depend on tier, lower and upper are the same set.
struct Comparators {
  std::string id;
  MemberSet lower;  // for metrics with MetricData::lower_tier
  MemberSet upper;  // for the others
  // The focus council under its code in the period, when it was in
  // operation then (a member of both sets); -1 when there is no focus or it
  // was not in operation (it is then placed against the group, not counted
  // in it, and focus_note says why).
  int64_t focus_member = -1;
  std::string focus_note;
  const MemberSet& for_metric(const MetricData& m) const { return m.lower_tier ? lower : upper; }
};

// Group grammar:
//   england                 English councils of the comparable tier
//   type | type:<area-type> same authority type as the focus (or the one named)
//   region | region:<E12..> same region and comparable tier
//   neighbours              the focus and its k nearest neighbours (NeighbourModel)
//   ons-global | ons-economic | ons-demographic   ONS similar-areas lists
//   <custom id> | custom:<custom id>
// Every group holds the councils in operation during the period (index into
// Snapshot::periods()). The focus area, when given and in operation, is
// always a member. Relative groups (type, region, neighbours, ons-*) need a
// focus unless named explicitly.
// Errors: kInvalidArgument (bad name or missing focus), kNotFound.
Result<Comparators> resolve_group(const Snapshot& s, const std::string& group,
                                  std::optional<uint32_t> focus, uint32_t period);

// The built-in group kinds, for listings and error messages.
std::vector<std::string> builtin_group_kinds();

// Checks a custom group before it is saved: id a slug not clashing with a
// built-in kind, a name, at least one area code, every code known, no
// duplicates. Errors name the offending field or code.
Status validate_custom_group(const Snapshot& s, const CustomGroup& g);

}  // namespace lgb
