// Helpers the pages share: the comparator-group picker, theme names, finding
// the council of a page (with the canonical-URL redirect), the published value
// of one cell, and the neighbours explanation.
// Stateless functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/http.h"
#include "core/area.h"
#include "core/metric.h"
#include "core/value.h"
#include "engine/access.h"
#include "engine/snapshot.h"
#include "engine/stats.h"
#include "web/layout.h"
#include "web/pages.h"

namespace lgb::web {

inline constexpr std::string_view kDefaultGroup = "england";

// What one request reads: the engine's snapshot (catalogue and cube, one
// generation for the whole page) and what the caller may see.
struct View {
  std::shared_ptr<const Snapshot> snap;
  Access access;
};
Result<View> open_view(const SiteContext& ctx, const api::Request& req);

// The groups a council can be compared with, labelled for people.
std::vector<Choice> group_choices(const Snapshot& s, const Area& area);
// Every benchmarked council by name, after a first "none" choice.
std::vector<Choice> council_choices(const Snapshot& s, std::string_view none_label);

// The picker form (a GET form; hidden carries the page's other state).
Html group_picker(std::string_view action, const Snapshot& s, const Area& area,
                  std::string_view group,
                  const std::vector<std::pair<std::string, std::string>>& hidden);

// "climate-change" -> "Climate change"
std::string theme_label(std::string_view theme);
// Themes in the order pages show them.
std::vector<std::string> ordered_themes(const std::vector<const Metric*>& metrics);

// The area of /areas/{code}...: a lower-case code gives a redirect target in
// *redirect; an unknown code a kNotFound naming it.
Result<const Area*> page_area(const Snapshot& s, const api::Request& req, std::string* redirect);

// The published value (text, marker, note) of one area, metric and period.
std::optional<Value> published_value(const SiteContext& ctx, const View& view,
                                     const std::string& metric, const std::string& area,
                                     const std::string& period);

// "Who are the nearest neighbours?" details: each neighbour and what sets it
// apart; empty when the council is not modelled.
Html neighbours_details(const View& view, const std::string& code);

// The query parameter if present and not the default.
std::string param_or(const api::Request& req, std::string_view name, std::string_view fallback);

// "Better than most" etc. as a GOV.UK tag: green for better, red for worse,
// grey where polarity is neither or the council sits in the middle. The words
// carry the meaning; the colour only repeats it.
Html standing_tag(const Position& pos, Polarity p);

// "?group=G" unless G is the default; "" otherwise.
std::string group_query(const std::string& group);
// "?area=CODE[&group=G]".
std::string area_group_query(const std::string& area, const std::string& group);

// Notes every benchmarking download carries.
std::vector<std::string> standard_notes();

// One council against its group on a list of measures: the table (council
// value, group median, middle half, range, rank, standing), its download
// sheet, and the small-multiples chart data (each measure's group values).
struct Comparisons {
  Html table;
  DataSheet sheet;
  std::string chart_json;
  int compared = 0;
};
Result<Comparisons> compare_measures(const SiteContext& ctx, const View& view, const Area& area,
                                     const std::string& group,
                                     const std::vector<const Metric*>& metrics,
                                     const std::string& caption, const std::string& id,
                                     Dataset* data);

// True for a GSS code of a current English council with benchmarking data.
bool is_benchmarked(const Area& a);

}  // namespace lgb::web
