#include "store/postgres/pg_copy.h"

#include <openssl/evp.h>

#include <array>
#include <charconv>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include <pqxx/pqxx>
#include <sqlite3.h>

#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_schema.h"
#include "store/sqlite/sqlite_db.h"

namespace lgb::pg {
namespace {

enum class Kind { kText, kInt, kReal, kBool };

struct Column {
  const char* name;
  Kind kind = Kind::kText;
};

struct Table {
  const char* name;
  std::vector<Column> columns;
  const char* key;  // ORDER BY: the primary key (text keys are byte-ordered on both sides)
  bool account = false;  // store/accounts.h: left behind by without_accounts
};

constexpr Kind T = Kind::kText, I = Kind::kInt, R = Kind::kReal, B = Kind::kBool;

// Every table of both schemas (pg_schema.cpp, sqlite/schema.cpp), parents
// before children. SQLite's observations.id is its own row id, not data.
// users.id and audit_log.id are copied as they are (keys and the log refer
// to them); their sequences are moved past them after the copy.
const std::vector<Table>& tables() {
  static const std::vector<Table> kTables = {
      {"releases",
       {{"id", I}, {"publisher"}, {"source_url"}, {"file_name"}, {"format"}, {"sha256"},
        {"published_on"}, {"loaded_at"}, {"loaded_by"}, {"licence"}, {"row_count", I}},
       "id"},
      {"areas",
       {{"code"}, {"name"}, {"type"}, {"region_code"}, {"parent_code"}, {"start_date"},
        {"end_date"}, {"release_id", I}},
       "code"},
      {"area_successors", {{"area_code"}, {"position", I}, {"successor_code"}}, "area_code, position"},
      {"metrics",
       {{"id"}, {"title"}, {"description"}, {"unit"}, {"polarity"}, {"decimals", I}, {"publisher"},
        {"source_url"}, {"licence"}, {"visibility"}, {"release_id", I}, {"measure"}},
       "id"},
      {"metric_tags", {{"metric_id"}, {"facet"}, {"position", I}, {"tag"}}, "metric_id, facet, position"},
      {"metric_organisations", {{"metric_id"}, {"organisation_id"}}, "metric_id, organisation_id"},
      {"periods",
       {{"id"}, {"kind"}, {"start_date"}, {"months", I}, {"sort_key", I}, {"label"}},
       "id"},
      {"observations",
       {{"metric_id"}, {"period_id"}, {"area_code"}, {"release_id", I}, {"number", R},
        {"current", B}, {"text"}, {"marker"}, {"marker_text"}, {"note"}},
       "metric_id, period_id, area_code, release_id"},
      {"release_metrics",
       {{"release_id", I}, {"metric_id"}, {"row_count", I}, {"superseded", I}, {"revised", I}},
       "release_id, metric_id"},
      {"custom_groups", {{"id"}, {"name"}, {"created_at"}}, "id"},
      {"custom_group_members", {{"group_id"}, {"position", I}, {"area_code"}}, "group_id, position"},
      {"ratios",
       {{"id"}, {"title"}, {"numerator_metric"}, {"denominator_metric"}, {"scale", R},
        {"polarity"}, {"unit"}, {"decimals", I}, {"measure"}},
       "id"},
      {"organisations", {{"id"}, {"name"}, {"created_at"}}, "id", true},
      {"users",
       {{"id", I}, {"email"}, {"name"}, {"organisation_id"}, {"role"}, {"password_hash"},
        {"disabled", B}, {"failed_sign_ins", I}, {"locked_until"}, {"created_at"}},
       "id", true},
      {"api_keys",
       {{"id"}, {"user_id", I}, {"label"}, {"salt"}, {"secret_sha256"}, {"created_at"},
        {"revoked_at"}, {"last_used_on"}},
       "id", true},
      {"sessions",
       {{"token_sha256"}, {"user_id", I}, {"csrf_token"}, {"created_at"}, {"expires_at"}},
       "token_sha256", true},
      {"reset_tokens", {{"token_sha256"}, {"user_id", I}, {"expires_at"}, {"used_at"}},
       "token_sha256", true},
      {"audit_log",
       {{"id", I}, {"at"}, {"actor"}, {"action"}, {"subject"}, {"organisation_id"}, {"detail"}},
       "id", true},
      // Carbon (store/carbon.h): factor years are data; councils' inventories
      // and targets belong to their organisations, so they go where the
      // accounts go.
      {"ghg_factor_sets",
       {{"year", I}, {"publisher"}, {"source_url"}, {"file_name"}, {"sha256"}, {"licence"},
        {"note"}, {"loaded_at"}, {"loaded_by"}, {"row_count", I}},
       "year"},
      {"ghg_factors",
       {{"year", I}, {"scope"}, {"level1"}, {"level2"}, {"level3"}, {"level4"}, {"column_text"},
        {"unit"}, {"gas"}, {"text"}, {"value", R}, {"source_id"}},
       "year, level1, level2, level3, level4, column_text, unit, gas"},
      {"carbon_years",
       {{"organisation_id"}, {"period_id"}, {"factor_year", I}, {"boundary"}, {"included"},
        {"excluded"}, {"data_sources"}, {"estimation"}, {"net_revenue_expenditure", R},
        {"updated_at"}, {"updated_by"}, {"published_at"}, {"published_by"},
        {"published_release_id", I}},
       "organisation_id, period_id", true},
      {"carbon_activity",
       {{"organisation_id"}, {"period_id"}, {"position", I}, {"category"}, {"description"},
        {"level1"}, {"level2"}, {"level3"}, {"level4"}, {"column_text"}, {"unit"},
        {"quantity_text"}, {"quantity", R}, {"market_factor", R}, {"source_note"},
        {"evidence_url"}},
       "organisation_id, period_id, position", true},
      {"carbon_waste",
       {{"organisation_id"}, {"period_id"}, {"position", I}, {"stream"}, {"route"},
        {"tonnes_text"}, {"tonnes", R}},
       "organisation_id, period_id, position", true},
      {"carbon_targets",
       {{"organisation_id"}, {"baseline_period"}, {"annual_reduction_percent", R},
        {"net_zero_year", I}, {"updated_at"}, {"updated_by"}},
       "organisation_id", true},
  };
  return kTables;
}

std::string column_list(const Table& t) {
  std::string out;
  for (const Column& c : t.columns) {
    if (!out.empty()) out += ", ";
    out += c.name;
  }
  return out;
}

// The key as an ORDER BY in byte order, as SQLite's BINARY collation sorts
// (the PostgreSQL keys are COLLATE "C" already; said again in case a
// database was made otherwise).
std::string byte_order(const Table& t) {
  std::string out;
  std::string_view key = t.key;
  while (!key.empty()) {
    size_t comma = key.find(", ");
    std::string_view name = key.substr(0, comma);
    key = comma == std::string_view::npos ? std::string_view() : key.substr(comma + 2);
    if (!out.empty()) out += ", ";
    out += name;
    for (const Column& c : t.columns)
      if (name == c.name && c.kind == Kind::kText) out += " COLLATE \"C\"";
  }
  return out;
}

std::string shortest(double v) {
  std::array<char, 32> buf;
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  return std::string(buf.data(), end);
}

// One table's rows, each field in its canonical text form; NULL is nullopt.
using Row = std::vector<std::optional<std::string>>;

// pqxx::stream_to (libpqxx 6) writes tuples only: a row of N fields goes
// through a tuple of N references, N up to the widest table.
template <size_t... I>
void write_fields(pqxx::stream_to& s, const Row& r, std::index_sequence<I...>) {
  s << std::forward_as_tuple(r[I]...);
}
template <size_t N>
void write_n(pqxx::stream_to& s, const Row& r) {
  write_fields(s, r, std::make_index_sequence<N>{});
}
using RowWriter = void (*)(pqxx::stream_to&, const Row&);
template <size_t... N>
constexpr std::array<RowWriter, sizeof...(N)> row_writers(std::index_sequence<N...>) {
  return {&write_n<N + 1>...};  // [k] writes k + 1 fields
}
constexpr auto kRowWriters = row_writers(std::make_index_sequence<16>{});

void write_row(pqxx::stream_to& s, const Row& r) { kRowWriters.at(r.size() - 1)(s, r); }

// Reads every row of a table from SQLite (in key order when ordered).
Status read_sqlite(sqlite::Db& db, const Table& t, bool ordered,
                   const std::function<void(const Row&)>& fn) {
  std::string sql = "SELECT " + column_list(t) + " FROM " + t.name;
  if (ordered) sql += std::string(" ORDER BY ") + t.key;
  auto st = db.prepare(sql);
  if (!st) return st.error();
  Row row(t.columns.size());
  int rc;
  while ((rc = st->step()) == SQLITE_ROW) {
    for (size_t i = 0; i < t.columns.size(); ++i) {
      int col = static_cast<int>(i);
      if (st->is_null(col)) {
        row[i].reset();
        continue;
      }
      switch (t.columns[i].kind) {
        case Kind::kText: row[i] = std::string(st->text_view(col)); break;
        case Kind::kInt: row[i] = std::to_string(st->int64(col)); break;
        case Kind::kReal: row[i] = shortest(st->real(col)); break;
        case Kind::kBool: row[i] = st->int64(col) ? "1" : "0"; break;
      }
    }
    fn(row);
  }
  if (rc != SQLITE_DONE) return db.error(rc, std::string("reading ") + t.name);
  return ok_status();
}

// The same from PostgreSQL, with COPY, in the same order and form.
void read_postgres(pqxx::dbtransaction& tx, const Table& t,
                   const std::function<void(const Row&)>& fn) {
  pqxx::stream_from copy(tx, "(SELECT " + column_list(t) + " FROM " + t.name + " ORDER BY " +
                                 byte_order(t) + ")");
  std::string line;
  std::vector<std::string_view> fields;
  std::vector<bool> null;
  Row row(t.columns.size());
  while (copy.get_raw_line(line)) {
    split_copy_line(line, fields, null);
    if (fields.size() != t.columns.size())
      throw pqxx::failure(std::string("unexpected COPY line from ") + t.name);
    for (size_t i = 0; i < fields.size(); ++i) {
      if (null[i]) {
        row[i].reset();
        continue;
      }
      std::string_view f = fields[i];
      switch (t.columns[i].kind) {
        case Kind::kText:
        case Kind::kInt: row[i] = std::string(f); break;
        case Kind::kReal: {
          double v = 0;
          auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
          // A value that does not read back is kept as it came, so it differs.
          row[i] = ec == std::errc() && end == f.data() + f.size() ? shortest(v) : std::string(f);
          break;
        }
        case Kind::kBool: row[i] = f == "t" ? "1" : f == "f" ? "0" : std::string(f); break;
      }
    }
    fn(row);
  }
  copy.complete();
}

// SHA-256 over rows: each field as a tag (N for NULL, V for a value), then
// for a value its length (8 bytes) and bytes, so no two tables of rows
// share a stream.
class RowHasher {
 public:
  RowHasher() : ctx_(EVP_MD_CTX_new(), EVP_MD_CTX_free) { EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr); }
  void add(const Row& row) {
    for (const auto& f : row) {
      if (!f) {
        EVP_DigestUpdate(ctx_.get(), "N", 1);
        continue;
      }
      uint64_t n = f->size();
      unsigned char len[8];
      for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(n >> (8 * i));
      EVP_DigestUpdate(ctx_.get(), "V", 1);
      EVP_DigestUpdate(ctx_.get(), len, sizeof len);
      EVP_DigestUpdate(ctx_.get(), f->data(), f->size());
    }
    ++rows;
  }
  std::string hex() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_DigestFinal_ex(ctx_.get(), md, &n);
    static const char* kHex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < n; ++i) {
      out += kHex[md[i] >> 4];
      out += kHex[md[i] & 15];
    }
    return out;
  }
  int64_t rows = 0;

 private:
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx_;
};

