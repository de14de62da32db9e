// NeighbourModel: the open nearest-neighbour model (docs/methods.md). Each
// current English council is described by standardised features drawn from
// real data in the snapshot; its neighbours are the k councils of the same
// tier set nearest by weighted Euclidean distance, ties broken by GSS code.
// Thread-safety: built once with the snapshot, then immutable and shared.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace lgb {

class Snapshot;

struct NeighbourFeature {
  std::string name;                // e.g. "log-density"
  std::string metric_id;           // numerator metric
  std::string denominator_metric;  // empty: the metric itself
  bool log = false;                // natural log of the value (must be > 0)
  double weight = 1.0;
};

// The features and weights documented in docs/methods.md.
std::vector<NeighbourFeature> default_neighbour_features();

struct NeighbourOptions {
  int k = 15;
  std::vector<NeighbourFeature> features = default_neighbour_features();
  double min_coverage = 0.5;  // a feature observed for fewer of a set is dropped
};

// Tier sets: councils are compared only with councils holding the same powers.
enum class TierSet : uint8_t { kCounty, kDistrict, kSingleTier };
std::string_view to_string(TierSet t);

// How one feature was used in one tier set.
struct FeatureUse {
  std::string name;
  std::string metric_id;
  std::string denominator_metric;
  bool log = false;
  double weight = 0;
  bool used = false;   // false: dropped (coverage or no spread), see note
  int observed = 0;    // councils of the set with a value
  int imputed = 0;     // councils given the set median instead
  double mean = 0, sd = 0, median = 0;  // of the (log-)transformed values
  std::string note;
};

struct FeatureContribution {
  std::string feature;
  double focus_value = 0;      // transformed (e.g. log) value, imputed if flagged
  double neighbour_value = 0;
  bool focus_imputed = false;
  bool neighbour_imputed = false;
  double contribution = 0;     // weight * (z_focus - z_neighbour)^2
};

struct NeighbourItem {
  uint32_t area = 0;
  std::string code;
  std::string name;
  double distance = 0;  // sqrt of the sum of contributions
  std::vector<FeatureContribution> contributions;  // largest first
};

struct NeighbourList {
  uint32_t area = 0;
  std::string code;
  std::string name;
  TierSet tier_set = TierSet::kSingleTier;
  int k = 0;
  std::vector<FeatureUse> features;     // of the tier set
  std::vector<NeighbourItem> neighbours;  // nearest first
};

class NeighbourModel {
 public:
  static NeighbourModel build(const Snapshot& snapshot, const NeighbourOptions& options);

  // kNotFound when the area is not a current English council in the model.
  Result<NeighbourList> explain(const Snapshot& snapshot, uint32_t area) const;
  // Neighbour area indices, nearest first (empty when not modelled).
  const std::vector<uint32_t>& neighbours_of(uint32_t area) const;
  int k() const { return k_; }
  const std::vector<FeatureUse>& features(TierSet t) const { return uses_[static_cast<int>(t)]; }

 private:
  struct Entry {
    TierSet set = TierSet::kSingleTier;
    bool modelled = false;
    std::vector<double> z;        // per feature of the set (0 for dropped ones)
    std::vector<double> value;    // transformed value used (imputed if flagged)
    std::vector<bool> imputed;
    std::vector<uint32_t> neighbours;
    std::vector<double> distances;
  };
  int k_ = 15;
  std::vector<Entry> entries_;  // by area index
  std::vector<FeatureUse> uses_[3];
  static const std::vector<uint32_t> kEmpty;
};

}  // namespace lgb
