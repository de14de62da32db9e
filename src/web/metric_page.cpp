// /metrics (every measure by theme) and /metrics/{id}: the measure's
// definition and provenance, the ranking of the chosen group with the focus
// council highlighted, its time series against the group median and
// interquartile range, the map of England, and the release history. Charts
// are drawn by charts.ts and map.ts from JSON beside each table; every
// number they show is in the tables.
#include <algorithm>
#include <map>
#include <set>

#include "api/benchmark_encoder.h"
#include "api/json_writer.h"
#include "engine/catalogue.h"
#include "engine/queries.h"
#include "web/page_common.h"
#include "web/wording.h"

namespace lgb::web {
namespace {

struct RankRow {
  std::string code, name;
  std::optional<double> value;
  int rank = 0;
  std::string marker;  // words, for withheld members
  bool focus = false;
};

std::string chart_number(double v) { return api::format_number(v); }

}  // namespace

PageResult metrics_page(const SiteContext& ctx, const api::Request& req) {
  auto opened = open_view(ctx, req);
  if (!opened) return opened.error();
  [[maybe_unused]] const View& view = *opened;
  [[maybe_unused]] const Snapshot& s = *view.snap;
  [[maybe_unused]] const Access& access = view.access;
    std::vector<const Metric*> metrics = list_metrics(s, access, {});
  Page page;
  page.meta.title = "Measures";
  page.meta.canonical = "/metrics";
  page.meta.nav = "measures";
  page.meta.crumbs = {{"Home", "/"}};
  page.meta.description = "Every measure lgbench holds, by theme, with its publisher.";
  Html& h = page.main;
  h("<h1 class=\"govuk-heading-xl\">Measures</h1><p class=\"govuk-body-l\">{} measures of how "
    "English councils and their areas are doing, from their official publishers.</p>",
    static_cast<int>(metrics.size()));
  std::map<std::string, std::vector<const Metric*>> by_theme;
  for (const Metric* m : metrics)
    if (!m->themes.empty()) by_theme[m->themes.front()].push_back(m);
  for (const auto& theme : ordered_themes(metrics)) {
    h("<h2 class=\"govuk-heading-m\" id=\"{}\">{}</h2><ul class=\"govuk-list\">", theme,
      theme_label(theme));
    for (const Metric* m : by_theme[theme])
      h("<li><a class=\"govuk-link\" href=\"/metrics/{}\">{}</a> <span class=\"app-muted\">({})</span></li>",
        m->id, m->title, m->publisher);
    h("</ul>");
  }
  return page;
}

PageResult metric_page(const SiteContext& ctx, const api::Request& req) {
  auto opened = open_view(ctx, req);
  if (!opened) return opened.error();
  [[maybe_unused]] const View& view = *opened;
  [[maybe_unused]] const Snapshot& s = *view.snap;
  [[maybe_unused]] const Access& access = view.access;
    auto metric = lookup_metric(s, access, req.param("id"));
  if (!metric) return not_found("no measure has the id \u2018" + req.param("id") + "\u2019");
  const Metric& m = **metric;
  auto mi = s.find_metric(m.id);
  if (!mi) return not_found("no figures are loaded for \u2018" + m.title + "\u2019");
  const MetricData& md = s.metric(*mi);

  const std::string area_code = param_or(req, "area", "");
  const std::string group = param_or(req, "group", kDefaultGroup);
  const std::string period = param_or(req, "period", "");
  const Area* area = nullptr;
  if (!area_code.empty()) {
    area = area_by_code(s, area_code);
    if (!area || !is_benchmarked(*area))
      return invalid("\u2018" + area_code + "\u2019 is not a current English council");
  }
  const std::string path = "/metrics/" + m.id;
  const std::string state_query = query_string(
      {{"area", area_code}, {"group", group == kDefaultGroup ? "" : group}, {"period", period}});

  // The ranking: compare() when there is a focus council, rank() otherwise.
  std::vector<RankRow> ranking;
  std::string period_id, group_label;
  std::optional<GroupStatistics> stats;
  std::optional<Comparison> focus;
  if (area) {
    auto c = compare(s, access, m.id, area->code, group, period);
    if (!c) return c.error();
    period_id = c->period_id;
    group_label = c->group_label;
    stats = c->stats;
    for (const auto& mv : c->members)
      ranking.push_back({mv.code, mv.name, mv.value, mv.rank,
                         mv.state == CellState::kWithheld ? marker_words(mv.marker) : "",
                         mv.code == area->code});
    focus = std::move(*c);
  } else {
    auto r = rank(s, access, m.id, group, period, 1000);
    if (!r) return r.error();
    period_id = r->period_id;
    group_label = r->group_label;
    for (const auto& ra : r->top) ranking.push_back({ra.code, ra.name, ra.value, ra.rank, "", false});
    auto sum = summarise(s, access, m.id, group, period);
    if (sum) stats = sum->stats;
  }
  std::stable_sort(ranking.begin(), ranking.end(), [](const RankRow& a, const RankRow& b) {
    if ((a.rank == 0) != (b.rank == 0)) return b.rank == 0;
    if (a.rank != b.rank) return a.rank < b.rank;
    return a.name < b.name;
  });
  const std::string period_text = api::period_label(s, period_id);

  Page page;
  page.meta.title = m.title + (area ? " in " + area->name : "") + ", " + period_text;
  page.meta.canonical = path;
  page.meta.nav = "measures";
  page.meta.crumbs = {{"Home", "/"}, {"Measures", "/metrics"}};
  if (area) page.meta.crumbs.push_back({area->name, "/areas/" + area->code + group_query(group)});
  page.meta.scripts = {"charts", "map"};
  page.meta.description = m.description;
  Html& h = page.main;
  h("<span class=\"govuk-caption-xl\">Measure</span><h1 class=\"govuk-heading-xl\">{}</h1>", m.title);
  h("<p class=\"govuk-body-l\">{}</p>", m.description);

  // The view: council, group, period.
  {
    std::vector<Choice> councils = council_choices(s, "No council chosen");
    std::vector<Choice> groups =
        area ? group_choices(s, *area) : std::vector<Choice>{{"england", "All English councils"}};
    std::vector<Choice> periods;
    for (auto it = md.columns.rbegin(); it != md.columns.rend(); ++it) {
      const std::string id = s.periods()[it->period].id();
      periods.push_back({id, api::period_label(s, id)});
    }
    h("<form method=\"get\" action=\"{}\" class=\"app-group-form\" novalidate>", path);
    h.add(select_field("area", "Council", councils, area_code));
    h.add(select_field("group", "Compare with", groups, group));
    h.add(select_field("period", "Period", periods, period.empty() ? period_id : period));
    h.add(update_button());
    h("</form>");
  }

  // Headline sentence.
  int count = stats ? stats->count : 0;
  if (focus && focus->position) {
    h("<div class=\"govuk-inset-text\" id=\"summary\"><p class=\"govuk-body\">In {}, {} had {} "
      "&mdash; {} in {} (group median {}). {}.</p></div>",
      period_text, area->name, figure(*focus->value, m.decimals, m.unit),
      rank_words(focus->position->rank, focus->position->of),
      group_phrase(focus->group_id, focus->group_label, focus->stats ? focus->stats->count : 0),
      figure(focus->stats->median, m.decimals, m.unit), polarity_words(m.polarity));
  } else if (focus) {
    h("<div class=\"govuk-inset-text\" id=\"summary\"><p class=\"govuk-body\">{} has no figure "
      "for {}{}.</p></div>",
      area->name, period_text,
      focus->state == CellState::kWithheld ? " (" + marker_words(focus->marker) + ")" : "");
  }

  // Provenance.
  std::vector<std::pair<std::string, Html>> facts;
  facts.emplace_back("Publisher", text(m.publisher));
  if (!m.source_url.empty()) facts.emplace_back("Source", link(m.source_url, m.source_url));
  facts.emplace_back("Licence", text(m.licence));
  facts.emplace_back("Unit", text(m.unit));
  facts.emplace_back("Which way is better", text(polarity_words(m.polarity)));
  if (!md.columns.empty())
    facts.emplace_back("Periods", text(api::period_label(s, s.periods()[md.columns.front().period].id()) +
                                       " to " +
                                       api::period_label(s, s.periods()[md.columns.back().period].id())));
  Html themes;
  for (size_t i = 0; i < m.themes.size(); ++i) themes((i ? ", {}" : "{}"), theme_label(m.themes[i]));
  facts.emplace_back("Themes", themes);
  if (!m.services.empty()) facts.emplace_back("Service", text(m.services.front()));
  if (!m.portfolios.empty()) facts.emplace_back("Member portfolio", text(m.portfolios.front()));

  // Ranking.
  const std::string subtitle = m.title + " (" + m.unit + "), " + group_label + ", " + period_text;
  h("<h2 class=\"govuk-heading-l\" id=\"ranking\">Ranking</h2>");
  h("<figure class=\"app-figure\" role=\"figure\" aria-labelledby=\"ranking-summary\">"
    "<p class=\"govuk-body-s app-muted\">{}</p><p class=\"govuk-body\" id=\"ranking-summary\">",
    subtitle);
  if (stats) {
    h("{} councils with a figure; the median is {}, the middle half lie between {} and {}.",
      stats->count, figure(stats->median, m.decimals, m.unit), figure(stats->q1, m.decimals, m.unit),
      figure(stats->q3, m.decimals, m.unit));
    if (stats->withheld || stats->missing)
      h(" {} withheld and {} with no figure are not ranked.", stats->withheld, stats->missing);
  } else {
    h("No council in this group has a figure for this period.");
  }
  h("</p><div class=\"app-chart\" data-chart=\"ranking\" data-source=\"ranking-data\" aria-hidden=\"true\"></div></figure>");
  std::vector<Row> rows;
  api::JsonWriter cj;
  cj.begin_object();
  cj.field("title", m.title).field("unit", m.unit).field("decimals", m.decimals);
  cj.field("polarity", std::string(to_string(m.polarity)));
  cj.field("subtitle", subtitle);
  cj.field("focus", area_code);
  if (stats) cj.field("median", stats->median);
  cj.key("rows").begin_array();
  Dataset data;
  data.title = subtitle;
  data.file_stem = "lgbench-" + m.id + (area ? "-" + area->code : "") + "-" + group + "-" + period_id;
  data.page_url = path + state_query;
  data.notes = standard_notes();
  data.add_source(m);
  DataSheet rank_sheet;
  rank_sheet.name = "Ranking";
  rank_sheet.title = "Ranking: " + subtitle;
  rank_sheet.table.header = {"rank", "area_code", "area_name", "value", "marker", "of", "focus"};
  rank_sheet.numeric = {true, false, false, true, false, true, false};
  for (const RankRow& r : ranking) {
    Row row;
    row.highlight = r.focus;
    row.cells.push_back(text(r.rank ? std::to_string(r.rank) : "\u2013"));
    Html name;
    name("<a class=\"govuk-link\" href=\"/areas/{}\">{}</a>{}", r.code, r.name,
         r.focus ? Html::trusted(" <strong class=\"govuk-tag govuk-tag--yellow\">Chosen council</strong>") : Html());
    row.cells.push_back(name);
    row.cells.push_back(text(r.value ? figure(*r.value, m.decimals, m.unit)
                                     : (r.marker.empty() ? "no figure" : r.marker)));
    rows.push_back(std::move(row));
    if (r.value) {
      cj.begin_object();
      cj.field("code", r.code).field("name", r.name).field("value", *r.value).field("rank", r.rank);
      if (r.focus) cj.field("focus", true);
      cj.end_object();
    }
    rank_sheet.table.rows.push_back({r.rank ? std::to_string(r.rank) : "", r.code, r.name,
                                     r.value ? chart_number(*r.value) : "", r.marker,
                                     std::to_string(count), r.focus ? "true" : "false"});
  }
  cj.end_array();
  cj.end_object();
  h.add(json_script("ranking-data", cj.take()));
  h.add(table("Ranking of " + group_label + ", " + period_text,
              {{"Rank", true}, {"Council"}, {m.unit == "%" ? "Value" : "Value (" + m.unit + ")", true}},
              rows, "ranking-table"));
  h.add(download_links(path, state_query, "this ranking"));
  data.sheets.push_back(std::move(rank_sheet));

  // Trend of the focus council against the group.
  if (area) {
    h("<h2 class=\"govuk-heading-l\" id=\"trend\">Trend</h2>");
    api::JsonWriter tj;
    tj.begin_object();
    tj.field("title", m.title).field("unit", m.unit).field("decimals", m.decimals);
    tj.field("area", area->name).field("group", group_label);
    tj.key("points").begin_array();
    std::vector<Row> trows;
    DataSheet trend_sheet;
    trend_sheet.name = "Trend";
    trend_sheet.title = "Trend: " + m.title + ", " + area->name + " and " + group_label;
    trend_sheet.table.header = {"period", "period_label", "value", "group_median", "group_q1",
                                "group_q3", "rank", "of"};
    trend_sheet.numeric = {false, false, true, true, true, true, true, true};
    std::string first_label, last_label;
    std::optional<double> first_value, last_value;
    for (const Column& col : md.columns) {
      const std::string pid = s.periods()[col.period].id();
      auto c = compare(s, access, m.id, area->code, group, pid);
      if (!c) continue;
      const std::string label = api::period_label(s, pid);
      Row row;
      row.cells.push_back(text(label));
      row.cells.push_back(text(c->value ? figure(*c->value, m.decimals, m.unit)
                                        : (c->state == CellState::kWithheld ? marker_words(c->marker) : "no figure")));
      row.cells.push_back(text(c->stats ? figure(c->stats->median, m.decimals, m.unit) : ""));
      row.cells.push_back(text(c->stats ? figure(c->stats->q1, m.decimals, m.unit) + " to " +
                                              figure(c->stats->q3, m.decimals, m.unit)
                                        : ""));
      row.cells.push_back(text(c->position ? rank_words(c->position->rank, c->position->of) : ""));
      trows.push_back(std::move(row));
      tj.begin_object();
      tj.field("period", label);
      tj.key("value").num(c->value);
      if (c->stats) {
        tj.field("median", c->stats->median).field("q1", c->stats->q1).field("q3", c->stats->q3);
      }
      tj.end_object();
      trend_sheet.table.rows.push_back(
          {pid, label, api::format_number(c->value),
           c->stats ? chart_number(c->stats->median) : "", c->stats ? chart_number(c->stats->q1) : "",
           c->stats ? chart_number(c->stats->q3) : "",
           c->position ? std::to_string(c->position->rank) : "",
           c->position ? std::to_string(c->position->of) : ""});
      if (c->value) {
        if (!first_value) {
          first_value = c->value;
          first_label = label;
        }
        last_value = c->value;
        last_label = label;
      }
    }
    tj.end_array();
    tj.end_object();
    h("<figure class=\"app-figure\" role=\"figure\" aria-labelledby=\"trend-summary\">"
      "<p class=\"govuk-body-s app-muted\">{}, {} against the median and middle half of {}</p>"
      "<p class=\"govuk-body\" id=\"trend-summary\">",
      m.title, area->name, group_label);
    if (first_value && last_value && first_label != last_label)
      h("Between {} and {}, {} went from {} to {}.", first_label, last_label, area->name,
        figure(*first_value, m.decimals, m.unit), figure(*last_value, m.decimals, m.unit));
    else
      h("There is only one period with a figure for {}.", area->name);
    h("</p><div class=\"app-chart\" data-chart=\"trend\" data-source=\"trend-data\" aria-hidden=\"true\"></div></figure>");
    h.add(json_script("trend-data", tj.take()));
    h.add(table("Trend: " + area->name + " and " + group_label,
                {{"Period"}, {area->name, true}, {"Group median", true}, {"Middle half of group", true},
                 {"Rank", true}},
                trows, "trend-table"));
    data.sheets.push_back(std::move(trend_sheet));
  }

  // Map of England: every council of the comparable tier.
  {
    std::vector<std::pair<std::string, double>> values;
    std::string map_group = "england";
    std::optional<std::string> map_error;
    if (area) {
      auto c = compare(s, access, m.id, area->code, "england", period_id);
      if (c)
        for (const auto& mv : c->members)
          if (mv.value) values.emplace_back(mv.code, *mv.value);
    } else {
      auto r = rank(s, access, m.id, "england", period_id, 1000);
      if (r)
        for (const auto& ra : r->top) values.emplace_back(ra.code, ra.value);
    }
    if (!values.empty()) {
      h("<h2 class=\"govuk-heading-l\" id=\"map\">Map</h2>");
      api::JsonWriter mj;
      mj.begin_object();
      mj.field("title", m.title).field("unit", m.unit).field("decimals", m.decimals);
      mj.field("focus", area_code).field("period", period_text);
      mj.key("values").begin_object();
      for (const auto& [code, v] : values) mj.key(code).num(v);
      mj.end_object();
      mj.end_object();
      h("<figure class=\"app-figure\" role=\"figure\" aria-labelledby=\"map-summary\">"
        "<p class=\"govuk-body\" id=\"map-summary\">Map of {} across {} English councils, {}. "
        "The figures are in the ranking above when comparing with all English councils, and in "
        "the downloads.</p>"
        "<div class=\"app-map\" data-map=\"england\" data-source=\"map-data\" aria-hidden=\"true\"></div></figure>",
        m.title, static_cast<int>(values.size()), period_text);
      h.add(json_script("map-data", mj.take()));
    }
  }

  // About the measure and its releases.
  h("<h2 class=\"govuk-heading-l\" id=\"about\">About this measure</h2>");
  h.add(summary_list(facts));
  {
    DataRequest dr;
    dr.metric = m.id;
    dr.period = period_id;
    auto values = fetch_values(*ctx.api.store, s, access, dr);
    std::set<int64_t> ids;
    if (values)
      for (const auto& v : values->values) ids.insert(v.release_id);
    std::vector<Row> rrows;
    for (int64_t id : ids) {
      auto r = lookup_release(s, access, id);
      if (!r) continue;
      rrows.push_back({{text(r->file_name), text(r->publisher),
                        text(r->published_on.empty() ? "not stated" : r->published_on),
                        text(r->loaded_at.substr(0, 10)), text(r->licence)}});
    }
    if (!rrows.empty())
      h.add(table("Releases behind the " + period_text + " figures",
                  {{"File"}, {"Publisher"}, {"Published"}, {"Loaded"}, {"Licence"}}, rrows,
                  "releases-table"));
  }
  page.data = std::move(data);
  return page;
}

}  // namespace lgb::web
