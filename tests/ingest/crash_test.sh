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
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
q() { sqlite3 -batch -noheader "$1" "$2"; }
ms() { date +%s%3N; }
t0=$(ms)
echo "crash test: $trials trials, seed $seed (rerun with: $0 $lgbench $root $trials $seed)"
RANDOM=$seed

# The store before the release: register and catalogue (manifest lines 2-5,
# absolute paths), then a synthetic cube's metrics. Checkpointed, so one file
# is the whole store.
base=$work/base.db
{ head -1 "$root/data/sources.csv"; sed -n 2,5p "$root/data/sources.csv" | sed "s|^|$root/data/|"; } \
  >"$work/register.csv"
"$lgbench" ingest --db "$base" --manifest "$work/register.csv" >/dev/null
# About 60,000 observations: 20 metrics x every English council x 10 years.
"$lgbench" synth --out "$work/cube" --metrics 20 --areas-from "$base" --rows-per-file 0 --seed 7 >/dev/null
csv=$(ls "$work"/cube/*observations*.csv | head -1)
"$lgbench" ingest --db "$base" "$(ls "$work"/cube/*metrics*.csv | head -1)" --format metrics-catalogue >/dev/null
q "$base" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
rm -f "$base-wal" "$base-shm"
rows=$(( $(wc -l <"$csv") - 1 ))
sha=$(sha256sum "$csv" | cut -d' ' -f1)
tables="releases release_metrics observations periods areas metrics metric_tags"
counts=""
for t in $tables; do counts+="${counts:+ || ' ' || }(SELECT count(*) FROM $t)"; done
mine="(SELECT id FROM releases WHERE sha256 = '$sha')"
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

failures=0
fail() { echo "FAILED: $*"; failures=$((failures + 1)); }
# check DB LABEL: integrity, and the release wholly present or wholly absent;
# sets outcome to "present" or "absent".
check() {
  local db=$1 label=$2 out integrity fk n stored counted by_metric now
  out=$(inspect "$db")
  integrity=$(head -n -1 <<<"$out")
  IFS='|' read -r fk n stored counted by_metric now <<<"$(tail -1 <<<"$out")"
  [ "$integrity" = ok ] || fail "$label: integrity_check: $integrity"
  [ "$fk" = 0 ] || fail "$label: $fk rows fail foreign_key_check"
  case $n in
    0)
      [ "$now" = "$before" ] || fail "$label: release absent but the store changed: $before -> $now"
      outcome=absent ;;
    1)
      [ "$stored" = "$rows" ] && [ "$counted" = "$rows" ] && [ "$by_metric" = "$rows" ] ||
        fail "$label: release partly present: $rows rows in the file, row_count $stored, observations $counted, release_metrics $by_metric"
      outcome=present ;;
    *)
      fail "$label: release loaded $n times"
      outcome=present ;;
  esac
}

# One uninterrupted load: its duration spreads the kill times, and the
# largest size the write-ahead log reaches spreads the kill sizes.
load() {  # load DB: starts the ingest in the background, sets pid
  "$lgbench" ingest --db "$1" "$csv" --format tidy --publisher crash-test >"$work/ingest.out" 2>&1 &
  pid=$!
}
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

present=0 absent=0 finished=0
db=$work/trial.db
for i in $(seq 1 "$trials"); do
  rm -f "$db" "$db-wal" "$db-shm"
  cp "$base" "$db"
  load "$db"
  if [ $((i % 2)) = 1 ]; then
    delay=$(( (RANDOM * 32768 + RANDOM) % (duration + 1) ))
    how="after ${delay} ms"
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  else
    target=$(( 1 + (RANDOM * 32768 + RANDOM) % max_wal ))
    how="at a write-ahead log of $target bytes"
    while kill -0 "$pid" 2>/dev/null && [ "$(wal_size "$db")" -lt "$target" ]; do sleep 0.005; done
  fi
  if kill -9 "$pid" 2>/dev/null; then :; else finished=$((finished + 1)); fi
  wait "$pid" 2>/dev/null || true
  pid=""
  check "$db" "trial $i (killed $how)"
  if [ "$outcome" = present ]; then
    present=$((present + 1))
  else
    absent=$((absent + 1))
    rm -f "$work/interrupted.db-wal" "$work/interrupted.db-shm"
    cp "$db" "$work/interrupted.db"
    if [ -f "$db-wal" ]; then cp "$db-wal" "$work/interrupted.db-wal"; fi
  fi
done
echo "$trials kills: release absent after $absent, present after $present ($finished loads had finished before the kill)"
# A test that never interrupted a load would prove nothing.
[ "$absent" -gt 0 ] || fail "no kill interrupted the load"

# The file of an interrupted load recovers and takes the release whole.
if [ -f "$work/interrupted.db" ]; then
  "$lgbench" ingest --db "$work/interrupted.db" "$csv" --format tidy --publisher crash-test >"$work/ingest.out" 2>&1 ||
    { cat "$work/ingest.out"; fail "load after a crash failed"; }
  check "$work/interrupted.db" "load after a crash"
  [ "$outcome" = present ] || fail "load after a crash: release absent"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures failures (seed $seed)"
  exit 1
fi
echo "ok: every kill left an intact store with the release wholly present or absent"
