#!/usr/bin/env bash
# The lgbench command line on PostgreSQL, end to end: `--db postgresql://...`
# for ingest, query, the engine commands and serve gives exactly what the same
# commands give on SQLite from the same files; a second load of the same files
# changes nothing; an unreachable server is a clear error that never shows the
# password. Needs the ctest fixture "postgres" (LGB_TEST_PG_URL_FILE).
#   cli_on_postgres.sh LGBENCH REPO_ROOT
set -euo pipefail
lgbench=${1:?lgbench binary}
root=${2:?repository root}
cluster_url=$(cat "${LGB_TEST_PG_URL_FILE:?}")
db=lgb_cli_test
url=${cluster_url/\/lgbench\?/\/$db\?}
# A password the server does not ask for (it trusts local connections): no
# output of any command below may show it.
url="$url&password=never-shown"
work=$(mktemp -d /tmp/lgb-cli-pg-XXXXXX)
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cleanup() {
  stop_replicas
  rm -rf "$work"
}
trap cleanup EXIT

psql -X -q "$cluster_url" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"

# The catalogue, the register and two real metrics, with absolute paths.
{
  head -1 "$root/data/sources.csv"
  grep -E '^(catalogue/|register/|ons-els/claimant-count|trafford/ulev)' "$root/data/sources.csv" |
    sed "s|^|$root/data/|"
} >"$work/manifest.csv"

"$lgbench" ingest --db "$url" --manifest "$work/manifest.csv" >"$work/ingest-pg.out"
"$lgbench" ingest --db "$work/lgb.db" --manifest "$work/manifest.csv" >"$work/ingest-sqlite.out"

same() {  # same ARGS...: the command's output on PostgreSQL equals SQLite's
  "$lgbench" "$@" --db "$url" >"$work/pg.out" 2>&1
  "$lgbench" "$@" --db "$work/lgb.db" >"$work/sqlite.out" 2>&1
  if [ ! -s "$work/pg.out" ]; then echo "empty output"; return 1; fi
  diff -u "$work/sqlite.out" "$work/pg.out"
}
check "query areas" same query areas
check "query metrics" same query metrics
check "query data with history" same query data --metric claimant-count --history --format csv
check "compare" same compare --area E08000035 --metric claimant-count --group neighbours --data-dir "$root/data"
check "outliers" same outliers --area E08000035 --group neighbours --data-dir "$root/data"

# The same files again: nothing new is loaded (release ids, checksums and
# load times unchanged).
"$lgbench" query releases --format csv --db "$url" >"$work/releases-before.csv"
"$lgbench" ingest --db "$url" --manifest "$work/manifest.csv" >"$work/again.out" 2>&1
"$lgbench" query releases --format csv --db "$url" >"$work/releases-after.csv"
check "six releases, with provenance" test "$(grep -c ',lgbench,' "$work/releases-after.csv")" -eq 6
check "second load changes nothing" diff -u "$work/releases-before.csv" "$work/releases-after.csv"

# An unreachable server: a clear error naming the database without its password.
set +e
LGB_DB_RETRY_SECONDS=1 "$lgbench" query metrics --db "postgresql://lgb:s3cret@127.0.0.1:1/lgbench" >"$work/down.out" 2>&1
rc=$?
set -e
check "unreachable server fails" test "$rc" -ne 0
check "error says it cannot open the database" grep -qF "cannot open database 'postgresql://lgb:***@127.0.0.1:1/lgbench'" "$work/down.out"
check "the password is never shown" bash -c "! grep -q s3cret '$work/down.out'"

# Two replicas (serve processes) on the one PostgreSQL database answer the API
# and the pages, and both pick up a release loaded while they run.
a=$(start_replica replica-a 100)
b=$(start_replica replica-b 100)
check "both replicas start" test -n "$a" -a -n "$b"
check "health" bash -c "curl -sf '$a/api/v1/health' | grep -q '\"status\"'"
check "values over HTTP" bash -c "curl -sf '$b/api/v1/data?metric=claimant-count&area=E08000035' | grep -q E08000035"
check "council page" bash -c "curl -sf '$a/areas/E08000035' | grep -q Leeds"
check "no broadband values before their release" bash -c "! curl -sf '$b/api/v1/data?metric=gigabit-capable-broadband&area=E08000035' | grep -q E08000035"

grep -E '^ons-els/gigabit-capable-broadband' "$root/data/sources.csv" | sed "s|^|$root/data/|" |
  cat <(head -1 "$root/data/sources.csv") - >"$work/more.csv"
"$lgbench" ingest --db "$url" --manifest "$work/more.csv" >"$work/more.out"
seen() {  # seen BASE: the replica serves the new release within 30 s
  for _ in $(seq 1 300); do
    curl -sf "$1/api/v1/data?metric=gigabit-capable-broadband&area=E08000035" | grep -q E08000035 && return 0
    sleep 0.1
  done
  return 1
}
check "replica a serves the new release" seen "$a"
check "replica b serves the new release" seen "$b"

check "no output shows the password in the URL" bash -c "! grep -rq never-shown '$work'"
finish
