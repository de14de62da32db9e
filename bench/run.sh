#!/usr/bin/env bash
# bench/run.sh: every lgbench benchmark, each as a ratio against a peer
# measured in the same run. `make bench` builds the release preset first and
# then runs this. Results go to bench/out/ (summary.md is printed at the end).
#
# Scale knobs (defaults are the full benchmark, ~15 minutes on 2 cores the
# first time, less once bench/out/national holds the cube and its store):
#   BENCH_METRICS=12500      metrics in the national synthetic cube
#   BENCH_INGEST_ROWS=1000000 rows of the ingest benchmark's CSV (about);
#   BENCH_INGEST_SIZES="1000000 10000000" several sizes (bench/ingest.sh)
#   BENCH_SCAN_REPS=500      outlier scans timed in lgbench
#   DUCKDB_RUNS=15           outlier scans timed in DuckDB
#   SCAN_HTTP_QUERIES=1440   distinct outlier questions, lgbench over HTTP vs DuckDB
#                            on precomputed statistics (section 5b; at most 1440)
#   SCAN_HTTP_SECONDS=10     wrk's time limit for them (it stops when they run out)
#   WRK_SECONDS=10 WRK_CONNECTIONS=64 WRK_THREADS=2 WORKERS=2
#   COMPARE_SECONDS=5        each wrk run of the uncached compare (the list of
#                            distinct URLs must outlast it)
#   BENCH_PORTS=18100-18199  take servers' ports from this range (default: any)
#   WEB_RUNS=5               page loads per web page (distinct councils)
#   BENCH_ONLY="ingest http compare-distinct engine web"  run a subset
# Machines are shared and noisy: only the ratios within one run mean much.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export BENCH_OUT=${BENCH_OUT:-$ROOT/bench/out}
# shellcheck source=bench/lib.sh
source bench/lib.sh

BUILD=${BENCH_BUILD:-$ROOT/build/release}
LGBENCH=$BUILD/lgbench
ENGINE_BENCH=$BUILD/bench/engine_bench
BENCH_METRICS=${BENCH_METRICS:-12500}
BENCH_INGEST_ROWS=${BENCH_INGEST_ROWS:-1000000}
BENCH_SCAN_REPS=${BENCH_SCAN_REPS:-500}
DUCKDB_RUNS=${DUCKDB_RUNS:-15}
SCAN_HTTP_QUERIES=${SCAN_HTTP_QUERIES:-1440}
SCAN_HTTP_SECONDS=${SCAN_HTTP_SECONDS:-10}
BENCH_ONLY=${BENCH_ONLY:-ingest http compare-distinct engine web}
WEB_RUNS=${WEB_RUNS:-5}
COMPARE_SECONDS=${COMPARE_SECONDS:-5}
FOCUS=E08000035

for tool in "$LGBENCH" "$ENGINE_BENCH"; do
  [ -x "$tool" ] || { echo "bench: $tool missing: run 'make bench' (it builds the release preset)" >&2; exit 1; }
done
for cmd in sqlite3 nginx wrk curl node npm python3; do
  command -v "$cmd" >/dev/null || { echo "bench: '$cmd' not found (scripts/install-deps.sh; Node 20 for the DuckDB peer)" >&2; exit 1; }
done

mkdir -p "$BENCH_OUT"
rm -rf "$BENCH_OUT/http.md" "$BENCH_OUT/wrk.log" "$BENCH_OUT/nginx-error.log" "$BENCH_OUT"/static-* "$BENCH_OUT"/nginx-*.conf
SUMMARY=$BENCH_OUT/summary.md
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "${NGINX_PID_FILE:-}" ] && [ -f "$NGINX_PID_FILE" ] && kill "$(cat "$NGINX_PID_FILE")" 2>/dev/null || true
}
trap cleanup EXIT
wants() { [[ " $BENCH_ONLY " == *" $1 "* ]]; }
log() { echo "bench: $*" >&2; }

{
  echo "# lgbench benchmarks"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (+ uncommitted changes)')"
  echo "- command: \`make bench\` (BENCH_METRICS=$BENCH_METRICS BENCH_INGEST_ROWS=$BENCH_INGEST_ROWS WRK_SECONDS=$WRK_SECONDS WRK_CONNECTIONS=$WRK_CONNECTIONS WRK_THREADS=$WRK_THREADS WORKERS=$WORKERS)"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} >"$SUMMARY"