Result<sqlite::Db> open_source(const std::string& path) {
  auto db = sqlite::Db::open(path, /*create=*/false);
  if (!db) return Error{db.error().code, "cannot open '" + path + "': " + db.error().message};
  return db;
}

// Tables of the SQLite file this build does not know, with their row counts.
Result<std::vector<std::pair<std::string, int64_t>>> unknown_tables(sqlite::Db& db) {
  std::set<std::string> known;
  for (const Table& t : tables()) known.insert(t.name);
  auto st = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  if (!st) return st.error();
  std::vector<std::string> names;
  int rc;
  while ((rc = st->step()) == SQLITE_ROW) {
    std::string name = st->text(0);
    if (!known.count(name)) names.push_back(std::move(name));
  }
  if (rc != SQLITE_DONE) return db.error(rc, "listing tables");
  std::vector<std::pair<std::string, int64_t>> out;
  for (const std::string& name : names) {
    auto count = db.prepare("SELECT count(*) FROM \"" + name + "\"");
    if (!count) return count.error();
    if ((rc = count->step()) != SQLITE_ROW) return db.error(rc, "counting " + name);
    out.emplace_back(name, count->int64(0));
  }
  return out;
}

Result<int64_t> count_rows(sqlite::Db& db, const Table& t) {
  auto st = db.prepare(std::string("SELECT count(*) FROM ") + t.name);
  if (!st) return st.error();
  if (int rc = st->step(); rc != SQLITE_ROW) return db.error(rc, std::string("counting ") + t.name);
  return st->int64(0);
}

}  // namespace

