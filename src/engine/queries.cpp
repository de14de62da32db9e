#include "engine/queries.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace lgb {
namespace {

struct Located {
  uint32_t metric = 0;
  const MetricData* md = nullptr;
  const Column* col = nullptr;
};

Result<Located> locate_column(const Snapshot& s, const Access& access,
                              const std::string& metric_id, const std::string& period_id) {
  auto m = s.find_visible_metric(metric_id, access);
  if (!m) return m.error();
  const MetricData& md = s.metric(*m);
  if (md.columns.empty()) return not_found("metric '" + metric_id + "' has no values");
  if (period_id.empty()) return Located{*m, &md, &md.columns.back()};
  auto p = s.find_period(period_id);
  if (!p) return not_found("unknown period '" + period_id + "'");
  const Column* c = s.column(*m, *p);
  if (!c) return not_found("metric '" + metric_id + "' has no values for period '" + period_id + "'");
  return Located{*m, &md, c};
}

// The latest earlier column of the same period kind (fy with fy, ...).
const Column* previous_column(const Snapshot& s, const MetricData& md, const Column* c) {
  const PeriodKind kind = s.periods()[c->period].kind;
  for (auto it = md.columns.rbegin(); it != md.columns.rend(); ++it)
    if (it->period < c->period && s.periods()[it->period].kind == kind) return &*it;
  return nullptr;
}

Result<uint32_t> find_area_param(const Snapshot& s, const std::string& code) {
  if (code.empty()) return invalid("parameter 'area' is required");
  if (!is_gss_code(code))
    return invalid("area code must be a GSS code such as E08000035, not '" + code + "'");
  auto a = s.find_area(code);
  if (!a) return not_found("unknown area '" + code + "'");
  return *a;
}

// The comparator group, for a focus area when one is named; "england" when
// no group is given.
Result<Comparators> resolve_group_for(const Snapshot& s, const std::string& group,
                                      const std::string& area_code, uint32_t period) {
  std::optional<uint32_t> focus;
  if (!area_code.empty()) {
    auto a = find_area_param(s, area_code);
    if (!a) return a.error();
    focus = *a;
  }
  return resolve_group(s, group.empty() ? "england" : group, focus, period);
}

// The members of a set for one column: a member in operation for part of
// the period only that published nothing for it is an exclusion rather
// than a missing value (docs/methods.md); the focus always stays.
struct Roster {
  std::vector<uint32_t> areas;
  std::vector<Exclusion> excluded;
};
Roster roster_for(const Snapshot& s, const MemberSet& set, const Column& col, int64_t focus_member) {
  Roster r;
  r.excluded = set.excluded;
  r.areas.reserve(set.areas.size());
  const CouncilRegister& reg = s.area_table().councils;
  for (size_t i = 0; i < set.areas.size(); ++i) {
    const uint32_t a = set.areas[i];
    if (set.partial[i] && a != focus_member && s.state(col, a) == CellState::kAbsent) {
      const Council& k = reg.council(static_cast<uint32_t>(reg.council_of(a)));
      r.excluded.push_back({a, s.areas()[a].code, s.areas()[a].name,
                            operation_note(k, s.period_span(col.period)) +
                                " and nothing was published for it"});
      continue;
    }
    r.areas.push_back(a);
  }
  return r;
}

std::string code_and_name(const Snapshot& s, uint32_t a) {
  return s.areas()[a].name + " (" + s.areas()[a].code + ")";
}

// Direction of travel of the focus council: across a code change it
// follows the council (its codes share one slot) and says so; for a
// council formed by a merger or split, earlier figures belong to other
// councils, so it says plainly that they are not comparable.
Trend council_trend(const Snapshot& s, const MetricData& md, const Column& col, uint32_t focus,
                    std::optional<double> value, std::string& previous_period_id) {
  const Column* prev = previous_column(s, md, &col);
  if (!prev) return {};
  previous_period_id = s.periods()[prev->period].id();
  Trend t = trend_between(s.number(*prev, focus), value, md.metric.polarity);
  const CouncilRegister& reg = s.area_table().councils;
  const uint32_t c = static_cast<uint32_t>(reg.council_of(focus));
  const Council& k = reg.council(c);
  const DaySpan& now = s.period_span(col.period);
  const DaySpan& before = s.period_span(prev->period);
  if (t.previous) {
    const uint32_t was = reg.code_in(c, before), is = reg.code_in(c, now);
    if (was != is)
      t.note = "followed across the code change from " + s.areas()[was].code + " to " +
               s.areas()[is].code + " (the same council)";
  } else if (!k.predecessors.empty() && k.span.first > before.first) {
    std::string from;
    for (uint32_t p : k.predecessors) from += (from.empty() ? "" : ", ") + code_and_name(s, p);
    t.note = code_and_name(s, focus) + " began on " + iso_date(k.span.first) + ", formed from " +
             from + ": figures before then are for other councils, so not comparable";
  }
  return t;
}

int rank_in(const std::vector<double>& sorted, double x, Polarity p) {
  if (p == Polarity::kLowerIsBetter)
    return static_cast<int>(std::lower_bound(sorted.begin(), sorted.end(), x) - sorted.begin()) + 1;
  return static_cast<int>(sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), x)) + 1;
}

