#include "engine/snapshot.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <iterator>
#include <map>
#include <string_view>
#include <thread>
#include <tuple>

#include "engine/neighbours.h"
#include "engine/ons_lists.h"

namespace lgb {
namespace {

// Heterogeneous lookup: the lean store stream hands out string_views.
struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view v) const { return std::hash<std::string_view>{}(v); }
};
using IdIndex = std::unordered_map<std::string, uint32_t, ViewHash, std::equal_to<>>;

uint8_t make_cell(CellState s, Marker m) {
  return static_cast<uint8_t>(static_cast<uint8_t>(s) | (static_cast<uint8_t>(m) << 2));
}

// Median/MAD of each fixed group for one column. Members without a slot or
// number are skipped (they count as missing when statistics are described).
void compute_fixed(const AreaTable& t, Column& c, std::vector<double>& buf) {
  for (int g = 0; g < kFixedGroupCount; ++g) {
    buf.clear();
    for (uint32_t a : t.fixed[c.period][g].areas) {
      const int32_t s = t.slot_of_area[a];
      if (s >= 0 && static_cast<size_t>(s) < c.cells.size() &&
          static_cast<CellState>(c.cells[s] & 3) == CellState::kNumber)
        buf.push_back(c.values[s]);
    }
    c.fixed[g] = buf.empty() ? RobustScale{} : robust_scale_in_place(buf);
  }
}

// The members of every fixed group in one period: each English council in
// operation during it, under the code it had then (docs/methods.md).
std::array<FixedMembers, kFixedGroupCount> fixed_groups_in(const AreaTable& t,
                                                           const DaySpan& span) {
  std::array<FixedMembers, kFixedGroupCount> out;
  const CouncilRegister& reg = t.councils;
  auto groups_of = [](const Area& a) {
    std::vector<int> g;
    if (is_upper_tier(a.type)) g.push_back(static_cast<int>(FixedGroup::kEnglandUpper));
    if (is_lower_tier(a.type)) g.push_back(static_cast<int>(FixedGroup::kEnglandLower));
    if (auto type = fixed_type_group(a)) g.push_back(static_cast<int>(*type));
    return g;
  };
  std::array<std::vector<std::pair<uint32_t, uint8_t>>, kFixedGroupCount> members;
  for (uint32_t c = 0; c < reg.size(); ++c) {
    const Council& k = reg.council(c);
    const uint32_t newest = k.codes.back();
    if (!is_english_council(t.areas[newest])) continue;
    if (!k.span.overlaps(span)) {
      if (k.current && k.span.first > span.last) {
        const Area& a = t.areas[newest];
        for (int g : groups_of(a))
          out[g].not_yet.push_back({newest, a.code, a.name, operation_note(k, span)});
      }
      continue;
    }
    const uint32_t code = reg.code_in(c, span);
    const uint8_t partial = k.span.covers(span) ? 0 : 1;
    for (int g : groups_of(t.areas[code])) members[g].emplace_back(code, partial);
  }
  for (int g = 0; g < kFixedGroupCount; ++g) {
    std::sort(members[g].begin(), members[g].end());
    for (const auto& [a, partial] : members[g]) {
      out[g].areas.push_back(a);
      out[g].partial.push_back(partial);
    }
    std::sort(out[g].not_yet.begin(), out[g].not_yet.end(),
              [](const Exclusion& x, const Exclusion& y) { return x.code < y.code; });
  }
  return out;
}

bool any_district_number(const AreaTable& t, const MetricData& m) {
  for (uint32_t a : t.districts) {
    const int32_t s = t.slot_of_area[a];
    if (s < 0) continue;
    for (const Column& c : m.columns)
      if (c.state(s) == CellState::kNumber) return true;
  }
  return false;
}

std::string ratio_description(const RatioDefinition& r) {
  char scale[64];
  std::snprintf(scale, sizeof scale, "%.17g", r.scale);
  return "Derived ratio: " + r.numerator_metric + " / " + r.denominator_metric + " x " +
         scale + ", per area and period where both are published and the denominator "
         "is not zero.";
}

// Drops the cells after the column's last used slot (they read as kAbsent).
void trim(Column& c) {
  size_t n = c.cells.size();
  while (n > 0 && (c.cells[n - 1] & 3) == 0) --n;
  c.values.resize(n);
  c.cells.resize(n);
  c.values.shrink_to_fit();
  c.cells.shrink_to_fit();
}

