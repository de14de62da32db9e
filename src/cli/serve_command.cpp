// lgbench serve: the HTTP API and web client over a store, until SIGINT or
// SIGTERM. Prints the URL it listens on (with the real port when --port 0).
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <thread>

#include "api/api_service.h"
#include "api/server.h"
#include "cli/commands.h"
#include "web/reports.h"
#include "web/site.h"

namespace lgb::cli {
namespace {

struct ServeOptions {
  std::string db = kDefaultDb;
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 0;
  std::string web_root = "web/dist";
  int refresh_ms = 1000;
  int read_timeout_ms = 30000;
  int write_timeout_ms = 30000;
  size_t max_connections = 4096;
  size_t max_connections_per_client = 256;
  size_t max_inflight_mib = 256;
  size_t max_inflight_mib_per_client = 64;
  size_t reserved_fds = 64;
  std::string data_dir = "data";
  std::string groupings_dir;  // default <data_dir>/groupings
  int neighbours_k = 15;
  bool allow_writes = false;
  std::string secret_file;  // default <db>.secret
};

void run_serve(const ServeOptions& o, const std::string& version) {
  // One PostgreSQL connection per I/O thread, and one for snapshot refresh.
  size_t threads = o.threads > 0 ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  auto store = open_existing_store(o.db, threads + 1);
  std::error_code ec;
  std::string web_root = o.web_root;
  if (!web_root.empty() && !std::filesystem::is_directory(web_root, ec)) {
    std::cerr << "lgbench: web root '" << web_root
              << "' not found (run make); pages are served without styles or scripts\n";
  }
  // A malformed report definition stops the server here, naming the file.
  const std::string reports_dir = o.data_dir + "/reports";
  if (auto reports = web::load_reports(reports_dir); !reports) fail(reports.error().message);
  api::ApiOptions ao;
  ao.web_root = web_root;
  ao.version = version;
  ao.engine = engine_options(o.data_dir, o.groupings_dir, o.neighbours_k);
  ao.allow_writes = o.allow_writes;
  ao.site = web::make_site_factory({web_root, o.data_dir});
  ao.bank_holidays = load_bank_holidays(o.data_dir);
  // Accounts live beside the data (SQLite or PostgreSQL); a store that
  // keeps none would serve everyone as anonymous.
  std::unique_ptr<auth::Accounts> accounts;
  if (store->accounts()) accounts = open_accounts(*store, o.db, o.secret_file);
  else std::cerr << "lgbench: this database keeps no accounts; nobody can sign in\n";
  ao.accounts = accounts.get();
  auto service = api::ApiService::create(*store, std::move(ao));
  if (!service) fail("cannot read database '" + redact_url(o.db) + "': " + service.error().message);

  // Whoever started us may stop reading our stdout; that must not kill us.
  signal(SIGPIPE, SIG_IGN);
  // Block the stop signals before any thread starts, so every thread inherits
  // the mask and only sigwait() below sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  api::ServerOptions so;
  so.host = o.host;
  so.port = static_cast<uint16_t>(o.port);
  so.threads = o.threads;
  so.refresh_interval = std::chrono::milliseconds(o.refresh_ms);
  so.read_timeout = std::chrono::milliseconds(o.read_timeout_ms);
  so.write_timeout = std::chrono::milliseconds(o.write_timeout_ms);
  so.max_connections = o.max_connections;
  so.max_connections_per_client = o.max_connections_per_client;
  so.max_inflight_bytes = o.max_inflight_mib << 20;
  so.max_inflight_bytes_per_client = o.max_inflight_mib_per_client << 20;
  so.reserved_fds = o.reserved_fds;
  api::Server server(**service, so);
  auto port = server.start();
  if (!port) fail(port.error().message);
  std::string shown_host = o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
  std::cout << "lgbench " << version << ": listening on http://" << shown_host << ":" << *port
            << "/ (database " << redact_url(o.db) << ")" << std::endl;

  int sig = 0;
  sigwait(&signals, &sig);
  std::cout << "lgbench: stopping" << std::endl;
  server.stop();
}

}  // namespace

void add_serve_command(CLI::App& app, const std::string& version) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the HTTP API (/api/v1) and the web client");
  cmd->add_option("--db", o->db, "Store made by lgbench ingest: an SQLite file or a postgresql:// URL")->capture_default_str();
  cmd->add_option("--host", o->host, "Address to listen on (0.0.0.0 for all)")->capture_default_str();
  cmd->add_option("--port", o->port, "TCP port; 0 picks a free one")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_option("--threads", o->threads, "I/O threads (0: one per core)")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  cmd->add_option("--web-root", o->web_root, "Folder of static files served outside /api/")
      ->capture_default_str();
  cmd->add_option("--refresh-ms", o->refresh_ms,
                  "How often to look for releases loaded by other processes (on PostgreSQL, "
                  "also told at once by LISTEN/NOTIFY; this is the fallback)")
      ->check(CLI::Range(10, 3600000))
      ->capture_default_str();
  cmd->add_option("--read-timeout-ms", o->read_timeout_ms,
                  "A request must arrive within this time (else 408); idle connections close "
                  "after it")
      ->check(CLI::Range(100, 3600000))
      ->capture_default_str();
  cmd->add_option("--write-timeout-ms", o->write_timeout_ms,
                  "Each 64 KiB of a response must be taken by the client within this time")
      ->check(CLI::Range(100, 3600000))
      ->capture_default_str();
  cmd->add_option("--max-connections", o->max_connections,
                  "Open connections in all (kept under the descriptor limit)")
      ->check(CLI::Range(1, 1 << 20))
      ->capture_default_str();
  cmd->add_option("--max-connections-per-client", o->max_connections_per_client,
                  "Open connections from one address (IPv6: one /64)")
      ->check(CLI::Range(1, 1 << 20))
      ->capture_default_str();
  cmd->add_option("--max-inflight-mib", o->max_inflight_mib,
                  "Rendered responses not yet written, in all (MiB)")
      ->check(CLI::Range(1, 1 << 20))
      ->capture_default_str();
  cmd->add_option("--max-inflight-mib-per-client", o->max_inflight_mib_per_client,
                  "Rendered responses not yet written, for one address (MiB)")
      ->check(CLI::Range(1, 1 << 20))
      ->capture_default_str();
  cmd->add_option("--reserved-fds", o->reserved_fds,
                  "Descriptors kept free for the database and files, not used for connections")
      ->check(CLI::Range(0, 1 << 16))
      ->capture_default_str();
  add_engine_options(*cmd, o->data_dir, o->groupings_dir, o->neighbours_k);
  cmd->add_flag("--allow-writes", o->allow_writes,
                "Accept unauthenticated POST/DELETE of groups and ratios (default: 403)");
  add_secret_option(*cmd, o->secret_file);
  cmd->callback([o, version] { run_serve(*o, version); });
}

}  // namespace lgb::cli
