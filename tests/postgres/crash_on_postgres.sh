#!/usr/bin/env bash
# Crash test on PostgreSQL: `lgbench ingest --db postgresql://...` of a large
# release is killed with SIGKILL at random points. After every kill, once the
# server has ended the dead client's session, the release must be wholly
# present (its row count, every observation, its per-metric counts) or wholly
# absent (every table as before the load). Half the kills fall at a random
# time in the load; half once the load's transaction is writing (its COPY or
# the statements after it, as pg_stat_activity shows), i.e. near the commit.
# Each trial runs on a fresh copy (CREATE DATABASE ... TEMPLATE) of the store
# before the release. Needs the ctest fixture "postgres".
#   crash_on_postgres.sh LGBENCH REPO_ROOT [TRIALS] [SEED]
set -euo pipefail
lgbench=${1:?lgbench binary}
root=${2:?repository root}
trials=${3:-8}
seed=${4:-$(date +%s)}
cluster_url=$(cat "${LGB_TEST_PG_URL_FILE:?}")
db_url() { echo "${cluster_url/\/lgbench\?/\/$1\?}"; }
base=lgb_crash_base
trial=lgb_crash_trial
work=$(mktemp -d /tmp/lgb-pgcrash-XXXXXX)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
export PGOPTIONS="-c client_min_messages=warning"  # no NOTICEs from DROP ... IF EXISTS
admin() { psql -X -q -v ON_ERROR_STOP=1 "$cluster_url" "$@"; }
q() { psql -X -qAt -v ON_ERROR_STOP=1 "$(db_url "$1")" -c "$2"; }
ms() { date +%s%3N; }
echo "crash test on PostgreSQL: $trials trials, seed $seed (rerun with: $0 $lgbench $root $trials $seed)"
RANDOM=$seed

# The store before the release: register and catalogue, then a synthetic
# cube's metrics (about 60,000 observations: 20 metrics x every English
# council x 10 years).
admin -c "DROP DATABASE IF EXISTS $trial" -c "DROP DATABASE IF EXISTS $base" -c "CREATE DATABASE $base"
{ head -1 "$root/data/sources.csv"; sed -n 2,5p "$root/data/sources.csv" | sed "s|^|$root/data/|"; } \
  >"$work/register.csv"
