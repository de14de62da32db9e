// What both SQL stores (sqlite/, postgres/) share about the carbon tables:
// the column lists they select and how one row becomes a factor, a year, a
// line or a target. The tables are the same on both (sqlite/schema.cpp
// migration 6, postgres/pg_schema.cpp migration 6); Row is sqlite::Stmt or
// pg::PgRow (see account_rows.h).
// Stateless; thread-safe.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/carbon_inventory.h"
#include "core/ghg_factor.h"
#include "store/sql_rows.h"

namespace lgb::store {

inline constexpr const char* kFactorSetColumns =
    "SELECT year, publisher, source_url, file_name, sha256, licence, note, loaded_at, loaded_by,"
    " row_count FROM ghg_factor_sets ";
template <class Row>
FactorSet factor_set_from_row(const Row& r) {
  FactorSet s;
  s.year = static_cast<int>(r.int64(0));
  s.publisher = r.text(1);
  s.source_url = r.text(2);
  s.file_name = r.text(3);
  s.sha256 = r.text(4);
  s.licence = r.text(5);
  s.note = r.text(6);
  s.loaded_at = r.text(7);
  s.loaded_by = r.text(8);
  s.row_count = r.int64(9);
  return s;
}

// A year's factors, $1/?1 the year, in key order then gas.
inline constexpr const char* kFactorColumns =
    "SELECT scope, level1, level2, level3, level4, column_text, unit, gas, text, value,"
    " source_id FROM ghg_factors WHERE year = ";
inline constexpr const char* kFactorOrder =
    " ORDER BY level1, level2, level3, level4, column_text, unit, gas";
template <class Row>
Result<GhgFactor> factor_from_row(const Row& r, int year) {
  GhgFactor f;
  f.year = year;
  f.scope = r.text(0);
  f.key = {r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6)};
  auto gas = parse_gas(r.text(7));
  if (!gas) return corrupt("ghg_factors.gas '" + r.text(7) + "'");
  f.gas = *gas;
  f.text = r.text(8);
  f.value = r.real(9);
  f.source_id = r.text(10);
  return f;
}

inline constexpr const char* kYearColumns =
    "SELECT organisation_id, period_id, factor_year, boundary, included, excluded, data_sources,"
    " estimation, net_revenue_expenditure, updated_at, updated_by, published_at, published_by,"
    " published_release_id FROM carbon_years ";
template <class Row>
CarbonYear year_from_row(const Row& r) {
  CarbonYear y;
  y.organisation_id = r.text(0);
  y.period_id = r.text(1);
  y.factor_year = static_cast<int>(r.int64(2));
  y.scope_sheet = {r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)};
  y.net_revenue_expenditure = r.real_or_null(8);
  y.updated_at = r.text(9);
  y.updated_by = r.text(10);
  y.published_at = r.text(11);
  y.published_by = r.text(12);
  y.published_release_id = r.is_null(13) ? 0 : r.int64(13);
  return y;
}

// Every line of every year, in position order; the reader keeps those of the
// years it was given.
inline constexpr const char* kActivityColumns =
    "SELECT organisation_id, period_id, category, description, level1, level2, level3, level4,"
    " column_text, unit, quantity_text, quantity, market_factor, source_note, evidence_url"
    " FROM carbon_activity ORDER BY organisation_id, period_id, position";
inline constexpr const char* kWasteColumns =
    "SELECT organisation_id, period_id, stream, route, tonnes_text, tonnes FROM carbon_waste"
    " ORDER BY organisation_id, period_id, position";

class CarbonLineReader {
 public:
  explicit CarbonLineReader(std::vector<CarbonYear>& years) {
    for (auto& y : years) by_key_[{y.organisation_id, y.period_id}] = &y;
  }
  bool empty() const { return by_key_.empty(); }
  template <class Row>
  void activity(const Row& r) {
    CarbonYear* y = find(r);
    if (!y) return;
    ActivityLine l;
    l.category = r.text(2);
    l.description = r.text(3);
    l.factor = {r.text(4), r.text(5), r.text(6), r.text(7), r.text(8), r.text(9)};
    l.quantity_text = r.text(10);
    l.quantity = r.real(11);
    l.market_factor = r.real_or_null(12);
    l.source_note = r.text(13);
    l.evidence_url = r.text(14);
    y->activity.push_back(std::move(l));
  }
  template <class Row>
  void waste(const Row& r) {
    if (CarbonYear* y = find(r)) y->waste.push_back(WasteLine{r.text(2), r.text(3), r.text(4), r.real(5)});
  }

 private:
  template <class Row>
  CarbonYear* find(const Row& r) {
    auto it = by_key_.find({r.text(0), r.text(1)});
    return it == by_key_.end() ? nullptr : it->second;
  }
  std::map<std::pair<std::string, std::string>, CarbonYear*> by_key_;
};

inline constexpr const char* kTargetColumns =
    "SELECT organisation_id, baseline_period, annual_reduction_percent, net_zero_year,"
    " updated_at, updated_by FROM carbon_targets ";
template <class Row>
CarbonTarget target_from_row(const Row& r) {
  return CarbonTarget{r.text(0), r.text(1), r.real(2), static_cast<int>(r.int64(3)), r.text(4),
                      r.text(5)};
}

// Messages both stores give.
inline Error factor_year_loaded(int year, const std::string& file, const std::string& sha256) {
  return conflict("factor year " + std::to_string(year) + " is already loaded (from " + file +
                  ", sha256 " + sha256 + "); a factor year is never overwritten");
}
inline Error duplicate_factor(const GhgFactor& f) {
  return invalid("factor year " + std::to_string(f.year) + " has two " +
                 std::string(to_string(f.gas)) + " factors for " + f.key.label() + " per " +
                 f.key.unit);
}
inline Error factor_of_other_year(const GhgFactor& f, int year) {
  return invalid("factor " + f.key.label() + " is for year " + std::to_string(f.year) + ", not " +
                 std::to_string(year));
}
inline Error year_not_saved(const CarbonYear& y) {
  return invalid("cannot save " + y.period_id + " for '" + y.organisation_id +
                 "': unknown organisation or factor year " + std::to_string(y.factor_year));
}

}  // namespace lgb::store
