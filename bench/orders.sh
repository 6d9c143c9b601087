#!/usr/bin/env bash
# Benchmark: orders and money at scale. Builds a SQLite store of N demo customers, loads ORDERS
# orders for BUYERS of them through POST /api/admin/orders/batch (orders/s), then measures with
# wrk at 4 connections: the customer list filtered by total spent above a figure and sorted by
# it, and the wallet of customers who hold store credit. Prints figures; asserts nothing.
# Environment: N (default 1000000), BUYERS (100000), ORDERS (1000000), DURATION (seconds, 10),
# SKIP_BUILD=1 to use build/clientele as it is, REUSE=1 to measure the store of the last run
# again without loading it.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-1000000}"
BUYERS="${BUYERS:-100000}"
ORDERS="${ORDERS:-1000000}"
DURATION="${DURATION:-10}"
bin="$PWD/build/clientele"
work="$PWD/build/bench-orders"
reuse="${REUSE:-}"
[ -f "$work/store.db" ] || reuse=""
[ -n "$reuse" ] || { rm -rf "$work"; mkdir -p "$work"; }
[ -n "${SKIP_BUILD:-}" ] || bash scripts/build.sh >/dev/null
url="sqlite:$work/store.db"
if [ -z "$reuse" ]; then
  "$bin" --db "$url" demo --customers "$N" --seed 11 >/dev/null
  echo "bench password 1234" | "$bin" --db "$url" admin create --email bench@example.com --role owner >/dev/null
  sqlite3 "$work/store.db" \
    "SELECT public_id FROM customers WHERE status = 'active' ORDER BY random() LIMIT $BUYERS" > "$work/buyers.txt"
fi
token="$("$bin" --db "$url" token create --admin bench@example.com --name "bench $(date +%s)")"

port=18433
"$bin" --db "$url" --log-level warn serve --listen "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"
api() { curl -sf -H "authorization: Bearer $token" -H 'content-type: application/json' "$@"; }
if [ -z "$reuse" ]; then
  api -X PATCH "$base/api/admin/settings" -d '{"currency":"EUR"}' >/dev/null
  api -X POST "$base/api/admin/products/batch" -d '{"items":[
  {"sku":"bench-mug","name":"Mug","price":1200,"currency":"EUR"},
  {"sku":"bench-lamp","name":"Lamp","price":4500,"currency":"EUR"},
  {"sku":"bench-book","name":"Book","price":2900,"currency":"EUR","digital":true}]}' >/dev/null
fi

echo "Orders benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores shared by server and load"
echo "  SQLite, $(sqlite3 "$work/store.db" "SELECT COUNT(*) FROM customers") customers, $(sqlite3 "$work/store.db" "SELECT COUNT(*) FROM orders") orders"
[ -n "$reuse" ] ||
  echo "  load: $(BASE="$base" TOKEN="$token" ORDERS="$ORDERS" IDS="$work/buyers.txt" node bench/orders-load.mjs)"

# Store credit for 1,000 buyers, so the wallet reads have something to add up.
[ -n "$reuse" ] || head -1000 "$work/buyers.txt" | while read -r id; do
  api -X POST "$base/api/admin/customers/$id/wallet" -d '{"amount":2500,"reason":"bench"}' >/dev/null
  api -X POST "$base/api/admin/customers/$id/wallet" -d '{"amount":-700,"reason":"bench"}' >/dev/null
done
head -1000 "$work/buyers.txt" | awk '{ print "/api/admin/customers/" $1 "/wallet" }' > "$work/paths-wallet.txt"
threshold=$(sqlite3 "$work/store.db" \
  "SELECT total_spent FROM customers ORDER BY total_spent DESC LIMIT 1 OFFSET $((BUYERS / 10))")
for limit in 50; do
  echo "/api/admin/customers?total_spent_min=$threshold&sort=-total_spent&limit=$limit"
done > "$work/paths-spent.txt"
# The same list, page by page deeper in (each page follows the cursor of the one before).
cursor=""
for _ in $(seq 20); do
  page="$(api "$base/api/admin/customers?total_spent_min=$threshold&sort=-total_spent&limit=50${cursor:+&cursor=$cursor}")"
  cursor="$(echo "$page" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const c=JSON.parse(s).next_cursor;process.stdout.write(c||"")})')"
  [ -n "$cursor" ] || break
  echo "/api/admin/customers?total_spent_min=$threshold&sort=-total_spent&limit=50&cursor=$cursor" >> "$work/paths-spent.txt"
done

measure() {
  PATHS="$1" TOKEN="$token" wrk -t2 -c4 -d2s -s bench/pick.lua "$base" >/dev/null 2>&1
  PATHS="$1" TOKEN="$token" wrk -t2 -c4 -d"${DURATION}s" --latency -s bench/pick.lua "$base" 2>&1
}
report() { awk '/Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
  END { printf "%d req/s, p50 %s, p99 %s", rps, p50, p99 }'; }
echo "  list, total spent >= $threshold sorted by it (first 20 pages): $(measure "$work/paths-spent.txt" | report)"
echo "  wallet of a customer with credit: $(measure "$work/paths-wallet.txt" | report)"
echo "  database: $(du -h "$work/store.db" | cut -f1)"