# ---- The demo store (real bundled data), and the register-only manifest ----
DEMO_DB=$BENCH_OUT/demo.db
rm -f "$DEMO_DB" "$DEMO_DB-wal" "$DEMO_DB-shm"
log "building the demo store from data/sources.csv"
"$LGBENCH" ingest --db "$DEMO_DB" --manifest data/sources.csv >"$BENCH_OUT/demo-ingest.log"
# The catalogue and the area register (manifest lines 2-5), so the synthetic
# cube's area codes validate; absolute paths because the manifest moves.
REGISTER=$BENCH_OUT/register-manifest.csv
{ head -1 data/sources.csv; sed -n 2,5p data/sources.csv | sed "s|^|$ROOT/data/|"; } >"$REGISTER"

# ---- 1. Ingest against sqlite3 .import and DuckDB read_csv (bench/ingest.sh) -
if wants ingest; then
  log "1. ingest: lgbench ingest vs sqlite3 .import and DuckDB read_csv"
  BENCH_INGEST_SIZES=${BENCH_INGEST_SIZES:-$BENCH_INGEST_ROWS} LGBENCH=$LGBENCH \
    BENCH_SUMMARY=$BENCH_OUT/ingest/summary.md bash bench/ingest.sh >/dev/null
  cat "$BENCH_OUT/ingest/summary.md" >>"$SUMMARY"
fi

# ---- 2/3. HTTP: lgbench serve against nginx serving the same bytes ----------
if wants http; then
  log "2-3. http: lgbench serve --threads $WORKERS vs nginx ($WORKERS workers), wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${WRK_SECONDS}s"
  port=$(free_port)
  # wrk connects from one address: lift the per-client connection cap.
  "$LGBENCH" serve --db "$DEMO_DB" --port "$port" --threads "$WORKERS" --web-root "" \
    --max-connections-per-client 100000 \
    >"$BENCH_OUT/serve.log" 2>&1 &
  SERVER_PID=$!
  base=http://127.0.0.1:$port
  wait_for_http "$base/api/v1/health" 200
  echo "$HTTP_HEADER" >"$BENCH_OUT/http.md"
  http_row() {  # ID LABEL PATH
    local s; s=$(http_status "$base$3")
    if [ "$s" = 200 ]; then
      http_vs_nginx "$1" "$2" "$base$3"
    else
      echo "| $2 | not yet available (HTTP $s) | | | | | |" >>"$BENCH_OUT/http.md"
    fi
  }
  http_row data "data: \`/api/v1/data?metric=claimant-count&area=$FOCUS&period=cy2025\`" \
    "/api/v1/data?metric=claimant-count&area=$FOCUS&period=cy2025"
  http_row compare "compare: \`/api/v1/compare?metric=claimant-count&area=$FOCUS&group=type\`" \
    "/api/v1/compare?metric=claimant-count&area=$FOCUS&group=type"
  http_row outliers "outliers: \`/api/v1/outliers?area=$FOCUS&group=neighbours\`" \
    "/api/v1/outliers?area=$FOCUS&group=neighbours"
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  {
    echo "## 2-3. HTTP API against nginx serving the same bytes"
    echo
    echo "Demo store (real bundled data). \`lgbench serve --threads $WORKERS\` vs nginx-light \`worker_processes $WORKERS\` serving a static file with the response's bytes; wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${WRK_SECONDS}s on loopback, keep-alive, each warmed up for 2 s. wrk shares the $(nproc) cores with the server."
    echo
    cat "$BENCH_OUT/http.md"
    echo
  } >>"$SUMMARY"
fi

