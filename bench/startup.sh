#!/usr/bin/env bash
# Measures the time from starting `cloudpa serve` to the first 200 from
# /api/v1/status, on a fresh data directory (migrations + reference data +
# demo seed) and on an existing one. Usage: bench/startup.sh [BINARY] [RUNS]
set -euo pipefail
bin=${1:-target/release/cloudpa}
runs=${2:-5}
port=18099

measure() { # $1 = data dir; prints milliseconds to a ready /status
  local start end pid
  start=$(date +%s%N)
  "$bin" serve --demo --data-dir "$1" --addr "127.0.0.1:$port" >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/status"; do sleep 0.005; done
  end=$(date +%s%N)
  kill -TERM "$pid"; wait "$pid" || true
  echo $(( (end - start) / 1000000 ))
}

for kind in fresh existing; do
  times=()
  for _ in $(seq "$runs"); do
    dir=$(mktemp -d)
    [ "$kind" = existing ] && measure "$dir" >/dev/null
    times+=("$(measure "$dir")")
    rm -rf "$dir"
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
  echo "$kind data dir: ms to ready /status over $runs runs: $sorted"
done
