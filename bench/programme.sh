#!/usr/bin/env bash
# The programme's open data at national scale (issue 5): importing a
# 12,934-row file (bench/open-data-national.sh) into SQLite, against
# `sqlite3 .import` of the same file into a plain table in the same run; then
# every dashboard level and stats call under load (wrk, 16 connections).
# Usage: bench/programme.sh [BINARY] [SECONDS]
set -euo pipefail
bin=${1:-target/release/cloudpa}
seconds=${2:-15}
port=18098
dir=$(mktemp -d)
trap 'kill -TERM "${pid:-0}" 2>/dev/null || true; rm -rf "$dir"' EXIT
file="$dir/national.csv"
bench/open-data-national.sh >"$file"
echo "file: $(($(wc -l <"$file") - 1)) rows, $(wc -c <"$file") bytes"
RUST_LOG=warn "$bin" migrate --data-dir "$dir/migrated" >/dev/null

ms() { echo $(( ($2 - $1) / 1000000 )); }
ours=(); plain=()
for run in 1 2 3; do
  cp -r "$dir/migrated" "$dir/run$run"
  start=$(date +%s%N)
  RUST_LOG=warn "$bin" import applications "$file" --data-dir "$dir/run$run" >"$dir/import.out"
  ours+=("$(ms "$start" "$(date +%s%N)")")
  start=$(date +%s%N)
  sqlite3 "$dir/plain$run.db" ".mode csv" ".import $file t"
  plain+=("$(ms "$start" "$(date +%s%N)")")
done
cat "$dir/import.out"
echo "cloudpa import applications, ms (3 runs, each into a fresh migrated database): ${ours[*]}"
echo "sqlite3 .import into a plain table, ms (same runs): ${plain[*]}"
best() { printf '%s\n' "$@" | sort -n | head -1; }
echo "ratio (best of each): $(awk -v a="$(best "${ours[@]}")" -v b="$(best "${plain[@]}")" 'BEGIN {printf "%.1f", a / b}')"

"$bin" serve --data-dir "$dir/run1" --addr "127.0.0.1:$port" --rate-limit 0 >"$dir/serve.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/status"; do sleep 0.01; done
cat >"$dir/paths" <<PATHS
/programma/cruscotto
/programma/cruscotto?regione=Lombardia
/programma/cruscotto?regione=Lombardia&provincia=Milano
/programma/cruscotto?regione=Sicilia
/programma/cruscotto?regione=Sicilia&provincia=Palermo
/enti/C_F205
/api/v1/stats/applications?group_by=region
/api/v1/stats/applications?group_by=province
/api/v1/stats/applications?group_by=class&kind=comune
/api/v1/stats/applications?group_by=status
/api/v1/stats/applications?group_by=province&region=Toscana
/api/v1/stats/applications?group_by=region&format=csv
PATHS
cold=()
while read -r path; do
  read -r code took < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$port$path")
  [ "$code" = 200 ] || { echo "$path answered $code"; exit 1; }
  cold+=("$(awk -v s="$took" 'BEGIN {printf "%.0f", s * 1000}')")
done <"$dir/paths"
echo "first request of each path after start (figures computed, then kept until the data changes), ms: ${cold[*]}"
PATHS="$dir/paths" wrk -t2 -c16 -d"${seconds}s" --latency -s bench/paths.lua "http://127.0.0.1:$port" >"$dir/wrk.out"
echo "dashboards and stats, $(wc -l <"$dir/paths") paths in turn: $(awk '/Requests\/sec/ {print $2}' "$dir/wrk.out") req/s, $(tail -1 "$dir/wrk.out")"
for path in /programma/cruscotto "/programma/cruscotto?regione=Lombardia&provincia=Milano" "/api/v1/stats/applications?group_by=province"; do
  echo "$path" >"$dir/one"
  PATHS="$dir/one" wrk -t2 -c16 -d5s --latency -s bench/paths.lua "http://127.0.0.1:$port" >"$dir/wrk.out"
  echo "  $path alone: $(awk '/Requests\/sec/ {print $2}' "$dir/wrk.out") req/s, $(tail -1 "$dir/wrk.out")"
done
