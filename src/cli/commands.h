// The lgbench subcommands. Each add_*_command() registers one CLI11
// subcommand whose callback does the work and signals failure by throwing
// CLI::RuntimeError(exit_code) after printing a clear message to stderr.
// Single-threaded start-up code.
#pragma once

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "store/store.h"

namespace lgb::cli {

// Used when --db is not given; relative to the current directory.
inline constexpr const char* kDefaultDb = "var/lgbench.db";

void add_ingest_command(CLI::App& app);
void add_serve_command(CLI::App& app, const std::string& version);
void add_query_command(CLI::App& app);

// Prints "lgbench: <message>" to stderr and throws CLI::RuntimeError(code).
[[noreturn]] void fail(const std::string& message, int code = 1);

// Opens an existing store: a missing file is an error (no silent empty db).
std::unique_ptr<Store> open_existing_store(const std::string& path);

}  // namespace lgb::cli
