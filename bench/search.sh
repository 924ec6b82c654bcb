#!/usr/bin/env bash
# The catalogue search under load (issue 4): a synthetic catalogue of
# LISTINGS services, a mix of 24 searches with facet filters replayed by wrk
# at 16 connections from a second process on loopback, compared in the same
# run with the same server answering a static body of the mix's mean size.
# Also: the index rebuild time at start (from the server's log) and the
# server's resident memory after the load. The physical limit is nginx
# (Debian's, 2 workers on the same cores) serving a file of the same size,
# measured by the same wrk in the same run: the ratios to it are the
# targets of bench/run. wrk runs one thread (WRK_THREADS to change it): the
# load generator takes one of the two cores. With two, four busy threads
# share two cores and their time slices set the p99 of every server
# measured, nginx's as much as cloudpa's (BENCHMARKS.md).
# Usage: bench/search.sh [BINARY] [LISTINGS] [SECONDS] [sqlite|postgres]
#   postgres: TEST_DATABASE_URL names a server (a throw-away database is
#   made on it), or scripts/postgres-throwaway starts one.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bin=${1:-target/release/cloudpa}
listings=${2:-10000}
seconds=${3:-20}
engine=${4:-sqlite}
threads=${WRK_THREADS:-1}
port=18097
base="http://127.0.0.1:$port"
queries=bench/search-queries.txt
dir=$(mktemp -d)
cleanup() {
  for running in ${pid:-} ${nginx:-}; do kill -TERM "$running" 2>/dev/null || true; done
  stop_engine
  rm -rf "$dir"
}
trap cleanup EXIT

use_engine "$engine" "$dir"
echo "engine: $engine"
RUST_LOG=warn "$bin" demo --listings "$listings" --data-dir "$dir" "${database_args[@]}" | sed 's/^/demo: /'

start() { # $1 = static body size; leaves the server's pid in $pid
  "$bin" serve --data-dir "$dir" "${database_args[@]}" --addr "127.0.0.1:$port" --rate-limit 0 \
    --bench-static-bytes "$1" >"$dir/serve.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "$base/api/v1/status"; do sleep 0.01; done
}
stop() { kill -TERM "$pid"; wait "$pid" || true; }

start 1
bytes=0; n=0
while read -r path; do
  size=$(curl -sf -o /dev/null -w '%{size_download}' "$base$path")
  bytes=$((bytes + size)); n=$((n + 1))
done <"$queries"
mean=$((bytes / n))
stop
rebuilds=()
for _ in 1 2 3; do
  start "$mean"
  rebuilds+=("$(grep -o '"message":"search index built","listings":[0-9]*,"ms":[0-9]*' "$dir/serve.log" | grep -o '[0-9]*$')")
  stop
done
start "$mean"
echo "index rebuild of $listings listings at start, ms (3 starts): ${rebuilds[*]}"
echo "search mix: $n queries, mean answer $mean bytes; wrk: $threads thread(s), 16 connections"

run() { # $1 = label, then wrk arguments
  local label=$1; shift
  wrk -t"$threads" -c16 -d"${seconds}s" --latency "$@" | tee "$dir/wrk.out" >/dev/null
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$dir/wrk.out")
  p50=$(awk '$1 == "50%" {print $2}' "$dir/wrk.out")
  p99=$(awk '$1 == "99%" {print $2}' "$dir/wrk.out")
  echo "$label: $rps req/s, p50 $p50, p99 $p99"
  eval "${label//[^a-z]/_}_rps=$rps"
}
run "static" "$base/bench/static"
stop
mkdir -p "$dir/www"
head -c "$mean" /dev/zero | tr '\0' 'x' >"$dir/www/static.json"
cat >"$dir/nginx.conf" <<EOF
user root;
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  server { listen 127.0.0.1:18098; location / { root $dir/www; default_type application/json; } }
}
EOF
/usr/sbin/nginx -c "$dir/nginx.conf" -g 'daemon off;' &
nginx=$!
until curl -sf -o /dev/null "http://127.0.0.1:18098/static.json"; do sleep 0.05; done
run "nginx" "http://127.0.0.1:18098/static.json"
kill -TERM "$nginx"
wait "$nginx" || true
start "$mean"
SEARCH_QUERIES=$queries run "search mix" -s bench/search.lua "$base"
echo "server memory after the mix: $(grep -E 'VmRSS|VmHWM' /proc/$pid/status | tr -s ' ' | tr '\n' ' ')"
SEARCH_QUERIES=$queries SEARCH_PAGES=400 run "search uncached" -s bench/search.lua "$base"
echo "ratio search mix / static: $(awk -v a="$search_mix_rps" -v b="$static_rps" 'BEGIN {printf "%.2f", a / b}')"
echo "ratio search uncached / static: $(awk -v a="$search_uncached_rps" -v b="$static_rps" 'BEGIN {printf "%.2f", a / b}')"
echo "ratio search mix / nginx: $(awk -v a="$search_mix_rps" -v b="$nginx_rps" 'BEGIN {printf "%.2f", a / b}')"
echo "ratio search uncached / nginx: $(awk -v a="$search_uncached_rps" -v b="$nginx_rps" 'BEGIN {printf "%.2f", a / b}')"
echo "server memory after all the load: $(grep -E 'VmRSS|VmHWM' /proc/$pid/status | tr -s ' ' | tr '\n' ' ')"
