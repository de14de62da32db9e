// The page shell and the GOV.UK Frontend components the pages share, written
// as HTML (we cannot use the Nunjucks macros; markup copied from the Design
// System examples, govuk-frontend 6.x). Generic header, no GOV.UK branding.
// Stateless functions; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "web/assets.h"
#include "web/html.h"

namespace lgb::web {

struct Crumb {
  std::string label;
  std::string href;
};

struct PageMeta {
  std::string title;                 // "<title> - lgbench"; unique per page
  std::string canonical;             // path without view state ("/areas/E08000035")
  std::vector<Crumb> crumbs;         // ancestors of this page; empty on the home page
  std::string nav;                   // active service-navigation item: councils, measures, ...
  std::vector<std::string> scripts;  // Vite entries beyond "site" ("charts", "map")
  bool noindex = false;              // superseded councils, error pages
  std::string description;           // <meta name="description">
  // The header's account links: "Sign in", or the user's name and a sign-out
  // button (a POST carrying csrf).
  std::string signed_in_as;
  std::string csrf;
};

// The whole document: head, skip link, header, navigation, breadcrumbs,
// <main id="main-content">, footer.
std::string render_page(const Assets& assets, const PageMeta& meta, const Html& main);

// A text cell (escaped).
inline Html text(std::string_view s) {
  Html h;
  h.text(s);
  return h;
}
Html link(std::string_view href, std::string_view label);

// Summary list: key-value facts only (never tabular data).
Html summary_list(const std::vector<std::pair<std::string, Html>>& rows);

struct Heading {
  std::string heading;
  bool numeric = false;  // right-aligned, tabular figures
};
struct Row {
  std::vector<Html> cells;  // first cell is the row header (<th scope="row">)
  bool highlight = false;   // the focus council
};
// A GOV.UK table with a caption, scoped headers, numeric cells right-aligned,
// inside a box that scrolls sideways on a narrow screen.
Html table(std::string_view caption, const std::vector<Heading>& columns,
           const std::vector<Row>& rows, std::string_view id = "");

// "Download this table: CSV · Excel (XLSX) · JSON", each link carrying the
// page's state; base is the page path, query its query string ("" or "?...").
Html download_links(std::string_view base, std::string_view query, std::string_view what);

struct Choice {
  std::string value;
  std::string label;
};
// One labelled <select> (id "select-<name>") for a GET form.
Html select_field(std::string_view name, std::string_view label, const std::vector<Choice>& choices,
                  std::string_view selected, std::string_view hint = "");
// The "Update" button that ends every view-state form.
Html update_button();

// A GET form with a <select> and an "Update" button; hidden keeps the other
// view state. The form never needs JavaScript.
Html select_form(std::string_view action, std::string_view name, std::string_view label,
                 const std::vector<Choice>& choices, std::string_view selected,
                 const std::vector<std::pair<std::string, std::string>>& hidden,
                 std::string_view hint = "");

// The site search form (enhanced into an autocomplete by site.ts).
Html search_form(std::string_view value, bool large);

// Previous/next pagination with page numbers; href_for(page) builds links.
Html pagination(int page, int pages, const std::function<std::string(int)>& href_for);

// "?a=1&b=2" from non-empty pairs (URL-encoded), or "" when all are empty.
std::string query_string(const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace lgb::web
