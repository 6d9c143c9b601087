#!/usr/bin/env bash
# Benchmark: merging customers with thousands of orders. Builds a SQLite store of N demo
# customers, gives two of them ORDERS paid orders between them (half an e-book, so each order
# also has a library entry), store credit and the wishlist empty, then times the preview and the
# merge over HTTP (the merge moves everything and rebuilds the survivor's library in one
# transaction). Prints figures; asserts nothing.
# Environment: N (default 100000), ORDERS (10000), SKIP_BUILD=1 to use build/clientele as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-100000}"
ORDERS="${ORDERS:-10000}"
bin="$PWD/build/clientele"
work="$PWD/build/bench-merge"
rm -rf "$work"; mkdir -p "$work"
[ -n "${SKIP_BUILD:-}" ] || bash scripts/build.sh >/dev/null
url="sqlite:$work/store.db"
"$bin" --db "$url" demo --customers "$N" --seed 9 >/dev/null
echo "bench password 1234" | "$bin" --db "$url" admin create --email bench@example.com --role owner >/dev/null
sqlite3 "$work/store.db" "SELECT public_id FROM customers WHERE status = 'active' AND kind = 'registered' ORDER BY id LIMIT 2" > "$work/pair.txt"
token="$("$bin" --db "$url" token create --admin bench@example.com --name bench)"
port=18435
"$bin" --db "$url" --log-level warn serve --listen "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"
api() { curl -sf -H "authorization: Bearer $token" -H 'content-type: application/json' "$@"; }
api -X PATCH "$base/api/admin/settings" -d '{"currency":"EUR"}' >/dev/null
api -X POST "$base/api/admin/products/batch" -d '{"items":[
  {"sku":"m-book","name":"Book","price":900,"currency":"EUR","digital":true},
  {"sku":"m-mug","name":"Mug","price":1200,"currency":"EUR"}]}' >/dev/null
survivor="$(sed -n 1p "$work/pair.txt")"; merged="$(sed -n 2p "$work/pair.txt")"
load="$(BASE="$base" TOKEN="$token" ORDERS="$ORDERS" IDS="$work/pair.txt" SKUS="m-book:900,m-mug:1200" node bench/orders-load.mjs)"
for id in "$survivor" "$merged"; do
  api -X POST "$base/api/admin/customers/$id/wallet" -d '{"amount":2500,"reason":"bench"}' >/dev/null
done
timed() { curl -s -o /dev/null -w 'HTTP %{http_code} in %{time_total}' -H "authorization: Bearer $token" \
  -H 'content-type: application/json' -X POST "$base$1" -d "{\"merge\":[\"$merged\"]}"; }
count() { sqlite3 "$work/store.db" "SELECT COUNT(*) FROM $1 WHERE customer_id = (SELECT id FROM customers WHERE public_id = '$2')"; }
echo "Merge benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, SQLite, $N customers"
echo "  orders: $load"
echo "  merged customer holds $(count orders "$merged") orders, $(count transactions "$merged") transactions, $(count library_entries "$merged") library entries; survivor $(count orders "$survivor") orders"
echo "  preview: $(timed "/api/admin/customers/$survivor/merge/preview") s"
echo "  merge: $(timed "/api/admin/customers/$survivor/merge") s"
echo "  survivor afterwards: $(count orders "$survivor") orders, $(count library_entries "$survivor") library entries, balance $(sqlite3 "$work/store.db" "SELECT balance FROM wallet_balances WHERE customer_id = (SELECT id FROM customers WHERE public_id = '$survivor')")"
