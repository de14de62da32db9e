// Snapshot: the immutable in-memory columnar cube the engine answers from.
// For each metric, one Column per period with a value (double) and a cell byte
// (state + marker) per data-bearing area up to the column's last used slot,
// plus the robust centre and spread of the fixed comparator groups,
// precomputed at build.
// Thread-safety: a built Snapshot is immutable and shared read-only between
// threads (std::shared_ptr<const Snapshot>); the builder is single-threaded.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/area.h"
#include "core/metric.h"
#include "core/period.h"
#include "core/release.h"
#include "core/result.h"
#include "core/value.h"
#include "engine/access.h"
#include "engine/councils.h"
#include "engine/stats.h"
#include "store/store.h"

namespace lgb {

class NeighbourModel;
struct NeighbourOptions;

// Groups whose membership depends on nothing but the area register and the
// period, so their median and MAD are precomputed for every column: the
// English councils in operation in the column's period.
enum class FixedGroup : uint8_t {
  kEnglandUpper,  // English counties, unitaries, met districts, London boroughs
  kEnglandLower,  // English districts, unitaries, met districts, London boroughs
  kCounty,
  kDistrict,
  kUnitary,
  kMetropolitanDistrict,
  kLondonBorough,
};
inline constexpr int kFixedGroupCount = 7;

enum class CellState : uint8_t { kAbsent = 0, kNumber = 1, kWithheld = 2 };

// One (metric, period): dense over the snapshot's data slots (areas that hold
// at least one value), 9 bytes per cell, trimmed after the column's last used
// slot. Slots give current English councils the first numbers, so a metric
// published for councils only stores no cells for the other areas; slots at
// or past the end read as kAbsent.
struct Column {
  uint32_t period = 0;          // index into Snapshot::periods()
  std::vector<double> values;   // meaningful where state is kNumber
  std::vector<uint8_t> cells;   // CellState in bits 0-1, Marker in bits 2-7
  std::array<RobustScale, kFixedGroupCount> fixed{};  // n == 0: no numbers

  CellState state(uint32_t slot) const {
    return slot < cells.size() ? static_cast<CellState>(cells[slot] & 3) : CellState::kAbsent;
  }
  Marker marker(uint32_t slot) const {
    return slot < cells.size() ? static_cast<Marker>(cells[slot] >> 2) : Marker::kNone;
  }
};

struct MetricData {
  Metric metric;
  std::optional<RatioDefinition> ratio;  // set for derived ratio metrics
  std::vector<Column> columns;           // ascending period order
  // Any lower-tier-only district holds a number: the metric is measured at
  // lower-tier geography, so single-tier councils compare with the lower tier.
  bool lower_tier = false;
  // What a caller needs to see it (engine/access.h): the metric's own
  // visibility, or for a ratio whatever either input needs, read from the
  // inputs every time a snapshot is built.
  uint8_t needs = 0;
  // With kNeedsOrganisation: the organisations whose members may see it,
  // sorted (for a ratio, those that may see both inputs).
  std::vector<std::string> organisations;
};

// One loaded release and how many rows of each metric it holds, so its
// provenance and counts follow its metrics' visibility.
struct ReleaseEntry {
  Release release;
  std::vector<std::pair<uint32_t, int64_t>> metric_rows;  // (metric index, rows)
};

// Changes whenever a release is loaded, by this process or another.
struct StoreGeneration {
  int64_t releases = 0;
  int64_t max_release_id = 0;
  friend bool operator==(const StoreGeneration&, const StoreGeneration&) = default;
};
// One cheap store call (the release list is one row per loaded file).
Result<StoreGeneration> read_generation(Store& store);

// Something a group would hold but does not in a period, and why ("began
// 2023-04-01, after this period").
struct Exclusion {
  uint32_t area = UINT32_MAX;  // area index; UINT32_MAX for a code not in the register
  std::string code, name, reason;
};

// One fixed group in one period.
struct FixedMembers {
  std::vector<uint32_t> areas;     // each member council under its code then, ascending
  std::vector<uint8_t> partial;    // in operation for part of the period only
  std::vector<Exclusion> not_yet;  // today's councils of the group that began after it
};

struct AreaTable {
  std::vector<Area> areas;  // sorted by code
  std::unordered_map<std::string, uint32_t> index;
  // All codes of one council (CouncilRegister) share its slot, so a value
  // published under a former code is that council's value.
  std::vector<int32_t> slot_of_area;   // -1: the area holds no values
  std::vector<uint32_t> area_of_slot;  // a code of the slot's council (its newest)
  CouncilRegister councils;
  // By period index, plus one more for "now" (Snapshot::now()): the days
  // of the period and the fixed groups' members in it.
  std::vector<DaySpan> period_spans;
  std::vector<std::array<FixedMembers, kFixedGroupCount>> fixed;
  std::vector<uint32_t> districts;  // English districts of any date (MetricData::lower_tier)
};

// A custom group resolved against the area table.
struct SnapshotGroup {
  CustomGroup group;
  std::vector<uint32_t> members;  // area indices, sorted
};

// ONS "similar areas" lists: focus code -> neighbour codes, as published.
using OnsNeighbourLists = std::unordered_map<std::string, std::vector<std::string>>;

struct SnapshotOptions {
  // Only the catalogue (areas, metrics, periods, releases): no values,
  // ratios, groups or neighbour model. For commands that list, not compare.
  bool catalogue_only = false;
  // Folder holding ons_similar_areas_{global,economic,demographic}-neighbours.csv;
  // empty: no ONS lists. A missing file is an error naming it.
  std::string groupings_dir;
  int neighbours_k = 15;
  // Derived ratios that come with the catalogue (data/catalogue/ratios.csv,
  // read by the caller): built like stored ratios, and taking precedence
  // over a stored ratio with the same id.
  std::vector<RatioDefinition> catalogue_ratios;
};

class Snapshot {
 public:
  const std::vector<Area>& areas() const { return areas_->areas; }
  const AreaTable& area_table() const { return *areas_; }
  const std::vector<Period>& periods() const { return periods_; }
  // A period index past the last period: today's councils (for group
  // listings and checks that need no period).
  uint32_t now() const { return static_cast<uint32_t>(periods_.size()); }
  const DaySpan& period_span(uint32_t p) const { return areas_->period_spans[p]; }
  const FixedMembers& fixed_members(uint32_t p, int g) const { return areas_->fixed[p][g]; }
  size_t metric_count() const { return metrics_.size(); }
  const MetricData& metric(uint32_t i) const { return *metrics_[i]; }
  const std::vector<SnapshotGroup>& custom_groups() const { return custom_groups_; }
  const NeighbourModel* neighbour_model() const { return neighbours_.get(); }
  // kind: "ons-global" | "ons-economic" | "ons-demographic"; null if not loaded.
  const OnsNeighbourLists* ons_lists(const std::string& kind) const;

