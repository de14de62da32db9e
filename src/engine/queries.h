// The engine's questions, answered from one immutable Snapshot: compare one
// area with a group on one metric, rank a group, scan one area for outliers
// across metrics, explain an area's nearest neighbours. Inputs are plain ids
// and codes; outputs plain structs; expected failures are Result errors
// (kInvalidArgument for bad parameters, kNotFound for unknown ids).
// Every query takes the caller's Access (engine/access.h): a metric the
// caller may not see, or a ratio built on one, is kNotFound exactly like an
// unknown id, and is never part of a scan. The HTTP API and the web pages
// pass Access::anonymous(); catalogue queries are in engine/catalogue.h.
// Thread-safety: pure functions of a const Snapshot; call from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "engine/access.h"
#include "engine/groups.h"
#include "engine/neighbours.h"
#include "engine/snapshot.h"
#include "engine/stats.h"

namespace lgb {

struct MemberValue {
  std::string code;  // the code the council had in the period
  std::string name;
  bool focus = false;
  CellState state = CellState::kAbsent;
  Marker marker = Marker::kNone;
  std::optional<double> value;
  int rank = 0;  // 0 when no number
};

struct Comparison {
  std::string metric_id, metric_title, unit;
  Polarity polarity = Polarity::kNeither;
  MeasureKind measure = MeasureKind::kOther;
  int decimals = 1;
  std::string period_id, previous_period_id;  // previous empty when none
  std::string area_code, area_name;
  std::string group_id, group_label;
  CellState state = CellState::kAbsent;  // of the focus area
  Marker marker = Marker::kNone;
  std::optional<double> value;
  std::optional<GroupStatistics> stats;  // absent when no member has a number
  std::optional<Position> position;      // absent when the focus has no number
  Trend trend;                           // against previous_period_id
  std::vector<MemberValue> members;      // by code: the councils of the period
  std::vector<Exclusion> excluded;       // left out of the group for this period, and why
  // Set when the focus was not in operation in the period: it is then placed
  // against the group (value, position) without being counted in it.
  std::string focus_note;
};

// period empty: the metric's latest period.
Result<Comparison> compare(const Snapshot& s, const Access& access, const std::string& metric_id,
                           const std::string& area_code, const std::string& group,
                           const std::string& period_id);

struct Summary {
  std::string metric_id, period_id, group_id, group_label;
  int members = 0;                       // councils in the group in the period
  int excluded = 0;                      // left out for this period (see Comparison)
  std::optional<GroupStatistics> stats;  // absent when no member has a number
  int missing = 0, withheld = 0;         // also inside stats when present
};

// Group statistics with no focus area (groups as for rank()).
Result<Summary> summarise(const Snapshot& s, const Access& access, const std::string& metric_id,
                          const std::string& group, const std::string& period_id,
                          const std::string& area_code = "");

struct RankedArea {
  std::string code, name;
  double value = 0;
  int rank = 0;
};

struct Ranking {
  std::string metric_id, metric_title, period_id, group_id, group_label;
  Polarity polarity = Polarity::kNeither;
  int count = 0, missing = 0, withheld = 0;
  int excluded = 0;                // left out for this period (see Comparison)
  std::vector<RankedArea> top;     // best first
  std::vector<RankedArea> bottom;  // worst first
};

// area_code may be empty for groups that need no focus (england, type:<t>,
// region:<code>, custom). top: 1..1000. Ties ordered by code.
Result<Ranking> rank(const Snapshot& s, const Access& access, const std::string& metric_id,
                     const std::string& group, const std::string& period_id, int top,
                     const std::string& area_code = "");

struct OutlierQuery {
  std::string area_code;
  std::string group = "england";
  // At most one tag filter is usual; all given must match (exact tag text).
  std::string theme, service, directorate, portfolio;
  std::string period_id;        // empty: each metric's latest period
  double threshold = 2.0;       // |robust z| at or beyond which a metric is listed
  int top = 20;                 // 1..1000
  // Counts (MeasureKind::kCount) grow with a council's size, so they are
  // left out unless asked for; their rates and shares stand in for them.
  bool include_counts = false;
};

struct OutlierItem {
  std::string metric_id, title, unit, period_id;
  Polarity polarity = Polarity::kNeither;
  MeasureKind measure = MeasureKind::kOther;
  int decimals = 1;
  double value = 0;
  double group_median = 0;
  RobustZ z;
  int rank = 0, of = 0;
  bool above = false;           // value above the group median
  std::string assessment;       // "better" | "worse" | "different" (polarity neither)
  Trend trend;
  std::string previous_period_id;
  bool concern = false;         // worse than comparators and worsening
};

struct OutlierScan {
  std::string area_code, area_name, group_id, group_label;
  double threshold = 0;
  int counts_left_out = 0;     // count metrics not scanned (include_counts false)
  int metrics_considered = 0;  // passed the tag filter and hold the period
  int metrics_compared = 0;    // the area has a number and the group a scale
  int flagged = 0;             // |z| >= threshold, before the top-N cut
  std::vector<OutlierItem> items;  // |z| descending, then metric id
};

// Scans the metrics the caller may see.
Result<OutlierScan> scan_outliers(const Snapshot& s, const Access& access, const OutlierQuery& q);

// The model uses public metrics only (docs/methods.md), so it is the same
// for every caller; access is taken for uniformity.
Result<NeighbourList> neighbours(const Snapshot& s, const Access& access,
                                 const std::string& area_code);

// Checks a ratio definition before it is stored: id a slug not taken by any
// metric or ratio (kConflict, with the same message whoever holds it), both
// inputs known to the caller (kNotFound otherwise, as for unknown ids),
// scale finite and non-zero, decimals 0-10.
Status validate_ratio(const Snapshot& s, const Access& access, const RatioDefinition& r);
// The ratio definitions the caller may see (both inputs visible), by id.
std::vector<RatioDefinition> visible_ratios(const Snapshot& s, const Access& access);

}  // namespace lgb
