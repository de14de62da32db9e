// JSON bodies for the benchmarking routes (see benchmark_encoder.h). Field
// names match the CSV columns in benchmark_tables.cpp.
#include "api/benchmark_encoder.h"
#include "api/json_writer.h"

namespace lgb::api {
namespace {

void metric_head(JsonWriter& w, const std::string& id, const std::string& title,
                 const std::string& unit, Polarity p, MeasureKind measure, int decimals) {
  w.key("metric").begin_object();
  w.field("id", id).field("title", title).field("unit", unit);
  w.field("polarity", to_string(p)).field("measure", to_string(measure));
  w.field("decimals", decimals);
  w.end_object();
}

void period_ref(JsonWriter& w, const Snapshot& s, std::string_view key, const std::string& id) {
  w.key(key);
  if (id.empty()) {
    w.null();
    return;
  }
  w.begin_object().field("id", id).field("label", period_label(s, id)).end_object();
}

void trend_json(JsonWriter& w, const Trend& t) {
  w.key("trend").begin_object();
  w.field("direction", to_string(t.direction));
  w.field("previous", t.previous).field("change", t.change).field("pct_change", t.pct_change);
  w.field_or_null("note", t.note);
  w.end_object();
}

void z_json(JsonWriter& w, const RobustZ& z) {
  w.field("z", z.z).field("z_method", to_string(z.method));
  w.field("mads_from_median", z.mads);
}

}  // namespace

std::string comparison_json(const Snapshot& s, const Comparison& c) {
  JsonWriter w;
  w.begin_object();
  metric_head(w, c.metric_id, c.metric_title, c.unit, c.polarity, c.measure, c.decimals);
  period_ref(w, s, "period", c.period_id);
  period_ref(w, s, "previous_period", c.previous_period_id);
  w.key("area").begin_object().field("code", c.area_code).field("name", c.area_name).end_object();
  w.key("group").begin_object().field("id", c.group_id).field("label", c.group_label).end_object();
  w.field("value", c.value).field("state", cell_state_name(c.state));
  w.field_or_null("marker", to_string(c.marker));
  w.field_or_null("focus_note", c.focus_note);

  // Counts are always given; the figures are null when no member has a number.
  int missing = 0, withheld = 0;
  for (const auto& m : c.members) {
    if (m.state == CellState::kAbsent) ++missing;
    if (m.state == CellState::kWithheld) ++withheld;
  }
  w.key("statistics").begin_object();
  w.field("members", static_cast<int>(c.members.size()));
  if (c.stats) {
    const GroupStatistics& st = *c.stats;
    w.field("count", st.count).field("missing", st.missing).field("withheld", st.withheld);
    w.field("min", st.min).field("max", st.max).field("mean", st.mean).field("median", st.median);
    w.field("q1", st.q1).field("q3", st.q3);
    w.key("deciles").begin_array();
    for (double d : st.deciles) w.num(d);
    w.end_array();
    w.field("mad", st.mad).field("mean_ad", st.mean_ad);
  } else {
    w.field("count", 0).field("missing", missing).field("withheld", withheld);
    for (const char* k : {"min", "max", "mean", "median", "q1", "q3", "deciles", "mad", "mean_ad"})
      w.key(k).null();
  }
  w.end_object();

  w.key("position");
  if (c.position) {
    const Position& p = *c.position;
    w.begin_object();
    w.field("rank", p.rank).field("of", p.of).field("percentile", p.percentile);
    w.field("quartile_band", p.quartile_band);
    z_json(w, p.z);
    w.end_object();
  } else {
    w.null();
  }
  trend_json(w, c.trend);

  w.key("members").begin_array();
  for (const auto& m : c.members) {
    w.begin_object();
    w.field("code", m.code).field("name", m.name).field("value", m.value);
    w.field("state", cell_state_name(m.state)).field_or_null("marker", to_string(m.marker));
    w.key("rank");
    if (m.rank > 0) w.integer(m.rank);
    else w.null();
    w.field("focus", m.focus);
    w.end_object();
  }
  w.end_array();
  w.key("excluded").begin_array();
  for (const auto& e : c.excluded) {
    w.begin_object().field("code", e.code).field_or_null("name", e.name);
    w.field("reason", e.reason).end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

std::string ranking_json(const Ranking& r) {
  JsonWriter w;
  w.begin_object();
  w.key("metric").begin_object();
  w.field("id", r.metric_id).field("title", r.metric_title).field("polarity", to_string(r.polarity));
  w.end_object();
  w.field("period", r.period_id);
  w.key("group").begin_object().field("id", r.group_id).field("label", r.group_label).end_object();
  w.field("count", r.count).field("missing", r.missing).field("withheld", r.withheld);
  w.field("excluded", r.excluded);
  for (const auto* list : {&r.top, &r.bottom}) {
    w.key(list == &r.top ? "top" : "bottom").begin_array();
    for (const auto& a : *list) {
      w.begin_object();
      w.field("rank", a.rank).field("code", a.code).field("name", a.name).field("value", a.value);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
  return w.take();
}

std::string outliers_json(const Snapshot& s, const OutlierScan& o) {
  JsonWriter w;
  w.begin_object();
  w.key("area").begin_object().field("code", o.area_code).field("name", o.area_name).end_object();
  w.key("group").begin_object().field("id", o.group_id).field("label", o.group_label).end_object();
  w.field("threshold", o.threshold).field("counts_left_out", o.counts_left_out);
  w.field("metrics_considered", o.metrics_considered).field("metrics_compared", o.metrics_compared);
  w.field("flagged", o.flagged).field("count", static_cast<int>(o.items.size()));
  w.key("items").begin_array();
  int position = 0;
  for (const auto& it : o.items) {
    w.begin_object();
    w.field("position", ++position);
    metric_head(w, it.metric_id, it.title, it.unit, it.polarity, it.measure, it.decimals);
    period_ref(w, s, "period", it.period_id);
    period_ref(w, s, "previous_period", it.previous_period_id);
    w.field("value", it.value).field("group_median", it.group_median);
    z_json(w, it.z);
    w.field("rank", it.rank).field("of", it.of);
    w.field("above_median", it.above).field("assessment", it.assessment);
    trend_json(w, it.trend);
    w.field("concern", it.concern);
    w.field("explanation", explain_outlier(s, o, it));
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

std::string neighbours_json(const NeighbourList& n) {
  JsonWriter w;
  w.begin_object();
  w.key("area").begin_object().field("code", n.code).field("name", n.name).end_object();
  w.field("tier_set", to_string(n.tier_set)).field("k", n.k);
  w.key("features").begin_array();
  for (const auto& f : n.features) {
    w.begin_object();
    w.field("name", f.name).field("metric", f.metric_id);
    w.field_or_null("denominator_metric", f.denominator_metric);
    w.field("log", f.log).field("weight", f.weight).field("used", f.used);
    w.field("observed", f.observed).field("imputed", f.imputed);
    w.field("mean", f.mean).field("sd", f.sd).field("median", f.median);
    w.field_or_null("note", f.note);
    w.end_object();
  }
  w.end_array();
  w.field("count", static_cast<int>(n.neighbours.size()));
  w.key("neighbours").begin_array();
  int rank = 0;
  for (const auto& nb : n.neighbours) {
    w.begin_object();
    w.field("rank", ++rank).field("code", nb.code).field("name", nb.name);
    w.field("distance", nb.distance);
    w.key("contributions").begin_array();
    for (const auto& c : nb.contributions) {
      w.begin_object();
      w.field("feature", c.feature).field("contribution", c.contribution);
      w.field("focus_value", c.focus_value).field("neighbour_value", c.neighbour_value);
      w.field("focus_imputed", c.focus_imputed).field("neighbour_imputed", c.neighbour_imputed);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

namespace {

void custom_group_fields(JsonWriter& w, const CustomGroup& g) {
  w.field("id", g.id).field("kind", "custom").field("name", g.name);
  w.field_or_null("created_at", g.created_at);
  w.key("area_codes").begin_array();
  for (const auto& c : g.area_codes) w.str(c);
  w.end_array();
}

}  // namespace

std::string groups_json(const std::vector<CustomGroup>& custom) {
  JsonWriter w;
  w.begin_object();
  w.key("builtin").begin_array();
  for (const auto& k : builtin_group_descriptions()) {
    w.begin_object().field("id", k.id).field("kind", "builtin");
    w.field("description", k.description).end_object();
  }
  w.end_array();
  w.field("count", static_cast<int>(custom.size()));
  w.key("custom").begin_array();
  for (const auto& g : custom) {
    w.begin_object();
    custom_group_fields(w, g);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

std::string group_json(const Snapshot& s, const CustomGroup& g) {
  JsonWriter w;
  w.begin_object();
  custom_group_fields(w, g);
  w.key("members").begin_array();
  for (const auto& code : g.area_codes) {
    w.begin_object().field("code", code);
    auto a = s.find_area(code);
    w.key("name");
    if (a) w.str(s.areas()[*a].name);
    else w.null();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

namespace {

void ratio_fields(JsonWriter& w, const RatioDefinition& r) {
  w.field("id", r.id).field("title", r.title);
  w.field("numerator_metric", r.numerator_metric).field("denominator_metric", r.denominator_metric);
  w.field("scale", r.scale).field("polarity", to_string(r.polarity));
  w.field("unit", r.unit).field("decimals", r.decimals).field("measure", to_string(r.measure));
}

}  // namespace

std::string ratio_json(const RatioDefinition& r) {
  JsonWriter w;
  w.begin_object();
  ratio_fields(w, r);
  w.end_object();
  return w.take();
}

std::string ratios_json(const std::vector<RatioDefinition>& ratios) {
  JsonWriter w;
  w.begin_object();
  w.field("count", static_cast<int>(ratios.size()));
  w.key("items").begin_array();
  for (const auto& r : ratios) {
    w.begin_object();
    ratio_fields(w, r);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace lgb::api
