// Descriptive statistics for one metric, period and comparator group, and the
// polarity-aware position of one value within them.
// Pure functions over plain vectors; no shared state, safe from any thread.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/metric.h"

namespace lgb {

// Quantile of sorted values, Hyndman & Fan type 7 (linear interpolation
// between closest ranks; R's default, Excel's PERCENTILE.INC/QUARTILE.INC):
// h = (n - 1) p, q = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
// REQUIRES: sorted non-empty, 0 <= p <= 1.
double quantile_type7(std::span<const double> sorted, double p);

// Median of unsorted values, reordering them (nth_element). REQUIRES: non-empty.
double median_in_place(std::span<double> values);

// Centre and spread used by the robust z-score, computed once per group.
struct RobustScale {
  double median = 0;
  double mad = 0;      // median absolute deviation from the median (unscaled)
  double mean_ad = 0;  // mean absolute deviation from the median (fallback)
  int n = 0;
};

// REQUIRES: values non-empty. Reorders values.
RobustScale robust_scale_in_place(std::span<double> values);

// How the robust z was obtained:
//   kMad       (x - median) / (1.4826 MAD)
//   kMeanAd    MAD is 0 (over half the values equal the median): the
//              modified z of Iglewicz & Hoaglin, (x - median) / (1.2533 MeanAD)
//   kConstant  every value equals the median: z = 0
enum class ZMethod { kMad, kMeanAd, kConstant };
std::string_view to_string(ZMethod m);

struct RobustZ {
  double z = 0;
  ZMethod method = ZMethod::kMad;
  // "MADs from median": (x - median) / MAD, unscaled, the measure Oflog's
  // data explorer published; absent when MAD is 0 (no such distance).
  std::optional<double> mads;
};
RobustZ robust_z(double x, const RobustScale& s);

// Ranking and bands read polarity: for kNeither the highest value ranks 1.
bool is_better(double a, double b, Polarity p);  // strictly better

struct GroupStatistics {
  int count = 0;       // areas with a usable number
  int missing = 0;     // group members with no value at all for the period
  int withheld = 0;    // members whose value is withheld (suppressed, [x], [z])
  double min = 0, max = 0, mean = 0, median = 0;
  double q1 = 0, q3 = 0;
  std::array<double, 9> deciles{};  // 10th..90th percentiles, type 7
  double mad = 0, mean_ad = 0;
};

// REQUIRES: sorted non-empty numbers.
GroupStatistics describe_sorted(std::span<const double> sorted);

struct Position {
  int rank = 0;           // 1 = best; ties share the best rank (1,2,2,4)
  int of = 0;             // count
  double percentile = 0;  // % of the other values this one beats: 100 best, 0 worst
  int quartile_band = 0;  // 1 = best quarter ... 4 = worst
  RobustZ z;
};

// Position of x within sorted (x need not be among them). REQUIRES: non-empty.
Position locate(double x, std::span<const double> sorted, const GroupStatistics& st,
                Polarity p);

enum class Direction { kImproving, kWorsening, kNoChange, kHigher, kLower, kNotComparable };
std::string_view to_string(Direction d);

struct Trend {
  Direction direction = Direction::kNotComparable;
  std::optional<double> previous;
  std::optional<double> change;      // current - previous
  std::optional<double> pct_change;  // change / |previous| * 100; absent if previous is 0
  // Across a reorganisation: how the previous figure was found (a code
  // change of the same council) or why there is none (a merger).
  std::string note;
};

// Direction of travel; polarity kNeither gives kHigher/kLower/kNoChange.
Trend trend_between(std::optional<double> previous, std::optional<double> current,
                    Polarity p);

}  // namespace lgb
