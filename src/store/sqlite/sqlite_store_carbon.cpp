// SqliteStore as a CarbonStore: GHG conversion factors and councils' carbon
// inventories (store/carbon.h). Writes share the writer connection in one
// transaction each; reads borrow a pooled reader, like the data methods.
#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "store/sql_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace lgb {

using sqlite::Db;
using sqlite::Stmt;
using sqlite::Transaction;

namespace {

// Steps a read statement, handing every row to fn.
Status each_row(Db& db, Stmt& st, std::string_view context,
                const std::function<void(const Stmt&)>& fn) {
  int rc;
  while ((rc = st.step()) == SQLITE_ROW) fn(st);
  if (rc != SQLITE_DONE) return db.error(rc, context);
  return ok_status();
}

FactorSet read_factor_set(const Stmt& r) {
  FactorSet s;
  s.year = static_cast<int>(r.int64(0));
  s.publisher = r.text(1);
  s.source_url = r.text(2);
  s.file_name = r.text(3);
  s.sha256 = r.text(4);
  s.licence = r.text(5);
  s.note = r.text(6);
  s.loaded_at = r.text(7);
  s.loaded_by = r.text(8);
  s.row_count = r.int64(9);
  return s;
}

constexpr const char* kYearColumns =
    "SELECT organisation_id, period_id, factor_year, boundary, included, excluded, data_sources,"
    " estimation, net_revenue_expenditure, updated_at, updated_by, published_at, published_by,"
    " published_release_id FROM carbon_years ";

CarbonYear read_year(const Stmt& r) {
  CarbonYear y;
  y.organisation_id = r.text(0);
  y.period_id = r.text(1);
  y.factor_year = static_cast<int>(r.int64(2));
  y.scope_sheet = {r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)};
  y.net_revenue_expenditure = r.real_or_null(8);
  y.updated_at = r.text(9);
  y.updated_by = r.text(10);
  y.published_at = r.text(11);
  y.published_by = r.text(12);
  y.published_release_id = r.is_null(13) ? 0 : r.int64(13);
  return y;
}