"$lgbench" ingest --db "$(db_url $base)" --manifest "$work/register.csv" >/dev/null
"$lgbench" synth --out "$work/cube" --metrics 20 --areas-from "$(db_url $base)" --rows-per-file 0 --seed 7 >/dev/null
csv=$(ls "$work"/cube/*observations*.csv | head -1)
"$lgbench" ingest --db "$(db_url $base)" "$(ls "$work"/cube/*metrics*.csv | head -1)" --format metrics-catalogue >/dev/null
rows=$(( $(wc -l <"$csv") - 1 ))
sha=$(sha256sum "$csv" | cut -d' ' -f1)
tables="releases release_metrics observations periods areas metrics metric_tags"
counts=""
for t in $tables; do counts+="${counts:+ || ' ' || }(SELECT count(*) FROM $t)"; done
mine="(SELECT id FROM releases WHERE sha256 = '$sha')"
# One line: copies of the release | its row_count | its observations | its
# release_metrics rows | its current observations | every table's row count.
inspect() {
  q "$1" "SELECT (SELECT count(*) FROM releases WHERE sha256 = '$sha') || '|' ||
           coalesce((SELECT row_count FROM releases WHERE id = $mine)::text, '') || '|' ||
           (SELECT count(*) FROM observations WHERE release_id = $mine) || '|' ||
           (SELECT coalesce(sum(row_count), 0) FROM release_metrics WHERE release_id = $mine) || '|' ||
           (SELECT count(*) FROM observations WHERE release_id = $mine AND current) || '|' ||
           $counts"
}
before=$(inspect $base | cut -d'|' -f6)

failures=0
fail() { echo "FAILED: $*"; failures=$((failures + 1)); }
# check DB LABEL: the release wholly present or wholly absent; sets outcome.
check() {
  local n stored counted by_metric current now
  IFS='|' read -r n stored counted by_metric current now <<<"$(inspect "$1")"
  case $n in
    0)
      [ "$now" = "$before" ] || fail "$2: release absent but the store changed: $before -> $now"
      outcome=absent ;;
    1)
      [ "$stored" = "$rows" ] && [ "$counted" = "$rows" ] && [ "$by_metric" = "$rows" ] && [ "$current" = "$rows" ] ||
        fail "$2: release partly present: $rows rows in the file, row_count $stored, observations $counted, release_metrics $by_metric, current $current"
      outcome=present ;;
    *)
      fail "$2: release loaded $n times"
      outcome=present ;;
  esac
}
fresh_trial() {
  admin -c "DROP DATABASE IF EXISTS $trial" -c "CREATE DATABASE $trial TEMPLATE $base"
}
load() {  # load DB: starts the ingest in the background, sets pid
  "$lgbench" ingest --db "$(db_url "$1")" "$csv" --format tidy --publisher crash-test >"$work/ingest.out" 2>&1 &
  pid=$!
}
# The server ends a killed client's session when it notices the closed
# socket; until then its transaction is open (and a COMMIT already sent may
# still complete). Wait for the session to be gone before looking.
sessions() {
  q postgres "SELECT count(*) FROM pg_stat_activity WHERE datname = '$1' AND pid <> pg_backend_pid()"
}
settle() {
  for _ in $(seq 1 200); do
    [ "$(sessions "$1")" = 0 ] && return 0
    sleep 0.05
  done
  fail "the killed load's session on $1 did not end"
}
writing() {  # the load's transaction is copying or applying the observations
  [ "$(q postgres "SELECT count(*) FROM pg_stat_activity WHERE datname = '$trial'
                     AND state = 'active' AND (query ILIKE 'COPY%' OR query ILIKE '%observations%')")" != 0 ]
}

# One uninterrupted load: its duration spreads the kill times.
fresh_trial
start=$(ms)
load $trial
wait "$pid" || { cat "$work/ingest.out"; fail "the uninterrupted load failed"; exit 1; }
pid=""
duration=$(( $(ms) - start ))
check $trial "uninterrupted load"
[ "$outcome" = present ] || fail "uninterrupted load: release absent"
echo "uninterrupted load: $rows rows in $duration ms"

present=0 absent=0 finished=0
for i in $(seq 1 "$trials"); do
  fresh_trial
  load $trial
  if [ $((i % 2)) = 1 ]; then
    delay=$(( (RANDOM * 32768 + RANDOM) % (duration + 1) ))
    how="after ${delay} ms"
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  else
    how="while writing observations"
    while kill -0 "$pid" 2>/dev/null && ! writing; do sleep 0.01; done
    # Somewhere in the writing: up to a tenth of the load's duration later.
    sleep "$(printf '0.%03d' $(( RANDOM % (duration / 10 + 1) % 1000 )))"
  fi
  if kill -9 "$pid" 2>/dev/null; then :; else finished=$((finished + 1)); fi
  wait "$pid" 2>/dev/null || true
  pid=""
  settle $trial
  check $trial "trial $i (killed $how)"
  if [ "$outcome" = present ]; then present=$((present + 1)); else absent=$((absent + 1)); fi
done
echo "$trials kills: release absent after $absent, present after $present ($finished loads had finished before the kill)"
[ "$absent" -gt 0 ] || fail "no kill interrupted the load"

# The last trial's database, whatever the kill left, takes the same release
# whole (or already has it).
"$lgbench" ingest --db "$(db_url $trial)" "$csv" --format tidy --publisher crash-test >"$work/ingest.out" 2>&1 ||
  { cat "$work/ingest.out"; fail "load after a crash failed"; }
check $trial "load after a crash"
[ "$outcome" = present ] || fail "load after a crash: release absent"
admin -c "DROP DATABASE IF EXISTS $trial" -c "DROP DATABASE IF EXISTS $base"

if [ "$failures" -gt 0 ]; then
  echo "$failures failures (seed $seed)"
  exit 1
fi
echo "ok: every kill left the release wholly present or absent"