// Moves each cell of c from slot `old` to new_slot[old], into vectors sized
// to the last used new slot. When no used cell moves (the usual case: council
// slots are seeded in their final order) the column is trimmed in place and
// only reallocated if that frees more than an eighth of it, which keeps the
// heap free of holes it could not give back.
void renumber_slots(Column& c, const std::vector<uint32_t>& new_slot) {
  size_t n = 0;
  bool moves = false;
  for (size_t old = 0; old < c.cells.size(); ++old) {
    if ((c.cells[old] & 3) == 0) continue;
    n = std::max<size_t>(n, new_slot[old] + 1);
    moves |= new_slot[old] != old;
  }
  if (!moves) {
    c.values.resize(n);
    c.cells.resize(n);
    if (c.cells.capacity() > n + n / 8) {
      c.values.shrink_to_fit();
      c.cells.shrink_to_fit();
    }
    return;
  }
  std::vector<double> values(n, 0.0);
  std::vector<uint8_t> cells(n, 0);
  for (size_t old = 0; old < c.cells.size(); ++old) {
    if ((c.cells[old] & 3) == 0) continue;
    values[new_slot[old]] = c.values[old];
    cells[new_slot[old]] = c.cells[old];
  }
  c.values = std::move(values);
  c.cells = std::move(cells);
}

// Builds a ratio metric from two metrics of the same snapshot.
Result<MetricData> compute_ratio(const AreaTable& t, const MetricData& num,
                                 const MetricData& den, const RatioDefinition& r) {
  MetricData out;
  out.ratio = r;
  out.metric.id = r.id;
  out.metric.title = r.title.empty() ? r.id : r.title;
  out.metric.description = ratio_description(r);
  out.metric.unit = r.unit;
  out.metric.polarity = r.polarity;
  out.metric.decimals = r.decimals;
  out.metric.measure = r.measure;
  out.metric.themes = num.metric.themes;
  out.metric.services = num.metric.services;
  out.metric.directorates = num.metric.directorates;
  out.metric.portfolios = num.metric.portfolios;
  out.metric.publisher = "lgbench (derived from " + num.metric.publisher + "; " +
                         den.metric.publisher + ")";
  out.metric.licence = num.metric.licence;
  // A ratio reveals its inputs (numerator = ratio x denominator / scale), so
  // it is exactly as visible as the less visible of them.
  out.needs = num.needs | den.needs;
  if ((num.needs & kNeedsOrganisation) && (den.needs & kNeedsOrganisation))
    std::set_intersection(num.organisations.begin(), num.organisations.end(),
                          den.organisations.begin(), den.organisations.end(),
                          std::back_inserter(out.organisations));
  else
    out.organisations = (num.needs & kNeedsOrganisation) ? num.organisations : den.organisations;
  out.metric.visibility = (out.needs & kNeedsDraft)          ? Visibility::kDraft
                          : (out.needs & kNeedsOrganisation) ? Visibility::kRestricted
                          : (out.needs & kNeedsSignedIn)     ? Visibility::kSignedIn
                                                             : Visibility::kPublic;
  out.metric.organisations = out.organisations;
  const size_t slots = t.area_of_slot.size();
  std::vector<double> buf;
  for (const Column& a : num.columns) {
    auto b = std::find_if(den.columns.begin(), den.columns.end(),
                          [&](const Column& c) { return c.period == a.period; });
    if (b == den.columns.end()) continue;
    Column c;
    c.period = a.period;
    c.values.assign(slots, 0.0);
    c.cells.assign(slots, 0);
    for (size_t s = 0; s < slots; ++s) {
      const CellState sa = a.state(s), sb = b->state(s);
      if (sa == CellState::kAbsent || sb == CellState::kAbsent) continue;
      if (sa == CellState::kWithheld || sb == CellState::kWithheld) {
        c.cells[s] = make_cell(CellState::kWithheld,
                               sa == CellState::kWithheld ? a.marker(s) : b->marker(s));
      } else {
        const double v = a.values[s] / b->values[s] * r.scale;
        // A zero denominator (or a quotient too large for a double) has no
        // number: "not applicable", never inf or nan (docs/methods.md).
        if (b->values[s] == 0 || !std::isfinite(v)) {
          c.cells[s] = make_cell(CellState::kWithheld, Marker::kNotApplicable);
        } else {
          c.values[s] = v;
          c.cells[s] = make_cell(CellState::kNumber, Marker::kNone);
        }
      }
    }
    trim(c);
    compute_fixed(t, c, buf);
    out.columns.push_back(std::move(c));
  }
  out.lower_tier = any_district_number(t, out);
  return out;
}

}  // namespace

