// lgbench query data|changes|areas|metrics|releases: the API's queries from the
// command line, printed as a table or as the same CSV the API serves.
#include <iostream>

#include "api/csv_encoder.h"
#include "api/history_encoder.h"
#include "cli/commands.h"
#include "cli/engine_access.h"
#include "cli/table_printer.h"
#include "engine/catalogue.h"
#include "engine/history.h"

namespace lgb::cli {
namespace {

struct QueryOptions : EngineCommandOptions {
  // data
  std::string metric, area, period;
  bool history = false;
  std::string as_of;
  // changes
  std::string release;
  // areas
  std::string type, region, q, current;
  // metrics
  std::string theme;
};

void print(const api::Table& t, const QueryOptions& o,
           const std::vector<std::string>& table_columns = {}) {
  if (o.format == "csv") {
    std::cout << api::encode_csv(t, "\n");
  } else {
    print_table(std::cout, table_columns.empty() ? t : select_columns(t, table_columns));
    std::cout << "(" << t.rows.size() << " rows)\n";
  }
}

// The catalogue only: listing needs no values in memory.
OpenEngine open_catalogue(const QueryOptions& o) { return open_engine(o, /*catalogue_only=*/true); }

void run_data(const QueryOptions& o) {
  auto req = make_data_request(o.metric, o.area, o.period, o.history ? "true" : "false");
  if (!req) fail(req.error().message);
  auto e = open_catalogue(o);
  auto data = [&]() -> Result<DataResult> {
    if (o.as_of.empty()) return fetch_values(*e.store, *e.snapshot, o.access(), *req);
    auto as_of = parse_as_of(*e.snapshot, o.access(), o.as_of);
    if (!as_of) return as_of.error();
    return fetch_values_as_of(*e.store, *e.snapshot, o.access(), *req, *as_of);
  }();
  if (!data) fail(data.error().message);
  print(api::data_table(*data, *e.snapshot), o,
        {"area_code", "area_name", "period", "value", "marker", "note", "release"});
}

void run_changes(const QueryOptions& o) {
  auto req = make_change_request(o.metric, o.area, o.period, o.release);
  if (!req) fail(req.error().message);
  auto e = open_catalogue(o);
  auto log = metric_changes(*e.store, *e.snapshot, o.access(), *req);
  if (!log) fail(log.error().message);
  print(api::changes_table(*log, *e.snapshot), o,
        {"release", "published_on", "area_code", "area_name", "period", "before_value",
         "before_status", "after_value", "after_status"});
}

void run_areas(const QueryOptions& o) {
  auto filter = make_area_filter(o.type, o.region, o.q, o.current);
  if (!filter) fail(filter.error().message);
  auto e = open_catalogue(o);
  print(api::areas_table(filter_areas(*e.snapshot, *filter)), o,
        {"code", "name", "type", "region_code", "end_date"});
}

void run_metrics(const QueryOptions& o) {
  auto e = open_catalogue(o);
  print(api::metrics_table(list_metrics(*e.snapshot, o.access(), {o.q, o.theme})), o,
        {"id", "title", "unit", "polarity", "themes"});
}

void run_releases(const QueryOptions& o) {
  auto e = open_catalogue(o);
  print(api::releases_table(list_releases(*e.snapshot, o.access())), o,
        {"id", "file_name", "format", "publisher", "loaded_at", "rows"});
}

CLI::App* add_common(CLI::App& parent, const char* name, const char* help,
                     const std::shared_ptr<QueryOptions>& o) {
  CLI::App* cmd = parent.add_subcommand(name, help);
  cmd->add_option("--db", o->db, "Store made by lgbench ingest: an SQLite file or a postgresql:// URL")->capture_default_str();
  cmd->add_option("--format", o->format, "table or csv")
      ->check(CLI::IsMember({"table", "csv"}))
      ->capture_default_str();
  cmd->add_flag("--non-public", o->non_public,
                "Also show restricted and draft metrics (the API shows them to no one yet)");
  return cmd;
}

}  // namespace

void add_query_command(CLI::App& app) {
  auto o = std::make_shared<QueryOptions>();
  CLI::App* query = app.add_subcommand("query", "Print areas, metrics, releases or values");
  query->require_subcommand(1);

  CLI::App* data = add_common(*query, "data", "Values of one metric exactly as published", o);
  data->add_option("--metric", o->metric, "Metric id, e.g. claimant-count")->required();
  data->add_option("--area", o->area, "GSS codes, comma-separated (default: all)");
  data->add_option("--period", o->period, "Period id, e.g. cy2023 (default: all)");
  data->add_flag("--history", o->history, "Include superseded revisions");
  data->add_option("--as-of", o->as_of,
                   "Values as they stood after a release (its id) or on a date (yyyy-mm-dd)");
  data->callback([o] { run_data(*o); });

  CLI::App* changes =
      add_common(*query, "changes", "What each release of one metric revised", o);
  changes->add_option("--metric", o->metric, "Metric id, e.g. claimant-count")->required();
  changes->add_option("--area", o->area, "GSS codes, comma-separated (default: all)");
  changes->add_option("--period", o->period, "Period id, e.g. cy2023 (default: all)");
  changes->add_option("--release", o->release, "Only this release id");
  changes->callback([o] { run_changes(*o); });

  CLI::App* areas = add_common(*query, "areas", "Areas in the register", o);
  areas->add_option("--type", o->type, "Area type, e.g. london-borough");
  areas->add_option("--region", o->region, "Region GSS code, e.g. E12000003");
  areas->add_option("--q", o->q, "Name contains (case-insensitive)");
  areas->add_option("--current", o->current, "true, false or all (default all)");
  areas->callback([o] { run_areas(*o); });

  CLI::App* metrics = add_common(*query, "metrics", "Metrics (public ones unless --non-public)", o);
  metrics->add_option("--q", o->q, "Id, title or description contains");
  metrics->add_option("--theme", o->theme, "Theme tag, e.g. economy");
  metrics->callback([o] { run_metrics(*o); });

  CLI::App* releases = add_common(*query, "releases", "Loaded releases and their provenance", o);
  releases->callback([o] { run_releases(*o); });
}

}  // namespace lgb::cli
