// PgStore: the Store on PostgreSQL 15 (libpqxx), for several lgbench
// processes on one shared, durable database. The tables mirror the SQLite
// store's (pg_schema.h); loads stream a release's rows with COPY and apply
// them in one transaction (pg_loader.h).
// Thread-safety: every method may be called from many threads at once.
//   - Calls borrow a connection from a pool of at most pool_size (size it to
//     the threads that call the store); each read runs in one REPEATABLE
//     READ, READ ONLY transaction, so it sees one consistent snapshot and
//     never a half-loaded release.
//   - Writes of data (load_release, save_group, delete_group, save_ratio)
//     take one advisory lock, so they serialise across every process on the
//     database as SQLite's BEGIN IMMEDIATE does. Writes of accounts and
//     carbon inventories do not: a sign-in never waits for a load; each is
//     one short transaction that the table constraints keep consistent.
//   - A connection lost to a server restart is replaced: a read that finds
//     its pooled connection dead is retried once on a new one.
//   - Destroy the store only after every call on it has returned.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "store/accounts.h"
#include "store/carbon.h"
#include "store/store.h"

#include <pqxx/types>  // pqxx::dbtransaction

namespace lgb {

namespace pg {
class ConnectionPool;
}
namespace store {
template <class Db, class Row>
class SqlAccountStore;
}

struct PgStoreOptions {
  size_t pool_size = 8;  // most connections open at once
  // How long a call waits for a connection when pool_size are in use.
  std::chrono::milliseconds pool_wait{std::chrono::seconds(30)};
};

class PgStore final : public Store, public CarbonStore {
 public:
  // Connects to url (postgresql://...) once and migrates the schema. Fails
  // with kUnavailable when the server cannot be reached (the caller may
  // retry; see open_store in store.h).
  static Result<std::unique_ptr<PgStore>> open(const std::string& url,
                                               const PgStoreOptions& options = {});
  ~PgStore() override;

  // The release is gathered in memory and loaded at commit by load_release
  // (COPY, set-wise): unlike the SQLite store's writer, memory grows with
  // the release. A problem row fails the commit, named by its index.
  Result<std::unique_ptr<ReleaseWriter>> begin_release(const Release& release) override;
  Result<int64_t> load_release(const ReleaseBatch& batch) override;

  Result<std::vector<Area>> list_areas() override;
  Result<std::vector<Metric>> list_metrics() override;
  Result<std::vector<Period>> list_periods() override;
  Result<std::vector<Release>> list_releases() override;
  Result<Release> get_release(int64_t id) override;
  Result<std::optional<Release>> find_release(const std::string& sha256,
                                              const std::string& format) override;
  Result<std::vector<ReleaseMetricRows>> list_release_metrics() override;

  // As SqliteStore: an unknown metric gives an empty list; an empty
  // metric_id is kInvalidArgument.
  Result<std::vector<StoredValue>> query_values(const ValueQuery& q) override;
  // Order: metric id, period id, area code (byte order).
  Status for_each_current_value(const std::function<void(const StoredValue&)>& fn) override;
  // The key, number and marker columns only, streamed with COPY, in no order.
  Status for_each_current_value_row(
      const std::function<void(const CurrentValueRow&)>& fn) override;
  Result<std::vector<std::string>> periods_of_metric(const std::string& metric_id) override;

  Result<std::vector<CustomGroup>> list_groups() override;
  Status save_group(const CustomGroup& group) override;
  Status delete_group(const std::string& id) override;
  Result<std::vector<RatioDefinition>> list_ratios() override;
  Status save_ratio(const RatioDefinition& ratio) override;

  // Accounts live in the same database, in tables that mirror the SQLite
  // store's (store/sql_account_store.h), so every replica sees every
  // sign-in, lock-out, session and key at once.
  AccountStore* accounts() override { return accounts_.get(); }

  // Conversion factors and carbon inventories live in the same database
  // (pg_store_carbon.cpp), in tables that mirror the SQLite store's.
  CarbonStore* carbon() override { return this; }
  Status add_factor_set(const FactorSet& set, const std::vector<GhgFactor>& factors) override;
  Result<std::vector<FactorSet>> list_factor_sets() override;
  Result<std::vector<GhgFactor>> list_factors(int year) override;
  Status save_carbon_year(const CarbonYear& year) override;
  Result<std::optional<CarbonYear>> find_carbon_year(const std::string& organisation_id,
                                                     const std::string& period_id) override;
  Result<std::vector<CarbonYear>> list_carbon_years(const std::string& organisation_id) override;
  Result<std::vector<CarbonYear>> list_published_carbon_years() override;
  Status mark_carbon_published(const std::string& organisation_id, const std::string& period_id,
                               int64_t release_id, const std::string& by) override;
  Status save_carbon_target(const CarbonTarget& target) override;
  Result<std::optional<CarbonTarget>> find_carbon_target(const std::string& organisation_id) override;

  // LISTENs on its own connection (pg_listener.h).
  std::unique_ptr<ChangeWatch> watch_changes(std::function<void()> on_change) override;

  // The URL with its password hidden, for messages.
  const std::string& display_url() const { return display_url_; }

 private:
  PgStore(std::string url, const PgStoreOptions& options);

  // Runs fn in a read-only REPEATABLE READ transaction on a pooled
  // connection, mapping exceptions to errors. retry: run fn again on a new
  // connection if the pooled one turns out to be dead (fn must then start
  // over; streaming reads that already delivered rows pass false).
  Status read(const std::string& context, bool retry,
              const std::function<Status(pqxx::dbtransaction&)>& fn);
  // Runs fn in a read-write transaction, holding the writers' lock unless
  // told otherwise; commits if fn succeeds. Retried on a new connection only
  // if the pooled one is found dead before fn runs (never once fn may have
  // written).
  enum class WriteLock { kWriters, kNone };
  Status write(const std::string& context, const std::function<Status(pqxx::dbtransaction&)>& fn,
               WriteLock lock = WriteLock::kWriters);
  // One statement with its parameters ($1, $2, ...): every row through
  // read_row (given a pg::PgRow), or, for a write (without the writers'
  // lock), the rows it changed. Defined in pg_rows.h.
  template <class T, class Read, class... Args>
  Result<std::vector<T>> read_rows(const std::string& sql, const std::string& context,
                                   Read read_row, const Args&... args);
  template <class... Args>
  Result<int64_t> write_row(const std::string& sql, const std::string& context,
                            const Args&... args);
  template <class T, class Read, class... Args>
  Result<std::vector<T>> write_rows(const std::string& sql, const std::string& context,
                                    Read read_row, const Args&... args);
  template <class, class>
  friend class store::SqlAccountStore;

  const std::string display_url_;
  std::unique_ptr<pg::ConnectionPool> pool_;
  std::unique_ptr<AccountStore> accounts_;  // on this store's pool
};

}  // namespace lgb