bool is_current_english_council(const Area& a) {
  return a.is_current() && a.code.size() == 9 && a.code[0] == 'E' &&
         (is_upper_tier(a.type) || is_lower_tier(a.type));
}

std::string operation_note(const Council& c, const DaySpan& p) {
  if (c.span.first > p.last) return "began " + iso_date(c.span.first) + ", after this period";
  if (c.span.last < p.first) return "ended " + iso_date(c.span.last) + ", before this period";
  if (c.span.first > p.first)
    return "in operation for part of this period only (from " + iso_date(c.span.first) + ")";
  if (c.span.last < p.last)
    return "in operation for part of this period only (until " + iso_date(c.span.last) + ")";
  return "";
}

std::optional<FixedGroup> fixed_type_group(const Area& a) {
  if (!is_english_council(a)) return std::nullopt;
  switch (a.type) {
    case AreaType::kCounty: return FixedGroup::kCounty;
    case AreaType::kDistrict: return FixedGroup::kDistrict;
    case AreaType::kUnitary: return FixedGroup::kUnitary;
    case AreaType::kMetropolitanDistrict: return FixedGroup::kMetropolitanDistrict;
    case AreaType::kLondonBorough: return FixedGroup::kLondonBorough;
    default: return std::nullopt;
  }
}

// ---- Snapshot ---------------------------------------------------------------

const OnsNeighbourLists* Snapshot::ons_lists(const std::string& kind) const {
  if (!ons_) return nullptr;
  auto it = ons_->find(kind);
  return it == ons_->end() ? nullptr : &it->second;
}

std::optional<uint32_t> Snapshot::find_area(const std::string& code) const {
  auto it = areas_->index.find(code);
  if (it == areas_->index.end()) return std::nullopt;
  return it->second;
}
std::optional<uint32_t> Snapshot::find_metric(const std::string& id) const {
  auto it = metric_index_.find(id);
  if (it == metric_index_.end()) return std::nullopt;
  return it->second;
}
Result<uint32_t> Snapshot::find_visible_metric(const std::string& id, const Access& access) const {
  if (id.empty()) return invalid("parameter 'metric' is required");
  auto m = find_metric(id);
  // The same answer for a hidden metric as for one that does not exist.
  if (!m || !visible(*m, access)) return not_found("unknown metric '" + id + "'");
  return *m;
}
std::optional<uint32_t> Snapshot::find_period(const std::string& id) const {
  auto it = period_index_.find(id);
  if (it == period_index_.end()) return std::nullopt;
  return it->second;
}
const SnapshotGroup* Snapshot::find_custom_group(const std::string& id) const {
  for (const auto& g : custom_groups_)
    if (g.group.id == id) return &g;
  return nullptr;
}

const Column* Snapshot::column(uint32_t m, uint32_t p) const {
  const auto& cols = metrics_[m]->columns;
  auto it = std::lower_bound(cols.begin(), cols.end(), p,
                             [](const Column& c, uint32_t v) { return c.period < v; });
  return it != cols.end() && it->period == p ? &*it : nullptr;
}

CellState Snapshot::state(const Column& c, uint32_t area) const {
  const int32_t s = areas_->slot_of_area[area];
  return s < 0 ? CellState::kAbsent : c.state(s);
}
Marker Snapshot::marker(const Column& c, uint32_t area) const {
  const int32_t s = areas_->slot_of_area[area];
  return s < 0 ? Marker::kNone : c.marker(s);
}
std::optional<double> Snapshot::number(const Column& c, uint32_t area) const {
  const int32_t s = areas_->slot_of_area[area];
  if (s < 0 || c.state(s) != CellState::kNumber) return std::nullopt;
  return c.values[s];
}

int64_t Snapshot::cell_count() const {
  int64_t n = 0;
  for (const auto& m : metrics_)
    for (const auto& c : m->columns) n += static_cast<int64_t>(c.cells.size());
  return n;
}
int64_t Snapshot::column_bytes() const {
  int64_t n = 0;
  for (const auto& m : metrics_)
    for (const auto& c : m->columns)
      n += static_cast<int64_t>(sizeof(Column) + c.values.capacity() * sizeof(double) +
                                c.cells.capacity());
  return n;
}

