#!/usr/bin/env bash
# One fuzz target for a fixed time: run_one.sh TARGET WORK_CORPUS SEEDS SECONDS.
# New interesting inputs go to WORK_CORPUS (kept between runs, so a longer
# `make fuzz` builds on earlier ones); SEEDS is only read. A crash leaves its
# input beside WORK_CORPUS as crash-<target>-<sha1>, printed, and fails the run.
set -euo pipefail
target=$1 work=$2 seeds=$3 seconds=$4
mkdir -p "$work"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
exec "$target" -max_total_time="$seconds" -seed=1 -timeout=20 -rss_limit_mb=2048 \
  -max_len=16384 -print_final_stats=1 -artifact_prefix="$(dirname "$work")/$(basename "$work")-" \
  "$work" "$seeds"
