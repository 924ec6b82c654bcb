#!/usr/bin/env bash
# The soak (issue 14): 64 connections of mixed reads and writes for MINUTES
# on the national picture — search (16), pages (16), dashboards and stats
# (16), writes (16: form saves, inventory records, suspensions and
# reinstatements) — each group by its own wrk, so that p50/p99 are reported
# per group. Fails on any server error (5xx, or a connection error), on
# server RSS growing more than 10 % between minute 2 and the end, or on
# file descriptors or database connections growing.
# Usage: bench/soak.sh [BINARY] [MINUTES] [sqlite|postgres]
#   postgres: TEST_DATABASE_URL names a server (a throw-away database is
#   made on it), or scripts/postgres-throwaway starts one.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bin=${1:-target/release/cloudpa}
minutes=${2:-10}
engine=${3:-sqlite}
seconds=$((minutes * 60))
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
metrics_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
dir=$(mktemp -d /tmp/cloudpa-soak.XXXXXX)
pids=()
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  stop_engine
  rm -rf "$dir"
}
trap cleanup EXIT

use_engine "$engine" "$dir"
export RUST_LOG=warn
"$bin" demo --scale national --data-dir "$dir" "${database_args[@]}" >/dev/null
ente=$(sql "SELECT o.name FROM organisations o JOIN enti e ON e.organisation_id = o.id ORDER BY o.name LIMIT 1")
ente_id=$(sql "SELECT o.id FROM organisations o JOIN enti e ON e.organisation_id = o.id ORDER BY o.name LIMIT 1")
password=soak-password-2026
user() {
  printf '%s\n' "$password" | "$bin" admin create-user --data-dir "$dir" "${database_args[@]}" --email "$1" \
    --name "$2" --organisation "$3" --kind "$4" --role "$5" >/dev/null
}
user rtd@ente.soak "RTD" "$ente" public_body admin
user revisore@acn.soak "Revisore" "Agenzia per la Cybersicurezza Nazionale (soak)" agency admin
user fornitore@soak.it "Fornitore" "Fornitore soak S.r.l." provider admin

"$bin" serve --data-dir "$dir" "${database_args[@]}" --addr "127.0.0.1:$port" --rate-limit 0 \
  --metrics-addr "127.0.0.1:$metrics_port" >"$dir/serve.log" 2>&1 &
server=$!
pids+=("$server")
until curl -sf -o /dev/null "$base/api/v1/status"; do sleep 0.1; done