std::shared_ptr<const Snapshot> Snapshot::with_custom_groups(
    const std::vector<CustomGroup>& groups) const {
  auto s = std::make_shared<Snapshot>(*this);
  s->custom_groups_.clear();
  for (const auto& g : groups) {
    SnapshotGroup sg{g, {}};
    for (const auto& code : g.area_codes)
      if (auto a = find_area(code)) sg.members.push_back(*a);
    std::sort(sg.members.begin(), sg.members.end());
    sg.members.erase(std::unique(sg.members.begin(), sg.members.end()), sg.members.end());
    s->custom_groups_.push_back(std::move(sg));
  }
  std::sort(s->custom_groups_.begin(), s->custom_groups_.end(),
            [](const SnapshotGroup& a, const SnapshotGroup& b) { return a.group.id < b.group.id; });
  return s;
}

Result<std::shared_ptr<const Snapshot>> Snapshot::with_ratio(const RatioDefinition& r) const {
  auto n = find_metric(r.numerator_metric);
  if (!n) return not_found("ratio '" + r.id + "': unknown numerator metric '" + r.numerator_metric + "'");
  auto d = find_metric(r.denominator_metric);
  if (!d) return not_found("ratio '" + r.id + "': unknown denominator metric '" + r.denominator_metric + "'");
  if (!std::isfinite(r.scale) || r.scale == 0)
    return invalid("ratio '" + r.id + "': scale must be a finite non-zero number");
  auto existing = find_metric(r.id);
  if (existing && !metrics_[*existing]->ratio)
    return conflict("ratio id '" + r.id + "' is already a published metric");
  auto data = compute_ratio(*areas_, *metrics_[*n], *metrics_[*d], r);
  if (!data) return data.error();
  auto s = std::make_shared<Snapshot>(*this);
  auto md = std::make_shared<const MetricData>(std::move(data).value());
  for (const auto& c : md->columns)
    for (uint8_t cell : c.cells) s->stored_values_ += (cell & 3) != 0;
  if (existing) {
    for (const auto& c : s->metrics_[*existing]->columns)
      for (uint8_t cell : c.cells) s->stored_values_ -= (cell & 3) != 0;
    s->metrics_[*existing] = std::move(md);
  } else {
    s->metric_index_.emplace(r.id, static_cast<uint32_t>(s->metrics_.size()));
    s->metrics_.push_back(std::move(md));
  }
  return std::shared_ptr<const Snapshot>(std::move(s));
}

// ---- SnapshotBuilder --------------------------------------------------------

struct SnapshotBuilder::State {
  SnapshotOptions options;
  std::vector<Area> areas;
  IdIndex area_index;
  std::vector<int32_t> slot_of_area;   // in order of first value; remapped in finish()
  std::vector<uint32_t> area_of_slot;
  std::vector<Period> periods;
  IdIndex period_index;
  std::vector<MetricData> metrics;
  IdIndex metric_index;
  std::unordered_map<uint64_t, uint32_t> column_of;  // metric << 32 | period -> column idx
  std::vector<RatioDefinition> ratios;
  std::vector<CustomGroup> groups;
  std::vector<ReleaseEntry> releases;
  std::vector<ReleaseMetricRows> release_rows;
  int64_t stored = 0;
  // One-entry caches: stores stream values grouped by metric and period.
  std::string last_metric, last_period, last_area;
  uint32_t last_metric_i = 0, last_period_i = 0, last_area_i = 0;
  uint32_t last_column = 0;
  bool column_cached = false;  // last_column belongs to last_metric_i/last_period_i
  // English councils get the first slots before the first value, today's
  // councils (slots 0..council_slots-1, by code) then past ones, every code
  // of a council sharing its slot. Council-only columns are allocated once
  // at their final size: growing and then copying them would leave heap
  // holes that the process cannot return to the system.
  bool slots_seeded = false;
  size_t council_slots = 0;
  std::vector<uint8_t> slot_used;  // per slot: holds a value (else dropped in finish)
  CouncilRegister councils;        // over `areas` as added
  std::vector<uint8_t> slot_codes;  // per slot: codes sharing it (1 for most)
  size_t seeded_slots = 0;          // slots 0..seeded_slots-1 are the councils'

