#include "store/sqlite/release_loader.h"

#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>
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
  Stmt upsert_metric, clear_tags, insert_tag, clear_organisations, insert_organisation;
  Stmt insert_period;
  Stmt metric_has_current, supersede, insert_observation;
  Stmt update_release, insert_release_metric;
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
      {&s.clear_organisations, "DELETE FROM metric_organisations WHERE metric_id = ?1"},
      {&s.insert_organisation,
       "INSERT INTO metric_organisations (metric_id, organisation_id) VALUES (?1,?2)"},
      {&s.insert_period,
       "INSERT INTO periods (id, kind, start_date, months, sort_key, label)"
       " VALUES (?1,?2,?3,?4,?5,?6) ON CONFLICT (id) DO NOTHING"},
      {&s.metric_has_current,
       "SELECT 1 FROM observations WHERE metric_id = ?1 AND current = 1 LIMIT 1"},
      {&s.supersede,
       "UPDATE observations SET current = 0"
       " WHERE metric_id = ?1 AND period_id = ?2 AND area_code = ?3 AND current = 1"
       " RETURNING text, marker"},
      {&s.insert_release_metric,
       "INSERT INTO release_metrics (release_id, metric_id, row_count, superseded, revised)"
       " VALUES (?1,?2,?3,?4,?5)"},
      {&s.update_release,
       "UPDATE releases SET publisher = ?1, source_url = ?2, file_name = ?3, format = ?4,"
       " sha256 = ?5, published_on = ?6, loaded_by = ?8, licence = ?9, row_count = ?10"
       " WHERE id = ?11"},
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

Status write_area(Db& db, Statements& s, const Area& a, int64_t release_id) {
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
  return ok_status();
}

Status write_metric(Db& db, Statements& s, const Metric& m, int64_t release_id) {
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
  s.clear_organisations.bind(1, m.id);
  if (auto r = db.run(s.clear_organisations, "metric " + m.id); !r) return r;
  for (const std::string& org : m.organisations) {
    s.insert_organisation.bind(1, m.id);
    s.insert_organisation.bind(2, org);
    if (auto r = db.run(s.insert_organisation, "organisation of metric " + m.id); !r) return r;
  }
  return ok_status();
}

class SqliteReleaseWriter final : public ReleaseWriter {
 public:
  // Observations written per chunk, sorted by key first: inserts into the
  // (metric, period, area) indexes then land next to each other instead of
  // all over a file much larger than the page cache (publisher files are
  // usually area-major). About 10 MB of buffer.
  static constexpr size_t kChunk = 1 << 16;

  SqliteReleaseWriter(Db& db, std::unique_lock<std::mutex> lock)
      : db_(db), lock_(std::move(lock)) {}

  Status begin(const Release& r) {
    if (r.format.empty()) return invalid("release has no format");
    auto txn = Transaction::begin(db_, /*immediate=*/true);
    if (!txn) return txn.error();
    txn_.emplace(std::move(*txn));
    if (auto p = prepare_all(db_, s_); !p) return p;
    // Checked inside the write transaction, so two processes loading the
    // same file cannot both pass the check.
    s_.find_release.bind(1, r.sha256);
    s_.find_release.bind(2, r.format);
    int rc = s_.find_release.step();
    if (rc == SQLITE_ROW) return store::already_loaded(r, s_.find_release.int64(0));
    if (rc != SQLITE_DONE) return db_.error(rc, "looking up release");
    s_.find_release.reset();
    const std::string loaded_at = store::utc_now_iso8601();  // bound without a copy
    if (auto st = bind_release(s_.insert_release, r, loaded_at); !st) return st;
    if (auto st = db_.run(s_.insert_release, "inserting release"); !st) return st;
    release_id_ = db_.last_insert_rowid();
    return ok_status();
  }

  ~SqliteReleaseWriter() override {
    // Statements first, then the transaction rolls back (unless committed).
    s_ = Statements{};
    txn_.reset();
  }

  Status add_area(const Area& a) override { return write_area(db_, s_, a, release_id_); }
  Status add_metric(const Metric& m) override { return write_metric(db_, s_, m, release_id_); }
  Status add_period(const Period& p) override {
    if (!periods_.insert(p.id()).second) return ok_status();
    return insert_period(db_, s_.insert_period, p);
  }

  Status add_observation(const Observation& o, int64_t line, int32_t column) override {
    buffer_.push_back(Pending{o, line, column});
    if (buffer_.size() >= kChunk) return flush();
    return ok_status();
  }

