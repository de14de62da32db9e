#include "web/page_common.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "api/benchmark_encoder.h"
#include "engine/catalogue.h"
#include "api/search.h"
#include "engine/queries.h"
#include "web/wording.h"

namespace lgb::web {

std::vector<Choice> group_choices(const Snapshot& s, const Area& area) {
  std::vector<Choice> out;
  out.push_back({"england", "All English councils with the same services"});
  std::string type = api::area_type_label(area.type);
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  out.push_back({"type", "Same type of council (" + type + "s)"});
  if (!area.region_code.empty()) {
    std::string name = area.region_code;
    if (auto i = s.find_area(area.region_code)) name = s.areas()[*i].name;
    out.push_back({"region", "Same region (" + name + ")"});
  }
  if (const NeighbourModel* m = s.neighbour_model(); m) {
    if (auto i = s.find_area(area.code); i && !m->neighbours_of(*i).empty())
      out.push_back({"neighbours", "Nearest neighbours (lgbench model, " +
                                       std::to_string(m->k()) + " councils)"});
  }
  const std::pair<const char*, const char*> ons[] = {
      {"ons-global", "ONS similar areas: overall"},
      {"ons-economic", "ONS similar areas: economic"},
      {"ons-demographic", "ONS similar areas: demographic"}};
  for (const auto& [id, label] : ons) {
    const OnsNeighbourLists* lists = s.ons_lists(id);
    if (lists && lists->count(area.code)) out.push_back({id, label});
  }
  for (const auto& g : s.custom_groups())
    out.push_back({g.group.id, "Custom group: " + g.group.name});
  return out;
}

Result<View> open_view(const SiteContext& ctx, const api::Request& req) {
  auto snap = api::engine_snapshot(ctx.api);
  if (!snap) return snap.error();
  return View{std::move(*snap), api::caller_access(req)};
}

std::vector<Choice> council_choices(const Snapshot& s, std::string_view none_label) {
  std::vector<const Area*> list;
  for (const Area& a : s.areas())
    if (is_benchmarked(a)) list.push_back(&a);
  std::sort(list.begin(), list.end(), [](const Area* x, const Area* y) { return x->name < y->name; });
  std::vector<Choice> out = {{"", std::string(none_label)}};
  for (const Area* a : list) out.push_back({a->code, a->name});
  return out;
}

Html group_picker(std::string_view action, const Snapshot& s, const Area& area,
                  std::string_view group,
                  const std::vector<std::pair<std::string, std::string>>& hidden) {
  return select_form(action, "group", "Compare with", group_choices(s, area), group, hidden,
                     "Which councils to compare " + area.name + " with");
}

std::string theme_label(std::string_view theme) {
  std::string s(theme);
  for (char& c : s)
    if (c == '-') c = ' ';
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::vector<std::string> ordered_themes(const std::vector<const Metric*>& metrics) {
  static const std::vector<std::string> kPreferred = {
      "economy", "housing", "climate-change", "waste", "transport", "education",
      "children", "health", "culture", "environment", "skills", "digital", "planning",
      "population"};
  std::set<std::string> present;
  for (const Metric* m : metrics)
    if (!m->themes.empty()) present.insert(m->themes.front());
  std::vector<std::string> out;
  for (const auto& t : kPreferred)
    if (present.erase(t)) out.push_back(t);
  out.insert(out.end(), present.begin(), present.end());
  return out;
}

Result<const Area*> page_area(const Snapshot& s, const api::Request& req, std::string* redirect) {
  std::string code = req.param("code");
  std::string upper = code;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper != code && is_gss_code(upper) && area_by_code(s, upper)) {
    std::string target = req.target;
    size_t at = target.find(code);
    *redirect = target.replace(at, code.size(), upper);
    return nullptr;
  }
  if (!is_gss_code(code)) return not_found("no council has the code \u2018" + code + "\u2019");
  const Area* a = area_by_code(s, code);
  if (!a) return not_found("no council has the code \u2018" + code + "\u2019");
  return a;
}

std::optional<Value> published_value(const SiteContext& ctx, const View& view,
                                     const std::string& metric, const std::string& area,
                                     const std::string& period) {
  DataRequest dr;
  dr.metric = metric;
  dr.areas = {area};
  dr.period = period;
  auto r = fetch_values(*ctx.api.store, *view.snap, view.access, dr);
  if (!r || r->values.empty()) return std::nullopt;
  return r->values.back().value;
}

Html neighbours_details(const View& view, const std::string& code) {
  Html h;
  auto n = neighbours(*view.snap, view.access, code);
  if (!n || n->neighbours.empty()) return h;
  h(R"(<details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">Who are the nearest neighbours of {}?</span></summary><div class="govuk-details__text">)",
    n->name);
  h("<p class=\"govuk-body\">The {} councils most like {} in size, density, labour market, "
    "housing affordability, school results, emissions and broadband, from lgbench&rsquo;s open "
    "model. The closest comes first; the measures that set each one apart most are named.</p>",
    n->k, n->name);
  h("<ol class=\"govuk-list govuk-list--number\">");
  for (const auto& nb : n->neighbours) {
    std::string apart;
    for (size_t i = 0; i < nb.contributions.size() && i < 2; ++i) {
      std::string f = nb.contributions[i].feature;
      for (char& c : f)
        if (c == '-') c = ' ';
      apart += (i ? ", " : "") + f;
    }
    h("<li><a class=\"govuk-link\" href=\"/areas/{}\">{}</a> <span class=\"app-muted\">(differs most in {})</span></li>",
      nb.code, nb.name, apart);
  }
  h("</ol><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/about-data#methods\">How the model works</a></p></div></details>\n");
  return h;
}

std::string param_or(const api::Request& req, std::string_view name, std::string_view fallback) {
  const std::string* v = req.query.find(name);
  return v && !v->empty() ? *v : std::string(fallback);
}

Html standing_tag(const Position& pos, Polarity p) {
  std::string words = standing_words(pos, p);
  const char* colour = "grey";
  if (p != Polarity::kNeither && pos.of > 1) {
    if (pos.percentile > 50) colour = "green";
    else if (pos.percentile < 50) colour = "red";
  }
  Html h;
  h("<strong class=\"govuk-tag govuk-tag--{}\">{}</strong>", colour, words);
  return h;
}

std::string group_query(const std::string& group) {
  return query_string({{"group", group == kDefaultGroup ? "" : group}});
}

std::string area_group_query(const std::string& area, const std::string& group) {
  return query_string({{"area", area}, {"group", group == kDefaultGroup ? "" : group}});
}

std::vector<std::string> standard_notes() {
  return {
      "Values are exactly as the publisher released them. A blank value means nothing was "
      "published for that council and period.",
      "Markers: [c] suppressed (confidential), [x] not available, [z] not applicable, "
      "[u] low reliability, [p] provisional, [r] revised, [e] estimate. A withheld value is "
      "never counted as zero.",
      "Rank 1 is the best (or, for measures where neither higher nor lower is better, the "
      "highest); councils with equal values share a rank. Quartile band 1 is the best quarter.",
      "Group statistics use only the councils with a number. Methods: "
      "docs/methods.md in the lgbench repository.",
  };
}

bool is_benchmarked(const Area& a) { return is_current_english_council(a); }

}  // namespace lgb::web