  // Which code wrote a cell of a slot shared by several codes, keyed by
  // (metric, period, slot): the code the council had in the period wins.
  std::map<std::tuple<uint32_t, uint32_t, int32_t>, uint32_t> writer;

  void seed_council_slots();
  // True when area a's value should replace the one already held for its
  // council in this period.
  bool replaces(uint32_t a, int32_t slot);

  Status add(std::string_view area_code, std::string_view metric_id,
             std::string_view period_id, const std::optional<double>& number, Marker marker);
};

SnapshotBuilder::SnapshotBuilder(SnapshotOptions options) : s_(std::make_unique<State>()) {
  s_->options = std::move(options);
}
SnapshotBuilder::~SnapshotBuilder() = default;

void SnapshotBuilder::add_area(const Area& a) {
  auto [it, fresh] = s_->area_index.emplace(a.code, static_cast<uint32_t>(s_->areas.size()));
  if (!fresh) {
    s_->areas[it->second] = a;
    return;
  }
  s_->areas.push_back(a);
  s_->slot_of_area.push_back(-1);
}

void SnapshotBuilder::add_metric(const Metric& m) {
  auto [it, fresh] = s_->metric_index.emplace(m.id, static_cast<uint32_t>(s_->metrics.size()));
  if (!fresh) {
    s_->metrics[it->second].metric = m;
    s_->metrics[it->second].needs = needs_of(m.visibility);
    s_->metrics[it->second].organisations = m.organisations;
    return;
  }
  s_->metrics.push_back(
      MetricData{m, std::nullopt, {}, false, needs_of(m.visibility), m.organisations});
}

void SnapshotBuilder::add_period(const Period& p) {
  auto [it, fresh] = s_->period_index.emplace(p.id(), static_cast<uint32_t>(s_->periods.size()));
  if (fresh) s_->periods.push_back(p);
}

void SnapshotBuilder::add_ratio(const RatioDefinition& r) { s_->ratios.push_back(r); }
void SnapshotBuilder::add_release(const Release& r) { s_->releases.push_back({r, {}}); }
void SnapshotBuilder::add_release_rows(const ReleaseMetricRows& rows) {
  s_->release_rows.push_back(rows);
}
void SnapshotBuilder::add_group(const CustomGroup& g) { s_->groups.push_back(g); }

Status SnapshotBuilder::add_value(const std::string& area_code, const std::string& metric_id,
                                  const std::string& period_id, const Value& v) {
  return s_->add(area_code, metric_id, period_id, v.number, v.marker);
}

Status SnapshotBuilder::add_row(const CurrentValueRow& row) {
  return s_->add(row.area_code, row.metric_id, row.period_id, row.number, row.marker);
}

void SnapshotBuilder::State::seed_council_slots() {
  slots_seeded = true;
  councils = CouncilRegister::build(areas);
  // Each English council by its newest code: today's first, then past ones.
  std::vector<uint32_t> order;
  for (uint32_t c = 0; c < councils.size(); ++c)
    if (is_english_council(areas[councils.council(c).codes.back()])) order.push_back(c);
  auto newest = [&](uint32_t c) -> const std::string& {
    return areas[councils.council(c).codes.back()].code;
  };
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const bool ca = councils.council(a).current, cb = councils.council(b).current;
    return ca != cb ? ca : newest(a) < newest(b);
  });
  for (uint32_t c : order) {
    const Council& k = councils.council(c);
    if (k.current) ++council_slots;
    for (uint32_t a : k.codes) slot_of_area[a] = static_cast<int32_t>(area_of_slot.size());
    area_of_slot.push_back(k.codes.back());
    slot_codes.push_back(static_cast<uint8_t>(std::min<size_t>(k.codes.size(), 255)));
    slot_used.push_back(0);
  }
  seeded_slots = area_of_slot.size();
}

bool SnapshotBuilder::State::replaces(uint32_t a, int32_t slot) {
  const auto key = std::make_tuple(last_metric_i, last_period_i, slot);
  auto [it, fresh] = writer.emplace(key, a);
  if (fresh) return true;  // the cell was written before the writer was known
  const uint32_t c = static_cast<uint32_t>(councils.council_of(a));
  const uint32_t then = councils.code_in(c, period_span(periods[last_period_i]));
  if (it->second == then) return false;
  if (a != then) {
    // Neither is the code of the period: the newer code wins.
    const auto& codes = councils.council(c).codes;
    if (std::find(codes.begin(), codes.end(), a) < std::find(codes.begin(), codes.end(), it->second))
      return false;
  }
  it->second = a;
  return true;
}

