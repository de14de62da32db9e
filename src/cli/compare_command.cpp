// lgbench compare / rank: one area against a comparator group on one metric,
// and the top and bottom N of a group, straight from the store.
#include <iostream>

#include "api/benchmark_encoder.h"
#include "cli/engine_access.h"

namespace lgb::cli {
namespace {

struct CompareOptions : EngineCommandOptions {
  std::string metric, area, group = "england", period;
  int top = 10;
};

std::string show(const std::optional<double>& v, int decimals, const std::string& unit) {
  return v ? api::display_number(*v, decimals, unit) : "-";
}

void run_compare(const CompareOptions& o) {
  auto e = open_engine(o);
  auto c = compare(*e.snapshot, o.access(), o.metric, o.area, o.group, o.period);
  if (!c) fail_with(c.error());
  std::vector<std::string> heading;
  heading.push_back(c->metric_title + " (" + c->metric_id + "), " +
                    api::period_label(*e.snapshot, c->period_id) + ": " + c->area_name + " " +
                    show(c->value, c->decimals, c->unit));
  heading.push_back("Group: " + c->group_label);
  if (c->stats) {
    const auto& st = *c->stats;
    heading.push_back("count " + std::to_string(st.count) + " (missing " +
                      std::to_string(st.missing) + ", withheld " + std::to_string(st.withheld) +
                      "); median " + show(st.median, c->decimals, c->unit) + ", quartiles " +
                      show(st.q1, c->decimals, c->unit) + " to " +
                      show(st.q3, c->decimals, c->unit) + ", range " +
                      show(st.min, c->decimals, c->unit) + " to " +
                      show(st.max, c->decimals, c->unit));
  }
  if (c->position) {
    const auto& p = *c->position;
    heading.push_back("rank " + std::to_string(p.rank) + " of " + std::to_string(p.of) +
                      ", percentile " + api::display_number(p.percentile, 1, "") +
                      ", quartile band " + std::to_string(p.quartile_band) + ", robust z " +
                      api::display_number(p.z.z, 2, "") + ", MADs from median " +
                      (p.z.mads ? api::display_number(*p.z.mads, 2, "") : std::string("-")));
  }
  heading.push_back("trend: " + std::string(to_string(c->trend.direction)) +
                    (c->previous_period_id.empty()
                         ? ""
                         : " since " + api::period_label(*e.snapshot, c->previous_period_id)) +
                    (c->trend.note.empty() ? "" : " (" + c->trend.note + ")"));
  if (!c->focus_note.empty()) heading.push_back("note: " + c->focus_note);
  for (const auto& x : c->excluded)
    heading.push_back("excluded: " + x.code + " " + x.name + ": " + x.reason);
  print_answer(o, api::comparison_json(*e.snapshot, *c), api::comparison_table(*c), heading,
               {"rank", "area_code", "area_name", "value", "state", "focus"});
}

void run_rank(const CompareOptions& o) {
  auto e = open_engine(o);
  auto r = rank(*e.snapshot, o.access(), o.metric, o.group, o.period, o.top, o.area);
  if (!r) fail_with(r.error());
  print_answer(o, api::ranking_json(*r), api::ranking_table(*r),
               {r->metric_title + ", " + api::period_label(*e.snapshot, r->period_id) + ": " +
                r->group_label + " (" + std::to_string(r->count) + " with a number)"},
               {"list", "rank", "area_code", "area_name", "value"});
}

}  // namespace

void add_compare_command(CLI::App& app) {
  auto o = std::make_shared<CompareOptions>();
  CLI::App* cmd = app.add_subcommand("compare", "One area against a comparator group on one metric");
  add_engine_command_options(*cmd, *o);
  cmd->add_option("--metric", o->metric, "Metric id, e.g. claimant-count")->required();
  cmd->add_option("--area", o->area, "GSS code of the focus area, e.g. E08000035")->required();
  cmd->add_option("--group", o->group,
                  "england, type, region, neighbours, ons-global, ons-economic, "
                  "ons-demographic, type:<type>, region:<E12 code> or a custom group id")
      ->capture_default_str();
  cmd->add_option("--period", o->period, "Period id (default: the latest)");
  cmd->callback([o] { run_compare(*o); });
}

void add_rank_command(CLI::App& app) {
  auto o = std::make_shared<CompareOptions>();
  CLI::App* cmd = app.add_subcommand("rank", "The top and bottom N areas of a group on one metric");
  add_engine_command_options(*cmd, *o);
  cmd->add_option("--metric", o->metric, "Metric id, e.g. claimant-count")->required();
  cmd->add_option("--group", o->group, "Comparator group (see compare --help)")
      ->capture_default_str();
  cmd->add_option("--area", o->area, "Focus area, for groups relative to one (type, neighbours)");
  cmd->add_option("--period", o->period, "Period id (default: the latest)");
  cmd->add_option("--top", o->top, "How many at each end")->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->callback([o] { run_rank(*o); });
}

}  // namespace lgb::cli
