// /reports and /reports/{id}: themed reports defined as data (reports.h).
// Without a council, each measure shows England's spread; with ?area= each
// section compares the council with its group, as the compare page does.
#include <algorithm>

#include "api/benchmark_encoder.h"
#include "engine/catalogue.h"
#include "engine/queries.h"
#include "web/page_common.h"
#include "web/wording.h"

namespace lgb::web {

PageResult reports_page(const SiteContext& ctx, const api::Request& req) {
  auto opened = open_view(ctx, req);
  if (!opened) return opened.error();
  [[maybe_unused]] const View& view = *opened;
  [[maybe_unused]] const Snapshot& s = *view.snap;
  [[maybe_unused]] const Access& access = view.access;
  Page page;
  page.meta.title = "Themed reports";
  page.meta.canonical = "/reports";
  page.meta.nav = "reports";
  page.meta.crumbs = {{"Home", "/"}};
  Html& h = page.main;
  h("<h1 class=\"govuk-heading-xl\">Themed reports</h1><p class=\"govuk-body-l\">Sets of measures on one subject, for any council.</p>");
  h("<ul class=\"govuk-list\">");
  for (const Report& r : *ctx.reports)
    h("<li class=\"govuk-!-margin-bottom-4\"><a class=\"govuk-link govuk-!-font-weight-bold\" href=\"/reports/{}\">{}</a><br>{}</li>",
      r.id, r.title, r.summary);
  h("</ul>");
  return page;
}

PageResult report_page(const SiteContext& ctx, const api::Request& req) {
  auto opened = open_view(ctx, req);
  if (!opened) return opened.error();
  [[maybe_unused]] const View& view = *opened;
  [[maybe_unused]] const Snapshot& s = *view.snap;
  [[maybe_unused]] const Access& access = view.access;
  const std::string id = req.param("id");
  auto it = std::find_if(ctx.reports->begin(), ctx.reports->end(),
                         [&](const Report& r) { return r.id == id; });
  if (it == ctx.reports->end()) return not_found("there is no report called \u2018" + id + "\u2019");
  const Report& report = *it;
    const std::string area_code = param_or(req, "area", "");
  const std::string group = param_or(req, "group", kDefaultGroup);
  const Area* area = nullptr;
  if (!area_code.empty()) {
    area = area_by_code(s, area_code);
    if (!area || !is_benchmarked(*area))
      return invalid("\u2018" + area_code + "\u2019 is not a current English council");
  }
  const std::string path = "/reports/" + report.id;
  const std::string state_query =
      query_string({{"area", area_code}, {"group", group == kDefaultGroup ? "" : group}});

  Page page;
  page.meta.title = report.title + (area ? " for " + area->name : "");
  page.meta.canonical = path;
  page.meta.nav = "reports";
  page.meta.crumbs = {{"Home", "/"}, {"Reports", "/reports"}};
  page.meta.scripts = {"charts"};
  page.meta.description = report.summary;
  Html& h = page.main;
  h("<span class=\"govuk-caption-xl\">{}</span><h1 class=\"govuk-heading-xl\">{}</h1>",
    area ? area->name : "Themed report", report.title);
  h("<p class=\"govuk-body-l\">{}</p>", report.summary);

  // Council and group.
  {
    h("<form method=\"get\" action=\"{}\" class=\"app-group-form\" novalidate>", path);
    h.add(select_field("area", "Council", council_choices(s, "All councils in England"), area_code));
    if (area) h.add(select_field("group", "Compare with", group_choices(s, *area), group));
    h.add(update_button());
    h("</form>");
  }

  Dataset data;
  data.title = report.title + (area ? ": " + area->name : ": England");
  data.file_stem = "lgbench-report-" + report.id + (area ? "-" + area->code + "-" + group : "");
  data.page_url = path + state_query;
  data.notes = standard_notes();

  int n = 0;
  for (const ReportSection& sec : report.sections) {
    ++n;
    std::vector<const Metric*> metrics;
    std::vector<std::string> missing;
    for (const auto& mid : sec.metrics) {
      auto m = lookup_metric(s, access, mid);
      if (m) metrics.push_back(*m);
      else missing.push_back(mid);
    }
    h("<h2 class=\"govuk-heading-l\" id=\"section-{}\">{}</h2>", n, sec.title);
    if (!sec.summary.empty()) h("<p class=\"govuk-body\">{}</p>", sec.summary);
    std::string sheet_name = std::to_string(n) + " " + sec.title;
    if (area) {
      auto cmp = compare_measures(ctx, view, *area, group, metrics, sec.title,
                                  "section-" + std::to_string(n) + "-table", &data);
      if (!cmp) return cmp.error();
      const std::string chart_id = "section-" + std::to_string(n) + "-data";
      h("<figure class=\"app-figure\" role=\"figure\" aria-label=\"{}: {} against its group; the figures are in the table below\">"
        "<div class=\"app-chart\" data-chart=\"strips\" data-source=\"{}\" aria-hidden=\"true\"></div></figure>",
        sec.title, area->name, chart_id);
      h.add(json_script(chart_id, cmp->chart_json));
      h.add(cmp->table);
      cmp->sheet.name = sheet_name;
      data.sheets.push_back(std::move(cmp->sheet));
    } else {
      std::vector<Row> rows;
      DataSheet sheet;
      sheet.name = sheet_name;
      sheet.title = sec.title + ": all English councils";
      sheet.table.header = {"metric_id", "measure", "period", "unit", "councils", "median", "q1", "q3", "min", "max"};
      sheet.numeric = {false, false, false, false, true, true, true, true, true, true};
      for (const Metric* m : metrics) {
        auto sum = summarise(s, access, m->id, "england", "");
        if (!sum || !sum->stats) continue;
        data.add_source(*m);
        const auto& st = *sum->stats;
        auto fig = [&](double v) { return figure(v, m->decimals, m->unit); };
        Html name;
        name("<a class=\"govuk-link\" href=\"/metrics/{}\">{}</a><br><span class=\"govuk-body-s app-muted\">{}</span>",
             m->id, m->title, api::period_label(s, sum->period_id));
        rows.push_back({{name, text(std::to_string(st.count)), text(fig(st.median)),
                         text(fig(st.q1) + " to " + fig(st.q3)), text(fig(st.min) + " to " + fig(st.max))}});
        sheet.table.rows.push_back({m->id, m->title, sum->period_id, m->unit, std::to_string(st.count),
                                    api::format_number(st.median), api::format_number(st.q1),
                                    api::format_number(st.q3), api::format_number(st.min),
                                    api::format_number(st.max)});
      }
      h.add(table(sec.title + ": English councils",
                  {{"Measure"}, {"Councils", true}, {"Median", true}, {"Middle half", true}, {"Range", true}},
                  rows, "section-" + std::to_string(n) + "-table"));
      data.sheets.push_back(std::move(sheet));
    }
    if (!missing.empty()) {
      std::string list;
      for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
      h("<p class=\"govuk-body app-muted\">Not available yet: {}.</p>", list);
    }
  }
  h.add(download_links(path, state_query, "this report"));
  page.data = std::move(data);
  return page;
}

}  // namespace lgb::web
