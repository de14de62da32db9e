// /areas/{code}/compare: one council against its group across a theme, as a
// table and a small-multiples chart (charts.ts draws one strip per measure
// from the group's values; the table holds every figure the chart shows).
#include <map>

#include "api/benchmark_encoder.h"
#include "api/json_writer.h"
#include "engine/catalogue.h"
#include "engine/queries.h"
#include "web/page_common.h"
#include "web/wording.h"

namespace lgb::web {

Result<Comparisons> compare_measures(const SiteContext& ctx, const View& view, const Area& area,
                                     const std::string& group,
                                     const std::vector<const Metric*>& metrics,
                                     const std::string& caption, const std::string& id,
                                     Dataset* data) {
  const Snapshot& s = *view.snap;
  const Access& access = view.access;
  Comparisons out;
  out.sheet.name = caption;
  out.sheet.title = caption;
  out.sheet.table.header = {"metric_id", "measure", "period", "value", "unit", "group",
                            "group_size", "group_median", "group_q1", "group_q3", "group_min",
                            "group_max", "rank", "of", "quartile_band", "standing", "direction"};
  out.sheet.numeric = {false, false, false, true, false, false, true, true, true, true, true,
                       true, true, true, true, false, false};
  api::JsonWriter cj;
  cj.begin_object();
  cj.field("area", area.name).field("focus", area.code);
  cj.key("measures").begin_array();
  std::vector<Row> rows;
  for (const Metric* m : metrics) {
    auto c = compare(s, access, m->id, area.code, group, "");
    if (!c) {
      if (c.error().code == ErrorCode::kInvalidArgument) return c.error();
      continue;
    }
    ++out.compared;
    if (data) data->add_source(*m);
    const std::string period = api::period_label(s, c->period_id);
    auto fig = [&](std::optional<double> v) { return v ? figure(*v, m->decimals, m->unit) : std::string(); };
    std::optional<Value> pv = published_value(ctx, view, m->id, area.code, c->period_id);
    Row row;
    Html name;
    name("<a class=\"govuk-link\" href=\"/metrics/{}{}\">{}</a><br><span class=\"govuk-body-s app-muted\">{}</span>",
         m->id, area_group_query(area.code, group), m->title, period);
    row.cells.push_back(name);
    row.cells.push_back(text(pv ? published_words(*pv, m->unit) : "no figure published"));
    const auto& st = c->stats;
    row.cells.push_back(text(st ? fig(st->median) : ""));
    row.cells.push_back(text(st ? fig(st->q1) + " to " + fig(st->q3) : ""));
    row.cells.push_back(text(c->position ? rank_words(c->position->rank, c->position->of) : "No rank"));
    row.cells.push_back(c->position ? standing_tag(*c->position, m->polarity) : text("No figure to compare"));
    rows.push_back(std::move(row));
    out.sheet.table.rows.push_back(
        {m->id, m->title, c->period_id, pv ? pv->text : "", m->unit, c->group_label,
         std::to_string(st ? st->count : 0), st ? api::format_number(st->median) : "",
         st ? api::format_number(st->q1) : "", st ? api::format_number(st->q3) : "",
         st ? api::format_number(st->min) : "", st ? api::format_number(st->max) : "",
         c->position ? std::to_string(c->position->rank) : "",
         c->position ? std::to_string(c->position->of) : "",
         c->position ? std::to_string(c->position->quartile_band) : "",
         c->position ? standing_words(*c->position, m->polarity) : "",
         std::string(to_string(c->trend.direction))});
    cj.begin_object();
    cj.field("id", m->id).field("title", m->title).field("unit", m->unit).field("decimals", m->decimals);
    cj.field("polarity", std::string(to_string(m->polarity)));
    cj.key("value").num(c->value);
    if (st) cj.field("median", st->median);
    cj.key("values").begin_array();
    for (const auto& mv : c->members)
      if (mv.value) cj.num(*mv.value);
    cj.end_array();
    cj.end_object();
  }
  cj.end_array();
  cj.end_object();
  out.chart_json = cj.take();
  out.table = table(caption,
                    {{"Measure"}, {area.name, true}, {"Group median", true}, {"Middle half of group", true},
                     {"Rank", true}, {"Compared with group"}},
                    rows, id);
  return out;
}

PageResult compare_page(const SiteContext& ctx, const api::Request& req) {
  auto opened = open_view(ctx, req);
  if (!opened) return opened.error();
  [[maybe_unused]] const View& view = *opened;
  [[maybe_unused]] const Snapshot& s = *view.snap;
  [[maybe_unused]] const Access& access = view.access;
  Page page;
  auto found = page_area(s, req, &page.redirect);
  if (!found) return found.error();
  if (!page.redirect.empty()) return page;
  const Area& area = **found;
  if (!is_benchmarked(area))
    return invalid(area.name + " is not a current English council, so it has no comparisons");
    const std::string group = param_or(req, "group", kDefaultGroup);
  std::vector<const Metric*> all = list_metrics(s, access, {});
  std::vector<std::string> themes = ordered_themes(all);
  const std::string theme = param_or(req, "theme", themes.empty() ? "" : themes.front());
  std::vector<const Metric*> metrics;
  for (const Metric* m : all)
    if (std::find(m->themes.begin(), m->themes.end(), theme) != m->themes.end()) metrics.push_back(m);
  if (metrics.empty()) return invalid("there is no theme called \u2018" + theme + "\u2019");

  const std::string path = "/areas/" + area.code + "/compare";
  const std::string state_query = query_string(
      {{"theme", theme == themes.front() ? "" : theme}, {"group", group == kDefaultGroup ? "" : group}});
  page.meta.title = area.name + " compared: " + theme_label(theme);
  page.meta.canonical = path;
  page.meta.nav = "councils";
  page.meta.crumbs = {{"Home", "/"}, {"Councils", "/areas"}, {area.name, "/areas/" + area.code + group_query(group)}};
  page.meta.scripts = {"charts"};
  Html& h = page.main;
  h("<span class=\"govuk-caption-xl\">{}</span><h1 class=\"govuk-heading-xl\">Compare: {}</h1>", area.name,
    theme_label(theme));
  std::vector<Choice> theme_choices;
  for (const auto& t : themes) theme_choices.push_back({t, theme_label(t)});
  h("<form method=\"get\" action=\"{}\" class=\"app-group-form\" novalidate>", path);
  h.add(select_field("theme", "Theme", theme_choices, theme));
  h.add(select_field("group", "Compare with", group_choices(s, area), group));
  h.add(update_button());
  h("</form>");

  Dataset data;
  data.title = area.name + " compared with its group: " + theme_label(theme);
  data.file_stem = "lgbench-" + area.code + "-compare-" + theme + "-" + group;
  data.page_url = path + state_query;
  data.notes = standard_notes();
  auto cmp = compare_measures(ctx, view, area, group, metrics, theme_label(theme) + ": " + area.name + " and its group",
                              "compare-table", &data);
  if (!cmp) return cmp.error();
  h("<figure class=\"app-figure\" role=\"figure\" aria-labelledby=\"compare-summary\">"
    "<p class=\"govuk-body\" id=\"compare-summary\">Each strip shows the councils of the group on one measure; "
    "{} is marked with a black diamond and its name, the group median with a vertical line. "
    "The same figures are in the table below.</p>"
    "<div class=\"app-chart\" data-chart=\"strips\" data-source=\"compare-data\" aria-hidden=\"true\"></div></figure>",
    area.name);
  h.add(json_script("compare-data", cmp->chart_json));
  h.add(cmp->table);
  h.add(download_links(path, state_query, "this comparison"));
  data.sheets.push_back(std::move(cmp->sheet));
  page.data = std::move(data);
  return page;
}

}  // namespace lgb::web
