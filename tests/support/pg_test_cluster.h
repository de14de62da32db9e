// The real PostgreSQL 15 the tests run against. ctest starts one cluster for
// the whole run (tests/postgres/pg_test_cluster.sh, a ctest fixture) and names
// the file holding its URL in LGB_TEST_PG_URL_FILE; a test binary run by hand
// without it starts a private cluster (scripts/pg-local.sh) for the process
// and destroys it at exit. Each test then gets its own empty database.
// Thread-safety: call from the test's main thread.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <pqxx/pqxx>

namespace lgb::testing {

// The cluster's URL for its maintenance database ("lgbench").
inline const std::string& pg_cluster_url() {
  static const std::string url = [] {
    auto read_url = [](const std::string& path) {
      std::ifstream in(path);
      std::string line;
      std::getline(in, line);
      return line;
    };
    if (const char* file = std::getenv("LGB_TEST_PG_URL_FILE")) {
      std::string u = read_url(file);
      if (!u.empty()) return u;
    }
    // No shared cluster: start one for this process.
    static struct Private {
      std::string dir;
      ~Private() {
        if (!dir.empty())
          (void)std::system((std::string(LGB_SOURCE_DIR) + "/scripts/pg-local.sh destroy '" + dir +
                             "' >/dev/null 2>&1")
                                .c_str());
      }
    } cluster;
    char tmpl[] = "/tmp/lgb-pgtest-XXXXXX";
    cluster.dir = ::mkdtemp(tmpl);
    std::string out = cluster.dir + ".url";
    std::string cmd = "LGB_PG_FAST=1 " + std::string(LGB_SOURCE_DIR) + "/scripts/pg-local.sh start '" +
                      cluster.dir + "' > '" + out + "'";
    if (std::system(cmd.c_str()) != 0)
      throw std::runtime_error("cannot start a PostgreSQL test cluster: " + cmd);
    std::string u = read_url(out);
    std::remove(out.c_str());
    return u;
  }();
  return url;
}

// The cluster's URL with another database name.
inline std::string pg_url_for(const std::string& database) {
  const std::string& base = pg_cluster_url();
  size_t scheme = base.find("://") + 3;
  size_t slash = base.find('/', scheme);
  size_t end = base.find('?', slash);
  return base.substr(0, slash + 1) + database + (end == std::string::npos ? "" : base.substr(end));
}

// A fresh, empty database on the test cluster, dropped (with any sessions
// still on it) when the object goes.
class PgTestDatabase {
 public:
  PgTestDatabase() {
    static std::atomic<int> counter{0};
    name_ = "lgbt_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    pqxx::connection c(pg_cluster_url());
    pqxx::nontransaction tx(c);
    tx.exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    tx.exec("CREATE DATABASE " + name_ + " TEMPLATE template0 ENCODING 'UTF8'");
    url_ = pg_url_for(name_);
  }
  ~PgTestDatabase() {
    try {
      pqxx::connection c(pg_cluster_url());
      pqxx::nontransaction tx(c);
      tx.exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (...) {
      // The cluster may be down on purpose (an outage test); the fixture's
      // cleanup removes it anyway.
    }
  }
  PgTestDatabase(const PgTestDatabase&) = delete;
  PgTestDatabase& operator=(const PgTestDatabase&) = delete;

  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

  // Every row of every table of the public schema (and the applied schema
  // versions), in a fixed order, read through a separate connection.
  std::string dump() const {
    pqxx::connection c(url_);
    pqxx::read_transaction tx(c);
    std::ostringstream out;
    auto tables = tx.exec(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        " AND table_type = 'BASE TABLE' ORDER BY table_name");
    for (const auto& t : tables) {
      std::string name = t[0].c_str();
      out << "\n[" << name << "]";
      std::string cols = name == "schema_migrations" ? "version" : "*";  // not when
      std::string order;
      auto n = tx.exec("SELECT " + cols + " FROM " + name + " LIMIT 0").columns();
      for (size_t i = 1; i <= n; ++i) order += (i > 1 ? ", " : "") + std::to_string(i);
      for (const auto& r : tx.exec("SELECT " + cols + " FROM " + name + " ORDER BY " + order)) {
        out << "\n";
        for (const auto& f : r) out << "|" << (f.is_null() ? "NULL" : "'" + f.as<std::string>() + "'");
      }
    }
    return out.str();
  }

 private:
  std::string name_;
  std::string url_;
};

}  // namespace lgb::testing
