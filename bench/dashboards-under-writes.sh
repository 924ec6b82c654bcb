#!/usr/bin/env bash
# The dashboards and stats at national scale while two clients write all the
# time (issue 14): an ente adding services to its inventory and a provider
# adding draft listings, each as fast as one connection goes. Neither change
# can move a figure, so the figures kept per figures version stay valid.
# wrk (16 connections) replays the dashboard paths of bench/programme.sh;
# the target is p95 <= 25 ms. On SQLite (the default) or PostgreSQL (see
# bench/lib.sh's use_engine).
# Usage: bench/dashboards-under-writes.sh [BINARY] [SECONDS] [sqlite|postgres]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bin=${1:-target/release/cloudpa}
seconds=${2:-20}
engine=${3:-sqlite}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
dir=$(mktemp -d /tmp/cloudpa-bench-writes.XXXXXX)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; stop_engine; rm -rf "$dir"' EXIT

use_engine "$engine" "$dir"
echo "engine: $engine"
RUST_LOG=warn "$bin" demo --scale national --data-dir "$dir" "${database_args[@]}" >/dev/null
ente=$(sql "SELECT o.name FROM organisations o JOIN enti e ON e.organisation_id = o.id ORDER BY o.name LIMIT 1")
password=bench-password-2026
printf '%s\n' "$password" | RUST_LOG=warn "$bin" admin create-user --data-dir "$dir" "${database_args[@]}" --email rtd@ente.bench \
  --name "RTD" --organisation "$ente" --kind public_body --role admin >/dev/null
printf '%s\n' "$password" | RUST_LOG=warn "$bin" admin create-user --data-dir "$dir" "${database_args[@]}" --email admin@fornitore.bench \
  --name "Fornitore" --organisation "Fornitore bench S.r.l." --kind provider --role admin >/dev/null
ente_id=$(sql "SELECT id FROM organisations WHERE name = '${ente//\'/\'\'}'")

"$bin" serve --data-dir "$dir" "${database_args[@]}" --addr "127.0.0.1:$port" --rate-limit 0 >"$dir/serve.log" 2>&1 &
server=$!
pids+=("$server")
until curl -sf -o /dev/null "$base/api/v1/status"; do sleep 0.05; done

ente_token=$(token "$base" "$dir/ente.jar" rtd@ente.bench "$password" programme:read programme:write)
provider_token=$(token "$base" "$dir/provider.jar" admin@fornitore.bench "$password" catalogue:read listings:write)

# Writes in a loop until killed; counts its writes (and any failure) in FILE,
# replaced whole by a rename: a reader of a file being rewritten in place can
# find it empty, and `read` then fails (the run of 66dd570 exited on it).
write_loop() {
  local file=$1 token=$2 path=$3 body=$4 n=0 failed=0
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "${body//NUMBER/$n}" "$base$path")
    case $code in 2??) n=$((n + 1)) ;; *) failed=$((failed + 1)) ;; esac
    echo "$n $failed" >"$file.new"
    mv "$file.new" "$file"
  done
}
service='{"name":"Servizio NUMBER","data_class":"ordinari","origin":"On premise strutturato"}'
listing='{"name":"Calcolo NUMBER","description":"Macchine virtuali","category":"Calcolo","kind":"IaaS","level":"QC2","location":"IT","pricing_model":"Canone annuo","procurement_channel":"MEPA","service_levels":{"SLI1":"99,9%"}}'
write_loop "$dir/ente.count" "$ente_token" "/api/v1/enti/$ente_id/services" "$service" &
pids+=($!)
write_loop "$dir/provider.count" "$provider_token" /api/v1/provider/listings "$listing" &
pids+=($!)
sleep 2

sql 'SELECT DISTINCT region FROM municipalities WHERE ended_on IS NULL ORDER BY 1' | dashboard_paths >"$dir/paths"
before_ente=$(cut -d' ' -f1 "$dir/ente.count"); before_provider=$(cut -d' ' -f1 "$dir/provider.count")
PATHS="$dir/paths" wrk -t2 -c16 -d"${seconds}s" --latency -s bench/paths.lua "$base" >"$dir/wrk.out"
read -r ente_writes ente_failed <"$dir/ente.count"
read -r provider_writes provider_failed <"$dir/provider.count"
writes=$(( ente_writes - before_ente + provider_writes - before_provider ))
echo "writes during the run: $writes ($(awk -v w="$writes" -v s="$seconds" 'BEGIN {printf "%.0f", w / s}')/s: inventory services and draft listings), failed writes: $((ente_failed + provider_failed))"
echo "dashboards and stats under those writes, $(wc -l <"$dir/paths") paths in turn: $(awk '/Requests\/sec/ {print $2}' "$dir/wrk.out") req/s, p50 $(awk '$1 == "50%" {print $2}' "$dir/wrk.out"), $(tail -1 "$dir/wrk.out")"
p95=$(tail -1 "$dir/wrk.out" | awk '{print $2}' | sed 's/ms//')
errors=$(grep -c "Non-2xx\|Socket errors" "$dir/wrk.out" || true)
[ "$errors" = 0 ] || { echo "wrk saw errors:"; cat "$dir/wrk.out"; exit 1; }
awk -v p="$p95" 'BEGIN {exit !(p <= 25)}' || { echo "p95 ${p95} ms misses the target of 25 ms"; exit 1; }
echo "p95 ${p95} ms meets the target (<= 25 ms)"
