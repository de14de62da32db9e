// Encoders for the benchmarking engine's answers (src/engine): JSON bodies and
// CSV/terminal Tables for compare, rank, outliers, neighbours, groups and
// ratios, plus the plain-English sentence that explains an outlier. Shared by
// the HTTP handlers and the CLI so both print the same thing.
// Stateless functions over immutable engine values; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "api/csv_encoder.h"
#include "engine/queries.h"
#include "engine/snapshot.h"

namespace lgb::api {

// "number" | "withheld" | "missing"
std::string_view cell_state_name(CellState s);
// The period's label ("2024/25", "2023") or the id when unknown.
std::string period_label(const Snapshot& s, const std::string& period_id);

// A figure as people read it: fixed decimals, thousands separators, the unit
// when it is "%" (suffix) or starts with "£" (prefix). "4.1%", "12,345".
std::string display_number(double v, int decimals, const std::string& unit);

// "Leeds: 4.1% — higher than the median of similar councils (3.2%), ranked 14
// of 16; worse and worsening since 2024."
std::string explain_outlier(const Snapshot& s, const OutlierScan& scan, const OutlierItem& item);

std::string comparison_json(const Snapshot& s, const Comparison& c);
Table comparison_table(const Comparison& c);  // one row per group member

std::string ranking_json(const Ranking& r);
Table ranking_table(const Ranking& r);  // top rows then bottom rows

std::string outliers_json(const Snapshot& s, const OutlierScan& o);
Table outliers_table(const Snapshot& s, const OutlierScan& o);

std::string neighbours_json(const NeighbourList& n);
Table neighbours_table(const NeighbourList& n);  // one row per neighbour

// Groups: the built-in kinds (with a description) and the custom groups.
struct GroupKind {
  std::string id;
  std::string description;
};
std::vector<GroupKind> builtin_group_descriptions();
std::string groups_json(const std::vector<CustomGroup>& custom);
Table groups_table(const std::vector<CustomGroup>& custom);
// One custom group with its members' names (from the snapshot when known).
std::string group_json(const Snapshot& s, const CustomGroup& g);
Table group_members_table(const Snapshot& s, const CustomGroup& g);

std::string ratio_json(const RatioDefinition& r);
std::string ratios_json(const std::vector<RatioDefinition>& ratios);
Table ratios_table(const std::vector<RatioDefinition>& ratios);

}  // namespace lgb::api
