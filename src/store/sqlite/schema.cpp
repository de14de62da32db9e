#include "store/sqlite/schema.h"

#include <sqlite3.h>

#include <string>

namespace lgb::sqlite {
namespace {

// Append-only: never edit a migration once released; add a new one.
// Optional text columns hold NULL for "unknown/empty" so that a PostgreSQL
// mapping can type them as DATE; the store maps NULL back to "".
constexpr const char* kMigrations[] = {
    // 1: everything.
    R"sql(
CREATE TABLE releases (
  id           INTEGER PRIMARY KEY,
  publisher    TEXT NOT NULL,
  source_url   TEXT NOT NULL,
  file_name    TEXT NOT NULL,
  format       TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  published_on TEXT,
  loaded_at    TEXT NOT NULL,
  loaded_by    TEXT NOT NULL,
  licence      TEXT NOT NULL,
  row_count    INTEGER NOT NULL,
  UNIQUE (sha256, format)
);

CREATE TABLE areas (
  code        TEXT PRIMARY KEY NOT NULL,
  name        TEXT NOT NULL,
  type        TEXT NOT NULL,
  region_code TEXT,
  parent_code TEXT,
  start_date  TEXT,
  end_date    TEXT,
  release_id  INTEGER NOT NULL REFERENCES releases (id)
) WITHOUT ROWID;
CREATE INDEX areas_type ON areas (type);

CREATE TABLE area_successors (
  area_code      TEXT NOT NULL REFERENCES areas (code),
  position       INTEGER NOT NULL,
  successor_code TEXT NOT NULL,
  PRIMARY KEY (area_code, position)
) WITHOUT ROWID;

CREATE TABLE metrics (
  id          TEXT PRIMARY KEY NOT NULL,
  title       TEXT NOT NULL,
  description TEXT NOT NULL,
  unit        TEXT NOT NULL,
  polarity    TEXT NOT NULL,
  decimals    INTEGER NOT NULL,
  publisher   TEXT NOT NULL,
  source_url  TEXT NOT NULL,
  licence     TEXT NOT NULL,
  visibility  TEXT NOT NULL,
  release_id  INTEGER NOT NULL REFERENCES releases (id)
) WITHOUT ROWID;

-- Metric.themes / services / directorates / portfolios, in their order.
CREATE TABLE metric_tags (
  metric_id TEXT NOT NULL REFERENCES metrics (id),
  facet     TEXT NOT NULL CHECK (facet IN ('theme', 'service', 'directorate', 'portfolio')),
  position  INTEGER NOT NULL,
  tag       TEXT NOT NULL,
  PRIMARY KEY (metric_id, facet, position)
) WITHOUT ROWID;
CREATE INDEX metric_tags_by_tag ON metric_tags (facet, tag);

CREATE TABLE periods (
  id         TEXT PRIMARY KEY NOT NULL,
  kind       TEXT NOT NULL,
  start_date TEXT NOT NULL,
  months     INTEGER NOT NULL,
  sort_key   INTEGER NOT NULL,
  label      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX periods_sort ON periods (sort_key);

CREATE TABLE observations (
  id          INTEGER PRIMARY KEY,
  metric_id   TEXT NOT NULL REFERENCES metrics (id),
  period_id   TEXT NOT NULL REFERENCES periods (id),
  area_code   TEXT NOT NULL REFERENCES areas (code),
  release_id  INTEGER NOT NULL REFERENCES releases (id),
  text        TEXT NOT NULL,
  number      REAL,
  marker      TEXT NOT NULL,
  marker_text TEXT NOT NULL,
  note        TEXT NOT NULL,
  current     INTEGER NOT NULL CHECK (current IN (0, 1)),
  UNIQUE (metric_id, period_id, area_code, release_id)
);
-- At most one current revision per key, and the index that serves
-- "current values for a metric [, period] [, areas]".
CREATE UNIQUE INDEX observations_current
  ON observations (metric_id, period_id, area_code) WHERE current = 1;

CREATE TABLE custom_groups (
  id         TEXT PRIMARY KEY NOT NULL,
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE custom_group_members (
  group_id  TEXT NOT NULL REFERENCES custom_groups (id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  area_code TEXT NOT NULL REFERENCES areas (code),
  PRIMARY KEY (group_id, position)
) WITHOUT ROWID;

CREATE TABLE ratios (
  id                 TEXT PRIMARY KEY NOT NULL,
  title              TEXT NOT NULL,
  numerator_metric   TEXT NOT NULL REFERENCES metrics (id),
  denominator_metric TEXT NOT NULL REFERENCES metrics (id),
  scale              REAL NOT NULL,
  polarity           TEXT NOT NULL,
  unit               TEXT NOT NULL,
  decimals           INTEGER NOT NULL
) WITHOUT ROWID;
)sql",
    // 2: rows per metric of each release, so that a release's provenance and
    // counts can be shown only to callers who may see its metrics
    // (restricted and draft metrics, docs/api.md "Visibility").
    R"sql(
CREATE TABLE release_metrics (
  release_id INTEGER NOT NULL REFERENCES releases (id),
  metric_id  TEXT NOT NULL REFERENCES metrics (id),
  row_count  INTEGER NOT NULL,
  PRIMARY KEY (release_id, metric_id)
) WITHOUT ROWID;
INSERT INTO release_metrics (release_id, metric_id, row_count)
  SELECT release_id, metric_id, COUNT(*) FROM observations GROUP BY release_id, metric_id;
)sql",
    // 3: the kind of figure each metric and ratio is (count, rate, share, ...):
    // counts are left out of the default outlier scan (docs/methods.md).
    R"sql(
ALTER TABLE metrics ADD COLUMN measure TEXT NOT NULL DEFAULT 'other';
ALTER TABLE ratios ADD COLUMN measure TEXT NOT NULL DEFAULT 'ratio';
)sql",
    // 4: what each release revised, per metric: of its rows, the keys that
    // had an earlier current value, and of those, the ones whose published
    // text or marker changed (the per-metric change log, freshness).
    R"sql(
ALTER TABLE release_metrics ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
ALTER TABLE release_metrics ADD COLUMN revised INTEGER NOT NULL DEFAULT 0;
CREATE INDEX release_metrics_by_metric ON release_metrics (metric_id, release_id);
)sql",
    // 5: who may see a restricted metric, and accounts: organisations,
    // users, API keys, sign-in sessions, password reset tokens and the
    // append-only audit log (store/accounts.h, docs/security.md). Secrets
    // are stored only as hashes.
    R"sql(
CREATE TABLE metric_organisations (
  metric_id       TEXT NOT NULL REFERENCES metrics (id),
  organisation_id TEXT NOT NULL,
  PRIMARY KEY (metric_id, organisation_id)
) WITHOUT ROWID;

CREATE TABLE organisations (
  id         TEXT PRIMARY KEY NOT NULL,
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE users (
  id              INTEGER PRIMARY KEY,
  email           TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  role            TEXT NOT NULL
                  CHECK (role IN ('member', 'analyst', 'data-manager', 'administrator')),
  password_hash   TEXT,
  disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  failed_sign_ins INTEGER NOT NULL DEFAULT 0,
  locked_until    TEXT,
  created_at      TEXT NOT NULL
);

CREATE TABLE api_keys (
  id            TEXT PRIMARY KEY NOT NULL,
  user_id       INTEGER NOT NULL REFERENCES users (id),
  label         TEXT NOT NULL,
  salt          TEXT NOT NULL,
  secret_sha256 TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  revoked_at    TEXT,
  last_used_on  TEXT
) WITHOUT ROWID;
CREATE INDEX api_keys_by_user ON api_keys (user_id);

CREATE TABLE sessions (
  token_sha256 TEXT PRIMARY KEY NOT NULL,
  user_id      INTEGER NOT NULL REFERENCES users (id),
  csrf_token   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE reset_tokens (
  token_sha256 TEXT PRIMARY KEY NOT NULL,
  user_id      INTEGER NOT NULL REFERENCES users (id),
  expires_at   TEXT NOT NULL,
  used_at      TEXT
) WITHOUT ROWID;

CREATE TABLE audit_log (
  id              INTEGER PRIMARY KEY,
  at              TEXT NOT NULL,
  actor           TEXT NOT NULL,
  action          TEXT NOT NULL,
  subject         TEXT NOT NULL,
  organisation_id TEXT,
  detail          TEXT NOT NULL
);
CREATE INDEX audit_log_by_action ON audit_log (action, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql",
    // 6: GHG conversion factors, every factor year kept with its provenance
    // and each value as published, and councils' carbon inventories: a year
    // of activity and waste lines, the scope sheet, the factor year chosen,
    // publication, and the council's target (store/carbon.h).
    R"sql(
CREATE TABLE ghg_factor_sets (
  year       INTEGER PRIMARY KEY NOT NULL,
  publisher  TEXT NOT NULL,
  source_url TEXT NOT NULL,
  file_name  TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  licence    TEXT NOT NULL,
  note       TEXT NOT NULL,
  loaded_at  TEXT NOT NULL,
  loaded_by  TEXT NOT NULL,
  row_count  INTEGER NOT NULL
);

CREATE TABLE ghg_factors (
  year        INTEGER NOT NULL REFERENCES ghg_factor_sets (year),
  scope       TEXT NOT NULL,
  level1      TEXT NOT NULL,
  level2      TEXT NOT NULL,
  level3      TEXT NOT NULL,
  level4      TEXT NOT NULL,
  column_text TEXT NOT NULL,
  unit        TEXT NOT NULL,
  gas         TEXT NOT NULL CHECK (gas IN ('CO2e', 'CO2', 'CH4', 'N2O')),
  text        TEXT NOT NULL,
  value       REAL NOT NULL,
  source_id   TEXT NOT NULL,
  PRIMARY KEY (year, level1, level2, level3, level4, column_text, unit, gas)
) WITHOUT ROWID;

CREATE TABLE carbon_years (
  organisation_id         TEXT NOT NULL REFERENCES organisations (id),
  period_id               TEXT NOT NULL,
  factor_year             INTEGER NOT NULL REFERENCES ghg_factor_sets (year),
  boundary                TEXT NOT NULL,
  included                TEXT NOT NULL,
  excluded                TEXT NOT NULL,
  data_sources            TEXT NOT NULL,
  estimation              TEXT NOT NULL,
  net_revenue_expenditure REAL,
  updated_at              TEXT NOT NULL,
  updated_by              TEXT NOT NULL,
  published_at            TEXT,
  published_by            TEXT,
  published_release_id    INTEGER REFERENCES releases (id),
  PRIMARY KEY (organisation_id, period_id)
) WITHOUT ROWID;

CREATE TABLE carbon_activity (
  organisation_id TEXT NOT NULL,
  period_id       TEXT NOT NULL,
  position        INTEGER NOT NULL,
  category        TEXT NOT NULL,
  description     TEXT NOT NULL,
  level1          TEXT NOT NULL,
  level2          TEXT NOT NULL,
  level3          TEXT NOT NULL,
  level4          TEXT NOT NULL,
  column_text     TEXT NOT NULL,
  unit            TEXT NOT NULL,
  quantity_text   TEXT NOT NULL,
  quantity        REAL NOT NULL,
  market_factor   REAL,
  source_note     TEXT NOT NULL,
  evidence_url    TEXT NOT NULL,
  PRIMARY KEY (organisation_id, period_id, position),
  FOREIGN KEY (organisation_id, period_id)
    REFERENCES carbon_years (organisation_id, period_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE carbon_waste (
  organisation_id TEXT NOT NULL,
  period_id       TEXT NOT NULL,
  position        INTEGER NOT NULL,
  stream          TEXT NOT NULL,
  route           TEXT NOT NULL,
  tonnes_text     TEXT NOT NULL,
  tonnes          REAL NOT NULL,
  PRIMARY KEY (organisation_id, period_id, position),
  FOREIGN KEY (organisation_id, period_id)
    REFERENCES carbon_years (organisation_id, period_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE carbon_targets (
  organisation_id          TEXT PRIMARY KEY NOT NULL REFERENCES organisations (id),
  baseline_period          TEXT NOT NULL,
  annual_reduction_percent REAL NOT NULL,
  net_zero_year            INTEGER NOT NULL,
  updated_at               TEXT NOT NULL,
  updated_by               TEXT NOT NULL
) WITHOUT ROWID;
)sql",
};

constexpr int kLatest = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);

}  // namespace

int latest_schema_version() { return kLatest; }

Result<int> schema_version(Db& db) {
  auto st = db.prepare("PRAGMA user_version");
  if (!st) return st.error();
  int rc = st->step();
  if (rc != SQLITE_ROW) return db.error(rc, "reading schema version");
  return static_cast<int>(st->int64(0));
}

Status migrate(Db& db) {
  // Read the version inside a write transaction so two processes opening a
  // new file at once cannot both run migration 1.
  auto txn = Transaction::begin(db, /*immediate=*/true);
  if (!txn) return txn.error();
  auto version = schema_version(db);
  if (!version) return version.error();
  if (*version > kLatest)
    return io_error("database schema version " + std::to_string(*version) +
                    " is newer than this build understands (" + std::to_string(kLatest) +
                    "); upgrade lgbench");
  for (int v = *version; v < kLatest; ++v) {
    if (auto s = db.exec(kMigrations[v]); !s)
      return Error{s.error().code,
                   "schema migration " + std::to_string(v + 1) + " failed: " + s.error().message};
    std::string set = "PRAGMA user_version = " + std::to_string(v + 1);
    if (auto s = db.exec(set.c_str()); !s) return s.error();
  }
  return txn->commit();
}

}  // namespace lgb::sqlite
