#!/usr/bin/env bash
# `lgbench serve` replicas on one PostgreSQL through a database outage: when
# the server stops, they report "degraded" in /api/v1/health and keep
# answering from their last snapshot; when it is back, they recover by
# themselves. A replica that polls only once an hour learns of the outage, of
# the recovery, of a new release and of a group made on another replica at
# once, through LISTEN/NOTIFY. Stopping a server would break every other test
# using the shared ctest fixture, so this test starts a cluster of its own.
#   replicas_on_postgres.sh LGBENCH REPO_ROOT
set -euo pipefail
lgbench=${1:?lgbench binary}
root=${2:?repository root}
pg_local="$root/scripts/pg-local.sh"
work=$(mktemp -d /tmp/lgb-replicas-XXXXXX)
cluster=$(mktemp -d /tmp/lgb-replicas-pg-XXXXXX)  # its own folder: PostgreSQL runs as another user
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cleanup() {
  stop_replicas
  "$pg_local" destroy "$cluster" >/dev/null 2>&1 || true
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

url=$(LGB_PG_FAST=1 "$pg_local" start "$cluster")

# The catalogue, the register and one real metric.
{
  head -1 "$root/data/sources.csv"
  grep -E '^(catalogue/|register/|ons-els/claimant-count)' "$root/data/sources.csv" | sed "s|^|$root/data/|"
} >"$work/manifest.csv"
"$lgbench" ingest --db "$url" --manifest "$work/manifest.csv" >"$work/ingest.out"

a=$(start_replica replica-a 100 --allow-writes)
b=$(start_replica replica-b 100)
# Polls once an hour: whatever it learns below, it learns from notifications.
c=$(start_replica replica-c 3600000)
check "three replicas start" test -n "$a" -a -n "$b" -a -n "$c"

health_is() {  # health_is BASE STATUS: /health says STATUS within 30 s
  for _ in $(seq 1 300); do
    curl -sf "$1/api/v1/health" >"$work/health.json" && grep -q "\"status\":\"$2\"" "$work/health.json" && return 0
    sleep 0.1
  done
  cat "$work/health.json"
  return 1
}
check "a is ok" health_is "$a" ok
check "b is ok" health_is "$b" ok
check "c is ok" health_is "$c" ok

# Answers taken while the database is up; the same URLs are asked again below.
compare="/api/v1/compare?metric=claimant-count&area=E08000035&group=neighbours"
data="/api/v1/data?metric=claimant-count&area=E08000035"
for r in a b; do
  base=${!r}
  curl -sf "$base$compare" >"$work/$r-compare-before.json"
  curl -sf "$base$data" >"$work/$r-data-before.json"
done

# The database goes away (a fast shutdown ends every connection).
"$pg_local" stop "$cluster"
check "a reports degraded" health_is "$a" degraded
check "b reports degraded" health_is "$b" degraded
check "c, polling hourly, reports degraded" health_is "$c" degraded
curl -sf "$a/api/v1/health" >"$work/a-health-down.json"
check "with since when" grep -q '"failing_since":"20[0-9-]*T[0-9:]*Z"' "$work/a-health-down.json"
check "and the last error" grep -q '"last_error":"the database cannot be reached' "$work/a-health-down.json"
check "without naming the database" bash -c "! grep -q lgb-replicas-pg '$work/a-health-down.json'"
check "the replica says so once in its log" test "$(grep -c 'serving the last snapshot (degraded)' "$work/replica-a.out")" -eq 1

same_answer() {  # same_answer REPLICA PATH NAME: the replica answers PATH as before the outage
  local base=${!1}
  curl -sf "$base$2" >"$work/$1-$3-during.json" && diff -q "$work/$1-$3-before.json" "$work/$1-$3-during.json"
}
for r in a b; do
  check "$r answers a comparison from its snapshot" same_answer "$r" "$compare" compare
  check "$r answers values it had served" same_answer "$r" "$data" data
  # Asked for the first time: computed from the snapshot, no database needed.
  check "$r benchmarks another council" bash -c \
    "curl -sf '${!r}/api/v1/compare?metric=claimant-count&area=E08000025&group=neighbours' | grep -q E08000025"
  check "$r ranks" bash -c "curl -sf '${!r}/api/v1/rank?metric=claimant-count&group=neighbours&area=E08000035' | grep -q E08000035"
done
# Published values are read from the store itself: a clear 503 meanwhile.
check "values never asked before are 503 with Retry-After" bash -c \
  "curl -s -D - -o /dev/null '$a/api/v1/data?metric=claimant-count&area=E08000025' | grep -qi '^retry-after'"

# The database comes back: both recover without a restart.
"$pg_local" start "$cluster" >/dev/null
check "a recovers" health_is "$a" ok
check "b recovers" health_is "$b" ok
check "c, polling hourly, recovers" health_is "$c" ok
check "the replica says it recovered" grep -q "no longer degraded" "$work/replica-b.out"
check "values read from the store again" bash -c \
  "curl -sf '$a/api/v1/data?metric=claimant-count&area=E08000025' | grep -q E08000025"

# A release loaded by another process: every replica takes it into its
# snapshot (/health counts its releases), c only because it was notified.
releases() { curl -sf "$1/api/v1/health" | grep -o '"releases":[0-9]*' | cut -d: -f2; }
before=$(releases "$c")
grep -E '^ons-els/gigabit-capable-broadband' "$root/data/sources.csv" | sed "s|^|$root/data/|" |
  cat <(head -1 "$root/data/sources.csv") - >"$work/more.csv"
"$lgbench" ingest --db "$url" --manifest "$work/more.csv" >"$work/more.out"
has_releases() {  # has_releases BASE N: the replica's snapshot holds N releases within 30 s
  for _ in $(seq 1 300); do
    [ "$(releases "$1")" = "$2" ] && return 0
    sleep 0.1
  done
  return 1
}
for r in a b c; do
  check "$r takes the new release into its snapshot" has_releases "${!r}" $((before + 1))
done
check "c ranks on the new metric" bash -c \
  "curl -sf '$c/api/v1/rank?metric=gigabit-capable-broadband&group=neighbours&area=E08000035' | grep -q E08000035"

# A group made through replica a is usable on c: no release changed, so
# only the notification tells c to rebuild.
curl -sf -X POST "$a/api/v1/groups" -H 'Content-Type: application/json' \
  -d '{"id":"core-cities","name":"Core cities","area_codes":["E08000035","E08000003","E08000025"]}' >/dev/null
group_seen() {
  for _ in $(seq 1 300); do
    curl -sf "$c/api/v1/compare?metric=claimant-count&area=E08000035&group=core-cities" | grep -q E08000025 && return 0
    sleep 0.1
  done
  return 1
}
check "c benchmarks in a group made on a" group_seen

finish
