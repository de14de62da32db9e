#include "carbon/service.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "carbon/trajectory.h"
#include "core/period.h"
#include "ingest/file_bytes.h"

namespace lgb::carbon {
namespace {

constexpr const char* kPublisher = "Councils (self-reported with the lgbench carbon calculator)";
constexpr const char* kLicence = "OGL-UK-3.0";
constexpr const char* kFormat = "carbon-calculator";

// Needs of a council's own inventory: as a metric restricted to it.
constexpr uint8_t kInventoryNeeds = kNeedsSignedIn | kNeedsOrganisation;

Metric carbon_metric(std::string id, std::string title, std::string description, std::string unit,
                     MeasureKind measure, int decimals, bool waste = false) {
  Metric m;
  m.id = std::move(id);
  m.title = std::move(title);
  m.description = std::move(description);
  m.unit = std::move(unit);
  m.polarity = Polarity::kLowerIsBetter;
  m.decimals = decimals;
  m.themes = waste ? std::vector<std::string>{"climate-change", "waste"}
                   : std::vector<std::string>{"climate-change"};
  m.services = {waste ? "Waste and recycling" : "Climate and energy"};
  m.directorates = {"Place"};
  m.portfolios = {"Climate and environment"};
  m.publisher = kPublisher;
  m.licence = kLicence;
  m.measure = measure;
  return m;
}

const char* kFootprintNote =
    " Council's own operations, GHG Protocol: scopes 1 and 2 and basic scope 3, "
    "location-based electricity, UK Government GHG conversion factors. Self-reported by each "
    "council with the lgbench carbon calculator; each value's note names the factor year.";

std::string category_metric_id(std::string_view category) {
  return "carbon-footprint-" + std::string(category);
}
std::string scope_metric_id(Scope s) { return "carbon-footprint-" + std::string(to_string(s)); }

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace

std::vector<Metric> published_metrics() {
  std::vector<Metric> out;
  out.push_back(carbon_metric("carbon-footprint-total",
                              "Council operational greenhouse gas emissions",
                              std::string("Tonnes of CO2 equivalent.") + kFootprintNote, "tCO2e",
                              MeasureKind::kCount, 1));
  for (Scope s : {Scope::k1, Scope::k2, Scope::k3})
    out.push_back(carbon_metric(scope_metric_id(s),
                                "Council operational emissions: " + std::string(label_of(s)),
                                std::string("Tonnes of CO2 equivalent.") + kFootprintNote, "tCO2e",
                                MeasureKind::kCount, 1));
  for (const auto& c : kCategories)
    out.push_back(carbon_metric(category_metric_id(c.id),
                                "Council operational emissions: " + std::string(c.label),
                                "Tonnes of CO2 equivalent (" + std::string(c.examples) + ")." +
                                    kFootprintNote,
                                "tCO2e", MeasureKind::kCount, 1));
  out.push_back(carbon_metric("carbon-footprint-per-resident",
                              "Council operational emissions per resident",
                              std::string("Kilograms of CO2 equivalent per resident (the "
                                          "register's population).") +
                                  kFootprintNote,
                              "kg CO2e per resident", MeasureKind::kRate, 2));
  out.push_back(carbon_metric("carbon-footprint-per-net-revenue-expenditure",
                              "Council operational emissions per £m net revenue expenditure",
                              std::string("Tonnes of CO2 equivalent per £ million of net revenue "
                                          "expenditure, as the council states it.") +
                                  kFootprintNote,
                              "tCO2e per £m", MeasureKind::kRate, 2));
  out.push_back(carbon_metric("carbon-waste-services-total", "Waste services emissions",
                              "Tonnes of CO2 equivalent from the waste the council's services "
                              "collect and send for disposal, by stream and route, with the UK "
                              "Government waste-disposal factors (scope 3). Self-reported.",
                              "tCO2e", MeasureKind::kCount, 1, true));
  out.push_back(carbon_metric("carbon-waste-average-factor",
                              "Waste services average emission factor",
                              "Kilograms of CO2 equivalent per tonne of waste handled (total "
                              "emissions divided by total tonnes). Self-reported.",
                              "kg CO2e per tonne", MeasureKind::kAverage, 1, true));
  return out;
}

CarbonService::CarbonService(Store& store) : store_(store), carbon_(*store.carbon()) {}

Result<std::vector<FactorSet>> CarbonService::factor_years() { return carbon_.list_factor_sets(); }

Result<std::vector<int>> CarbonService::loaded_years() {
  auto sets = carbon_.list_factor_sets();
  if (!sets) return sets.error();
  std::vector<int> out;
  for (const auto& s : *sets) out.push_back(s.year);
  return out;
}

Result<std::shared_ptr<const FactorTable>> CarbonService::factors(int year) {
  {
    std::lock_guard lock(mu_);
    if (auto it = tables_.find(year); it != tables_.end()) return it->second;
  }
  auto rows = carbon_.list_factors(year);
  if (!rows) return rows.error();
  if (rows->empty()) return not_found("factor year " + std::to_string(year) + " is not loaded");
  auto table = std::make_shared<const FactorTable>(year, *rows);
  std::lock_guard lock(mu_);
  return tables_.emplace(year, std::move(table)).first->second;
}

Status CarbonService::may_read(const CarbonCaller& caller, const std::string& organisation) const {
  if (!caller.access.signed_in) return unauthenticated("sign in to see a council's carbon data");
  if (!caller.access.may_see(kInventoryNeeds, {organisation}))
    return not_found("no carbon data for '" + organisation + "'");
  return ok_status();
}

Status CarbonService::may_write(const CarbonCaller& caller, const std::string& organisation) const {
  if (auto s = may_read(caller, organisation); !s) return s;
  if (!caller.analyst || caller.access.organisation != organisation)
    return forbidden("only the council's own analysts may change or publish its carbon data");
  return ok_status();
}

Result<std::vector<CarbonYear>> CarbonService::years(const CarbonCaller& caller,
                                                     const std::string& organisation) {
  if (auto s = may_read(caller, organisation); !s) return s.error();
  return carbon_.list_carbon_years(organisation);
}

Result<YearResults> CarbonService::results(const CarbonCaller& caller,
                                           const std::string& organisation,
                                           const std::string& period_id) {
  if (auto s = may_read(caller, organisation); !s) return s.error();
  auto year = carbon_.find_carbon_year(organisation, period_id);
  if (!year) return year.error();
  if (!*year) return not_found("no carbon data for " + period_id);
  auto table = factors((*year)->factor_year);
  if (!table) return table.error();
  auto loaded = loaded_years();
  if (!loaded) return loaded.error();
  auto fy = financial_year_start(period_id);
  if (!fy) return fy.error();
  YearResults r;
  r.year = std::move(**year);
  r.basis = factor_basis(*fy, r.year.factor_year, *loaded);
  std::vector<LineProblem> problems;
  auto fp = compute_footprint(r.year.activity, **table, problems);
  if (!fp) return fp.error();
  r.footprint = std::move(*fp);
  auto waste = compute_waste(r.year.waste, **table, problems);
  if (!waste) return waste.error();
  r.waste = std::move(*waste);
  return r;
}

Status CarbonService::save_year(const CarbonCaller& caller, CarbonYear year) {
  if (auto s = may_write(caller, year.organisation_id); !s) return s;
  auto fy = financial_year_start(year.period_id);
  if (!fy) return fy.error();
  auto loaded = loaded_years();
  if (!loaded) return loaded.error();
  if (year.factor_year == 0) {
    auto chosen = default_factor_year(*fy, *loaded);
    if (!chosen) return invalid("no conversion factors are loaded: run lgbench factors load");
    year.factor_year = *chosen;
  }
  auto table = factors(year.factor_year);
  if (!table)
    return table.error().code == ErrorCode::kNotFound
               ? invalid("factor year " + std::to_string(year.factor_year) + " is not loaded")
               : table.error();
  if (year.net_revenue_expenditure && !(*year.net_revenue_expenditure > 0))
    return invalid("net revenue expenditure must be more than zero (£ million)");
  std::vector<LineProblem> problems;
  if (auto fp = compute_footprint(year.activity, **table, problems); !fp) return fp.error();
  if (auto w = compute_waste(year.waste, **table, problems); !w) return w.error();
  year.updated_by = caller.actor;
  return carbon_.save_carbon_year(year);
}

Result<std::optional<CarbonTarget>> CarbonService::target(const CarbonCaller& caller,
                                                          const std::string& organisation) {
  if (auto s = may_read(caller, organisation); !s) return s.error();
  return carbon_.find_carbon_target(organisation);
}

Status CarbonService::save_target(const CarbonCaller& caller, CarbonTarget target) {
  if (auto s = may_write(caller, target.organisation_id); !s) return s;
  auto base = financial_year_start(target.baseline_period);
  if (!base) return base.error();
  if (!(target.annual_reduction_percent > 0 && target.annual_reduction_percent < 100))
    return invalid("the annual reduction must be more than 0 and less than 100 per cent");
  if (target.net_zero_year <= *base || target.net_zero_year > *base + 100)
    return invalid("the net-zero year must be after the baseline year");
  target.updated_by = caller.actor;
  return carbon_.save_carbon_target(target);
}

Result<std::map<std::string, double>> CarbonService::totals(const CarbonCaller& caller,
                                                             const std::string& organisation) {
  auto years = this->years(caller, organisation);
  if (!years) return years.error();
  std::map<std::string, double> out;
  for (const auto& y : *years)
    if (auto r = results(caller, organisation, y.period_id)) out[y.period_id] = r->footprint.total;
  return out;
}

Result<std::vector<TrajectoryPoint>> CarbonService::trajectory(const CarbonCaller& caller,
                                                               const std::string& organisation) {
  auto t = target(caller, organisation);
  if (!t) return t.error();
  if (!*t) return std::vector<TrajectoryPoint>{};
  auto actual = totals(caller, organisation);
  if (!actual) return actual.error();
  return carbon::trajectory(**t, *actual);
}

Result<int64_t> CarbonService::publish(const CarbonCaller& caller, const std::string& organisation,
                                       const std::string& period_id,
                                       const PublishContext& context) {
  if (auto s = may_write(caller, organisation); !s) return s.error();
  auto r = results(caller, organisation, period_id);
  if (!r) return r.error();
  auto period = parse_period_id(period_id);
  if (!period) return period.error();

  ReleaseBatch batch;
  batch.periods.push_back(*period);
  const std::string note = "DESNZ " + r->basis + "; entered by " + r->year.updated_by + " on " +
                           r->year.updated_at.substr(0, 10) + "; published by " + caller.actor;
  std::vector<std::string> used;
  auto add = [&](const std::string& metric, double value, int decimals) {
    Value v;
    v.text = fixed(value, decimals);
    v.number = parse_number(v.text);
    v.note = note;
    batch.observations.push_back({organisation, metric, period_id, std::move(v)});
    used.push_back(metric);
  };
  const Footprint& fp = r->footprint;
  if (!r->year.activity.empty()) {
    add("carbon-footprint-total", fp.total, 3);
    for (Scope s : {Scope::k1, Scope::k2, Scope::k3})
      add(scope_metric_id(s), fp.by_scope.count(s) ? fp.by_scope.at(s) : 0.0, 3);
    for (const auto& [category, t] : fp.by_category) add(category_metric_id(category), t, 3);
    if (context.population && *context.population > 0)
      add("carbon-footprint-per-resident", fp.total * 1000.0 / *context.population, 3);
    if (r->year.net_revenue_expenditure)
      add("carbon-footprint-per-net-revenue-expenditure", fp.total / *r->year.net_revenue_expenditure,
          3);
  }
  if (!r->year.waste.empty()) {
    add("carbon-waste-services-total", r->waste.total, 3);
    if (r->waste.average_kg_per_tonne)
      add("carbon-waste-average-factor", *r->waste.average_kg_per_tonne, 3);
  }
  if (batch.observations.empty())
    return invalid("there is nothing to publish for " + period_id + ": enter activity or waste first");
  for (auto& m : published_metrics())
    if (std::find(used.begin(), used.end(), m.id) != used.end()) batch.metrics.push_back(std::move(m));

  // The release is identified by what it publishes: publishing the same
  // results twice is refused, changed results are a new revision.
  std::string canonical = organisation + "\n" + period_id + "\n" +
                          std::to_string(r->year.factor_year) + "\n";
  for (const auto& o : batch.observations) canonical += o.metric_id + "=" + o.value.text + "\n";
  Release& rel = batch.release;
  rel.publisher = context.organisation_name.empty() ? organisation : context.organisation_name;
  rel.publisher += " (self-reported with the lgbench carbon calculator)";
  rel.source_url = "";
  rel.file_name = "carbon-" + organisation + "-" + period_id + ".txt";
  rel.format = kFormat;
  rel.sha256 = sha256_hex(canonical);
  rel.published_on = today();
  rel.loaded_by = caller.actor;
  rel.licence = kLicence;
  rel.row_count = static_cast<int64_t>(batch.observations.size());
  auto id = store_.load_release(batch);
  if (!id) {
    if (id.error().code == ErrorCode::kConflict)
      return conflict("these results for " + period_id + " are already published");
    if (id.error().code == ErrorCode::kInvalidArgument)
      return invalid("cannot publish for '" + organisation +
                     "': only a council (an organisation whose id is its area code) can publish (" +
                     id.error().message + ")");
    return id.error();
  }
  if (auto s = carbon_.mark_carbon_published(organisation, period_id, *id, caller.actor); !s)
    return s.error();
  return *id;
}

}  // namespace lgb::carbon