# ---- 7. Uncached compare: distinct URLs against nginx serving JSON copies ---
# Every (metric or derived ratio, period, council) with a value x
# england/region/neighbours/type, shuffled, each URL asked of lgbench at most
# once (bench/compare_urls.py, bench/distinct_urls.lua), so the response cache
# answers none of them. nginx serves copies of 300 of lgbench's own responses
# (sampled from the same list, not asked again) as static files, on the same
# stream of distinct query strings. Two alternating rounds on the two halves.
if wants compare-distinct; then
  log "7. uncached compare: distinct URLs, lgbench vs nginx serving copies of its JSON"
  URLS=$BENCH_OUT/compare-urls.txt
  n_urls=$(python3 bench/compare_urls.py "$DEMO_DB" "$URLS" 0 data/catalogue/ratios.csv)
  port=$(free_port)
  "$LGBENCH" serve --db "$DEMO_DB" --port "$port" --threads "$WORKERS" --web-root "" \
    --data-dir data >"$BENCH_OUT/serve-distinct.log" 2>&1 &
  SERVER_PID=$!
  base=http://127.0.0.1:$port
  wait_for_http "$base/api/v1/health" 200
  dir=$BENCH_OUT/static-distinct; mkdir -p "$dir/c"
  tail -300 "$URLS" >"$BENCH_OUT/compare-sample.txt"
  head -n -300 "$URLS" >"$BENCH_OUT/compare-run.txt"
  half=$(( (n_urls - 300) / 2 ))
  head -n "$half" "$BENCH_OUT/compare-run.txt" >"$BENCH_OUT/compare-run-1.txt"
  tail -n +"$((half + 1))" "$BENCH_OUT/compare-run.txt" >"$BENCH_OUT/compare-run-2.txt"
  k=0
  while read -r u; do  # the copies nginx serves; this also warms lgbench up
    curl -fsS "$base$u" -o "$dir/c/$k.json" 2>>"$BENCH_OUT/serve-distinct.log" || continue
    k=$((k + 1))
  done <"$BENCH_OUT/compare-sample.txt"
  mean=$(cat "$dir"/c/*.json | wc -c | awk -v n="$k" '{printf "%.0f", $1 / n}')
  for round in 1 2; do  # nginx: URL i of the round answers copy i mod 300
    awk -v n="$k" '{ q = $0; sub(/^[^?]*/, "", q); print "/c/" ((NR - 1) % n) ".json" q }' \
      "$BENCH_OUT/compare-run-$round.txt" >"$BENCH_OUT/compare-run-$round-nginx.txt"
  done
  nport=$(free_port)
  start_nginx "$dir" "$nport"
  wait_for_http "http://127.0.0.1:$nport/c/0.json" 200
  rows=""
  saved=$WRK_SECONDS
  WRK_SECONDS=$COMPARE_SECONDS
  for round in 1 2; do
    read -r l_rps l_p99 l_n l_bad l_ex < <(run_wrk_distinct "$base" "$BENCH_OUT/compare-run-$round.txt")
    read -r n_rps n_p99 n_n n_bad _ < <(run_wrk_distinct "http://127.0.0.1:$nport" \
      "$BENCH_OUT/compare-run-$round-nginx.txt" wrap)
    note=""
    [ "$l_ex" = 1 ] && note=" (list ran out: req/s underestimated; lower WRK_SECONDS)"
    rows+="| $round | $(fmt0 "$l_rps") | $l_p99 ms | $l_n of $half$note; $l_bad non-2xx | $(fmt0 "$n_rps") | $n_p99 ms | **$(ratio "$l_rps" "$n_rps")×** |"$'\n'
  done
  WRK_SECONDS=$saved
  stop_nginx
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  {
    echo "## 7. Uncached compare: distinct URLs against nginx serving copies of the JSON"
    echo
    echo "$n_urls distinct \`/api/v1/compare\` URLs: every (metric or derived ratio, period, council) with a value, the councils of each period (abolished ones included), x england/region/neighbours/type, shuffled; lgbench is asked each at most once (two rounds, one on each half of the list), so its response cache answers none. nginx serves copies of 300 of lgbench's responses (mean $mean B; sampled from the same list and not asked again) as static files, on the same stream of distinct query strings (it wraps round the list when it runs out; it caches nothing, so a repeat costs it what a new URL does). \`lgbench serve --threads $WORKERS\` and nginx \`worker_processes $WORKERS\`; wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${COMPARE_SECONDS}s on loopback, sharing the $(nproc) cores."
    echo
    echo "| round | lgbench req/s | lgbench p99 | lgbench requests (each URL once) | nginx req/s | nginx p99 | lgbench ÷ nginx (target ≥ 0.8) |"
    echo "|---|---|---|---|---|---|---|"
    printf '%s' "$rows"
    echo
  } >>"$SUMMARY"
