// The carbon calculators' pages (docs/carbon.md): a council's years and
// target (/carbon), one year's footprint and waste emissions with their
// downloads (/carbon/{period}, .../data.csv|xlsx|json), entering a year by
// form or by uploading the CSV templates (/carbon/{period}/edit, .../upload),
// and publishing (/carbon/{period}/publish). Every page is the signed-in
// council's own: carbon::CarbonService decides who sees and changes what,
// and every form is a POST with the session's CSRF token from this site.
// Stateless functions over the SiteContext; thread-safe.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "api/carbon_encoder.h"
#include "api/json_writer.h"
#include "carbon/common_factors.h"
#include "carbon/demo.h"
#include "carbon/templates.h"
#include "carbon/trajectory.h"
#include "engine/catalogue.h"
#include "web/forms.h"
#include "web/multipart.h"
#include "web/pages.h"
#include "web/wording.h"

namespace lgb::web {
namespace {

using carbon::CarbonCaller;
using carbon::CarbonService;
using carbon::YearResults;

constexpr int kBlankRows = 3;      // empty rows offered under the existing lines
constexpr int kFirstYear = 2015;   // financial years offered: 2015/16 ...
constexpr int kLastYear = 2026;    // ... 2026/27
constexpr const char* kStaleForm = "The form had expired or came from another site. Try again";

// Figures with their unit spelt out (figure() writes only % and £).
std::string t_co2e(double v) { return figure(v, 1, "") + " tCO2e"; }
std::string with_unit(double v, int decimals, const std::string& unit) {
  return figure(v, decimals, "") + " " + unit;
}

// A quantity with thousands separators and only the decimals it needs.
std::string amount(double v) {
  return figure(v, v == std::floor(v) ? 0 : std::fabs(v) < 1 ? 5 : 3, "");
}

std::string percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f%%", v);
  return buf;
}

std::string period_label(const std::string& id) {
  auto p = parse_period_id(id);
  return p ? p->label() : id;
}

// The council this request is about: ?council= for data managers looking at
// another council, else the caller's own organisation.
std::string council_of(const api::Request& req) {
  std::string c = req.query.get("council");
  return c.empty() && req.caller.user ? req.caller.user->organisation_id : c;
}

std::string council_name(const SiteContext& ctx, const std::string& code) {
  if (auto snap = api::engine_snapshot(ctx.api))
    if (const Area* a = area_by_code(**snap, code)) return a->name;
  if (ctx.api.accounts)
    if (auto o = ctx.api.accounts->store().find_organisation(code); o && *o) return (*o)->name;
  return code;
}

api::Response page(const SiteContext& ctx, const api::Request& req, int status, std::string title,
                   std::vector<Crumb> crumbs, const Html& main, bool charts = false) {
  PageMeta meta;
  meta.title = std::move(title);
  meta.canonical = req.path;
  meta.noindex = true;
  meta.nav = "carbon";
  meta.crumbs = std::move(crumbs);
  if (charts) meta.scripts = {"charts"};
  api::Response r = html_response(status, render_page(*ctx.assets, with_account(meta, req), main));
  r.cache_control = "no-store";
  return r;
}

api::Response problem_page(const SiteContext& ctx, const api::Request& req, const Error& e) {
  int status = 500;
  switch (e.code) {
    case ErrorCode::kInvalidArgument: status = 400; break;
    case ErrorCode::kNotFound: status = 404; break;
    case ErrorCode::kForbidden: status = 403; break;
    case ErrorCode::kConflict: status = 409; break;
    default: break;
  }
  Html h;
  h("<h1 class=\"govuk-heading-l\">{}</h1><p class=\"govuk-body\">{}</p>",
    status == 404 ? "Not found" : status == 403 ? "You cannot do this" : "There is a problem",
    e.message);
  h("<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/carbon\">Back to your carbon years</a></p>");
  return page(ctx, req, status, "Carbon calculators", {{"Home", "/"}, {"Carbon", "/carbon"}}, h);
}

Html hidden_csrf(const api::Request& req) {
  return Html()(R"(<input type="hidden" name="csrf" value="{}">)", req.caller.csrf_token);
}

std::vector<Choice> financial_years() {
  std::vector<Choice> out;
  for (int y = kLastYear; y >= kFirstYear; --y) {
    std::string id = carbon::financial_year_id(y);
    out.push_back({id, period_label(id)});
  }
  return out;
}

// ---- /carbon -----------------------------------------------------------------

Html trajectory_table(const std::vector<carbon::TrajectoryPoint>& points) {
  std::vector<Row> rows;
  for (const auto& p : points) {
    if (!p.actual && p.year % 5 != 0 && &p != &points.back() && &p != &points.front()) continue;
    rows.push_back(
        {{text(period_label(p.period_id)), text(p.actual ? t_co2e(*p.actual) : "not reported"),
          text(t_co2e(p.target)),
          text(p.change_from_baseline_percent ? percent(*p.change_from_baseline_percent) : ""),
          text(p.change_from_previous_percent ? percent(*p.change_from_previous_percent) : ""),
          text(!p.on_track ? "" : *p.on_track ? "At or below the trajectory" : "Above the trajectory")},
         false});
  }
  return table("Reported emissions against the target trajectory (unreported years shown every 5 years)",
               {{"Year"}, {"Reported", true}, {"Trajectory", true}, {"Change from baseline", true},
                {"Change from the year before", true}, {"Against the trajectory"}},
               rows, "trajectory");
}

api::Response overview(const SiteContext& ctx, const api::Request& req, const std::string& notice,
                       const std::string& error, int status) {
  CarbonService& svc = *ctx.api.carbon;
  const CarbonCaller caller = api::carbon_caller(req.caller);
  const std::string org = council_of(req);
  auto years = svc.years(caller, org);
  if (!years) return problem_page(ctx, req, years.error());
  const bool may_write = svc.may_write(caller, org).ok();
  const std::string name = council_name(ctx, org);
  Html h;
  h.add(error_summary(error, "baseline"));
  h("<span class=\"govuk-caption-l\">{}</span><h1 class=\"govuk-heading-l\">Carbon calculators</h1>", name);
  if (!notice.empty()) h("<div class=\"govuk-inset-text\">{}</div>", notice);
  h("<p class=\"govuk-body\">Record your council's own emissions for a financial year: buildings and "
    "utilities, street lighting, fleet, business travel, water, waste and basic procurement, "
    "converted with the UK Government GHG conversion factors; and the emissions of the waste your "
    "services handle. What you enter is seen only by your council until you publish it.</p>");

  std::vector<Row> rows;
  for (const auto& y : *years) {
    auto r = svc.results(caller, org, y.period_id);
    rows.push_back({{link("/carbon/" + y.period_id + (req.query.has("council") ? "?council=" + url_encode(org) : ""),
                          period_label(y.period_id)),
                     text(std::to_string(y.factor_year)),
                     text(r ? t_co2e(r->footprint.total) : "cannot be computed"),
                     text(r && !y.waste.empty() ? t_co2e(r->waste.total) : ""),
                     text(y.published_at.empty() ? "Not published" : "Published " + y.published_at.substr(0, 10))},
                    false});
  }
  h("<h2 class=\"govuk-heading-m\">Your reporting years</h2>");
  if (rows.empty()) h("<p class=\"govuk-body\">No years yet.</p>");
  else
    h.add(table("Footprint by financial year (scopes 1-3, location-based)",
                {{"Year"}, {"Factor year", true}, {"Footprint", true}, {"Waste services", true}, {"Status"}},
                rows, "years"));
  if (may_write) {
    h(R"(<form method="get" action="/carbon/start" novalidate>)");
    h.add(select_field("period", "Enter or change a year", financial_years(), carbon::financial_year_id(2023)));
    h(R"(<button type="submit" class="govuk-button" data-module="govuk-button">Continue</button></form>)");
  }

  // Baseline and target.
  h("<h2 class=\"govuk-heading-m\" id=\"target\">Baseline and target</h2>");
  auto target = svc.target(caller, org);
  if (target && *target) {
    const CarbonTarget& t = **target;
    h("<p class=\"govuk-body\">Baseline {}, reducing by {}% a year (compounded) to net zero in {}.</p>",
      period_label(t.baseline_period), api::format_number(t.annual_reduction_percent), t.net_zero_year);
    auto points = svc.trajectory(caller, org);
    if (points) h.add(trajectory_table(*points));
    else h("<p class=\"govuk-body\">{}</p>", points.error().message);
  } else {
    h("<p class=\"govuk-body\">No target set yet.</p>");
  }
  if (may_write) {
    const CarbonTarget t = target && *target ? **target : CarbonTarget{org, "fy2019-20", 13.1, 2038, "", ""};
    h(R"(<form method="post" action="/carbon/target" novalidate>)");
    h.add(hidden_csrf(req));
    h.add(select_field("baseline", "Baseline year", financial_years(), t.baseline_period));
    h.add(text_input("rate", "Reduction each year (per cent, compounded)", "text", "off",
                     api::format_number(t.annual_reduction_percent), ""));
    h.add(text_input("net_zero", "Net-zero year", "text", "off", std::to_string(t.net_zero_year), ""));
    h(R"(<button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Save target</button></form>)");
  }

  h("<h2 class=\"govuk-heading-m\">Templates and factors</h2><ul class=\"govuk-list\">"
    "<li><a class=\"govuk-link\" href=\"/carbon/template.xlsx\">Activity and waste template (XLSX)</a></li><li><a class=\"govuk-link\" href=\"/api/v1/carbon/templates/activity\" download=\"lgbench-carbon-activity-template.csv\">Activity data template (CSV)</a></li>"
    "<li><a class=\"govuk-link\" href=\"/api/v1/carbon/templates/waste\" download=\"lgbench-carbon-waste-template.csv\">Waste tonnages template (CSV)</a></li>"
    "<li><a class=\"govuk-link\" href=\"/api/v1/carbon/factor-years?format=csv\">Conversion factor years loaded, with their sources (CSV)</a></li></ul>");
  auto sets = svc.factor_years();
  if (sets) {
    std::vector<Row> fr;
    for (const auto& s : *sets)
      fr.push_back({{text(std::to_string(s.year)), link(s.source_url, s.publisher), text(s.licence),
                     text(std::to_string(s.row_count))},
                    false});
    h.add(table("UK Government GHG conversion factors loaded",
                {{"Factor year"}, {"Publisher and source"}, {"Licence"}, {"Factors", true}}, fr, "factor-years"));
  }
  return page(ctx, req, status, error.empty() ? "Carbon calculators" : "Error: Carbon calculators",
              {{"Home", "/"}}, h);
}

api::Response handle_target(const SiteContext& ctx, api::Request& req) {
  const api::QueryParams form = parse_form(req.body);
  if (!csrf_ok(req, form))
    return overview(ctx, req, "", kStaleForm, 403);
  CarbonTarget t;
  t.organisation_id = council_of(req);
  t.baseline_period = form.get("baseline");
  auto rate = carbon::parse_quantity(form.get("rate"));
  auto year = carbon::parse_quantity(form.get("net_zero"));
  if (!rate || !year)
    return overview(ctx, req, "", "Enter the reduction and the net-zero year as numbers", 400);
  t.annual_reduction_percent = *rate;
  t.net_zero_year = static_cast<int>(*year);
  if (auto s = ctx.api.carbon->save_target(api::carbon_caller(req.caller), t); !s)
    return overview(ctx, req, "", s.error().message, 400);
  return see_other("/carbon#target");
}

// ---- /carbon/{period} --------------------------------------------------------

Dataset year_dataset(const YearResults& r, const FactorSet* set, const std::string& name) {
  Dataset d;
  d.title = name + " carbon footprint " + period_label(r.year.period_id);
  d.file_stem = "lgbench-carbon-" + r.year.organisation_id + "-" + r.year.period_id;
  d.page_url = "/carbon/" + r.year.period_id;
  d.notes = {"tCO2e: tonnes of carbon dioxide equivalent. Scopes 1-3 are location-based; market-based "
             "figures are given beside them when the council recorded contractual instruments.",
             "Factor year " + std::to_string(r.year.factor_year) + ": " + r.basis + ".",
             "Entered by " + r.year.updated_by + ", last updated " + r.year.updated_at + ".",
             r.year.published_at.empty() ? "Not published: seen only by the council."
                                         : "Published " + r.year.published_at + " by " + r.year.published_by + "."};
  if (set) d.sources.push_back({set->publisher, set->licence, set->source_url});
  d.sources.push_back({name + " (entered in the lgbench carbon calculator)", "OGL-UK-3.0", ""});
  DataSheet summary{"Summary", "Footprint by scope, category and gas; waste by stream and route",
                    api::carbon_summary_table(r, set), {}};
  summary.numeric.assign(summary.table.header.size(), false);
  summary.numeric[4] = true;
  DataSheet lines{"Lines", "Every activity and waste line with the factor it used (as published)",
                  api::carbon_lines_table(r), {}};
  lines.numeric.assign(lines.table.header.size(), false);
  for (size_t i : {9u, 11u, 12u, 13u}) lines.numeric[i] = true;
  d.sheets = {std::move(summary), std::move(lines)};
  return d;
}

// Whether the demo's synthetic footprints are loaded (carbon/demo.h).
bool has_synthetic_demo(Store& store) {
  auto releases = store.list_releases();
  if (!releases) return false;
  return std::any_of(releases->begin(), releases->end(),
                     [](const Release& r) { return r.publisher == carbon::kSyntheticPublisher; });
}

std::string factor_label(const FactorKey& key) {
  if (const auto* c = carbon::common_factor_of(key)) return std::string(c->label);
  return key.label() + " (" + key.unit + ")";
}

api::Response year_page(const SiteContext& ctx, const api::Request& req, const std::string& period,
                        const std::string& notice) {
  CarbonService& svc = *ctx.api.carbon;
  const CarbonCaller caller = api::carbon_caller(req.caller);
  const std::string org = council_of(req);
  auto r = svc.results(caller, org, period);
  if (!r) return problem_page(ctx, req, r.error());
  auto sets = svc.factor_years();
  const FactorSet* set = sets ? api::factor_set_of(*sets, r->year.factor_year) : nullptr;
  const std::string name = council_name(ctx, org);
  const auto& fp = r->footprint;
  const std::string label = period_label(period);
  const bool may_write = svc.may_write(caller, org).ok();
  Html h;
  h("<span class=\"govuk-caption-l\">{}</span><h1 class=\"govuk-heading-l\">Carbon footprint {}</h1>", name, label);
  if (!notice.empty()) h("<div class=\"govuk-inset-text\">{}</div>", notice);
  if (r->year.published_at.empty())
    h("<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
      "<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>"
      "Not published: only your council can see this year.</strong></div>");

  Html factor_html;
  factor_html("{}", r->basis);
  if (set) factor_html(" — <a class=\"govuk-link\" href=\"{}\">{}</a>", set->source_url, set->publisher);
  std::vector<std::pair<std::string, Html>> facts = {
      {"Total, scopes 1-3 (location-based)", text(t_co2e(fp.total))},
  };
  if (fp.total_market) facts.push_back({"Total, scopes 1-3 (market-based)", text(t_co2e(*fp.total_market))});
  if (auto pop = api::resident_population(*ctx.api.store, org); pop && *pop > 0)
    facts.push_back({"Per resident", text(with_unit(fp.total * 1000 / *pop, 1, "kg CO2e"))});
  if (r->year.net_revenue_expenditure)
    facts.push_back({"Per £m net revenue expenditure",
                     text(with_unit(fp.total / *r->year.net_revenue_expenditure, 2, "tCO2e per £m"))});
  facts.push_back({"Conversion factors", factor_html});
  facts.push_back({"Last updated", text(r->year.updated_at.substr(0, 10) + " by " + r->year.updated_by)});
  facts.push_back({"Published", text(r->year.published_at.empty() ? "No" : r->year.published_at.substr(0, 10) + " by " + r->year.published_by)});
  if (!r->year.scope_sheet.boundary.empty())
    facts.push_back({"Organisational boundary", text(r->year.scope_sheet.boundary)});
  h.add(summary_list(facts));
  if (may_write)
    h("<p class=\"govuk-body\"><a class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\" href=\"/carbon/{}/edit\">Change the data</a></p>", period);

  // By scope.
  std::vector<Row> scope_rows;
  for (const auto& [scope, v] : fp.by_scope)
    scope_rows.push_back({{text(label_of(scope)), text(t_co2e(v)),
                           text(scope == Scope::kOutside || fp.total <= 0 ? "not in the total" : figure(v / fp.total * 100, 1, "%"))},
                          false});
  if (fp.scope2_market)
    scope_rows.push_back({{text("Scope 2 (market-based)"), text(t_co2e(*fp.scope2_market)), text("")}, false});
  h("<h2 class=\"govuk-heading-m\" id=\"scopes\">By scope</h2>");
  h.add(table("Emissions by scope, " + label, {{"Scope"}, {"tCO2e", true}, {"Share of total", true}}, scope_rows, "by-scope"));

  // Largest sources: categories, largest first, charted.
  std::vector<std::pair<std::string, double>> cats(fp.by_category.begin(), fp.by_category.end());
  std::sort(cats.begin(), cats.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<Row> cat_rows;
  api::JsonWriter cj;
  cj.begin_object().field("unit", "tCO2e").field("decimals", 1).key("rows").begin_array();
  for (const auto& [id, v] : cats) {
    const auto* c = carbon::find_category(id);
    const std::string cl = c ? std::string(c->label) : id;
    cat_rows.push_back({{text(cl), text(t_co2e(v)), text(fp.total > 0 ? figure(v / fp.total * 100, 1, "%") : "")}, false});
    cj.begin_object().field("label", cl).field("value", v).end_object();
  }
  cj.end_array().end_object();
  h("<h2 class=\"govuk-heading-m\" id=\"categories\">Largest sources</h2>");
  h("<figure class=\"app-figure\" role=\"figure\" aria-labelledby=\"categories-summary\">"
    "<p class=\"govuk-body-s app-muted\">tCO2e by category, scopes 1-3, location-based, {} ({} factors)</p>"
    "<p class=\"govuk-body\" id=\"categories-summary\">",
    label, r->year.factor_year);
  if (!cats.empty())
    h("The largest source is {}: {} of {}.", cat_rows.front().cells.front(), t_co2e(cats.front().second), t_co2e(fp.total));
  else
    h("No activity recorded.");
  h("</p><div class=\"app-chart\" data-chart=\"bars\" data-source=\"categories-data\" aria-hidden=\"true\"></div></figure>");
  h.add(json_script("categories-data", cj.take()));
  h.add(table("Emissions by category, " + label, {{"Category"}, {"tCO2e", true}, {"Share of total", true}}, cat_rows, "by-category"));

  // By gas.
  h("<h2 class=\"govuk-heading-m\" id=\"gases\">By gas</h2>");
  h.add(table("Emissions by gas (tCO2e), " + label, {{"Gas"}, {"tCO2e", true}},
              {{{text("Carbon dioxide (CO2)"), text(t_co2e(fp.co2))}, false},
               {{text("Methane (CH4)"), text(t_co2e(fp.ch4))}, false},
               {{text("Nitrous oxide (N2O)"), text(t_co2e(fp.n2o))}, false},
               {{text("CO2e not split by gas (the factor is published as CO2e only)"), text(t_co2e(fp.co2e_not_split))}, false}},
              "by-gas"));

  // Baseline and target.
  if (auto target = svc.target(caller, org); target && *target) {
    auto points = svc.trajectory(caller, org);
    h("<h2 class=\"govuk-heading-m\" id=\"target\">Against the baseline and target</h2>");
    if (points) {
      for (const auto& p : *points)
        if (p.period_id == period && p.change_from_baseline_percent)
          h("<p class=\"govuk-body\">{} is {} from the baseline year {}; the trajectory allows {} and this year is {}.</p>",
            label, percent(*p.change_from_baseline_percent), period_label((*target)->baseline_period),
            t_co2e(p.target), *p.on_track ? "at or below it" : "above it");
      h.add(trajectory_table(*points));
    } else {
      h("<p class=\"govuk-body\">{}</p>", points.error().message);
    }
  }

  // Lines.
  std::vector<Row> line_rows;
  for (size_t i = 0; i < r->year.activity.size() && i < fp.lines.size(); ++i) {
    const auto& l = r->year.activity[i];
    const auto& res = fp.lines[i];
    const auto* c = carbon::find_category(l.category);
    Html evidence;
    if (!l.evidence_url.empty() && (l.evidence_url.starts_with("https://") || l.evidence_url.starts_with("http://")))
      evidence = link(l.evidence_url, "evidence");
    line_rows.push_back({{text(l.description.empty() ? factor_label(res.factor) : l.description),
                          text(c ? std::string(c->label) : l.category), text(factor_label(l.factor)),
                          text(amount(l.quantity) + " " + res.factor.unit), text(res.factor_text),
                          text(label_of(res.scope)), text(figure(res.co2e(), 3, "")),
                          Html()("{} {}", l.source_note, evidence)},
                         false});
  }
  h("<h2 class=\"govuk-heading-m\" id=\"lines\">Activity</h2>");
  h.add(table("Every activity line with the factor it used (kg CO2e per unit, as published)",
              {{"Line"}, {"Category"}, {"Factor"}, {"Quantity", true}, {"kg CO2e per unit", true}, {"Scope"}, {"tCO2e", true}, {"Source"}},
              line_rows, "lines"));

  // Waste.
  h("<h2 class=\"govuk-heading-m\" id=\"waste\">Waste services</h2>");
  if (r->year.waste.empty()) {
    h("<p class=\"govuk-body\">No waste tonnages recorded.</p>");
  } else {
    const auto& w = r->waste;
    h("<p class=\"govuk-body\">{} of waste gave {}: an average of {} per tonne.</p>", with_unit(w.tonnes, 0, "tonnes"),
      t_co2e(w.total), w.average_kg_per_tonne ? with_unit(*w.average_kg_per_tonne, 1, "kg CO2e") : std::string("no figure"));
    std::vector<Row> wrows;
    for (size_t i = 0; i < r->year.waste.size() && i < w.lines.size(); ++i) {
      const auto* route = carbon::find_waste_route(w.lines[i].route);
      wrows.push_back({{text(w.lines[i].stream), text(route ? std::string(route->label) : w.lines[i].route),
                        text(amount(r->year.waste[i].tonnes)), text(w.lines[i].factor_text), text(figure(w.lines[i].co2e, 3, ""))},
                       false});
    }
    h.add(table("Waste by stream and management route", {{"Stream"}, {"Route"}, {"Tonnes", true}, {"kg CO2e per tonne", true}, {"tCO2e", true}}, wrows, "waste-lines"));
    std::vector<Row> rrows;
    for (const auto& [id, v] : w.by_route) {
      const auto* route = carbon::find_waste_route(id);
      rrows.push_back({{text(route ? std::string(route->label) : id), text(t_co2e(v))}, false});
    }
    h.add(table("Waste emissions by route", {{"Route"}, {"tCO2e", true}}, rrows, "waste-routes"));
  }

  // Publish.
  h("<h2 class=\"govuk-heading-m\" id=\"publish\">Publish</h2>");
  if (!r->year.published_at.empty())
    h("<p class=\"govuk-body\">Published {} by {}. See how you compare: <a class=\"govuk-link\" href=\"/metrics/carbon-footprint-per-resident?area={}&amp;group=neighbours\">emissions per resident among your nearest neighbours</a>, <a class=\"govuk-link\" href=\"/metrics/carbon-footprint-total?area={}&amp;group=neighbours\">total emissions</a>.</p>",
      r->year.published_at.substr(0, 10), r->year.published_by, org, org);
  if (!r->year.published_at.empty() && has_synthetic_demo(*ctx.api.store))
    h("<div class=\"govuk-inset-text\">This is a demo: councils that have not published their own year show "
      "<strong>synthetic</strong> values, not real council figures. Each such value's note and release say "
      "SYNTHETIC.</div>");
  if (may_write) {
    h("<p class=\"govuk-body\">Publishing makes this year's totals by scope and category, per resident, per £m net "
      "revenue expenditure and the waste figures public as lgbench measures, with who entered them and which "
      "factor year they used. Your activity lines stay private. Publishing again after a change adds a new "
      "revision; the old one is kept.</p>");
    h(R"(<form method="post" action="/carbon/{}/publish" novalidate>)", period);
    h.add(hidden_csrf(req));
    h(R"(<button type="submit" class="govuk-button" data-module="govuk-button">Publish {}</button></form>)", label);
  }
  h.add(download_links(req.path, "", "this footprint"));
  return page(ctx, req, 200, "Carbon footprint " + label + " - " + name,
              {{"Home", "/"}, {"Carbon", "/carbon"}}, h, true);
}

// The XLSX template: a sheet for activity, one for waste (factor year's streams).
Dataset template_dataset(const carbon::FactorTable& factors) {
  Dataset d;
  d.title = "lgbench carbon calculator template";
  d.file_stem = "lgbench-carbon-template";
  d.page_url = "/carbon";
  d.notes = {"Fill in the quantity (activity) or tonnes (waste) of the rows you have; rows left blank are skipped.",
             "Activity: the factor is named by its levels, column text and unit as the UK Government flat file "
             "publishes them; any published factor may be used. The market-based factor (kg CO2e per kWh) is for "
             "UK electricity bought with a contractual instrument only.",
             "Waste: routes are landfill, combustion (incineration with energy recovery), open-loop, closed-loop, "
             "composting, anaerobic-digestion, re-use; a stream-route pair without a published factor is refused.",
             "Upload the workbook on the year's entry page; every problem is listed by sheet, row and column and "
             "nothing is saved if there is any."};
  d.sources.push_back({"UK Government GHG conversion factors (DESNZ)", "OGL-UK-3.0", ""});
  DataSheet activity{std::string(carbon::kActivitySheet), "Activity lines: one per meter, fuel or journey type",
                     {carbon::header_of(carbon::kActivityColumns), carbon::activity_template_rows(), {}}, {}};
  activity.numeric.assign(activity.table.header.size(), false);
  DataSheet waste{std::string(carbon::kWasteSheet), "Waste tonnes by stream and management route",
                  {carbon::header_of(carbon::kWasteColumns), carbon::waste_template_rows(factors), {}}, {}};
  waste.numeric.assign(waste.table.header.size(), false);
  d.sheets = {std::move(activity), std::move(waste)};
  return d;
}

// ---- /carbon/{period}/edit ---------------------------------------------------

std::vector<Choice> category_choices() {
  std::vector<Choice> out;
  for (const auto& c : carbon::kCategories) out.push_back({std::string(c.id), std::string(c.label)});
  return out;
}

// One labelled control of a line, in a grid column: the label reads
// "Line 3 Quantity" to a screen reader, "Quantity" on screen.
Html line_field(const std::string& name, const std::string& line, const std::string& label,
                const Html& control, const char* column = "govuk-grid-column-one-third") {
  return Html()(R"(<div class="{}"><div class="govuk-form-group govuk-!-margin-bottom-3"><label class="govuk-label govuk-label--s" for="{}"><span class="govuk-visually-hidden">{} </span>{}</label>{}</div></div>)",
                column, name, line, label, control);
}

Html line_select(const std::string& name, const std::vector<Choice>& choices, const std::string& selected) {
  Html h;
  h(R"(<select class="govuk-select app-full-width" id="{}" name="{}">)", name, name);
  for (const auto& c : choices)
    h(R"(<option value="{}"{}>{}</option>)", c.value, Html::trusted(c.value == selected ? " selected" : ""), c.label);
  h("</select>");
  return h;
}

Html line_input(const std::string& name, const std::string& value) {
  return Html()(R"(<input class="govuk-input app-full-width" id="{}" name="{}" type="text" spellcheck="false" value="{}">)",
                name, name, value);
}

struct EditState {
  CarbonYear year;
  std::string error;  // the problem(s), listed at the top
};

api::Response edit_page(const SiteContext& ctx, const api::Request& req, const std::string& period,
                        const EditState& st, int status) {
  CarbonService& svc = *ctx.api.carbon;
  const std::string label = period_label(period);
  const std::string name = council_name(ctx, st.year.organisation_id);
  auto loaded = svc.loaded_years();
  const std::vector<int> years = loaded ? *loaded : std::vector<int>{};
  auto fy = carbon::financial_year_start(period);
  const int default_year = fy ? carbon::default_factor_year(*fy, years).value_or(0) : 0;
  const int factor_year = st.year.factor_year ? st.year.factor_year : default_year;
  auto table_r = svc.factors(factor_year);

  Html h;
  if (!st.error.empty()) {
    h(R"(<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert"><h2 class="govuk-error-summary__title">There is a problem; nothing was saved</h2><div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">)");
    size_t start = 0;
    while (start < st.error.size()) {
      size_t end = st.error.find("; ", start);
      if (end == std::string::npos) end = st.error.size();
      h("<li><a href=\"#lines\">{}</a></li>", st.error.substr(start, end - start));
      start = end + 2;
    }
    h("</ul></div></div></div>");
  }
  h("<span class=\"govuk-caption-l\">{}</span><h1 class=\"govuk-heading-l\">Enter {}</h1>", name, label);
  h(R"(<form method="post" action="/carbon/{}/edit" novalidate>)", period);
  h.add(hidden_csrf(req));
  std::vector<Choice> fy_choices;
  for (int y : years) {
    std::string basis = fy ? carbon::factor_basis(*fy, y, years) : std::to_string(y);
    fy_choices.push_back({std::to_string(y), basis + (y == default_year ? " (default)" : "")});
  }
  h.add(select_field("factor_year", "Conversion factors", fy_choices, std::to_string(factor_year),
                     "By default a financial year uses the factors of the year it starts in. Re-base a year on later factors to compare years on one basis; the choice is recorded."));
  h.add(text_input("nre", "Net revenue expenditure (£ million, for the intensity ratio; optional)", "text", "off",
                   st.year.net_revenue_expenditure ? api::format_number(*st.year.net_revenue_expenditure) : "", ""));

  h(R"(<h2 class="govuk-heading-m" id="lines">Activity</h2><p class="govuk-body">One line per meter, fuel or journey type. Leave the quantity blank to drop a line. The factor sets the unit.</p>)");
  // Factor choices: the common ones, plus any factor already used that is not one of them.
  std::vector<Choice> factor_choices;
  for (const auto& f : carbon::kCommonFactors) factor_choices.push_back({std::string(f.id), std::string(f.label)});
  std::vector<ActivityLine> lines = st.year.activity;
  for (size_t i = 0; i < lines.size(); ++i)
    if (!carbon::common_factor_of(lines[i].factor))
      factor_choices.push_back({"line-" + std::to_string(i), factor_label(lines[i].factor)});
  const size_t n_rows = lines.size() + kBlankRows;
  for (size_t i = 0; i < n_rows; ++i) {
    const ActivityLine l = i < lines.size() ? lines[i] : ActivityLine{};
    const std::string p = "a" + std::to_string(i) + "_";
    const auto* common = i < lines.size() ? carbon::common_factor_of(l.factor) : nullptr;
    std::string factor_value = common ? std::string(common->id) : i < lines.size() ? "line-" + std::to_string(i) : "";
    const std::string line = "Line " + std::to_string(i + 1);
    std::vector<Choice> fc = factor_choices;
    if (i >= lines.size()) fc.insert(fc.begin(), {"", "Choose a factor"});
    h(R"(<fieldset class="govuk-fieldset app-line"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{}</legend><div class="govuk-grid-row">)", line);
    h.add(line_field(p + "category", line, "Category", line_select(p + "category", category_choices(), l.category.empty() ? "buildings" : l.category)));
    h.add(line_field(p + "factor", line, "Factor", line_select(p + "factor", fc, factor_value)));
    h.add(line_field(p + "quantity", line, "Quantity", line_input(p + "quantity", l.quantity_text)));
    h("</div><div class=\"govuk-grid-row\">");
    h.add(line_field(p + "description", line, "Description", line_input(p + "description", l.description)));
    h.add(line_field(p + "source", line, "Source note", line_input(p + "source", l.source_note)));
    h.add(line_field(p + "evidence", line, "Evidence link", line_input(p + "evidence", l.evidence_url)));
    h("</div><div class=\"govuk-grid-row\">");
    h.add(line_field(p + "market", line, "Market-based factor, kg CO2e per kWh (electricity with a contractual instrument only)",
                     line_input(p + "market", l.market_factor ? api::format_number(*l.market_factor) : ""),
                     "govuk-grid-column-two-thirds"));
    h("</div>");
    if (i < lines.size() && !common) {
      // Keep the factor key of a line the form cannot name.
      for (const auto& [k, v] : std::vector<std::pair<std::string, std::string>>{
               {"l1", l.factor.level1}, {"l2", l.factor.level2}, {"l3", l.factor.level3},
               {"l4", l.factor.level4}, {"ct", l.factor.column_text}, {"unit", l.factor.unit}})
        h(R"(<input type="hidden" name="{}" value="{}">)", p + k, v);
    }
    h("</fieldset>");
  }
  h(R"(<input type="hidden" name="activity_rows" value="{}">)", n_rows);

  h(R"(<h2 class="govuk-heading-m" id="waste">Waste services</h2><p class="govuk-body">Tonnes of each waste stream by management route. Leave the tonnes blank to drop a line.</p>)");
  std::vector<Choice> streams = {{"", "Choose a stream"}};
  if (table_r)
    for (const auto& s : (*table_r)->waste_streams()) streams.push_back({s.material, s.group + ": " + s.material});
  std::vector<Choice> routes;
  for (const auto& r : carbon::kWasteRoutes) routes.push_back({std::string(r.id), std::string(r.label)});
  const size_t n_waste = st.year.waste.size() + kBlankRows;
  for (size_t i = 0; i < n_waste; ++i) {
    const WasteLine w = i < st.year.waste.size() ? st.year.waste[i] : WasteLine{};
    const std::string p = "w" + std::to_string(i) + "_";
    const std::string line = "Waste line " + std::to_string(i + 1);
    h(R"(<fieldset class="govuk-fieldset app-line"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{}</legend><div class="govuk-grid-row">)", line);
    h.add(line_field(p + "stream", line, "Stream", line_select(p + "stream", streams, w.stream)));
    h.add(line_field(p + "route", line, "Route", line_select(p + "route", routes, w.route.empty() ? "landfill" : w.route)));
    h.add(line_field(p + "tonnes", line, "Tonnes", line_input(p + "tonnes", w.tonnes_text)));
    h("</div></fieldset>");
  }
  h(R"(<input type="hidden" name="waste_rows" value="{}">)", n_waste);

  h(R"(<h2 class="govuk-heading-m" id="scope-sheet">Scope sheet</h2><p class="govuk-body">On what basis the data were collected, so later years stay consistent.</p>)");
  const std::pair<const char*, const char*> sheet[] = {
      {"boundary", "Organisational boundary (for example operational control)"},
      {"included", "What is included"},
      {"excluded", "What is excluded, and why"},
      {"data_sources", "Where the data come from"},
      {"estimation", "What is estimated, and how"}};
  const std::string* values[] = {&st.year.scope_sheet.boundary, &st.year.scope_sheet.included,
                                 &st.year.scope_sheet.excluded, &st.year.scope_sheet.data_sources,
                                 &st.year.scope_sheet.estimation};
  for (size_t i = 0; i < 5; ++i)
    h(R"(<div class="govuk-form-group"><label class="govuk-label" for="{}">{}</label><textarea class="govuk-textarea" id="{}" name="{}" rows="3">{}</textarea></div>)",
      sheet[i].first, sheet[i].second, sheet[i].first, sheet[i].first, *values[i]);
  h(R"(<div class="govuk-button-group"><button type="submit" class="govuk-button" data-module="govuk-button">Save and calculate</button><a class="govuk-link" href="/carbon">Cancel</a></div></form>)");

  h(R"(<h2 class="govuk-heading-m" id="upload">Upload the templates instead</h2>
<p class="govuk-body">Download the <a class="govuk-link" href="/carbon/template.xlsx">XLSX template</a> (a sheet for activity, one for waste), or the CSV <a class="govuk-link" href="/api/v1/carbon/templates/activity" download="lgbench-carbon-activity-template.csv">activity template</a> and <a class="govuk-link" href="/api/v1/carbon/templates/waste?year={}" download="lgbench-carbon-waste-template.csv">waste template</a>; fill in the quantities (blank rows are skipped) and upload. A file replaces the lines of its kind; every problem is listed by sheet, row and column, and nothing is saved if there is any.</p>
<form method="post" action="/carbon/{}/upload?csrf={}" enctype="multipart/form-data" novalidate>
<div class="govuk-form-group"><label class="govuk-label" for="workbook-file">Workbook (XLSX, both sheets)</label><input class="govuk-file-upload" id="workbook-file" name="workbook" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"></div>
<div class="govuk-form-group"><label class="govuk-label" for="activity-file">Activity CSV</label><input class="govuk-file-upload" id="activity-file" name="activity" type="file" accept=".csv,text/csv"></div>
<div class="govuk-form-group"><label class="govuk-label" for="waste-file">Waste CSV</label><input class="govuk-file-upload" id="waste-file" name="waste" type="file" accept=".csv,text/csv"></div>
<button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Upload</button></form>)",
    factor_year, period, req.caller.csrf_token);
  return page(ctx, req, status, (st.error.empty() ? "" : "Error: ") + std::string("Enter ") + label + " - " + name,
              {{"Home", "/"}, {"Carbon", "/carbon"}}, h);
}

// The year as the form posted it; problems in the numbers are collected.
CarbonYear year_from_form(const api::QueryParams& form, const CarbonYear& stored, std::string& problems) {
  CarbonYear y = stored;
  y.activity.clear();
  y.waste.clear();
  auto note = [&](std::string m) { problems += (problems.empty() ? "" : "; ") + m; };
  y.factor_year = static_cast<int>(carbon::parse_quantity(form.get("factor_year")).value_or(0));
  const std::string nre = form.get("nre");
  y.net_revenue_expenditure.reset();
  if (!nre.empty()) {
    if (auto v = carbon::parse_quantity(nre)) y.net_revenue_expenditure = *v;
    else note("Net revenue expenditure: '" + nre + "' is not a number");
  }
  y.scope_sheet = {form.get("boundary"), form.get("included"), form.get("excluded"),
                   form.get("data_sources"), form.get("estimation")};
  const int n = static_cast<int>(std::min(500.0, carbon::parse_quantity(form.get("activity_rows")).value_or(0)));
  for (int i = 0; i < n; ++i) {
    const std::string p = "a" + std::to_string(i) + "_";
    ActivityLine l;
    l.quantity_text = form.get(p + "quantity");
    if (l.quantity_text.empty()) continue;
    const std::string line = "Line " + std::to_string(i + 1);
    l.category = form.get(p + "category");
    l.description = form.get(p + "description");
    l.source_note = form.get(p + "source");
    l.evidence_url = form.get(p + "evidence");
    const std::string factor = form.get(p + "factor");
    if (const auto* c = carbon::find_common_factor(factor)) l.factor = c->key();
    else if (factor.starts_with("line-"))
      l.factor = {form.get(p + "l1"), form.get(p + "l2"), form.get(p + "l3"), form.get(p + "l4"), form.get(p + "ct"), form.get(p + "unit")};
    else {
      note(line + ": choose a factor");
      continue;
    }
    if (auto q = carbon::parse_quantity(l.quantity_text)) l.quantity = *q;
    else note(line + ": quantity '" + l.quantity_text + "' is not a number");
    const std::string market = form.get(p + "market");
    if (!market.empty()) {
      if (auto m = carbon::parse_quantity(market)) l.market_factor = *m;
      else note(line + ": market-based factor '" + market + "' is not a number");
    }
    y.activity.push_back(std::move(l));
  }
  const int nw = static_cast<int>(std::min(500.0, carbon::parse_quantity(form.get("waste_rows")).value_or(0)));
  for (int i = 0; i < nw; ++i) {
    const std::string p = "w" + std::to_string(i) + "_";
    WasteLine w{form.get(p + "stream"), form.get(p + "route"), form.get(p + "tonnes"), 0};
    if (w.tonnes_text.empty()) continue;
    if (auto t = carbon::parse_quantity(w.tonnes_text)) w.tonnes = *t;
    else note("Waste line " + std::to_string(i + 1) + ": tonnes '" + w.tonnes_text + "' is not a number");
    y.waste.push_back(std::move(w));
  }
  return y;
}

CarbonYear stored_or_new(CarbonService& svc, const CarbonCaller& caller, const std::string& org,
                         const std::string& period) {
  if (auto r = svc.results(caller, org, period)) return r->year;
  CarbonYear y;
  y.organisation_id = org;
  y.period_id = period;
  return y;
}

// What the pages that change a year start with: the caller may change the
// council's data and the period is a financial year; the year as stored (or
// a new one).
struct Change {
  CarbonCaller caller;
  std::string org;
  EditState st;
};
Result<Change> begin_change(const SiteContext& ctx, const api::Request& req, const std::string& period) {
  CarbonService& svc = *ctx.api.carbon;
  Change c{api::carbon_caller(req.caller), council_of(req), {}};
  if (auto s = svc.may_write(c.caller, c.org); !s) return s.error();
  if (auto fy = carbon::financial_year_start(period); !fy) return fy.error();
  c.st.year = stored_or_new(svc, c.caller, c.org, period);
  return c;
}

api::Response handle_edit(const SiteContext& ctx, api::Request& req, const std::string& period) {
  CarbonService& svc = *ctx.api.carbon;
  auto change = begin_change(ctx, req, period);
  if (!change) return problem_page(ctx, req, change.error());
  EditState& st = change->st;
  if (req.method != "POST") return edit_page(ctx, req, period, st, 200);
  const api::QueryParams form = parse_form(req.body);
  if (!csrf_ok(req, form)) {
    st.error = kStaleForm;
    return edit_page(ctx, req, period, st, 403);
  }
  std::string problems;
  CarbonYear y = year_from_form(form, st.year, problems);
  if (problems.empty()) {
    auto s = svc.save_year(change->caller, y);
    if (s) return see_other("/carbon/" + period + "?saved=1");
    problems = s.error().message;
  }
  return edit_page(ctx, req, period, {y, problems}, 400);
}

api::Response handle_upload(const SiteContext& ctx, api::Request& req, const std::string& period) {
  CarbonService& svc = *ctx.api.carbon;
  auto change = begin_change(ctx, req, period);
  if (!change) return problem_page(ctx, req, change.error());
  EditState& st = change->st;
  if (!csrf_ok(req, req.query)) {
    st.error = kStaleForm;
    return edit_page(ctx, req, period, st, 403);
  }
  auto parts = parse_multipart(req.header("content-type"), req.body);
  if (!parts) {
    st.error = parts.error().message;
    return edit_page(ctx, req, period, st, 400);
  }
  CarbonYear y = st.year;
  if (y.factor_year == 0) {
    auto loaded = svc.loaded_years();
    auto fy = carbon::financial_year_start(period);
    if (loaded && fy) y.factor_year = carbon::default_factor_year(*fy, *loaded).value_or(0);
  }
  auto table_r = svc.factors(y.factor_year);
  if (!table_r) return problem_page(ctx, req, table_r.error());
  IngestReport report;
  bool any = false;
  for (const auto& part : *parts) {
    if (part.filename.empty() || part.body.empty()) continue;
    if (part.name == "workbook") {
      any = true;
      auto tables = carbon::workbook_tables(part.body, part.filename, report);
      if (!tables) continue;
      for (const auto& t : *tables) {
        if (t.sheet == carbon::kActivitySheet) {
          if (auto lines = carbon::read_activity(t, **table_r, report)) y.activity = *lines;
        } else if (auto lines = carbon::read_waste(t, **table_r, report)) {
          y.waste = *lines;
        }
      }
    } else if (part.name == "activity") {
      any = true;
      if (auto lines = carbon::read_activity_csv(part.body, part.filename, **table_r, report)) y.activity = *lines;
    } else if (part.name == "waste") {
      any = true;
      if (auto lines = carbon::read_waste_csv(part.body, part.filename, **table_r, report)) y.waste = *lines;
    }
  }
  if (!any) st.error = "Choose a CSV file to upload";
  else if (!report.ok()) {
    std::string text = report.format(30);
    for (size_t pos; (pos = text.find('\n')) != std::string::npos;) text.replace(pos, 1, "; ");
    while (!text.empty() && (text.back() == ' ' || text.back() == ';')) text.pop_back();
    st.error = text;
  } else if (auto s = svc.save_year(change->caller, y); !s) {
    st.error = s.error().message;
  } else {
    return see_other("/carbon/" + period + "?saved=1");
  }
  return edit_page(ctx, req, period, st, 400);
}

api::Response handle_publish(const SiteContext& ctx, api::Request& req, const std::string& period) {
  const api::QueryParams form = parse_form(req.body);
  if (!csrf_ok(req, form))
    return problem_page(ctx, req, forbidden(kStaleForm));
  const std::string org = council_of(req);
  carbon::PublishContext pc{council_name(ctx, org), api::resident_population(*ctx.api.store, org)};
  auto id = ctx.api.carbon->publish(api::carbon_caller(req.caller), org, period, pc);
  if (!id) return problem_page(ctx, req, id.error());
  if (ctx.api.engine) (void)ctx.api.engine->reload();
  if (ctx.api.invalidate) ctx.api.invalidate();
  return see_other("/carbon/" + period + "?published=1#publish");
}

}  // namespace

