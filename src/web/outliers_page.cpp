// /areas/{code}/outliers: what stands out for a council. The engine's outlier
// scan (the same call as GET /api/v1/outliers), filtered by theme, service,
// directorate or member portfolio, most unusual first, each explained in one
// plain-English sentence that names the group and its size.
#include <set>

#include "api/benchmark_encoder.h"
#include "engine/catalogue.h"
#include "engine/queries.h"
#include "web/page_common.h"
#include "web/wording.h"

namespace lgb::web {
namespace {

std::vector<Choice> tag_choices(const std::vector<const Metric*>& metrics,
                                std::vector<std::string> Metric::*tags, std::string_view all,
                                bool themes) {
  std::set<std::string> seen;
  for (const Metric* m : metrics)
    for (const auto& t : m->*tags) seen.insert(t);
  std::vector<Choice> out = {{"", std::string(all)}};
  for (const auto& t : seen) out.push_back({t, themes ? theme_label(t) : t});
  return out;
}

}  // namespace

// "Leeds is in the worst quarter of its 15 nearest neighbours and getting
// worse: 4.5%, against a group median of 3.9% (ranked 14th of 16, 2025)."
std::string outlier_sentence(const Snapshot& s, const std::string& area_name,
                             const OutlierItem& it, const Comparison& c) {
  std::string out = area_name + " ";
  int size = c.stats ? c.stats->count : it.of;
  std::string group = group_phrase(c.group_id, c.group_label, size);
  if (it.polarity == Polarity::kNeither) {
    out += std::string(it.above ? "is higher than most of " : "is lower than most of ") + group;
  } else if (c.position) {
    std::string q = quartile_words(c.position->quartile_band, it.polarity);
    for (char& ch : q) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    out += "is in the " + q + " of " + group;
  } else {
    out += std::string(it.assessment == "better" ? "does better than most of " : "does worse than most of ") + group;
  }
  const Direction d = it.trend.direction;
  std::string since = it.previous_period_id.empty() ? "" : " since " + api::period_label(s, it.previous_period_id);
  switch (d) {
    case Direction::kImproving: out += " and is improving" + since; break;
    case Direction::kWorsening: out += " and is getting worse" + since; break;
    case Direction::kNoChange: out += ", unchanged" + since; break;
    case Direction::kHigher: out += ", and went up" + since; break;
    case Direction::kLower: out += ", and went down" + since; break;
    case Direction::kNotComparable: break;
  }
  out += ": " + figure(it.value, it.decimals, it.unit) + " against a group median of " +
         figure(it.group_median, it.decimals, it.unit) + " (" + rank_words(it.rank, it.of) + ", " +
         api::period_label(s, it.period_id) + ").";
  return out;
}

PageResult outliers_page(const SiteContext& ctx, const api::Request& req) {
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
  
  OutlierQuery q;
  q.area_code = area.code;
  q.group = param_or(req, "group", kDefaultGroup);
  q.theme = req.query.get("theme");
  q.service = req.query.get("service");
  q.directorate = req.query.get("directorate");
  q.portfolio = req.query.get("portfolio");
  auto top = api::int_param(req, "top", 20, 1, 100);
  if (!top) return top.error();
  q.top = *top;
  auto threshold = api::number_param(req, "threshold", 2.0, 0.0);
  if (!threshold) return threshold.error();
  q.threshold = *threshold;
  auto scan = scan_outliers(s, access, q);
  if (!scan) return scan.error();

  const std::string path = "/areas/" + area.code + "/outliers";
  auto fmt_threshold = [](double t) {
    std::string v = api::format_number(t);
    return v == "2" ? std::string() : v;
  };
  const std::vector<std::pair<std::string, std::string>> state = {
      {"group", q.group == kDefaultGroup ? "" : q.group}, {"theme", q.theme},
      {"service", q.service}, {"directorate", q.directorate}, {"portfolio", q.portfolio},
      {"threshold", fmt_threshold(q.threshold)}, {"top", q.top == 20 ? "" : std::to_string(q.top)}};
  const std::string state_query = query_string(state);

  std::string filter_words;
  for (const auto& [k, v] : state)
    if ((k == "theme" || k == "service" || k == "directorate" || k == "portfolio") && !v.empty())
      filter_words += (filter_words.empty() ? "" : ", ") + (k == "theme" ? theme_label(v) : v);

  page.meta.title = "What stands out for " + area.name + (filter_words.empty() ? "" : ": " + filter_words);
  page.meta.canonical = path;
  page.meta.nav = "councils";
  page.meta.crumbs = {{"Home", "/"}, {"Councils", "/areas"}, {area.name, "/areas/" + area.code + group_query(q.group)}};
  page.meta.description = "The measures on which " + area.name + " differs most from similar councils.";
  Html& h = page.main;
  h("<span class=\"govuk-caption-xl\">{}</span><h1 class=\"govuk-heading-xl\">What stands out</h1>", area.name);

  std::vector<const Metric*> metrics = list_metrics(s, access, {});
  h("<form method=\"get\" action=\"{}\" class=\"app-group-form\" novalidate>", path);
  h.add(select_field("group", "Compare with", group_choices(s, area), q.group));
  h.add(select_field("portfolio", "Member portfolio", tag_choices(metrics, &Metric::portfolios, "All portfolios", false), q.portfolio));
  h.add(select_field("theme", "Theme", tag_choices(metrics, &Metric::themes, "All themes", true), q.theme));
  h.add(select_field("service", "Service", tag_choices(metrics, &Metric::services, "All services", false), q.service));
  h.add(select_field("directorate", "Directorate", tag_choices(metrics, &Metric::directorates, "All directorates", false), q.directorate));
  h.add(select_field("threshold", "How unusual",
         {{"", "Very unusual only"}, {"1", "Unusual"}, {"0", "Every measure"}},
         fmt_threshold(q.threshold)));
  h.add(select_field("top", "Show", {{"10", "Top 10"}, {"", "Top 20"}, {"50", "Top 50"}},
         q.top == 20 ? "" : std::to_string(q.top)));
  h.add(update_button());
  h("</form>");

  h("<p class=\"govuk-body\" id=\"scan-summary\">Compared with <strong>{}</strong>: {} of {} measures{} "
    "could be compared; {} stand{} out. Most unusual first.</p>",
    scan->group_label, scan->metrics_compared, scan->metrics_considered,
    filter_words.empty() ? "" : " (" + filter_words + ")", scan->flagged,
    scan->flagged == 1 ? "s" : "");

  Dataset data;
  data.title = "What stands out for " + area.name + " compared with " + scan->group_label;
  data.file_stem = "lgbench-" + area.code + "-outliers-" + q.group;
  data.page_url = path + state_query;
  data.notes = standard_notes();
  data.notes.push_back("A measure stands out when the council's robust z-score (distance from the group median in units of 1.4826 x the median absolute deviation) is at least the threshold, here " + api::format_number(q.threshold) + ".");
  DataSheet sheet;
  sheet.name = "What stands out";
  sheet.title = data.title;
  sheet.table.header = {"position", "metric_id", "measure", "period", "value", "group_median",
                        "robust_z", "rank", "of", "assessment", "direction", "concern", "sentence"};
  sheet.numeric = {true, false, false, false, true, true, true, true, true, false, false, false, false};

  if (scan->items.empty()) {
    h("<p class=\"govuk-body\">Nothing stands out at this level. Try <a class=\"govuk-link\" href=\"{}\">showing measures that are less unusual</a>.</p>",
      path + query_string({{"group", q.group == kDefaultGroup ? "" : q.group}, {"theme", q.theme}, {"service", q.service},
                           {"directorate", q.directorate}, {"portfolio", q.portfolio}, {"threshold", "0"}}));
  } else {
    h("<ol class=\"govuk-list govuk-list--number app-sentence-list\" id=\"outliers\">");
    int pos = 0;
    for (const OutlierItem& it : scan->items) {
      ++pos;
      auto c = compare(s, access, it.metric_id, area.code, q.group, it.period_id);
      if (!c) return c.error();
      std::string sentence = outlier_sentence(s, area.name, it, *c);
      h("<li><h2 class=\"govuk-heading-s govuk-!-margin-bottom-1\"><a class=\"govuk-link\" href=\"/metrics/{}{}\">{}</a></h2>",
        it.metric_id, area_group_query(area.code, q.group), it.title);
      if (it.concern)
        h("<p class=\"govuk-!-margin-bottom-1\"><strong class=\"govuk-tag govuk-tag--red\">Worse and getting worse</strong></p>");
      else if (it.assessment == "better" && it.trend.direction == Direction::kImproving)
        h("<p class=\"govuk-!-margin-bottom-1\"><strong class=\"govuk-tag govuk-tag--green\">Better and improving</strong></p>");
      h("<p class=\"govuk-body govuk-!-margin-bottom-0\">{}</p></li>", sentence);
      sheet.table.rows.push_back({std::to_string(pos), it.metric_id, it.title, it.period_id,
                                  api::format_number(it.value), api::format_number(it.group_median),
                                  api::format_number(it.z.z), std::to_string(it.rank),
                                  std::to_string(it.of), it.assessment,
                                  std::string(to_string(it.trend.direction)),
                                  it.concern ? "true" : "false", sentence});
      if (auto mi = lookup_metric(s, access, it.metric_id)) data.add_source(**mi);
    }
    h("</ol>");
  }
  h.add(download_links(path, state_query, "what stands out for " + area.name));
  if (q.group == "neighbours") h.add(neighbours_details(view, area.code));
  h("<details class=\"govuk-details\"><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">How lgbench decides what stands out</span></summary>"
    "<div class=\"govuk-details__text\"><p class=\"govuk-body\">For each measure, lgbench takes the council&rsquo;s latest figure and the figures of the group. "
    "It measures how far the council is from the group&rsquo;s median, in units of the typical spread (a robust z-score, which one very high or low council cannot distort). "
    "&lsquo;Very unusual&rsquo; means at least 2 units away; &lsquo;Unusual&rsquo; at least 1. Better and worse follow each measure&rsquo;s direction; where neither higher nor lower is better, lgbench says only higher or lower. "
    "<a class=\"govuk-link\" href=\"/about-data#methods\">Methods</a>.</p></div></details>");
  sheet.title = data.title;
  data.sheets.push_back(std::move(sheet));
  page.data = std::move(data);
  return page;
}

}  // namespace lgb::web
