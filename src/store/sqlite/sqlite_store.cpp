#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <cstdio>
#include <unordered_map>

#include "store/sql_account_store.h"
#include "store/sql_rows.h"
#include "store/sqlite/release_loader.h"
#include "store/sqlite/schema.h"

namespace lgb {

using sqlite::Db;
using sqlite::Stmt;
using sqlite::Transaction;
using store::corrupt;

namespace {

// The lean stream of current values. NOT INDEXED: a sequential scan of the
// table beats walking observations_current and looking each row up by rowid
// (38M random lookups on the national cube); order does not matter here.
constexpr const char* kCurrentRowsSql =
    "SELECT metric_id, period_id, area_code, number, marker"
    " FROM observations NOT INDEXED WHERE current = 1";

Result<Release> read_release(const Stmt& st) {
  Release r;
  r.id = st.int64(0);
  r.publisher = st.text(1);
  r.source_url = st.text(2);
  r.file_name = st.text(3);
  r.format = st.text(4);
  r.sha256 = st.text(5);
  r.published_on = st.text(6);
  r.loaded_at = st.text(7);
  r.loaded_by = st.text(8);
  r.licence = st.text(9);
  r.row_count = st.int64(10);
  return r;
}

constexpr const char* kReleaseColumns =
    "SELECT id, publisher, source_url, file_name, format, sha256, published_on, loaded_at,"
    " loaded_by, licence, row_count FROM releases ";

// Columns 0-8 of the value queries below, into v (reused across rows so its
// strings keep their capacity).
Status read_value(const Stmt& st, StoredValue& v) {
  v.area_code = st.text(0);
  v.metric_id = st.text(1);
  v.period_id = st.text(2);
  v.value.text = st.text(3);
  v.value.number = st.real_or_null(4);
  auto marker = store::marker_from_column(st.text_view(5));
  if (!marker) return marker.error();
  v.value.marker = *marker;
  v.value.marker_text = st.text(6);
  v.value.note = st.text(7);
  v.release_id = st.int64(8);
  return ok_status();
}

}  // namespace

// ---- Opening and the connection pool ---------------------------------------

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
  auto s = SqliteStore::open(path);
  if (!s) return s.error();
  return std::unique_ptr<Store>(std::move(*s));
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path,
                                                       const SqliteStoreOptions& options) {
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0)
    return invalid("the SQLite store needs a file path, got '" + path + "'");
  auto db = Db::open(path, /*create=*/true);
  if (!db) return db.error();
  // WAL: readers never block the writer or each other. The mode is stored in
  // the file, so reader connections inherit it.
  auto mode = db->prepare("PRAGMA journal_mode = WAL");
  if (!mode) return io_error("cannot use '" + path + "' as a database: " + mode.error().message);
  int rc = mode->step();
  if (rc != SQLITE_ROW)
    return io_error("cannot use '" + path + "' as a database: " + db->error(rc, "").message);
  if (mode->text(0) != "wal")
    return io_error("cannot switch '" + path + "' to WAL mode (got " + mode->text(0) + ")");
  mode = Stmt();
  // FULL: a load that reported success survives a power cut; one fsync per
  // commit is nothing next to a release's worth of rows.
  if (auto st = db->exec("PRAGMA synchronous = FULL"); !st) return st.error();
  std::string cache = "PRAGMA cache_size = -" + std::to_string(options.writer_cache_kib);
  if (auto st = db->exec(cache.c_str()); !st) return st.error();
  if (auto st = sqlite::migrate(*db); !st)
    return Error{st.error().code, "'" + path + "': " + st.error().message};
  return std::unique_ptr<SqliteStore>(new SqliteStore(path, std::move(*db)));
}

SqliteStore::SqliteStore(std::string path, Db writer)
    : path_(std::move(path)),
      writer_(std::move(writer)),
      accounts_(std::make_unique<store::SqlAccountStore<SqliteStore, Stmt>>(*this)) {}

SqliteStore::~SqliteStore() = default;

SqliteStore::ReadLease::~ReadLease() {
  if (!store_) return;
  // A scan abandoned by an exception in a callback may leave its read
  // transaction open; never hand such a connection to the next reader.
  if (db_.in_transaction()) (void)db_.exec("ROLLBACK");
  store_->release_reader(std::move(db_));
}

