// SqliteStore: custom comparator groups and derived ratio definitions.
// (The class is declared in sqlite_store.h; reads and loads are in
// sqlite_store.cpp.)
#include <sqlite3.h>

#include <cmath>
#include <set>
#include <unordered_map>

#include "store/sql_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace lgb {

using sqlite::Db;
using sqlite::Stmt;
using sqlite::Transaction;

namespace {

Result<bool> row_exists(Db& db, const char* sql, std::string_view key) {
  auto st = db.prepare(sql);
  if (!st) return st.error();
  st->bind(1, key);
  int rc = st->step();
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db.error(rc, "checking '" + std::string(key) + "'");
}

}  // namespace

Result<std::vector<CustomGroup>> SqliteStore::list_groups() {
  auto lease = acquire_reader();
  if (!lease) return lease.error();
  Db& db = lease->db();
  auto txn = Transaction::begin(db, false);
  if (!txn) return txn.error();
  auto st = db.prepare("SELECT id, name, created_at FROM custom_groups ORDER BY id");
  if (!st) return st.error();
  std::vector<CustomGroup> groups;
  std::unordered_map<std::string, size_t> index;
  int rc;
  while ((rc = st->step()) == SQLITE_ROW) {
    CustomGroup g;
    g.id = st->text(0);
    g.name = st->text(1);
    g.created_at = st->text(2);
    index.emplace(g.id, groups.size());
    groups.push_back(std::move(g));
  }
  if (rc != SQLITE_DONE) return db.error(rc, "listing groups");
  auto members = db.prepare(
      "SELECT group_id, area_code FROM custom_group_members ORDER BY group_id, position");
  if (!members) return members.error();
  while ((rc = members->step()) == SQLITE_ROW) {
    auto it = index.find(members->text(0));
    if (it != index.end()) groups[it->second].area_codes.push_back(members->text(1));
  }
  if (rc != SQLITE_DONE) return db.error(rc, "listing group members");
  return groups;
}

Status SqliteStore::save_group(const CustomGroup& g) {
  if (g.id.empty()) return invalid("a group needs an id");
  if (g.name.empty()) return invalid("group '" + g.id + "' needs a name");
  std::set<std::string_view> seen;
  for (const auto& code : g.area_codes)
    if (!seen.insert(code).second)
      return invalid("group '" + g.id + "' lists area " + code + " more than once");

  std::lock_guard lock(write_mu_);
  Db& db = writer_;
  auto txn = Transaction::begin(db, true);
  if (!txn) return txn.error();
  auto dup = row_exists(db, "SELECT 1 FROM custom_groups WHERE id = ?1", g.id);
  if (!dup) return dup.error();
  if (*dup) return conflict("a group with id '" + g.id + "' already exists");
  std::string unknown;
  for (const auto& code : g.area_codes) {
    auto known = row_exists(db, "SELECT 1 FROM areas WHERE code = ?1", code);
    if (!known) return known.error();
    if (!*known) unknown += (unknown.empty() ? "" : ", ") + code;
  }
  if (!unknown.empty()) return invalid("group '" + g.id + "': unknown area codes " + unknown);

  std::string created_at = g.created_at.empty() ? store::utc_now_iso8601() : g.created_at;
  auto ins = db.prepare("INSERT INTO custom_groups (id, name, created_at) VALUES (?1, ?2, ?3)");
  if (!ins) return ins.error();
  ins->bind(1, g.id);
  ins->bind(2, g.name);
  ins->bind(3, created_at);
  if (auto s = db.run(*ins, "saving group " + g.id); !s) return s;
  auto mem = db.prepare(
      "INSERT INTO custom_group_members (group_id, position, area_code) VALUES (?1, ?2, ?3)", true);
  if (!mem) return mem.error();
  for (size_t i = 0; i < g.area_codes.size(); ++i) {
    mem->bind(1, g.id);
    mem->bind(2, static_cast<int64_t>(i));
    mem->bind(3, g.area_codes[i]);
    if (auto s = db.run(*mem, "saving group " + g.id); !s) return s;
  }
  ins = Stmt();
  mem = Stmt();
  return txn->commit();
}

