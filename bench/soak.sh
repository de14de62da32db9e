#!/usr/bin/env bash
# bench/soak.sh: the soak of issue #12. Measures the most `lgbench serve`
# answers on a mix of distinct requests (every route, thousands of URLs, so
# both cached and uncached paths), then holds 80 % of that for SOAK_SECONDS
# and checks two things: no errors at all (socket errors, timeouts, non-2xx)
# and resident memory growing less than 5 % from the end of the first minute
# to the end. Not part of `make test`; run it by hand (it loads the machine):
#
#   make build && bash bench/soak.sh          # SOAK_SECONDS=600 by default
#
# Knobs: SOAK_SECONDS=600 SOAK_RATE=0.8 SOAK_THREADS=2 (server and wrk)
# SOAK_CONNECTIONS=200. Output: bench/out/soak/ (summary.md, rss.csv, wrk logs).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export BENCH_OUT=${BENCH_OUT:-$ROOT/bench/out}
# shellcheck source=bench/lib.sh
source bench/lib.sh

LGBENCH=${BENCH_BUILD:-$ROOT/build/release}/lgbench
SOAK_SECONDS=${SOAK_SECONDS:-600}
SOAK_RATE=${SOAK_RATE:-0.8}
SOAK_THREADS=${SOAK_THREADS:-2}
SOAK_CONNECTIONS=${SOAK_CONNECTIONS:-200}
OUT=$BENCH_OUT/soak
mkdir -p "$OUT"
[ -x "$LGBENCH" ] || { echo "soak: $LGBENCH missing: run 'make build'" >&2; exit 1; }
for cmd in wrk curl python3; do
  command -v "$cmd" >/dev/null || { echo "soak: '$cmd' not found" >&2; exit 1; }
done
log() { echo "soak: $*" >&2; }

SERVER_PID=""
SAMPLER_PID=""
cleanup() {
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
}
trap cleanup EXIT

DB=$OUT/soak.db
if [ ! -f "$DB" ]; then
  log "loading the bundled data into $DB"
  "$LGBENCH" ingest --db "$DB" --manifest data/sources.csv >"$OUT/ingest.log"
fi

port=$(free_port)
# wrk connects from one address: lift the per-client connection cap.
"$LGBENCH" serve --db "$DB" --port "$port" --threads "$SOAK_THREADS" --web-root "" \
  --max-connections-per-client 100000 >"$OUT/serve.log" 2>&1 &
SERVER_PID=$!
base=http://127.0.0.1:$port
wait_for_http "$base/api/v1/health" 200

# Distinct targets over every read route: areas, metrics, data, compare,
# rank, outliers, neighbours, groups, releases, in JSON and CSV.
python3 - "$base" >"$OUT/targets.txt" <<'PY'
import json, sys, urllib.error, urllib.request
base = sys.argv[1]
get = lambda p: json.load(urllib.request.urlopen(base + p))
councils = [a["code"] for a in get("/api/v1/areas?current=true")["items"]
            if a["code"][:3] in ("E06", "E07", "E08", "E09", "E10")]
metrics = [m["id"] for m in get("/api/v1/metrics")["items"]]
def url(path, *params):
    return path + ("?" + "&".join(params) if params else "")
out = []
for csv in ((), ("format=csv",)):
    out += [url("/api/v1/areas", *csv), url("/api/v1/metrics", *csv),
            url("/api/v1/releases", *csv), url("/api/v1/groups", *csv)]
    for m in metrics:
        out.append(url(f"/api/v1/metrics/{m}", *csv))
        out.append(url("/api/v1/rank", f"metric={m}", "group=england", "top=10", *csv))
    for i, c in enumerate(councils):
        m = metrics[i % len(metrics)]
        out.append(url(f"/api/v1/areas/{c}", *csv))
        out.append(url("/api/v1/data", f"metric={m}", f"area={c}", *csv))
        out.append(url("/api/v1/compare", f"metric={m}", f"area={c}", "group=type", *csv))
        if i % 4 == 0:
            out.append(url("/api/v1/outliers", f"area={c}", "group=neighbours", *csv))
            out.append(url(f"/api/v1/neighbours/{c}", *csv))
out.append("/api/v1/health")
# Keep the ones that answer 200 (a metric with no value for a council is a
# 404 on some routes): the soak counts every non-2xx as an error.
kept = []
for t in out:
    try:
        urllib.request.urlopen(base + t).read()
        kept.append(t)
    except urllib.error.HTTPError as e:
        print(f"soak: left out {t} ({e.code})", file=sys.stderr)
