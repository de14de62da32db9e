#!/usr/bin/env bash
# lgbench migrate --from SQLITE --to postgresql://...: the copy holds every
# release (ids, load times, provenance), every revision of every value, the
# per-release counts, groups and ratios exactly, and the accounts (users with
# their ids and password hashes, keys, the audit log); the commands answer the
# same on both; a key made on SQLite works on a PostgreSQL-backed server given
# the same secret; --without-accounts leaves the accounts behind; a non-empty
# target is refused unless --replace; a copy changed afterwards fails the
# check (exit 3); loads and new users after the copy carry on.
# Needs the ctest fixture "postgres" (LGB_TEST_PG_URL_FILE).
#   migrate_to_postgres.sh LGBENCH REPO_ROOT
set -euo pipefail
lgbench=${1:?lgbench binary}
root=${2:?repository root}
cluster_url=$(cat "${LGB_TEST_PG_URL_FILE:?}")
db=lgb_migrate_test
url=${cluster_url/\/lgbench\?/\/$db\?}
work=$(mktemp -d /tmp/lgb-migrate-XXXXXX)
trap 'rm -rf "$work"' EXIT
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
export PGOPTIONS="-c client_min_messages=warning"  # no NOTICEs from DROP ... IF EXISTS
psql -X -q "$cluster_url" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
pg() { psql -X -qAt -v ON_ERROR_STOP=1 "$url" -c "$1"; }
manifest() {  # manifest PATTERN: the sources.csv lines matching it, with absolute paths
  head -1 "$root/data/sources.csv"
  grep -E "$1" "$root/data/sources.csv" | sed "s|^|$root/data/|"
}

# An SQLite store with history: the same metric twice (the second file
# revises the first), a group and a ratio.
lite=$work/lgb.db
manifest '^(catalogue/|register/|ons-els/claimant-count|trafford/ulev)' >"$work/manifest.csv"
"$lgbench" ingest --db "$lite" --manifest "$work/manifest.csv" >/dev/null
manifest '^ons-els/gigabit-capable-broadband' >"$work/more.csv"
"$lgbench" ingest --db "$lite" --manifest "$work/more.csv" >/dev/null
"$lgbench" groups create --db "$lite" --id core-cities --name "Core cities" \
  --areas E08000035,E08000003,E08000025 >/dev/null
"$lgbench" ratios create --db "$lite" --id claimants-per-km2 --numerator claimant-count \
  --denominator area-km2 --title "Claimants per km²" --unit "per km²" --measure rate >/dev/null

# Carbon: both bundled factor years, and the demo's synthetic footprints.
"$lgbench" factors load --db "$lite" --manifest "$root/data/ghg_conversion_factors/factor_sets.csv" >/dev/null
"$lgbench" carbon synthetic-demo --db "$lite" --period fy2022-23 >/dev/null

# Accounts: an organisation, an analyst and a key (loads are in the audit log too).
"$lgbench" users add --db "$lite" --email analyst@leeds.example --name "Leeds analyst" \
  --org E08000035 --role analyst >/dev/null
"$lgbench" keys create --db "$lite" --email analyst@leeds.example >"$work/key.out"
bearer=$(sed -n 's/.*Authorization: Bearer //p' "$work/key.out")
# A council's carbon year with its lines and target, published (as the API
# writes them), with a NULL and numbers that must read back exactly.
sqlite3 "$lite" <<'SQL'
INSERT INTO carbon_years VALUES ('E08000035', 'fy2022-23', 2022, 'Operational control', 'Buildings',
  'Schools', 'Meter reads', 'None', NULL, '2026-11-30T00:00:00Z', 'user:analyst@leeds.example',
  '2026-11-30T00:00:01Z', 'user:analyst@leeds.example', 1);
INSERT INTO carbon_activity VALUES ('E08000035', 'fy2022-23', 0, 'buildings', 'Civic Hall gas', 'Fuels',
  'Gaseous fuels', 'Natural gas', '', '', 'kWh (Gross CV)', '250000', 250000, NULL, 'meter', '');
INSERT INTO carbon_activity VALUES ('E08000035', 'fy2022-23', 1, 'buildings', 'Electricity', 'UK electricity',
  'Electricity generated', 'Electricity: UK', 'kWh', '', 'kWh', '1000000.1', 1000000.1, 0.1, '', 'https://example.org/e');
INSERT INTO carbon_waste VALUES ('E08000035', 'fy2022-23', 0, 'Household residual waste', 'Landfill', '10000', 10000);
INSERT INTO carbon_targets VALUES ('E08000035', 'fy2022-23', 13.1, 2038, '2026-11-30T00:00:00Z', 'user:analyst@leeds.example');
SQL

# --without-accounts copies the data only, and says what it left behind.
check "--without-accounts copies and verifies" bash -c "'$lgbench' migrate --from '$lite' --to '$url' --without-accounts >'$work/without.out' 2>&1"
check "saying what it left behind" grep -q "left behind: table audit_log" "$work/without.out"
check "the data tables the same" grep -q "copy verified: 14 tables" "$work/without.out"
check "no user copied" test "$(pg "SELECT count(*) FROM users")" = 0

check "migrate copies and verifies, accounts and all" bash -c "'$lgbench' migrate --from '$lite' --to '$url' --replace >'$work/migrate.out' 2>&1"
cat "$work/migrate.out"
check "every table the same" grep -q "copy verified: 24 tables" "$work/migrate.out"
check "no table differs" bash -c "! grep -q ' NO$' '$work/migrate.out'"
check "naming the server secret to carry over" grep -q -- "--secret-file $lite.secret" "$work/migrate.out"

