#!/usr/bin/env bash
# The ctest fixture "postgres": one throwaway PostgreSQL 15 cluster (fsync
# off) shared by every test of a run, in a fresh folder under /tmp.
#   pg_test_cluster.sh start STATE   start it; STATE.url holds its URL
#   pg_test_cluster.sh stop STATE    stop it and delete its folder
# tests/support/pg_test_cluster.h reads STATE.url (LGB_TEST_PG_URL_FILE).
set -euo pipefail
cmd=${1:?start or stop}
state=${2:?state file prefix}
pg_local="$(cd "$(dirname "$0")/../.." && pwd)/scripts/pg-local.sh"

stop() {
  if [ -f "$state.dir" ]; then
    "$pg_local" destroy "$(cat "$state.dir")" || true
  fi
  rm -f "$state.dir" "$state.url"
}

case "$cmd" in
  start)
    stop  # a cluster left behind by an interrupted run
    dir=$(mktemp -d /tmp/lgb-pgtest-XXXXXX)
    echo "$dir" >"$state.dir"
    LGB_PG_FAST=1 "$pg_local" start "$dir" >"$state.url.tmp"
    mv "$state.url.tmp" "$state.url"
    echo "PostgreSQL test cluster: $(cat "$state.url")"
    ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop STATE" >&2; exit 2 ;;
esac
