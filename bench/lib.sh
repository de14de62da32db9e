# Shared helpers for bench/*.sh: timing, start nginx on a static file, run
# wrk, parse, format ratios. Sourced, not run. Every server started here
# listens on 127.0.0.1 only and is stopped by its own pid.

BENCH_OUT=${BENCH_OUT:-$(pwd)/bench/out}
WRK_THREADS=${WRK_THREADS:-2}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-64}
WRK_SECONDS=${WRK_SECONDS:-10}
WORKERS=${WORKERS:-2}

# now_s: wall clock in seconds with nanoseconds.
now_s() { date +%s.%N; }
# elapsed START: seconds since START (from now_s), 3 decimals.
elapsed() { awk -v a="$1" -v b="$(now_s)" 'BEGIN { printf "%.3f", b - a }'; }

# free_port: prints a free TCP port on loopback; with BENCH_PORTS=LOW-HIGH
# (a shared machine's allotted range) the first free one in that range.
free_port() {
  python3 - "${BENCH_PORTS:-}" <<'PY'
import socket, sys
span = sys.argv[1]
ports = range(int(span.split("-")[0]), int(span.split("-")[1]) + 1) if span else [0]
for port in ports:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(s.getsockname()[1])
        sys.exit(0)
sys.exit("bench: no free port in BENCH_PORTS=" + span)
PY
}

wait_for_http() {  # url [tries of 0.1 s]
  for _ in $(seq 1 "${2:-100}"); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "bench: $1 did not answer" >&2
  return 1
}

# http_status URL: prints the HTTP status code (000 when nothing answers).
http_status() { curl -s -o /dev/null -w '%{http_code}' "$1" 2>/dev/null || true; }

# start_nginx DIR PORT: serves DIR with WORKERS worker processes; sets NGINX_PID_FILE.
start_nginx() {
  local root=$1 port=$2 conf="$BENCH_OUT/nginx-$2.conf"
  NGINX_PID_FILE="$BENCH_OUT/nginx-$2.pid"
  cat >"$conf" <<CONF
worker_processes $WORKERS;
pid $NGINX_PID_FILE;
error_log $BENCH_OUT/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  # The strongest simple static peer: file descriptors and metadata cached,
  # so a request costs no open/stat/close system calls.
  open_file_cache max=1024 inactive=60s;
  open_file_cache_valid 60s;
  sendfile on;
  tcp_nodelay on;
  default_type application/json;
  types { application/json json; text/csv csv; }
  client_body_temp_path $BENCH_OUT/nginx-tmp;
  proxy_temp_path $BENCH_OUT/nginx-tmp;
  fastcgi_temp_path $BENCH_OUT/nginx-tmp;
  uwsgi_temp_path $BENCH_OUT/nginx-tmp;
  scgi_temp_path $BENCH_OUT/nginx-tmp;
  server {
    listen 127.0.0.1:$port;
    root $root;
    etag on;
  }
}
CONF
  mkdir -p "$BENCH_OUT/nginx-tmp"
  nginx -c "$conf" -g 'daemon on;' 2>>"$BENCH_OUT/nginx-error.log" ||
    { echo "bench: nginx did not start:" >&2; tail -3 "$BENCH_OUT/nginx-error.log" >&2; return 1; }
}

stop_nginx() {
  [ -f "$NGINX_PID_FILE" ] && kill "$(cat "$NGINX_PID_FILE")" 2>/dev/null || true
  sleep 0.3
}

# run_wrk_distinct BASE_URL URLS_FILE [wrap]: every wrk thread walks its own
# slice of URLS_FILE (bench/distinct_urls.lua), each URL once; with "wrap" a
# thread starts its slice again when it reaches the end (for a peer with no
# cache, where a repeat costs the same as a new URL). Prints "<req/s> <p99 ms>
# <requests> <non-2xx> <exhausted>" (exhausted 1 when a thread ran out of URLs,
# which makes the req/s an underestimate); raw output in $BENCH_OUT/wrk.log.
run_wrk_distinct() {
  local out
  out=$(wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --latency \
        -s bench/distinct_urls.lua "$1" -- "$2" "$WRK_THREADS" "${3:-once}")
  { echo "== $1 (distinct URLs from $2, ${3:-once})"; echo "$out"; } >>"$BENCH_OUT/wrk.log"
  local rps p99 n bad ex
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  bad=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  ex=0; echo "$out" | grep -q '^EXHAUSTED' && ex=1
  echo "$rps $(to_ms "$p99") ${n:-0} ${bad:-0} $ex"
}

# run_wrk URL: prints "<req/s> <p99 ms>"; the raw wrk output goes to
# $BENCH_OUT/wrk.log.
run_wrk() {
  local out
  out=$(wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --latency "$1")
  { echo "== $1"; echo "$out"; } >>"$BENCH_OUT/wrk.log"
  local rps p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  echo "$rps $(to_ms "$p99")"
}

to_ms() {  # "1.23ms" | "850.00us" | "1.2s" -> milliseconds
  echo "$1" | awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v); print v+0} else if (v ~ /s$/) {sub(/s$/,"",v); print v*1000} else print v}'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b+0 == 0) print "n/a"; else printf "%.2f", a/b }'; }
fmt0() { awk -v a="$1" 'BEGIN { printf "%.0f", a }'; }
fmt2() { awk -v a="$1" 'BEGIN { printf "%.2f", a }'; }
fmt3() { awk -v a="$1" 'BEGIN { printf "%.3f", a }'; }

HTTP_HEADER='| request | body | lgbench req/s | lgbench p99 | nginx req/s | nginx p99 | lgbench ÷ nginx (req/s) |
|---|---|---|---|---|---|---|'

# http_vs_nginx ID LABEL LGBENCH_URL: fetches the response body from lgbench,
# serves the same bytes from nginx, runs wrk on both (same threads and
# connections; each warmed up first), appends a results row to http.md.
http_vs_nginx() {
  local name=$2 url=$3 dir="$BENCH_OUT/static-$1" port
  mkdir -p "$dir"
  curl -fsS "$url" -o "$dir/body.json"
  port=$(free_port)
  start_nginx "$dir" "$port"
  wait_for_http "http://127.0.0.1:$port/body.json"
  local saved=$WRK_SECONDS
  WRK_SECONDS=2
  run_wrk "$url" >/dev/null  # warm up both
  run_wrk "http://127.0.0.1:$port/body.json" >/dev/null
  WRK_SECONDS=$saved
  read -r l_rps l_p99 < <(run_wrk "$url")
  read -r n_rps n_p99 < <(run_wrk "http://127.0.0.1:$port/body.json")
  stop_nginx
  echo "| $name | $(stat -c %s "$dir/body.json") B | $(fmt0 "$l_rps") | $l_p99 ms | $(fmt0 "$n_rps") | $n_p99 ms | **$(ratio "$l_rps" "$n_rps")×** |" \
    >>"$BENCH_OUT/http.md"
}
