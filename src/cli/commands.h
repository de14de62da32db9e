// The lgbench subcommands. Each add_*_command() registers one CLI11
// subcommand whose callback does the work and signals failure by throwing
// CLI::RuntimeError(exit_code) after printing a clear message to stderr.
// Single-threaded start-up code.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "auth/accounts.h"
#include "engine/snapshot.h"
#include "store/store.h"

namespace lgb::cli {

// Used when --db is not given; relative to the current directory.
inline constexpr const char* kDefaultDb = "var/lgbench.db";

void add_ingest_command(CLI::App& app);
// Re-reads a manifest's files and compares every value with the store.
void add_verify_command(CLI::App& app);
void add_serve_command(CLI::App& app, const std::string& version);
void add_query_command(CLI::App& app);
// Benchmarking (engine_commands: compare, rank, outliers, neighbours; groups;
// ratios) and synthetic data.
void add_compare_command(CLI::App& app);
void add_rank_command(CLI::App& app);
void add_outliers_command(CLI::App& app);
void add_neighbours_command(CLI::App& app);
void add_groups_command(CLI::App& app);
void add_ratios_command(CLI::App& app);
void add_synth_command(CLI::App& app);
// Publisher data: how fresh it is (freshness_command.cpp).
void add_freshness_command(CLI::App& app);
// Copies an SQLite store into PostgreSQL and verifies the copy.
void add_migrate_command(CLI::App& app);

// England and Wales bank holidays from <data_dir>/calendar; a warning and an
// empty list (weekends only) when they cannot be read.
std::vector<std::string> load_bank_holidays(const std::string& data_dir);
// Accounts: lgbench users|keys|orgs|audit (accounts_command.cpp).
void add_account_commands(CLI::App& app);
// GHG conversion factors: lgbench factors load|years|list (factors_command.cpp).
void add_factors_command(CLI::App& app);
// lgbench carbon synthetic-demo (factors_command.cpp).
void add_carbon_command(CLI::App& app);

// Prints "lgbench: <message>" to stderr and throws CLI::RuntimeError(code).
[[noreturn]] void fail(const std::string& message, int code = 1);

// Opens an existing store: a missing SQLite file is an error (no silent empty
// db); an unreachable PostgreSQL server is retried with back-off for
// LGB_DB_RETRY_SECONDS (default 30) before failing. connections: the most
// PostgreSQL connections the store keeps (the server's thread count).
std::unique_ptr<Store> open_existing_store(const std::string& db, size_t connections = 8);

// As open_existing_store, but creates an SQLite file (and its folder) or the
// PostgreSQL tables when absent: for ingest.
std::unique_ptr<Store> open_or_create_store(const std::string& db);

// The accounts kept in the store, with the server secret from secret_file
// (default <db>.secret, created when missing). Fails when the store keeps
// no accounts.
std::unique_ptr<auth::Accounts> open_accounts(Store& store, const std::string& db,
                                              const std::string& secret_file);
void add_secret_option(CLI::App& cmd, std::string& secret_file);

// --data-dir / --groupings-dir / --neighbours-k, shared by serve and the
// benchmarking commands.
void add_engine_options(CLI::App& cmd, std::string& data_dir, std::string& groupings_dir,
                        int& neighbours_k);
// groupings_dir empty: <data_dir>/groupings. If that folder is missing, a
// warning is printed and the ONS similar-areas groups are left out.
SnapshotOptions engine_options(const std::string& data_dir, const std::string& groupings_dir,
                               int neighbours_k);

}  // namespace lgb::cli