bool has_tag(const std::vector<std::string>& tags, const std::string& want) {
  return want.empty() || std::find(tags.begin(), tags.end(), want) != tags.end();
}

}  // namespace

Result<Comparison> compare(const Snapshot& s, const Access& access, const std::string& metric_id,
                           const std::string& area_code, const std::string& group,
                           const std::string& period_id) {
  auto loc = locate_column(s, access, metric_id, period_id);
  if (!loc) return loc.error();
  auto focus = find_area_param(s, area_code);
  if (!focus) return focus.error();
  const MetricData& md = *loc->md;
  const Column& col = *loc->col;
  auto comp = resolve_group(s, group.empty() ? "england" : group, *focus, col.period);
  if (!comp) return comp.error();
  const MemberSet& set = comp->for_metric(md);
  Roster roster = roster_for(s, set, col, comp->focus_member);

  Comparison out;
  out.metric_id = md.metric.id;
  out.metric_title = md.metric.title;
  out.unit = md.metric.unit;
  out.polarity = md.metric.polarity;
  out.measure = md.metric.measure;
  out.decimals = md.metric.decimals;
  out.period_id = s.periods()[col.period].id();
  out.area_code = area_code;
  out.area_name = s.areas()[*focus].name;
  out.group_id = comp->id;
  out.group_label = set.label;
  out.focus_note = comp->focus_note;

  std::vector<double> numbers;
  int missing = 0, withheld = 0;
  for (uint32_t a : roster.areas) {
    const CellState st = s.state(col, a);
    if (st == CellState::kNumber) numbers.push_back(*s.number(col, a));
    else if (st == CellState::kWithheld) ++withheld;
    else ++missing;
  }
  std::sort(numbers.begin(), numbers.end());
  if (!numbers.empty()) {
    out.stats = describe_sorted(numbers);
    out.stats->missing = missing;
    out.stats->withheld = withheld;
  }
  out.state = s.state(col, *focus);
  out.marker = s.marker(col, *focus);
  out.value = s.number(col, *focus);
  if (out.value && out.stats) out.position = locate(*out.value, numbers, *out.stats, out.polarity);
  out.trend = council_trend(s, md, col, *focus, out.value, out.previous_period_id);
  for (uint32_t a : roster.areas) {
    MemberValue mv;
    mv.focus = static_cast<int64_t>(a) == comp->focus_member;
    mv.code = s.areas()[a].code;
    mv.name = s.areas()[a].name;
    mv.state = s.state(col, a);
    mv.marker = s.marker(col, a);
    mv.value = s.number(col, a);
    if (mv.value) mv.rank = rank_in(numbers, *mv.value, out.polarity);
    out.members.push_back(std::move(mv));
  }
  out.excluded = std::move(roster.excluded);
  return out;
}

