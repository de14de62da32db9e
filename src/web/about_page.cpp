// /about-data: every source, its publisher, licence, the releases loaded
// (published and load dates, rows, SHA-256), and how figures are computed.
#include <map>

#include "engine/catalogue.h"
#include "web/page_common.h"

namespace lgb::web {

PageResult about_page(const SiteContext& ctx, const api::Request& req) {
  auto opened = open_view(ctx, req);
  if (!opened) return opened.error();
  [[maybe_unused]] const View& view = *opened;
  [[maybe_unused]] const Snapshot& s = *view.snap;
  [[maybe_unused]] const Access& access = view.access;
    Page page;
  page.meta.title = "About the data";
  page.meta.canonical = "/about-data";
  page.meta.nav = "about";
  page.meta.crumbs = {{"Home", "/"}};
  Html& h = page.main;
  h("<h1 class=\"govuk-heading-xl\">About the data</h1>");
  h("<p class=\"govuk-body-l\">Every figure in lgbench comes from a file its publisher released. "
    "lgbench loads each file whole or not at all, keeps the text of every value exactly as "
    "published, and records where it came from.</p>");

  // Publishers and their measures.
  std::map<std::string, std::vector<const Metric*>> by_publisher;
  for (const Metric* m : list_metrics(s, access, {})) by_publisher[m->publisher].push_back(m);
  std::vector<Row> rows;
  Dataset data;
  data.title = "lgbench sources: publishers, measures and licences";
  data.file_stem = "lgbench-sources";
  data.page_url = "/about-data";
  DataSheet sheet;
  sheet.name = "Measures";
  sheet.title = data.title;
  sheet.table.header = {"metric_id", "measure", "publisher", "licence", "source_url", "unit", "polarity"};
  sheet.numeric.assign(7, false);
  for (const auto& [publisher, metrics] : by_publisher) {
    for (const Metric* m : metrics) {
      rows.push_back({{link("/metrics/" + m->id, m->title), text(publisher), text(m->licence)}});
      sheet.table.rows.push_back({m->id, m->title, publisher, m->licence, m->source_url, m->unit,
                                  std::string(to_string(m->polarity))});
      data.add_source(*m);
    }
  }
  h("<h2 class=\"govuk-heading-l\" id=\"sources\">Sources</h2>");
  h.add(table("Measures and their publishers", {{"Measure"}, {"Publisher"}, {"Licence"}}, rows, "sources-table"));
  h.add(download_links("/about-data", "", "the list of measures"));
  data.sheets.push_back(std::move(sheet));

  std::vector<Row> rel;
  DataSheet rsheet;
  rsheet.name = "Releases";
  rsheet.title = "Files loaded into lgbench";
  rsheet.table.header = {"release", "file", "publisher", "licence", "published_on", "loaded_at", "rows", "sha256", "source_url"};
  rsheet.numeric = {true, false, false, false, false, false, true, false, false};
  const std::vector<Release> releases = list_releases(s, access);
  for (auto it = releases.rbegin(); it != releases.rend(); ++it) {
    const Release& r = *it;
    rel.push_back({{text(r.file_name), text(r.publisher), text(r.licence),
                    text(r.published_on.empty() ? "not stated" : r.published_on),
                    text(r.loaded_at.substr(0, 10)), text(std::to_string(r.row_count))}});
    rsheet.table.rows.push_back({std::to_string(r.id), r.file_name, r.publisher, r.licence, r.published_on,
                                 r.loaded_at, std::to_string(r.row_count), r.sha256, r.source_url});
  }
  h("<h2 class=\"govuk-heading-l\" id=\"releases\">Files loaded</h2>");
  h("<p class=\"govuk-body\">Newest first. Each file&rsquo;s SHA-256 is in the download and at "
    "<a class=\"govuk-link\" href=\"/api/v1/releases\">/api/v1/releases</a>, so anyone can check "
    "the bytes against the publisher&rsquo;s file.</p>");
  h.add(table("Files loaded", {{"File"}, {"Publisher"}, {"Licence"}, {"Published"}, {"Loaded"}, {"Rows", true}},
              rel, "releases-table"));
  data.sheets.push_back(std::move(rsheet));

  h(R"(<h2 class="govuk-heading-l" id="methods">How figures are calculated</h2>
<ul class="govuk-list govuk-list--bullet">
<li><strong>Groups.</strong> A council is compared only with councils that run the same services: all English councils of the same tier, the same type, the same region, its nearest neighbours, the ONS similar areas, or a custom group.</li>
<li><strong>Rank.</strong> 1 is the best (or the highest where neither higher nor lower is better). Councils with equal figures share a rank.</li>
<li><strong>Quartiles and median</strong> are calculated as R and Excel (PERCENTILE.INC) do. The &lsquo;middle half&rsquo; runs from the lower to the upper quartile.</li>
<li><strong>Direction of travel</strong> compares the latest figure with the previous period of the same kind.</li>
<li><strong>What stands out</strong> uses a robust z-score: the distance from the group median in units of 1.4826 times the median absolute deviation.</li>
<li><strong>Nearest neighbours</strong> come from an open model of size, density, labour market, housing affordability, school results, emissions and broadband.</li>
<li>A suppressed or missing figure is never counted as zero; the page says how many councils had none.</li>
</ul>
<p class="govuk-body">The full methods are in <span class="app-code">docs/methods.md</span> in the lgbench repository. The same figures are available from the <a class="govuk-link" href="/api/v1/openapi.json">API</a>.</p>
)");
  page.data = std::move(data);
  return page;
}

}  // namespace lgb::web
