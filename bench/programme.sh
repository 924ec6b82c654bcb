#!/usr/bin/env bash
# The programme at national scale (issue 5): importing a 12,934-row open-data
# file (bench/open-data-national.sh), against `sqlite3 .import` of the same
# file into a plain table in the same run; then, on the national picture of
# `cloudpa demo --scale national` (7,895 Comuni, 12,934 applications,
# ~100,000 service choices), every dashboard level and stats call under load
# (wrk, 16 connections), warm and from a cold start. On SQLite (the
# default) or PostgreSQL (see bench/lib.sh's use_engine).
# Usage: bench/programme.sh [BINARY] [SECONDS] [sqlite|postgres]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bin=${1:-target/release/cloudpa}
seconds=${2:-15}
engine=${3:-sqlite}
port=18098
dir=$(mktemp -d)
trap '[ -z "${pid:-}" ] || kill -TERM "$pid" 2>/dev/null || true; stop_engine; rm -rf "$dir"' EXIT
file="$dir/national.csv"
bench/open-data-national.sh >"$file"
echo "engine: $engine"
echo "file: $(($(wc -l <"$file") - 1)) rows, $(wc -c <"$file") bytes"
[ "$engine" = sqlite ] && RUST_LOG=warn "$bin" migrate --data-dir "$dir/migrated" >/dev/null

ms() { echo $(( ($2 - $1) / 1000000 )); }
# Fails the run when wrk saw an answer other than 2xx or a socket error.
clean() { ! grep -q "Non-2xx\|Socket errors" "$1" || { echo "wrk saw errors:"; cat "$1"; exit 1; }; }
ours=(); plain=()
for run in 1 2 3; do
  # Each run imports into a fresh migrated database.
  if [ "$engine" = sqlite ]; then
    cp -r "$dir/migrated" "$dir/run$run"
    database_args=()
  else
    use_engine postgres "$dir"
    RUST_LOG=warn "$bin" migrate --data-dir "$dir/run$run" "${database_args[@]}" >/dev/null
  fi
  start=$(date +%s%N)
  RUST_LOG=warn "$bin" import applications "$file" --data-dir "$dir/run$run" "${database_args[@]}" >"$dir/import.out"
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

# The national picture: `demo --scale national` into a fresh database, then
# every dashboard level (Italy, all 20 regions, provinces, ente pages) and
# the stats API under load.
use_engine "$engine" "$dir/national"
RUST_LOG=warn "$bin" migrate --data-dir "$dir/national" "${database_args[@]}" >/dev/null
start=$(date +%s%N)
RUST_LOG=warn "$bin" demo --scale national --data-dir "$dir/national" "${database_args[@]}"
echo "demo --scale national, ms (process start to exit): $(ms "$start" "$(date +%s%N)")"
echo "national picture: $(sql 'SELECT COUNT(*) FROM municipalities WHERE ended_on IS NULL') municipalities of today, $(sql 'SELECT COUNT(*) FROM call_applications') applications, $(sql 'SELECT COUNT(*) FROM call_application_services') service choices"

serve() {
  "$bin" serve --data-dir "$dir/national" "${database_args[@]}" --addr "127.0.0.1:$port" --rate-limit 0 >"$dir/serve.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/status"; do sleep 0.01; done
}
serve
{
  echo /programma/cruscotto
  sql 'SELECT DISTINCT region FROM municipalities WHERE ended_on IS NULL ORDER BY 1' | while read -r region; do
    echo "/programma/cruscotto?regione=$(urlencode "$region")"
    echo "/api/v1/stats/applications?group_by=province&region=$(urlencode "$region")"
  done
  sql "SELECT region || '|' || province FROM municipalities WHERE ended_on IS NULL GROUP BY region, province ORDER BY COUNT(*) DESC, region, province LIMIT 12" |
    while IFS='|' read -r region province; do
      echo "/programma/cruscotto?regione=$(urlencode "$region")&provincia=$(urlencode "$province")"
    done
  sql "SELECT o.ipa_code FROM organisations o JOIN enti e ON e.organisation_id = o.id ORDER BY o.ipa_code LIMIT 8" |
    while read -r ipa; do echo "/enti/$ipa"; done
  for group in region province class status state; do
    echo "/api/v1/stats/applications?group_by=$group"
    echo "/api/v1/stats/applications?group_by=$group&kind=comune"
    echo "/api/v1/stats/applications?group_by=$group&format=csv"
  done
  echo /api/v1/stats/targets
} >"$dir/paths"
cold=()
while read -r path; do
  read -r code took < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$port$path")
  [ "$code" = 200 ] || { echo "$path answered $code"; exit 1; }
  cold+=("$(awk -v s="$took" 'BEGIN {printf "%.0f", s * 1000}')")
done <"$dir/paths"
sorted=$(printf '%s\n' "${cold[@]}" | sort -n)
echo "first request of each of the $(wc -l <"$dir/paths") paths after start (figures computed, then kept until the data changes), ms: median $(echo "$sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'), max $(echo "$sorted" | tail -1)"
PATHS="$dir/paths" wrk -t2 -c16 -d"${seconds}s" --latency -s bench/paths.lua "http://127.0.0.1:$port" >"$dir/wrk.out"
clean "$dir/wrk.out"
echo "dashboards and stats, $(wc -l <"$dir/paths") paths in turn: $(awk '/Requests\/sec/ {print $2}' "$dir/wrk.out") req/s, $(tail -1 "$dir/wrk.out")"
for path in /programma/cruscotto "/programma/cruscotto?regione=Lombardia&provincia=Milano" "/api/v1/stats/applications?group_by=province" "/api/v1/stats/applications?group_by=state"; do
  echo "$path" >"$dir/one"
  PATHS="$dir/one" wrk -t2 -c16 -d5s --latency -s bench/paths.lua "http://127.0.0.1:$port" >"$dir/wrk.out"
  clean "$dir/wrk.out"
  echo "  $path alone: $(awk '/Requests\/sec/ {print $2}' "$dir/wrk.out") req/s, $(tail -1 "$dir/wrk.out")"
done
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
# The same mix from a cold start: no figure computed yet, 16 connections
# asking for them at once (each is computed once, the others wait for it).
serve
PATHS="$dir/paths" wrk -t2 -c16 -d"${seconds}s" --latency -s bench/paths.lua "http://127.0.0.1:$port" >"$dir/wrk.out"
clean "$dir/wrk.out"
echo "the same mix from a cold start: $(awk '/Requests\/sec/ {print $2}' "$dir/wrk.out") req/s, $(tail -1 "$dir/wrk.out")"
echo "server RSS after the mix: $(awk '/VmRSS/ {printf "%.1f MB", $2 / 1024}' "/proc/$pid/status"), peak $(awk '/VmHWM/ {printf "%.1f MB", $2 / 1024}' "/proc/$pid/status")"