Status SnapshotBuilder::State::add(std::string_view area_code, std::string_view metric_id,
                                   std::string_view period_id,
                                   const std::optional<double>& number, Marker marker) {
  State& s = *this;
  if (s.last_metric.empty() || metric_id != s.last_metric) {
    auto it = s.metric_index.find(metric_id);
    if (it == s.metric_index.end())
      return not_found("value for unknown metric '" + std::string(metric_id) + "'");
    s.last_metric.assign(metric_id);
    s.last_metric_i = it->second;
    s.column_cached = false;
  }
  if (s.last_period.empty() || period_id != s.last_period) {
    auto it = s.period_index.find(period_id);
    if (it == s.period_index.end())
      return not_found("value for unknown period '" + std::string(period_id) + "'");
    s.last_period.assign(period_id);
    s.last_period_i = it->second;
    s.column_cached = false;
  }
  if (s.last_area.empty() || area_code != s.last_area) {
    auto it = s.area_index.find(area_code);
    if (it == s.area_index.end())
      return not_found("value for unknown area '" + std::string(area_code) + "'");
    s.last_area.assign(area_code);
    s.last_area_i = it->second;
  }
  if (!s.slots_seeded) s.seed_council_slots();
  int32_t& slot = s.slot_of_area[s.last_area_i];
  if (slot < 0) {
    slot = static_cast<int32_t>(s.area_of_slot.size());
    s.area_of_slot.push_back(s.last_area_i);
    s.slot_codes.push_back(1);
    s.slot_used.push_back(0);
  }
  s.slot_used[slot] = 1;
  MetricData& md = s.metrics[s.last_metric_i];
  if (!s.column_cached) {
    const uint64_t key = (static_cast<uint64_t>(s.last_metric_i) << 32) | s.last_period_i;
    auto [cit, fresh] = s.column_of.emplace(key, static_cast<uint32_t>(md.columns.size()));
    if (fresh) {
      md.columns.emplace_back();
      md.columns.back().period = s.last_period_i;
    }
    s.last_column = cit->second;
    s.column_cached = true;
  }
  Column& c = md.columns[s.last_column];
  if (c.cells.size() <= static_cast<size_t>(slot)) {
    // A council slot: the council block; else grow geometrically over the
    // slots seen so far. Trimmed in finish().
    const size_t want = std::max<size_t>(
        static_cast<size_t>(slot) + 1,
        static_cast<size_t>(slot) < s.council_slots ? s.council_slots : s.area_of_slot.size());
    c.values.resize(want, 0.0);
    c.cells.resize(want, 0);
  }
  if (s.slot_codes[slot] > 1) {
    // Two codes of one council: keep the value of the code it had then.
    const bool filled = (c.cells[slot] & 3) != 0;
    if (!s.replaces(s.last_area_i, slot) && filled) return ok_status();
  }
  if ((c.cells[slot] & 3) == 0) ++s.stored;
  if (number) {
    c.values[slot] = *number;
    c.cells[slot] = make_cell(CellState::kNumber, marker);
  } else {
    c.values[slot] = 0;
    c.cells[slot] = make_cell(CellState::kWithheld, marker);
  }
  return ok_status();
}