print("\n".join(kept))
PY
n_targets=$(wc -l <"$OUT/targets.txt")

# wrk_run SECONDS CONNECTIONS DELAY_MS NAME: prints "<req/s> <errors>".
wrk_run() {
  local out
  out=$(wrk -t"$SOAK_THREADS" -c"$2" -d"$1s" --timeout 10s -s bench/soak.lua "$base" -- \
    "$OUT/targets.txt" "$3")
  echo "$out" >"$OUT/wrk-$4.log"
  local rps non2xx sockerr
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
  sockerr=$(awk -F'[ ,]+' '/Socket errors:/ {print $4 + $6 + $8 + $10}' <<<"$out")
  echo "$rps $(( ${non2xx:-0} + ${sockerr:-0} ))"
}

log "warming up ($n_targets targets)"
wrk_run 10 64 0 warmup >/dev/null
log "maximum throughput: wrk -t$SOAK_THREADS -c64, 20 s"
read -r max_rps max_err < <(wrk_run 20 64 0 max)
target_rps=$(awk -v m="$max_rps" -v r="$SOAK_RATE" 'BEGIN{printf "%.0f", m * r}')
# Each connection waits DELAY ms between requests: C / (DELAY + latency) per
# second. Start from DELAY = C / target, then correct once from a short run.
delay=$(awk -v c="$SOAK_CONNECTIONS" -v t="$target_rps" 'BEGIN{d = int(c * 1000 / t); print (d < 1 ? 1 : d)}')
read -r probe_rps _ < <(wrk_run 15 "$SOAK_CONNECTIONS" "$delay" probe)
conns=$(awk -v c="$SOAK_CONNECTIONS" -v t="$target_rps" -v p="$probe_rps" 'BEGIN{printf "%.0f", c * t / p}')
log "max $max_rps req/s; holding about $target_rps req/s ($conns connections, ${delay} ms apart) for $SOAK_SECONDS s"

echo "seconds,rss_kib" >"$OUT/rss.csv"
(
  start=$(date +%s)
  while kill -0 "$SERVER_PID" 2>/dev/null; do
    echo "$(($(date +%s) - start)),$(awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status")" >>"$OUT/rss.csv"
    sleep 10
  done
) &
SAMPLER_PID=$!
read -r soak_rps soak_err < <(wrk_run "$SOAK_SECONDS" "$conns" "$delay" soak)
kill "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""

rss_1min=$(awk -F, 'NR > 1 && $1 >= 60 {print $2; exit}' "$OUT/rss.csv")
rss_end=$(tail -1 "$OUT/rss.csv" | cut -d, -f2)
rss_peak=$(awk -F, 'NR > 1 && $2 > m {m = $2} END {print m}' "$OUT/rss.csv")
growth=$(awk -v a="$rss_1min" -v b="$rss_end" 'BEGIN{printf "%.2f", (b - a) * 100 / a}')
p99=$(awk '/ 99%/ {print $2}' "$OUT/wrk-soak.log")
pass=$([ "$soak_err" = 0 ] && awk -v g="$growth" 'BEGIN{exit !(g < 5)}' && echo PASS || echo FAIL)
{
  echo "## Soak: $SOAK_SECONDS s at $(awk -v r="$SOAK_RATE" 'BEGIN{print r * 100}') % of the maximum throughput"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (+ uncommitted changes)'); $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg) (shared machine)"
  echo "- \`lgbench serve --threads $SOAK_THREADS\` on the demo store; wrk -t$SOAK_THREADS on the same cores, $n_targets distinct targets (every read route, JSON and CSV) in turn"
  echo
  echo "| measure | value |"
  echo "|---|---|"
  echo "| maximum throughput (wrk -c64, no pacing, 20 s) | $max_rps req/s ($max_err errors) |"
  echo "| soak throughput ($conns connections, ${delay} ms between requests) | $soak_rps req/s ($(awk -v s="$soak_rps" -v m="$max_rps" 'BEGIN{printf "%.0f", s * 100 / m}') % of maximum), p99 $p99 |"
  echo "| errors during the soak (socket errors, timeouts, non-2xx) | **$soak_err** |"
  echo "| RSS after 1 min / at the end / peak | $((rss_1min / 1024)) / $((rss_end / 1024)) / $((rss_peak / 1024)) MiB |"
  echo "| RSS growth from minute 1 to the end | **$growth %** (limit 5 %) |"
  echo "| verdict | **$pass** |"
} | tee "$OUT/summary.md"
