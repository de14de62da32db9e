// The API fixture on PostgreSQL: the same store make_fixture builds, copied
// into a fresh database on the test cluster with `lgbench migrate` (accounts
// and all), and the same server on it. The server secret is a file of the
// fixture's, named in LGB_SECRET_FILE so that every lgbench the test starts
// (serve, users, keys, audit) uses it, as replicas must.
// Not thread-safe; build it once per test binary.
#pragma once

#include <cstdlib>

#include "api_test_support.h"
#include "support/pg_test_cluster.h"

namespace lgb::test {

struct PgFixture final : Fixture {
  ~PgFixture() override { server.reset(); }  // before the database goes
  testing::PgTestDatabase pg;
};

inline std::unique_ptr<Fixture> make_postgres_fixture(const std::vector<std::string>& only_paths) {
  auto f = std::make_unique<PgFixture>();
  const std::string sqlite = f->dir.file("test.db");
  f->db = sqlite;
  load_fixture_store(*f, only_paths);
  ::setenv("LGB_SECRET_FILE", f->dir.file("server.secret").c_str(), 1);
  must_run({"migrate", "--from", sqlite, "--to", f->pg.url()});
  f->db = f->pg.url();
  f->server = start_fixture_server(f->db);
  return f;
}

}  // namespace lgb::test
