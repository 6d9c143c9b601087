#!/usr/bin/env bash
# Benchmark of customer search on SQLite: builds a store of N demo customers, prints the demo
# load rate, the size of the search index (the FTS5 tables) and search latency over HTTP at four
# connections (wrk shares the cores with the server) for a mix of what store owners type:
# surname fragments, e-mail domains, phone digits, two-letter prefixes, "first last" and
# "last first" pairs, phones in national form and cities; and the first page of the list with
# its exact total. Prints figures; asserts nothing.
# Usage: bench/search.sh. Environment: N (customers, default 1000000), DURATION (seconds per
# run, default 10), WARMUP (unmeasured seconds before each run, default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-1000000}"
DURATION="${DURATION:-10}"
bin="$PWD/build/clientele"
work="$PWD/build/bench-search"
mkdir -p "$work"
bash scripts/build.sh >/dev/null
db="$work/search.db"
url="sqlite:$db"
rm -f "$db" "$db-wal" "$db-shm"

source bench/wrk-lib.sh

echo "Clientele search benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $N customers (SQLite)"
"$bin" --db "$url" migrate >/dev/null
echo "  demo: $("$bin" --db "$url" demo --customers "$N" --seed 7)"
echo "  database size: $(du -sh "$db" | cut -f1)"
index_bytes="$(sqlite3 "$db" "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'customer_search%'
  OR name LIKE 'customer_phone_search%' OR name LIKE 'customer_prefix%'")"
echo "  search index (FTS5 tables): $(( index_bytes / 1048576 )) MB"
echo "bench password 1234" | "$bin" --db "$url" admin create --email bench@example.com --role owner >/dev/null
token="$("$bin" --db "$url" token create --admin bench@example.com --name bench)"

# Queries drawn from the data itself: name|surname|E.164 digits|city of the default address.
sqlite3 -separator "|" "$db" "SELECT c.first_name, c.last_name, substr(c.phone, 2),
    COALESCE((SELECT a.city FROM customer_addresses a WHERE a.customer_id = c.id
              AND a.is_default_billing = 1), '')
  FROM customers c WHERE c.id IN (SELECT id FROM customers ORDER BY random() LIMIT 3000)" \
  > "$work/sample.txt"
enc() {  # percent-encodes every byte but the unreserved ones
  local LC_ALL=C s="$1" out="" i ch
  for (( i = 0; i < ${#s}; i++ )); do
    ch="${s:i:1}"
    case "$ch" in [A-Za-z0-9._~-]) out+="$ch" ;; *) out+="$(printf '%%%02X' "'$ch")" ;; esac
  done
  echo "$out"
}
p="/api/admin/customers?limit=50&q="
: > "$work/mix.txt"; : > "$work/pairs.txt"; : > "$work/national.txt"; : > "$work/cities.txt"
while IFS='|' read -r first last digits city; do
  if [[ "$last" =~ ^[A-Za-z]{5,}$ ]]; then echo "$p${last:1:4}" >> "$work/mix.txt"; fi
  if [ ${#digits} -ge 9 ]; then echo "$p${digits: -6:5}" >> "$work/mix.txt"; fi
  if [[ "$first$last" =~ ^[A-Za-z]+$ ]]; then
    echo "$p$(enc "$first $last")" >> "$work/pairs.txt"
    echo "$p$(enc "$last $first")" >> "$work/pairs.txt"
    echo "$p${first:0:2}" >> "$work/mix.txt"
  fi
  case "$digits" in
    44*|49*|33*|39*|61*) echo "$p$(enc "0${digits:2}")" >> "$work/national.txt" ;;
  esac
  if [ -n "$city" ]; then echo "$p$(enc "$city")" >> "$work/cities.txt"; fi
done < "$work/sample.txt"
for d in gmail yahoo outlook hotmail icloud web.de gmx mail.ru naver qq.com orange yandex; do
  echo "$p$d" >> "$work/mix.txt"
done

port="$(free_port)"
"$bin" --db "$url" --log-level warn serve --listen "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
run_wrk() {  # name paths-file
  PATHS="$2" TOKEN="$token" wrk -t2 -c4 -d"${WARMUP:-3}s" -s bench/pick.lua \
    "http://127.0.0.1:$port" > /dev/null 2>&1
  local result
  result="$(PATHS="$2" TOKEN="$token" wrk -t2 -c4 -d"${DURATION}s" --latency \
            -s bench/pick.lua "http://127.0.0.1:$port" 2>&1)"
  echo "  $1 ($(wc -l < "$2") queries): $(echo "$result" | rps) req/s," \
       "p50 $(echo "$result" | pct 50%) ms, p99 $(echo "$result" | pct 99%) ms (c=4)"
}
run_wrk "mix: surnames, domains, phone digits, 2-letter prefixes" "$work/mix.txt"
run_wrk "first last / last first" "$work/pairs.txt"
run_wrk "national phones" "$work/national.txt"
run_wrk "cities" "$work/cities.txt"
# The first page with its exact total, unfiltered and by status, kind and group (the counters).
group="$(sqlite3 "$db" "SELECT public_id FROM customer_groups WHERE is_default = 0 LIMIT 1")"
printf '%s\n' "/api/admin/customers?limit=50&include_total=true" \
  "/api/admin/customers?limit=50&include_total=true&status=active" \
  "/api/admin/customers?limit=50&include_total=true&kind=guest" \
  "/api/admin/customers?limit=50&include_total=true&group=$group&status=inactive" \
  > "$work/totals.txt"
run_wrk "first page with its exact total (none, status, kind, group)" "$work/totals.txt"
echo "  server RSS: $(( $(ps -o rss= -p "$pid") / 1024 )) MB"
