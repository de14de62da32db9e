#include "web/layout.h"

namespace lgb::web {
namespace {

// The snippet GOV.UK Frontend documents for marking JS support; the CSP hash
// sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw= is of these exact bytes.
constexpr std::string_view kJsEnabledSnippet =
    "<script>document.body.className += ' js-enabled' + ('noModule' in "
    "HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');</script>";

struct NavItem {
  std::string_view id, label, href;
};
constexpr NavItem kNav[] = {
    {"councils", "Councils", "/areas"},
    {"measures", "Measures", "/metrics"},
    {"reports", "Reports", "/reports"},
    {"carbon", "Carbon", "/carbon"},
    {"about", "About the data", "/about-data"},
};

Html service_navigation(std::string_view active) {
  Html h;
  h(R"(<div class="govuk-service-navigation" data-module="govuk-service-navigation">
<div class="govuk-width-container"><div class="govuk-service-navigation__container">
<nav aria-label="Menu" class="govuk-service-navigation__wrapper">
<button type="button" class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" aria-controls="navigation" hidden aria-hidden="true">Menu</button>
<ul class="govuk-service-navigation__list" id="navigation">
)");
  for (const NavItem& n : kNav) {
    if (n.id == active) {
      h(R"(<li class="govuk-service-navigation__item govuk-service-navigation__item--active"><a class="govuk-service-navigation__link" href="{}" aria-current="page"><strong class="govuk-service-navigation__active-fallback">{}</strong></a></li>
)",
        n.href, n.label);
    } else {
      h(R"(<li class="govuk-service-navigation__item"><a class="govuk-service-navigation__link" href="{}">{}</a></li>
)",
        n.href, n.label);
    }
  }
  h("</ul></nav></div></div></div>\n");
  return h;
}

Html breadcrumbs(const std::vector<Crumb>& crumbs) {
  Html h;
  if (crumbs.empty()) return h;
  h(R"(<nav class="govuk-breadcrumbs govuk-breadcrumbs--collapse-on-mobile" aria-label="Breadcrumb"><ol class="govuk-breadcrumbs__list">)");
  for (const Crumb& c : crumbs)
    h(R"(<li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="{}">{}</a></li>)",
      c.href, c.label);
  h("</ol></nav>\n");
  return h;
}

}  // namespace

std::string render_page(const Assets& assets, const PageMeta& meta, const Html& main) {
  Html h;
  h(R"(<!DOCTYPE html>
<html lang="en-GB" class="govuk-template">
<head>
<meta charset="utf-8">
<title>{} - lgbench</title>
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="theme-color" content="#1f5c66">
<link rel="icon" sizes="48x48" href="/favicon.ico">
<link rel="icon" sizes="any" href="/favicon.svg" type="image/svg+xml">
<link rel="apple-touch-icon" href="/icon-180.png">
)",
    meta.title);
  if (!meta.description.empty()) h("<meta name=\"description\" content=\"{}\">\n", meta.description);
  if (!meta.canonical.empty()) h("<link rel=\"canonical\" href=\"{}\">\n", meta.canonical);
  if (meta.noindex) h("<meta name=\"robots\" content=\"noindex\">\n");
  h.add(assets.tags("site"));
  for (const auto& entry : meta.scripts) h.add(assets.tags(entry));
  h(R"(</head>
<body class="govuk-template__body">
)");
  h.add(Html::trusted(std::string(kJsEnabledSnippet)));
  h(R"(
<a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Skip to main content</a>
<header class="govuk-generic-header" role="banner">
<div class="govuk-generic-header__container govuk-width-container">
<div class="govuk-generic-header__logo"><a href="/" class="govuk-generic-header__homepage-link app-brand-name">lgbench</a></div>
)");
  if (meta.signed_in_as.empty()) {
    h(R"(<div class="app-account"><a class="govuk-link govuk-link--inverse" href="/sign-in">Sign in</a></div>
)");
  } else {
    h(R"(<div class="app-account"><a class="govuk-link govuk-link--inverse" href="/account">{}</a>
<form method="post" action="/sign-out" class="app-account__sign-out"><input type="hidden" name="csrf" value="{}"><button type="submit" class="app-account__button">Sign out</button></form></div>
)",
      meta.signed_in_as, meta.csrf);
  }
  h(R"(</div>
</header>
)");
  h.add(service_navigation(meta.nav));
  h(R"(<div class="govuk-width-container">
<div class="govuk-phase-banner"><p class="govuk-phase-banner__content"><strong class="govuk-tag govuk-phase-banner__content__tag">Beta</strong><span class="govuk-phase-banner__text">Open data about English councils, exactly as published. No tracking; the only cookie is the one that keeps you signed in.</span></p></div>
)");
  h.add(breadcrumbs(meta.crumbs));
  h(R"(<main class="govuk-main-wrapper" id="main-content">
)");
  h.add(main);
  h(R"(</main>
</div>
<footer class="govuk-footer">
<div class="govuk-width-container">
<div class="govuk-footer__meta">
<div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
<h2 class="govuk-visually-hidden">Support links</h2>
<ul class="govuk-footer__inline-list">
<li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/about-data">About the data</a></li>
<li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/api/v1/openapi.json">API (OpenAPI)</a></li>
<li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/about-data#methods">How figures are calculated</a></li>
</ul>
<p class="govuk-body-s">Data from many public bodies under the Open Government Licence v3.0 and other open licences named with each measure. Contains public sector information licensed under the Open Government Licence v3.0. Register of councils &copy; mySociety, CC BY 4.0.</p>
</div>
</div>
</div>
</footer>
</body>
</html>
)");
  return std::move(h).str();
}

