#include "carbon/trajectory.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/period.h"

namespace lgb::carbon {

Result<int> financial_year_start(const std::string& period_id) {
  auto p = parse_period_id(period_id);
  if (!p || p->kind != PeriodKind::kFinancialYear)
    return invalid("'" + period_id + "' is not a financial year (for example fy2023-24)");
  return p->year;
}

std::string financial_year_id(int start_year) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "fy%d-%02d", start_year, (start_year + 1) % 100);
  return buf;
}

std::optional<int> default_factor_year(int fy_start, const std::vector<int>& loaded) {
  if (loaded.empty()) return std::nullopt;
  std::optional<int> before;
  for (int y : loaded) {
    if (y == fy_start) return y;
    if (y < fy_start && (!before || y > *before)) before = y;
  }
  if (before) return before;
  return *std::min_element(loaded.begin(), loaded.end());
}

std::string factor_basis(int fy_start, int factor_year, const std::vector<int>& loaded) {
  const std::string fy = std::to_string(factor_year);
  if (factor_year == fy_start) return fy + " factors (the reporting year's own)";
  if (factor_year > fy_start) return "re-based on the " + fy + " factors";
  const bool own_loaded = std::find(loaded.begin(), loaded.end(), fy_start) != loaded.end();
  if (!own_loaded) return fy + " factors (" + std::to_string(fy_start) + " factors not loaded)";
  return fy + " factors (an earlier year's, chosen by the council)";
}

Result<std::vector<TrajectoryPoint>> trajectory(const CarbonTarget& target,
                                                const std::map<std::string, double>& actual) {
  auto base = financial_year_start(target.baseline_period);
  if (!base) return base.error();
  auto base_actual = actual.find(target.baseline_period);
  if (base_actual == actual.end())
    return invalid("the baseline year " + target.baseline_period + " has no footprint");
  if (!(target.annual_reduction_percent > 0 && target.annual_reduction_percent < 100))
    return invalid("the annual reduction must be between 0 and 100 per cent");
  if (target.net_zero_year <= *base || target.net_zero_year > *base + 100)
    return invalid("the net-zero year must be after the baseline year");
  const double keep = 1.0 - target.annual_reduction_percent / 100.0;
  std::vector<TrajectoryPoint> out;
  std::optional<double> previous;
  for (int y = *base; y <= target.net_zero_year; ++y) {
    TrajectoryPoint p;
    p.year = y;
    p.period_id = financial_year_id(y);
    p.target = base_actual->second * std::pow(keep, y - *base);
    if (auto it = actual.find(p.period_id); it != actual.end()) {
      p.actual = it->second;
      if (base_actual->second > 0)
        p.change_from_baseline_percent = (it->second / base_actual->second - 1.0) * 100.0;
      if (previous && *previous > 0)
        p.change_from_previous_percent = (it->second / *previous - 1.0) * 100.0;
      p.on_track = it->second <= p.target * (1 + 1e-12);
    }
    previous = p.actual;
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace lgb::carbon