Result<Summary> summarise(const Snapshot& s, const Access& access, const std::string& metric_id,
                          const std::string& group, const std::string& period_id,
                          const std::string& area_code) {
  auto loc = locate_column(s, access, metric_id, period_id);
  if (!loc) return loc.error();
  auto comp = resolve_group_for(s, group, area_code, loc->col->period);
  if (!comp) return comp.error();
  const MemberSet& set = comp->for_metric(*loc->md);
  const Roster roster = roster_for(s, set, *loc->col, comp->focus_member);
  Summary out;
  out.metric_id = metric_id;
  out.period_id = s.periods()[loc->col->period].id();
  out.group_id = comp->id;
  out.group_label = set.label;
  out.members = static_cast<int>(roster.areas.size());
  out.excluded = static_cast<int>(roster.excluded.size());
  std::vector<double> numbers;
  for (uint32_t a : roster.areas) {
    const CellState st = s.state(*loc->col, a);
    if (st == CellState::kNumber) numbers.push_back(*s.number(*loc->col, a));
    else if (st == CellState::kWithheld) ++out.withheld;
    else ++out.missing;
  }
  std::sort(numbers.begin(), numbers.end());
  if (!numbers.empty()) {
    out.stats = describe_sorted(numbers);
    out.stats->missing = out.missing;
    out.stats->withheld = out.withheld;
  }
  return out;
}

Result<Ranking> rank(const Snapshot& s, const Access& access, const std::string& metric_id,
                     const std::string& group, const std::string& period_id, int top,
                     const std::string& area_code) {
  if (top < 1 || top > 1000) return invalid("parameter 'top' must be between 1 and 1000");
  auto loc = locate_column(s, access, metric_id, period_id);
  if (!loc) return loc.error();
  const MetricData& md = *loc->md;
  const Column& col = *loc->col;
  auto comp = resolve_group_for(s, group, area_code, col.period);
  if (!comp) return comp.error();
  const MemberSet& set = comp->for_metric(md);
  const Roster roster = roster_for(s, set, col, comp->focus_member);
  Ranking out;
  out.metric_id = md.metric.id;
  out.metric_title = md.metric.title;
  out.period_id = s.periods()[col.period].id();
  out.group_id = comp->id;
  out.group_label = set.label;
  out.polarity = md.metric.polarity;
  out.excluded = static_cast<int>(roster.excluded.size());
  std::vector<std::pair<double, uint32_t>> rows;
  for (uint32_t a : roster.areas) {
    const CellState st = s.state(col, a);
    if (st == CellState::kNumber) rows.emplace_back(*s.number(col, a), a);
    else if (st == CellState::kWithheld) ++out.withheld;
    else ++out.missing;
  }
  out.count = static_cast<int>(rows.size());
  const Polarity p = md.metric.polarity;
  // Best first; equal values by code (area index order is code order).
  std::sort(rows.begin(), rows.end(), [p](const auto& a, const auto& b) {
    if (a.first != b.first) return is_better(a.first, b.first, p);
    return a.second < b.second;
  });
  std::vector<int> ranks(rows.size());
  for (size_t i = 0; i < rows.size(); ++i)
    ranks[i] = (i > 0 && rows[i].first == rows[i - 1].first) ? ranks[i - 1] : static_cast<int>(i) + 1;
  auto make = [&](size_t i) {
    const Area& a = s.areas()[rows[i].second];
    return RankedArea{a.code, a.name, rows[i].first, ranks[i]};
  };
  const size_t n = std::min<size_t>(static_cast<size_t>(top), rows.size());
  for (size_t i = 0; i < n; ++i) out.top.push_back(make(i));
  for (size_t i = 0; i < n; ++i) out.bottom.push_back(make(rows.size() - 1 - i));
  return out;
}

