#!/usr/bin/env bash
# The asseverazione's pre-checks at national scale (issue 12). On the
# national picture with its forms (`cloudpa demo --scale national`: 12,934
# applications, a contract per project contracted or later, a compliance
# form per service of those), `cloudpa attest precheck --out FILE` timed from
# process start to exit, 3 runs, on SQLite and then on a throw-away
# PostgreSQL 15 (scripts/postgres-throwaway); then the instant pre-check of
# one form in the API: a draft IaaS form of a contracted project saved again
# and again (PUT …/services/{n}/form) by a user of its ente, with wrk at one
# connection and at 16 (the server and wrk on the same cores).
# Usage: bench/attest-precheck.sh [BINARY] [SECONDS]
set -euo pipefail
bin=$(realpath "${1:-target/release/cloudpa}")
seconds=${2:-20}
port=18096
base="http://127.0.0.1:$port"
dir=$(mktemp -d)
pg=""
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [ -z "${pid:-}" ] || kill -TERM "$pid" 2>/dev/null || true
  if [ -n "$pg" ]; then as_postgres /usr/lib/postgresql/15/bin/pg_ctl -D "$pg/data" stop -m fast >/dev/null || true; fi
  rm -rf "$dir" "$pg"
}
trap cleanup EXIT
ms() { echo $(( ($2 - $1) / 1000000 )); }

# $1 = engine label, then the data arguments (--data-dir or --database-url).
national() {
  local label=$1; shift
  local start
  start=$(date +%s%N)
  RUST_LOG=warn "$bin" demo --scale national "$@" | sed "s/^/$label demo: /"
  echo "$label: demo --scale national with the forms, ms (process start to exit): $(ms "$start" "$(date +%s%N)")"
}

# $1 = engine label, then the data arguments.
precheck() {
  local label=$1; shift
  local times=() start
  for _ in 1 2 3; do
    start=$(date +%s%N)
    RUST_LOG=warn "$bin" attest precheck "$@" --out "$dir/report.csv" 2>"$dir/precheck.err"
    times+=("$(ms "$start" "$(date +%s%N)")")
  done
  local summary best
  summary=$(grep -E '^[0-9]+ forms, ' "$dir/precheck.err")
  best=$(printf '%s\n' "${times[@]}" | sort -n | head -1)
  python3 - "$dir/report.csv" "$label" "$best" "${times[*]}" "$summary" <<'EOF'
import csv, sys
path, label, best, times, summary = sys.argv[1:]
rows = list(csv.DictReader(open(path, newline="")))
failed = sum(1 for r in rows if r["outcome"] == "fail")
forms = len({(r["project"], r["service"]) for r in rows})
projects = len({r["project"] for r in rows})
print(f"{label}: attest precheck ({summary}), ms (3 runs, process start to exit): {times}")
print(f"{label}: {forms} forms on {projects} projects; {forms / (int(best) / 1000):,.0f} forms/s (best run); "
      f"{len(rows)} rows written, {failed} failed ({failed * 100 / len(rows):.1f}%)")
EOF
}

national SQLite --data-dir "$dir/sqlite"
db="$dir/sqlite/cloudpa.db"
echo "SQLite: $(sqlite3 "$db" 'SELECT COUNT(*) FROM compliance_forms') forms, $(sqlite3 "$db" 'SELECT COUNT(*) FROM project_contracts') contracts, database $(du -m "$db" | cut -f1) MB"
precheck SQLite --data-dir "$dir/sqlite"

pg=$(mktemp -d /tmp/cloudpa-pg.XXXXXX)
url=$(scripts/postgres-throwaway "$pg")
national PostgreSQL --database-url "$url" --data-dir "$dir/pg-files"
precheck PostgreSQL --database-url "$url" --data-dir "$dir/pg-files"

# The instant pre-check: a user of the ente of the contracted project with
# the most services (its name unique among organisations), on the draft
# IaaS form of its first such service.
"$bin" serve --data-dir "$dir/sqlite" --addr "127.0.0.1:$port" --rate-limit 0 >"$dir/serve.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null "$base/api/v1/status"; do sleep 0.05; done
IFS='|' read -r project position ente < <(sqlite3 -separator '|' "$db" "
  SELECT f.application_id, f.position, o.name FROM compliance_forms f
  JOIN call_applications a ON a.id = f.application_id JOIN organisations o ON o.id = a.organisation_id
  WHERE a.state = 'contracted' AND f.state = 'draft' AND f.form_id = 'form-a-iaas'
    AND (SELECT COUNT(*) FROM organisations x WHERE x.name = o.name) = 1
  ORDER BY a.services DESC, o.name, f.position LIMIT 1")
password=bench-precheck-2026
echo "$password" | RUST_LOG=warn "$bin" admin create-user --email "rtd@bench.demo.cloudpa.it" --name "RTD (bench)" \
  --organisation "$ente" --kind public_body --role operator --data-dir "$dir/sqlite" >/dev/null
jar="$dir/jar"
token=$(curl -s -c "$jar" "$base/login" | grep -o 'name="csrf_token" value="[^"]*"' | cut -d'"' -f4)
curl -s -o /dev/null -b "$jar" -c "$jar" -X POST "$base/login" --data-urlencode "csrf_token=$token" \
  --data-urlencode "email=rtd@bench.demo.cloudpa.it" --data-urlencode "password=$password"
cookie=$(awk 'NF == 7 && $6 == "cloudpa_session" {print $6 "=" $7}' "$jar")
csrf=$(curl -sf -b "$jar" "$base/api/v1/me" | python3 -c 'import json, sys; print(json.load(sys.stdin)["csrf_token"])')
python3 - "$db" "$project" "$position" >"$dir/body.json" <<'EOF'
import json, sqlite3, sys
db, project, position = sys.argv[1:]
row = sqlite3.connect(db).execute(
    "SELECT contract_id, listing_id, answers FROM compliance_forms WHERE application_id = ? AND position = ?",
    (project, int(position))).fetchone()
print(json.dumps({"contract_id": row[0], "listing_id": row[1], "answers": json.loads(row[2])}))
EOF
path="/api/v1/call-applications/$project/services/$position/form"
curl -sf -X PUT -b "$jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' --data @"$dir/body.json" \
  "$base$path" >"$dir/saved.json"
python3 - "$dir/saved.json" "$ente" "$position" <<'EOF'
import json, sys
saved, ente, position = sys.argv[1:]
body = json.load(open(saved))
failed = [c["check"] for c in body["checks"] if c["outcome"] == "fail"]
print(f"API: the form of service {position} of {ente} ({body['state']}): {len(body['checks'])} pre-checks, failing: {', '.join(failed) or 'none'}")
EOF
for connections in 1 16; do
  threads=$((connections < 2 ? 1 : 2))
  BODY="$dir/body.json" FORM_PATH="$path" COOKIE="$cookie" CSRF="$csrf" \
    wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s bench/precheck.lua "$base" >"$dir/wrk.out"
  echo "API instant pre-check (PUT, saved and checked), $connections connection(s), ${seconds} s: $(awk '/Requests\/sec/ {print $2}' "$dir/wrk.out") req/s, $(tail -1 "$dir/wrk.out")"
done
echo "server RSS after the load: $(awk '/VmRSS/ {printf "%.1f MB", $2 / 1024}' "/proc/$pid/status")"
