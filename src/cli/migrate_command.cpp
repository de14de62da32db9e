// lgbench migrate --from SQLITE --to postgresql://...: copies an SQLite
// store into PostgreSQL as it is (every release, revision and provenance
// record, groups and ratios, and the accounts) and then checks the copy
// table by table.
#include <filesystem>
#include <iomanip>
#include <iostream>

#include "cli/commands.h"
#include "cli/table_printer.h"
#include "store/postgres/pg_copy.h"

namespace lgb::cli {
namespace {

struct MigrateOptions {
  std::string from;
  std::string to;
  bool replace = false;
  bool check_only = false;
  bool without_accounts = false;
};

// Prints the check; true when every table is the same on both sides.
bool report_check(const std::vector<pg::TableCheck>& checks) {
  api::Table t;
  t.header = {"table", "rows_sqlite", "rows_postgresql", "sha256", "same"};
  bool all_same = true;
  int64_t rows = 0;
  for (const auto& c : checks) {
    all_same = all_same && c.same();
    rows += c.source_rows;
    std::string digest = c.source_sha256 == c.target_sha256
                             ? c.source_sha256.substr(0, 16)
                             : c.source_sha256.substr(0, 16) + " != " + c.target_sha256.substr(0, 16);
    t.rows.push_back({c.table, std::to_string(c.source_rows), std::to_string(c.target_rows), digest,
                      c.same() ? "yes" : "NO"});
  }
  print_table(std::cout, t);
  if (all_same)
    std::cout << "copy verified: " << checks.size() << " tables, " << rows
              << " rows, the same on both sides\n";
  return all_same;
}

void run_migrate(const MigrateOptions& o) {
  if (is_postgres_url(o.from)) fail("--from must be an SQLite store (a file), not a URL");
  if (!is_postgres_url(o.to)) fail("--to must be a postgresql:// URL");
  // Both opened once as stores: a missing or newer source is refused, and
  // both schemas are brought up to this build's before any row moves.
  open_existing_store(o.from);
  open_or_create_store(o.to);
  if (!o.check_only) {
    pg::CopyOptions copy;
    copy.replace = o.replace;
    copy.without_accounts = o.without_accounts;
    copy.progress = [](const std::string& table, int64_t rows) {
      std::cout << "copied " << std::setw(22) << std::left << table << rows << " rows" << std::endl;
    };
    auto copied = pg::copy_sqlite_to_postgres(o.from, o.to, copy);
    if (!copied) fail(copied.error().message);
    for (const auto& t : copied->empty_tables_left)
      std::cout << "left out: table " << t << " (empty in the source; not in this build's copy)\n";
    for (const auto& [t, rows] : copied->accounts_left)
      std::cout << "left behind: table " << t << " (" << rows << " rows; --without-accounts)\n";
  }
  auto checks = pg::check_copy(o.from, o.to, !o.without_accounts);
  if (!checks) fail("cannot check the copy: " + checks.error().message);
  if (!report_check(*checks))
    fail("the copy differs from the source (see the tables marked NO above)", 3);
  if (!o.without_accounts && !o.check_only)
    std::cout << "API keys and sign-in forms need the server secret the SQLite store used: give "
                 "every replica --secret-file "
              << o.from << ".secret (or the file you passed as --secret-file)\n";
}

}  // namespace

void add_migrate_command(CLI::App& app) {
  auto o = std::make_shared<MigrateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "migrate", "Copy an SQLite store into PostgreSQL, every row as it is, and verify the copy");
  cmd->add_option("--from", o->from, "The SQLite store to copy")->required();
  cmd->add_option("--to", o->to, "The PostgreSQL store: a postgresql:// URL")->required();
  cmd->add_flag("--replace", o->replace,
                "Empty the target first (otherwise a target holding anything is refused)");
  cmd->add_flag("--check-only", o->check_only,
                "Copy nothing: compare row counts and checksums of every table");
  cmd->add_flag("--without-accounts", o->without_accounts,
                "Copy the data and leave the accounts (organisations, users, keys, sessions, "
                "reset tokens, audit log) behind");
  cmd->callback([o] { run_migrate(*o); });
}

}  // namespace lgb::cli
