#!/usr/bin/env bash
# bench/replicas.sh: stateless replicas on one PostgreSQL behind nginx (#9).
#   A. Throughput: two `lgbench serve` replicas behind nginx vs one replica
#      behind the same nginx (same wrk, same distinct /api/v1/compare URLs,
#      each asked at most once per run, so no response cache answers).
#   B. A replica restarted under load: wrk through nginx to both replicas
#      while replica A gets SIGTERM (it stops accepting, finishes what it
#      holds and closes its idle keep-alive connections) and is started
#      again; nginx retries a request a closing replica dropped on the other
#      (proxy_next_upstream). Passes with zero failed requests (non-2xx and
#      socket errors); exits 1 otherwise.
#   C. The replicas' LISTEN and pooled connections carry TCP keepalive
#      probes (`ss -o` shows a keepalive timer on each).
# Everything runs on loopback in ports 18800-18899 (BENCH_REPLICA_PORT, the
# first of 6), in bench/out/replicas: a PostgreSQL 15 cluster on TCP
# (scripts/pg-local.sh, fsync on), nginx from Debian with a config written
# there (nothing outside it changes). Stopped by pid at the end.
# One command after `make build` (the release lgbench):
#   bash bench/replicas.sh
#   BENCH_REPLICA_SECONDS=8   each wrk run of A (two rounds, alternating)
#   BENCH_RESTART_SECONDS=12  the wrk run of B
#   BENCH_REPLICA_THREADS=1   --threads of each replica
# The machine is shared (2 cores, other builds running): keep runs short and
# read only the ratio measured within one run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export BENCH_OUT=${BENCH_OUT:-$ROOT/bench/out}
LGBENCH=${BENCH_BUILD:-$ROOT/build/release}/lgbench
OUT=$BENCH_OUT/replicas
CLUSTER=$OUT/pg
PORT0=${BENCH_REPLICA_PORT:-18840}
PG_PORT=$PORT0 R1_PORT=$((PORT0 + 1)) R2_PORT=$((PORT0 + 2))
NGINX_BOTH=$((PORT0 + 3)) NGINX_ONE=$((PORT0 + 4))
SECONDS_A=${BENCH_REPLICA_SECONDS:-8}
SECONDS_B=${BENCH_RESTART_SECONDS:-12}
THREADS=${BENCH_REPLICA_THREADS:-1}
mkdir -p "$OUT"
# shellcheck source=lib.sh
source bench/lib.sh
log() { echo "bench/replicas: $*" >&2; }
[ -x "$LGBENCH" ] || { log "$LGBENCH missing: make build"; exit 1; }
for cmd in nginx wrk curl psql python3 ss; do
  command -v "$cmd" >/dev/null || { log "'$cmd' not found (scripts/install-deps.sh)"; exit 1; }
done

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$OUT/nginx.pid" ] && kill "$(cat "$OUT/nginx.pid")" 2>/dev/null || true
  "$ROOT/scripts/pg-local.sh" stop "$CLUSTER"
}
trap cleanup EXIT

# The demo store (real bundled data), copied into PostgreSQL by migrate.
DEMO=$OUT/demo.db
if [ ! -f "$DEMO" ]; then
  log "ingesting the demo store (once)"
  "$LGBENCH" ingest --db "$DEMO.partial" --manifest data/sources.csv >"$OUT/ingest.log"
  mv "$DEMO.partial" "$DEMO"
fi
cluster_url=$("$ROOT/scripts/pg-local.sh" start "$CLUSTER" "$PG_PORT")
export PGOPTIONS="-c client_min_messages=warning"
psql -X -q "$cluster_url" -c "DROP DATABASE IF EXISTS replicas" -c "CREATE DATABASE replicas"
URL=${cluster_url%/lgbench}/replicas
log "migrate $DEMO -> $URL"
"$LGBENCH" migrate --from "$DEMO" --to "$URL" >"$OUT/migrate.log"
export LGB_SECRET_FILE=$OUT/server.secret

