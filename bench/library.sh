#!/usr/bin/env bash
# Benchmark: rebuilding every customer's digital library. Builds a SQLite store of N demo
# customers, sells digital products (files, bundles and combos, with a mug among them) to all of
# them in ORDERS paid orders through POST /api/admin/orders/batch, then times the library_rebuild
# job twice: once after the purchase entries were deleted (every entry granted again) and once
# with nothing to change (every entry compared). Prints the time, rows per second and the
# server's memory; asserts nothing.
# Environment: N (default 100000), ORDERS (1000000), SKIP_BUILD=1 to use build/clientele as it
# is, REUSE=1 to time the store of the last run again without loading it.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-100000}"
ORDERS="${ORDERS:-1000000}"
bin="$PWD/build/clientele"
work="$PWD/build/bench-library"
reuse="${REUSE:-}"
[ -f "$work/store.db" ] || reuse=""
[ -n "$reuse" ] || { rm -rf "$work"; mkdir -p "$work/files"; }
[ -n "${SKIP_BUILD:-}" ] || bash scripts/build.sh >/dev/null
url="sqlite:$work/store.db"
if [ -z "$reuse" ]; then
  "$bin" --db "$url" demo --customers "$N" --seed 5 >/dev/null
  echo "bench password 1234" | "$bin" --db "$url" admin create --email bench@example.com --role owner >/dev/null
  sqlite3 "$work/store.db" "SELECT public_id FROM customers WHERE status = 'active'" > "$work/buyers.txt"
fi
token="$("$bin" --db "$url" token create --admin bench@example.com --name "bench $(date +%s)")"

port=18434
"$bin" --db "$url" --log-level warn serve --listen "127.0.0.1:$port" --files "$work/files" \
  > "$work/serve.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"
api() { curl -sf -H "authorization: Bearer $token" -H 'content-type: application/json' "$@"; }

# 20 e-books, 4 bundles of 5 of them, 2 combos of 3, and a mug.
skus=""
if [ -z "$reuse" ]; then
  api -X PATCH "$base/api/admin/settings" -d '{"currency":"EUR"}' >/dev/null
  node -e '
    const items = [];
    for (let i = 0; i < 20; i++) items.push({ sku: `eb-${i}`, name: `E-book ${i}`, price: 900,
      currency: "EUR", digital: true,
      files: [{ name: `book-${i}.pdf`, media_type: "application/pdf", storage_path: `book-${i}.pdf` }] });
    for (let b = 0; b < 4; b++) items.push({ sku: `bundle-${b}`, name: `Bundle ${b}`, price: 3000,
      currency: "EUR", digital: true, package_type: "bundle",
      components: [0, 1, 2, 3, 4].map((k) => `eb-${b * 5 + k}`) });
    for (let c = 0; c < 2; c++) items.push({ sku: `combo-${c}`, name: `Combo ${c}`, price: 2000,
      currency: "EUR", digital: true, package_type: "combo",
      components: [0, 1, 2].map((k) => `eb-${c * 3 + k}`) });
    items.push({ sku: "mug", name: "Mug", price: 1200, currency: "EUR" });
    console.log(JSON.stringify({ items }));' | api -X POST "$base/api/admin/products/batch" -d @- >/dev/null
fi
for i in $(seq 0 19); do skus="$skus,eb-$i:900"; done
skus="${skus#,},bundle-0:3000,bundle-1:3000,bundle-2:3000,bundle-3:3000,combo-0:2000,combo-1:2000,mug:1200"

echo "Library rebuild benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores shared by server and load"
[ -n "$reuse" ] ||
  echo "  order load (each paid order grants its entries as it is placed): $(BASE="$base" TOKEN="$token" ORDERS="$ORDERS" IDS="$work/buyers.txt" SKUS="$skus" node bench/orders-load.mjs)"
echo "  SQLite, $(sqlite3 "$work/store.db" "SELECT COUNT(*) FROM customers") customers, $(sqlite3 "$work/store.db" "SELECT COUNT(*) FROM orders") orders, $(sqlite3 "$work/store.db" "SELECT COUNT(*) FROM order_items") order lines"

rss() { awk '/^VmRSS/ { print $2 }' "/proc/$pid/status"; }
# Starts a rebuild of every library, samples the server's RSS until it finishes, prints a line.
rebuild() {
  local job state peak=0 now
  local before; before="$(rss)"
  job="$(api -X POST "$base/api/admin/library/rebuild" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).id))')"
  while :; do
    now="$(rss)"; [ "$now" -gt "$peak" ] && peak="$now"
    state="$(api "$base/api/admin/jobs/$job")"
    case "$state" in *'"state":"succeeded"'*|*'"state":"failed"'*|*'"state":"cancelled"'*) break ;; esac
    sleep 0.2
  done
  echo "$state" | BEFORE="$before" PEAK="$peak" ORDERS_N="$(sqlite3 "$work/store.db" "SELECT COUNT(*) FROM orders")" node -e '
    let s=""; process.stdin.on("data", d => s += d).on("end", () => {
      const j = JSON.parse(s), r = j.result;
      const secs = (Date.parse(j.finished_at) - Date.parse(j.started_at)) / 1000;
      const entries = r.granted + r.restored + r.revoked + r.unchanged;
      console.log(`${j.state} in ${secs.toFixed(1)} s: ${r.customers} customers (${Math.round(r.customers / secs)}/s), ` +
        `${process.env.ORDERS_N} orders (${Math.round(process.env.ORDERS_N / secs)}/s), ${entries} entries ` +
        `(${Math.round(entries / secs)}/s; granted ${r.granted}, unchanged ${r.unchanged}); ` +
        `server RSS ${Math.round(process.env.BEFORE / 1024)} MB before, ${Math.round(process.env.PEAK / 1024)} MB at most`);
    });'
}
sqlite3 "$work/store.db" "PRAGMA busy_timeout = 10000; DELETE FROM library_entries WHERE method = 'purchase'" >/dev/null
echo "  rebuild with every purchase entry missing: $(rebuild)"
echo "  rebuild with nothing to change: $(rebuild)"
echo "  server peak RSS since start: $(awk '/^VmHWM/ { print int($2 / 1024) " MB" }' "/proc/$pid/status")"
echo "  database: $(du -h "$work/store.db" | cut -f1)"
