#!/usr/bin/env bash
# Benchmark: builds a store of N customers with `clientele demo` and measures the server over
# HTTP with wrk — demo load rate, database size, GET by id throughput and latency, search and list
# latency, RSS — on SQLite and on PostgreSQL, next to nginx serving a small static file.
# Prints figures; asserts nothing. Usage: bench/run.sh [sqlite|postgres|both]
# Environment: N (customers, default 1000000), DURATION (seconds per run, default 10), WARMUP
# (unmeasured seconds before each run, default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
engines="${1:-both}"
N="${N:-1000000}"
DURATION="${DURATION:-10}"
bin="$PWD/build/clientele"
work="$PWD/build/bench"
mkdir -p "$work"
bash scripts/build.sh >/dev/null
out="$work/results.txt"
: > "$out"
say() { echo "$*" | tee -a "$out"; }

source bench/wrk-lib.sh

run_wrk() {  # name connections paths-file
  local name="$1" conns="$2" paths="$3" result
  # A few seconds first, unmeasured: the OS file cache and SQLite's page caches fill as they
  # would on a server that has been up for a while.
  PATHS="$paths" TOKEN="$token" wrk -t2 -c"$conns" -d"${WARMUP:-3}s" -s bench/pick.lua \
    "http://127.0.0.1:$port" > /dev/null 2>&1
  result="$(PATHS="$paths" TOKEN="$token" wrk -t2 -c"$conns" -d"${DURATION}s" --latency \
            -s bench/pick.lua "http://127.0.0.1:$port" 2>&1)"
  echo "$result" > "$work/wrk-$engine-$name.txt"
  say "  $name: $(echo "$result" | rps) req/s, p50 $(echo "$result" | pct 50%) ms, p99 $(echo "$result" | pct 99%) ms (c=$conns)"
}

nginx_baseline() {
  local root="$work/nginx" port
  port="$(free_port)"
  mkdir -p "$root/html" "$root/logs"
  echo '{"ok":true}' > "$root/html/ok.json"
  cat > "$root/nginx.conf" <<CONF
worker_processes 2;
pid $root/nginx.pid;
error_log $root/logs/error.log;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:$port; root $root/html; } }
CONF
  nginx -c "$root/nginx.conf" -p "$root"
  sleep 0.5
  nginx_rps="$(wrk -t2 -c16 -d"${DURATION}s" "http://127.0.0.1:$port/ok.json" | rps)"
  nginx -c "$root/nginx.conf" -p "$root" -s stop
  say "nginx static file at c=16: $nginx_rps req/s"
}

bench_engine() {
  engine="$1"
  local url pg_dir=""
  if [ "$engine" = sqlite ]; then
    rm -f "$work/bench.db" "$work/bench.db-wal" "$work/bench.db-shm"
    url="sqlite:$work/bench.db"
  else
    pg_dir="$(mktemp -d /tmp/clientele-bench-pg.XXXXXX)"
    url="$(bash scripts/pg-test-server.sh start "$pg_dir")"
  fi
  say "== $engine, $N customers"
  "$bin" --db "$url" migrate >/dev/null
  say "  demo: $("$bin" --db "$url" demo --customers "$N" --seed 7)"
  if [ "$engine" = sqlite ]; then
    say "  database size: $(du -sh "$work/bench.db" | cut -f1)"
  else
    say "  database size: $(psql "$url" -Atc "SELECT pg_size_pretty(pg_database_size(current_database()))")"
    psql "$url" -qc "VACUUM ANALYZE" >/dev/null
  fi
  echo "bench password 1234" | "$bin" --db "$url" admin create --email bench@example.com --role owner >/dev/null
  token="$("$bin" --db "$url" token create --admin bench@example.com --name bench)"

  # Request paths drawn from the data itself.
  local q="SELECT public_id, last_name, phone_digits FROM customers ORDER BY random() LIMIT 5000"
  if [ "$engine" = sqlite ]; then
    sqlite3 -separator '|' "$work/bench.db" "$q" > "$work/sample.txt"
  else
    psql "$url" -At -F '|' -c "$q" > "$work/sample.txt"
  fi
  awk -F'|' '{ print "/api/admin/customers/" $1 }' "$work/sample.txt" > "$work/paths-get.txt"
  # Surname fragments: 4 characters from the start of Latin-script surnames.
  awk -F'|' '$2 ~ /^[A-Za-z]+$/ && length($2) >= 5 { print "/api/admin/customers?limit=50&q=" tolower(substr($2, 2, 4)) }' \
    "$work/sample.txt" > "$work/paths-surname.txt"
  for d in gmail yahoo outlook hotmail icloud web.de gmx mail.ru naver qq.com orange yandex; do
    echo "/api/admin/customers?limit=50&q=$d"
  done > "$work/paths-domain.txt"
  awk -F'|' 'length($3) >= 9 { n = 4 + (NR % 4); print "/api/admin/customers?limit=50&q=" substr($3, length($3) - n - 1, n) }' \
    "$work/sample.txt" > "$work/paths-phone.txt"
  # List pages: the first page and pages reached by following cursors.
  port="$(free_port)"
  "$bin" --db "$url" --log-level warn serve --listen "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
  local pid=$!
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
  local path="/api/admin/customers?limit=50&sort=-registered"
  : > "$work/paths-list.txt"
  for _ in $(seq 100); do
    echo "$path" >> "$work/paths-list.txt"
    local cursor
    cursor="$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path" |
              sed -n 's/.*"next_cursor":"\([^"]*\)".*/\1/p')"
    [ -n "$cursor" ] || break
    path="/api/admin/customers?limit=50&sort=-registered&cursor=$cursor"
  done

  run_wrk get-by-id 16 "$work/paths-get.txt"
  get_rps="$(rps < "$work/wrk-$engine-get-by-id.txt")"
  run_wrk search-surname 4 "$work/paths-surname.txt"
  run_wrk search-domain 4 "$work/paths-domain.txt"
  run_wrk search-phone 4 "$work/paths-phone.txt"
  run_wrk list-page 4 "$work/paths-list.txt"
  say "  server RSS: $(( $(ps -o rss= -p "$pid") / 1024 )) MB"
  [ -n "${nginx_rps:-}" ] && say "  GET by id / nginx static: $(awk -v a="$get_rps" -v b="$nginx_rps" 'BEGIN { printf "%.2f", a / b }')"
  kill -TERM "$pid"; wait "$pid" || true
  if [ "$engine" = sqlite ]; then
    say "  $(BENCH_DB="$url" node bench/ui-search.mjs)"
  fi
  [ -z "$pg_dir" ] || bash scripts/pg-test-server.sh stop "$pg_dir" >/dev/null
}

say "Clientele benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, wrk and server share them"
nginx_baseline
case "$engines" in
  sqlite|postgres) bench_engine "$engines" ;;
  both) bench_engine sqlite; bench_engine postgres ;;
  *) echo "usage: bench/run.sh [sqlite|postgres|both]" >&2; exit 2 ;;
esac
say "Results saved in $out"
