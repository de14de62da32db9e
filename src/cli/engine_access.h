// What the benchmarking subcommands share: the options every one takes (--db,
// --format, --data-dir, --groupings-dir, --neighbours-k), building an Engine
// straight from the store (no server), and printing an answer as a table, the
// API's CSV or the API's JSON. Single-threaded start-up code.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "api/csv_encoder.h"
#include "cli/commands.h"
#include "engine/engine.h"
#include "store/store.h"

namespace lgb::cli {

struct EngineCommandOptions {
  std::string db = kDefaultDb;
  std::string format = "table";  // table | csv | json
  std::string data_dir = "data";
  std::string groupings_dir;
  int neighbours_k = 15;
  bool non_public = false;  // --non-public: also restricted and draft metrics

  // What this command may show: by default what the API shows anyone;
  // --non-public adds restricted and draft metrics (the operator holds the
  // database anyway).
  Access access() const { return non_public ? Access::everything() : Access::anonymous(); }
};

// Adds --db, --format, --non-public and the engine options to cmd.
void add_engine_command_options(CLI::App& cmd, EngineCommandOptions& o);

struct OpenEngine {
  std::unique_ptr<Store> store;
  std::unique_ptr<Engine> engine;
  std::shared_ptr<const Snapshot> snapshot;  // as built at open
};
// Opens the existing store and builds the snapshot (only the catalogue when
// catalogue_only); fails with a clear message.
OpenEngine open_engine(const EngineCommandOptions& o, bool catalogue_only = false);

// Prints json (format json, with a newline), the table as CSV (format csv), or
// heading lines then the table's named columns aligned (format table).
void print_answer(const EngineCommandOptions& o, const std::string& json, const api::Table& table,
                  const std::vector<std::string>& heading = {},
                  const std::vector<std::string>& table_columns = {});

// Fails with the error's message (exit 1).
[[noreturn]] void fail_with(const Error& e);

}  // namespace lgb::cli