Result<CopyResult> copy_sqlite_to_postgres(const std::string& sqlite_path, const std::string& url,
                                           const CopyOptions& options) {
  auto db = open_source(sqlite_path);
  if (!db) return db.error();
  // One read transaction: a load into the SQLite file meanwhile is not seen.
  auto snapshot = sqlite::Transaction::begin(*db, /*immediate=*/false);
  if (!snapshot) return snapshot.error();
  CopyResult result;
  auto unknown = unknown_tables(*db);
  if (!unknown) return unknown.error();
  for (const auto& [name, rows] : *unknown) {
    if (rows > 0)
      return invalid("'" + sqlite_path + "' holds " + std::to_string(rows) + " rows in table '" +
                     name + "', which this build of lgbench cannot copy to PostgreSQL; nothing copied");
    result.empty_tables_left.push_back(name);
  }

  auto conn = connect(url);
  if (!conn) return conn.error();
  std::string current;  // the table being copied, for messages
  try {
    pqxx::work tx(**conn);
    tx.exec(kWriteLock);
    std::string all;
    for (const Table& t : tables()) all += std::string(all.empty() ? "" : ", ") + t.name;
    if (options.replace) {
      tx.exec("TRUNCATE " + all + " RESTART IDENTITY");
    } else {
      for (const Table& t : tables()) {
        if (tx.exec(std::string("SELECT EXISTS (SELECT 1 FROM ") + t.name + ")")[0][0].as<bool>())
          return conflict("the PostgreSQL store at " + redact_url(url) + " is not empty (table " +
                          t.name + " has rows); nothing copied (--replace empties it first)");
      }
    }
    for (const Table& t : tables()) {
      if (t.account && options.without_accounts) {
        auto rows = count_rows(*db, t);
        if (!rows) return rows.error();
        if (*rows > 0) result.accounts_left.emplace_back(t.name, *rows);
        continue;
      }
      current = t.name;
      std::vector<std::string> names;
      for (const Column& c : t.columns) names.emplace_back(c.name);
      pqxx::stream_to copy(tx, t.name, names);
      int64_t rows = 0;
      Status s = read_sqlite(*db, t, /*ordered=*/false, [&](const Row& row) {
        write_row(copy, row);
        ++rows;
      });
      if (!s) return s.error();
      copy.complete();
      result.rows += rows;
      if (options.progress) options.progress(t.name, rows);
    }
    current.clear();
    // Loads after the copy number their releases after the copied ones.
    for (const char* table : {"releases", "users", "audit_log"})
      tx.exec(std::string("SELECT setval(pg_get_serial_sequence('") + table +
              "', 'id'), coalesce(max(id), 0) + 1, false) FROM " + table);
    tx.exec_params("SELECT pg_notify($1, $2)", std::string(kChangeChannel), "migrate");
    tx.commit();
  } catch (const std::exception& e) {
    return error_from(e, current.empty() ? "copying to " + redact_url(url)
                                         : "copying table " + current + " to " + redact_url(url));
  }
  return result;
}

Result<std::vector<TableCheck>> check_copy(const std::string& sqlite_path, const std::string& url,
                                           bool with_accounts) {
  auto db = open_source(sqlite_path);
  if (!db) return db.error();
  auto snapshot = sqlite::Transaction::begin(*db, /*immediate=*/false);
  if (!snapshot) return snapshot.error();
  auto conn = connect(url);
  if (!conn) return conn.error();
  std::vector<TableCheck> out;
  try {
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(**conn);
    for (const Table& t : tables()) {
      if (t.account && !with_accounts) continue;
      TableCheck check;
      check.table = t.name;
      RowHasher source, target;
      Status s = read_sqlite(*db, t, /*ordered=*/true, [&](const Row& row) { source.add(row); });
      if (!s) return s.error();
      read_postgres(tx, t, [&](const Row& row) { target.add(row); });
      check.source_rows = source.rows;
      check.target_rows = target.rows;
      check.source_sha256 = source.hex();
      check.target_sha256 = target.hex();
      out.push_back(std::move(check));
    }
    tx.commit();
  } catch (const std::exception& e) {
    return error_from(e, "reading the copy at " + redact_url(url));
  }
  return out;
}

}  // namespace lgb::pg
