#!/usr/bin/env bash
# Benchmark: customer exports on a large store. Builds a SQLite store of N demo customers, then
# times a CSV, an XLSX and an HTML export of every customer and a PDF of the first PDF_ROWS
# (newest first), each from the job's start to its end, sampling the server's memory while each
# runs. Prints figures; asserts nothing.
# Environment: N (default 1000000), PDF_ROWS (10000), SKIP_BUILD=1 to use build/clientele as it
# is, REUSE=1 to export the store of the last run again.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-1000000}"
PDF_ROWS="${PDF_ROWS:-10000}"
bin="$PWD/build/clientele"
work="$PWD/build/bench-export"
[ -n "${REUSE:-}" ] && [ -f "$work/store.db" ] || { rm -rf "$work"; mkdir -p "$work"; }
[ -n "${SKIP_BUILD:-}" ] || bash scripts/build.sh >/dev/null
url="sqlite:$work/store.db"
if [ ! -f "$work/loaded" ]; then
  "$bin" --db "$url" demo --customers "$N" --seed 11 >/dev/null 2>&1
  echo "bench password 1234" | "$bin" --db "$url" admin create --email bench@example.com --role owner >/dev/null
  touch "$work/loaded"
fi
token="$("$bin" --db "$url" token create --admin bench@example.com --name "bench $(date +%s)")"
port=18437
"$bin" --db "$url" --log-level warn serve --listen "127.0.0.1:$port" --exports "$work/exports" > "$work/serve.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"
api() { curl -sf -H "authorization: Bearer $token" -H 'content-type: application/json' "$@"; }
json() { node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const j=JSON.parse(s);console.log($1)})"; }
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$pid/status"; }

# Runs one export ($1: the request body) and prints its figures.
run() {
  local body="$1" what="$2" job state now peak before
  before="$(rss)"; peak="$before"
  printf '%s' "$body" > "$work/request.json"
  job="$(api -X POST "$base/api/admin/exports" -d @"$work/request.json" | json j.id)"
  while :; do
    now="$(rss)"; [ "$now" -gt "$peak" ] && peak="$now"
    state="$(api "$base/api/admin/jobs/$job")"
    case "$state" in *'"state":"succeeded"'*|*'"state":"failed"'*|*'"state":"cancelled"'*) break ;; esac
    sleep 0.2
  done
  echo "$state" | json "(() => { const s = (Date.parse(j.finished_at) - Date.parse(j.started_at)) / 1000; return '  $what: ' + j.state + ', ' + j.done + ' rows in ' + s.toFixed(1) + ' s (' + Math.round(j.done / s) + ' rows/s), ' + (j.result.bytes / 1048576).toFixed(0) + ' MB'; })()"
  echo "    server RSS ${before} kB before, ${peak} kB at most"
}

echo "Export benchmark, $(date -u +%FT%TZ), 2 cores shared by the server and the load"
echo "  SQLite, $N customers"
run '{"format":"csv"}' "CSV, default columns"
run '{"format":"csv","columns":["id","first_name","last_name","email","phone","country","registered_at"]}' "CSV, 7 profile columns"
run '{"format":"xlsx"}' "XLSX, default columns"
run '{"format":"html"}' "HTML, default columns"
ids="$(sqlite3 "$work/store.db" "SELECT public_id FROM customers ORDER BY id DESC LIMIT $PDF_ROWS" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.stringify(s.trim().split('\n'))))")"
run "{\"format\":\"pdf\",\"ids\":$ids}" "PDF of $PDF_ROWS chosen customers, default columns"
