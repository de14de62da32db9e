#!/usr/bin/env bash
# bench/postgres.sh: lgbench on PostgreSQL against peers in the same run, on a
# throwaway PostgreSQL 15 cluster of its own (scripts/pg-local.sh; a unix
# socket in bench/out/postgres/pg, durable settings: fsync on).
#   A. `lgbench ingest --db postgresql://... FILE` of a tidy CSV vs
#      `psql \copy` of the same file into a plain 6-column text table (and,
#      to show where the time goes, lgbench ingesting it into SQLite).
#   B. The engine snapshot build (Engine::reload) of one synthetic cube from
#      PostgreSQL vs from SQLite; the PostgreSQL store is made from the
#      SQLite one by `lgbench migrate` (timed too, its check included).
# One command after `make build-all` (the release preset with bench/):
#   bash bench/postgres.sh
#   BENCH_PG_ROWS=1000000     rows of the ingest CSV (about)
#   BENCH_PG_METRICS=12500    metrics of the cube for B (12,500 is the
#                             national cube of BENCHMARKS §4: 38M values;
#                             1,250 is a tenth of it)
#   BENCH_PG_ROUNDS=2         best of N, sides alternating
# The machine is shared: only ratios within one run mean much.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export BENCH_OUT=${BENCH_OUT:-$ROOT/bench/out}
BUILD=${BENCH_BUILD:-$ROOT/build/release}
LGBENCH=$BUILD/lgbench
ENGINE_BENCH=$BUILD/bench/engine_bench
ROWS=${BENCH_PG_ROWS:-1000000}
METRICS=${BENCH_PG_METRICS:-12500}
ROUNDS=${BENCH_PG_ROUNDS:-2}
OUT=$BENCH_OUT/postgres
SUMMARY=$OUT/summary.md
CLUSTER=$OUT/pg
mkdir -p "$OUT"
log() { echo "bench/postgres: $*" >&2; }
for tool in "$LGBENCH" "$ENGINE_BENCH"; do
  [ -x "$tool" ] || { log "$tool missing: make build-all"; exit 1; }
done
for cmd in psql /usr/bin/time; do
  command -v "$cmd" >/dev/null || { log "'$cmd' not found (scripts/install-deps.sh)"; exit 1; }