Result<OutlierScan> scan_outliers(const Snapshot& s, const Access& access, const OutlierQuery& q) {
  if (q.top < 1 || q.top > 1000) return invalid("parameter 'top' must be between 1 and 1000");
  if (!(q.threshold >= 0) || !std::isfinite(q.threshold))
    return invalid("parameter 'threshold' must be a non-negative number");
  auto focus = find_area_param(s, q.area_code);
  if (!focus) return focus.error();
  std::optional<uint32_t> period;
  if (!q.period_id.empty()) {
    period = s.find_period(q.period_id);
    if (!period) return not_found("unknown period '" + q.period_id + "'");
  }
  const std::string group = q.group.empty() ? "england" : q.group;
  // Groups hold the councils of each metric's period: resolved once per
  // period the scan meets, with their members' slots.
  struct PeriodGroup {
    Comparators comp;
    std::vector<uint32_t> lower_slots, upper_slots;
  };
  const auto& slot_of = s.area_table().slot_of_area;
  auto slots_of = [&](const MemberSet& m) {
    std::vector<uint32_t> v;
    for (uint32_t a : m.areas)
      if (slot_of[a] >= 0) v.push_back(static_cast<uint32_t>(slot_of[a]));
    return v;
  };
  std::vector<std::unique_ptr<PeriodGroup>> by_period(s.periods().size() + 1);
  auto group_in = [&](uint32_t p) -> Result<const PeriodGroup*> {
    auto& g = by_period[p];
    if (!g) {
      auto comp = resolve_group(s, group, *focus, p);
      if (!comp) return comp.error();
      g = std::make_unique<PeriodGroup>();
      g->comp = std::move(*comp);
      g->lower_slots = slots_of(g->comp.lower);
      g->upper_slots = slots_of(g->comp.upper);
    }
    return g.get();
  };
  // The group as of the period asked, or today: its errors and its label.
  auto first = group_in(period ? *period : s.now());
  if (!first) return first.error();
  const Comparators* comp = &(*first)->comp;

  OutlierScan out;
  out.area_code = q.area_code;
  out.area_name = s.areas()[*focus].name;
  out.group_id = comp->id;
  out.group_label = comp->upper.label == comp->lower.label
                        ? comp->upper.label
                        : comp->lower.label + " or " + comp->upper.label + " (by metric)";
  out.threshold = q.threshold;

  const int32_t focus_slot = slot_of[*focus];
  if (focus_slot < 0) return out;  // the area holds no values at all

  struct Hit {
    uint32_t metric;
    const Column* col;
    const PeriodGroup* group;
    double x;
    RobustScale scale;
    RobustZ z;
  };
  std::vector<Hit> hits;
  std::vector<double> buf;
  for (uint32_t m = 0; m < s.metric_count(); ++m) {
    const MetricData& md = s.metric(m);
    if (md.columns.empty()) continue;
    if (!s.visible(m, access)) continue;
    if (md.metric.measure == MeasureKind::kCount && !q.include_counts) {
      ++out.counts_left_out;
      continue;
    }
    if (!has_tag(md.metric.themes, q.theme) || !has_tag(md.metric.services, q.service) ||
        !has_tag(md.metric.directorates, q.directorate) ||
        !has_tag(md.metric.portfolios, q.portfolio))
      continue;
    const Column* col = period ? s.column(m, *period) : &md.columns.back();
    if (!col) continue;
    ++out.metrics_considered;
    if (col->state(focus_slot) != CellState::kNumber) continue;
    const double x = col->values[focus_slot];
    auto pg = group_in(col->period);
    if (!pg) return pg.error();
    const MemberSet& set = (*pg)->comp.for_metric(md);
    RobustScale scale;
    if (set.fixed >= 0) {
      scale = col->fixed[set.fixed];
    } else {
      buf.clear();
      for (uint32_t sl : md.lower_tier ? (*pg)->lower_slots : (*pg)->upper_slots)
        if (col->state(sl) == CellState::kNumber) buf.push_back(col->values[sl]);
      if (!buf.empty()) scale = robust_scale_in_place(buf);
    }
    if (scale.n == 0) continue;
    ++out.metrics_compared;
    const RobustZ z = robust_z(x, scale);
    if (std::fabs(z.z) >= q.threshold && z.method != ZMethod::kConstant)
      hits.push_back({m, col, *pg, x, scale, z});
  }
  out.flagged = static_cast<int>(hits.size());
  const size_t n = std::min<size_t>(static_cast<size_t>(q.top), hits.size());
  std::partial_sort(hits.begin(), hits.begin() + n, hits.end(), [&](const Hit& a, const Hit& b) {
    const double za = std::fabs(a.z.z), zb = std::fabs(b.z.z);
    if (za != zb) return za > zb;
    return s.metric(a.metric).metric.id < s.metric(b.metric).metric.id;
  });
  for (size_t i = 0; i < n; ++i) {
    const Hit& h = hits[i];
    const MetricData& md = s.metric(h.metric);
    const Polarity p = md.metric.polarity;
    OutlierItem it;
    it.metric_id = md.metric.id;
    it.title = md.metric.title;
    it.unit = md.metric.unit;
    it.period_id = s.periods()[h.col->period].id();
    it.polarity = p;
    it.measure = md.metric.measure;
    it.decimals = md.metric.decimals;
    it.value = h.x;
    it.group_median = h.scale.median;
    it.z = h.z;
    it.above = h.x > h.scale.median;
    int better = 0, count = 0;
    for (uint32_t sl : md.lower_tier ? h.group->lower_slots : h.group->upper_slots) {
      if (h.col->state(sl) != CellState::kNumber) continue;
      ++count;
      if (is_better(h.col->values[sl], h.x, p)) ++better;
    }
    it.rank = better + 1;
    it.of = count;
    if (p == Polarity::kNeither) it.assessment = "different";
    else it.assessment = is_better(h.x, h.scale.median, p) ? "better" : "worse";
    it.trend = council_trend(s, md, *h.col, *focus, h.x, it.previous_period_id);
    it.concern = it.assessment == "worse" && it.trend.direction == Direction::kWorsening;
    out.items.push_back(std::move(it));
  }
  return out;
}

