#include "store/postgres/pg_store.h"

#include <charconv>
#include <unordered_map>

#include <pqxx/pqxx>

#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_listener.h"
#include "store/postgres/pg_loader.h"
#include "store/postgres/pg_pool.h"
#include "store/postgres/pg_rows.h"
#include "store/postgres/pg_schema.h"
#include "store/sql_account_store.h"
#include "store/sql_rows.h"

namespace lgb {

using store::corrupt;

namespace {

using ReadTransaction = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;

std::string text(const pqxx::field& f) { return f.is_null() ? std::string() : f.as<std::string>(); }
std::string_view text_view(const pqxx::field& f) { return {f.c_str(), f.size()}; }

constexpr const char* kReleaseColumns =
    "SELECT id, publisher, source_url, file_name, format, sha256, published_on, loaded_at,"
    " loaded_by, licence, row_count FROM releases ";

Release read_release(const pqxx::row& r) {
  Release out;
  out.id = r[0].as<int64_t>();
  out.publisher = text(r[1]);
  out.source_url = text(r[2]);
  out.file_name = text(r[3]);
  out.format = text(r[4]);
  out.sha256 = text(r[5]);
  out.published_on = text(r[6]);
  out.loaded_at = text(r[7]);
  out.loaded_by = text(r[8]);
  out.licence = text(r[9]);
  out.row_count = r[10].as<int64_t>();
  return out;
}

// A float8 as COPY writes it (shortest text that reads back exactly).
Result<std::optional<double>> parse_number_field(std::string_view s, bool null) {
  if (null) return std::optional<double>();
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size())
    return corrupt("a number '" + std::string(s) + "' that does not read back");
  return std::optional<double>(v);
}

// A COPY of a query, read a line at a time. stream_from in libpqxx 6 copies
// a table by name; a parenthesised query in its place is what COPY accepts.
class CopyOut {
 public:
  CopyOut(pqxx::dbtransaction& tx, const std::string& query) : stream_(tx, "(" + query + ")") {}
  // Splits the next line into fields (see split_copy_line); false at the end.
  bool next() {
    if (!stream_.get_raw_line(line_)) return false;
    pg::split_copy_line(line_, fields, null);
    return true;
  }
  void complete() { stream_.complete(); }

  std::vector<std::string_view> fields;
  std::vector<bool> null;

 private:
  pqxx::stream_from stream_;
  std::string line_;
};

}  // namespace

// ---- Opening -----------------------------------------------------------------

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url, size_t connections) {
  PgStoreOptions options;
  options.pool_size = connections;
  auto s = PgStore::open(url, options);
  if (!s) return s.error();
  return std::unique_ptr<Store>(std::move(*s));
}

Result<std::unique_ptr<PgStore>> PgStore::open(const std::string& url,
                                               const PgStoreOptions& options) {
  auto conn = pg::connect(url);
  if (!conn) return conn.error();
  if (auto st = pg::migrate(**conn); !st)
    return Error{st.error().code, redact_url(url) + ": " + st.error().message};
  return std::unique_ptr<PgStore>(new PgStore(url, options));
}

PgStore::PgStore(std::string url, const PgStoreOptions& options)
    : display_url_(redact_url(url)),
      pool_(std::make_unique<pg::ConnectionPool>(std::move(url), options.pool_size,
                                                 options.pool_wait)),
      accounts_(std::make_unique<store::SqlAccountStore<PgStore, pg::PgRow>>(*this)) {}

PgStore::~PgStore() = default;

std::unique_ptr<ChangeWatch> PgStore::watch_changes(std::function<void()> on_change) {
  return std::make_unique<pg::ChangeListener>(pool_->url(), std::move(on_change));
}

Status PgStore::read(const std::string& context, bool retry,
                     const std::function<Status(pqxx::dbtransaction&)>& fn) {
  for (int attempt = 0;; ++attempt) {
    auto lease = pool_->acquire();
    if (!lease) return Error{lease.error().code, context + ": " + lease.error().message};
    try {
      ReadTransaction tx(lease->conn());
      Status s = fn(tx);
      if (s) tx.commit();
      return s;
    } catch (const std::exception& e) {
      // Whatever failed may have left the connection mid-statement.
      lease->discard();
      if (!dynamic_cast<const pqxx::pqxx_exception*>(&e)) throw;  // the caller's own
      if (pg::connection_lost(e)) {
        pool_->drop_idle();  // a restarted server broke them all
        if (retry && attempt == 0 && lease->reused()) continue;
      }
      return pg::error_from(e, context);
    }
  }
}

