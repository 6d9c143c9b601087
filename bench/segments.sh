#!/usr/bin/env bash
# Benchmark: segments and retention insights at scale. Builds (or reuses) a SQLite store of N
# demo customers with ORDERS orders sold to BUYERS of them, as bench/orders.sh does, then times
# the RFM recomputation of every customer (the rfm_scores job), and measures with wrk at one
# connection (p50/p99): the count of a typical three-condition segment, the first page of it,
# the first page of a saved segment, and the Insights page's data. Prints figures; asserts
# nothing. Environment: N (default 1000000), BUYERS (100000), ORDERS (1000000), DURATION
# (seconds per measure, 10), SKIP_BUILD=1 to use build/clientele as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-1000000}"
BUYERS="${BUYERS:-100000}"
ORDERS="${ORDERS:-1000000}"
DURATION="${DURATION:-10}"
bin="$PWD/build/clientele"
store="$PWD/build/bench-orders"
work="$PWD/build/bench-segments"
mkdir -p "$work"
[ -n "${SKIP_BUILD:-}" ] || bash scripts/build.sh >/dev/null
if [ ! -f "$store/store.db" ]; then
  N="$N" BUYERS="$BUYERS" ORDERS="$ORDERS" DURATION=2 SKIP_BUILD=1 bash bench/orders.sh >/dev/null
fi
url="sqlite:$store/store.db"
# The load places every order now; spread them over the last two years (as a store's history
# is) and set the customers' order dates to match, once.
if [ "$(sqlite3 "$store/store.db" "SELECT COUNT(*) FROM orders WHERE placed_at < (SELECT MAX(placed_at) FROM orders) - 86400000000 * 30")" = 0 ]; then
  sqlite3 "$store/store.db" <<'SQL'
UPDATE orders SET placed_at = placed_at - abs(random() % (730 * 86400000000));
UPDATE customers SET
  first_order_at = (SELECT MIN(placed_at) FROM orders o WHERE o.customer_id = customers.id),
  last_order_at = (SELECT MAX(placed_at) FROM orders o WHERE o.customer_id = customers.id)
  WHERE orders_count > 0;
SQL
fi
token="$("$bin" --db "$url" token create --admin bench@example.com --name "bench $(date +%s)")"

port=18437
"$bin" --db "$url" --log-level warn serve --listen "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"
api() { curl -sf -H "authorization: Bearer $token" -H 'content-type: application/json' "$@"; }
json() { node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const j=JSON.parse(s);console.log($1)})"; }
enc() { node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$1"; }
wait_job() {
  local state
  while :; do
    state="$(api "$base/api/admin/jobs/$1")"
    case "$state" in *'"state":"succeeded"'*|*'"state":"failed"'*|*'"state":"cancelled"'*) break ;; esac
    sleep 0.2
  done
  echo "$state"
}

echo "Segments and insights benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores shared by server and load"
echo "  SQLite, $(sqlite3 "$store/store.db" "SELECT COUNT(*) FROM customers") customers, $(sqlite3 "$store/store.db" "SELECT COUNT(*) FROM orders") orders"
# The server may have started the job itself (scores older than a day): wait for that one.
job="$(api -X POST "$base/api/admin/insights/rfm" | json j.id || true)"
if [ -z "$job" ]; then
  job="$(api "$base/api/admin/jobs?kind=rfm_scores&limit=1" | json 'j.items[0].id')"
fi
done_job="$(wait_job "$job")"
echo "  RFM recomputation of every customer: $(echo "$done_job" | json '((Date.parse(j.finished_at) - Date.parse(j.started_at)) / 1000).toFixed(1)') s ($(echo "$done_job" | json 'j.done') customers, $(echo "$done_job" | json 'j.result.scored') scored)"

filter="orders >= 2 AND last_order < -90d AND country IN ('DE', 'AT', 'FR')"
segment="$(api -X POST "$base/api/admin/segments" -d "{\"name\":\"bench $(date +%s)\",\"filter\":\"rfm_group = 'cant_lose' AND email_consent AND total_spent > 100\"}" | json j.id)"
echo "  segment: $filter ($(api "$base/api/admin/customers/count?filter=$(enc "$filter")" | json j.total) customers)"
echo "  saved segment: $(api "$base/api/admin/segments/$segment" | json j.filter) ($(api "$base/api/admin/customers/count?segment=$segment" | json j.total) customers)"
echo "/api/admin/customers/count?filter=$(enc "$filter")" > "$work/paths-count.txt"
echo "/api/admin/customers?limit=50&filter=$(enc "$filter")" > "$work/paths-page.txt"
echo "/api/admin/customers?limit=50&segment=$segment" > "$work/paths-saved.txt"
echo "/api/admin/customers/count?segment=$segment" > "$work/paths-saved-count.txt"
echo "/api/admin/insights" > "$work/paths-insights.txt"

measure() {
  PATHS="$1" TOKEN="$token" wrk -t1 -c1 -d2s -s bench/pick.lua "$base" >/dev/null 2>&1
  PATHS="$1" TOKEN="$token" wrk -t1 -c1 -d"${DURATION}s" --latency -s bench/pick.lua "$base" 2>&1
}
report() { awk '/Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
  END { printf "%.1f req/s, p50 %s, p99 %s", rps, p50, p99 }'; }
echo "  count of the segment: $(measure "$work/paths-count.txt" | report)"
echo "  first page of the segment (50): $(measure "$work/paths-page.txt" | report)"
echo "  count of the saved segment: $(measure "$work/paths-saved-count.txt" | report)"
echo "  first page of the saved segment (50): $(measure "$work/paths-saved.txt" | report)"
echo "  Insights page data: $(measure "$work/paths-insights.txt" | report)"
api "$base/api/admin/insights" | json '`  activity: ${j.activity.map(a => a.level + " " + a.customers).join(", ")}\n  rfm: ${j.rfm.map(a => a.group + " " + a.customers).join(", ")}`'
api -X DELETE "$base/api/admin/segments/$segment" >/dev/null
echo "  server peak RSS: $(awk '/^VmHWM/ { print int($2 / 1024) " MB" }' "/proc/$pid/status")"