Result<std::shared_ptr<const Snapshot>> SnapshotBuilder::finish() {
  State& s = *s_;
  if (!s.slots_seeded) s.seed_council_slots();  // no values were added
  auto snap = std::make_shared<Snapshot>();
  snap->stored_values_ = s.stored;

  // Areas sorted by code; slots keep their order, remapped to new indices.
  std::vector<uint32_t> order(s.areas.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return s.areas[a].code < s.areas[b].code; });
  auto table = std::make_shared<AreaTable>();
  table->areas.reserve(order.size());
  table->slot_of_area.reserve(order.size());
  for (uint32_t i = 0; i < order.size(); ++i) {
    table->areas.push_back(std::move(s.areas[order[i]]));
    table->slot_of_area.push_back(s.slot_of_area[order[i]]);
    table->index.emplace(table->areas.back().code, i);
  }
  // Slots renumbered: the seeded council slots first (today's councils,
  // then past ones), then the other areas holding values, by code; columns
  // are trimmed after their last used slot, so council-only metrics hold no
  // cells for the other areas. Slots that hold no value are dropped (no cell
  // uses them), so "no slot" still means "holds no values".
  std::vector<uint32_t> sorted_of(order.size());
  for (uint32_t i = 0; i < order.size(); ++i) sorted_of[order[i]] = i;
  const size_t seeded = s.seeded_slots;
  std::vector<uint32_t> used;
  for (uint32_t old = 0; old < s.area_of_slot.size(); ++old)
    if (s.slot_used[old]) used.push_back(old);
  std::stable_sort(used.begin(), used.end(), [&](uint32_t a, uint32_t b) {
    const bool sa = a < seeded, sb = b < seeded;
    if (sa != sb) return sa;
    if (sa) return a < b;  // seeded in their final order
    return table->areas[sorted_of[s.area_of_slot[a]]].code <
           table->areas[sorted_of[s.area_of_slot[b]]].code;
  });
  std::vector<uint32_t> new_slot(s.area_of_slot.size(), UINT32_MAX);
  for (uint32_t old : used) {
    new_slot[old] = static_cast<uint32_t>(table->area_of_slot.size());
    table->area_of_slot.push_back(sorted_of[s.area_of_slot[old]]);
  }
  for (int32_t& slot : table->slot_of_area)
    slot = slot >= 0 && new_slot[slot] != UINT32_MAX ? static_cast<int32_t>(new_slot[slot]) : -1;
  table->councils = CouncilRegister::build(table->areas);
  for (uint32_t i = 0; i < table->areas.size(); ++i)
    if (is_english_council(table->areas[i]) && table->areas[i].type == AreaType::kDistrict)
      table->districts.push_back(i);

  // Periods by sort key; columns remapped and sorted.
  std::vector<uint32_t> porder(s.periods.size());
  for (uint32_t i = 0; i < porder.size(); ++i) porder[i] = i;
  std::sort(porder.begin(), porder.end(), [&](uint32_t a, uint32_t b) {
    return s.periods[a].sort_key() < s.periods[b].sort_key() ||
           (s.periods[a].sort_key() == s.periods[b].sort_key() &&
            s.periods[a].id() < s.periods[b].id());
  });
  std::vector<uint32_t> pnew(porder.size());
  for (uint32_t i = 0; i < porder.size(); ++i) {
    pnew[porder[i]] = i;
    snap->periods_.push_back(s.periods[porder[i]]);
    snap->period_index_.emplace(snap->periods_.back().id(), i);
  }
  s.column_of.clear();
  s.writer.clear();
  table->period_spans.reserve(snap->periods_.size() + 1);
  for (const Period& p : snap->periods_) table->period_spans.push_back(period_span(p));
  table->period_spans.push_back({kMaxDay, kMaxDay});  // now(): today's councils
  for (const DaySpan& span : table->period_spans) table->fixed.push_back(fixed_groups_in(*table, span));

  // Renumber and trim the columns' slots, then the fixed-group statistics,
  // split over the machine's cores by metric (each metric is independent).
  const size_t nthreads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
  auto work = [&](size_t t) {
    std::vector<double> buf;
    for (size_t m = t; m < s.metrics.size(); m += nthreads) {
      MetricData& md = s.metrics[m];
      for (Column& c : md.columns) {
        c.period = pnew[c.period];
        renumber_slots(c, new_slot);
        compute_fixed(*table, c, buf);
      }
      std::sort(md.columns.begin(), md.columns.end(),
                [](const Column& a, const Column& b) { return a.period < b.period; });
      md.lower_tier = any_district_number(*table, md);
    }
  };
  std::vector<std::thread> threads;
  for (size_t t = 1; t < nthreads; ++t) threads.emplace_back(work, t);
  work(0);
  for (auto& th : threads) th.join();

  snap->areas_ = table;
  // Releases by id; their rows per metric, by metric index.
  std::sort(s.releases.begin(), s.releases.end(),
            [](const ReleaseEntry& a, const ReleaseEntry& b) { return a.release.id < b.release.id; });
  for (const auto& rr : s.release_rows) {
    auto r = std::lower_bound(s.releases.begin(), s.releases.end(), rr.release_id,
                              [](const ReleaseEntry& e, int64_t id) { return e.release.id < id; });
    auto m = s.metric_index.find(rr.metric_id);
    if (r == s.releases.end() || r->release.id != rr.release_id || m == s.metric_index.end())
      return internal("release " + std::to_string(rr.release_id) + " counts rows of unknown metric '" +
                      rr.metric_id + "'");
    r->metric_rows.emplace_back(m->second, rr.rows);
  }
  for (const auto& r : s.releases) {
    ++snap->generation_.releases;
    snap->generation_.max_release_id = std::max(snap->generation_.max_release_id, r.release.id);
  }
  snap->releases_ = std::make_shared<const std::vector<ReleaseEntry>>(std::move(s.releases));
  for (auto& md : s.metrics) {
    snap->metric_index_.emplace(md.metric.id, static_cast<uint32_t>(snap->metrics_.size()));
    snap->metrics_.push_back(std::make_shared<const MetricData>(std::move(md)));
  }
  s.metrics.clear();

  std::shared_ptr<const Snapshot> out = snap;
  // Stored ratios first: a catalogue ratio of the same id replaces one.
  std::vector<RatioDefinition> ratios = s.ratios;
  ratios.insert(ratios.end(), s.options.catalogue_ratios.begin(), s.options.catalogue_ratios.end());
  for (const auto& r : ratios) {
    // A stored ratio whose inputs are gone is skipped, not fatal: the
    // service must still start. validate_ratio() reports it on creation.
    auto next = out->with_ratio(r);
    if (next) out = next.value();
  }
  auto mutable_out = std::make_shared<Snapshot>(*out->with_custom_groups(s.groups));
  if (s.options.catalogue_only) return std::shared_ptr<const Snapshot>(std::move(mutable_out));

  if (!s.options.groupings_dir.empty()) {
    auto lists = std::make_shared<std::unordered_map<std::string, OnsNeighbourLists>>();
    for (const char* kind : {"global", "economic", "demographic"}) {
      auto r = read_ons_neighbour_lists(s.options.groupings_dir + "/ons_similar_areas_" +
                                        kind + "-neighbours.csv");
      if (!r) return r.error();
      lists->emplace(std::string("ons-") + kind, std::move(r).value());
    }
    mutable_out->ons_ = std::move(lists);
  }
  NeighbourOptions nopt;
  nopt.k = s.options.neighbours_k;
  mutable_out->neighbours_ = std::make_shared<const NeighbourModel>(
      NeighbourModel::build(*mutable_out, nopt));
  return std::shared_ptr<const Snapshot>(std::move(mutable_out));
}

