#include "store/postgres/pg_loader.h"

#include <array>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_set>
#include <vector>

#include <pqxx/pqxx>

#include "core/utf8.h"
#include "store/postgres/pg_schema.h"
#include "store/sql_rows.h"

namespace lgb::pg {
namespace {

// NULL for "unknown/empty", as the SQLite store keeps optional text.
std::optional<std::string> or_null(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

// Why s cannot be stored, or "".
std::string text_problem(std::string_view s) {
  size_t bad = find_invalid_utf8(s);
  if (bad != std::string_view::npos) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    auto c = static_cast<unsigned char>(s[bad]);
    return std::string("is not valid UTF-8 (byte 0x") + kHex[c >> 4] + kHex[c & 15] +
           " at offset " + std::to_string(bad) + "); the PostgreSQL store holds UTF-8 text only";
  }
  if (s.find('\0') != std::string_view::npos)
    return "holds a NUL byte, which PostgreSQL text cannot";
  return "";
}

Status write_areas(pqxx::dbtransaction& tx, const std::vector<Area>& areas, int64_t release_id) {
  for (const Area& a : areas) {
    tx.exec_params(
        "INSERT INTO areas (code, name, type, region_code, parent_code, start_date, end_date,"
        " release_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (code) DO UPDATE SET"
        " name = excluded.name, type = excluded.type, region_code = excluded.region_code,"
        " parent_code = excluded.parent_code, start_date = excluded.start_date,"
        " end_date = excluded.end_date, release_id = excluded.release_id",
        a.code, a.name, std::string(to_string(a.type)), or_null(a.region_code),
        or_null(a.parent_code), or_null(a.start_date), or_null(a.end_date), release_id);
    tx.exec_params("DELETE FROM area_successors WHERE area_code = $1", a.code);
    for (size_t i = 0; i < a.successor_codes.size(); ++i)
      tx.exec_params(
          "INSERT INTO area_successors (area_code, position, successor_code) VALUES ($1,$2,$3)",
          a.code, static_cast<int>(i), a.successor_codes[i]);
  }
  return ok_status();
}

Status write_metrics(pqxx::dbtransaction& tx, const std::vector<Metric>& metrics,
                     int64_t release_id) {
  for (const Metric& m : metrics) {
    tx.exec_params(
        "INSERT INTO metrics (id, title, description, unit, polarity, decimals, publisher,"
        " source_url, licence, visibility, release_id, measure)"
        " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)"
        " ON CONFLICT (id) DO UPDATE SET title = excluded.title, measure = excluded.measure,"
        " description = excluded.description, unit = excluded.unit,"
        " polarity = excluded.polarity, decimals = excluded.decimals,"
        " publisher = excluded.publisher, source_url = excluded.source_url,"
        " licence = excluded.licence, visibility = excluded.visibility,"
        " release_id = excluded.release_id",
        m.id, m.title, m.description, m.unit, std::string(to_string(m.polarity)), m.decimals,
        m.publisher, m.source_url, m.licence, std::string(to_string(m.visibility)), release_id,
        std::string(to_string(m.measure)));
    tx.exec_params("DELETE FROM metric_tags WHERE metric_id = $1", m.id);
    for (size_t f = 0; f < store::kTagFacets.size(); ++f) {
      const auto& list = store::tag_list(m, f);
      for (size_t i = 0; i < list.size(); ++i)
        tx.exec_params(
            "INSERT INTO metric_tags (metric_id, facet, position, tag) VALUES ($1,$2,$3,$4)", m.id,
            std::string(store::kTagFacets[f]), static_cast<int>(i), list[i]);
    }
    tx.exec_params("DELETE FROM metric_organisations WHERE metric_id = $1", m.id);
    for (const std::string& org : m.organisations)
      tx.exec_params(
          "INSERT INTO metric_organisations (metric_id, organisation_id) VALUES ($1,$2)", m.id,
          org);
  }
  return ok_status();
}

Status write_periods(pqxx::dbtransaction& tx, const ReleaseBatch& b) {
  auto periods = store::periods_of_batch(b);
  if (!periods) return periods.error();
  for (const Period& p : *periods)
    tx.exec_params(
        "INSERT INTO periods (id, kind, start_date, months, sort_key, label)"
        " VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (id) DO NOTHING",
        p.id(), std::string(to_string(p.kind)), p.start_date(), p.months, p.sort_key(), p.label());
  return ok_status();
}

// Streams the observations into lgb_incoming (ord = index in the batch).
void copy_incoming(pqxx::dbtransaction& tx, const std::vector<Observation>& obs) {
  tx.exec(
      "CREATE TEMP TABLE lgb_incoming ("
      " ord integer NOT NULL, metric_id text COLLATE \"C\" NOT NULL,"
      " period_id text COLLATE \"C\" NOT NULL, area_code text COLLATE \"C\" NOT NULL,"
      " number double precision, text text NOT NULL, marker text NOT NULL,"
      " marker_text text NOT NULL, note text NOT NULL) ON COMMIT DROP");
  static const std::vector<std::string> kColumns = {
      "ord", "metric_id", "period_id", "area_code", "number", "text", "marker", "marker_text",
      "note"};
  std::array<std::string, 8> marker_names;  // by Marker value
  for (int m = 0; m < 8; ++m) marker_names[m] = to_string(static_cast<Marker>(m));
  pqxx::stream_to copy(tx, "lgb_incoming", kColumns);
  for (size_t i = 0; i < obs.size(); ++i) {
    const Observation& o = obs[i];
    copy << std::forward_as_tuple(static_cast<int>(i), o.metric_id, o.period_id, o.area_code,
                                  o.value.number, o.value.text,
                                  marker_names[static_cast<size_t>(o.value.marker)],
                                  o.value.marker_text, o.value.note);
  }
  copy.complete();
}

// The first observation naming an unknown area or metric, as an error.
Status check_references(pqxx::dbtransaction& tx, const std::vector<Observation>& obs) {
  auto r = tx.exec(
      "SELECT i.ord, NOT EXISTS (SELECT 1 FROM areas a WHERE a.code = i.area_code),"
      " NOT EXISTS (SELECT 1 FROM metrics m WHERE m.id = i.metric_id)"
      " FROM lgb_incoming i"
      " WHERE NOT EXISTS (SELECT 1 FROM areas a WHERE a.code = i.area_code)"
      " OR NOT EXISTS (SELECT 1 FROM metrics m WHERE m.id = i.metric_id)"
      " ORDER BY i.ord LIMIT 1");
  if (r.empty()) return ok_status();
  const Observation& o = obs[r[0][0].as<size_t>()];
  std::string why;
  if (r[0][1].as<bool>()) why = "unknown area '" + o.area_code + "'";
  if (r[0][2].as<bool>()) why += (why.empty() ? "" : "; ") + ("unknown metric '" + o.metric_id + "'");
  return invalid(store::observation_where(r[0][0].as<size_t>(), obs.size(), o) + ": " + why);
}

// The first observation repeating an earlier one's key, as an error.
Error duplicate_error(pqxx::dbtransaction& tx, const std::vector<Observation>& obs) {
  auto r = tx.exec(
      "SELECT ord FROM (SELECT ord, row_number() OVER"
      " (PARTITION BY metric_id, period_id, area_code ORDER BY ord) AS n FROM lgb_incoming) d"
      " WHERE n = 2 ORDER BY ord LIMIT 1");
  if (r.empty()) return internal("a unique key failed, but the release repeats no key");
  size_t i = r[0][0].as<size_t>();
  return invalid(store::observation_where(i, obs.size(), obs[i]) +
                 ": the release holds this area, metric and period more than once");
}

Status write_observations(pqxx::dbtransaction& tx, const std::vector<Observation>& obs,
                          int64_t release_id) {
  if (obs.empty()) return ok_status();
  copy_incoming(tx, obs);
  tx.exec("ANALYZE lgb_incoming");  // the planner knows the temporary table's size
  if (auto s = check_references(tx, obs); !s) return s;

  // Superseding probes an index per row; a metric with no current value yet
  // (the usual first load) needs none.
  std::unordered_set<std::string_view> metric_set;
  std::vector<std::string> metrics;
  for (const Observation& o : obs)
    if (metric_set.insert(o.metric_id).second) metrics.push_back(o.metric_id);
  bool supersede =
      tx.exec_params(
              "SELECT EXISTS (SELECT 1 FROM json_array_elements_text($1::json) AS m(id)"
              " WHERE EXISTS (SELECT 1 FROM observations o WHERE o.metric_id = m.id AND o.current))",
              store::json_string_array(metrics))[0][0]
          .as<bool>();
  // Rows per metric, and of those the keys that had a current value (now
  // superseded) and the ones whose published text or marker changed:
  // counted before the older revisions stop being current.
  tx.exec_params(
      "INSERT INTO release_metrics (release_id, metric_id, row_count, superseded, revised)"
      " SELECT $1, i.metric_id, count(*), count(o.metric_id),"
      " count(*) FILTER (WHERE o.metric_id IS NOT NULL"
      " AND (o.text <> i.text OR o.marker <> i.marker))"
      " FROM lgb_incoming i LEFT JOIN observations o ON $2 AND o.current"
      " AND o.metric_id = i.metric_id AND o.period_id = i.period_id AND o.area_code = i.area_code"
      " GROUP BY i.metric_id",
      release_id, supersede);
  // A savepoint, so that a repeated key can be named after the failure.
  // (Plain SQL: libpqxx 6.4's subtransaction does not recover from a failed
  // parameterised statement.)
  tx.exec("SAVEPOINT lgb_observations");
  try {
    if (supersede)
      tx.exec(
          "UPDATE observations o SET current = false FROM lgb_incoming i"
          " WHERE o.current AND o.metric_id = i.metric_id AND o.period_id = i.period_id"
          " AND o.area_code = i.area_code");
    // In key order, so index pages fill in sequence.
    tx.exec_params(
        "INSERT INTO observations (metric_id, period_id, area_code, release_id, number, current,"
        " text, marker, marker_text, note)"
        " SELECT metric_id, period_id, area_code, $1, number, true, text, marker, marker_text, note"
        " FROM lgb_incoming ORDER BY metric_id, period_id, area_code",
        release_id);
  } catch (const pqxx::unique_violation&) {
    tx.exec("ROLLBACK TO SAVEPOINT lgb_observations");
    return duplicate_error(tx, obs);
  }
  tx.exec("RELEASE SAVEPOINT lgb_observations");
  return ok_status();
}

}  // namespace

Status check_batch(const ReleaseBatch& b) {
  const Release& r = b.release;
  if (r.format.empty()) return invalid("release has no format");
  if (b.observations.size() > INT32_MAX) return invalid("release too large for one load");
  auto check = [](const std::string& s, auto&& where, const char* field) -> Status {
    std::string why = text_problem(s);
    if (why.empty()) return ok_status();
    return invalid(where() + ": " + field + " " + why);
  };
  auto release = [&] { return "release of file '" + r.file_name + "'"; };
  for (const auto& [value, field] :
       {std::pair{&r.publisher, "publisher"}, {&r.source_url, "source_url"},
        {&r.file_name, "file_name"}, {&r.format, "format"}, {&r.sha256, "sha256"},
        {&r.published_on, "published_on"}, {&r.loaded_by, "loaded_by"}, {&r.licence, "licence"}})
    if (auto s = check(*value, release, field); !s) return s;
  for (const Area& a : b.areas) {
    auto where = [&] { return "area " + a.code; };
    for (const auto& [value, field] :
         {std::pair{&a.code, "code"}, {&a.name, "name"}, {&a.region_code, "region_code"},
          {&a.parent_code, "parent_code"}, {&a.start_date, "start_date"},
          {&a.end_date, "end_date"}})
      if (auto s = check(*value, where, field); !s) return s;
    for (const auto& code : a.successor_codes)
      if (auto s = check(code, where, "successor code"); !s) return s;
  }
  for (const Metric& m : b.metrics) {
    auto where = [&] { return "metric " + m.id; };
    for (const auto& [value, field] :
         {std::pair{&m.id, "id"}, {&m.title, "title"}, {&m.description, "description"},
          {&m.unit, "unit"}, {&m.publisher, "publisher"}, {&m.source_url, "source_url"},
          {&m.licence, "licence"}})
      if (auto s = check(*value, where, field); !s) return s;
    for (size_t f = 0; f < store::kTagFacets.size(); ++f)
      for (const auto& tag : store::tag_list(m, f))
        if (auto s = check(tag, where, "tag"); !s) return s;
  }
  for (size_t i = 0; i < b.observations.size(); ++i) {
    const Observation& o = b.observations[i];
    auto where = [&] { return store::observation_where(i, b.observations.size(), o); };
    for (const auto& [value, field] :
         {std::pair{&o.area_code, "area code"}, {&o.metric_id, "metric id"},
          {&o.period_id, "period id"}, {&o.value.text, "text"},
          {&o.value.marker_text, "marker text"}, {&o.value.note, "note"}})
      if (auto s = check(*value, where, field); !s) return s;
  }
  return ok_status();
}

Result<int64_t> load_release(pqxx::dbtransaction& tx, const ReleaseBatch& b) {
  const Release& r = b.release;
  // Checked under the write lock, so two processes loading the same file
  // cannot both pass.
  auto existing =
      tx.exec_params("SELECT id FROM releases WHERE sha256 = $1 AND format = $2", r.sha256, r.format);
  if (!existing.empty()) return store::already_loaded(r, existing[0][0].as<int64_t>());

  // Room to sort a large release in memory for this transaction only.
  tx.exec("SET LOCAL work_mem = '128MB'");
  const int64_t release_id =
      tx.exec_params(
            "INSERT INTO releases (publisher, source_url, file_name, format, sha256, published_on,"
            " loaded_at, loaded_by, licence, row_count) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)"
            " RETURNING id",
            r.publisher, r.source_url, r.file_name, r.format, r.sha256, or_null(r.published_on),
            store::utc_now_iso8601(), r.loaded_by, r.licence,
            static_cast<int64_t>(b.observations.size()))[0][0]
          .as<int64_t>();
  if (auto s = write_areas(tx, b.areas, release_id); !s) return s.error();
  if (auto s = write_metrics(tx, b.metrics, release_id); !s) return s.error();
  if (auto s = write_periods(tx, b); !s) return s.error();
  if (auto s = write_observations(tx, b.observations, release_id); !s) return s.error();
  tx.exec_params("SELECT pg_notify($1, $2)", std::string(kChangeChannel),
                 "release " + std::to_string(release_id));
  return release_id;
}

}  // namespace lgb::pg
