#!/usr/bin/env bash
# Command 2 of the quick start: installs what is needed, builds, and runs every test — unit tests,
# store tests on SQLite and on a real PostgreSQL 15 started here, API tests against the real
# binary and a real SMTP server (maildev) started here, the OpenAPI lint, a short fuzzing run of
# every parser of outside input, and browser tests of the admin UI in headless Chromium. Exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bash scripts/build.sh

pg_dir="$(mktemp -d /tmp/clientele-pg.XXXXXX)"
mail_dir="$(mktemp -d /tmp/clientele-mail.XXXXXX)"
stop_services() {
  bash scripts/pg-test-server.sh stop "$pg_dir" >/dev/null 2>&1 || true
  bash scripts/mail-test-server.sh stop "$mail_dir" >/dev/null 2>&1 || true
}
trap stop_services EXIT
CLIENTELE_TEST_PG="$(bash scripts/pg-test-server.sh start "$pg_dir")"
export CLIENTELE_TEST_PG CLIENTELE_REQUIRE_PG=1
echo "PostgreSQL for tests: $CLIENTELE_TEST_PG"
mail_server="$(bash scripts/mail-test-server.sh start "$mail_dir")"
read -r CLIENTELE_TEST_SMTP CLIENTELE_TEST_MAILDEV <<<"$mail_server"
export CLIENTELE_TEST_SMTP CLIENTELE_TEST_MAILDEV CLIENTELE_REQUIRE_SMTP=1
echo "SMTP server for tests: $CLIENTELE_TEST_SMTP (received mail: $CLIENTELE_TEST_MAILDEV/email)"

echo "== OpenAPI lint"
(cd tools && npx --no-install redocly lint --config redocly.yaml ../docs/openapi.json)

echo "== Fuzzing the parsers of outside input (clang, libFuzzer; briefly)"
bash scripts/fuzz.sh

echo "== C++ tests (unit, store on SQLite + PostgreSQL, API over HTTP)"
ctest --test-dir build --output-on-failure -j2

echo "== Admin UI: formatting and browser tests (Chromium, real server)"
(cd web && npm run --silent format:check && CLIENTELE_BINARY="$PWD/../build/clientele" npm run --silent test:e2e)
