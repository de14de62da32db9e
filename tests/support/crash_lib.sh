# What the crash tests share (tests/ingest/crash_test.sh on SQLite,
# tests/postgres/crash_on_postgres.sh on PostgreSQL): the release they load
# (a synthetic cube's observations over the real register), starting and
# killing `lgbench ingest`, judging what a kill left, and the tally.
# Sourced after the script sets lgbench, root, trials and work (a fresh
# folder of its own); it sets the EXIT trap (kill a load still running,
# remove work).

pid=""
crash_cleanup() {
  if [ -n "$pid" ]; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap crash_cleanup EXIT
ms() { date +%s%3N; }
failures=0
fail() { echo "FAILED: $*"; failures=$((failures + 1)); }

# crash_store DB: loads the store as it is before the release (register and
# catalogue, manifest lines 2-5 with absolute paths, then the metrics of a
# synthetic cube: 10 metrics x every English council x 10 years, about
# 30,000 observations) and sets csv (the release), rows, sha, and for the
# checks: tables, counts (an SQL expression of their row counts) and mine
# (the release's id). What the crash tests prove rests on where the kills
# fall (each at a random fraction of the load's time or of the commit's
# writes), not on the number of rows: half the rows of the 20-metric release
# used until 2026-11-30 gives the same kill points for half the time.
crash_store() {
  { head -1 "$root/data/sources.csv"; sed -n 2,5p "$root/data/sources.csv" | sed "s|^|$root/data/|"; } \
    >"$work/register.csv"
  "$lgbench" ingest --db "$1" --manifest "$work/register.csv" >/dev/null
  "$lgbench" synth --out "$work/cube" --metrics 10 --areas-from "$1" --rows-per-file 0 --seed 7 >/dev/null
  csv=$(ls "$work"/cube/*observations*.csv | head -1)
  "$lgbench" ingest --db "$1" "$(ls "$work"/cube/*metrics*.csv | head -1)" --format metrics-catalogue >/dev/null
  rows=$(( $(wc -l <"$csv") - 1 ))
  sha=$(sha256sum "$csv" | cut -d' ' -f1)
  tables="releases release_metrics observations periods areas metrics metric_tags"
  counts=""
  for t in $tables; do counts+="${counts:+ || ' ' || }(SELECT count(*) FROM $t)"; done
  mine="(SELECT id FROM releases WHERE sha256 = '$sha')"
}

# load DB: starts ingesting the release in the background; sets pid.
load() {
  "$lgbench" ingest --db "$1" "$csv" --format tidy --publisher crash-test >"$work/ingest.out" 2>&1 &
  pid=$!
}

# sleep_random_part DURATION_MS: sleeps a random part of the load's
# duration; sets how.
sleep_random_part() {
  local delay=$(( (RANDOM * 32768 + RANDOM) % ($1 + 1) ))
  how="after ${delay} ms"
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
}

# kill_load: SIGKILL the load (counting it in finished if it had already
# ended) and reap it.
kill_load() {
  if kill -9 "$pid" 2>/dev/null; then :; else finished=$((finished + 1)); fi
  wait "$pid" 2>/dev/null || true
  pid=""
}

# judge LABEL COPIES ROW_COUNT OBSERVATIONS BY_METRIC TABLES [CURRENT]: the
# release wholly present (every count equal to its rows) or wholly absent
# (every table as before the load: $before); sets outcome.
judge() {
  local label=$1 n=$2 stored=$3 counted=$4 by_metric=$5 now=$6 current=${7:-$rows}
  case $n in
    0)
      [ "$now" = "$before" ] || fail "$label: release absent but the store changed: $before -> $now"
      outcome=absent ;;
    1)
      [ "$stored" = "$rows" ] && [ "$counted" = "$rows" ] && [ "$by_metric" = "$rows" ] && [ "$current" = "$rows" ] ||
        fail "$label: release partly present: $rows rows in the file, row_count $stored, observations $counted, release_metrics $by_metric, current $current"
      outcome=present ;;
    *)
      fail "$label: release loaded $n times"
      outcome=present ;;
  esac
}

# tally: counts the outcome of a trial.
present=0 absent=0 finished=0
tally() { if [ "$outcome" = present ]; then present=$((present + 1)); else absent=$((absent + 1)); fi; }

# crash_finish MESSAGE: the summary; exits 1 on any failure.
crash_finish() {
  echo "$trials kills: release absent after $absent, present after $present ($finished loads had finished before the kill)"
  # A test that never interrupted a load would prove nothing.
  [ "$absent" -gt 0 ] || fail "no kill interrupted the load"
}
crash_exit() {
  if [ "$failures" -gt 0 ]; then
    echo "$failures failures (seed $seed)"
    exit 1
  fi
  echo "ok: $1"
}
