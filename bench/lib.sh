# Shared by the load scripts (sourced): signing in over HTTP and the
# programme's dashboard paths.

# Signs in at BASE as EMAIL with PASSWORD (cookies in JAR) and makes an API
# token with SCOPES; prints its secret.
# Usage: token BASE JAR EMAIL PASSWORD SCOPE...
token() {
  local base=$1 jar=$2 email=$3 password=$4; shift 4
  local csrf scopes
  csrf=$(curl -sf -c "$jar" -b "$jar" "$base/login" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -sf -o /dev/null -c "$jar" -b "$jar" -H "Origin: $base" --data-urlencode "csrf_token=$csrf" \
    --data-urlencode "email=$email" --data-urlencode "password=$password" "$base/login"
  csrf=$(curl -sf -b "$jar" "$base/api/v1/me" | python3 -c 'import json, sys; print(json.load(sys.stdin)["csrf_token"])')
  scopes=$(python3 -c 'import json, sys; print(json.dumps(sys.argv[1:]))' "$@")
  curl -sf -b "$jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d "{\"name\":\"bench\",\"scopes\":$scopes,\"expires_on\":\"$(date -d '+30 days' +%F)\"}" \
    "$base/api/v1/api-tokens" | python3 -c 'import json, sys; print(json.load(sys.stdin)["secret"])'
}

urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

# The dashboard and stats paths of the programme (Italy, each region, the
# stats by every grouping, the targets); REGIONS on standard input.
dashboard_paths() {
  echo /programma/cruscotto
  while read -r region; do
    echo "/programma/cruscotto?regione=$(urlencode "$region")"
    echo "/api/v1/stats/applications?group_by=province&region=$(urlencode "$region")"
  done
  for group in region province class status state; do echo "/api/v1/stats/applications?group_by=$group"; done
  echo /api/v1/stats/targets
}

# Chooses the database of a run: ENGINE (sqlite, the default, in DIR; or
# postgres: a new database on the server TEST_DATABASE_URL names, or on a
# throw-away server that scripts/postgres-throwaway starts).
# Sets `database_args` for cloudpa's commands; `sql QUERY` then reads it,
# and `stop_engine` (for the EXIT trap) stops a server it started. Each
# call on postgres makes a new database.
# Usage: use_engine ENGINE DIR
use_engine() {
  engine=$1
  engine_dir=$2
  database_args=()
  database_url=""
  [ "$engine" = postgres ] || return 0
  if [ -z "${TEST_DATABASE_URL:-}" ]; then
    pg_dir=$(mktemp -d /tmp/cloudpa-pg.XXXXXX)
    TEST_DATABASE_URL=$(scripts/postgres-throwaway "$pg_dir")
  fi
  local name
  name="bench_$(date +%s%N)"
  psql "$TEST_DATABASE_URL" -qc "CREATE DATABASE $name"
  database_url="${TEST_DATABASE_URL%/*}/$name"
  database_args=(--database-url "$database_url")
}

sql() {
  if [ "$engine" = postgres ]; then psql "$database_url" -Atc "$1"; else sqlite3 "$engine_dir/cloudpa.db" "$1"; fi
}

stop_engine() {
  if [ -n "${pg_dir:-}" ]; then
    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
