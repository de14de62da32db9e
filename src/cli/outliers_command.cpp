// lgbench outliers / neighbours: what stands out for one area, and who its
// nearest neighbours are and why, straight from the store.
#include <iostream>

#include "api/benchmark_encoder.h"
#include "cli/engine_access.h"

namespace lgb::cli {
namespace {

struct OutlierOptions : EngineCommandOptions {
  OutlierQuery q;
  std::string code;  // neighbours
};

void run_outliers(const OutlierOptions& o) {
  auto e = open_engine(o);
  auto scan = scan_outliers(*e.snapshot, o.access(), o.q);
  if (!scan) fail_with(scan.error());
  std::vector<std::string> heading = {
      scan->area_name + " (" + scan->area_code + ") against " + scan->group_label + ": " +
      std::to_string(scan->flagged) + " of " + std::to_string(scan->metrics_compared) +
      " metrics beyond |z| " + api::format_number(scan->threshold) + ", showing " +
      std::to_string(scan->items.size())};
  if (scan->counts_left_out > 0)
    heading.push_back("(" + std::to_string(scan->counts_left_out) +
                      " counts left out: they grow with a council's size; --include-counts "
                      "brings them back)");
  for (const auto& it : scan->items)
    heading.push_back((it.concern ? "  ! " : "  - ") + it.title + ": " +
                      api::explain_outlier(*e.snapshot, *scan, it));
  heading.emplace_back();
  print_answer(o, api::outliers_json(*e.snapshot, *scan), api::outliers_table(*e.snapshot, *scan),
               heading,
               {"position", "metric", "period", "value", "group_median", "z", "mads_from_median",
                "rank", "of", "assessment", "trend", "concern"});
}

void run_neighbours(const OutlierOptions& o) {
  auto e = open_engine(o);
  auto n = neighbours(*e.snapshot, o.access(), o.code);
  if (!n) fail_with(n.error());
  std::vector<std::string> heading = {n->name + " (" + n->code + "): " +
                                      std::to_string(n->neighbours.size()) +
                                      " nearest neighbours among " +
                                      std::string(to_string(n->tier_set)) + " councils"};
  std::string used;
  for (const auto& f : n->features)
    used += (used.empty() ? "" : ", ") + f.name + (f.used ? "" : " (dropped: " + f.note + ")");
  heading.push_back("features: " + used);
  print_answer(o, api::neighbours_json(*n), api::neighbours_table(*n), heading,
               {"rank", "code", "name", "distance", "top_features"});
}

}  // namespace

void add_outliers_command(CLI::App& app) {
  auto o = std::make_shared<OutlierOptions>();
  CLI::App* cmd = app.add_subcommand(
      "outliers", "Metrics where an area stands out from its comparators, explained");
  add_engine_command_options(*cmd, *o);
  cmd->add_option("--area", o->q.area_code, "GSS code, e.g. E08000035")->required();
  cmd->add_option("--group", o->q.group, "Comparator group (see compare --help)")
      ->capture_default_str();
  cmd->add_option("--theme", o->q.theme, "Only metrics with this theme tag");
  cmd->add_option("--service", o->q.service, "Only metrics with this service tag");
  cmd->add_option("--directorate", o->q.directorate, "Only metrics with this directorate tag");
  cmd->add_option("--portfolio", o->q.portfolio, "Only metrics with this member portfolio tag");
  cmd->add_option("--period", o->q.period_id, "Period id (default: each metric's latest)");
  cmd->add_option("--threshold", o->q.threshold, "List metrics with |robust z| at least this")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--top", o->q.top, "How many to list")->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_flag("--include-counts", o->q.include_counts,
                "Also scan counts (residents, vehicles, km2), which grow with council size");
  cmd->callback([o] { run_outliers(*o); });
}

void add_neighbours_command(CLI::App& app) {
  auto o = std::make_shared<OutlierOptions>();
  CLI::App* cmd = app.add_subcommand(
      "neighbours", "An area's nearest neighbours, with distances and what drives them");
  add_engine_command_options(*cmd, *o);
  cmd->add_option("code", o->code, "GSS code of a current English council")->required();
  cmd->callback([o] { run_neighbours(*o); });
}

}  // namespace lgb::cli
