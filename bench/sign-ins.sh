#!/usr/bin/env bash
# Benchmark: do shoppers signing in take the server's throughput down? Builds a SQLite store of
# N demo customers plus ACCOUNTS shopper accounts, then measures GET /api/admin/customers/{id}
# at 16 connections with wrk, first alone and then while bench/sign-ins.mjs signs shoppers in
# at RATE per second (each sign-in checks an argon2id hash), and prints the sign-in p50/p99.
# Prints figures; asserts nothing. Environment: N (default 200000), ACCOUNTS (200), RATE (20),
# DURATION (seconds per run, 10).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-200000}"
ACCOUNTS="${ACCOUNTS:-200}"
RATE="${RATE:-20}"
DURATION="${DURATION:-10}"
bin="$PWD/build/clientele"
work="$PWD/build/bench-sign-ins"
rm -rf "$work"
mkdir -p "$work"
[ -n "${SKIP_BUILD:-}" ] || bash scripts/build.sh >/dev/null
url="sqlite:$work/store.db"
"$bin" --db "$url" demo --customers "$N" --seed 7 >/dev/null
echo "bench password 1234" | "$bin" --db "$url" admin create --email bench@example.com --role owner >/dev/null
token="$("$bin" --db "$url" token create --admin bench@example.com --name bench)"
sqlite3 "$work/store.db" "SELECT public_id FROM customers ORDER BY random() LIMIT 5000" |
  awk '{ print "/api/admin/customers/" $1 }' > "$work/paths-get.txt"

port=18431
"$bin" --db "$url" --log-level warn serve --listen "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"
# One shopper registers through the API (so the hash is the server's own); the other demo
# customers of the sample get the same password's hash, so the set-up needs neither mail nor
# hundreds of registrations from one address (which are limited).
curl -sf -X POST -H 'content-type: application/json' "$base/api/store/register" \
  -d '{"first_name":"Shopper","last_name":"Bench","email":"shopper@bench.example","password":"bench password 42"}' >/dev/null
sqlite3 "$work/store.db" <<SQL
UPDATE customer_accounts SET email_verified_at = 1;
INSERT INTO customer_accounts (customer_id, password_hash, email_verified_at, created_at, updated_at)
  SELECT c.id, (SELECT password_hash FROM customer_accounts LIMIT 1), 1, 1, 1
  FROM customers c WHERE c.kind = 'registered' AND c.status = 'active' AND c.email <> ''
    AND c.id NOT IN (SELECT customer_id FROM customer_accounts)
  ORDER BY random() LIMIT $((ACCOUNTS - 1));
SQL
sqlite3 "$work/store.db" "SELECT c.email FROM customer_accounts a JOIN customers c ON c.id = a.customer_id" \
  > "$work/emails.txt"

get() {
  PATHS="$work/paths-get.txt" TOKEN="$token" wrk -t2 -c16 -d3s -s bench/pick.lua "$base" >/dev/null 2>&1
  PATHS="$work/paths-get.txt" TOKEN="$token" wrk -t2 -c16 -d"${DURATION}s" --latency \
    -s bench/pick.lua "$base" 2>&1
}
rps() { awk '/Requests\/sec/ { printf "%d", $2 }'; }
p99() { awk '$1 == "99%" { print $2 }'; }

echo "Sign-in benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores shared by server, wrk and the sign-in driver"
echo "  SQLite, $N customers, $ACCOUNTS shopper accounts"
alone="$(get)"
echo "  GET by id alone: $(echo "$alone" | rps) req/s, p99 $(echo "$alone" | p99) (c=16)"
echo "  alone, $(BASE="$base" RATE="$RATE" SECONDS="$DURATION" EMAILS="$work/emails.txt" node bench/sign-ins.mjs)"
BASE="$base" RATE="$RATE" SECONDS="$((DURATION + 3))" EMAILS="$work/emails.txt" node bench/sign-ins.mjs > "$work/sign-ins.txt" &
driver=$!
busy="$(get)"
wait "$driver"
echo "  GET by id with $RATE sign-ins/s: $(echo "$busy" | rps) req/s, p99 $(echo "$busy" | p99) (c=16)"
echo "  with GET load, $(cat "$work/sign-ins.txt")"