start_replica() {  # start_replica PORT: prints the pid
  "$LGBENCH" serve --db "$URL" --port "$1" --threads "$THREADS" --web-root "" --data-dir data \
    --max-connections-per-client 100000 >>"$OUT/replica-$1.log" 2>&1 &
  echo $!
}
wait_listening() { wait_for_http "http://127.0.0.1:$1/api/v1/health" 600; }
R1=$(start_replica "$R1_PORT"); PIDS+=("$R1")
R2=$(start_replica "$R2_PORT"); PIDS+=("$R2")
wait_listening "$R1_PORT"
wait_listening "$R2_PORT"

# nginx: one server over both replicas, one over replica 1 alone. Failed
# connections and a dropped request move to the next replica (GETs are
# idempotent); upstream keep-alive as a production proxy would use.
mkdir -p "$OUT/nginx-tmp"
cat >"$OUT/nginx.conf" <<CONF
worker_processes 1;
pid $OUT/nginx.pid;
error_log $OUT/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $OUT/nginx-tmp;
  proxy_temp_path $OUT/nginx-tmp;
  fastcgi_temp_path $OUT/nginx-tmp;
  uwsgi_temp_path $OUT/nginx-tmp;
  scgi_temp_path $OUT/nginx-tmp;
  upstream both {
    server 127.0.0.1:$R1_PORT max_fails=0;
    server 127.0.0.1:$R2_PORT max_fails=0;
    keepalive 64;
  }
  upstream one {
    server 127.0.0.1:$R1_PORT;
    keepalive 64;
  }
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  proxy_set_header Host \$host;
  proxy_next_upstream error timeout http_502 http_503;
  proxy_next_upstream_tries 3;
  proxy_connect_timeout 2s;
  server { listen 127.0.0.1:$NGINX_BOTH; location / { proxy_pass http://both; } }
  server { listen 127.0.0.1:$NGINX_ONE; location / { proxy_pass http://one; } }
}
CONF
nginx -c "$OUT/nginx.conf" -g 'daemon on;'
wait_for_http "http://127.0.0.1:$NGINX_BOTH/api/v1/health" 100

# Distinct compare URLs from the demo store, split into rounds so that no URL
# is asked twice in the whole run.
URLS=$OUT/urls.txt
n=$(python3 bench/compare_urls.py "$DEMO" "$URLS" 0 data/catalogue/ratios.csv)
part=$((n / 5))
for i in 1 2 3 4 5; do
  sed -n "$(( (i - 1) * part + 1 )),$(( i * part ))p" "$URLS" >"$OUT/urls-$i.txt"
done
: >"$BENCH_OUT/wrk.log"
WRK_THREADS=2 WRK_CONNECTIONS=32
# Warm both replicas' snapshots and code paths (a few URLs from the last part).
WRK_SECONDS=2 run_wrk_distinct "http://127.0.0.1:$NGINX_BOTH" "$OUT/urls-5.txt" >/dev/null

# A. Two rounds, sides alternating.
WRK_SECONDS=$SECONDS_A
rows=""
best_two=0 best_one=0
for round in 1 2; do
  read -r one_rps one_p99 one_n one_bad one_ex < <(run_wrk_distinct "http://127.0.0.1:$NGINX_ONE" "$OUT/urls-$((2 * round - 1)).txt")
  read -r two_rps two_p99 two_n two_bad two_ex < <(run_wrk_distinct "http://127.0.0.1:$NGINX_BOTH" "$OUT/urls-$((2 * round)).txt")
  rows+="| $round | $(fmt0 "$two_rps") | $two_p99 ms | $two_bad | $(fmt0 "$one_rps") | $one_p99 ms | $one_bad | **$(ratio "$two_rps" "$one_rps")×** |"$'\n'
  [ "$one_ex$two_ex" != 00 ] && log "a URL list ran out in round $round: lower BENCH_REPLICA_SECONDS"
  best_two=$(awk -v a="$best_two" -v b="$two_rps" 'BEGIN{print (b>a)?b:a}')
  best_one=$(awk -v a="$best_one" -v b="$one_rps" 'BEGIN{print (b>a)?b:a}')
done

# C. Keepalive on every TCP connection of the replicas to PostgreSQL.
conns=$(ss -tnpo state established "( dport = :$PG_PORT )" | grep -E "pid=($R1|$R2)," || true)
n_conns=$(echo "$conns" | grep -c "pid=" || true)
n_keepalive=$(echo "$conns" | grep -c "timer:(keepalive" || true)
echo "$conns" >"$OUT/ss.txt"

# B. Restart replica 1 under load through nginx.
retries_before=$(grep -c "upstream" "$OUT/nginx-error.log" 2>/dev/null || true)
WRK_SECONDS=$SECONDS_B
run_wrk_distinct "http://127.0.0.1:$NGINX_BOTH" "$OUT/urls-5.txt" wrap >"$OUT/restart-wrk.txt" &
WRK=$!
sleep $((SECONDS_B / 4))
t0=$(now_s)
kill -TERM "$R1"
while kill -0 "$R1" 2>/dev/null; do sleep 0.05; done  # not our child: poll
stopped=$(elapsed "$t0")
R1=$(start_replica "$R1_PORT"); PIDS+=("$R1")
wait_listening "$R1_PORT"
back=$(elapsed "$t0")
wait "$WRK"
read -r b_rps b_p99 b_n b_bad _ <"$OUT/restart-wrk.txt"
# wrk prints "Socket errors: connect N, read N, write N, timeout N" only when
# there were some: read the last run's block alone.
socket_errors=$(awk '/^== / {blk = ""} {blk = blk $0 "\n"} END {printf "%s", blk}' "$BENCH_OUT/wrk.log" |
  grep "Socket errors" || true)
errors=$(echo "$socket_errors" | awk -F'[ ,]+' '{n=0; for (i=1;i<=NF;i++) if ($i ~ /^[0-9]+$/) n+=$i; print n+0}')
retries=$(( $(grep -c "upstream" "$OUT/nginx-error.log" 2>/dev/null || true) - retries_before ))
failed=$(( ${b_bad:-0} + ${errors:-0} ))

{
  echo "## 10. Replicas on one PostgreSQL behind nginx"
  echo
  echo "$(date -u +%Y-%m-%d), \`bash bench/replicas.sh\`. The demo store (real bundled data) copied into PostgreSQL 15 (TCP on loopback, fsync on) by \`lgbench migrate\`; each replica \`lgbench serve --threads $THREADS\`; nginx-light (1 worker, upstream keep-alive) in front. wrk -t$WRK_THREADS -c$WRK_CONNECTIONS on distinct \`/api/v1/compare\` URLs ($n in all; the throughput rounds ask each at most once, so no response cache answers; the restart run walks its own fifth of them). **The machine was shared** (2 cores; wrk, nginx, PostgreSQL, the replicas and other engineers' builds all on them): runs are short and only the ratio within this run means much. Two replicas on 2 busy cores cannot double anything; the row shows what the second replica adds here, not on separate machines."
  echo
  echo "| round | two replicas req/s | p99 | non-2xx | one replica req/s | p99 | non-2xx | two ÷ one |"
  echo "|---|---|---|---|---|---|---|---|"
  printf "%s" "$rows"
  echo
  echo "Replica restarted under load: wrk ${SECONDS_B}s through nginx to both replicas; after $((SECONDS_B / 4)) s replica 1 got SIGTERM (drained and exited in ${stopped} s) and was started again (answering ${back} s after the signal). **$b_n requests, ${b_bad:-0} non-2xx, ${errors:-0} socket errors: $failed failed**; nginx logged $retries upstream errors it retried on the other replica. TCP keepalive: $n_keepalive of $n_conns replica connections to PostgreSQL carry a keepalive timer (\`ss -o\`)."
} >"$OUT/summary.md"
cat "$OUT/summary.md"
[ "$failed" -eq 0 ] && [ "$n_keepalive" -eq "$n_conns" ] && [ "$n_conns" -gt 0 ]
