// CarbonStore: durable home of the GHG conversion factors (every factor year
// kept, each value as published) and of councils' carbon inventories and
// targets. Visibility is not decided here: src/carbon/service.h checks the
// caller's Access before every call. The SQLite store implements it in the
// same file as the data (Store::carbon()).
// Thread-safety: every method may be called from any thread concurrently.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/carbon_inventory.h"
#include "core/ghg_factor.h"
#include "core/result.h"

namespace lgb {

class CarbonStore {
 public:
  virtual ~CarbonStore() = default;

  // Loads one factor year whole, in one transaction. kConflict when that
  // year is already loaded (a year is never overwritten); kInvalidArgument
  // when two factors share a key.
  virtual Status add_factor_set(const FactorSet& set, const std::vector<GhgFactor>& factors) = 0;
  virtual Result<std::vector<FactorSet>> list_factor_sets() = 0;  // by year
  // Every factor of a year, ordered by key then gas; empty for an unknown year.
  virtual Result<std::vector<GhgFactor>> list_factors(int year) = 0;

  // Replaces the council's year (lines and all) in one transaction; the
  // publication fields are kept as they were. updated_at is set.
  virtual Status save_carbon_year(const CarbonYear& year) = 0;
  virtual Result<std::optional<CarbonYear>> find_carbon_year(const std::string& organisation_id,
                                                             const std::string& period_id) = 0;
  // The council's years, oldest first, with their lines.
  virtual Result<std::vector<CarbonYear>> list_carbon_years(const std::string& organisation_id) = 0;
  // Every published year of every council (for the demo and the CLI).
  virtual Result<std::vector<CarbonYear>> list_published_carbon_years() = 0;
  // Records a publication; kNotFound when the year is not stored.
  virtual Status mark_carbon_published(const std::string& organisation_id,
                                       const std::string& period_id, int64_t release_id,
                                       const std::string& by) = 0;

  virtual Status save_carbon_target(const CarbonTarget& target) = 0;  // replaces
  virtual Result<std::optional<CarbonTarget>> find_carbon_target(
      const std::string& organisation_id) = 0;
};

}  // namespace lgb
