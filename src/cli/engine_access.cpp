#include "cli/engine_access.h"

#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/table_printer.h"
#include "ingest/ratio_catalogue.h"

namespace lgb::cli {

void add_engine_options(CLI::App& cmd, std::string& data_dir, std::string& groupings_dir,
                        int& neighbours_k) {
  cmd.add_option("--data-dir", data_dir,
                 "The bundled data folder; ONS similar-areas lists are read from its groupings/")
      ->capture_default_str();
  cmd.add_option("--groupings-dir", groupings_dir,
                 "Folder of ons_similar_areas_*-neighbours.csv (default: <data-dir>/groupings)");
  cmd.add_option("--neighbours-k", neighbours_k, "Nearest neighbours per council")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
}

SnapshotOptions engine_options(const std::string& data_dir, const std::string& groupings_dir,
                               int neighbours_k) {
  SnapshotOptions so;
  // The derived ratios that come with the catalogue; without the file the
  // engine still runs (say so, like a missing groupings folder).
  const std::string ratios = data_dir + "/catalogue/ratios.csv";
  std::error_code exists_ec;
  if (std::filesystem::is_regular_file(ratios, exists_ec)) {
    IngestReport report;
    so.catalogue_ratios = read_ratio_catalogue(ratios, report);
    if (!report.ok()) fail("bad derived-ratio catalogue:\n" + report.format());
  } else {
    std::cerr << "lgbench: no " << ratios
              << " (give --data-dir); the catalogue's derived ratios are unavailable\n";
  }
  so.groupings_dir = groupings_dir.empty() ? data_dir + "/groupings" : groupings_dir;
  so.neighbours_k = neighbours_k;
  std::error_code ec;
  if (!std::filesystem::is_directory(so.groupings_dir, ec)) {
    // Like a missing web root: serve everything else, and say what is lost.
    std::cerr << "lgbench: groupings folder '" << so.groupings_dir
              << "' not found (give --data-dir or --groupings-dir); the ons-* groups are "
                 "unavailable\n";
    so.groupings_dir.clear();
  }
  return so;
}

void add_engine_command_options(CLI::App& cmd, EngineCommandOptions& o) {
  cmd.add_option("--db", o.db, "Store made by lgbench ingest: an SQLite file or a postgresql:// URL")->capture_default_str();
  cmd.add_option("--format", o.format, "table, csv or json (the API's CSV and JSON)")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  cmd.add_flag("--non-public", o.non_public,
               "Also show restricted and draft metrics (the API shows them to no one yet)");
  add_engine_options(cmd, o.data_dir, o.groupings_dir, o.neighbours_k);
}

OpenEngine open_engine(const EngineCommandOptions& o, bool catalogue_only) {
  SnapshotOptions so;
  if (catalogue_only) so.catalogue_only = true;
  else so = engine_options(o.data_dir, o.groupings_dir, o.neighbours_k);
  OpenEngine out;
  out.store = open_existing_store(o.db);
  out.engine = std::make_unique<Engine>(*out.store, so);
  if (auto s = out.engine->reload(); !s)
    fail("cannot build the benchmarking snapshot from '" + redact_url(o.db) + "': " + s.error().message);
  auto snap = out.engine->snapshot();
  if (!snap) fail_with(snap.error());
  out.snapshot = *snap;
  return out;
}

void print_answer(const EngineCommandOptions& o, const std::string& json, const api::Table& table,
                  const std::vector<std::string>& heading,
                  const std::vector<std::string>& table_columns) {
  if (o.format == "json") {
    std::cout << json << "\n";
  } else if (o.format == "csv") {
    std::cout << api::encode_csv(table, "\n");
  } else {
    for (const auto& line : heading) std::cout << line << "\n";
    print_table(std::cout, table_columns.empty() ? table : select_columns(table, table_columns));
    std::cout << "(" << table.rows.size() << " rows)\n";
  }
}

void fail_with(const Error& e) { fail(e.message); }

}  // namespace lgb::cli