Status PgStore::write(const std::string& context,
                      const std::function<Status(pqxx::dbtransaction&)>& fn, WriteLock lock) {
  for (int attempt = 0;; ++attempt) {
    auto lease = pool_->acquire();
    if (!lease) return Error{lease.error().code, context + ": " + lease.error().message};
    bool started = false;  // once fn runs, a lost connection may have committed
    try {
      pqxx::work tx(lease->conn());
      if (lock == WriteLock::kWriters) tx.exec(pg::kWriteLock);
      started = true;
      Status s = fn(tx);
      if (s) tx.commit();
      return s;
    } catch (const std::exception& e) {
      lease->discard();
      if (!dynamic_cast<const pqxx::pqxx_exception*>(&e)) throw;
      if (pg::connection_lost(e)) {
        pool_->drop_idle();
        // A pooled connection found dead before anything was written.
        if (!started && attempt == 0 && lease->reused()) continue;
      }
      return pg::error_from(e, context);
    }
  }
}

// ---- Writes ------------------------------------------------------------------

Result<int64_t> PgStore::load_release(const ReleaseBatch& batch) {
  // Checked before taking a connection: nothing the database could say
  // would change the answer.
  if (auto st = pg::check_batch(batch); !st) return st.error();
  int64_t id = 0;
  Status s = write("loading " + batch.release.file_name, [&](pqxx::dbtransaction& tx) -> Status {
    auto r = pg::load_release(tx, batch);
    if (!r) return r.error();
    id = *r;
    return ok_status();
  });
  if (!s) return s.error();
  return id;
}

namespace {

// begin_release on PostgreSQL: gathers the release, loads it whole at commit.
class PgGatheringWriter final : public ReleaseWriter {
 public:
  explicit PgGatheringWriter(PgStore& store) : store_(store) {}
  Status add_area(const Area& a) override {
    batch_.areas.push_back(a);
    return ok_status();
  }
  Status add_metric(const Metric& m) override {
    batch_.metrics.push_back(m);
    return ok_status();
  }
  Status add_period(const Period& p) override {
    batch_.periods.push_back(p);
    return ok_status();
  }
  Status add_observation(const Observation& o, int64_t, int32_t) override {
    batch_.observations.push_back(o);
    return ok_status();
  }
  Status flush() override { return ok_status(); }
  const std::vector<WriteProblem>& problems() const override { return problems_; }
  int64_t problem_count() const override { return 0; }
  int64_t observations_written() const override { return written_; }
  Result<int64_t> commit(const Release& release) override {
    batch_.release = release;
    auto id = store_.load_release(batch_);
    if (id) written_ = static_cast<int64_t>(batch_.observations.size());
    batch_ = ReleaseBatch{};
    return id;
  }

 private:
  PgStore& store_;
  ReleaseBatch batch_;
  std::vector<WriteProblem> problems_;  // none: load_release names the row
  int64_t written_ = 0;
};

}  // namespace

Result<std::unique_ptr<ReleaseWriter>> PgStore::begin_release(const Release& release) {
  if (release.format.empty()) return invalid("release has no format");
  auto existing = find_release(release.sha256, release.format);
  if (!existing) return existing.error();
  if (existing->has_value()) return store::already_loaded(release, (*existing)->id);
  return std::unique_ptr<ReleaseWriter>(std::make_unique<PgGatheringWriter>(*this));
}

// ---- Reads -------------------------------------------------------------------

Result<std::vector<Area>> PgStore::list_areas() {
  std::vector<Area> areas;
  Status s = read("listing areas", true, [&](pqxx::dbtransaction& tx) -> Status {
    areas.clear();
    std::unordered_map<std::string, size_t> index;
    for (const auto& r : tx.exec(
             "SELECT code, name, type, region_code, parent_code, start_date, end_date FROM areas"
             " ORDER BY code")) {
      Area a;
      a.code = text(r[0]);
      a.name = text(r[1]);
      auto type = parse_area_type(text_view(r[2]));
      if (!type) return corrupt("area " + a.code + " with unknown type '" + text(r[2]) + "'");
      a.type = *type;
      a.region_code = text(r[3]);
      a.parent_code = text(r[4]);
      a.start_date = text(r[5]);
      a.end_date = text(r[6]);
      index.emplace(a.code, areas.size());
      areas.push_back(std::move(a));
    }
    for (const auto& r : tx.exec("SELECT area_code, successor_code FROM area_successors"
                                 " ORDER BY area_code, position")) {
      auto it = index.find(text(r[0]));
      if (it == index.end()) return corrupt("a successor of a missing area " + text(r[0]));
      areas[it->second].successor_codes.push_back(text(r[1]));
    }
    return ok_status();
  });
  if (!s) return s.error();
  return areas;
}

