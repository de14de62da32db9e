# Shared helpers for bench/*.sh: start nginx on a static file, run wrk, parse.
# Sourced, not run. Every server started here listens on 127.0.0.1 only.

BENCH_OUT=${BENCH_OUT:-$(pwd)/bench/out}
WRK_THREADS=${WRK_THREADS:-2}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-64}
WRK_SECONDS=${WRK_SECONDS:-10}
WORKERS=${WORKERS:-2}

# free_port: prints a free TCP port on loopback.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_for_http() {  # url
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "bench: $1 did not answer" >&2
  return 1
}

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
  nginx -c "$conf" -g 'daemon on;'
}

stop_nginx() {
  [ -f "$NGINX_PID_FILE" ] && kill "$(cat "$NGINX_PID_FILE")" 2>/dev/null || true
  sleep 0.3
}

# run_wrk URL: prints "<req/s> <p99 ms>".
run_wrk() {
  local out
  out=$(wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --latency "$1")
  local rps p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  echo "$rps $(to_ms "$p99")"
}

to_ms() {  # "1.23ms" | "850.00us" | "1.2s" -> milliseconds
  echo "$1" | awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v); print v+0} else if (v ~ /s$/) {sub(/s$/,"",v); print v*1000} else print v}'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b+0 == 0) print "n/a"; else printf "%.2f", a/b }'; }

# http_vs_nginx NAME LGBENCH_URL: fetches the response body from lgbench,
# serves the same bytes from nginx, runs wrk on both, appends a results row.
http_vs_nginx() {
  local name=$1 url=$2 dir="$BENCH_OUT/static-$1" port
  mkdir -p "$dir"
  curl -fsS "$url" -o "$dir/body.json"
  port=$(free_port)
  start_nginx "$dir" "$port"
  wait_for_http "http://127.0.0.1:$port/body.json"
  run_wrk "$url" >/dev/null  # warm up both
  run_wrk "http://127.0.0.1:$port/body.json" >/dev/null
  read -r l_rps l_p99 < <(run_wrk "$url")
  read -r n_rps n_p99 < <(run_wrk "http://127.0.0.1:$port/body.json")
  stop_nginx
  echo "| $name | $(stat -c %s "$dir/body.json") B | $l_rps | $l_p99 ms | $n_rps | $n_p99 ms | **$(ratio "$l_rps" "$n_rps")×** |" \
    >>"$BENCH_OUT/http.md"
}