Result<NeighbourList> neighbours(const Snapshot& s, const Access&, const std::string& area_code) {
  auto a = find_area_param(s, area_code);
  if (!a) return a.error();
  if (!s.neighbour_model()) return internal("neighbour model not built");
  return s.neighbour_model()->explain(s, *a);
}

Status validate_ratio(const Snapshot& s, const Access& access, const RatioDefinition& r) {
  if (r.id.empty()) return invalid("ratio needs an id");
  for (char ch : r.id)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'))
      return invalid("ratio id '" + r.id + "' must use only a-z, 0-9 and '-'");
  // One message whoever holds the id, so that a refusal says nothing about
  // a metric the caller may not see.
  if (s.find_metric(r.id)) return conflict("the id '" + r.id + "' is already in use");
  for (const auto* id : {&r.numerator_metric, &r.denominator_metric}) {
    auto m = s.find_metric(*id);
    if (!m || !s.visible(*m, access))
      return not_found("ratio '" + r.id + "': unknown " +
                       (id == &r.numerator_metric ? "numerator" : "denominator") + " metric '" +
                       *id + "'");
  }
  if (!std::isfinite(r.scale) || r.scale == 0)
    return invalid("ratio '" + r.id + "': scale must be a finite non-zero number");
  if (r.decimals < 0 || r.decimals > 10) return invalid("ratio '" + r.id + "': decimals must be 0-10");
  return ok_status();
}

std::vector<RatioDefinition> visible_ratios(const Snapshot& s, const Access& access) {
  std::vector<RatioDefinition> out;
  for (uint32_t m = 0; m < s.metric_count(); ++m)
    if (s.metric(m).ratio && s.visible(m, access)) out.push_back(*s.metric(m).ratio);
  std::sort(out.begin(), out.end(),
            [](const RatioDefinition& a, const RatioDefinition& b) { return a.id < b.id; });
  return out;
}

}  // namespace lgb
