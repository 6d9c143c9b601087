#!/usr/bin/env bash
# Benchmark: audit and cleanup on a large store. Builds a SQLite store of N demo customers of
# which SPAM percent are bot registrations (in waves from one network), sells ORDERS paid orders
# to the others through POST /api/admin/orders/batch, then times the activity metrics, the spam
# scan of every account, the duplicate candidates of every account, and the cleanup of every
# suspected spam account, sampling the server's memory during the cleanup. Prints figures;
# asserts nothing.
# Environment: N (default 1000000), SPAM (10), ORDERS (200000), SKIP_BUILD=1 to use
# build/clientele as it is, REUSE=1 to time the store of the last run again (its spam is gone
# after a run: REUSE only repeats the metrics, scan and duplicates). Orders are loaded whenever
# the store has none.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-1000000}"
SPAM="${SPAM:-10}"
ORDERS="${ORDERS:-200000}"
bin="$PWD/build/clientele"
work="$PWD/build/bench-cleanup"
reuse="${REUSE:-}"
[ -f "$work/store.db" ] || reuse=""
[ -n "$reuse" ] || { rm -rf "$work"; mkdir -p "$work"; }
[ -n "${SKIP_BUILD:-}" ] || bash scripts/build.sh >/dev/null
url="sqlite:$work/store.db"
if [ -z "$reuse" ]; then
  "$bin" --db "$url" demo --customers "$N" --seed 9 --spam-percent "$SPAM" >/dev/null 2>&1
  echo "bench password 1234" | "$bin" --db "$url" admin create --email bench@example.com --role owner >/dev/null
fi
token="$("$bin" --db "$url" token create --admin bench@example.com --name "bench $(date +%s)")"

port=18436
"$bin" --db "$url" --log-level warn serve --listen "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"
api() { curl -sf -H "authorization: Bearer $token" -H 'content-type: application/json' "$@"; }
json() { node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const j=JSON.parse(s);console.log($1)})"; }
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$pid/status"; }
# Waits for job $1, sampling RSS into $peak; prints the job.
peak=0
wait_job() {
  local state now
  while :; do
    now="$(rss)"; [ "$now" -gt "$peak" ] && peak="$now"
    state="$(api "$base/api/admin/jobs/$1")"
    case "$state" in *'"state":"succeeded"'*|*'"state":"failed"'*|*'"state":"cancelled"'*) break ;; esac
    sleep 0.2
  done
  echo "$state"
}
seconds() { json '((Date.parse(j.finished_at) - Date.parse(j.started_at)) / 1000).toFixed(1)'; }
timed() { curl -sf -o /dev/null -w '%{time_total}' -H "authorization: Bearer $token" "$@"; }

if [ "$(sqlite3 "$work/store.db" "SELECT COUNT(*) FROM orders")" = 0 ]; then
  # Buyers: active customers who are not bots (the demo's bots register from 45.x networks).
  sqlite3 "$work/store.db" "SELECT public_id FROM customers WHERE status = 'active' AND registration_ip NOT LIKE '45.%' ORDER BY random() LIMIT $ORDERS" > "$work/buyers.txt"
  api -X PATCH "$base/api/admin/settings" -d '{"currency":"EUR"}' >/dev/null
  echo '{"items":[{"sku":"mug","name":"Mug","price":1200,"currency":"EUR"}]}' |
    api -X POST "$base/api/admin/products/batch" -d @- >/dev/null || true
  BASE="$base" TOKEN="$token" ORDERS="$ORDERS" IDS="$work/buyers.txt" SKUS="mug:1200" node bench/orders-load.mjs >/dev/null
fi

echo "Audit and cleanup benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores shared by server and load"
echo "  SQLite, $(sqlite3 "$work/store.db" "SELECT COUNT(*) FROM customers") customers, $(sqlite3 "$work/store.db" "SELECT COUNT(*) FROM orders") orders"
scan="$(api -X POST "$base/api/admin/cleanup/scan" | json j.id)"
scanned="$(wait_job "$scan")"
echo "  spam scan of every account: $(echo "$scanned" | seconds) s ($(echo "$scanned" | json 'JSON.stringify(j.result)'))"
for i in 1 2 3; do
  echo "  activity metrics (run $i): $(timed "$base/api/admin/cleanup/metrics?interval=month") s"
done
echo "  metrics: $(api "$base/api/admin/cleanup/metrics" | json '`${j.total} total, ${j.active} active, ${j.unused} unused, ${j.suspected_spam} suspected spam`')"
echo "  duplicate candidates of every account: $(timed "$base/api/admin/duplicates?limit=500") s ($(api "$base/api/admin/duplicates?limit=1" | json 'j.pairs_found') pairs)"
echo "  spam review page (50 of them, with the count): $(timed "$base/api/admin/cleanup/candidates?scope=spam") s"
matching="$(api "$base/api/admin/cleanup/candidates?scope=spam&limit=1" | json j.matching)"
if [ "$matching" -gt 0 ]; then
  before="$(rss)"; peak="$before"
  cleanup="$(api -X POST "$base/api/admin/cleanup" -d "{\"scope\":\"spam\",\"all\":true,\"confirm\":$matching}" | json j.id)"
  cleaned="$(wait_job "$cleanup")"
  secs="$(echo "$cleaned" | seconds)"
  echo "  cleanup of $matching suspected spam accounts: $secs s ($(node -e "console.log(Math.round($matching / $secs))")/s; $(echo "$cleaned" | json 'JSON.stringify(j.result)')); server RSS $((before / 1024)) MB before, $((peak / 1024)) MB at most"
  echo "  deletion report: $(timed "$base/api/admin/cleanup/reports/$cleanup") s"
fi
echo "  server peak RSS since start: $(awk '/^VmHWM/ { print int($2 / 1024) " MB" }' "/proc/$pid/status")"
echo "  database: $(du -h "$work/store.db" | cut -f1)"