Result<SqliteStore::ReadLease> SqliteStore::acquire_reader() {
  {
    std::lock_guard lock(pool_mu_);
    if (!idle_readers_.empty()) {
      Db db = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return ReadLease(this, std::move(db));
    }
  }
  auto db = Db::open(path_, /*create=*/false);
  if (!db) return db.error();
  // Belt and braces: a reader connection can never write by mistake.
  if (auto st = db->exec("PRAGMA query_only = ON"); !st) return st.error();
  return ReadLease(this, std::move(*db));
}

void SqliteStore::release_reader(Db db) {
  std::lock_guard lock(pool_mu_);
  if (idle_readers_.size() < kMaxIdleReaders) idle_readers_.push_back(std::move(db));
}

// ---- Writes ------------------------------------------------------------------

Result<std::unique_ptr<ReleaseWriter>> SqliteStore::begin_release(const Release& release) {
  return sqlite::begin_release(writer_, std::unique_lock(write_mu_), release);
}

// ---- Reads -------------------------------------------------------------------

Result<std::vector<Area>> SqliteStore::list_areas() {
  auto lease = acquire_reader();
  if (!lease) return lease.error();
  Db& db = lease->db();
  auto txn = Transaction::begin(db, false);  // one snapshot for both tables
  if (!txn) return txn.error();
  auto st = db.prepare(
      "SELECT code, name, type, region_code, parent_code, start_date, end_date FROM areas"
      " ORDER BY code");
  if (!st) return st.error();
  std::vector<Area> areas;
  std::unordered_map<std::string, size_t> index;
  Status s = each_row(db, *st, "listing areas", [&](const Stmt& r) -> Status {
    Area a;
    a.code = r.text(0);
    a.name = r.text(1);
    auto type = parse_area_type(r.text(2));
    if (!type) return corrupt("area " + a.code + " with unknown type '" + r.text(2) + "'");
    a.type = *type;
    a.region_code = r.text(3);
    a.parent_code = r.text(4);
    a.start_date = r.text(5);
    a.end_date = r.text(6);
    index.emplace(a.code, areas.size());
    areas.push_back(std::move(a));
    return ok_status();
  });
  if (!s) return s.error();
  auto succ = db.prepare(
      "SELECT area_code, successor_code FROM area_successors ORDER BY area_code, position");
  if (!succ) return succ.error();
  s = each_row(db, *succ, "listing area successors", [&](const Stmt& r) -> Status {
    auto it = index.find(r.text(0));
    if (it == index.end()) return corrupt("a successor of a missing area " + r.text(0));
    areas[it->second].successor_codes.push_back(r.text(1));
    return ok_status();
  });
  if (!s) return s.error();
  return areas;
}

Result<std::vector<Metric>> SqliteStore::list_metrics() {
  auto lease = acquire_reader();
  if (!lease) return lease.error();
  Db& db = lease->db();
  auto txn = Transaction::begin(db, false);
  if (!txn) return txn.error();
  auto st = db.prepare(
      "SELECT id, title, description, unit, polarity, decimals, publisher, source_url, licence,"
      " visibility, measure FROM metrics ORDER BY id");
  if (!st) return st.error();
  std::vector<Metric> metrics;
  std::unordered_map<std::string, size_t> index;
  Status s = each_row(db, *st, "listing metrics", [&](const Stmt& r) -> Status {
    Metric m;
    m.id = r.text(0);
    m.title = r.text(1);
    m.description = r.text(2);
    m.unit = r.text(3);
    auto pol = parse_polarity(r.text(4));
    auto vis = parse_visibility(r.text(9));
    auto measure = parse_measure_kind(r.text(10));
    if (!pol || !vis || !measure)
      return corrupt("metric " + m.id + " with a bad polarity, visibility or measure");
    m.measure = *measure;
    m.polarity = *pol;
    m.decimals = static_cast<int>(r.int64(5));
    m.publisher = r.text(6);
    m.source_url = r.text(7);
    m.licence = r.text(8);
    m.visibility = *vis;
    index.emplace(m.id, metrics.size());
    metrics.push_back(std::move(m));
    return ok_status();
  });
  if (!s) return s.error();
  auto tags = db.prepare(
      "SELECT metric_id, facet, tag FROM metric_tags ORDER BY metric_id, facet, position");
  if (!tags) return tags.error();
  s = each_row(db, *tags, "listing metric tags", [&](const Stmt& r) -> Status {
    auto it = index.find(r.text(0));
    if (it == index.end()) return corrupt("a tag of a missing metric " + r.text(0));
    Metric& m = metrics[it->second];
    std::string facet = r.text(1);
    auto* list = store::tag_list(m, facet);
    if (!list) return corrupt("an unknown tag facet '" + facet + "'");
    list->push_back(r.text(2));
    return ok_status();
  });
  if (!s) return s.error();
  auto orgs = db.prepare(
      "SELECT metric_id, organisation_id FROM metric_organisations"
      " ORDER BY metric_id, organisation_id");
  if (!orgs) return orgs.error();
  s = each_row(db, *orgs, "listing metric organisations", [&](const Stmt& r) -> Status {
    auto it = index.find(r.text(0));
    if (it == index.end()) return corrupt("an organisation of a missing metric " + r.text(0));
    metrics[it->second].organisations.push_back(r.text(1));
    return ok_status();
  });
  if (!s) return s.error();
  return metrics;
}

