// lgbench: load English local-government data exactly as published, and
// serve and query it. Wiring only: each subcommand lives in its own file.
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.h"

#ifndef LGB_VERSION
#define LGB_VERSION "0.0.0-dev"
#endif

int main(int argc, char** argv) {
  CLI::App app{"lgbench: English local-government performance data, exactly as published"};
  app.set_version_flag("--version", "lgbench " LGB_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);
  lgb::cli::add_ingest_command(app);
  lgb::cli::add_verify_command(app);
  lgb::cli::add_serve_command(app, LGB_VERSION);
  lgb::cli::add_query_command(app);
  lgb::cli::add_compare_command(app);
  lgb::cli::add_rank_command(app);
  lgb::cli::add_outliers_command(app);
  lgb::cli::add_neighbours_command(app);
  lgb::cli::add_groups_command(app);
  lgb::cli::add_ratios_command(app);
  lgb::cli::add_synth_command(app);
  lgb::cli::add_freshness_command(app);
  lgb::cli::add_migrate_command(app);
  lgb::cli::add_account_commands(app);
  lgb::cli::add_factors_command(app);
  lgb::cli::add_carbon_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "lgbench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