done
trap '"$ROOT/scripts/pg-local.sh" stop "$CLUSTER"' EXIT
cluster_url=$("$ROOT/scripts/pg-local.sh" start "$CLUSTER")
db_url() { echo "${cluster_url/\/lgbench\?/\/$1\?}"; }
export PGOPTIONS="-c client_min_messages=warning"
admin() { psql -X -q -v ON_ERROR_STOP=1 "$cluster_url" "$@"; }
fresh_db() {  # fresh_db NAME [TEMPLATE]
  admin -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1${2:+ TEMPLATE $2}"
}
best() { if [ -z "$2" ] || awk -v a="$1" -v b="$2" 'BEGIN{exit !(a<b)}'; then echo "$1"; else echo "$2"; fi; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
rate() { awk -v r="$1" -v t="$2" 'BEGIN{printf "%.0f", r/t}'; }
timed() {  # timed OUTFILE command...: wall seconds and peak RSS (KiB) into OUTFILE
  local out=$1; shift
  /usr/bin/time -f "%e %M" -o "$out" "$@"
}

# The register and catalogue (manifest lines 2-5, absolute paths): the
# synthetic cubes' area codes validate against it. Not timed.
{ head -1 data/sources.csv; sed -n 2,5p data/sources.csv | sed "s|^|$ROOT/data/|"; } >"$OUT/register.csv"
REGISTER_DB=$OUT/register.db
if [ ! -f "$REGISTER_DB" ]; then
  "$LGBENCH" ingest --db "$REGISTER_DB" --manifest "$OUT/register.csv" >/dev/null
fi
cube() {  # cube DIR METRICS: a synthetic cube (reused when already made)
  if [ ! -f "$1/done" ]; then
    rm -rf "$1"
    log "synthetic cube of $2 metrics in $1"
    "$LGBENCH" synth --out "$1" --metrics "$2" --areas-from "$REGISTER_DB" --rows-per-file 0 --seed 7 >/dev/null
    touch "$1/done"
  fi
}

{
  echo "## 9. PostgreSQL: ingest vs \`psql \\copy\`, snapshot build vs SQLite"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (machine shared with other engineers' builds)"
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown); PostgreSQL $(psql -X -qAt "$cluster_url" -c 'SHOW server_version'), a cluster of its own (scripts/pg-local.sh, unix socket, fsync on, shared_buffers 64MB)"
  echo "- command: \`BENCH_PG_ROWS=$ROWS BENCH_PG_METRICS=$METRICS BENCH_PG_ROUNDS=$ROUNDS bash bench/postgres.sh\`; best of $ROUNDS, sides alternating"
  echo
} >"$SUMMARY"

# ---- A. Ingest ----
cube "$OUT/cube-ingest" $(( (ROWS + 3074) / 3075 ))
csv=$(ls "$OUT"/cube-ingest/*observations*.csv | head -1)
catalogue=$(ls "$OUT"/cube-ingest/*metrics*.csv | head -1)
rows=$(( $(wc -l <"$csv") - 1 ))
fresh_db bench_base
"$LGBENCH" ingest --db "$(db_url bench_base)" --manifest "$OUT/register.csv" >/dev/null
"$LGBENCH" ingest --db "$(db_url bench_base)" "$catalogue" --format metrics-catalogue >/dev/null
header=$(head -1 "$csv" | tr -d '\r')
columns=$(echo "$header" | sed 's/[^,]*/"&" text/g')
tl=""; tp=""; ts=""; rss=""
for round in $(seq 1 "$ROUNDS"); do
  log "ingest round $round: lgbench"
  fresh_db bench_load bench_base
  timed "$OUT/time.txt" "$LGBENCH" ingest --db "$(db_url bench_load)" "$csv" --format tidy --publisher bench >"$OUT/lgbench-ingest.log"
  read -r t m <"$OUT/time.txt"
  tl=$(best "$t" "$tl"); rss=$(best "$m" "$rss")
  log "ingest round $round: psql \\copy"
  fresh_db bench_plain
  psql -X -q -v ON_ERROR_STOP=1 "$(db_url bench_plain)" -c "CREATE TABLE plain ($columns)"
  timed "$OUT/time.txt" psql -X -q -v ON_ERROR_STOP=1 "$(db_url bench_plain)" \
    -c "\\copy plain FROM '$csv' WITH (FORMAT csv, HEADER true)"
  read -r t _ <"$OUT/time.txt"
  tp=$(best "$t" "$tp")
  log "ingest round $round: lgbench into SQLite"
  rm -f "$OUT/sqlite-load.db" "$OUT/sqlite-load.db-wal" "$OUT/sqlite-load.db-shm"
  cp "$REGISTER_DB" "$OUT/sqlite-load.db"
  "$LGBENCH" ingest --db "$OUT/sqlite-load.db" "$catalogue" --format metrics-catalogue >/dev/null
  timed "$OUT/time.txt" "$LGBENCH" ingest --db "$OUT/sqlite-load.db" "$csv" --format tidy --publisher bench >/dev/null
  read -r t _ <"$OUT/time.txt"
  ts=$(best "$t" "$ts")
done
rm -f "$OUT/sqlite-load.db" "$OUT/sqlite-load.db-wal" "$OUT/sqlite-load.db-shm"
copied=$(psql -X -qAt "$(db_url bench_plain)" -c "SELECT count(*) FROM plain")
[ "$copied" = "$rows" ] || { log "psql copied $copied rows of $rows"; exit 1; }
admin -c "DROP DATABASE bench_load" -c "DROP DATABASE bench_plain" -c "DROP DATABASE bench_base"
{
  echo "### A. Ingest of one tidy CSV: lgbench vs \`psql \\copy\`"
  echo
  echo "- lgbench: \`lgbench ingest --db postgresql://... FILE --format tidy\` into a store holding the register and the cube's catalogue: parse, validate every row, keep the published text, COPY into a temporary table, references checked, older revisions superseded, one transaction."
  echo "- psql: \`\\copy plain FROM FILE (FORMAT csv, HEADER)\` into a table of $(echo "$header" | tr ',' '\n' | wc -l) text columns, no index, no checks."
  echo "- for scale: the same lgbench ingest of the same file into an SQLite store (the reading and validating both share)."
  echo
  echo "| rows | lgbench s | rows/s | lgbench peak RSS | psql \\copy s | rows/s | lgbench ÷ psql (throughput) | lgbench into SQLite s |"
  echo "|---|---|---|---|---|---|---|---|"
  echo "| $rows | $tl | $(rate "$rows" "$tl") | $((rss / 1024)) MiB | $tp | $(rate "$rows" "$tp") | **$(ratio "$tp" "$tl")×** | $ts |"
  echo
} >>"$SUMMARY"

# ---- B. Snapshot build: PostgreSQL vs SQLite ----
cube "$OUT/cube-$METRICS" "$METRICS"
ncsv=$(ls "$OUT/cube-$METRICS"/*observations*.csv | head -1)
ncat=$(ls "$OUT/cube-$METRICS"/*metrics*.csv | head -1)
NATIONAL_DB=$OUT/cube-$METRICS.db
if [ ! -f "$OUT/cube-$METRICS/db-done" ]; then
  log "loading the cube into SQLite ($NATIONAL_DB)"
  rm -f "$NATIONAL_DB" "$NATIONAL_DB-wal" "$NATIONAL_DB-shm"
  cp "$REGISTER_DB" "$NATIONAL_DB"
  "$LGBENCH" ingest --db "$NATIONAL_DB" "$ncat" --format metrics-catalogue >/dev/null
  "$LGBENCH" ingest --db "$NATIONAL_DB" "$ncsv" --format tidy --publisher bench >/dev/null
  touch "$OUT/cube-$METRICS/db-done"
fi
log "lgbench migrate into PostgreSQL"
fresh_db bench_national
timed "$OUT/time.txt" "$LGBENCH" migrate --from "$NATIONAL_DB" --to "$(db_url bench_national)" >"$OUT/migrate.log"
read -r tm _ <"$OUT/time.txt"
grep -q "copy verified" "$OUT/migrate.log" || { cat "$OUT/migrate.log"; exit 1; }
values=$(grep '^observations ' "$OUT/migrate.log" | awk '{print $2}')
psql -X -q -v ON_ERROR_STOP=1 "$(db_url bench_national)" -c "VACUUM ANALYZE"
bs=""; bp=""
for round in $(seq 1 "$ROUNDS"); do
  log "snapshot round $round: SQLite, then PostgreSQL"
  "$ENGINE_BENCH" snapshot --db "$NATIONAL_DB" --reps 1 >"$OUT/snap-sqlite.env"
  "$ENGINE_BENCH" snapshot --db "$(db_url bench_national)" --reps 1 >"$OUT/snap-pg.env"
  bs=$(best "$(sed -n 's/^SNAPSHOT_BUILD_S=//p' "$OUT/snap-sqlite.env")" "$bs")
  bp=$(best "$(sed -n 's/^SNAPSHOT_BUILD_S=//p' "$OUT/snap-pg.env")" "$bp")
done
stored_s=$(sed -n 's/^STORED_VALUES=//p' "$OUT/snap-sqlite.env")
stored_p=$(sed -n 's/^STORED_VALUES=//p' "$OUT/snap-pg.env")
[ "$stored_s" = "$stored_p" ] || { log "snapshots differ: $stored_s vs $stored_p values"; exit 1; }
{
  echo "### B. Snapshot build from PostgreSQL vs from SQLite"
  echo
  echo "- the cube: \`lgbench synth --metrics $METRICS --seed 7\` over the register's current English councils; $values observations in the SQLite store, copied to PostgreSQL by \`lgbench migrate\` ($tm s including its check of every table, $(rate "$values" "$tm") rows/s), then \`VACUUM ANALYZE\`."
  echo "- \`engine_bench snapshot --db …\`: \`Engine::reload\` (catalogue, the lean stream of current values, columns, group statistics), after one untimed build that warms both sides' caches; SQLite reads with a table scan, PostgreSQL streams with COPY over a unix socket."
  echo
  echo "| stored values | SQLite s | PostgreSQL s | PostgreSQL ÷ SQLite (time) |"
  echo "|---|---|---|---|"
  echo "| $stored_s | $bs | $bp | **$(ratio "$bp" "$bs")×** |"
  echo
} >>"$SUMMARY"
admin -c "DROP DATABASE bench_national"
cat "$SUMMARY"
