#include "store/sqlite/release_loader.h"

#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "store/sql_rows.h"

namespace lgb::sqlite {
namespace {

// All statements of one load, prepared once and reused for every row:
// re-preparing per row would cost more than the inserts themselves.
struct Statements {
  Stmt find_release, insert_release;
  Stmt upsert_area, clear_successors, insert_successor;
  Stmt upsert_metric, clear_tags, insert_tag;
  Stmt insert_period;
  Stmt metric_has_current, supersede, insert_observation;
  Stmt insert_release_metric;
};

Status prepare_all(Db& db, Statements& s) {
  struct Item {
    Stmt* stmt;
    const char* sql;
  };
  const Item items[] = {
      {&s.find_release, "SELECT id FROM releases WHERE sha256 = ?1 AND format = ?2"},
      {&s.insert_release,
       "INSERT INTO releases (publisher, source_url, file_name, format, sha256, published_on,"
       " loaded_at, loaded_by, licence, row_count) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"},
      {&s.upsert_area,
       "INSERT INTO areas (code, name, type, region_code, parent_code, start_date, end_date,"
       " release_id) VALUES (?1,?2,?3,?4,?5,?6,?7,?8) ON CONFLICT (code) DO UPDATE SET"
       " name = excluded.name, type = excluded.type, region_code = excluded.region_code,"
       " parent_code = excluded.parent_code, start_date = excluded.start_date,"
       " end_date = excluded.end_date, release_id = excluded.release_id"},
      {&s.clear_successors, "DELETE FROM area_successors WHERE area_code = ?1"},
      {&s.insert_successor,
       "INSERT INTO area_successors (area_code, position, successor_code) VALUES (?1,?2,?3)"},
      {&s.upsert_metric,
       "INSERT INTO metrics (id, title, description, unit, polarity, decimals, publisher,"
       " source_url, licence, visibility, release_id, measure)"
       " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)"
       " ON CONFLICT (id) DO UPDATE SET title = excluded.title, measure = excluded.measure,"
       " description = excluded.description, unit = excluded.unit,"
       " polarity = excluded.polarity, decimals = excluded.decimals,"
       " publisher = excluded.publisher, source_url = excluded.source_url,"
       " licence = excluded.licence, visibility = excluded.visibility,"
       " release_id = excluded.release_id"},
      {&s.clear_tags, "DELETE FROM metric_tags WHERE metric_id = ?1"},
      {&s.insert_tag,
       "INSERT INTO metric_tags (metric_id, facet, position, tag) VALUES (?1,?2,?3,?4)"},
      {&s.insert_period,
       "INSERT INTO periods (id, kind, start_date, months, sort_key, label)"
       " VALUES (?1,?2,?3,?4,?5,?6) ON CONFLICT (id) DO NOTHING"},
      {&s.insert_release_metric,
       "INSERT INTO release_metrics (release_id, metric_id, row_count) VALUES (?1,?2,?3)"},
      {&s.metric_has_current,
       "SELECT 1 FROM observations WHERE metric_id = ?1 AND current = 1 LIMIT 1"},
      {&s.supersede,
       "UPDATE observations SET current = 0"
       " WHERE metric_id = ?1 AND period_id = ?2 AND area_code = ?3 AND current = 1"},
      {&s.insert_observation,
       "INSERT INTO observations (metric_id, period_id, area_code, release_id, text, number,"
       " marker, marker_text, note, current) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,1)"},
  };
  for (const auto& it : items) {
    auto st = db.prepare(it.sql, /*persistent=*/true);
    if (!st) return st.error();
    *it.stmt = std::move(*st);
  }
  return ok_status();
}

Result<bool> exists(Db& db, const char* sql, std::string_view key) {
  auto st = db.prepare(sql);
  if (!st) return st.error();
  st->bind(1, key);
  int rc = st->step();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db.error(rc, "checking a reference");
  return rc == SQLITE_ROW;
}

// Names the reference an observation broke, for a message a user can act on.
std::string explain_missing_reference(Db& db, const Observation& o) {
  std::string why;
  auto add = [&](const char* sql, std::string_view key, const char* what) {
    auto e = exists(db, sql, key);
    if (e && !*e)
      why +=
          std::string(why.empty() ? "" : "; ") + "unknown " + what + " '" + std::string(key) + "'";
  };
  add("SELECT 1 FROM areas WHERE code = ?1", o.area_code, "area");
  add("SELECT 1 FROM metrics WHERE id = ?1", o.metric_id, "metric");
  add("SELECT 1 FROM periods WHERE id = ?1", o.period_id, "period");
  return why.empty() ? "a reference to an unknown area, metric or period" : why;
}

Error observation_error(Db& db, int rc, size_t index, size_t total, const Observation& o) {
  std::string where = store::observation_where(index, total, o);
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    return invalid(where + ": " + explain_missing_reference(db, o));
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    return invalid(where + ": the release holds this area, metric and period more than once");
  return db.error(rc, where);
}

Status insert_period(Db& db, Stmt& st, const Period& p) {
  std::string id = p.id(), start = p.start_date(), label = p.label();
  st.bind(1, id);
  st.bind(2, to_string(p.kind));
  st.bind(3, start);
  st.bind(4, static_cast<int64_t>(p.months));
  st.bind(5, p.sort_key());
  st.bind(6, label);
  return db.run(st, "period " + id);
}

Status write_areas(Db& db, Statements& s, const std::vector<Area>& areas, int64_t release_id) {
  for (const Area& a : areas) {
    s.upsert_area.bind(1, a.code);
    s.upsert_area.bind(2, a.name);
    s.upsert_area.bind(3, to_string(a.type));
    s.upsert_area.bind_or_null(4, a.region_code);
    s.upsert_area.bind_or_null(5, a.parent_code);
    s.upsert_area.bind_or_null(6, a.start_date);
    s.upsert_area.bind_or_null(7, a.end_date);
    s.upsert_area.bind(8, release_id);
    if (auto r = db.run(s.upsert_area, "area " + a.code); !r) return r;
    s.clear_successors.bind(1, a.code);
    if (auto r = db.run(s.clear_successors, "area " + a.code); !r) return r;
    for (size_t i = 0; i < a.successor_codes.size(); ++i) {
      s.insert_successor.bind(1, a.code);
      s.insert_successor.bind(2, static_cast<int64_t>(i));
      s.insert_successor.bind(3, a.successor_codes[i]);
      if (auto r = db.run(s.insert_successor, "successor of area " + a.code); !r) return r;
    }
  }
  return ok_status();
}

Status write_metrics(Db& db, Statements& s, const std::vector<Metric>& metrics,
                     int64_t release_id) {
  for (const Metric& m : metrics) {
    Stmt& st = s.upsert_metric;
    st.bind(1, m.id);
    st.bind(2, m.title);
    st.bind(3, m.description);
    st.bind(4, m.unit);
    st.bind(5, to_string(m.polarity));
    st.bind(6, static_cast<int64_t>(m.decimals));
    st.bind(7, m.publisher);
    st.bind(8, m.source_url);
    st.bind(9, m.licence);
    st.bind(10, to_string(m.visibility));
    st.bind(11, release_id);
    st.bind(12, to_string(m.measure));
    if (auto r = db.run(st, "metric " + m.id); !r) return r;
    s.clear_tags.bind(1, m.id);
    if (auto r = db.run(s.clear_tags, "metric " + m.id); !r) return r;
    for (size_t f = 0; f < store::kTagFacets.size(); ++f) {
      const auto& list = store::tag_list(m, f);
      for (size_t i = 0; i < list.size(); ++i) {
        s.insert_tag.bind(1, m.id);
        s.insert_tag.bind(2, store::kTagFacets[f]);
        s.insert_tag.bind(3, static_cast<int64_t>(i));
        s.insert_tag.bind(4, list[i]);
        if (auto r = db.run(s.insert_tag, "tag of metric " + m.id); !r) return r;
      }
    }
  }
  return ok_status();
}

// Inserts the periods the batch's rows need (store::periods_of_batch).
Status write_periods(Db& db, Statements& s, const ReleaseBatch& b) {
  auto periods = store::periods_of_batch(b);
  if (!periods) return periods.error();
  for (const Period& p : *periods)
    if (auto r = insert_period(db, s.insert_period, p); !r) return r;
  return ok_status();
}

Status write_observations(Db& db, Statements& s, const std::vector<Observation>& obs,
                          int64_t release_id) {
  // Insert in index order (metric, period, area): the B-tree inserts then
  // land next to each other instead of all over a file much larger than the
  // page cache. Publisher files are usually area-major, so this matters.
  auto key_less = [&](uint32_t a, uint32_t b) {
    const Observation& x = obs[a];
    const Observation& y = obs[b];
    if (int c = x.metric_id.compare(y.metric_id)) return c < 0;
    if (int c = x.period_id.compare(y.period_id)) return c < 0;
    return x.area_code < y.area_code;
  };
  std::vector<uint32_t> order(obs.size());
  for (size_t i = 0; i < obs.size(); ++i) order[i] = static_cast<uint32_t>(i);
  if (!std::is_sorted(order.begin(), order.end(), key_less))
    std::stable_sort(order.begin(), order.end(), key_less);

  const std::string* metric = nullptr;  // rows are grouped by metric now
  bool supersede = false;
  int64_t metric_rows = 0;
  // The rows of one metric in this release (release_metrics).
  auto count_metric = [&]() -> Status {
    if (!metric) return ok_status();
    s.insert_release_metric.bind(1, release_id);
    s.insert_release_metric.bind(2, *metric);
    s.insert_release_metric.bind(3, metric_rows);
    return db.run(s.insert_release_metric, "counting rows of metric " + *metric);
  };
  for (uint32_t i : order) {
    const Observation& o = obs[i];
    if (!metric || *metric != o.metric_id) {
      if (auto r = count_metric(); !r) return r;
      metric_rows = 0;
      // Superseding costs an index probe per row; a metric with no current
      // value yet (the usual first load) needs none. Duplicates inside the
      // batch are still caught by the unique keys.
      metric = &o.metric_id;
      s.metric_has_current.bind(1, o.metric_id);
      int rc = s.metric_has_current.step();
      s.metric_has_current.reset();
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db.error(rc, "checking current values of metric " + o.metric_id);
      supersede = rc == SQLITE_ROW;
    }
    if (supersede) {
      s.supersede.bind(1, o.metric_id);
      s.supersede.bind(2, o.period_id);
      s.supersede.bind(3, o.area_code);
      int rc = s.supersede.step();
      s.supersede.reset();
      if (rc != SQLITE_DONE) return observation_error(db, rc, i, obs.size(), o);
    }
    Stmt& st = s.insert_observation;
    st.bind(1, o.metric_id);
    st.bind(2, o.period_id);
    st.bind(3, o.area_code);
    st.bind(4, release_id);
    st.bind(5, o.value.text);
    st.bind(6, o.value.number);
    st.bind(7, to_string(o.value.marker));
    st.bind(8, o.value.marker_text);
    st.bind(9, o.value.note);
    int rc = st.step();
    if (rc != SQLITE_DONE) {
      Error e = observation_error(db, rc, i, obs.size(), o);
      st.reset();
      return e;
    }
    st.reset();
    ++metric_rows;
  }
  return count_metric();
}

}  // namespace

Result<int64_t> load_release(Db& db, const ReleaseBatch& b) {
  const Release& r = b.release;
  if (r.format.empty()) return invalid("release has no format");
  if (b.observations.size() > UINT32_MAX) return invalid("release too large for one load");
  auto txn = Transaction::begin(db, /*immediate=*/true);
  if (!txn) return txn.error();
  // Declared after txn so the statements are finalised before it rolls back.
  Statements s;
  if (auto p = prepare_all(db, s); !p) return p.error();

  // Checked inside the write transaction, so two processes loading the same
  // file cannot both pass the check.
  s.find_release.bind(1, r.sha256);
  s.find_release.bind(2, r.format);
  int rc = s.find_release.step();
  if (rc == SQLITE_ROW) {
    return store::already_loaded(r, s.find_release.int64(0));
  }
  if (rc != SQLITE_DONE) return db.error(rc, "looking up release");
  s.find_release.reset();

  std::string loaded_at = store::utc_now_iso8601();
  Stmt& ins = s.insert_release;
  ins.bind(1, r.publisher);
  ins.bind(2, r.source_url);
  ins.bind(3, r.file_name);
  ins.bind(4, r.format);
  ins.bind(5, r.sha256);
  ins.bind_or_null(6, r.published_on);
  ins.bind(7, loaded_at);
  ins.bind(8, r.loaded_by);
  ins.bind(9, r.licence);
  ins.bind(10, static_cast<int64_t>(b.observations.size()));
  if (auto st = db.run(ins, "inserting release"); !st) return st.error();
  const int64_t release_id = db.last_insert_rowid();

  if (auto st = write_areas(db, s, b.areas, release_id); !st) return st.error();
  if (auto st = write_metrics(db, s, b.metrics, release_id); !st) return st.error();
  if (auto st = write_periods(db, s, b); !st) return st.error();
  if (auto st = write_observations(db, s, b.observations, release_id); !st) return st.error();
  if (auto st = txn->commit(); !st) return st.error();
  return release_id;
}

}  // namespace lgb::sqlite
