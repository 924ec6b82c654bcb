#!/usr/bin/env bash
# Whether the time of a refused sign-in tells which e-mails have accounts
# (issue 10): POST /login with an unknown e-mail against a demo account's
# e-mail with a wrong password, interleaved, timed by curl on a server with
# the demo data and the production Argon2 parameters. 12 of each, under the
# client throttle (30 failures in 15 minutes) and the account throttle (3
# per account, 4 accounts).
# Usage: bench/sign-in-timing.sh [BINARY]
set -euo pipefail
bin=${1:-target/release/cloudpa}
port=18099
dir=$(mktemp -d)
trap '[ -z "${pid:-}" ] || kill -TERM "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
RUST_LOG=warn "$bin" serve --demo --data-dir "$dir" --addr "127.0.0.1:$port" --rate-limit 0 >"$dir/serve.out" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$port/api/v1/status" >/dev/null 2>&1 && break
  sleep 0.1
done
base="http://127.0.0.1:$port"

# One refused sign-in: prints curl's total time in seconds.
attempt() {
  local jar="$dir/jar" token
  rm -f "$jar"
  token=$(curl -s -c "$jar" "$base/login" | grep -o 'name="csrf_token" value="[^"]*"' | cut -d'"' -f4)
  curl -s -o /dev/null -b "$jar" -w '%{time_total}\n' -X POST "$base/login" \
    --data-urlencode "csrf_token=$token" --data-urlencode "email=$1" --data-urlencode "password=not-the-password"
}

accounts=(admin@nuvola.demo.cloudpa.it revisore@acn.demo.cloudpa.it rtd@genova.demo.cloudpa.it
  misura12@dtd.demo.cloudpa.it)
attempt "warm-up@nowhere.example" >/dev/null
: >"$dir/unknown"; : >"$dir/wrong"
# Alternating which kind goes first in each pair (the first request of a
# pair was measured slower whatever its kind).
for i in $(seq 0 11); do
  if ((i % 2 == 0)); then
    attempt "nobody$i@nowhere.example" >>"$dir/unknown"
    attempt "${accounts[$((i % 4))]}" >>"$dir/wrong"
  else
    attempt "${accounts[$((i % 4))]}" >>"$dir/wrong"
    attempt "nobody$i@nowhere.example" >>"$dir/unknown"
  fi
done
stats() { sort -n "$1" | awk '{a[NR]=$1} END {printf "min %.1f ms, median %.1f ms, max %.1f ms", a[1]*1000, (a[int((NR+1)/2)]+a[int(NR/2)+1])*500, a[NR]*1000}'; }
echo "unknown e-mail (12): $(stats "$dir/unknown")"
echo "wrong password (12): $(stats "$dir/wrong")"