Result<std::vector<Metric>> PgStore::list_metrics() {
  std::vector<Metric> metrics;
  Status s = read("listing metrics", true, [&](pqxx::dbtransaction& tx) -> Status {
    metrics.clear();
    std::unordered_map<std::string, size_t> index;
    for (const auto& r : tx.exec("SELECT id, title, description, unit, polarity, decimals,"
                                 " publisher, source_url, licence, visibility, measure FROM metrics"
                                 " ORDER BY id")) {
      Metric m;
      m.id = text(r[0]);
      m.title = text(r[1]);
      m.description = text(r[2]);
      m.unit = text(r[3]);
      auto pol = parse_polarity(text_view(r[4]));
      auto vis = parse_visibility(text_view(r[9]));
      auto measure = parse_measure_kind(text_view(r[10]));
      if (!pol || !vis || !measure)
        return corrupt("metric " + m.id + " with a bad polarity, visibility or measure");
      m.measure = *measure;
      m.polarity = *pol;
      m.decimals = r[5].as<int>();
      m.publisher = text(r[6]);
      m.source_url = text(r[7]);
      m.licence = text(r[8]);
      m.visibility = *vis;
      index.emplace(m.id, metrics.size());
      metrics.push_back(std::move(m));
    }
    for (const auto& r : tx.exec("SELECT metric_id, facet, tag FROM metric_tags"
                                 " ORDER BY metric_id, facet, position")) {
      auto it = index.find(text(r[0]));
      if (it == index.end()) return corrupt("a tag of a missing metric " + text(r[0]));
      auto* list = store::tag_list(metrics[it->second], text_view(r[1]));
      if (!list) return corrupt("an unknown tag facet '" + text(r[1]) + "'");
      list->push_back(text(r[2]));
    }
    for (const auto& r : tx.exec("SELECT metric_id, organisation_id FROM metric_organisations"
                                 " ORDER BY metric_id, organisation_id")) {
      auto it = index.find(text(r[0]));
      if (it == index.end()) return corrupt("an organisation of a missing metric " + text(r[0]));
      metrics[it->second].organisations.push_back(text(r[1]));
    }
    return ok_status();
  });
  if (!s) return s.error();
  return metrics;
}

Result<std::vector<Period>> PgStore::list_periods() {
  std::vector<Period> periods;
  Status s = read("listing periods", true, [&](pqxx::dbtransaction& tx) -> Status {
    periods.clear();
    for (const auto& r :
         tx.exec("SELECT id, kind, start_date, months FROM periods ORDER BY sort_key, id")) {
      auto p = store::period_from_columns(text(r[0]), text_view(r[1]), text_view(r[2]),
                                          r[3].as<int>());
      if (!p) return p.error();
      periods.push_back(*p);
    }
    return ok_status();
  });
  if (!s) return s.error();
  return periods;
}

Result<std::vector<Release>> PgStore::list_releases() {
  std::vector<Release> out;
  Status s = read("listing releases", true, [&](pqxx::dbtransaction& tx) -> Status {
    out.clear();
    for (const auto& r : tx.exec(std::string(kReleaseColumns) + "ORDER BY id"))
      out.push_back(read_release(r));
    return ok_status();
  });
  if (!s) return s.error();
  return out;
}

Result<std::vector<ReleaseMetricRows>> PgStore::list_release_metrics() {
  std::vector<ReleaseMetricRows> out;
  Status s = read("listing release metrics", true, [&](pqxx::dbtransaction& tx) -> Status {
    out.clear();
    for (const auto& r : tx.exec("SELECT release_id, metric_id, row_count, superseded, revised"
                                 " FROM release_metrics ORDER BY release_id, metric_id"))
      out.push_back({r[0].as<int64_t>(), text(r[1]), r[2].as<int64_t>(), r[3].as<int64_t>(),
                     r[4].as<int64_t>()});
    return ok_status();
  });
  if (!s) return s.error();
  return out;
}

Result<Release> PgStore::get_release(int64_t id) {
  std::optional<Release> out;
  Status s = read("reading release " + std::to_string(id), true,
                  [&](pqxx::dbtransaction& tx) -> Status {
                    auto r = tx.exec_params(std::string(kReleaseColumns) + "WHERE id = $1", id);
                    if (!r.empty()) out = read_release(r[0]);
                    return ok_status();
                  });
  if (!s) return s.error();
  if (!out) return not_found("no release with id " + std::to_string(id));
  return *out;
}

Result<std::optional<Release>> PgStore::find_release(const std::string& sha256,
                                                     const std::string& format) {
  std::optional<Release> out;
  Status s = read("looking up release " + sha256, true, [&](pqxx::dbtransaction& tx) -> Status {
    auto r = tx.exec_params(std::string(kReleaseColumns) + "WHERE sha256 = $1 AND format = $2",
                            sha256, format);
    if (!r.empty()) out = read_release(r[0]);
    return ok_status();
  });
  if (!s) return s.error();
  return out;
}

