// Years against a baseline and a target: the change of each reported year
// from the baseline year and from the year before, and the target
// trajectory (the baseline reduced by a fixed percentage a year, compounded,
// up to the net-zero year). Also which factor year converts a reporting
// year by default. Pure functions over values; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/carbon_inventory.h"
#include "core/result.h"

namespace lgb::carbon {

// The start year of a financial-year period id ("fy2022-23" -> 2022);
// kInvalidArgument for any other period.
Result<int> financial_year_start(const std::string& period_id);
// "fy2022-23" for 2022.
std::string financial_year_id(int start_year);

// The factor year a financial year uses unless the council re-bases it: the
// year the financial year starts in (DESNZ: use the factors of the year the
// reporting period falls mostly in), else the latest loaded year before it,
// else the earliest loaded. nullopt when no year is loaded.
std::optional<int> default_factor_year(int fy_start, const std::vector<int>& loaded_years);
// How a year's factors were chosen, in words: "2022 factors (the reporting
// year's own)", "re-based on the 2023 factors", "2022 factors (2024 not loaded)".
std::string factor_basis(int fy_start, int factor_year, const std::vector<int>& loaded_years);

struct TrajectoryPoint {
  int year = 0;                  // financial year start
  std::string period_id;
  double target = 0;             // tCO2e the trajectory allows
  std::optional<double> actual;  // tCO2e reported (location-based)
  std::optional<double> change_from_baseline_percent;
  std::optional<double> change_from_previous_percent;
  std::optional<bool> on_track;  // actual <= target
};

// From the baseline year to the net-zero year. actual: tCO2e by period id
// (every reported year). kInvalidArgument when the baseline has no actual,
// the rate is outside (0, 100), or the net-zero year is not after the baseline.
Result<std::vector<TrajectoryPoint>> trajectory(const CarbonTarget& target,
                                                const std::map<std::string, double>& actual);

}  // namespace lgb::carbon