Result<StoreGeneration> read_generation(Store& store) {
  auto releases = store.list_releases();
  if (!releases) return releases.error();
  StoreGeneration g;
  g.releases = static_cast<int64_t>(releases->size());
  for (const Release& r : *releases) g.max_release_id = std::max(g.max_release_id, r.id);
  return g;
}

Result<std::shared_ptr<const Snapshot>> build_snapshot(Store& store,
                                                       const SnapshotOptions& options) {
  SnapshotBuilder b(options);
  // Releases first: a release loaded while this build reads the rest is
  // then seen at the next refresh (its generation is not in this snapshot).
  auto releases = store.list_releases();
  if (!releases) return releases.error();
  for (const auto& r : *releases) b.add_release(r);
  auto release_rows = store.list_release_metrics();
  if (!release_rows) return release_rows.error();
  auto areas = store.list_areas();
  if (!areas) return areas.error();
  for (const auto& a : *areas) b.add_area(a);
  auto metrics = store.list_metrics();
  if (!metrics) return metrics.error();
  for (const auto& m : *metrics) b.add_metric(m);
  auto periods = store.list_periods();
  if (!periods) return periods.error();
  for (const auto& p : *periods) b.add_period(p);
  for (const auto& rr : *release_rows)
    if (std::any_of(releases->begin(), releases->end(),
                    [&](const Release& r) { return r.id == rr.release_id; }))
      b.add_release_rows(rr);
  if (options.catalogue_only) return b.finish();
  Status inner = ok_status();
  // The lean stream: no published text, marker text or note per row.
  Status st = store.for_each_current_value_row([&](const CurrentValueRow& row) {
    if (!inner) return;
    inner = b.add_row(row);
  });
  if (!st) return st.error();
  if (!inner) return internal("store holds " + inner.error().message);
  auto groups = store.list_groups();
  if (!groups) return groups.error();
  for (const auto& g : *groups) b.add_group(g);
  auto ratios = store.list_ratios();
  if (!ratios) return ratios.error();
  for (const auto& r : *ratios) b.add_ratio(r);
  return b.finish();
}

}  // namespace lgb
