#!/usr/bin/env bash
# bench/ingest.sh: `lgbench ingest` of a tidy observations CSV against two
# peers on the same file in the same run: `sqlite3 .import` into a plain
# TEXT table and DuckDB `read_csv` into an in-memory table; and lgbench's
# peak resident memory (GNU time's maximum RSS). bench/run.sh runs it as
# part 1; alone: `bash bench/ingest.sh` after `make build`.
#   BENCH_INGEST_SIZES="1000000 10000000"   rows of each file (about)
#   BENCH_INGEST_ROUNDS=2                   best of N, sides alternating
# The machine is shared: only ratios within one run mean much.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export BENCH_OUT=${BENCH_OUT:-$ROOT/bench/out}
# shellcheck source=bench/lib.sh
source bench/lib.sh
LGBENCH=${LGBENCH:-${BENCH_BUILD:-$ROOT/build/release}/lgbench}
SIZES=${BENCH_INGEST_SIZES:-1000000 10000000}
ROUNDS=${BENCH_INGEST_ROUNDS:-2}
OUT=$BENCH_OUT/ingest
SUMMARY=${BENCH_SUMMARY:-$OUT/summary.md}
mkdir -p "$OUT"
log() { echo "bench/ingest: $*" >&2; }

[ -x "$LGBENCH" ] || { log "$LGBENCH missing: make build"; exit 1; }
for cmd in sqlite3 node npm /usr/bin/time; do
  command -v "$cmd" >/dev/null || { log "'$cmd' not found"; exit 1; }
done
if [ ! -d bench/node_modules/@duckdb/node-api ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  (cd bench && npm ci --no-audit --no-fund >/dev/null)
fi

# The register (catalogue and area register: manifest lines 2-5, absolute
# paths), so the synthetic cube's area codes validate. Not timed.
REGISTER_DB=$OUT/register.db
if [ ! -f "$REGISTER_DB" ]; then
  { head -1 data/sources.csv; sed -n 2,5p data/sources.csv | sed "s|^|$ROOT/data/|"; } >"$OUT/register.csv"
  "$LGBENCH" ingest --db "$REGISTER_DB" --manifest "$OUT/register.csv" >/dev/null
fi

# best A B: the smaller of two numbers (B may be empty).
best() { if [ -z "$2" ] || awk -v a="$1" -v b="$2" 'BEGIN{exit !(a<b)}'; then echo "$1"; else echo "$2"; fi; }
rate() { awk -v r="$1" -v t="$2" 'BEGIN{printf "%.0f", r/t}'; }

{
  echo "## 1. Ingest: lgbench vs sqlite3 .import and DuckDB read_csv"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- lgbench: \`lgbench ingest --format tidy FILE\` into a store holding the register and the cube's catalogue: parse, validate every row, keep the published text, one transaction, indexes, revisions (release_metrics)."
  echo "- sqlite3: \`.import --csv --skip 1\` into a 6-column TEXT table, no index. DuckDB: \`CREATE TABLE t AS SELECT * FROM read_csv(FILE, all_varchar = true)\` in memory ($(nproc) threads)."
  echo "- best of $ROUNDS runs each, sides alternating; peak RSS is GNU time's maximum resident set size of the lgbench process."
  echo
  echo "| rows | CSV | lgbench s | rows/s | peak RSS | sqlite3 s | DuckDB s | lgbench ÷ sqlite3 | lgbench ÷ DuckDB |"
  echo "|---|---|---|---|---|---|---|---|---|"
} >"$SUMMARY"

for target in $SIZES; do
  metrics=$(( (target + 3074) / 3075 ))  # ~3,075 rows per metric: 317 councils x 10 years less gaps
  cube=$OUT/cube-$target
  if [ ! -f "$cube/done" ]; then
    rm -rf "$cube"
    log "synthetic cube of about $target rows ($metrics metrics)"
    "$LGBENCH" synth --out "$cube" --metrics "$metrics" --areas-from "$REGISTER_DB" --rows-per-file 0 --seed 7 >/dev/null
    touch "$cube/done"
  fi
  csv=$(ls "$cube"/*observations*.csv | head -1)
  catalogue=$(ls "$cube"/*metrics*.csv | head -1)
  rows=$(( $(wc -l <"$csv") - 1 ))
  header=$(head -1 "$csv")
  bl=""; bs=""; bd=""; rss=""
  for round in $(seq 1 "$ROUNDS"); do
    db=$OUT/lgbench.db
    rm -f "$db" "$db-wal" "$db-shm"
    cp "$REGISTER_DB" "$db"
    "$LGBENCH" ingest --db "$db" "$catalogue" --format metrics-catalogue >/dev/null
    /usr/bin/time -f "%e %M" -o "$OUT/time.txt" \
      "$LGBENCH" ingest --db "$db" "$csv" --format tidy --publisher bench >"$OUT/lgbench.log"
    read -r t m <"$OUT/time.txt"
    bl=$(best "$t" "$bl")
    rss=$(best "$m" "$rss")
    rm -f "$db" "$db-wal" "$db-shm"

    pdb=$OUT/sqlite3.db
    rm -f "$pdb"
    sqlite3 "$pdb" "CREATE TABLE observations($(echo "$header" | sed 's/,/ TEXT, /g') TEXT);"
    t0=$(now_s)
    sqlite3 "$pdb" ".import --csv --skip 1 $csv observations"
    bs=$(best "$(elapsed "$t0")" "$bs")
    got=$(sqlite3 "$pdb" "SELECT count(*) FROM observations")
    [ "$got" = "$rows" ] || log "WARNING: sqlite3 imported $got rows, expected $rows"
    rm -f "$pdb"

    eval "$(node bench/duckdb_read_csv.mjs "$csv")"
    [ "$DUCKDB_ROWS" = "$rows" ] || log "WARNING: DuckDB read $DUCKDB_ROWS rows, expected $rows"
    bd=$(best "$DUCKDB_SECONDS" "$bd")
  done
  lr=$(rate "$rows" "$bl"); sr=$(rate "$rows" "$bs"); dr=$(rate "$rows" "$bd")
  log "$rows rows: lgbench $bl s ($lr rows/s, peak RSS $((rss / 1024)) MiB), sqlite3 $bs s, DuckDB $bd s"
  echo "| $rows | $(du -h "$csv" | cut -f1) | $bl | $lr | $((rss / 1024)) MiB | $bs | $bd | **$(ratio "$lr" "$sr")×** | **$(ratio "$lr" "$dr")×** |" >>"$SUMMARY"
done
echo >>"$SUMMARY"
cat "$SUMMARY"