Html link(std::string_view href, std::string_view label) {
  Html h;
  h("<a class=\"govuk-link\" href=\"{}\">{}</a>", href, label);
  return h;
}

Html summary_list(const std::vector<std::pair<std::string, Html>>& rows) {
  Html h;
  h("<dl class=\"govuk-summary-list\">\n");
  for (const auto& [key, value] : rows)
    h("<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">{}</dt><dd class=\"govuk-summary-list__value\">{}</dd></div>\n",
      key, value);
  h("</dl>\n");
  return h;
}

Html table(std::string_view caption, const std::vector<Heading>& columns,
           const std::vector<Row>& rows, std::string_view id) {
  Html h;
  // The scrolling box is focusable so keyboard users can scroll it; it is
  // labelled by the caption.
  std::string cap_id = id.empty() ? "" : std::string(id) + "-caption";
  if (id.empty()) {
    h("<div class=\"app-table-wrap\">");
  } else {
    h("<div class=\"app-table-wrap\" role=\"region\" aria-labelledby=\"{}\" tabindex=\"0\">", cap_id);
  }
  // Four or more columns do not fit a phone: there each row becomes a block
  // whose cells carry their column heading (data-label, shown by the CSS).
  const char* stack = columns.size() >= 4 ? " app-table--stack" : "";
  if (id.empty()) {
    h("<table class=\"govuk-table{}\"><caption class=\"govuk-table__caption govuk-table__caption--m\">{}</caption>",
      stack, caption);
  } else {
    h("<table class=\"govuk-table{}\" id=\"{}\"><caption class=\"govuk-table__caption govuk-table__caption--m\" id=\"{}\">{}</caption>",
      stack, id, cap_id, caption);
  }
  h("<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
  for (const Heading& c : columns)
    h("<th scope=\"col\" class=\"govuk-table__header{}\">{}</th>",
      c.numeric ? " govuk-table__header--numeric" : "", c.heading);
  h("</tr></thead><tbody class=\"govuk-table__body\">\n");
  for (const Row& r : rows) {
    h("<tr class=\"govuk-table__row{}\">", r.highlight ? " app-focus-row" : "");
    for (size_t i = 0; i < r.cells.size(); ++i) {
      bool numeric = i < columns.size() && columns[i].numeric;
      const char* cls = numeric ? " govuk-table__cell--numeric govuk-!-font-tabular-numbers" : "";
      if (i == 0)
        h("<th scope=\"row\" class=\"govuk-table__header{}\">{}</th>", cls, r.cells[i]);
      else if (i < columns.size())
        h("<td class=\"govuk-table__cell{}\" data-label=\"{}\">{}</td>", cls, columns[i].heading, r.cells[i]);
      else
        h("<td class=\"govuk-table__cell{}\">{}</td>", cls, r.cells[i]);
    }
    h("</tr>\n");
  }
  h("</tbody></table></div>\n");
  return h;
}

Html download_links(std::string_view base, std::string_view query, std::string_view what) {
  std::string b(base);
  if (b.size() > 1 && b.back() == '/') b.pop_back();
  if (b == "/") b.clear();
  Html h;
  h("<p class=\"app-downloads\">Download {}: ", what);
  struct Format {
    std::string_view ext, label, long_label;
  };
  constexpr Format kFormats[] = {{"csv", "CSV", "a CSV file"},
                                 {"xlsx", "Excel (XLSX)", "an Excel spreadsheet"},
                                 {"json", "JSON", "a JSON file"}};
  for (const Format& f : kFormats) {
    h("<a href=\"{}/data.{}{}\" aria-label=\"Download {} as {}\">{}</a>", b, f.ext, query, what,
      f.long_label, f.label);
  }
  h("</p>\n");
  return h;
}

Html select_field(std::string_view name, std::string_view label, const std::vector<Choice>& choices,
                  std::string_view selected, std::string_view hint) {
  Html h;
  std::string id = "select-" + std::string(name);
  h("<div class=\"govuk-form-group\"><label class=\"govuk-label govuk-!-font-weight-bold\" for=\"{}\">{}</label>",
    id, label);
  if (hint.empty()) {
    h("<select class=\"govuk-select\" id=\"{}\" name=\"{}\">", id, name);
  } else {
    h("<div class=\"govuk-hint\" id=\"{}-hint\">{}</div>", id, hint);
    h("<select class=\"govuk-select\" id=\"{}\" name=\"{}\" aria-describedby=\"{}-hint\">", id, name, id);
  }
  for (const Choice& c : choices)
    h("<option value=\"{}\"{}>{}</option>", c.value, c.value == selected ? " selected" : "", c.label);
  h("</select></div>");
  return h;
}

Html update_button() {
  Html h;
  h("<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">Update</button>");
  return h;
}

Html select_form(std::string_view action, std::string_view name, std::string_view label,
                 const std::vector<Choice>& choices, std::string_view selected,
                 const std::vector<std::pair<std::string, std::string>>& hidden,
                 std::string_view hint) {
  Html h;
  h("<form method=\"get\" action=\"{}\" class=\"app-group-form\" novalidate>", action);
  for (const auto& [k, v] : hidden)
    if (!v.empty()) h("<input type=\"hidden\" name=\"{}\" value=\"{}\">", k, v);
  h.add(select_field(name, label, choices, selected, hint));
  h.add(update_button());
  h("</form>\n");
  return h;
}

Html search_form(std::string_view value, bool large) {
  Html h;
  h(R"(<form method="get" action="/search" role="search" class="app-search" data-app-search>
<div class="govuk-form-group"><label class="govuk-label{}" for="search-q">Find a council or a measure</label>
<div class="govuk-hint" id="search-q-hint">For example Leeds, E08000035, recycling or claimant count</div>
<div class="app-search__field"><input class="govuk-input" id="search-q" name="q" type="search" value="{}" aria-describedby="search-q-hint" autocomplete="off" spellcheck="false"></div></div>
<button type="submit" class="govuk-button" data-module="govuk-button">Search</button>
</form>
)",
    large ? " govuk-label--m" : "", value);
  return h;
}

Html pagination(int page, int pages, const std::function<std::string(int)>& href_for) {
  Html h;
  if (pages <= 1) return h;
  h("<nav class=\"govuk-pagination\" aria-label=\"Results pages\">");
  if (page > 1)
    h(R"(<div class="govuk-pagination__prev"><a class="govuk-link govuk-pagination__link" href="{}" rel="prev"><svg class="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path></svg><span class="govuk-pagination__link-title">Previous<span class="govuk-visually-hidden"> page</span></span></a></div>)",
      href_for(page - 1));
  h("<ul class=\"govuk-pagination__list\">");
  for (int p = 1; p <= pages; ++p) {
    bool near = p == 1 || p == pages || (p >= page - 1 && p <= page + 1);
    if (!near) {
      if (p == 2 || p == pages - 1)
        h("<li class=\"govuk-pagination__item govuk-pagination__item--ellipses\">&ctdot;</li>");
      continue;
    }
    if (p == page)
      h("<li class=\"govuk-pagination__item govuk-pagination__item--current\"><a class=\"govuk-link govuk-pagination__link\" href=\"{}\" aria-label=\"Page {}\" aria-current=\"page\">{}</a></li>",
        href_for(p), p, p);
    else
      h("<li class=\"govuk-pagination__item\"><a class=\"govuk-link govuk-pagination__link\" href=\"{}\" aria-label=\"Page {}\">{}</a></li>",
        href_for(p), p, p);
  }
  h("</ul>");
  if (page < pages)
    h(R"(<div class="govuk-pagination__next"><a class="govuk-link govuk-pagination__link" href="{}" rel="next"><span class="govuk-pagination__link-title">Next<span class="govuk-visually-hidden"> page</span></span><svg class="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path></svg></a></div>)",
      href_for(page + 1));
  h("</nav>\n");
  return h;
}

std::string query_string(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string q;
  for (const auto& [k, v] : params) {
    if (v.empty()) continue;
    q += q.empty() ? "?" : "&";
    q += url_encode(k) + "=" + url_encode(v);
  }
  return q;
}

}  // namespace lgb::web