same() {  # same ARGS...: the command's output on PostgreSQL equals SQLite's
  "$lgbench" "$@" --db "$url" >"$work/pg.out" 2>&1
  "$lgbench" "$@" --db "$lite" >"$work/sqlite.out" 2>&1
  [ -s "$work/pg.out" ] && diff -u "$work/sqlite.out" "$work/pg.out"
}
check "releases, with ids, load times and provenance" same query releases --format csv
check "values with every revision" same query data --metric claimant-count --history --format csv
check "groups" same groups list --format csv
check "ratios" same ratios list --format csv
check "factor years" same factors years --format csv
check "factors as published" same factors list --year 2023 --search "Natural gas" --format csv
check "a council's carbon year, lines and target" \
  test "$(pg "SELECT count(*) FROM carbon_years y JOIN carbon_activity a USING (organisation_id, period_id) JOIN carbon_targets t USING (organisation_id) WHERE a.market_factor = 0.1")" = 1
check "freshness" same freshness --format csv --as-of 2026-11-30 --data-dir "$root/data"
check "a comparison in the copied group" \
  same compare --area E08000035 --metric claimants-per-km2 --group core-cities --data-dir "$root/data"
export LGB_SECRET_FILE=$lite.secret  # the secret the SQLite store made, carried over
check "users" same users list --format csv
check "keys" same keys list --format csv
check "the audit log" same audit --format csv --limit 1000

# The key made on SQLite works on a server on the copy: an analyst's write.
srv=$work/serve.out
"$lgbench" serve --db "$url" --port 0 --host 127.0.0.1 --data-dir "$root/data" >"$srv" 2>&1 &
serve_pid=$!
for _ in $(seq 1 600); do grep -q "listening on" "$srv" && break; sleep 0.1; done
base=$(grep -o "http://127.0.0.1:[0-9]*" "$srv" | head -1)
status=$(curl -s -o "$work/post.out" -w '%{http_code}' -X POST -H "Authorization: Bearer $bearer" \
  -H 'Content-Type: application/json' -d '{"id":"leeds-pair","name":"Leeds pair","area_codes":["E08000035","E08000036"]}' \
  "$base/api/v1/groups")
check "a copied key writes through a PostgreSQL-backed server (201)" test "$status" = 201
check "and its use is in the copied audit log" \
  test "$(pg "SELECT count(*) FROM audit_log WHERE action = 'key-use'")" -ge 1
kill "$serve_pid"; wait "$serve_pid" || true
pg "DELETE FROM custom_group_members WHERE group_id = 'leeds-pair'; DELETE FROM custom_groups WHERE id = 'leeds-pair'" >/dev/null
check "a user added after the copy gets the next id" \
  "$lgbench" users add --db "$url" --email later@leeds.example --name Later --org E08000035 --role member
check "after the copied ones" \
  test "$(pg "SELECT max(id) FROM users")" -gt "$(sqlite3 "$lite" "SELECT max(id) FROM users")"
check "the audit log carries on after the copied entries" \
  test "$(pg "SELECT max(id) FROM audit_log")" -gt "$(sqlite3 "$lite" "SELECT max(id) FROM audit_log")"
unset LGB_SECRET_FILE

# A second migrate into the same database is refused; nothing changes.
before=$(pg "SELECT count(*) FROM observations")
set +e
"$lgbench" migrate --from "$lite" --to "$url" >"$work/again.out" 2>&1
rc=$?
set -e
check "a non-empty target is refused" test "$rc" -ne 0
check "saying why" grep -q "is not empty" "$work/again.out"
check "and it is unchanged" test "$(pg "SELECT count(*) FROM observations")" = "$before"
check "--replace copies again" bash -c "'$lgbench' migrate --from '$lite' --to '$url' --replace >'$work/replace.out' 2>&1"
check "still verified" grep -q "copy verified" "$work/replace.out"

# A copy that differs afterwards is caught, naming the table, with exit 3.
pg "UPDATE observations SET text = text || ' ' WHERE ctid = (SELECT ctid FROM observations LIMIT 1)" >/dev/null
set +e
"$lgbench" migrate --from "$lite" --to "$url" --check-only >"$work/check.out" 2>&1
rc=$?
set -e
check "a changed value fails the check (exit 3)" test "$rc" -eq 3
check "naming the table" grep -qE '^observations .* NO$' "$work/check.out"
check "and only that table" test "$(grep -c ' NO$' "$work/check.out")" -eq 1
"$lgbench" migrate --from "$lite" --to "$url" --replace >/dev/null

# A store with rows this build cannot copy is refused before anything is written.
cp "$lite" "$work/extra.db"
sqlite3 "$work/extra.db" "CREATE TABLE later_feature (x TEXT); INSERT INTO later_feature VALUES ('a');"
set +e
"$lgbench" migrate --from "$work/extra.db" --to "$url" --replace >"$work/extra.out" 2>&1
rc=$?
set -e
check "unknown tables with rows are refused" test "$rc" -ne 0
check "naming them" grep -q "later_feature" "$work/extra.out"
check "the earlier copy is untouched" bash -c "'$lgbench' migrate --from '$lite' --to '$url' --check-only >/dev/null"

# Loading carries on after the copy: the next release gets the next id.
manifest '^ons-els/(cigarette-smokers|early-years)' >"$work/later.csv"
"$lgbench" ingest --db "$url" --manifest "$work/later.csv" >/dev/null
"$lgbench" ingest --db "$lite" --manifest "$work/later.csv" >/dev/null
check "a later load numbers its releases after the copied ones, as SQLite does" \
  test "$(pg "SELECT max(id) FROM releases")" = "$(sqlite3 "$lite" "SELECT max(id) FROM releases")"
check "and both stores answer alike" same query data --metric cigarette-smokers --history --format csv

psql -X -q "$cluster_url" -c "DROP DATABASE IF EXISTS $db"
finish
