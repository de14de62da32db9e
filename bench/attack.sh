#!/usr/bin/env bash
# bench/attack.sh: the attacks of issue #12 against `lgbench serve`, with
# nginx serving the same bytes under the same attack as the peer.
#
# 1. Slow readers: ATTACK_CLIENTS (2000) clients from 40 loopback addresses
#    each ask for a different 1.9 MB response and never read it; a normal
#    client's cache misses are timed before and during the attack, and the
#    server's peak RSS is sampled (bench/slow_readers.py).
# 2. Descriptor limit: the server under `ulimit -n 512` and 700 connections,
#    idle and then busy (half a request each); CPU burnt in 5 s and what a
#    new client gets (bench/fd_limit.py).
#
#   make build && bash bench/attack.sh      # about 3 minutes
#
# Output: bench/out/attack/ (summary.md and the raw JSON). The machine is
# shared: the figures move with its load, compare within one run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export BENCH_OUT=${BENCH_OUT:-$ROOT/bench/out}
# shellcheck source=bench/lib.sh
source bench/lib.sh

LGBENCH=${BENCH_BUILD:-$ROOT/build/release}/lgbench
ATTACK_CLIENTS=${ATTACK_CLIENTS:-2000}
ATTACK_ADDRESSES=${ATTACK_ADDRESSES:-40}
ATTACK_HOLD=${ATTACK_HOLD:-20}
OUT=$BENCH_OUT/attack
mkdir -p "$OUT"
[ -x "$LGBENCH" ] || { echo "attack: $LGBENCH missing: run 'make build'" >&2; exit 1; }
for cmd in nginx curl python3; do
  command -v "$cmd" >/dev/null || { echo "attack: '$cmd' not found" >&2; exit 1; }
done
log() { echo "attack: $*" >&2; }

SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "${NGINX_PID_FILE:-}" ] && [ -f "$NGINX_PID_FILE" ] && kill "$(cat "$NGINX_PID_FILE")" 2>/dev/null || true
}
trap cleanup EXIT

DB=$OUT/attack.db
if [ ! -f "$DB" ]; then
  log "loading the bundled data into $DB"
  "$LGBENCH" ingest --db "$DB" --manifest data/sources.csv >"$OUT/ingest.log"
fi

# start_lgbench LOG [ulimit -n] [extra options...]: sets SERVER_PID and base.
start_lgbench() {
  local log=$1 nofile=$2 hard
  shift 2
  hard=$(ulimit -Hn)  # no more than the hard limit allows
  [ "$hard" != unlimited ] && [ "$nofile" -gt "$hard" ] && nofile=$hard
  port=$(free_port)
  bash -c "ulimit -n $nofile; exec \"\$@\"" -- "$LGBENCH" serve --db "$DB" --port "$port" \
    --threads 2 --web-root "" "$@" >"$OUT/$log" 2>&1 &
  SERVER_PID=$!
  base=http://127.0.0.1:$port
  wait_for_http "$base/api/v1/health" 200
}
stop_lgbench() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
nginx_pids() {  # master and workers
  local master; master=$(cat "$NGINX_PID_FILE")
  echo "$master" $(pgrep -P "$master")
}
pid_args() { for p in "$@"; do printf -- '--pid %s ' "$p"; done; }

# ---- 1. Slow readers -------------------------------------------------------
start_lgbench serve-slow.log 65536
# Attack targets: the claimant count of every area (1.9 MB of JSON), the
# areas listed from a different starting point and with five spellings of
# history=, so each is a different request and a cache miss.
python3 - "$base" "$ATTACK_CLIENTS" >"$OUT/attack-targets.txt" <<'PY'
import csv, io, sys, urllib.request
base, n = sys.argv[1], int(sys.argv[2])
rows = csv.reader(io.StringIO(urllib.request.urlopen(
    base + "/api/v1/data?metric=claimant-count&format=csv").read().decode()))
next(rows)
codes = sorted({r[0] for r in rows})
history = ["", "&history=false", "&history=0", "&history=true", "&history=1"]
for k in range(n):
    rot = codes[k % len(codes):] + codes[:k % len(codes)]
    print(f"/api/v1/data?metric=claimant-count&area={','.join(rot)}{history[k // len(codes) % 5]}")
PY
# The normal client: comparisons (engine work, about 5 KB), none cached yet.
python3 - "$base" >"$OUT/normal-targets.txt" <<'PY'
import json, sys, urllib.request
base = sys.argv[1]
areas = json.load(urllib.request.urlopen(base + "/api/v1/areas?type=london-borough&current=true"))["items"]
for a in areas[:30]:
    print(f"/api/v1/compare?metric=claimant-count&area={a['code']}&group=type")