fi

# ---- 4/5. National cube: engine build, memory, outlier scan vs DuckDB -------
if wants engine; then
  NAT=$BENCH_OUT/national
  [ "$BENCH_METRICS" = 12500 ] || NAT=$BENCH_OUT/national-$BENCH_METRICS
  log "4. engine: national cube ($BENCH_METRICS metrics) in $NAT"
  "$ENGINE_BENCH" national --demo-db "$DEMO_DB" --register "$REGISTER" --dir "$NAT" \
    --metrics "$BENCH_METRICS" --periods 10 --seed 42 --reps "$BENCH_SCAN_REPS" --area "$FOCUS" \
    --group type >"$BENCH_OUT/engine.env" 2>"$BENCH_OUT/engine.log" || { cat "$BENCH_OUT/engine.log" >&2; exit 1; }
  # shellcheck disable=SC1091
  source "$BENCH_OUT/engine.env"
  log "5. DuckDB peer"
  if [ ! -d bench/node_modules/@duckdb/node-api ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
    (cd bench && npm ci --no-audit --no-fund >/dev/null)
  fi
  # The same store served over HTTP, for the distinct questions of section 5b.
  port=$(free_port)
  # An empty --data-dir: the catalogue's derived ratios of the real counts
  # would be metrics the peer does not have (as for engine_bench's engine).
  mkdir -p "$BENCH_OUT/no-data"
  "$LGBENCH" serve --db "$NAT/national.db" --port "$port" --threads "$WORKERS" --web-root "" \
    --data-dir "$BENCH_OUT/no-data" >"$BENCH_OUT/serve-national.log" 2>&1 &
  SERVER_PID=$!
  wait_for_http "http://127.0.0.1:$port/api/v1/health" 3000
  # Distinct questions: each member of the focus's group as focus x threshold
  # x top, shuffled; lgbench timed by wrk on one connection, each URL once
  # (first, so that no answer comes from its response cache); then DuckDB.
  QUESTIONS=$BENCH_OUT/outlier-questions.txt
  python3 - "$NAT/duckdb-params.json" "$QUESTIONS" "$SCAN_HTTP_QUERIES" <<'PY'
import json, random, sys
p = json.load(open(sys.argv[1]))
urls = [f"/api/v1/outliers?area={a}&group={p['group']}&threshold={t}&top={n}&include_counts=true"
        for a in p["members"] for t in (1.5, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.5)
        for n in (5, 10, 20, 50, 100)]
random.Random(1).shuffle(urls)
open(sys.argv[2], "w").write("\n".join(urls[:int(sys.argv[3])]) + "\n")
PY
  scan_wrk=$(wrk -t1 -c1 -d"${SCAN_HTTP_SECONDS}s" --latency -s bench/distinct_urls.lua \
    "http://127.0.0.1:$port" -- "$QUESTIONS" 1)
  { echo "== outlier questions"; echo "$scan_wrk"; } >>"$BENCH_OUT/wrk.log"
  SCAN_HTTP_N=$(echo "$scan_wrk" | awk '/requests in/ {print $1}')
  SCAN_HTTP_AVG_MS=$(to_ms "$(echo "$scan_wrk" | awk '$1=="Latency" {print $2}')")
  SCAN_HTTP_MEDIAN_MS=$(to_ms "$(echo "$scan_wrk" | awk '$1=="50%" {print $2}')")
  SCAN_HTTP_P99_MS=$(to_ms "$(echo "$scan_wrk" | awk '$1=="99%" {print $2}')")
  SCAN_HTTP_BAD=$(echo "$scan_wrk" | awk '/Non-2xx/ {print $NF}')
  QUESTIONS=$QUESTIONS LGBENCH_URL=http://127.0.0.1:$port \
    node bench/duckdb_outliers.mjs "$NAT/duckdb-params.json" "$DUCKDB_RUNS" "$BENCH_OUT/duckdb.env" \
    >/dev/null 2>"$BENCH_OUT/duckdb.log" || { cat "$BENCH_OUT/duckdb.log" >&2; exit 1; }
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  # shellcheck disable=SC1091
  source "$BENCH_OUT/duckdb.env"
  ingest_rate=$(awk -v r="$NATIONAL_ROWS" -v t="$NATIONAL_INGEST_S" 'BEGIN{printf "%.0f", r/t}')
  cached=""
  [ "$NATIONAL_INGEST_CACHED" = 1 ] && cached=" (store reused from an earlier run in $NAT: figure from that run; delete $NAT/ingest.stamp to re-measure)"
  bpv=$(awk -v b="$RSS_DELTA_BYTES" -v n="$STORED_VALUES" 'BEGIN{printf "%.2f", b/n}')
  bpv_raw=$(awk -v b="$RSS_DELTA_RAW_BYTES" -v n="$STORED_VALUES" 'BEGIN{printf "%.2f", b/n}')
  bpv_col=$(awk -v b="$COLUMN_BYTES" -v n="$STORED_VALUES" 'BEGIN{printf "%.2f", b/n}')
  {
    echo "## 4. National synthetic cube: ingest, snapshot build, memory"
    echo
    echo "$METRICS metrics in the snapshot ($BENCH_METRICS synthetic + the register's real ones) x $GROUP_MEMBERS-member focus group; $NATIONAL_ROWS synthetic rows, $STORED_VALUES stored current values (numbers and withheld), $CELLS allocated cells (current councils take the first of $SLOTS slots and each column is trimmed after its last used slot; the cube covers $(head -400000 "$NAT/synthetic-observations.csv" | awk -F, 'NR>1 {print $1}' | sort -u | wc -l) councils)."
    echo
    echo "| measure | lgbench | peer | ratio |"
    echo "|---|---|---|---|"
    echo "| ingest in 2M-row releases (engine_bench, ingest_file) | $ingest_rate rows/s$cached | — | — |"
    echo "| snapshot build (Engine::reload) vs streaming the same values out of SQLite (Store::for_each_current_value alone) | $(fmt2 "$SNAPSHOT_BUILD_S") s | $(fmt2 "$SQLITE_STREAM_S") s | $(ratio "$SNAPSHOT_BUILD_S" "$SQLITE_STREAM_S")× the stream |"
    echo "| DuckDB load of the same CSV into a typed, sorted in-memory table (for scale) | — | ${DUCKDB_LOAD_S} s | — |"
    echo "| resident memory per stored value (RSS after build − before, after malloc_trim) | **$bpv B** (target ≤ 12) | — | — |"
    echo "| same, before malloc_trim / column heap bytes only | $bpv_raw B / $bpv_col B | — | — |"
    echo
    echo "## 5. Outlier scan: one area, all metrics, group \"type\", top 20"
    echo
    echo "Focus $FOCUS, group type ($GROUP_MEMBERS metropolitan districts), |z| ≥ 2, each metric's latest period; $SCAN_CONSIDERED metrics considered, $SCAN_COMPARED compared, $SCAN_FLAGGED flagged. DuckDB $DUCKDB_VERSION (@duckdb/node-api, in-memory, default threads), one SQL statement over $DUCKDB_ROWS preloaded rows; answers agree: **$DUCKDB_AGREE**."
    echo
    echo "| | median | other | runs |"
    echo "|---|---|---|---|"
    echo "| lgbench \`Engine::outliers\`, group \`type\` (median/MAD precomputed per column at build) | $(fmt3 "$SCAN_MEDIAN_MS") ms | p99 $(fmt3 "$SCAN_P99_MS") ms | $SCAN_REPS |"
    echo "| lgbench, custom group with the same members (median/MAD computed in every scan; same answer: $CSCAN_SAME) | $(fmt3 "$CSCAN_MEDIAN_MS") ms | p99 $(fmt3 "$CSCAN_P99_MS") ms | $CSCAN_REPS |"
    echo "| DuckDB, one SQL statement (computes latest period, median, MAD in every run) | $(fmt2 "$DUCKDB_SCAN_MEDIAN_MS") ms | min $(fmt2 "$DUCKDB_SCAN_MIN_MS") ms | $DUCKDB_RUNS |"
    echo "| **lgbench speed-up, group \`type\`** (DuckDB median ÷ lgbench median; target ≥ 20×) | **$(fmt0 "$(ratio "$DUCKDB_SCAN_MEDIAN_MS" "$SCAN_MEDIAN_MS")")×** | | |"
    echo "| **lgbench speed-up, custom group** (nothing precomputed for the group) | **$(fmt0 "$(ratio "$DUCKDB_SCAN_MEDIAN_MS" "$CSCAN_MEDIAN_MS")")×** | | |"
    echo
  } >>"$SUMMARY"
  {
    echo "## 5b. Outlier scan over HTTP, distinct questions, against DuckDB on precomputed statistics"
    echo
    echo "$PRE_QUERIES distinct questions: focus = each of the $GROUP_MEMBERS members of $FOCUS's group \`type\` x threshold (1.5-3.5) x top (5-100), shuffled; every metric (\`include_counts=true\`). **lgbench:** \`GET /api/v1/outliers\` of \`lgbench serve --threads $WORKERS\` on the same store, wrk -t1 -c1 (one keep-alive connection) asking each URL once ($SCAN_HTTP_N requests, ${SCAN_HTTP_BAD:-0} non-2xx), so none comes from the response cache; latency as wrk measures it (request sent to response read). **DuckDB:** the median, MAD and mean absolute deviation of every metric's latest period over each focus's group (councils as they stood then), every area's latest number and its previous-period number precomputed once into tables ($PRE_PRECOMPUTE_S s, not counted); then one SQL statement per question reading them (focus value, z, threshold, order, top, assessment, direction, concern), in process (no HTTP, no JSON). Each DuckDB answer is compared item by item with lgbench's (metric, z to 1e-5, assessment, concern, flagged count): **$PRE_DISAGREE of $PRE_QUERIES differ**; $PRE_ITEMS items listed in all."
    echo
    echo "| | median | mean | p99 |"
    echo "|---|---|---|---|"
    echo "| lgbench over HTTP (wrk) | $(fmt3 "$SCAN_HTTP_MEDIAN_MS") ms | $(fmt3 "$SCAN_HTTP_AVG_MS") ms | $(fmt3 "$SCAN_HTTP_P99_MS") ms |"
    echo "| DuckDB on precomputed statistics | $(fmt3 "$PRE_DUCK_MEDIAN_MS") ms | $(fmt3 "$PRE_DUCK_MEAN_MS") ms | $(fmt3 "$PRE_DUCK_P99_MS") ms |"
    echo "| **lgbench speed-up** (DuckDB ÷ lgbench; target ≥ 50×) | **$(fmt0 "$(ratio "$PRE_DUCK_MEDIAN_MS" "$SCAN_HTTP_MEDIAN_MS")")×** | **$(fmt0 "$(ratio "$PRE_DUCK_MEAN_MS" "$SCAN_HTTP_AVG_MS")")×** | |"
    echo
  } >>"$SUMMARY"
  [ "$DUCKDB_AGREE" = yes ] || { echo "**WARNING: DuckDB and lgbench disagree:**"; sed 's/^/    /' "$BENCH_OUT/duckdb.log"; echo; } >>"$SUMMARY"
fi

# ---- 6. Web pages: bytes and LCP in headless Chromium vs nginx copies -------
if wants web; then
  log "6. web pages (headless Chromium, $WEB_RUNS councils per page)"
  [ -f web/dist/.vite/manifest.json ] || { echo "bench: web/dist missing: run make" >&2; exit 1; }
  node bench/web_pages.mjs "$LGBENCH" "$DEMO_DB" "$WEB_RUNS" >"$BENCH_OUT/web.log"
  {
    echo "## 6. Web pages: bytes sent and Largest Contentful Paint"
    echo
    echo "Headless Debian Chromium, 1200 px, cold cache, localhost; median of $WEB_RUNS loads of distinct URLs (one council each). Peer: nginx (gzip on) serving saved copies of the same pages and assets. Budgets: at most 100 KB compressed JavaScript on the first page, LCP under 1 s."
    echo
    cat "$BENCH_OUT/web.md"
    echo
  } >>"$SUMMARY"
fi

cat "$SUMMARY"
