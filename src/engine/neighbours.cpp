#include "engine/neighbours.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

#include "engine/snapshot.h"

namespace lgb {

const std::vector<uint32_t> NeighbourModel::kEmpty;

std::vector<NeighbourFeature> default_neighbour_features() {
  return {
      {"log-population", "resident-population", "", true, 1.5},
      {"log-density", "resident-population", "area-km2", true, 1.5},
      {"claimant-count", "claimant-count", "", false, 0.5},
      {"modelled-unemployment-rate", "modelled-unemployment-rate", "", false, 0.5},
      {"housing-affordability-ratio", "housing-affordability-ratio-residence-based", "", false, 1.0},
      {"gcses-in-english-and-maths", "gcses-in-english-and-maths", "", false, 1.0},
      {"greenhouse-gas-emissions", "greenhouse-gas-emissions", "", false, 1.0},
      {"gigabit-capable-broadband", "gigabit-capable-broadband", "", false, 0.5},
  };
}

std::string_view to_string(TierSet t) {
  switch (t) {
    case TierSet::kCounty: return "county";
    case TierSet::kDistrict: return "district";
    case TierSet::kSingleTier: return "single-tier";
  }
  return "single-tier";
}

namespace {

std::optional<TierSet> tier_set_of(const Area& a) {
  if (!is_current_english_council(a)) return std::nullopt;
  if (a.type == AreaType::kCounty) return TierSet::kCounty;
  if (a.type == AreaType::kDistrict) return TierSet::kDistrict;
  return TierSet::kSingleTier;
}

// The area's latest published number for the metric (latest period first).
std::optional<double> latest(const Snapshot& s, const std::optional<uint32_t>& m, uint32_t area) {
  if (!m) return std::nullopt;
  const auto& cols = s.metric(*m).columns;
  for (auto it = cols.rbegin(); it != cols.rend(); ++it)
    if (auto v = s.number(*it, area)) return v;
  return std::nullopt;
}

std::optional<double> feature_value(const Snapshot& s, const NeighbourFeature& f, uint32_t area) {
  auto v = latest(s, s.find_metric(f.metric_id), area);
  if (!v) return std::nullopt;
  double x = *v;
  if (!f.denominator_metric.empty()) {
    auto d = latest(s, s.find_metric(f.denominator_metric), area);
    if (!d || *d == 0) return std::nullopt;
    x /= *d;
  }
  if (f.log) {
    if (!(x > 0)) return std::nullopt;
    x = std::log(x);
  }
  return x;
}

}  // namespace

NeighbourModel NeighbourModel::build(const Snapshot& s, const NeighbourOptions& opt) {
  NeighbourModel model;
  model.k_ = opt.k;
  const auto& areas = s.areas();
  model.entries_.resize(areas.size());
  const size_t nf = opt.features.size();

  for (int set = 0; set < 3; ++set) {
    std::vector<uint32_t> members;  // ascending index = ascending code
    for (uint32_t a = 0; a < areas.size(); ++a) {
      auto t = tier_set_of(areas[a]);
      if (t && static_cast<int>(*t) == set) members.push_back(a);
    }
    auto& uses = model.uses_[set];
    std::vector<std::vector<std::optional<double>>> raw(nf);
    for (size_t f = 0; f < nf; ++f) {
      const auto& feat = opt.features[f];
      FeatureUse u;
      u.name = feat.name;
      u.metric_id = feat.metric_id;
      u.denominator_metric = feat.denominator_metric;
      u.log = feat.log;
      u.weight = feat.weight;
      std::vector<double> seen;
      for (uint32_t a : members) {
        raw[f].push_back(feature_value(s, feat, a));
        if (raw[f].back()) seen.push_back(*raw[f].back());
      }
      u.observed = static_cast<int>(seen.size());
      if (!seen.empty()) {
        u.mean = std::accumulate(seen.begin(), seen.end(), 0.0) / seen.size();
        double ss = 0;
        for (double x : seen) ss += (x - u.mean) * (x - u.mean);
        u.sd = std::sqrt(ss / seen.size());
        std::sort(seen.begin(), seen.end());
        u.median = quantile_type7(seen, 0.5);
      }
      // The model is the same for every caller, so it is built from public
      // metrics only: a restricted or draft feature would leak through the
      // distances and the values the explanation shows.
      std::string hidden;
      for (const std::string* id : {&feat.metric_id, &feat.denominator_metric}) {
        if (id->empty()) continue;
        auto m = s.find_metric(*id);
        if (m && s.metric(*m).needs != 0) hidden = *id;
      }
      if (!hidden.empty()) {
        raw[f].assign(members.size(), std::nullopt);
        u.observed = 0;
        u.mean = u.sd = u.median = 0;
        u.note = "dropped: metric '" + hidden + "' is not public";
      } else if (members.empty()) {
        u.note = "no councils in this tier set";
      } else if (u.observed < opt.min_coverage * members.size()) {
        u.note = "dropped: observed for " + std::to_string(u.observed) + " of " +
                 std::to_string(members.size()) + " councils";
      } else if (!(u.sd > 0)) {
        u.note = "dropped: no spread";
      } else {
        u.used = true;
        u.imputed = static_cast<int>(members.size()) - u.observed;
        if (u.imputed > 0) u.note = "missing values imputed with the tier-set median";
      }
      uses.push_back(std::move(u));
    }
    for (size_t i = 0; i < members.size(); ++i) {
      Entry& e = model.entries_[members[i]];
      e.set = static_cast<TierSet>(set);
      e.modelled = true;
      e.z.assign(nf, 0);
      e.value.assign(nf, 0);
      e.imputed.assign(nf, false);
      for (size_t f = 0; f < nf; ++f) {
        if (!uses[f].used) continue;
        const bool have = raw[f][i].has_value();
        e.value[f] = have ? *raw[f][i] : uses[f].median;
        e.imputed[f] = !have;
        e.z[f] = (e.value[f] - uses[f].mean) / uses[f].sd;
      }
    }
    // With no usable feature every distance would be 0 and the "neighbours"
    // mere code order: say so instead (explain() reports it).
    bool any_used = false;
    for (const auto& u : uses) any_used = any_used || u.used;
    if (!any_used) continue;
    // Exhaustive k-NN: a few hundred councils per set.
    for (uint32_t a : members) {
      Entry& e = model.entries_[a];
      std::vector<std::pair<double, uint32_t>> d;
      for (uint32_t b : members) {
        if (b == a) continue;
        const Entry& o = model.entries_[b];
        double d2 = 0;
        for (size_t f = 0; f < nf; ++f)
          if (uses[f].used) d2 += uses[f].weight * (e.z[f] - o.z[f]) * (e.z[f] - o.z[f]);
        d.emplace_back(d2, b);
      }
      // Area index order is code order, so pair ordering breaks ties by code.
      const size_t k = std::min<size_t>(static_cast<size_t>(std::max(opt.k, 0)), d.size());
      std::partial_sort(d.begin(), d.begin() + k, d.end());
      for (size_t i = 0; i < k; ++i) {
        e.neighbours.push_back(d[i].second);
        e.distances.push_back(std::sqrt(d[i].first));
      }
    }
  }
  return model;
}

const std::vector<uint32_t>& NeighbourModel::neighbours_of(uint32_t area) const {
  return area < entries_.size() ? entries_[area].neighbours : kEmpty;
}

Result<NeighbourList> NeighbourModel::explain(const Snapshot& s, uint32_t area) const {
  if (area >= entries_.size() || !entries_[area].modelled)
    return not_found("area '" + (area < s.areas().size() ? s.areas()[area].code : "?") +
                     "' is not a current English council, so it has no modelled neighbours");
  const Entry& e = entries_[area];
  const auto& uses = uses_[static_cast<int>(e.set)];
  if (e.neighbours.empty() && k_ > 0) {
    std::string wanted;
    for (const auto& u : uses) wanted += (wanted.empty() ? "" : ", ") + u.metric_id;
    return not_found("no nearest-neighbour features are available for " +
                     std::string(to_string(e.set)) + " councils in this data (the model uses " +
                     wanted + ")");
  }
  NeighbourList out;
  out.area = area;
  out.code = s.areas()[area].code;
  out.name = s.areas()[area].name;
  out.tier_set = e.set;
  out.k = k_;
  out.features = uses;
  for (size_t i = 0; i < e.neighbours.size(); ++i) {
    const Entry& o = entries_[e.neighbours[i]];
    NeighbourItem item;
    item.area = e.neighbours[i];
    item.code = s.areas()[item.area].code;
    item.name = s.areas()[item.area].name;
    item.distance = e.distances[i];
    for (size_t f = 0; f < uses.size(); ++f) {
      if (!uses[f].used) continue;
      const double dz = e.z[f] - o.z[f];
      item.contributions.push_back({uses[f].name, e.value[f], o.value[f], e.imputed[f],
                                    o.imputed[f], uses[f].weight * dz * dz});
    }
    std::stable_sort(item.contributions.begin(), item.contributions.end(),
                     [](const auto& a, const auto& b) { return a.contribution > b.contribution; });
    out.neighbours.push_back(std::move(item));
  }
  return out;
}

}  // namespace lgb
