// CarbonService: the rules over a council's carbon inventory. Who may see and
// change it is decided by the one access rule (engine/access.h): a year is
// visible as a metric restricted to the council would be (its members, and
// data managers who see every restricted metric); only the council's own
// analysts (and higher roles) enter, change and publish it. A year the
// caller may not see answers exactly like one that does not exist.
// Publishing writes the results as a release of metrics (engine/catalogue),
// so every comparison (rank, neighbours, outliers, reports) works on them.
// Thread-safety: all methods may be called concurrently (the store is
// thread-safe; the factor-table cache is guarded).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "carbon/factor_table.h"
#include "carbon/footprint.h"
#include "carbon/trajectory.h"
#include "carbon/waste.h"
#include "core/carbon_inventory.h"
#include "engine/access.h"
#include "store/carbon.h"
#include "store/store.h"

namespace lgb::carbon {

// Who is asking: their Access (the caller's role and organisation), whether
// their role may enter data (analyst or higher) and who they are for the
// record ("user:a@b", "key:ID", "cli:name").
struct CarbonCaller {
  Access access;
  bool analyst = false;
  std::string actor;
};

struct YearResults {
  CarbonYear year;
  std::string basis;  // how the factor year was chosen, in words
  Footprint footprint;
  WasteResult waste;
};

// What a publication needs beyond the year itself.
struct PublishContext {
  std::string organisation_name;
  std::optional<double> population;  // residents, for the per-resident intensity
};

class CarbonService {
 public:
  // REQUIRES: store.carbon() is not null; the store outlives the service.
  explicit CarbonService(Store& store);

  // The factor years loaded, oldest first, and one year's table (cached).
  Result<std::vector<FactorSet>> factor_years();
  Result<std::vector<int>> loaded_years();
  Result<std::shared_ptr<const FactorTable>> factors(int year);

  // kUnauthenticated when not signed in; kNotFound when the caller may not
  // see the organisation's inventory; kForbidden when they may see but not
  // change it (a member, or another organisation's data manager).
  Status may_read(const CarbonCaller& caller, const std::string& organisation) const;
  Status may_write(const CarbonCaller& caller, const std::string& organisation) const;

  Result<std::vector<CarbonYear>> years(const CarbonCaller& caller, const std::string& organisation);
  // kNotFound when there is no such year.
  Result<YearResults> results(const CarbonCaller& caller, const std::string& organisation,
                              const std::string& period_id);
  // Validates everything (the period is a financial year, the factor year
  // is loaded, every line converts) before saving; nothing is saved on any
  // error. factor_year 0: the default for the period (trajectory.h).
  Status save_year(const CarbonCaller& caller, CarbonYear year);
  Result<std::optional<CarbonTarget>> target(const CarbonCaller& caller,
                                             const std::string& organisation);
  Status save_target(const CarbonCaller& caller, CarbonTarget target);
  // Each year's total (tCO2e, scopes 1-3, location-based) by period id;
  // a year that cannot be computed is left out.
  Result<std::map<std::string, double>> totals(const CarbonCaller& caller,
                                               const std::string& organisation);
  // The years against the council's target (carbon::trajectory); empty when
  // no target is set; kInvalidArgument when it cannot be drawn (the baseline
  // year has no footprint).
  Result<std::vector<TrajectoryPoint>> trajectory(const CarbonCaller& caller,
                                                  const std::string& organisation);

  // Writes the year's results as metric values for the council's area and
  // the financial year, one release with provenance (who entered it, when,
  // on which factor year). Returns the release id. kConflict when exactly
  // these results are already published.
  Result<int64_t> publish(const CarbonCaller& caller, const std::string& organisation,
                          const std::string& period_id, const PublishContext& context);

 private:
  Store& store_;
  CarbonStore& carbon_;
  std::mutex mu_;  // guards tables_
  std::map<int, std::shared_ptr<const FactorTable>> tables_;
};

// The metrics a publication writes (ids "carbon-..."), for the catalogue
// and the tests.
std::vector<Metric> published_metrics();

}  // namespace lgb::carbon
