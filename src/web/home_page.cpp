// The home page, the search results page (the no-JavaScript path of search
// as you type) and the error pages.
#include <algorithm>

#include "engine/catalogue.h"
#include "api/search.h"
#include "web/page_common.h"

namespace lgb::web {
namespace {

constexpr int kResultsPerPage = 10;

Html results_list(const std::vector<api::SearchHit>& hits, size_t from, size_t to) {
  Html h;
  h("<ul class=\"govuk-list app-results\">");
  for (size_t i = from; i < to && i < hits.size(); ++i) {
    const auto& hit = hits[i];
    h("<li class=\"govuk-!-margin-bottom-4\"><a class=\"govuk-link govuk-!-font-weight-bold\" href=\"{}\">{}</a>",
      hit.path, hit.label);
    if (hit.kind == "area") h(" <span class=\"app-code\">{}</span>", hit.id);
    h("<br><span class=\"govuk-body-s app-muted\">{}</span></li>", hit.detail);
  }
  h("</ul>");
  return h;
}

}  // namespace

PageResult home_page(const SiteContext& ctx, const api::Request& req) {
  auto opened = open_view(ctx, req);
  if (!opened) return opened.error();
  [[maybe_unused]] const View& view = *opened;
  [[maybe_unused]] const Snapshot& s = *view.snap;
  [[maybe_unused]] const Access& access = view.access;
    Page page;
  page.meta.title = "How is your council doing?";
  page.meta.canonical = "/";
  page.meta.description =
      "Compare English councils with similar councils on open, official data, exactly as "
      "published.";
  Html& h = page.main;
  h(R"(<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<h1 class="govuk-heading-xl">How is your council doing?</h1>
<p class="govuk-body-l">Compare any English council with similar councils on official, open data &mdash; exactly as published, with where it came from.</p>
)");
  h.add(search_form("", true));
  h("</div></div>");
  h(R"(<h2 class="govuk-heading-m">Start here</h2><ul class="govuk-list govuk-list--bullet">
<li><a class="govuk-link" href="/areas">Find a council</a> and see every measure against its nearest neighbours, region or type</li>
<li><a class="govuk-link" href="/areas/E08000035/outliers?group=neighbours">See what stands out</a> for a council (for example Leeds), by theme or member portfolio</li>
<li><a class="govuk-link" href="/metrics">Browse the measures</a> with rankings, trends and a map</li>
<li><a class="govuk-link" href="/reports">Open a themed report</a>: waste, climate change, housing, transport, economy</li>
</ul>)");
  if (!ctx.reports->empty()) {
    h("<h2 class=\"govuk-heading-m\">Themed reports</h2><ul class=\"govuk-list\">");
    for (const Report& r : *ctx.reports)
      h("<li><a class=\"govuk-link\" href=\"/reports/{}\">{}</a></li>", r.id, r.title);
    h("</ul>");
  }
  std::vector<const Metric*> metrics = list_metrics(s, access, {});
  h("<p class=\"govuk-body\">lgbench holds {} measures for {} councils, loaded from {} "
    "published files. <a class=\"govuk-link\" href=\"/about-data\">About the data</a>.</p>",
    static_cast<int>(metrics.size()),
    static_cast<int>(std::count_if(s.areas().begin(), s.areas().end(),
                                   [](const Area& a) { return is_benchmarked(a); })),
    static_cast<int>(list_releases(s, access).size()));
  return page;
}

PageResult search_page(const SiteContext& ctx, const api::Request& req) {
  auto opened = open_view(ctx, req);
  if (!opened) return opened.error();
  [[maybe_unused]] const View& view = *opened;
  [[maybe_unused]] const Snapshot& s = *view.snap;
  [[maybe_unused]] const Access& access = view.access;
  const std::string q = req.query.get("q");
  auto page_no = api::int_param(req, "page", 1, 1, 100000);
  int current = page_no ? *page_no : 1;
  std::vector<api::SearchHit> hits = api::search_catalog(s, access, q);
  int pages = std::max<int>(1, static_cast<int>((hits.size() + kResultsPerPage - 1) / kResultsPerPage));
  current = std::min(current, pages);

  Page page;
  page.meta.title = q.empty() ? "Search" : "Search results for \u2018" + q + "\u2019";
  if (pages > 1) page.meta.title += " (page " + std::to_string(current) + " of " + std::to_string(pages) + ")";
  page.meta.canonical = "/search";
  page.meta.crumbs = {{"Home", "/"}};
  page.meta.noindex = true;
  Html& h = page.main;
  h("<h1 class=\"govuk-heading-xl\">Search</h1>");
  h.add(search_form(q, false));
  if (q.size() < 2) {
    h("<p class=\"govuk-body\">Type at least 2 characters of a council&rsquo;s name or code, or a measure.</p>");
    return page;
  }
  if (hits.empty()) {
    h("<h2 class=\"govuk-heading-m\">No results for &lsquo;{}&rsquo;</h2><p class=\"govuk-body\">Check the spelling, try part of the name, or "
      "<a class=\"govuk-link\" href=\"/areas\">browse all councils</a> and "
      "<a class=\"govuk-link\" href=\"/metrics\">all measures</a>.</p>",
      q);
    return page;
  }
  size_t from = static_cast<size_t>(current - 1) * kResultsPerPage;
  h("<h2 class=\"govuk-heading-m\" id=\"results\">{} result{} for &lsquo;{}&rsquo;</h2>",
    static_cast<int>(hits.size()), hits.size() == 1 ? "" : "s", q);
  h.add(results_list(hits, from, from + kResultsPerPage));
  h.add(pagination(current, pages, [&q](int p) {
    return "/search" + query_string({{"q", q}, {"page", p == 1 ? "" : std::to_string(p)}});
  }));
  return page;
}

namespace {

// "Unknown group 'x'": errors from the engine and queries start lower-case.
std::string sentence(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  while (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

std::string error_page(const SiteContext& ctx, const api::Request& req, const Error& e,
                       int status) {
  auto snap = api::engine_snapshot(ctx.api);
  PageMeta meta;
  meta.noindex = true;
  meta.crumbs = {{"Home", "/"}};
  Html h;
  if (status == 404) {
    meta.title = "Page not found";
    h("<h1 class=\"govuk-heading-xl\">Page not found</h1>");
    h("<p class=\"govuk-body\">{}.</p>", e.message.empty() ? "There is no page at this address" : sentence(e.message));
    // Suggestions from the last word of the path.
    std::string last = req.path.substr(req.path.find_last_of('/') + 1);
    std::vector<api::SearchHit> hits;
    if (snap) hits = api::search_catalog(**snap, api::caller_access(req), last);
    if (!hits.empty()) {
      h("<h2 class=\"govuk-heading-m\">Did you mean</h2>");
      h.add(results_list(hits, 0, 5));
    }
    h("<p class=\"govuk-body\">If you typed the address, check it is correct. You can also "
      "search:</p>");
    h.add(search_form("", false));
  } else if (status == 400) {
    meta.title = "There is a problem with this address";
    h("<h1 class=\"govuk-heading-xl\">There is a problem with this address</h1>");
    h("<p class=\"govuk-body\">{}.</p>", sentence(e.message));
    h("<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"{}\">Go back to the page without its options</a>.</p>",
      req.path);
  } else {
    meta.title = "Sorry, there is a problem with the service";
    h("<h1 class=\"govuk-heading-xl\">Sorry, there is a problem with the service</h1>");
    h("<p class=\"govuk-body\">Try again later.</p>");
  }
  return render_page(*ctx.assets, meta, h);
}

}  // namespace lgb::web
