#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/commands.h"

namespace lgb::cli {

void fail(const std::string& message, int code) {
  std::cerr << "lgbench: " << message << "\n";
  throw CLI::RuntimeError(code);
}

namespace {

// A PostgreSQL server that is starting (or restarting) is waited for rather
// than treated as fatal: kUnavailable is retried with doubling pauses (0.5 s
// up to 8 s) for LGB_DB_RETRY_SECONDS (default 30) before giving up.
std::unique_ptr<Store> open_postgres(const std::string& url, size_t connections) {
  using namespace std::chrono;
  int budget_s = 30;
  if (const char* env = std::getenv("LGB_DB_RETRY_SECONDS")) budget_s = std::max(0, std::atoi(env));
  const auto deadline = steady_clock::now() + seconds(budget_s);
  milliseconds pause(500);
  for (;;) {
    auto store = open_postgres_store(url, connections);
    if (store) return std::move(*store);
    if (store.error().code != ErrorCode::kUnavailable || steady_clock::now() + pause > deadline)
      fail("cannot open database '" + redact_url(url) + "': " + store.error().message);
    std::cerr << "lgbench: database '" << redact_url(url) << "' unreachable ("
              << store.error().message << "); retrying in " << pause.count() << " ms\n";
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, milliseconds(8000));
  }
}

std::unique_ptr<Store> open_sqlite(const std::string& path) {
  auto store = open_sqlite_store(path);
  if (!store) fail("cannot open database '" + path + "': " + store.error().message);
  return std::move(*store);
}

}  // namespace

std::unique_ptr<Store> open_existing_store(const std::string& db, size_t connections) {
  if (is_postgres_url(db)) return open_postgres(db, connections);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(db, ec))
    fail("no database at '" + db + "' (create one with: lgbench ingest --db " + db + " ...)");
  return open_sqlite(db);
}

std::unique_ptr<Store> open_or_create_store(const std::string& db) {
  if (is_postgres_url(db)) return open_postgres(db, 2);
  std::filesystem::path parent = std::filesystem::path(db).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  return open_sqlite(db);
}

std::unique_ptr<auth::Accounts> open_accounts(Store& store, const std::string& db,
                                              const std::string& secret_file) {
  AccountStore* accounts = store.accounts();
  if (!accounts) fail("this database keeps no accounts");
  // Replicas on one PostgreSQL database must share the secret (a key made
  // by one is checked by another), and it must stay out of the database:
  // there is no file beside a URL to default to.
  if (secret_file.empty() && is_postgres_url(db))
    fail("a PostgreSQL store needs --secret-file FILE (created when missing): every replica and "
         "every lgbench users/keys command on the database must name the same file, kept out of "
         "the database and its backups");
  const std::string path = secret_file.empty() ? db + ".secret" : secret_file;
  auto secret = auth::load_or_create_server_secret(path);
  if (!secret) fail(secret.error().message);
  return std::make_unique<auth::Accounts>(*accounts, std::move(*secret));
}

void add_secret_option(CLI::App& cmd, std::string& secret_file) {
  cmd.add_option("--secret-file", secret_file,
                 "Server secret that API key secrets derive from (default: <db>.secret; "
                 "created when missing; keep it out of backups of the database; required for a "
                 "PostgreSQL store, where every replica names the same file)")
      ->envname("LGB_SECRET_FILE");
}

}  // namespace lgb::cli
