// lgbench groups list|create|delete and lgbench ratios list|create: custom
// comparator groups and derived ratio metrics, stored in the database and
// validated by the engine exactly as the API does.
#include <iostream>
#include <sstream>

#include "api/benchmark_encoder.h"
#include "cli/engine_access.h"

namespace lgb::cli {
namespace {

struct GroupOptions : EngineCommandOptions {
  CustomGroup group;
  std::string areas;  // comma-separated
  RatioDefinition ratio;
  std::string polarity = "neither";
  std::string measure = "ratio";
};

std::vector<std::string> split_codes(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

void run_list_groups(const GroupOptions& o) {
  auto e = open_engine(o);
  auto groups = e.engine->list_groups();
  if (!groups) fail_with(groups.error());
  print_answer(o, api::groups_json(*groups), api::groups_table(*groups), {},
               {"id", "kind", "name", "members"});
}

void run_create_group(GroupOptions o) {
  o.group.area_codes = split_codes(o.areas);
  auto e = open_engine(o);
  if (auto s = e.engine->create_group(o.group); !s) fail_with(s.error());
  std::cout << "created group '" << o.group.id << "' (" << o.group.area_codes.size()
            << " areas)\n";
}

void run_delete_group(const GroupOptions& o) {
  auto e = open_engine(o);
  if (auto s = e.engine->delete_group(o.group.id); !s) fail_with(s.error());
  std::cout << "deleted group '" << o.group.id << "'\n";
}

void run_list_ratios(const GroupOptions& o) {
  auto e = open_engine(o);
  auto ratios = e.engine->list_ratios(o.access());
  if (!ratios) fail_with(ratios.error());
  print_answer(o, api::ratios_json(*ratios), api::ratios_table(*ratios));
}

void run_create_ratio(GroupOptions o) {
  auto p = parse_polarity(o.polarity);
  if (!p) fail("--polarity must be higher-is-better, lower-is-better or neither");
  o.ratio.polarity = *p;
  auto k = parse_measure_kind(o.measure);
  if (!k) fail("--measure must be count, rate, share, ratio, money-per-head, index, average or other");
  o.ratio.measure = *k;
  if (o.ratio.title.empty()) o.ratio.title = o.ratio.id;
  auto e = open_engine(o);
  // The inputs must be visible to this command (--non-public for restricted
  // or draft ones); the ratio is then as visible as its least visible input.
  if (auto s = e.engine->create_ratio(o.access(), o.ratio); !s) fail_with(s.error());
  std::cout << "created ratio '" << o.ratio.id << "' = " << o.ratio.numerator_metric << " / "
            << o.ratio.denominator_metric << " x " << api::format_number(o.ratio.scale) << "\n";
}

}  // namespace

void add_groups_command(CLI::App& app) {
  auto o = std::make_shared<GroupOptions>();
  CLI::App* cmd = app.add_subcommand("groups", "List, create or delete custom comparator groups");
  cmd->require_subcommand(1);

  CLI::App* list = cmd->add_subcommand("list", "Built-in group kinds and custom groups");
  add_engine_command_options(*list, *o);
  list->callback([o] { run_list_groups(*o); });

  CLI::App* create = cmd->add_subcommand("create", "Save a named list of areas as a group");
  add_engine_command_options(*create, *o);
  create->add_option("--id", o->group.id, "Slug: a-z, 0-9 and '-'")->required();
  create->add_option("--name", o->group.name, "Human name")->required();
  create->add_option("--areas", o->areas, "GSS codes, comma-separated")->required();
  create->callback([o] { run_create_group(*o); });

  CLI::App* del = cmd->add_subcommand("delete", "Delete a custom group");
  add_engine_command_options(*del, *o);
  del->add_option("id", o->group.id, "The group's id")->required();
  del->callback([o] { run_delete_group(*o); });
}

void add_ratios_command(CLI::App& app) {
  auto o = std::make_shared<GroupOptions>();
  CLI::App* cmd = app.add_subcommand("ratios", "List or define derived ratio metrics");
  cmd->require_subcommand(1);

  CLI::App* list = cmd->add_subcommand("list", "Stored ratio definitions");
  add_engine_command_options(*list, *o);
  list->callback([o] { run_list_ratios(*o); });

  CLI::App* create = cmd->add_subcommand("create", "Define metric = numerator / denominator x scale");
  add_engine_command_options(*create, *o);
  create->add_option("--id", o->ratio.id, "New metric id (a-z, 0-9, '-')")->required();
  create->add_option("--title", o->ratio.title, "Title (default: the id)");
  create->add_option("--numerator", o->ratio.numerator_metric, "Numerator metric id")->required();
  create->add_option("--denominator", o->ratio.denominator_metric, "Denominator metric id")
      ->required();
  create->add_option("--scale", o->ratio.scale, "Multiplier, e.g. 1000 for per 1,000")
      ->capture_default_str();
  create->add_option("--polarity", o->polarity, "higher-is-better, lower-is-better or neither")
      ->capture_default_str();
  create->add_option("--unit", o->ratio.unit, "Unit text, e.g. 'per 1,000 residents'");
  create->add_option("--measure", o->measure,
                     "Kind of figure: rate, share, ratio, money-per-head, index, average, ...")
      ->capture_default_str();
  create->add_option("--decimals", o->ratio.decimals, "Decimals to show")
      ->check(CLI::Range(0, 10))
      ->capture_default_str();
  create->callback([o] { run_create_ratio(*o); });
}

}  // namespace lgb::cli