Result<std::vector<Period>> SqliteStore::list_periods() {
  auto lease = acquire_reader();
  if (!lease) return lease.error();
  Db& db = lease->db();
  auto st = db.prepare("SELECT id, kind, start_date, months FROM periods ORDER BY sort_key, id");
  if (!st) return st.error();
  std::vector<Period> periods;
  Status s = each_row(db, *st, "listing periods", [&](const Stmt& r) -> Status {
    auto p = store::period_from_columns(r.text(0), r.text_view(1), r.text_view(2),
                                        static_cast<int>(r.int64(3)));
    if (!p) return p.error();
    periods.push_back(*p);
    return ok_status();
  });
  if (!s) return s.error();
  return periods;
}

Result<std::vector<Release>> SqliteStore::list_releases() {
  auto lease = acquire_reader();
  if (!lease) return lease.error();
  Db& db = lease->db();
  auto st = db.prepare(std::string(kReleaseColumns) + "ORDER BY id");
  if (!st) return st.error();
  std::vector<Release> out;
  Status s = each_row(db, *st, "listing releases", [&](const Stmt& r) -> Status {
    out.push_back(*read_release(r));
    return ok_status();
  });
  if (!s) return s.error();
  return out;
}

Result<std::vector<ReleaseMetricRows>> SqliteStore::list_release_metrics() {
  auto lease = acquire_reader();
  if (!lease) return lease.error();
  Db& db = lease->db();
  auto st = db.prepare(
      "SELECT release_id, metric_id, row_count, superseded, revised FROM release_metrics"
      " ORDER BY release_id, metric_id");
  if (!st) return st.error();
  std::vector<ReleaseMetricRows> out;
  Status s = each_row(db, *st, "listing release metrics", [&](const Stmt& r) -> Status {
    out.push_back({r.int64(0), r.text(1), r.int64(2), r.int64(3), r.int64(4)});
    return ok_status();
  });
  if (!s) return s.error();
  return out;
}

Result<Release> SqliteStore::get_release(int64_t id) {
  auto lease = acquire_reader();
  if (!lease) return lease.error();
  Db& db = lease->db();
  auto st = db.prepare(std::string(kReleaseColumns) + "WHERE id = ?1");
  if (!st) return st.error();
  st->bind(1, id);
  int rc = st->step();
  if (rc == SQLITE_ROW) return read_release(*st);
  if (rc == SQLITE_DONE) return not_found("no release with id " + std::to_string(id));
  return db.error(rc, "reading release " + std::to_string(id));
}

Result<std::optional<Release>> SqliteStore::find_release(const std::string& sha256,
                                                         const std::string& format) {
  auto lease = acquire_reader();
  if (!lease) return lease.error();
  Db& db = lease->db();
  auto st = db.prepare(std::string(kReleaseColumns) + "WHERE sha256 = ?1 AND format = ?2");
  if (!st) return st.error();
  st->bind(1, sha256);
  st->bind(2, format);
  int rc = st->step();
  if (rc == SQLITE_ROW) return std::optional<Release>(*read_release(*st));
  if (rc == SQLITE_DONE) return std::optional<Release>();
  return db.error(rc, "looking up release " + sha256);
}

