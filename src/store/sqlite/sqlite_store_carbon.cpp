// SqliteStore as a CarbonStore: GHG conversion factors and councils' carbon
// inventories (store/carbon.h). Writes share the writer connection in one
// transaction each; reads borrow a pooled reader, like the data methods.
#include <sqlite3.h>

#include <algorithm>

#include "store/carbon_rows.h"
#include "store/sql_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace lgb {

using sqlite::Db;
using sqlite::Stmt;
using sqlite::Transaction;

namespace {

using store::CarbonLineReader;

// The lines of the given years (one council, or every published year), in
// position order.
Status read_lines(Db& db, std::vector<CarbonYear>& years) {
  CarbonLineReader lines(years);
  if (lines.empty()) return ok_status();
  auto act = db.prepare(store::kActivityColumns);
  if (!act) return act.error();
  if (auto s = sqlite::each_row(db, *act, "reading carbon activity",
                                [&](const Stmt& r) { lines.activity(r); });
      !s)
    return s;
  auto waste = db.prepare(store::kWasteColumns);
  if (!waste) return waste.error();
  return sqlite::each_row(db, *waste, "reading carbon waste", [&](const Stmt& r) { lines.waste(r); });
}

}  // namespace

// ---- Factors -----------------------------------------------------------------

Status SqliteStore::add_factor_set(const FactorSet& set, const std::vector<GhgFactor>& factors) {
  if (set.year < 1990 || set.year > 2100)
    return invalid("factor year " + std::to_string(set.year) + " is not a year");
  std::lock_guard lock(write_mu_);
  Db& db = writer_;
  auto txn = Transaction::begin(db, true);
  if (!txn) return txn.error();
  auto existing = db.prepare("SELECT file_name, sha256 FROM ghg_factor_sets WHERE year = ?1");
  if (!existing) return existing.error();
  existing->bind(1, int64_t{set.year});
  if (existing->step() == SQLITE_ROW)
    return store::factor_year_loaded(set.year, existing->text(0), existing->text(1));
  existing = Stmt();
  auto head = db.prepare(
      "INSERT INTO ghg_factor_sets (year, publisher, source_url, file_name, sha256, licence, note,"
      " loaded_at, loaded_by, row_count) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!head) return head.error();
  const std::string now = store::utc_now_iso8601();
  head->bind_all(set.year, set.publisher, set.source_url, set.file_name, set.sha256, set.licence,
                 set.note, now, set.loaded_by, static_cast<int64_t>(factors.size()));
  if (auto s = db.run(*head, "recording factor year"); !s) return s;
  head = Stmt();
  auto ins = db.prepare(
      "INSERT INTO ghg_factors (year, scope, level1, level2, level3, level4, column_text, unit,"
      " gas, text, value, source_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
      true);
  if (!ins) return ins.error();
  for (const auto& f : factors) {
    if (f.year != set.year) return store::factor_of_other_year(f, set.year);
    ins->bind_all(f.year, f.scope, f.key.level1, f.key.level2, f.key.level3, f.key.level4,
                  f.key.column_text, f.key.unit, to_string(f.gas), f.text, f.value, f.source_id);
    auto s = db.run(*ins, "loading factor " + f.key.label());
    if (!s && s.error().code == ErrorCode::kInvalidArgument) return store::duplicate_factor(f);
    if (!s) return s;
  }
  ins = Stmt();
  return txn->commit();
}

Result<std::vector<FactorSet>> SqliteStore::list_factor_sets() {
  return read_rows<FactorSet>(std::string(store::kFactorSetColumns) + "ORDER BY year",
                              "listing factor years", store::factor_set_from_row<Stmt>);
}

Result<std::vector<GhgFactor>> SqliteStore::list_factors(int year) {
  auto rows = read_rows<Result<GhgFactor>>(
      std::string(store::kFactorColumns) + "?1" + store::kFactorOrder, "listing factors",
      [&](const Stmt& r) { return store::factor_from_row(r, year); }, year);
  if (!rows) return rows.error();
  std::vector<GhgFactor> out;
  for (auto& f : *rows) {
    if (!f) return f.error();
    out.push_back(std::move(*f));
  }
  return out;
}

// ---- Inventories -------------------------------------------------------------

Status SqliteStore::save_carbon_year(const CarbonYear& y) {
  if (y.organisation_id.empty() || y.period_id.empty())
    return invalid("a carbon year needs an organisation and a period");
  std::lock_guard lock(write_mu_);
  Db& db = writer_;
  auto txn = Transaction::begin(db, true);
  if (!txn) return txn.error();
  auto up = db.prepare(
      "INSERT INTO carbon_years (organisation_id, period_id, factor_year, boundary, included,"
      " excluded, data_sources, estimation, net_revenue_expenditure, updated_at, updated_by)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
      " ON CONFLICT (organisation_id, period_id) DO UPDATE SET factor_year = excluded.factor_year,"
      " boundary = excluded.boundary, included = excluded.included, excluded = excluded.excluded,"
      " data_sources = excluded.data_sources, estimation = excluded.estimation,"
      " net_revenue_expenditure = excluded.net_revenue_expenditure,"
      " updated_at = excluded.updated_at, updated_by = excluded.updated_by");
  if (!up) return up.error();
  const std::string now = store::utc_now_iso8601();
  const ScopeSheet& sheet = y.scope_sheet;
  up->bind_all(y.organisation_id, y.period_id, y.factor_year, sheet.boundary, sheet.included,
               sheet.excluded, sheet.data_sources, sheet.estimation, y.net_revenue_expenditure,
               now, y.updated_by);
  if (auto s = db.run(*up, "saving carbon year " + y.period_id); !s) {
    if (s.error().code == ErrorCode::kInvalidArgument) return store::year_not_saved(y);
    return s;
  }
  up = Stmt();
  for (const char* sql : {"DELETE FROM carbon_activity WHERE organisation_id = ?1 AND period_id = ?2",
                          "DELETE FROM carbon_waste WHERE organisation_id = ?1 AND period_id = ?2"}) {
    auto del = db.prepare(sql);
    if (!del) return del.error();
    del->bind_all(y.organisation_id, y.period_id);
    if (auto s = db.run(*del, "replacing carbon lines"); !s) return s;
  }
  auto act = db.prepare(
      "INSERT INTO carbon_activity (organisation_id, period_id, position, category, description,"
      " level1, level2, level3, level4, column_text, unit, quantity_text, quantity, market_factor,"
      " source_note, evidence_url)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
      true);
  if (!act) return act.error();
  for (size_t i = 0; i < y.activity.size(); ++i) {
    const ActivityLine& l = y.activity[i];
    act->bind_all(y.organisation_id, y.period_id, static_cast<int64_t>(i), l.category,
                  l.description, l.factor.level1, l.factor.level2, l.factor.level3,
                  l.factor.level4, l.factor.column_text, l.factor.unit, l.quantity_text,
                  l.quantity, l.market_factor, l.source_note, l.evidence_url);
    if (auto s = db.run(*act, "saving carbon activity"); !s) return s;
  }
  act = Stmt();
  auto waste = db.prepare(
      "INSERT INTO carbon_waste (organisation_id, period_id, position, stream, route, tonnes_text,"
      " tonnes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
      true);
  if (!waste) return waste.error();
  for (size_t i = 0; i < y.waste.size(); ++i) {
    const WasteLine& w = y.waste[i];
    waste->bind_all(y.organisation_id, y.period_id, static_cast<int64_t>(i), w.stream, w.route,
                    w.tonnes_text, w.tonnes);
    if (auto s = db.run(*waste, "saving carbon waste"); !s) return s;
  }
  waste = Stmt();
  return txn->commit();
}

Result<std::optional<CarbonYear>> SqliteStore::find_carbon_year(const std::string& organisation_id,
                                                                const std::string& period_id) {
  auto years = list_carbon_years(organisation_id);
  if (!years) return years.error();
  for (auto& y : *years)
    if (y.period_id == period_id) return std::optional<CarbonYear>(std::move(y));
  return std::optional<CarbonYear>();
}

Result<std::vector<CarbonYear>> SqliteStore::list_carbon_years(const std::string& organisation_id) {
  auto lease = acquire_reader();
  if (!lease) return lease.error();
  Db& db = lease->db();
  // One read transaction, so the years and their lines agree.
  auto txn = Transaction::begin(db, false);
  if (!txn) return txn.error();
  auto st = db.prepare(std::string(store::kYearColumns) + "WHERE organisation_id = ?1");
  if (!st) return st.error();
  st->bind(1, organisation_id);
  std::vector<CarbonYear> out;
  if (auto s = sqlite::each_row(db, *st, "listing carbon years",
                        [&](const Stmt& r) { out.push_back(store::year_from_row(r)); });
      !s)
    return s.error();
  st = Stmt();
  if (auto s = read_lines(db, out); !s) return s.error();
  // Financial-year ids ("fy2022-23") sort chronologically as text.
  std::sort(out.begin(), out.end(),
            [](const CarbonYear& a, const CarbonYear& b) { return a.period_id < b.period_id; });
  return out;
}

Result<std::vector<CarbonYear>> SqliteStore::list_published_carbon_years() {
  auto lease = acquire_reader();
  if (!lease) return lease.error();
  Db& db = lease->db();
  auto txn = Transaction::begin(db, false);
  if (!txn) return txn.error();
  auto st = db.prepare(std::string(store::kYearColumns) +
                       "WHERE published_at IS NOT NULL ORDER BY organisation_id, period_id");
  if (!st) return st.error();
  std::vector<CarbonYear> out;
  if (auto s = sqlite::each_row(db, *st, "listing published carbon years",
                        [&](const Stmt& r) { out.push_back(store::year_from_row(r)); });
      !s)
    return s.error();
  st = Stmt();
  if (auto s = read_lines(db, out); !s) return s.error();
  return out;
}

Status SqliteStore::mark_carbon_published(const std::string& organisation_id,
                                          const std::string& period_id, int64_t release_id,
                                          const std::string& by) {
  auto n = write_row(
      "UPDATE carbon_years SET published_at = ?3, published_by = ?4, published_release_id = ?5"
      " WHERE organisation_id = ?1 AND period_id = ?2",
      "recording a carbon publication", organisation_id, period_id, store::utc_now_iso8601(), by,
      release_id);
  if (!n) return n.error();
  if (*n == 0) return not_found("no carbon data for " + period_id + " to publish");
  return ok_status();
}

Status SqliteStore::save_carbon_target(const CarbonTarget& t) {
  auto n = write_row(
      "INSERT INTO carbon_targets (organisation_id, baseline_period, annual_reduction_percent,"
      " net_zero_year, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
      " ON CONFLICT (organisation_id) DO UPDATE SET baseline_period = excluded.baseline_period,"
      " annual_reduction_percent = excluded.annual_reduction_percent,"
      " net_zero_year = excluded.net_zero_year, updated_at = excluded.updated_at,"
      " updated_by = excluded.updated_by",
      "saving a carbon target", t.organisation_id, t.baseline_period,
      t.annual_reduction_percent, t.net_zero_year, store::utc_now_iso8601(), t.updated_by);
  if (!n && n.error().code == ErrorCode::kInvalidArgument)
    return invalid("unknown organisation '" + t.organisation_id + "'");
  if (!n) return n.error();
  return ok_status();
}

Result<std::optional<CarbonTarget>> SqliteStore::find_carbon_target(
    const std::string& organisation_id) {
  return store::first_row(read_rows<CarbonTarget>(
      std::string(store::kTargetColumns) + "WHERE organisation_id = ?1", "finding a carbon target",
      store::target_from_row<Stmt>, organisation_id));
}

}  // namespace lgb
