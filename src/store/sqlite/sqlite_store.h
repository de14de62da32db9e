// SqliteStore: the default Store, one SQLite file in WAL mode with foreign
// keys on and versioned migrations (schema.h). Owns its connections.
// Thread-safety: every method may be called from many threads at once.
//   - Writes (begin_release / load_release, save_group, delete_group,
//     save_ratio) share ONE
//     writer connection behind write_mu_, so they are serialised in-process;
//     BEGIN IMMEDIATE plus busy_timeout serialises them against other
//     processes too (e.g. `lgbench ingest` while `lgbench serve` runs).
//   - Reads borrow a connection from a mutex-guarded pool (a new one is
//     opened when none is idle, at most kMaxIdleReaders are kept). Each read
//     runs in its own read transaction, so it sees one consistent snapshot;
//     in WAL mode readers never block each other or the writer, and never
//     see a half-loaded release.
//   - Destroy the store only after every call on it has returned.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/accounts.h"
#include "store/carbon.h"
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace lgb {

namespace store {
template <class Db, class Row>
class SqlAccountStore;
}

struct SqliteStoreOptions {
  // Page cache of the writer connection. Large, so a big release's index
  // pages stay in memory instead of spilling to the WAL before commit.
  int64_t writer_cache_kib = 64 * 1024;
};

class SqliteStore final : public Store, public CarbonStore {
 public:
  // Opens or creates the file and migrates it to the latest schema.
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path,
                                                   const SqliteStoreOptions& options = {});
  ~SqliteStore() override;

  // Holds the write lock until the writer is destroyed.
  Result<std::unique_ptr<ReleaseWriter>> begin_release(const Release& release) override;

  Result<std::vector<Area>> list_areas() override;
  Result<std::vector<Metric>> list_metrics() override;
  Result<std::vector<Period>> list_periods() override;
  Result<std::vector<Release>> list_releases() override;
  Result<Release> get_release(int64_t id) override;
  Result<std::optional<Release>> find_release(const std::string& sha256,
                                              const std::string& format) override;
  Result<std::vector<ReleaseMetricRows>> list_release_metrics() override;

  // An unknown metric gives an empty list (the API checks the catalogue
  // first and answers 404 itself); an empty metric_id is kInvalidArgument.
  Result<std::vector<StoredValue>> query_values(const ValueQuery& q) override;
  // Order: metric id, period id, area code. fn runs while a read snapshot is
  // held; it may call the store (it gets another connection).
  Status for_each_current_value(const std::function<void(const StoredValue&)>& fn) override;
  // Reads only the key, number and marker columns, without copying text, in
  // table (insertion) order: a sequential scan instead of index order.
  Status for_each_current_value_row(
      const std::function<void(const CurrentValueRow&)>& fn) override;
  // Sorted chronologically (period sort key).
  Result<std::vector<std::string>> periods_of_metric(const std::string& metric_id) override;

  // Groups list by id; members keep their order. Member codes must be known
  // areas (kInvalidArgument otherwise). created_at is set when empty.
  Result<std::vector<CustomGroup>> list_groups() override;
  Status save_group(const CustomGroup& group) override;
  Status delete_group(const std::string& id) override;

  // Both metrics must exist (kInvalidArgument); the id must not clash with a
  // stored ratio or metric (kConflict).
  Result<std::vector<RatioDefinition>> list_ratios() override;
  Status save_ratio(const RatioDefinition& ratio) override;

  // Accounts live in the same file (store/sql_account_store.h).
  AccountStore* accounts() override { return accounts_.get(); }

  // Conversion factors and carbon inventories live in the same file
  // (sqlite_store_carbon.cpp).
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

  const std::string& path() const { return path_; }

 private:
  static constexpr size_t kMaxIdleReaders = 16;

  // A pooled read connection, returned to the pool when the lease ends.
  class ReadLease {
   public:
    ReadLease(SqliteStore* store, sqlite::Db db) : store_(store), db_(std::move(db)) {}
    ReadLease(ReadLease&& o) noexcept : store_(o.store_), db_(std::move(o.db_)) {
      o.store_ = nullptr;
    }
    ReadLease& operator=(ReadLease&&) = delete;
    ~ReadLease();
    sqlite::Db& db() { return db_; }

   private:
    SqliteStore* store_;
    sqlite::Db db_;
  };

  SqliteStore(std::string path, sqlite::Db writer);
  // One statement on a pooled reader, args bound to ?1, ?2, ...: every row
  // through read.
  template <class T, class Read, class... Args>
  Result<std::vector<T>> read_rows(std::string_view sql, std::string_view context, Read read,
                                   const Args&... args) {
    auto lease = acquire_reader();
    if (!lease) return lease.error();
    sqlite::Db& db = lease->db();
    auto st = db.prepare(sql);
    if (!st) return st.error();
    st->bind_all(args...);
    std::vector<T> out;
    auto s = sqlite::each_row(db, *st, context, [&](const sqlite::Stmt& r) { out.push_back(read(r)); });
    if (!s) return s.error();
    return out;
  }
  // One statement on the writer, args bound as above; returns the rows changed.
  template <class... Args>
  Result<int64_t> write_row(std::string_view sql, std::string_view context, const Args&... args) {
    std::lock_guard lock(write_mu_);
    auto st = writer_.prepare(sql);
    if (!st) return st.error();
    st->bind_all(args...);
    if (auto s = writer_.run(*st, context); !s) return s.error();
    return writer_.changes();
  }
  // One statement on the writer that returns rows (RETURNING): every row
  // through read.
  template <class T, class Read, class... Args>
  Result<std::vector<T>> write_rows(std::string_view sql, std::string_view context, Read read,
                                    const Args&... args) {
    std::lock_guard lock(write_mu_);
    auto st = writer_.prepare(sql);
    if (!st) return st.error();
    st->bind_all(args...);
    std::vector<T> out;
    auto s = sqlite::each_row(writer_, *st, context,
                              [&](const sqlite::Stmt& r) { out.push_back(read(r)); });
    if (!s) return s.error();
    return out;
  }
  template <class, class>
  friend class store::SqlAccountStore;
  Result<ReadLease> acquire_reader();
  void release_reader(sqlite::Db db);

  const std::string path_;
  std::mutex write_mu_;  // guards writer_
  sqlite::Db writer_;
  std::mutex pool_mu_;  // guards idle_readers_
  std::vector<sqlite::Db> idle_readers_;
  std::unique_ptr<AccountStore> accounts_;  // on this store's connections
};

}  // namespace lgb
