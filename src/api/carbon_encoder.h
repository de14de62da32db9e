// Encoders for the carbon calculators' answers (/api/v1/carbon/..., and the
// web pages' downloads): a year's results as JSON, and as Tables for CSV and
// XLSX (a summary by scope, category and gas with the factor year and
// source; the lines with each one's factor as published), the factor years
// and factors. Stateless functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "api/csv_encoder.h"
#include "auth/accounts.h"
#include "carbon/service.h"
#include "carbon/trajectory.h"
#include "core/ghg_factor.h"

namespace lgb::api {

// The caller as the carbon rules see them (src/carbon/service.h).
carbon::CarbonCaller carbon_caller(const auth::Caller& caller);
// The latest resident population of an area, for the per-resident
// intensity; nullopt when the store holds none.
std::optional<double> resident_population(Store& store, const std::string& area);
// The factor year's provenance, or null.
const FactorSet* factor_set_of(const std::vector<FactorSet>& sets, int year);

std::string factor_sets_json(const std::vector<FactorSet>& sets);
Table factor_sets_table(const std::vector<FactorSet>& sets);
Table factors_table(const std::vector<GhgFactor>& factors);
std::string factors_json(const std::vector<GhgFactor>& factors);

std::string carbon_years_json(const std::vector<CarbonYear>& years);
// The whole year: provenance, footprint by scope/category/gas, market-based
// when recorded, every line with its result, waste by stream and route, the
// trajectory when a target is set.
std::string carbon_results_json(const carbon::YearResults& r, const FactorSet* factor_set,
                                const std::vector<carbon::TrajectoryPoint>& trajectory);
// Long form, one row per figure: section (scope, category, gas, waste-stream,
// waste-route, total), item, tCO2e, with the factor year and its source on
// every row.
Table carbon_summary_table(const carbon::YearResults& r, const FactorSet* factor_set);
// One row per activity line, then per waste line, with the factor used (as
// published) and the result.
Table carbon_lines_table(const carbon::YearResults& r);

// A year as sent to PUT /api/v1/carbon/{org}/years/{period}: kInvalidArgument
// naming the field (lines by their 1-based position).
Result<CarbonYear> parse_carbon_year(const std::string& body);
Result<CarbonTarget> parse_carbon_target(const std::string& body);

}  // namespace lgb::api
