#!/usr/bin/env bash
# Crash test: `lgbench ingest` of a large release is killed with SIGKILL at
# random points, at least 50 times. After every kill the SQLite file must pass
# PRAGMA integrity_check and foreign_key_check, and the release must be
# wholly present (its row count, every observation, its per-metric counts)
# or wholly absent (every table as before the load). Half the kills fall at
# a random time in the load (parse, validation, writes, commit); half when
# the write-ahead log has grown past a random size, i.e. inside the commit.
# Finally the file of an interrupted load takes the same release whole.
#   crash_test.sh LGBENCH REPO_ROOT [TRIALS] [SEED]
set -euo pipefail
lgbench=${1:?lgbench binary}
root=${2:?repository root}
trials=${3:-50}
seed=${4:-$(date +%s)}
work=$(mktemp -d /tmp/lgb-crash-XXXXXX)
# shellcheck source=../support/crash_lib.sh
source "$(dirname "$0")/../support/crash_lib.sh"
q() { sqlite3 -batch -noheader "$1" "$2"; }
t0=$(ms)
echo "crash test: $trials trials, seed $seed (rerun with: $0 $lgbench $root $trials $seed)"
RANDOM=$seed

# The store before the release, checkpointed, so one file is the whole store.
base=$work/base.db
crash_store "$base"
q "$base" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
rm -f "$base-wal" "$base-shm"
# One sqlite3 run per check: integrity_check's lines, then one line of
# foreign-key problems | copies of the release | its row_count | its
# observations | its release_metrics rows | every table's row count.
inspect() {
  q "$1" "PRAGMA integrity_check;
    SELECT (SELECT count(*) FROM pragma_foreign_key_check) || '|' ||
           (SELECT count(*) FROM releases WHERE sha256 = '$sha') || '|' ||
           coalesce((SELECT row_count FROM releases WHERE id = $mine), '') || '|' ||
           (SELECT count(*) FROM observations WHERE release_id = $mine) || '|' ||
           (SELECT coalesce(sum(row_count), 0) FROM release_metrics WHERE release_id = $mine) || '|' ||
           $counts;"
}
before=$(inspect "$base" | tail -1 | cut -d'|' -f6)
echo "setup: $(( $(ms) - t0 )) ms"

# check DB LABEL: integrity, and the release wholly present or wholly absent;
# sets outcome to "present" or "absent".
check() {
  local out integrity fk n stored counted by_metric now
  out=$(inspect "$1")
  integrity=$(head -n -1 <<<"$out")
  IFS='|' read -r fk n stored counted by_metric now <<<"$(tail -1 <<<"$out")"
  [ "$integrity" = ok ] || fail "$2: integrity_check: $integrity"
  [ "$fk" = 0 ] || fail "$2: $fk rows fail foreign_key_check"
  judge "$2" "$n" "$stored" "$counted" "$by_metric" "$now"
}

# One uninterrupted load: its duration spreads the kill times, and the
# largest size the write-ahead log reaches spreads the kill sizes.
wal_size() { stat -c %s "$1-wal" 2>/dev/null || echo 0; }
cp "$base" "$work/full.db"
start=$(ms)
load "$work/full.db"
max_wal=0
while kill -0 "$pid" 2>/dev/null; do
  w=$(wal_size "$work/full.db")
  [ "$w" -gt "$max_wal" ] && max_wal=$w
  sleep 0.01
done
wait "$pid" || { cat "$work/ingest.out"; fail "the uninterrupted load failed"; exit 1; }
pid=""
duration=$(( $(ms) - start ))
check "$work/full.db" "uninterrupted load"
[ "$outcome" = present ] || fail "uninterrupted load: release absent"
echo "uninterrupted load: $rows rows in $duration ms; write-ahead log up to $max_wal bytes"
[ "$max_wal" -gt 0 ] || max_wal=1

db=$work/trial.db
for i in $(seq 1 "$trials"); do
  rm -f "$db" "$db-wal" "$db-shm"
  cp "$base" "$db"
  load "$db"
  if [ $((i % 2)) = 1 ]; then
    sleep_random_part "$duration"
  else
    target=$(( 1 + (RANDOM * 32768 + RANDOM) % max_wal ))
    how="at a write-ahead log of $target bytes"
    while kill -0 "$pid" 2>/dev/null && [ "$(wal_size "$db")" -lt "$target" ]; do sleep 0.005; done
  fi
  kill_load
  check "$db" "trial $i (killed $how)"
  tally
  if [ "$outcome" = absent ]; then
    rm -f "$work/interrupted.db-wal" "$work/interrupted.db-shm"
    cp "$db" "$work/interrupted.db"
    if [ -f "$db-wal" ]; then cp "$db-wal" "$work/interrupted.db-wal"; fi
  fi
done
crash_finish

# The file of an interrupted load recovers and takes the release whole.
if [ -f "$work/interrupted.db" ]; then
  "$lgbench" ingest --db "$work/interrupted.db" "$csv" --format tidy --publisher crash-test >"$work/ingest.out" 2>&1 ||
    { cat "$work/ingest.out"; fail "load after a crash failed"; }
  check "$work/interrupted.db" "load after a crash"
  [ "$outcome" = present ] || fail "load after a crash: release absent"
fi
crash_exit "every kill left an intact store with the release wholly present or absent"