ente_token=$(token "$base" "$dir/ente.jar" rtd@ente.soak "$password" programme:read programme:write)
agency_token=$(token "$base" "$dir/agency.jar" revisore@acn.soak "$password" review)
service=$(curl -sf -H "Authorization: Bearer $ente_token" -H 'Content-Type: application/json' \
  -d '{"name":"Protocollo","data_class":"ordinari","origin":"On premise strutturato"}' \
  "$base/api/v1/enti/$ente_id/services" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
# Suspensions and reinstatements are decisions on listings qualified
# through an application; the national picture's catalogue is imported,
# without one, so 20 are qualified first, over HTTP, by their provider and
# a reviewer.
listings=$(bench/qualify.py "$base" fornitore@soak.it revisore@acn.soak "$password" 20)
end_date=$(date -d '+60 days' +%F)
{
  for n in $(seq 20); do
    echo "PUT /api/v1/ente-services/$service $ente_token {\"name\":\"Protocollo {n}\",\"data_class\":\"ordinari\",\"origin\":\"On premise strutturato\"}"
    echo "POST /api/v1/enti/$ente_id/services $ente_token {\"name\":\"Servizio {n}\",\"data_class\":\"ordinari\",\"origin\":\"On premise strutturato\"}"
  done
  for listing in $listings; do
    echo "POST /api/v1/listings/$listing/suspend $agency_token {\"reason\":\"Certificato in rinnovo\",\"planned_end\":\"$end_date\"}"
    echo "POST /api/v1/listings/$listing/reinstate $agency_token {\"motivation\":\"Certificato rinnovato\"}"
  done
} >"$dir/writes"
sql 'SELECT DISTINCT region FROM municipalities WHERE ended_on IS NULL ORDER BY 1' | dashboard_paths >"$dir/dashboards"
{
  echo /; echo /catalogo; echo "/catalogo?q=posta"; echo "/catalogo?tipo=SaaS"; echo /programma; echo /login
  sql "SELECT o.ipa_code FROM organisations o JOIN enti e ON e.organisation_id = o.id WHERE o.ipa_code IS NOT NULL ORDER BY o.ipa_code LIMIT 20" |
    while read -r ipa; do echo "/enti/$ipa"; done
} >"$dir/pages"

sample() {
  local rss fds connections
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
  fds=$(ls "/proc/$server/fd" | wc -l)
  connections=$(curl -sf "http://127.0.0.1:$metrics_port/metrics" | awk '/^db_pool_connections / {print $2}')
  echo "$rss $fds ${connections:-0}"
}
wrk -t1 -c16 -d"${seconds}s" --latency -s bench/search.lua "$base" >"$dir/search.out" &
pids+=($!)
PATHS="$dir/pages" wrk -t1 -c16 -d"${seconds}s" --latency -s bench/paths.lua "$base" >"$dir/pages.out" &
pids+=($!)
PATHS="$dir/dashboards" wrk -t1 -c16 -d"${seconds}s" --latency -s bench/paths.lua "$base" >"$dir/dashboards.out" &
pids+=($!)
WRITES="$dir/writes" wrk -t1 -c16 -d"${seconds}s" --latency -s bench/writes.lua "$base" >"$dir/writes.out" &
pids+=($!)
sleep 120
read -r rss2 fds2 conn2 < <(sample)
sleep $((seconds - 125))
read -r rss_end fds_end conn_end < <(sample)
wait "${pids[@]:1}"
errors=$(curl -sf "http://127.0.0.1:$metrics_port/metrics" | awk '/^http_requests_total/ && /status="5/ {s += $2} END {print s + 0}')

echo "soak on $engine, $minutes min, 64 connections (national picture):"
failed=0
for group in search pages dashboards writes; do
  out="$dir/$group.out"
  requests=$(awk '/requests in/ {print $1}' "$out")
  socket=$(grep -o 'Socket errors:.*' "$out" || true)
  line="  $group: $requests requests, $(awk '/Requests\/sec/ {print $2}' "$out") req/s, p50 $(awk '$1 == "50%" {print $2}' "$out"), p99 $(awk '$1 == "99%" {print $2}' "$out")"
  [ "$group" = writes ] && line="$line; $(grep '^answers' "$out")"
  echo "$line${socket:+; $socket}"
  [ -z "$socket" ] || failed=1
done
echo "  server errors (5xx in /metrics): $errors"
echo "  decisions recorded (qualifications, suspensions, reinstatements): $(sql 'SELECT COUNT(*) FROM decisions')"
if "$bin" audit verify --data-dir "$dir" "${database_args[@]}" >"$dir/audit.out" 2>&1; then
  echo "  audit verify: $(tail -1 "$dir/audit.out")"
else
  echo "  audit verify FAILED: $(cat "$dir/audit.out")"; failed=1
fi
growth=$(awk -v a="$rss2" -v b="$rss_end" 'BEGIN {printf "%.1f", (b - a) * 100 / a}')
echo "  RSS: $((rss2 / 1024)) MB at minute 2, $((rss_end / 1024)) MB at the end ($growth %)"
echo "  file descriptors: $fds2 at minute 2, $fds_end at the end; database connections: $conn2, $conn_end"
[ "$errors" = 0 ] || failed=1
awk -v g="$growth" 'BEGIN {exit !(g <= 10)}' || failed=1
[ "$fds_end" -le $((fds2 + 8)) ] || failed=1
[ "${conn_end%.*}" -le "${conn2%.*}" ] || [ "${conn_end%.*}" -le 16 ] || failed=1
[ "$failed" = 0 ] && echo "  meets its targets" || { echo "  MISSES a target"; exit 1; }
