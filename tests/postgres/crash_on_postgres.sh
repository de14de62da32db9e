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
# shellcheck source=../support/crash_lib.sh
source "$(dirname "$0")/../support/crash_lib.sh"
export PGOPTIONS="-c client_min_messages=warning"  # no NOTICEs from DROP ... IF EXISTS
admin() { psql -X -q -v ON_ERROR_STOP=1 "$cluster_url" "$@"; }
q() { psql -X -qAt -v ON_ERROR_STOP=1 "$(db_url "$1")" -c "$2"; }
echo "crash test on PostgreSQL: $trials trials, seed $seed (rerun with: $0 $lgbench $root $trials $seed)"
RANDOM=$seed

admin -c "DROP DATABASE IF EXISTS $trial" -c "DROP DATABASE IF EXISTS $base" -c "CREATE DATABASE $base"
crash_store "$(db_url $base)"
# One line: copies of the release | its row_count | its observations | its
# release_metrics rows | every table's row count | its current observations.
inspect() {
  q "$1" "SELECT (SELECT count(*) FROM releases WHERE sha256 = '$sha') || '|' ||
           coalesce((SELECT row_count FROM releases WHERE id = $mine)::text, '') || '|' ||
           (SELECT count(*) FROM observations WHERE release_id = $mine) || '|' ||
           (SELECT coalesce(sum(row_count), 0) FROM release_metrics WHERE release_id = $mine) || '|' ||
           $counts || '|' ||
           (SELECT count(*) FROM observations WHERE release_id = $mine AND current)"
}
before=$(inspect $base | cut -d'|' -f5)

# check DB LABEL: the release wholly present or wholly absent; sets outcome.
check() {
  local n stored counted by_metric now current
  IFS='|' read -r n stored counted by_metric now current <<<"$(inspect "$1")"
  judge "$2" "$n" "$stored" "$counted" "$by_metric" "$now" "$current"
}
fresh_trial() {
  admin -c "DROP DATABASE IF EXISTS $trial" -c "CREATE DATABASE $trial TEMPLATE $base"
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
load "$(db_url $trial)"
wait "$pid" || { cat "$work/ingest.out"; fail "the uninterrupted load failed"; exit 1; }
pid=""
duration=$(( $(ms) - start ))
check $trial "uninterrupted load"
[ "$outcome" = present ] || fail "uninterrupted load: release absent"
echo "uninterrupted load: $rows rows in $duration ms"

for i in $(seq 1 "$trials"); do
  fresh_trial
  load "$(db_url $trial)"
  if [ $((i % 2)) = 1 ]; then
    sleep_random_part "$duration"
  else
    how="while writing observations"
    while kill -0 "$pid" 2>/dev/null && ! writing; do sleep 0.01; done
    # Somewhere in the writing: up to a tenth of the load's duration later.
    sleep "$(printf '0.%03d' $(( RANDOM % (duration / 10 + 1) % 1000 )))"
  fi
  kill_load
  settle $trial
  check $trial "trial $i (killed $how)"
  tally
done
crash_finish

# The last trial's database, whatever the kill left, takes the same release
# whole (or already has it).
"$lgbench" ingest --db "$(db_url $trial)" "$csv" --format tidy --publisher crash-test >"$work/ingest.out" 2>&1 ||
  { cat "$work/ingest.out"; fail "load after a crash failed"; }
check $trial "load after a crash"
[ "$outcome" = present ] || fail "load after a crash: release absent"
admin -c "DROP DATABASE IF EXISTS $trial" -c "DROP DATABASE IF EXISTS $base"
crash_exit "every kill left the release wholly present or absent"
