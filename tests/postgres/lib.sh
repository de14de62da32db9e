# What the tests/postgres scripts share; sourced after they set lgbench, root,
# url and work (a fresh folder of their own).

# check "what" command...: runs the command, counting it in passed/failures.
passed=0
failures=0
check() {
  local what=$1; shift
  if "$@"; then echo "ok: $what"; passed=$((passed + 1)); else echo "FAILED: $what"; failures=$((failures + 1)); fi
}
# Prints the tally; false if anything failed.
finish() {
  echo "$passed passed, $failures failed"
  [ "$failures" -eq 0 ]
}

# start_replica NAME REFRESH_MS [OPTION...]: starts `lgbench serve` on $url
# and prints its base URL. Run in $(...), a subshell: its pid goes to
# $work/pids, for stop_replicas. Every replica shares one server secret, as
# they must on one database.
start_replica() {
  local name=$1 refresh_ms=$2; shift 2
  "$lgbench" serve --db "$url" --port 0 --host 127.0.0.1 --data-dir "$root/data" \
    --secret-file "$work/server.secret" \
    --refresh-ms "$refresh_ms" "$@" >"$work/$name.out" 2>&1 &
  echo $! >>"$work/pids"
  for _ in $(seq 1 600); do
    grep -q "listening on" "$work/$name.out" && break
    sleep 0.1
  done
  grep -o "http://127.0.0.1:[0-9]*" "$work/$name.out" | head -1
}
stop_replicas() {
  if [ -f "$work/pids" ]; then
    # shellcheck disable=SC2046
    kill $(cat "$work/pids") 2>/dev/null || true
  fi
}
