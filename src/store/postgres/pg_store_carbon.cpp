// PgStore as a CarbonStore: GHG conversion factors and councils' carbon
// inventories (store/carbon.h), in the tables of migration 6, which mirror
// the SQLite store's. The class is declared in pg_store.h.
// A factor year is loaded with COPY in one transaction; a council's year is
// replaced whole in one. None takes the writers' lock (nothing here changes
// what the engine snapshot holds; publishing does, through load_release).
#include <algorithm>

#include "store/carbon_rows.h"
#include "store/postgres/pg_rows.h"

namespace lgb {

using pg::PgRow;

namespace {

// The lines of the given years, read in the same transaction as the years.
void read_lines(pqxx::dbtransaction& tx, std::vector<CarbonYear>& years) {
  store::CarbonLineReader lines(years);
  if (lines.empty()) return;
  for (const auto& r : tx.exec(store::kActivityColumns)) lines.activity(PgRow{r});
  for (const auto& r : tx.exec(store::kWasteColumns)) lines.waste(PgRow{r});
}

}  // namespace

// ---- Factors -----------------------------------------------------------------

Status PgStore::add_factor_set(const FactorSet& set, const std::vector<GhgFactor>& factors) {
  if (set.year < 1990 || set.year > 2100)
    return invalid("factor year " + std::to_string(set.year) + " is not a year");
  for (const auto& f : factors)
    if (f.year != set.year) return store::factor_of_other_year(f, set.year);
  // Checked here, so a duplicate is named rather than found by COPY.
  std::vector<const GhgFactor*> sorted;
  for (const auto& f : factors) sorted.push_back(&f);
  auto key = [](const GhgFactor* f) { return std::tie(f->key, f->gas); };
  std::sort(sorted.begin(), sorted.end(), [&](auto* a, auto* b) { return key(a) < key(b); });
  for (size_t i = 1; i < sorted.size(); ++i)
    if (key(sorted[i - 1]) == key(sorted[i])) return store::duplicate_factor(*sorted[i]);
  return write(
      "loading factor year " + std::to_string(set.year),
      [&](pqxx::dbtransaction& tx) -> Status {
        auto existing = tx.exec_params(
            "SELECT file_name, sha256 FROM ghg_factor_sets WHERE year = $1 FOR UPDATE", set.year);
        if (!existing.empty())
          return store::factor_year_loaded(set.year, PgRow{existing[0]}.text(0),
                                           PgRow{existing[0]}.text(1));
        auto head = tx.exec_params(
            "INSERT INTO ghg_factor_sets (year, publisher, source_url, file_name, sha256, licence,"
            " note, loaded_at, loaded_by, row_count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
            " $10) ON CONFLICT (year) DO NOTHING",
            set.year, set.publisher, set.source_url, set.file_name, set.sha256, set.licence,
            set.note, store::utc_now_iso8601(), set.loaded_by,
            static_cast<int64_t>(factors.size()));
        if (head.affected_rows() == 0)  // another process loaded it meanwhile
          return store::factor_year_loaded(set.year, set.file_name, set.sha256);
        pqxx::stream_to copy(tx, "ghg_factors",
                             std::vector<std::string>{"year", "scope", "level1", "level2", "level3",
                                                      "level4", "column_text", "unit", "gas",
                                                      "text", "value", "source_id"});
        for (const auto& f : factors)
          copy << std::make_tuple(f.year, f.scope, f.key.level1, f.key.level2, f.key.level3,
                                  f.key.level4, f.key.column_text, f.key.unit,
                                  std::string(to_string(f.gas)), f.text, f.value, f.source_id);
        copy.complete();
        return ok_status();
      },
      WriteLock::kNone);
}

Result<std::vector<FactorSet>> PgStore::list_factor_sets() {
  return read_rows<FactorSet>(std::string(store::kFactorSetColumns) + "ORDER BY year",
                              "listing factor years", store::factor_set_from_row<PgRow>);
}

Result<std::vector<GhgFactor>> PgStore::list_factors(int year) {
  auto rows = read_rows<Result<GhgFactor>>(
      std::string(store::kFactorColumns) + "$1" + store::kFactorOrder, "listing factors",
      [&](const PgRow& r) { return store::factor_from_row(r, year); }, year);
  if (!rows) return rows.error();
  std::vector<GhgFactor> out;
  for (auto& f : *rows) {
    if (!f) return f.error();
    out.push_back(std::move(*f));
  }
  return out;
}

// ---- Inventories -------------------------------------------------------------

Status PgStore::save_carbon_year(const CarbonYear& y) {
  if (y.organisation_id.empty() || y.period_id.empty())
    return invalid("a carbon year needs an organisation and a period");
  Status s = write(
      "saving carbon year " + y.period_id,
      [&](pqxx::dbtransaction& tx) -> Status {
        const ScopeSheet& sheet = y.scope_sheet;
        tx.exec_params(
            "INSERT INTO carbon_years (organisation_id, period_id, factor_year, boundary, included,"
            " excluded, data_sources, estimation, net_revenue_expenditure, updated_at, updated_by)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULLIF($9, '')::double precision, $10, $11)"
            " ON CONFLICT (organisation_id, period_id) DO UPDATE SET"
            " factor_year = excluded.factor_year, boundary = excluded.boundary,"
            " included = excluded.included, excluded = excluded.excluded,"
            " data_sources = excluded.data_sources, estimation = excluded.estimation,"
            " net_revenue_expenditure = excluded.net_revenue_expenditure,"
            " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            y.organisation_id, y.period_id, y.factor_year, sheet.boundary, sheet.included,
            sheet.excluded, sheet.data_sources, sheet.estimation,
            pg::number_or_empty(y.net_revenue_expenditure), store::utc_now_iso8601(),
            y.updated_by);
        for (const char* sql :
             {"DELETE FROM carbon_activity WHERE organisation_id = $1 AND period_id = $2",
              "DELETE FROM carbon_waste WHERE organisation_id = $1 AND period_id = $2"})
          tx.exec_params(sql, y.organisation_id, y.period_id);
        for (size_t i = 0; i < y.activity.size(); ++i) {
          const ActivityLine& l = y.activity[i];
          tx.exec_params(
              "INSERT INTO carbon_activity (organisation_id, period_id, position, category,"
              " description, level1, level2, level3, level4, column_text, unit, quantity_text,"
              " quantity, market_factor, source_note, evidence_url) VALUES ($1, $2, $3, $4, $5,"
              " $6, $7, $8, $9, $10, $11, $12, $13, NULLIF($14, '')::double precision, $15, $16)",
              y.organisation_id, y.period_id, static_cast<int>(i), l.category, l.description,
              l.factor.level1, l.factor.level2, l.factor.level3, l.factor.level4,
              l.factor.column_text, l.factor.unit, l.quantity_text, l.quantity,
              pg::number_or_empty(l.market_factor), l.source_note, l.evidence_url);
        }
        for (size_t i = 0; i < y.waste.size(); ++i) {
          const WasteLine& w = y.waste[i];
          tx.exec_params(
              "INSERT INTO carbon_waste (organisation_id, period_id, position, stream, route,"
              " tonnes_text, tonnes) VALUES ($1, $2, $3, $4, $5, $6, $7)",
              y.organisation_id, y.period_id, static_cast<int>(i), w.stream, w.route,
              w.tonnes_text, w.tonnes);
        }
        return ok_status();
      },
      WriteLock::kNone);
  // A foreign key: the organisation or the factor year is not stored.
  if (!s && s.error().code == ErrorCode::kInvalidArgument) return store::year_not_saved(y);
  return s;
}

Result<std::optional<CarbonYear>> PgStore::find_carbon_year(const std::string& organisation_id,
                                                            const std::string& period_id) {
  auto years = list_carbon_years(organisation_id);
  if (!years) return years.error();
  for (auto& y : *years)
    if (y.period_id == period_id) return std::optional<CarbonYear>(std::move(y));
  return std::optional<CarbonYear>();
}

Result<std::vector<CarbonYear>> PgStore::list_carbon_years(const std::string& organisation_id) {
  std::vector<CarbonYear> out;
  // One read transaction, so the years and their lines agree.
  Status s = read("listing carbon years", true, [&](pqxx::dbtransaction& tx) -> Status {
    out.clear();
    for (const auto& r : tx.exec_params(std::string(store::kYearColumns) +
                                            "WHERE organisation_id = $1 ORDER BY period_id",
                                        organisation_id))
      out.push_back(store::year_from_row(PgRow{r}));
    read_lines(tx, out);
    return ok_status();
  });
  if (!s) return s.error();
  return out;
}

Result<std::vector<CarbonYear>> PgStore::list_published_carbon_years() {
  std::vector<CarbonYear> out;
  Status s = read("listing published carbon years", true, [&](pqxx::dbtransaction& tx) -> Status {
    out.clear();
    for (const auto& r : tx.exec(std::string(store::kYearColumns) +
                                 "WHERE published_at IS NOT NULL ORDER BY organisation_id, period_id"))
      out.push_back(store::year_from_row(PgRow{r}));
    read_lines(tx, out);
    return ok_status();
  });
  if (!s) return s.error();
  return out;
}

Status PgStore::mark_carbon_published(const std::string& organisation_id,
                                      const std::string& period_id, int64_t release_id,
                                      const std::string& by) {
  auto n = write_row(
      "UPDATE carbon_years SET published_at = $3, published_by = $4, published_release_id = $5"
      " WHERE organisation_id = $1 AND period_id = $2",
      "recording a carbon publication", organisation_id, period_id, store::utc_now_iso8601(), by,
      release_id);
  if (!n) return n.error();
  if (*n == 0) return not_found("no carbon data for " + period_id + " to publish");
  return ok_status();
}

Status PgStore::save_carbon_target(const CarbonTarget& t) {
  auto n = write_row(
      "INSERT INTO carbon_targets (organisation_id, baseline_period, annual_reduction_percent,"
      " net_zero_year, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6)"
      " ON CONFLICT (organisation_id) DO UPDATE SET baseline_period = excluded.baseline_period,"
      " annual_reduction_percent = excluded.annual_reduction_percent,"
      " net_zero_year = excluded.net_zero_year, updated_at = excluded.updated_at,"
      " updated_by = excluded.updated_by",
      "saving a carbon target", t.organisation_id, t.baseline_period, t.annual_reduction_percent,
      t.net_zero_year, store::utc_now_iso8601(), t.updated_by);
  if (!n && n.error().code == ErrorCode::kInvalidArgument)
    return invalid("unknown organisation '" + t.organisation_id + "'");
  if (!n) return n.error();
  return ok_status();
}

Result<std::optional<CarbonTarget>> PgStore::find_carbon_target(
    const std::string& organisation_id) {
  return store::first_row(read_rows<CarbonTarget>(
      std::string(store::kTargetColumns) + "WHERE organisation_id = $1", "finding a carbon target",
      store::target_from_row<PgRow>, organisation_id));
}

}  // namespace lgb