PY
attack_bytes=$(curl -s "$base$(head -1 "$OUT/attack-targets.txt")" | wc -c)
log "1. slow readers against lgbench: $ATTACK_CLIENTS clients x $attack_bytes bytes"
python3 bench/slow_readers.py --port "$port" $(pid_args "$SERVER_PID") --clients "$ATTACK_CLIENTS" \
  --addresses "$ATTACK_ADDRESSES" --hold "$ATTACK_HOLD" --targets "$OUT/attack-targets.txt" \
  --normal "$OUT/normal-targets.txt" >"$OUT/slow-lgbench.json"
stop_lgbench
stop_line=$(grep "stopped; peak" "$OUT/serve-slow.log" || true)

# The peer: nginx serving the same bytes as static files.
static=$OUT/static
rm -rf "$static" && mkdir -p "$static/api/v1"
start_lgbench serve-static.log 65536
curl -s "$base$(head -1 "$OUT/attack-targets.txt")" >"$static/big.json"
i=0
while read -r t; do
  curl -s "$base$t" >"$static/normal-$i.json"
  echo "/normal-$i.json"
  i=$((i + 1))
done <"$OUT/normal-targets.txt" >"$OUT/normal-targets-nginx.txt"
stop_lgbench
seq 1 "$ATTACK_CLIENTS" | sed 's|^|/big.json?k=|' >"$OUT/attack-targets-nginx.txt"
nport=$(free_port)
WORKERS=2 start_nginx "$static" "$nport"
sleep 0.5
log "1. slow readers against nginx (peer)"
python3 bench/slow_readers.py --port "$nport" $(pid_args $(nginx_pids)) --clients "$ATTACK_CLIENTS" \
  --addresses "$ATTACK_ADDRESSES" --hold "$ATTACK_HOLD" --targets "$OUT/attack-targets-nginx.txt" \
  --normal "$OUT/normal-targets-nginx.txt" >"$OUT/slow-nginx.json"
stop_nginx

# ---- 2. Descriptor limit ---------------------------------------------------
log "2. descriptor limit: ulimit -n 512, 700 connections"
start_lgbench serve-fd-idle.log 512
python3 bench/fd_limit.py --port "$port" --pid "$SERVER_PID" --connections 700 --mode idle \
  >"$OUT/fd-idle.json"
stop_lgbench
start_lgbench serve-fd-busy.log 512 --reserved-fds 0
python3 bench/fd_limit.py --port "$port" --pid "$SERVER_PID" --connections 700 --mode busy \
  >"$OUT/fd-busy.json"
stop_lgbench

python3 - "$OUT" "$attack_bytes" "$stop_line" <<'PY' | tee "$OUT/summary.md"
import json, sys
out, size, stop_line = sys.argv[1], int(sys.argv[2]), sys.argv[3]
L = json.load(open(f"{out}/slow-lgbench.json"))
N = json.load(open(f"{out}/slow-nginx.json"))
idle = json.load(open(f"{out}/fd-idle.json"))
busy = json.load(open(f"{out}/fd-busy.json"))
def lat(d): return f"p50 {d['p50_ms']} ms, p95 {d['p95_ms']} ms, max {d['max_ms']} ms (n={d['n']}, status {d['status']})"
print(f"Slow readers: {L['clients']} clients from {L['addresses']} addresses, each asking for a different {size:,}-byte response and reading none of it ({L['clients'] * size / 2**30:.1f} GiB in all).\n")
print("| | lgbench | nginx (same bytes, static) |")
print("|---|---|---|")
print(f"| RSS before / peak during / after the clients closed | {L['rss_mib']['before']} / **{L['rss_mib']['peak_during']}** / {L['rss_mib']['after_close']} MiB | {N['rss_mib']['before']} / {N['rss_mib']['peak_during']} / {N['rss_mib']['after_close']} MiB |")
print(f"| normal client, cache misses, before the attack | {lat(L['normal_before'])} | {lat(N['normal_before'])} |")
print(f"| normal client, cache misses, during the attack | **{lat(L['normal_during'])}** | {lat(N['normal_during'])} |")
print(f"| attackers closed by the server | {L['attackers_closed_by_server']} | {N['attackers_closed_by_server']} |")
print(f"\nlgbench's own account: `{stop_line.strip()}`\n")
print("Descriptor limit (`ulimit -n 512`), 700 connections held for 5 s:\n")
print("| connections | server CPU in 5 s | told 503 | closed by server | a new client while they are open | after they close |")
print("|---|---|---|---|---|---|")
for name, d in (("idle", idle), ("busy (half a request each), `--reserved-fds 0`", busy)):
    print(f"| {name} | {d['server_cpu_s']} s | {d['told_503']} | {d['closed_by_server']} | {d['new_client_during_ms_status']} | {d['new_client_after_ms_status']} |")
PY