Result<std::vector<StoredValue>> PgStore::query_values(const ValueQuery& q) {
  if (q.metric_id.empty()) return invalid("a value query needs a metric id");
  // One statement shape; the unnamed statement is planned with its values,
  // so the unused conditions fold away and `current` meets the partial index.
  std::string sql =
      "SELECT o.area_code, o.metric_id, o.period_id, o.text, o.number, o.marker,"
      " o.marker_text, o.note, o.release_id, o.current"
      " FROM observations o JOIN periods p ON p.id = o.period_id WHERE o.metric_id = $1"
      " AND ($2 = '' OR o.period_id = $2)"
      " AND ($3 = '[]' OR o.area_code IN (SELECT json_array_elements_text($3::json)))";
  if (!q.include_history) sql += " AND o.current";
  sql += " ORDER BY p.sort_key, o.area_code, o.release_id";
  const std::string areas = store::json_string_array(q.area_codes);
  std::vector<StoredValue> out;
  Status s = read("querying values of " + q.metric_id, true, [&](pqxx::dbtransaction& tx) -> Status {
    out.clear();
    for (const auto& r : tx.exec_params(sql, q.metric_id, q.period_id, areas)) {
      StoredValue v;
      v.area_code = text(r[0]);
      v.metric_id = text(r[1]);
      v.period_id = text(r[2]);
      v.value.text = text(r[3]);
      if (!r[4].is_null()) v.value.number = r[4].as<double>();
      auto marker = store::marker_from_column(text_view(r[5]));
      if (!marker) return marker.error();
      v.value.marker = *marker;
      v.value.marker_text = text(r[6]);
      v.value.note = text(r[7]);
      v.release_id = r[8].as<int64_t>();
      v.current = r[9].as<bool>();
      out.push_back(std::move(v));
    }
    return ok_status();
  });
  if (!s) return s.error();
  return out;
}

Status PgStore::for_each_current_value(const std::function<void(const StoredValue&)>& fn) {
  return read("reading current values", false, [&](pqxx::dbtransaction& tx) -> Status {
    CopyOut copy(tx,
                 "SELECT area_code, metric_id, period_id, text, number, marker, marker_text, note,"
                 " release_id FROM observations WHERE current"
                 " ORDER BY metric_id, period_id, area_code");
    StoredValue v;
    v.current = true;
    store::MarkerReader markers;
    while (copy.next()) {
      const auto& f = copy.fields;
      v.area_code.assign(f[0]);
      v.metric_id.assign(f[1]);
      v.period_id.assign(f[2]);
      v.value.text.assign(f[3]);
      auto number = parse_number_field(f[4], copy.null[4]);
      if (!number) return number.error();
      v.value.number = *number;
      auto marker = markers.read(f[5]);
      if (!marker) return marker.error();
      v.value.marker = *marker;
      v.value.marker_text.assign(f[6]);
      v.value.note.assign(f[7]);
      auto [end, ec] = std::from_chars(f[8].data(), f[8].data() + f[8].size(), v.release_id);
      if (ec != std::errc()) return corrupt("a bad release id");
      fn(v);
    }
    copy.complete();
    return ok_status();
  });
}

Status PgStore::for_each_current_value_row(
    const std::function<void(const CurrentValueRow&)>& fn) {
  return read("reading current values", false, [&](pqxx::dbtransaction& tx) -> Status {
    CopyOut copy(tx,
                 "SELECT metric_id, period_id, area_code, number, marker FROM observations"
                 " WHERE current");
    CurrentValueRow row;
    store::MarkerReader markers;
    while (copy.next()) {
      const auto& f = copy.fields;
      row.metric_id = f[0];
      row.period_id = f[1];
      row.area_code = f[2];
      auto number = parse_number_field(f[3], copy.null[3]);
      if (!number) return number.error();
      row.number = *number;
      auto marker = markers.read(f[4]);
      if (!marker) return marker.error();
      row.marker = *marker;
      fn(row);
    }
    copy.complete();
    return ok_status();
  });
}

Result<std::vector<std::string>> PgStore::periods_of_metric(const std::string& metric_id) {
  std::vector<std::string> out;
  Status s = read("listing periods of " + metric_id, true, [&](pqxx::dbtransaction& tx) -> Status {
    out.clear();
    for (const auto& r : tx.exec_params(
             "SELECT p.id FROM periods p WHERE p.id IN (SELECT DISTINCT period_id FROM"
             " observations WHERE metric_id = $1 AND current) ORDER BY p.sort_key, p.id",
             metric_id))
      out.push_back(text(r[0]));
    return ok_status();
  });
  if (!s) return s.error();
  return out;
}

}  // namespace lgb