std::optional<api::Response> carbon_response(const SiteContext& ctx, api::Request& req) {
  if (req.path != "/carbon" && !req.path.starts_with("/carbon/")) return std::nullopt;
  if (!ctx.api.carbon || !ctx.api.accounts)
    return page(ctx, req, 404, "Carbon calculators", {{"Home", "/"}},
                Html()("<h1 class=\"govuk-heading-l\">This server keeps no carbon data</h1>"));
  if (!req.caller.signed_in()) return see_other("/sign-in?next=" + url_encode(req.path));
  const bool post = req.method == "POST";
  if (!post && req.method != "GET" && req.method != "HEAD") {
    api::Response r = html_response(405, "");
    r.headers.emplace_back("Allow", "GET, HEAD, POST");
    return r;
  }
  auto segments = api::split_path(req.path);
  if (segments.size() == 1) return post ? problem_page(ctx, req, invalid("This page can only be read")) : overview(ctx, req, "", "", 200);
  const std::string second(segments[1]);
  if (segments.size() == 2 && second == "target" && post) return handle_target(ctx, req);
  if (segments.size() == 2 && second == "template.xlsx" && !post) {
    auto loaded = ctx.api.carbon->loaded_years();
    if (!loaded || loaded->empty()) return problem_page(ctx, req, not_found("No conversion factors are loaded"));
    auto table = ctx.api.carbon->factors(loaded->back());
    if (!table) return problem_page(ctx, req, table.error());
    auto resp = download_response(template_dataset(**table), DownloadFormat::kXlsx);
    if (!resp) return problem_page(ctx, req, resp.error());
    return std::move(*resp);
  }
  if (segments.size() == 2 && second == "start") {
    const std::string period = req.query.get("period");
    if (!carbon::financial_year_start(period)) return problem_page(ctx, req, invalid("Choose a financial year"));
    return see_other("/carbon/" + period + "/edit");
  }
  if (segments.size() == 2 && !post)
    return year_page(ctx, req, second,
                     req.query.has("published") ? "Published. The figures are now public lgbench measures."
                     : req.query.has("saved")   ? "Saved and calculated."
                                                : "");
  if (segments.size() == 3) {
    const std::string third(segments[2]);
    if (third == "edit") return handle_edit(ctx, req, second);
    if (third == "upload" && post) return handle_upload(ctx, req, second);
    if (third == "publish" && post) return handle_publish(ctx, req, second);
    if (auto format = parse_download_name(third); format && !post) {
      const std::string org = council_of(req);
      auto r = ctx.api.carbon->results(api::carbon_caller(req.caller), org, second);
      if (!r) return problem_page(ctx, req, r.error());
      auto sets = ctx.api.carbon->factor_years();
      auto d = year_dataset(*r, sets ? api::factor_set_of(*sets, r->year.factor_year) : nullptr,
                            council_name(ctx, org));
      auto resp = download_response(d, *format);
      if (!resp) return problem_page(ctx, req, resp.error());
      resp->cache_control = "private, no-store";
      return std::move(*resp);
    }
  }
  return problem_page(ctx, req, not_found("There is no such page"));
}

}  // namespace lgb::web