Result<std::vector<StoredValue>> SqliteStore::query_values(const ValueQuery& q) {
  if (q.metric_id.empty()) return invalid("a value query needs a metric id");
  auto lease = acquire_reader();
  if (!lease) return lease.error();
  Db& db = lease->db();
  // `current = 1` is written as a literal so the planner can use the partial
  // index observations_current; history queries use the unique key instead.
  std::string sql =
      "SELECT o.area_code, o.metric_id, o.period_id, o.text, o.number, o.marker,"
      " o.marker_text, o.note, o.release_id, o.current"
      " FROM observations o JOIN periods p ON p.id = o.period_id WHERE o.metric_id = ?1";
  if (!q.period_id.empty()) sql += " AND o.period_id = ?2";
  if (!q.include_history) sql += " AND o.current = 1";
  if (!q.area_codes.empty()) sql += " AND o.area_code IN (SELECT value FROM json_each(?3))";
  sql += " ORDER BY p.sort_key, o.area_code, o.release_id";
  auto st = db.prepare(sql);
  if (!st) return st.error();
  std::string areas_json = store::json_string_array(q.area_codes);
  st->bind(1, q.metric_id);
  if (!q.period_id.empty()) st->bind(2, q.period_id);
  if (!q.area_codes.empty()) st->bind(3, areas_json);
  std::vector<StoredValue> out;
  StoredValue v;
  Status s = each_row(db, *st, "querying values of " + q.metric_id, [&](const Stmt& r) {
    if (Status rs = read_value(r, v); !rs) return rs;
    v.current = r.int64(9) != 0;
    out.push_back(v);
    return ok_status();
  });
  if (!s) return s.error();
  return out;
}

Status SqliteStore::for_each_current_value(const std::function<void(const StoredValue&)>& fn) {
  auto lease = acquire_reader();
  if (!lease) return lease.error();
  Db& db = lease->db();
  auto st = db.prepare(
      "SELECT area_code, metric_id, period_id, text, number, marker, marker_text, note,"
      " release_id FROM observations WHERE current = 1"
      " ORDER BY metric_id, period_id, area_code");
  if (!st) return st.error();
  StoredValue v;
  v.current = true;
  return each_row(db, *st, "reading current values", [&](const Stmt& r) {
    if (Status rs = read_value(r, v); !rs) return rs;
    fn(v);
    return ok_status();
  });
}

Status SqliteStore::for_each_current_value_row(
    const std::function<void(const CurrentValueRow&)>& fn) {
  auto lease = acquire_reader();
  if (!lease) return lease.error();
  Db& db = lease->db();
  auto st = db.prepare(kCurrentRowsSql);
  if (!st) return st.error();
  CurrentValueRow row;
  store::MarkerReader markers;
  return each_row(db, *st, "reading current values", [&](const Stmt& r) -> Status {
    row.metric_id = r.text_view(0);
    row.period_id = r.text_view(1);
    row.area_code = r.text_view(2);
    row.number = r.real_or_null(3);
    auto marker = markers.read(r.text_view(4));
    if (!marker) return marker.error();
    row.marker = *marker;
    fn(row);
    return ok_status();
  });
}

Result<std::vector<std::string>> SqliteStore::periods_of_metric(const std::string& metric_id) {
  auto lease = acquire_reader();
  if (!lease) return lease.error();
  Db& db = lease->db();
  auto st = db.prepare(
      "SELECT p.id FROM periods p WHERE p.id IN (SELECT DISTINCT period_id FROM observations"
      " WHERE metric_id = ?1 AND current = 1) ORDER BY p.sort_key, p.id");
  if (!st) return st.error();
  st->bind(1, metric_id);
  std::vector<std::string> out;
  Status s = each_row(db, *st, "listing periods of " + metric_id, [&](const Stmt& r) {
    out.push_back(r.text(0));
    return ok_status();
  });
  if (!s) return s.error();
  return out;
}

}  // namespace lgb
