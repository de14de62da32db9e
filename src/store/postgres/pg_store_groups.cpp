// PgStore: custom comparator groups and derived ratio definitions. (The class
// is declared in pg_store.h; reads and loads are in pg_store.cpp.)
#include <cmath>
#include <set>
#include <unordered_map>

#include <pqxx/pqxx>

#include "store/postgres/pg_schema.h"
#include "store/postgres/pg_store.h"
#include "store/sql_rows.h"

namespace lgb {
namespace {

std::string text(const pqxx::field& f) { return f.is_null() ? std::string() : f.as<std::string>(); }

bool exists(pqxx::dbtransaction& tx, const char* sql, const std::string& key) {
  return !tx.exec_params(sql, key).empty();
}

void notify(pqxx::dbtransaction& tx, const std::string& what) {
  tx.exec_params("SELECT pg_notify($1, $2)", std::string(pg::kChangeChannel), what);
}

}  // namespace

Result<std::vector<CustomGroup>> PgStore::list_groups() {
  std::vector<CustomGroup> groups;
  Status s = read("listing groups", true, [&](pqxx::dbtransaction& tx) -> Status {
    groups.clear();
    std::unordered_map<std::string, size_t> index;
    for (const auto& r : tx.exec("SELECT id, name, created_at FROM custom_groups ORDER BY id")) {
      CustomGroup g;
      g.id = text(r[0]);
      g.name = text(r[1]);
      g.created_at = text(r[2]);
      index.emplace(g.id, groups.size());
      groups.push_back(std::move(g));
    }
    for (const auto& r : tx.exec("SELECT group_id, area_code FROM custom_group_members"
                                 " ORDER BY group_id, position")) {
      auto it = index.find(text(r[0]));
      if (it != index.end()) groups[it->second].area_codes.push_back(text(r[1]));
    }
    return ok_status();
  });
  if (!s) return s.error();
  return groups;
}

Status PgStore::save_group(const CustomGroup& g) {
  if (g.id.empty()) return invalid("a group needs an id");
  if (g.name.empty()) return invalid("group '" + g.id + "' needs a name");
  std::set<std::string_view> seen;
  for (const auto& code : g.area_codes)
    if (!seen.insert(code).second)
      return invalid("group '" + g.id + "' lists area " + code + " more than once");
  return write("saving group " + g.id, [&](pqxx::dbtransaction& tx) -> Status {
    if (exists(tx, "SELECT 1 FROM custom_groups WHERE id = $1", g.id))
      return conflict("a group with id '" + g.id + "' already exists");
    std::string unknown;
    for (const auto& r : tx.exec_params(
             "SELECT m.code FROM json_array_elements_text($1::json) WITH ORDINALITY AS m(code, n)"
             " WHERE NOT EXISTS (SELECT 1 FROM areas a WHERE a.code = m.code) ORDER BY m.n",
             store::json_string_array(g.area_codes)))
      unknown += (unknown.empty() ? "" : ", ") + text(r[0]);
    if (!unknown.empty()) return invalid("group '" + g.id + "': unknown area codes " + unknown);
    tx.exec_params("INSERT INTO custom_groups (id, name, created_at) VALUES ($1, $2, $3)", g.id,
                   g.name, g.created_at.empty() ? store::utc_now_iso8601() : g.created_at);
    for (size_t i = 0; i < g.area_codes.size(); ++i)
      tx.exec_params(
          "INSERT INTO custom_group_members (group_id, position, area_code) VALUES ($1, $2, $3)",
          g.id, static_cast<int>(i), g.area_codes[i]);
    notify(tx, "group " + g.id);
    return ok_status();
  });
}

Status PgStore::delete_group(const std::string& id) {
  return write("deleting group " + id, [&](pqxx::dbtransaction& tx) -> Status {
    // Members go with it (ON DELETE CASCADE).
    auto r = tx.exec_params("DELETE FROM custom_groups WHERE id = $1", id);
    if (r.affected_rows() == 0) return not_found("no group with id '" + id + "'");
    notify(tx, "group " + id);
    return ok_status();
  });
}

Result<std::vector<RatioDefinition>> PgStore::list_ratios() {
  std::vector<RatioDefinition> out;
  Status s = read("listing ratios", true, [&](pqxx::dbtransaction& tx) -> Status {
    out.clear();
    for (const auto& row : tx.exec("SELECT id, title, numerator_metric, denominator_metric, scale,"
                                   " polarity, unit, decimals, measure FROM ratios ORDER BY id")) {
      RatioDefinition r;
      r.id = text(row[0]);
      r.title = text(row[1]);
      r.numerator_metric = text(row[2]);
      r.denominator_metric = text(row[3]);
      r.scale = row[4].as<double>();
      auto pol = parse_polarity(text(row[5]));
      if (!pol) return internal("ratio " + r.id + " has an unknown polarity in the database");
      r.polarity = *pol;
      r.unit = text(row[6]);
      r.decimals = row[7].as<int>();
      auto measure = parse_measure_kind(text(row[8]));
      if (!measure) return internal("ratio " + r.id + " has an unknown measure in the database");
      r.measure = *measure;
      out.push_back(std::move(r));
    }
    return ok_status();
  });
  if (!s) return s.error();
  return out;
}

Status PgStore::save_ratio(const RatioDefinition& r) {
  if (r.id.empty()) return invalid("a ratio needs an id");
  if (r.numerator_metric.empty() || r.denominator_metric.empty())
    return invalid("ratio '" + r.id + "' needs a numerator and a denominator metric");
  if (!std::isfinite(r.scale) || r.scale == 0)
    return invalid("ratio '" + r.id + "' needs a finite, non-zero scale");
  return write("saving ratio " + r.id, [&](pqxx::dbtransaction& tx) -> Status {
    for (const char* sql :
         {"SELECT 1 FROM ratios WHERE id = $1", "SELECT 1 FROM metrics WHERE id = $1"})
      if (exists(tx, sql, r.id))
        return conflict("id '" + r.id + "' is already used by a ratio or metric");
    for (const std::string* m : {&r.numerator_metric, &r.denominator_metric})
      if (!exists(tx, "SELECT 1 FROM metrics WHERE id = $1", *m))
        return invalid("ratio '" + r.id + "': unknown metric '" + *m + "'");
    tx.exec_params(
        "INSERT INTO ratios (id, title, numerator_metric, denominator_metric, scale, polarity,"
        " unit, decimals, measure) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        r.id, r.title, r.numerator_metric, r.denominator_metric, r.scale,
        std::string(to_string(r.polarity)), r.unit, r.decimals,
        std::string(to_string(r.measure)));
    notify(tx, "ratio " + r.id);
    return ok_status();
  });
}

}  // namespace lgb
