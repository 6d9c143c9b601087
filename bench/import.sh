#!/usr/bin/env bash
# Benchmark: customer imports on SQLite. Makes a store of N demo customers and exports it as a
# Clientele CSV (profile columns and the default billing address field by field), then times
# `clientele import` of that file into an empty store, and an upsert of its first UPSERT rows
# (their last names changed) into the full store, each with the process's peak memory. Prints
# figures; asserts nothing.
# Environment: N (default 1000000), UPSERT (100000), SKIP_BUILD=1 to use build/clientele as it
# is, REUSE=1 to keep the demo store and its export from the last run.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-1000000}"
UPSERT="${UPSERT:-100000}"
bin="$PWD/build/clientele"
work="$PWD/build/bench-import"
[ -n "${REUSE:-}" ] && [ -f "$work/customers.csv" ] || { rm -rf "$work"; mkdir -p "$work"; }
[ -n "${SKIP_BUILD:-}" ] || bash scripts/build.sh >/dev/null
source_url="sqlite:$work/source.db"
columns="id,first_name,last_name,email,phone,company,country,language,group,tags,status,kind"
columns="$columns,consent_email,consent_sms,note,registered_at"
columns="$columns,billing_first_name,billing_last_name,billing_company,billing_line1"
columns="$columns,billing_line2,billing_city,billing_region,billing_postal_code,billing_country"
if [ ! -f "$work/customers.csv" ]; then
  "$bin" --db "$source_url" demo --customers "$N" --seed 11 >/dev/null 2>&1
  "$bin" --db "$source_url" export --columns "$columns" -o "$work/customers.csv" >/dev/null
fi

# Runs `clientele import` with "$@" and prints the wall time, the rate and the peak memory.
run() {
  local what="$1" rows="$2" started ended
  shift 2
  started="$(date +%s.%N)"
  /usr/bin/time -f '%M' -o "$work/rss" "$bin" "$@" > "$work/out" 2> "$work/err" || {
    cat "$work/err"
    return 1
  }
  ended="$(date +%s.%N)"
  node -e "const s = $ended - $started; console.log('  $what: ' + s.toFixed(1) + ' s, ' + Math.round($rows / s) + ' rows/s, peak RSS ' + Math.round($(cat "$work/rss") / 1024) + ' MB')"
  sed 's/^/    /' "$work/out"
}

echo "Import benchmark, $(date -u +%FT%TZ), $(nproc) cores, SQLite"
echo "  file: $N customers, $(du -m "$work/customers.csv" | cut -f1) MB"
rm -f "$work/empty.db"* && rm -rf "$work/imports"
run "into an empty store" "$N" --db "sqlite:$work/empty.db" import "$work/customers.csv" \
  --imports "$work/imports"

# The first UPSERT customers with their last names changed, into the full store.
head -n "$((UPSERT + 1))" "$work/customers.csv" |
  awk -F, -v OFS=, 'NR > 1 && $3 !~ /"/ { $3 = $3 "-Smith" } { print }' > "$work/upsert.csv"
run "upsert of $UPSERT into $N" "$UPSERT" --db "sqlite:$work/empty.db" import "$work/upsert.csv" \
  --match-by id --imports "$work/imports"
