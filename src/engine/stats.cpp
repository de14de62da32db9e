#include "engine/stats.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace lgb {

double quantile_type7(std::span<const double> sorted, double p) {
  assert(!sorted.empty());
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const auto lo = static_cast<size_t>(std::floor(h));
  if (lo + 1 >= sorted.size()) return sorted.back();
  const double frac = h - static_cast<double>(lo);
  return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

double median_in_place(std::span<double> v) {
  assert(!v.empty());
  const size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + mid, v.end());
  const double upper = v[mid];
  if (v.size() % 2 == 1) return upper;
  // The lower middle is the largest of the elements before mid.
  const double lower = *std::max_element(v.begin(), v.begin() + mid);
  return lower + (upper - lower) / 2;
}

RobustScale robust_scale_in_place(std::span<double> v) {
  RobustScale s;
  s.n = static_cast<int>(v.size());
  s.median = median_in_place(v);
  double sum = 0;
  for (double& x : v) {
    x = std::fabs(x - s.median);
    sum += x;
  }
  s.mean_ad = sum / static_cast<double>(v.size());
  s.mad = median_in_place(v);
  return s;
}

std::string_view to_string(ZMethod m) {
  switch (m) {
    case ZMethod::kMad: return "mad";
    case ZMethod::kMeanAd: return "mean-absolute-deviation";
    case ZMethod::kConstant: return "constant";
  }
  return "mad";
}

RobustZ robust_z(double x, const RobustScale& s) {
  const double d = x - s.median;
  if (s.mad > 0) return {d / (1.4826 * s.mad), ZMethod::kMad, d / s.mad};
  if (s.mean_ad > 0) return {d / (1.2533 * s.mean_ad), ZMethod::kMeanAd, std::nullopt};
  // All comparators equal the median; x may still differ (x outside group):
  // no scale exists, so report 0 rather than an infinite score.
  return {0.0, ZMethod::kConstant, std::nullopt};
}

bool is_better(double a, double b, Polarity p) {
  return p == Polarity::kLowerIsBetter ? a < b : a > b;
}

GroupStatistics describe_sorted(std::span<const double> sorted) {
  assert(!sorted.empty());
  GroupStatistics st;
  st.count = static_cast<int>(sorted.size());
  st.min = sorted.front();
  st.max = sorted.back();
  double sum = 0;
  for (double x : sorted) sum += x;
  st.mean = sum / static_cast<double>(sorted.size());
  st.median = quantile_type7(sorted, 0.5);
  st.q1 = quantile_type7(sorted, 0.25);
  st.q3 = quantile_type7(sorted, 0.75);
  for (int i = 0; i < 9; ++i) st.deciles[i] = quantile_type7(sorted, (i + 1) / 10.0);
  std::vector<double> dev(sorted.begin(), sorted.end());
  const RobustScale rs = robust_scale_in_place(dev);
  st.mad = rs.mad;
  st.mean_ad = rs.mean_ad;
  return st;
}

Position locate(double x, std::span<const double> sorted, const GroupStatistics& st,
                Polarity p) {
  Position pos;
  const auto n = static_cast<int>(sorted.size());
  const auto below = static_cast<int>(std::lower_bound(sorted.begin(), sorted.end(), x) -
                                      sorted.begin());
  const auto above = static_cast<int>(sorted.end() -
                                      std::upper_bound(sorted.begin(), sorted.end(), x));
  const bool low_good = p == Polarity::kLowerIsBetter;
  const int better = low_good ? below : above;
  const int worse = low_good ? above : below;
  pos.rank = better + 1;
  pos.of = n;
  pos.percentile = n > 1 ? 100.0 * worse / (n - 1) : 100.0;
  if (low_good) {
    pos.quartile_band = x <= st.q1 ? 1 : x <= st.median ? 2 : x <= st.q3 ? 3 : 4;
  } else {
    pos.quartile_band = x >= st.q3 ? 1 : x >= st.median ? 2 : x >= st.q1 ? 3 : 4;
  }
  pos.z = robust_z(x, RobustScale{st.median, st.mad, st.mean_ad, n});
  return pos;
}

std::string_view to_string(Direction d) {
  switch (d) {
    case Direction::kImproving: return "improving";
    case Direction::kWorsening: return "worsening";
    case Direction::kNoChange: return "no-change";
    case Direction::kHigher: return "higher";
    case Direction::kLower: return "lower";
    case Direction::kNotComparable: return "not-comparable";
  }
  return "not-comparable";
}

Trend trend_between(std::optional<double> previous, std::optional<double> current,
                    Polarity p) {
  Trend t;
  t.previous = previous;
  if (!previous || !current) return t;
  t.change = *current - *previous;
  if (*previous != 0) t.pct_change = *t.change / std::fabs(*previous) * 100.0;
  if (*current == *previous) {
    t.direction = Direction::kNoChange;
  } else if (p == Polarity::kNeither) {
    t.direction = *current > *previous ? Direction::kHigher : Direction::kLower;
  } else {
    t.direction = is_better(*current, *previous, p) ? Direction::kImproving
                                                    : Direction::kWorsening;
  }
  return t;
}

}  // namespace lgb