Status SqliteStore::delete_group(const std::string& id) {
  std::lock_guard lock(write_mu_);
  Db& db = writer_;
  auto st = db.prepare("DELETE FROM custom_groups WHERE id = ?1");  // members cascade
  if (!st) return st.error();
  st->bind(1, id);
  if (auto s = db.run(*st, "deleting group " + id); !s) return s;
  if (db.changes() == 0) return not_found("no group with id '" + id + "'");
  return ok_status();
}

Result<std::vector<RatioDefinition>> SqliteStore::list_ratios() {
  auto lease = acquire_reader();
  if (!lease) return lease.error();
  Db& db = lease->db();
  auto st = db.prepare(
      "SELECT id, title, numerator_metric, denominator_metric, scale, polarity, unit, decimals,"
      " measure FROM ratios ORDER BY id");
  if (!st) return st.error();
  std::vector<RatioDefinition> out;
  int rc;
  while ((rc = st->step()) == SQLITE_ROW) {
    RatioDefinition r;
    r.id = st->text(0);
    r.title = st->text(1);
    r.numerator_metric = st->text(2);
    r.denominator_metric = st->text(3);
    r.scale = st->real(4);
    auto pol = parse_polarity(st->text(5));
    if (!pol) return internal("ratio " + r.id + " has an unknown polarity in the database");
    r.polarity = *pol;
    r.unit = st->text(6);
    r.decimals = static_cast<int>(st->int64(7));
    auto measure = parse_measure_kind(st->text(8));
    if (!measure) return internal("ratio " + r.id + " has an unknown measure in the database");
    r.measure = *measure;
    out.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return db.error(rc, "listing ratios");
  return out;
}

Status SqliteStore::save_ratio(const RatioDefinition& r) {
  if (r.id.empty()) return invalid("a ratio needs an id");
  if (r.numerator_metric.empty() || r.denominator_metric.empty())
    return invalid("ratio '" + r.id + "' needs a numerator and a denominator metric");
  if (!std::isfinite(r.scale) || r.scale == 0)
    return invalid("ratio '" + r.id + "' needs a finite, non-zero scale");

  std::lock_guard lock(write_mu_);
  Db& db = writer_;
  auto txn = Transaction::begin(db, true);
  if (!txn) return txn.error();
  for (const char* sql :
       {"SELECT 1 FROM ratios WHERE id = ?1", "SELECT 1 FROM metrics WHERE id = ?1"}) {
    auto taken = row_exists(db, sql, r.id);
    if (!taken) return taken.error();
    if (*taken) return conflict("id '" + r.id + "' is already used by a ratio or metric");
  }
  for (const std::string* m : {&r.numerator_metric, &r.denominator_metric}) {
    auto known = row_exists(db, "SELECT 1 FROM metrics WHERE id = ?1", *m);
    if (!known) return known.error();
    if (!*known) return invalid("ratio '" + r.id + "': unknown metric '" + *m + "'");
  }
  auto st = db.prepare(
      "INSERT INTO ratios (id, title, numerator_metric, denominator_metric, scale, polarity,"
      " unit, decimals, measure) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!st) return st.error();
  st->bind(1, r.id);
  st->bind(2, r.title);
  st->bind(3, r.numerator_metric);
  st->bind(4, r.denominator_metric);
  st->bind(5, r.scale);
  st->bind(6, to_string(r.polarity));
  st->bind(7, r.unit);
  st->bind(8, static_cast<int64_t>(r.decimals));
  st->bind(9, to_string(r.measure));
  if (auto s = db.run(*st, "saving ratio " + r.id); !s) return s;
  st = Stmt();
  return txn->commit();
}

}  // namespace lgb