  Status flush() override {
    if (buffer_.empty()) return ok_status();
    auto key_less = [](const Pending& a, const Pending& b) {
      if (int c = a.obs.metric_id.compare(b.obs.metric_id)) return c < 0;
      if (int c = a.obs.period_id.compare(b.obs.period_id)) return c < 0;
      return a.obs.area_code < b.obs.area_code;
    };
    // Sort positions, not the observations themselves: cheaper to move.
    order_.resize(buffer_.size());
    for (size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<uint32_t>(i);
    auto pos_less = [&](uint32_t a, uint32_t b) { return key_less(buffer_[a], buffer_[b]); };
    if (!std::is_sorted(order_.begin(), order_.end(), pos_less))
      std::stable_sort(order_.begin(), order_.end(), pos_less);
    for (uint32_t i : order_)
      if (auto st = write(buffer_[i]); !st) return st;
    buffer_.clear();
    return ok_status();
  }

  const std::vector<WriteProblem>& problems() const override { return problems_; }
  int64_t problem_count() const override { return problem_count_; }
  int64_t observations_written() const override { return written_; }

  Result<int64_t> commit(const Release& r) override {
    if (!txn_) return internal("release already committed");
    if (auto st = flush(); !st) return st.error();
    if (problem_count_ > 0)
      return invalid(std::to_string(problem_count_) + " observation(s) could not be written: " +
                     problems_.front().message);
    for (const auto& [metric, c] : per_metric_) {
      Stmt& rm = s_.insert_release_metric;
      rm.bind(1, release_id_);
      rm.bind(2, metric);
      rm.bind(3, c.observations);
      rm.bind(4, c.superseded);
      rm.bind(5, c.revised);
      if (auto st = db_.run(rm, "recording metric " + metric + " of the release"); !st)
        return st.error();
    }
    Stmt& up = s_.update_release;
    if (auto st = bind_release(up, r, ""); !st) return st.error();
    up.bind(11, release_id_);
    if (auto st = db_.run(up, "recording release"); !st) return st.error();
    s_ = Statements{};
    if (auto st = txn_->commit(); !st) return st.error();
    txn_.reset();
    return release_id_;
  }

 private:
  struct Pending {
    Observation obs;
    int64_t line;
    int32_t column;
  };
  struct Counts {
    int64_t observations = 0, superseded = 0, revised = 0;
  };

  Status bind_release(Stmt& st, const Release& r, const std::string& loaded_at) {
    st.bind(1, r.publisher);
    st.bind(2, r.source_url);
    st.bind(3, r.file_name);
    st.bind(4, r.format);
    st.bind(5, r.sha256);
    st.bind_or_null(6, r.published_on);
    if (!loaded_at.empty()) st.bind(7, loaded_at);
    st.bind(8, r.loaded_by);
    st.bind(9, r.licence);
    st.bind(10, written_);
    return ok_status();
  }

  void problem(const Pending& p, std::string message, bool duplicate) {
    if (problem_count_++ >= static_cast<int64_t>(kMaxProblems)) return;
    problems_.push_back(WriteProblem{p.line, p.column, p.obs.area_code, p.obs.metric_id,
                                     p.obs.period_id, std::move(message), duplicate});
  }

  Status write(const Pending& p) {
    const Observation& o = p.obs;
    if (!periods_.count(o.period_id)) {
      // A period the caller did not add: ids are canonical, so parsing gives
      // the same row.
      auto period = parse_period_id(o.period_id);
      if (!period) {
        problem(p, period.error().message, false);
        return ok_status();
      }
      if (auto st = add_period(*period); !st) return st;
    }
    auto known = has_current_.find(o.metric_id);
    if (known == has_current_.end()) {
      // Superseding costs an index probe per row; a metric with no current
      // value before this release (the usual first load) needs none, and
      // duplicates inside the release are still caught by the unique keys.
      s_.metric_has_current.bind(1, o.metric_id);
      int rc = s_.metric_has_current.step();
      s_.metric_has_current.reset();
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_.error(rc, "checking current values of metric " + o.metric_id);
      known = has_current_.emplace(o.metric_id, rc == SQLITE_ROW).first;
    }
    bool superseded = false, revised = false;
    if (known->second) {
      s_.supersede.bind(1, o.metric_id);
      s_.supersede.bind(2, o.period_id);
      s_.supersede.bind(3, o.area_code);
      int rc = s_.supersede.step();
      if (rc == SQLITE_ROW) {
        superseded = true;
        revised = s_.supersede.text_view(0) != o.value.text ||
                  s_.supersede.text_view(1) != to_string(o.value.marker);
        rc = s_.supersede.step();
      }
      s_.supersede.reset();
      if (rc != SQLITE_DONE) return db_.error(rc, "superseding an earlier revision");
    }
    Stmt& st = s_.insert_observation;
    st.bind(1, o.metric_id);
    st.bind(2, o.period_id);
    st.bind(3, o.area_code);
    st.bind(4, release_id_);
    st.bind(5, o.value.text);
    st.bind(6, o.value.number);
    st.bind(7, to_string(o.value.marker));
    st.bind(8, o.value.marker_text);
    st.bind(9, o.value.note);
    int rc = st.step();
    st.reset();
    if (rc == SQLITE_DONE) {
      ++written_;
      Counts& c = per_metric_[o.metric_id];
      ++c.observations;
      c.superseded += superseded;
      c.revised += revised;
      return ok_status();
    }
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
      problem(p, explain_missing_reference(db_, o), false);
      return ok_status();
    }
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
      problem(p, "the release holds this area, metric and period more than once", true);
      return ok_status();
    }
    return db_.error(rc, "observation for area " + o.area_code + ", metric " + o.metric_id +
                             ", period " + o.period_id);
  }

  Db& db_;
  std::unique_lock<std::mutex> lock_;
  std::optional<Transaction> txn_;
  Statements s_;  // after txn_: destroyed first
  int64_t release_id_ = 0;
  int64_t written_ = 0;
  std::vector<Pending> buffer_;
  std::vector<uint32_t> order_;
  std::unordered_set<std::string> periods_;
  std::unordered_map<std::string, bool> has_current_;
  std::map<std::string, Counts> per_metric_;
  std::vector<WriteProblem> problems_;
  int64_t problem_count_ = 0;
};

}  // namespace

Result<std::unique_ptr<ReleaseWriter>> begin_release(Db& db, std::unique_lock<std::mutex> lock,
                                                     const Release& release) {
  auto w = std::make_unique<SqliteReleaseWriter>(db, std::move(lock));
  if (auto st = w->begin(release); !st) return st.error();
  return std::unique_ptr<ReleaseWriter>(std::move(w));
}

}  // namespace lgb::sqlite
