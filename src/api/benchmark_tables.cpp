// Tables (CSV and terminal) for the benchmarking routes, the outlier sentence,
// and small helpers shared with benchmark_json.cpp.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "api/benchmark_encoder.h"
#include "engine/groups.h"

namespace lgb::api {
namespace {

std::string num(const std::optional<double>& v) { return format_number(v); }
std::string num(double v) { return format_number(v); }
std::string integer(int v) { return std::to_string(v); }

std::string join(const std::vector<std::string>& v, const char* sep = ";") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// How the sentence names the comparators.
std::string comparator_phrase(const std::string& group_id, const std::string& label) {
  if (group_id == "neighbours") return "similar councils";
  if (group_id == "england") return "councils in England";
  if (group_id == "type" || group_id.rfind("type:", 0) == 0) return "councils of the same type";
  if (group_id == "region" || group_id.rfind("region:", 0) == 0) return "councils in the region";
  if (group_id.rfind("ons-", 0) == 0) return "ONS similar areas";
  return "'" + label + "'";
}

}  // namespace

std::string_view cell_state_name(CellState s) {
  switch (s) {
    case CellState::kNumber: return "number";
    case CellState::kWithheld: return "withheld";
    case CellState::kAbsent: return "missing";
  }
  return "missing";
}

std::string period_label(const Snapshot& s, const std::string& period_id) {
  auto p = s.find_period(period_id);
  return p ? s.periods()[*p].label() : period_id;
}

std::string display_number(double v, int decimals, const std::string& unit) {
  decimals = std::clamp(decimals, 0, 10);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string text = buf;
  if (text == "-0" || text.find_first_not_of("-0.") == std::string::npos) {
    if (text[0] == '-') text.erase(0, 1);  // no "-0.0"
  }
  // Thousands separators in the integer part.
  size_t start = text[0] == '-' ? 1 : 0;
  size_t end = text.find('.');
  if (end == std::string::npos) end = text.size();
  for (size_t i = end; i > start + 3; i -= 3) text.insert(i - 3, ",");
  if (unit == "%") return text + "%";
  if (unit.rfind("£", 0) == 0) {
    if (text[0] == '-') return "-£" + text.substr(1);
    return "£" + text;
  }
  return text;
}

std::string explain_outlier(const Snapshot& s, const OutlierScan& scan, const OutlierItem& it) {
  auto show = [&](double v) { return display_number(v, it.decimals, it.unit); };
  std::string out = scan.area_name + ": " + show(it.value) + " \u2014 ";
  out += it.above ? "higher" : "lower";
  out += " than the median of " + comparator_phrase(scan.group_id, scan.group_label) + " (" +
         show(it.group_median) + "), ranked " + std::to_string(it.rank) + " of " +
         std::to_string(it.of) + "; ";
  const std::string since =
      it.previous_period_id.empty() ? "" : " since " + period_label(s, it.previous_period_id);
  const Direction d = it.trend.direction;
  if (it.assessment == "different") {
    // Polarity "neither": say which way it moved, not whether that is good.
    out += "neither better nor worse by this measure";
    if (d == Direction::kHigher) out += ", up" + since;
    else if (d == Direction::kLower) out += ", down" + since;
    else if (d == Direction::kNoChange) out += ", unchanged" + since;
    else out += ", no comparable previous figure";
  } else {
    out += it.assessment;  // better | worse
    const bool good = it.assessment == "better";
    if (d == Direction::kImproving) out += (good ? " and improving" : " but improving") + since;
    else if (d == Direction::kWorsening) out += (good ? " but worsening" : " and worsening") + since;
    else if (d == Direction::kNoChange) out += ", unchanged" + since;
    else out += ", no comparable previous figure";
  }
  return out + ".";
}

Table comparison_table(const Comparison& c) {
  Table t;
  t.header = {"metric", "period", "group", "area_code", "area_name", "value",
              "state",  "marker", "rank",  "of",        "focus",     "note"};
  const std::string of = c.stats ? integer(c.stats->count) : "0";
  for (const auto& m : c.members) {
    t.rows.push_back({c.metric_id, c.period_id, c.group_id, m.code, m.name, num(m.value),
                      std::string(cell_state_name(m.state)), std::string(to_string(m.marker)),
                      m.rank > 0 ? integer(m.rank) : "", of, m.focus ? "true" : "false", ""});
  }
  // What the group left out for this period, as rows of state "excluded".
  for (const auto& e : c.excluded)
    t.rows.push_back({c.metric_id, c.period_id, c.group_id, e.code, e.name, "", "excluded", "",
                      "", "", "false", e.reason});
  return t;
}

Table ranking_table(const Ranking& r) {
  Table t;
  t.header = {"metric", "period", "group", "list", "rank", "area_code", "area_name", "value", "of"};
  for (const auto* list : {&r.top, &r.bottom}) {
    for (const auto& a : *list)
      t.rows.push_back({r.metric_id, r.period_id, r.group_id, list == &r.top ? "top" : "bottom",
                        integer(a.rank), a.code, a.name, num(a.value), integer(r.count)});
  }
  return t;
}

Table outliers_table(const Snapshot& s, const OutlierScan& o) {
  Table t;
  t.header = {"position", "metric",     "title",    "period",     "value",  "group_median",
              "z",        "z_method",   "mads_from_median", "rank", "of", "above_median", "assessment",
              "trend",    "change",     "pct_change", "previous_period", "trend_note", "concern",
              "explanation"};
  int position = 0;
  for (const auto& it : o.items) {
    t.rows.push_back({integer(++position), it.metric_id, it.title, it.period_id, num(it.value),
                      num(it.group_median), num(it.z.z), std::string(to_string(it.z.method)),
                      num(it.z.mads), integer(it.rank), integer(it.of), it.above ? "true" : "false",
                      it.assessment, std::string(to_string(it.trend.direction)),
                      num(it.trend.change), num(it.trend.pct_change), it.previous_period_id,
                      it.trend.note, it.concern ? "true" : "false", explain_outlier(s, o, it)});
  }
  return t;
}

Table neighbours_table(const NeighbourList& n) {
  Table t;
  t.header = {"rank", "code", "name", "distance", "top_features"};
  // One column per feature of the tier set, so rows line up in a spreadsheet.
  std::vector<std::string> used;
  for (const auto& f : n.features)
    if (f.used) used.push_back(f.name);
  for (const auto& f : used) t.header.push_back("contribution_" + f);
  int rank = 0;
  for (const auto& nb : n.neighbours) {
    std::vector<std::string> top;
    for (size_t i = 0; i < nb.contributions.size() && i < 3; ++i)
      top.push_back(nb.contributions[i].feature);
    std::vector<std::string> row = {integer(++rank), nb.code, nb.name, num(nb.distance), join(top)};
    for (const auto& f : used) {
      std::string cell;
      for (const auto& c : nb.contributions)
        if (c.feature == f) cell = num(c.contribution);
      row.push_back(cell);
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::vector<GroupKind> builtin_group_descriptions() {
  std::vector<GroupKind> out;
  for (const auto& id : builtin_group_kinds()) {
    std::string d;
    if (id == "england") d = "All current English councils of the comparable tier";
    else if (id == "type") d = "Same authority type as the area (type:<type> names one)";
    else if (id == "region") d = "Same region and comparable tier (region:<E12 code> names one)";
    else if (id == "neighbours") d = "The area and its nearest neighbours (lgbench open model)";
    else if (id.rfind("ons-", 0) == 0) d = "The area and its ONS similar areas (" + id.substr(4) + ")";
    else d = "Built-in group";
    out.push_back({id, d});
  }
  return out;
}

Table groups_table(const std::vector<CustomGroup>& custom) {
  Table t;
  t.header = {"id", "kind", "name", "members", "area_codes"};
  for (const auto& k : builtin_group_descriptions())
    t.rows.push_back({k.id, "builtin", k.description, "", ""});
  for (const auto& g : custom)
    t.rows.push_back({g.id, "custom", g.name, integer(static_cast<int>(g.area_codes.size())),
                      join(g.area_codes)});
  return t;
}

Table group_members_table(const Snapshot& s, const CustomGroup& g) {
  Table t;
  t.header = {"group", "code", "name"};
  for (const auto& code : g.area_codes) {
    auto a = s.find_area(code);
    t.rows.push_back({g.id, code, a ? s.areas()[*a].name : ""});
  }
  return t;
}

Table ratios_table(const std::vector<RatioDefinition>& ratios) {
  Table t;
  t.header = {"id", "title", "numerator_metric", "denominator_metric", "scale", "polarity",
              "unit", "decimals", "measure"};
  for (const auto& r : ratios)
    t.rows.push_back({r.id, r.title, r.numerator_metric, r.denominator_metric, num(r.scale),
                      std::string(to_string(r.polarity)), r.unit, integer(r.decimals),
                      std::string(to_string(r.measure))});
  return t;
}

}  // namespace lgb::api
