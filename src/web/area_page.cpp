// /areas (find a council) and /areas/{code} (the council profile): facts,
// the comparator-group picker, and per theme a table of the latest value of
// every measure as published, its rank and quartile in the group, how it
// stands, and its direction of travel.
#include <algorithm>
#include <map>

#include "api/benchmark_encoder.h"
#include "engine/catalogue.h"
#include "api/search.h"
#include "engine/queries.h"
#include "web/page_common.h"
#include "web/wording.h"

namespace lgb::web {
namespace {

Html area_facts(const Snapshot& snap, const Area& a) {
  std::vector<std::pair<std::string, Html>> rows;
  rows.emplace_back("GSS code", text(a.code));
  rows.emplace_back("Type", text(api::area_type_label(a.type)));
  if (const Area* r = area_by_code(snap, a.region_code))
    rows.emplace_back("Region", text(r->name));
  if (const Area* p = area_by_code(snap, a.parent_code))
    rows.emplace_back("County", link("/areas/" + p->code, p->name));
  if (!a.start_date.empty()) rows.emplace_back("Created", text(a.start_date));
  if (!a.is_current()) {
    Html succ;
    for (size_t i = 0; i < a.successor_codes.size(); ++i) {
      const Area* s = area_by_code(snap, a.successor_codes[i]);
      if (i) succ(", ");
      succ.add(s ? link("/areas/" + s->code, s->name) : text(a.successor_codes[i]));
    }
    rows.emplace_back("Abolished", text(a.end_date));
    if (!succ.empty()) rows.emplace_back("Replaced by", succ);
  }
  return summary_list(rows);
}

}  // namespace

PageResult areas_page(const SiteContext& ctx, const api::Request& req) {
  auto opened = open_view(ctx, req);
  if (!opened) return opened.error();
  [[maybe_unused]] const View& view = *opened;
  [[maybe_unused]] const Snapshot& s = *view.snap;
  [[maybe_unused]] const Access& access = view.access;
    Page page;
  page.meta.title = "Councils";
  page.meta.canonical = "/areas";
  page.meta.nav = "councils";
  page.meta.crumbs = {{"Home", "/"}};
  page.meta.description = "Every current English council, by type, with its profile.";
  Html& h = page.main;
  h("<h1 class=\"govuk-heading-xl\">Councils</h1>");
  h("<p class=\"govuk-body-l\">Every current council in England. Choose one to see how it "
    "compares with similar councils.</p>");
  h.add(search_form("", false));
  const AreaType order[] = {AreaType::kCounty, AreaType::kUnitary, AreaType::kMetropolitanDistrict,
                            AreaType::kLondonBorough, AreaType::kDistrict};
  for (AreaType t : order) {
    std::vector<const Area*> list;
    for (const Area& a : s.areas())
      if (a.type == t && is_benchmarked(a)) list.push_back(&a);
    std::sort(list.begin(), list.end(),
              [](const Area* x, const Area* y) { return x->name < y->name; });
    h("<h2 class=\"govuk-heading-m\">{}s ({})</h2><ul class=\"govuk-list app-columns\">",
      api::area_type_label(t), static_cast<int>(list.size()));
    for (const Area* a : list)
      h("<li><a class=\"govuk-link\" href=\"/areas/{}\">{}</a></li>", a->code, a->name);
    h("</ul>");
  }
  return page;
}

PageResult area_page(const SiteContext& ctx, const api::Request& req) {
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
    const std::string group = param_or(req, "group", kDefaultGroup);
  const std::string path = "/areas/" + area.code;

  page.meta.title = area.name + " (" + area.code + ")";
  page.meta.canonical = path;
  page.meta.nav = "councils";
  page.meta.crumbs = {{"Home", "/"}, {"Councils", "/areas"}};
  page.meta.noindex = !area.is_current();
  page.meta.description = "How " + area.name + " compares with similar councils, measure by measure.";
  Html& h = page.main;

  h("<span class=\"govuk-caption-xl\">{}</span><h1 class=\"govuk-heading-xl\">{}</h1>",
    api::area_type_label(area.type), area.name);
  if (!area.is_current()) {
    h("<div class=\"govuk-inset-text\">{} was abolished on {}. Its published figures are kept "
      "under its own code; benchmarking covers current councils only.</div>",
      area.name, area.end_date);
  }
  h.add(area_facts(s, area));
  if (!is_benchmarked(area)) {
    h("<p class=\"govuk-body\">lgbench compares current English councils. Search for a council "
      "to see its measures.</p>");
    h.add(search_form("", false));
    return page;
  }

  const auto hidden = std::vector<std::pair<std::string, std::string>>{};
  h.add(group_picker(path, s, area, group, hidden));

  std::vector<const Metric*> metrics = list_metrics(s, access, {});
  std::map<std::string, std::vector<const Metric*>> by_theme;
  for (const Metric* m : metrics)
    if (!m->themes.empty()) by_theme[m->themes.front()].push_back(m);

  Dataset data;
  data.title = area.name + ": latest value of every measure, compared with a group";
  data.file_stem = "lgbench-" + area.code + "-" + group;
  data.page_url = path + group_query(group);
  data.notes = standard_notes();
  DataSheet sheet;
  sheet.name = "Measures";
  sheet.table.header = {"theme", "metric_id", "measure", "period", "value_as_published",
                        "marker", "unit", "polarity", "group", "group_size", "rank", "of",
                        "quartile_band", "standing", "group_median", "direction",
                        "previous_period", "previous_value"};
  sheet.numeric = {false, false, false, false, true, false, false, false, false, true, true, true,
                   true, false, true, false, false, true};

  std::string group_label;
  int shown = 0;
  std::string group_error;
  std::vector<std::string> themes = ordered_themes(metrics);
  h("<h2 class=\"govuk-heading-l\" id=\"measures\">Measures by theme</h2>");
  h("<p class=\"govuk-body\">Each figure is the latest published for {}, exactly as published. "
    "Rank 1 is the best in the group, or the highest where neither higher nor lower is "
    "better.</p>",
    area.name);
  for (const std::string& theme : themes) {
    std::vector<Row> rows;
    for (const Metric* m : by_theme[theme]) {
      auto c = compare(s, access, m->id, area.code, group, "");
      if (!c) {
        if (c.error().code == ErrorCode::kInvalidArgument) return c.error();
        if (group_error.empty()) group_error = c.error().message;
        continue;
      }
      group_label = c->group_label;
      std::optional<Value> v = published_value(ctx, view, m->id, area.code, c->period_id);
      Row row;
      std::string metric_href =
          "/metrics/" + m->id + area_group_query(area.code, group);
      Html name;
      name("<a class=\"govuk-link\" href=\"{}\">{}</a>", metric_href, m->title);
      row.cells.push_back(name);
      const std::string period = api::period_label(s, c->period_id);
      std::string shown_value = v ? published_words(*v, m->unit) : "no figure published";
      Html value;
      value("{}<br><span class=\"app-muted govuk-body-s\">{}</span>", shown_value, period);
      row.cells.push_back(value);
      int size = c->stats ? c->stats->count : 0;
      if (c->position) {
        row.cells.push_back(text(rank_words(c->position->rank, c->position->of)));
        row.cells.push_back(text(quartile_words(c->position->quartile_band, m->polarity)));
        row.cells.push_back(standing_tag(*c->position, m->polarity));
      } else {
        row.cells.push_back(text("No rank"));
        row.cells.push_back(text(""));
        row.cells.push_back(text("No figure to compare"));
      }
      std::string dir = direction_words(c->trend.direction);
      if (c->trend.previous && !c->previous_period_id.empty())
        dir += " (" + figure(*c->trend.previous, m->decimals, m->unit) + " in " +
               api::period_label(s, c->previous_period_id) + ")";
      row.cells.push_back(text(dir));
      rows.push_back(std::move(row));
      ++shown;

      auto num = [](const std::optional<double>& d) { return api::format_number(d); };
      sheet.table.rows.push_back(
          {theme, m->id, m->title, c->period_id, v ? v->text : "",
           v ? (v->marker_text.empty() ? std::string(to_string(v->marker)) : v->marker_text) : "",
           m->unit, std::string(to_string(m->polarity)), c->group_label, std::to_string(size),
           c->position ? std::to_string(c->position->rank) : "",
           c->position ? std::to_string(c->position->of) : "",
           c->position ? std::to_string(c->position->quartile_band) : "",
           c->position ? standing_words(*c->position, m->polarity) : "",
           c->stats ? num(c->stats->median) : "", std::string(to_string(c->trend.direction)),
           c->previous_period_id, num(c->trend.previous)});
      data.add_source(*m);
    }
    if (rows.empty()) continue;
    std::string caption = theme_label(theme);
    h.add(table(caption,
                {{"Measure"}, {"Latest value", true}, {"Rank in group", true}, {"Quartile"},
                 {"Compared with group"}, {"Direction of travel"}},
                rows, "theme-" + theme));
  }
  if (shown == 0) {
    h("<p class=\"govuk-body\">No measures could be compared for this group{}.</p>",
      group_error.empty() ? "" : ": " + group_error);
  } else {
    h("<p class=\"govuk-body\">Compared with: <strong>{}</strong>.</p>", group_label);
  }
  if (group == "neighbours") h.add(neighbours_details(view, area.code));
  h.add(download_links(path, group_query(group), "these measures for " + area.name));

  h("<h2 class=\"govuk-heading-m\">More about {}</h2><ul class=\"govuk-list\">", area.name);
  h("<li><a class=\"govuk-link\" href=\"{}/outliers{}\">What stands out for {}</a></li>", path,
    group_query(group), area.name);
  h("<li><a class=\"govuk-link\" href=\"{}/compare{}\">Compare {} with its group, theme by theme</a></li>",
    path, group_query(group), area.name);
  for (const Report& r : *ctx.reports)
    h("<li><a class=\"govuk-link\" href=\"/reports/{}{}\">{} report for {}</a></li>", r.id,
      area_group_query(area.code, group), r.title, area.name);
  h("</ul>");
  sheet.title = data.title;
  data.sheets.push_back(std::move(sheet));
  page.data = std::move(data);
  return page;
}

}  // namespace lgb::web