// The lines of the given years (one council, or every published year), in
// position order.
Status read_lines(Db& db, std::vector<CarbonYear>& years) {
  std::map<std::pair<std::string, std::string>, CarbonYear*> by_key;
  for (auto& y : years) by_key[{y.organisation_id, y.period_id}] = &y;
  if (by_key.empty()) return ok_status();
  auto act = db.prepare(
      "SELECT organisation_id, period_id, category, description, level1, level2, level3, level4,"
      " column_text, unit, quantity_text, quantity, market_factor, source_note, evidence_url"
      " FROM carbon_activity ORDER BY organisation_id, period_id, position");
  if (!act) return act.error();
  if (auto s = each_row(db, *act, "reading carbon activity", [&](const Stmt& r) {
        auto it = by_key.find({r.text(0), r.text(1)});
        if (it == by_key.end()) return;
        ActivityLine l;
        l.category = r.text(2);
        l.description = r.text(3);
        l.factor = {r.text(4), r.text(5), r.text(6), r.text(7), r.text(8), r.text(9)};
        l.quantity_text = r.text(10);
        l.quantity = r.real(11);
        l.market_factor = r.real_or_null(12);
        l.source_note = r.text(13);
        l.evidence_url = r.text(14);
        it->second->activity.push_back(std::move(l));
      });
      !s)
    return s;
  auto waste = db.prepare(
      "SELECT organisation_id, period_id, stream, route, tonnes_text, tonnes FROM carbon_waste"
      " ORDER BY organisation_id, period_id, position");
  if (!waste) return waste.error();
  return each_row(db, *waste, "reading carbon waste", [&](const Stmt& r) {
    auto it = by_key.find({r.text(0), r.text(1)});
    if (it == by_key.end()) return;
    it->second->waste.push_back(WasteLine{r.text(2), r.text(3), r.text(4), r.real(5)});
  });
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
    return conflict("factor year " + std::to_string(set.year) + " is already loaded (from " +
                    existing->text(0) + ", sha256 " + existing->text(1) +
                    "); a factor year is never overwritten");
  existing = Stmt();
  auto head = db.prepare(
      "INSERT INTO ghg_factor_sets (year, publisher, source_url, file_name, sha256, licence, note,"
      " loaded_at, loaded_by, row_count) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!head) return head.error();
  const std::string now = store::utc_now_iso8601();
  head->bind(1, int64_t{set.year});
  head->bind(2, set.publisher);
  head->bind(3, set.source_url);
  head->bind(4, set.file_name);
  head->bind(5, set.sha256);
  head->bind(6, set.licence);
  head->bind(7, set.note);
  head->bind(8, now);
  head->bind(9, set.loaded_by);
  head->bind(10, static_cast<int64_t>(factors.size()));
  if (auto s = db.run(*head, "recording factor year"); !s) return s;
  head = Stmt();
  auto ins = db.prepare(
      "INSERT INTO ghg_factors (year, scope, level1, level2, level3, level4, column_text, unit,"
      " gas, text, value, source_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
      true);
  if (!ins) return ins.error();
  for (const auto& f : factors) {
    if (f.year != set.year)
      return invalid("factor " + f.key.label() + " is for year " + std::to_string(f.year) +
                     ", not " + std::to_string(set.year));
    const std::string_view gas = to_string(f.gas);
    ins->bind(1, int64_t{f.year});
    ins->bind(2, f.scope);
    ins->bind(3, f.key.level1);
    ins->bind(4, f.key.level2);
    ins->bind(5, f.key.level3);
    ins->bind(6, f.key.level4);
    ins->bind(7, f.key.column_text);
    ins->bind(8, f.key.unit);
    ins->bind(9, gas);
    ins->bind(10, f.text);
    ins->bind(11, f.value);
    ins->bind(12, f.source_id);
    auto s = db.run(*ins, "loading factor " + f.key.label());
    if (!s && s.error().code == ErrorCode::kInvalidArgument)
      return invalid("factor year " + std::to_string(set.year) + " has two " + std::string(gas) +
                     " factors for " + f.key.label() + " per " + f.key.unit);
    if (!s) return s;
  }
  ins = Stmt();
  return txn->commit();
}

Result<std::vector<FactorSet>> SqliteStore::list_factor_sets() {
  auto lease = acquire_reader();
  if (!lease) return lease.error();
  Db& db = lease->db();
  auto st = db.prepare(
      "SELECT year, publisher, source_url, file_name, sha256, licence, note, loaded_at, loaded_by,"
      " row_count FROM ghg_factor_sets ORDER BY year");
  if (!st) return st.error();
  std::vector<FactorSet> out;
  if (auto s = each_row(db, *st, "listing factor years",
                        [&](const Stmt& r) { out.push_back(read_factor_set(r)); });
      !s)
    return s.error();
  return out;
}

Result<std::vector<GhgFactor>> SqliteStore::list_factors(int year) {
  auto lease = acquire_reader();
  if (!lease) return lease.error();
  Db& db = lease->db();
  auto st = db.prepare(
      "SELECT scope, level1, level2, level3, level4, column_text, unit, gas, text, value,"
      " source_id FROM ghg_factors WHERE year = ?1"
      " ORDER BY level1, level2, level3, level4, column_text, unit, gas");
  if (!st) return st.error();
  st->bind(1, int64_t{year});
  std::vector<GhgFactor> out;
  Status bad = ok_status();
  if (auto s = each_row(db, *st, "listing factors", [&](const Stmt& r) {
        GhgFactor f;
        f.year = year;
        f.scope = r.text(0);
        f.key = {r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6)};
        auto gas = parse_gas(r.text_view(7));
        if (!gas) bad = store::corrupt("ghg_factors.gas '" + r.text(7) + "'");
        f.gas = gas.value_or(Gas::kCO2e);
        f.text = r.text(8);
        f.value = r.real(9);
        f.source_id = r.text(10);
        out.push_back(std::move(f));
      });
      !s)
    return s.error();
  if (!bad) return bad.error();
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
  up->bind(1, y.organisation_id);
  up->bind(2, y.period_id);
  up->bind(3, int64_t{y.factor_year});
  up->bind(4, y.scope_sheet.boundary);
  up->bind(5, y.scope_sheet.included);
  up->bind(6, y.scope_sheet.excluded);
  up->bind(7, y.scope_sheet.data_sources);
  up->bind(8, y.scope_sheet.estimation);
  up->bind(9, y.net_revenue_expenditure);
  up->bind(10, now);
  up->bind(11, y.updated_by);
  if (auto s = db.run(*up, "saving carbon year " + y.period_id); !s) {
    if (s.error().code == ErrorCode::kInvalidArgument)
      return invalid("cannot save " + y.period_id + " for '" + y.organisation_id +
                     "': unknown organisation or factor year " + std::to_string(y.factor_year));
    return s;
  }
  up = Stmt();
  for (const char* sql : {"DELETE FROM carbon_activity WHERE organisation_id = ?1 AND period_id = ?2",
                          "DELETE FROM carbon_waste WHERE organisation_id = ?1 AND period_id = ?2"}) {
    auto del = db.prepare(sql);
    if (!del) return del.error();
    del->bind(1, y.organisation_id);
    del->bind(2, y.period_id);
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
    act->bind(1, y.organisation_id);
    act->bind(2, y.period_id);
    act->bind(3, static_cast<int64_t>(i));
    act->bind(4, l.category);
    act->bind(5, l.description);
    act->bind(6, l.factor.level1);
    act->bind(7, l.factor.level2);
    act->bind(8, l.factor.level3);
    act->bind(9, l.factor.level4);
    act->bind(10, l.factor.column_text);
    act->bind(11, l.factor.unit);
    act->bind(12, l.quantity_text);
    act->bind(13, l.quantity);
    act->bind(14, l.market_factor);
    act->bind(15, l.source_note);
    act->bind(16, l.evidence_url);
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
    waste->bind(1, y.organisation_id);
    waste->bind(2, y.period_id);
    waste->bind(3, static_cast<int64_t>(i));
    waste->bind(4, w.stream);
    waste->bind(5, w.route);
    waste->bind(6, w.tonnes_text);
    waste->bind(7, w.tonnes);
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
  auto st = db.prepare(std::string(kYearColumns) + "WHERE organisation_id = ?1");
  if (!st) return st.error();
  st->bind(1, organisation_id);
  std::vector<CarbonYear> out;
  if (auto s = each_row(db, *st, "listing carbon years",
                        [&](const Stmt& r) { out.push_back(read_year(r)); });
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
  auto st = db.prepare(std::string(kYearColumns) +
                       "WHERE published_at IS NOT NULL ORDER BY organisation_id, period_id");
  if (!st) return st.error();
  std::vector<CarbonYear> out;
  if (auto s = each_row(db, *st, "listing published carbon years",
                        [&](const Stmt& r) { out.push_back(read_year(r)); });
      !s)
    return s.error();
  st = Stmt();
  if (auto s = read_lines(db, out); !s) return s.error();
  return out;
}

Status SqliteStore::mark_carbon_published(const std::string& organisation_id,
                                          const std::string& period_id, int64_t release_id,
                                          const std::string& by) {
  const std::string now = store::utc_now_iso8601();  // bound without a copy
  auto n = write_row(
      "UPDATE carbon_years SET published_at = ?3, published_by = ?4, published_release_id = ?5"
      " WHERE organisation_id = ?1 AND period_id = ?2",
      [&](Stmt& st) {
        st.bind(1, organisation_id);
        st.bind(2, period_id);
        st.bind(3, now);
        st.bind(4, by);
        st.bind(5, release_id);
      },
      "recording a carbon publication");
  if (!n) return n.error();
  if (*n == 0) return not_found("no carbon data for " + period_id + " to publish");
  return ok_status();
}

Status SqliteStore::save_carbon_target(const CarbonTarget& t) {
  const std::string now = store::utc_now_iso8601();  // bound without a copy
  auto n = write_row(
      "INSERT INTO carbon_targets (organisation_id, baseline_period, annual_reduction_percent,"
      " net_zero_year, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
      " ON CONFLICT (organisation_id) DO UPDATE SET baseline_period = excluded.baseline_period,"
      " annual_reduction_percent = excluded.annual_reduction_percent,"
      " net_zero_year = excluded.net_zero_year, updated_at = excluded.updated_at,"
      " updated_by = excluded.updated_by",
      [&](Stmt& st) {
        st.bind(1, t.organisation_id);
        st.bind(2, t.baseline_period);
        st.bind(3, t.annual_reduction_percent);
        st.bind(4, int64_t{t.net_zero_year});
        st.bind(5, now);
        st.bind(6, t.updated_by);
      },
      "saving a carbon target");
  if (!n && n.error().code == ErrorCode::kInvalidArgument)
    return invalid("unknown organisation '" + t.organisation_id + "'");
  if (!n) return n.error();
  return ok_status();
}

Result<std::optional<CarbonTarget>> SqliteStore::find_carbon_target(
    const std::string& organisation_id) {
  auto lease = acquire_reader();
  if (!lease) return lease.error();
  Db& db = lease->db();
  auto st = db.prepare(
      "SELECT organisation_id, baseline_period, annual_reduction_percent, net_zero_year,"
      " updated_at, updated_by FROM carbon_targets WHERE organisation_id = ?1");
  if (!st) return st.error();
  st->bind(1, organisation_id);
  std::optional<CarbonTarget> out;
  if (auto s = each_row(db, *st, "finding a carbon target",
                        [&](const Stmt& r) {
                          out = CarbonTarget{r.text(0), r.text(1), r.real(2),
                                             static_cast<int>(r.int64(3)), r.text(4), r.text(5)};
                        });
      !s)
    return s.error();
  return out;
}

}  // namespace lgb