  // The metric (published or derived) by id whatever its visibility: for
  // the engine's own use. Queries answer through find_visible_metric().
  std::optional<uint32_t> find_metric(const std::string& id) const;
  // kNotFound, exactly as for an unknown id, when the caller may not see it.
  Result<uint32_t> find_visible_metric(const std::string& id, const Access& access) const;
  bool visible(uint32_t m, const Access& access) const {
    return access.may_see(metrics_[m]->needs, metrics_[m]->organisations);
  }

  // Releases by id, with their rows per metric.
  const std::vector<ReleaseEntry>& releases() const { return *releases_; }
  StoreGeneration generation() const { return generation_; }

  std::optional<uint32_t> find_area(const std::string& code) const;
  std::optional<uint32_t> find_period(const std::string& id) const;
  const SnapshotGroup* find_custom_group(const std::string& id) const;
  // The column of metric m for period p, or null.
  const Column* column(uint32_t m, uint32_t p) const;
  // The number held by area a in column c, if any.
  std::optional<double> number(const Column& c, uint32_t area) const;
  CellState state(const Column& c, uint32_t area) const;
  Marker marker(const Column& c, uint32_t area) const;

  // Counters for memory reporting.
  int64_t stored_values() const { return stored_values_; }  // number or withheld cells
  int64_t cell_count() const;                                 // allocated cells
  int64_t column_bytes() const;                               // heap bytes of columns

  // New snapshots sharing all column data with this one.
  std::shared_ptr<const Snapshot> with_custom_groups(const std::vector<CustomGroup>& g) const;
  // Adds (or replaces) one derived ratio metric. Fails if it is invalid.
  Result<std::shared_ptr<const Snapshot>> with_ratio(const RatioDefinition& r) const;

 private:
  friend class SnapshotBuilder;
  std::shared_ptr<const AreaTable> areas_;
  std::vector<Period> periods_;
  std::unordered_map<std::string, uint32_t> period_index_;
  std::vector<std::shared_ptr<const MetricData>> metrics_;
  std::unordered_map<std::string, uint32_t> metric_index_;
  std::vector<SnapshotGroup> custom_groups_;
  std::shared_ptr<const NeighbourModel> neighbours_;
  std::shared_ptr<const std::unordered_map<std::string, OnsNeighbourLists>> ons_;
  std::shared_ptr<const std::vector<ReleaseEntry>> releases_ =
      std::make_shared<const std::vector<ReleaseEntry>>();
  StoreGeneration generation_;
  int64_t stored_values_ = 0;
};

// Streams areas, metrics, periods and values into a Snapshot. Values may come
// in any order; one pass, no buffering of the values themselves.
// Usage: add_* all areas, metrics, periods; then add_value...; then finish().
class SnapshotBuilder {
 public:
  explicit SnapshotBuilder(SnapshotOptions options = {});
  ~SnapshotBuilder();
  void add_area(const Area& a);
  void add_metric(const Metric& m);
  void add_period(const Period& p);
  // Unknown area, metric or period ids are an error naming them.
  Status add_value(const std::string& area_code, const std::string& metric_id,
                   const std::string& period_id, const Value& v);
  // The same from a store's lean row (no published text needed).
  Status add_row(const CurrentValueRow& row);
  void add_ratio(const RatioDefinition& r);
  void add_group(const CustomGroup& g);
  void add_release(const Release& r);
  void add_release_rows(const ReleaseMetricRows& rows);  // release and metric added before
  // Builds columns' fixed-group statistics, ratios, neighbour model, ONS lists.
  Result<std::shared_ptr<const Snapshot>> finish();

 private:
  struct State;
  std::unique_ptr<State> s_;
};

// Builds from every current value in the store (plus groups, ratios and the
// release list), or only the catalogue with options.catalogue_only.
Result<std::shared_ptr<const Snapshot>> build_snapshot(Store& store,
                                                       const SnapshotOptions& options = {});

// The fixed group an area belongs to by type, if any (English councils).
std::optional<FixedGroup> fixed_type_group(const Area& a);
bool is_current_english_council(const Area& a);
// Why a council was not, or not wholly, in operation in a period: "began
// 2023-04-01, after this period", "ended 2023-03-31, before this period",
// "in operation for part of this period only (until 2023-03-31)"; empty when
// it was in operation throughout.
std::string operation_note(const Council& c, const DaySpan& period);

}  // namespace lgb
