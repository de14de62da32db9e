#!/usr/bin/env bash
# pg-local.sh: a throwaway PostgreSQL 15 cluster in a folder, for the tests,
# the benchmarks and trying lgbench out. Uses Debian's postgresql-15 binaries
# (scripts/install-deps.sh installs them). PostgreSQL refuses to run as root,
# so as root the server runs as the `postgres` user and the folder is given
# to it.
#
#   pg-local.sh start DIR [PORT]  initdb DIR if new, start it, print its URL.
#                                 Without PORT it listens only on a unix
#                                 socket in DIR; with PORT also on 127.0.0.1.
#   pg-local.sh stop DIR          fast shutdown (kept on disk)
#   pg-local.sh kill DIR          immediate shutdown (as a crash would)
#   pg-local.sh url DIR           the URL of a started cluster
#   pg-local.sh destroy DIR       stop and delete DIR
#
# The cluster trusts every local connection (no passwords) and is tuned for
# throwaway use when LGB_PG_FAST=1 (fsync off): never use it for real data.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { sed -n '2,17p' "$0" >&2; exit 2; }
[ -x "$PGBIN/initdb" ] || { echo "pg-local: $PGBIN/initdb not found (apt-get install postgresql-15)" >&2; exit 1; }

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() {
  local port
  port=$(cat "$dir/port")
  if [ "$(cat "$dir/listen")" = "socket" ]; then
    echo "postgresql:///lgbench?host=$dir&port=$port&user=lgbench"
  else
    echo "postgresql://lgbench@127.0.0.1:$port/lgbench"
  fi
}

case "$cmd" in
  start)
    port=${3:-}
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
      as_pg "$PGBIN/initdb" -D "$dir/data" -U lgbench --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
      {
        echo "unix_socket_directories = '$dir'"
        if [ -n "$port" ]; then echo "listen_addresses = '127.0.0.1'"; else echo "listen_addresses = ''"; fi
        echo "port = ${port:-5432}"
        echo "max_connections = 200"
        echo "shared_buffers = 64MB"
        if [ "${LGB_PG_FAST:-0}" = 1 ]; then
          echo "fsync = off"
          echo "synchronous_commit = off"
          echo "full_page_writes = off"
        fi
      } | as_pg tee -a "$dir/data/postgresql.conf" >/dev/null
      echo "${port:-5432}" >"$dir/port"
      if [ -n "$port" ]; then echo tcp >"$dir/listen"; else echo socket >"$dir/listen"; fi
    fi
    if ! as_pg "$PGBIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
        || { tail -20 "$dir/server.log" >&2; exit 1; }
      as_pg "$PGBIN/psql" -h "$dir" -p "$(cat "$dir/port")" -U lgbench -d postgres -qAtc \
        "SELECT 1 FROM pg_database WHERE datname = 'lgbench'" | grep -q 1 \
        || as_pg "$PGBIN/createdb" -h "$dir" -p "$(cat "$dir/port")" -U lgbench lgbench
    fi
    url
    ;;
  stop)
    [ -d "$dir/data" ] && as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  kill)
    [ -d "$dir/data" ] && as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    ;;
  url)
    url
    ;;
  destroy)
    [ -d "$dir/data" ] && as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    sed -n '2,17p' "$0" >&2; exit 2 ;;
esac
