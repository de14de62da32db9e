#include "api/carbon_encoder.h"

#include <cmath>
#include <cstdio>

#include <boost/json.hpp>

#include "api/handlers/json_body.h"
#include "api/json_writer.h"
#include "carbon/footprint.h"
#include "carbon/waste.h"

namespace lgb::api {
namespace {

void write_key(JsonWriter& w, const FactorKey& k) {
  w.key("factor").begin_object();
  w.field("level_1", k.level1).field("level_2", k.level2).field("level_3", k.level3);
  w.field("level_4", k.level4).field("column_text", k.column_text).field("unit", k.unit);
  w.end_object();
}

std::string label_of_category(const std::string& id) {
  const auto* c = carbon::find_category(id);
  return c ? std::string(c->label) : id;
}
std::string label_of_route(const std::string& id) {
  const auto* r = carbon::find_waste_route(id);
  return r ? std::string(r->label) : id;
}

// The factor year's source, on every CSV row so a copied row keeps it.
std::string source_of(const FactorSet* set) {
  if (!set) return "";
  return set->publisher + (set->source_url.empty() ? "" : " " + set->source_url);
}

Result<std::string> string_field(const boost::json::object& o, std::string_view f,
                                 const std::string& where) {
  auto s = optional_string(o, f, "");
  if (!s) return invalid(where + "." + std::string(f) + ": must be a string");
  return *s;
}

// A number field kept as its text too; absent: nullopt.
Result<std::optional<std::pair<double, std::string>>> number_field(const boost::json::object& o,
                                                                   std::string_view f,
                                                                   const std::string& where) {
  const boost::json::value* v = o.if_contains(f);
  if (!v || v->is_null()) return std::optional<std::pair<double, std::string>>();
  if (!v->is_number()) return invalid(where + "." + std::string(f) + ": must be a number");
  const double d = v->to_number<double>();
  if (!std::isfinite(d)) return invalid(where + "." + std::string(f) + ": must be finite");
  char text[32];
  std::snprintf(text, sizeof text, "%.15g", d);  // 21000000, not 2.1e+07
  return std::optional<std::pair<double, std::string>>({d, text});
}

}  // namespace

carbon::CarbonCaller carbon_caller(const auth::Caller& caller) {
  return {caller.access, caller.has_role(Role::kAnalyst), caller.actor};
}

std::optional<double> resident_population(Store& store, const std::string& area) {
  auto values = store.query_values({"resident-population", {area}, "", false});
  if (!values) return std::nullopt;
  std::optional<double> latest;
  for (const auto& v : *values)
    if (v.value.number) latest = v.value.number;  // ordered by period
  return latest;
}

const FactorSet* factor_set_of(const std::vector<FactorSet>& sets, int year) {
  for (const auto& s : sets)
    if (s.year == year) return &s;
  return nullptr;
}

std::string factor_sets_json(const std::vector<FactorSet>& sets) {
  JsonWriter w;
  w.begin_object().key("factor_years").begin_array();
  for (const auto& s : sets) {
    w.begin_object();
    w.field("year", s.year).field("rows", s.row_count).field("publisher", s.publisher);
    w.field("source_url", s.source_url).field("file_name", s.file_name).field("sha256", s.sha256);
    w.field("licence", s.licence).field("note", s.note).field("loaded_at", s.loaded_at);
    w.end_object();
  }
  w.end_array().end_object();
  return w.take();
}

Table factor_sets_table(const std::vector<FactorSet>& sets) {
  Table t{{"year", "rows", "publisher", "source_url", "file_name", "sha256", "licence", "note",
           "loaded_at"},
          {},
          {}};
  for (const auto& s : sets)
    t.rows.push_back({std::to_string(s.year), std::to_string(s.row_count), s.publisher,
                      s.source_url, s.file_name, s.sha256, s.licence, s.note, s.loaded_at});
  return t;
}

Table factors_table(const std::vector<GhgFactor>& factors) {
  Table t{{"year", "scope", "level_1", "level_2", "level_3", "level_4", "column_text", "unit",
           "gas", "kg_co2e_per_unit"},
          {},
          {"kg_co2e_per_unit"}};
  for (const auto& f : factors)
    t.rows.push_back({std::to_string(f.year), f.scope, f.key.level1, f.key.level2, f.key.level3,
                      f.key.level4, f.key.column_text, f.key.unit, std::string(to_string(f.gas)),
                      f.text});
  return t;
}

std::string factors_json(const std::vector<GhgFactor>& factors) {
  JsonWriter w;
  w.begin_object().key("factors").begin_array();
  for (const auto& f : factors) {
    w.begin_object().field("year", f.year).field("scope", f.scope);
    write_key(w, f.key);
    w.field("gas", to_string(f.gas)).field("kg_co2e_per_unit", f.value).field("text", f.text);
    w.end_object();
  }
  w.end_array().end_object();
  return w.take();
}

std::string carbon_years_json(const std::vector<CarbonYear>& years) {
  JsonWriter w;
  w.begin_object().key("years").begin_array();
  for (const auto& y : years) {
    w.begin_object().field("period", y.period_id).field("factor_year", y.factor_year);
    w.field("activity_lines", static_cast<int64_t>(y.activity.size()));
    w.field("waste_lines", static_cast<int64_t>(y.waste.size()));
    w.field("updated_at", y.updated_at).field("updated_by", y.updated_by);
    w.field_or_null("published_at", y.published_at);
    w.end_object();
  }
  w.end_array().end_object();
  return w.take();
}

std::string carbon_results_json(const carbon::YearResults& r, const FactorSet* set,
                                const std::vector<carbon::TrajectoryPoint>& trajectory) {
  const auto& fp = r.footprint;
  JsonWriter w;
  w.begin_object();
  w.field("organisation", r.year.organisation_id).field("period", r.year.period_id);
  w.field("factor_year", r.year.factor_year).field("factor_basis", r.basis);
  w.field_or_null("factor_source", source_of(set));
  w.field("updated_at", r.year.updated_at).field("updated_by", r.year.updated_by);
  w.field_or_null("published_at", r.year.published_at);
  w.key("scope_sheet").begin_object();
  w.field("boundary", r.year.scope_sheet.boundary).field("included", r.year.scope_sheet.included);
  w.field("excluded", r.year.scope_sheet.excluded);
  w.field("data_sources", r.year.scope_sheet.data_sources);
  w.field("estimation", r.year.scope_sheet.estimation).end_object();
  w.field("net_revenue_expenditure_gbp_m", r.year.net_revenue_expenditure);
  w.key("footprint").begin_object();
  w.field("unit", "tCO2e").field("total", fp.total);
  w.key("by_scope").begin_object();
  for (const auto& [scope, t] : fp.by_scope) w.field(to_string(scope), t);
  w.end_object();
  w.key("by_category").begin_object();
  for (const auto& [category, t] : fp.by_category) w.field(category, t);
  w.end_object();
  w.key("by_gas").begin_object();
  w.field("CO2", fp.co2).field("CH4", fp.ch4).field("N2O", fp.n2o);
  w.field("CO2e_not_split_by_gas", fp.co2e_not_split).end_object();
  w.field("scope_2_market_based", fp.scope2_market).field("total_market_based", fp.total_market);
  w.end_object();
  w.key("activity").begin_array();
  for (size_t i = 0; i < r.year.activity.size() && i < fp.lines.size(); ++i) {
    const auto& l = r.year.activity[i];
    const auto& res = fp.lines[i];
    w.begin_object().field("category", l.category).field("description", l.description);
    write_key(w, res.factor);
    w.field("quantity", l.quantity).field("quantity_text", l.quantity_text);
    w.field("market_factor", l.market_factor);
    w.field("source_note", l.source_note).field("evidence_url", l.evidence_url);
    w.field("scope", to_string(res.scope)).field("kg_co2e_per_unit", res.factor_kg);
    w.field("factor_text", res.factor_text).field("tco2e", res.co2e());
    w.field("tco2e_market_based", res.market_tonnes);
    w.end_object();
  }
  w.end_array();
  w.key("waste").begin_object();
  w.field("total", r.waste.total).field("tonnes", r.waste.tonnes);
  w.field("average_kg_co2e_per_tonne", r.waste.average_kg_per_tonne);
  w.key("by_stream").begin_object();
  for (const auto& [s, t] : r.waste.by_stream) w.field(s, t);
  w.end_object();
  w.key("by_route").begin_object();
  for (const auto& [s, t] : r.waste.by_route) w.field(s, t);
  w.end_object();
  w.key("lines").begin_array();
  for (size_t i = 0; i < r.year.waste.size() && i < r.waste.lines.size(); ++i) {
    const auto& l = r.year.waste[i];
    const auto& res = r.waste.lines[i];
    w.begin_object().field("stream", l.stream).field("route", res.route);
    w.field("tonnes", l.tonnes).field("kg_co2e_per_tonne", res.factor_kg);
    w.field("factor_text", res.factor_text).field("tco2e", res.co2e).end_object();
  }
  w.end_array().end_object();
  w.key("trajectory").begin_array();
  for (const auto& p : trajectory) {
    w.begin_object().field("period", p.period_id).field("target", p.target);
    w.field("actual", p.actual).field("change_from_baseline_percent", p.change_from_baseline_percent);
    w.field("change_from_previous_percent", p.change_from_previous_percent);
    if (p.on_track) w.field("on_track", *p.on_track);
    else w.key("on_track").null();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

Table carbon_summary_table(const carbon::YearResults& r, const FactorSet* set) {
  Table t{{"organisation", "period", "section", "item", "tco2e", "factor_year", "factor_basis",
           "factor_source"},
          {},
          {}};
  auto row = [&](std::string section, std::string item, std::optional<double> v) {
    t.rows.push_back({r.year.organisation_id, r.year.period_id, std::move(section), std::move(item),
                      format_number(v), std::to_string(r.year.factor_year), r.basis,
                      source_of(set)});
  };
  const auto& fp = r.footprint;
  row("total", "Scopes 1-3 (location-based)", fp.total);
  if (fp.total_market) row("total", "Scopes 1-3 (market-based)", fp.total_market);
  for (const auto& [scope, v] : fp.by_scope) row("scope", std::string(label_of(scope)), v);
  if (fp.scope2_market) row("scope", "Scope 2 (market-based)", fp.scope2_market);
  for (const auto& [category, v] : fp.by_category) row("category", label_of_category(category), v);
  row("gas", "CO2", fp.co2);
  row("gas", "CH4", fp.ch4);
  row("gas", "N2O", fp.n2o);
  row("gas", "CO2e not split by gas", fp.co2e_not_split);
  if (!r.year.waste.empty()) {
    row("waste", "Total", r.waste.total);
    for (const auto& [s, v] : r.waste.by_stream) row("waste-stream", s, v);
    for (const auto& [s, v] : r.waste.by_route) row("waste-route", label_of_route(s), v);
  }
  return t;
}

Table carbon_lines_table(const carbon::YearResults& r) {
  Table t{{"kind", "category", "description", "level_1", "level_2", "level_3", "level_4",
           "column_text", "unit", "quantity", "scope", "kg_co2e_per_unit", "tco2e",
           "tco2e_market_based", "source_note", "evidence_url", "factor_year"},
          {},
          {"kg_co2e_per_unit"}};
  const std::string year = std::to_string(r.year.factor_year);
  for (size_t i = 0; i < r.year.activity.size() && i < r.footprint.lines.size(); ++i) {
    const auto& l = r.year.activity[i];
    const auto& res = r.footprint.lines[i];
    t.rows.push_back({"activity", l.category, l.description, res.factor.level1, res.factor.level2,
                      res.factor.level3, res.factor.level4, res.factor.column_text,
                      res.factor.unit, l.quantity_text, std::string(label_of(res.scope)),
                      res.factor_text, format_number(res.co2e()), format_number(res.market_tonnes),
                      l.source_note, l.evidence_url, year});
  }
  for (size_t i = 0; i < r.year.waste.size() && i < r.waste.lines.size(); ++i) {
    const auto& l = r.year.waste[i];
    const auto& res = r.waste.lines[i];
    t.rows.push_back({"waste", "waste services", l.stream + " by " + label_of_route(res.route),
                      "Waste disposal", "", l.stream, "", "", "tonnes", l.tonnes_text, "Scope 3",
                      res.factor_text, format_number(res.co2e), "", "", "", year});
  }
  return t;
}

Result<CarbonYear> parse_carbon_year(const std::string& body) {
  auto o = parse_json_object(body, {"factor_year", "net_revenue_expenditure", "scope_sheet",
                                    "activity", "waste"});
  if (!o) return o.error();
  CarbonYear y;
  auto fy = optional_number(*o, "factor_year", 0);
  if (!fy) return fy.error();
  y.factor_year = static_cast<int>(*fy);
  auto nre = number_field(*o, "net_revenue_expenditure", "body");
  if (!nre) return nre.error();
  if (*nre) y.net_revenue_expenditure = (*nre)->first;
  if (const auto* sheet = o->if_contains("scope_sheet"); sheet && !sheet->is_null()) {
    if (!sheet->is_object()) return invalid("scope_sheet: must be an object");
    const auto& so = sheet->as_object();
    if (auto s = check_fields(so, {"boundary", "included", "excluded", "data_sources", "estimation"},
                              "scope_sheet");
        !s)
      return s.error();
    std::string* fields[] = {&y.scope_sheet.boundary, &y.scope_sheet.included,
                             &y.scope_sheet.excluded, &y.scope_sheet.data_sources,
                             &y.scope_sheet.estimation};
    const char* names[] = {"boundary", "included", "excluded", "data_sources", "estimation"};
    for (int i = 0; i < 5; ++i) {
      auto v = string_field(so, names[i], "scope_sheet");
      if (!v) return v.error();
      *fields[i] = *v;
    }
  }
  auto array_of = [&](std::string_view name) -> Result<const boost::json::array*> {
    const auto* v = o->if_contains(name);
    if (!v || v->is_null()) return static_cast<const boost::json::array*>(nullptr);
    if (!v->is_array()) return invalid(std::string(name) + ": must be an array");
    return &v->as_array();
  };
  auto activity = array_of("activity");
  if (!activity) return activity.error();
  if (*activity) {
    for (size_t i = 0; i < (*activity)->size(); ++i) {
      const std::string where = "activity[" + std::to_string(i + 1) + "]";
      const auto& v = (**activity)[i];
      if (!v.is_object()) return invalid(where + ": must be an object");
      const auto& lo = v.as_object();
      if (auto s = check_fields(lo, {"category", "description", "level_1", "level_2", "level_3",
                                     "level_4", "column_text", "unit", "quantity", "market_factor",
                                     "source_note", "evidence_url"},
                                where);
          !s)
        return s.error();
      ActivityLine l;
      std::string* text[] = {&l.category, &l.description, &l.factor.level1, &l.factor.level2,
                             &l.factor.level3, &l.factor.level4, &l.factor.column_text,
                             &l.factor.unit, &l.source_note, &l.evidence_url};
      const char* names[] = {"category", "description", "level_1", "level_2", "level_3",
                             "level_4", "column_text", "unit", "source_note", "evidence_url"};
      for (int k = 0; k < 10; ++k) {
        auto s = string_field(lo, names[k], where);
        if (!s) return s.error();
        *text[k] = *s;
      }
      auto q = number_field(lo, "quantity", where);
      if (!q) return q.error();
      if (!*q) return invalid(where + ".quantity: is required");
      l.quantity = (*q)->first;
      l.quantity_text = (*q)->second;
      auto m = number_field(lo, "market_factor", where);
      if (!m) return m.error();
      if (*m) l.market_factor = (*m)->first;
      y.activity.push_back(std::move(l));
    }
  }
  auto waste = array_of("waste");
  if (!waste) return waste.error();
  if (*waste) {
    for (size_t i = 0; i < (*waste)->size(); ++i) {
      const std::string where = "waste[" + std::to_string(i + 1) + "]";
      const auto& v = (**waste)[i];
      if (!v.is_object()) return invalid(where + ": must be an object");
      const auto& wo = v.as_object();
      if (auto s = check_fields(wo, {"stream", "route", "tonnes"}, where); !s) return s.error();
      WasteLine l;
      auto stream = string_field(wo, "stream", where);
      if (!stream) return stream.error();
      auto route = string_field(wo, "route", where);
      if (!route) return route.error();
      auto t = number_field(wo, "tonnes", where);
      if (!t) return t.error();
      if (!*t) return invalid(where + ".tonnes: is required");
      l.stream = *stream;
      const auto* r = carbon::find_waste_route(*route);
      l.route = r ? std::string(r->id) : *route;
      l.tonnes = (*t)->first;
      l.tonnes_text = (*t)->second;
      y.waste.push_back(std::move(l));
    }
  }
  return y;
}

Result<CarbonTarget> parse_carbon_target(const std::string& body) {
  auto o = parse_json_object(body, {"baseline_period", "annual_reduction_percent", "net_zero_year"});
  if (!o) return o.error();
  CarbonTarget t;
  auto base = required_string(*o, "baseline_period");
  if (!base) return base.error();
  t.baseline_period = *base;
  auto rate = number_field(*o, "annual_reduction_percent", "body");
  if (!rate) return rate.error();
  if (!*rate) return invalid("field 'annual_reduction_percent' is required");
  t.annual_reduction_percent = (*rate)->first;
  auto year = number_field(*o, "net_zero_year", "body");
  if (!year) return year.error();
  if (!*year) return invalid("field 'net_zero_year' is required");
  t.net_zero_year = static_cast<int>((*year)->first);
  return t;
}

}  // namespace lgb::api
