// A council's carbon inventory for one financial year: the activity it
// records (with the conversion factor each line uses), the waste its services
// handle, the factor year chosen, the scope sheet, and whether and when it
// was published. Plus the council's baseline and target. What is computed
// from them lives in src/carbon; who may see them in src/carbon/service.h.
// Plain value types; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ghg_factor.h"

namespace lgb {

// One line of activity data: a quantity in the unit of the factor it names.
struct ActivityLine {
  std::string category;     // carbon/categories.h: "buildings", "fleet", ...
  std::string description;  // the council's own words: "Civic centre gas"
  FactorKey factor;         // which published factor converts it
  std::string quantity_text;  // as entered
  double quantity = 0;
  // Market-based electricity: the supplier's kg CO2e per kWh from a
  // contractual instrument (0 for a REGO-backed renewable tariff). Only for
  // UK electricity lines; absent: the location-based factor is used.
  std::optional<double> market_factor;
  std::string source_note;   // where the figure comes from
  std::string evidence_url;  // a link to the evidence (invoice system, meter data)
};

// Tonnes of one waste stream sent by one management route.
struct WasteLine {
  std::string stream;  // the waste-disposal Level 3 material, e.g. "Plastics: average plastics"
  std::string route;   // the waste-disposal column text: "Landfill", "Combustion", ...
  std::string tonnes_text;
  double tonnes = 0;
};

// On what basis the data were collected, so later years stay consistent.
struct ScopeSheet {
  std::string boundary;        // organisational boundary (operational control, ...)
  std::string included;        // what is in
  std::string excluded;        // what is left out, and why
  std::string data_sources;    // how the figures were collected
  std::string estimation;      // where figures are estimated, and how
};

struct CarbonYear {
  std::string organisation_id;  // the council (its GSS code)
  std::string period_id;        // a financial year, "fy2022-23"
  int factor_year = 0;          // the DESNZ factor year the activity is converted with
  ScopeSheet scope_sheet;
  std::optional<double> net_revenue_expenditure;  // £ million, for the intensity ratio
  std::vector<ActivityLine> activity;
  std::vector<WasteLine> waste;
  std::string updated_at;  // set by the store
  std::string updated_by;  // "user:a@b"
  // Publication: empty until published.
  std::string published_at;
  std::string published_by;
  int64_t published_release_id = 0;
};

// A council's baseline and its reduction target (for example 13.1% a year
// from the baseline to net zero in 2038).
struct CarbonTarget {
  std::string organisation_id;
  std::string baseline_period;  // a financial year id
  double annual_reduction_percent = 0;
  int net_zero_year = 0;
  std::string updated_at;
  std::string updated_by;
};

}  // namespace lgb
