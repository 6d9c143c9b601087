#!/usr/bin/env bash
# Builds the web UI (web/): the admin into web/dist/, which `clientele serve` serves at /admin/,
# and the customer area into web/dist-account/, served at /account/. Installs the pinned npm
# dependencies first when node_modules is missing or older than the lock file, and skips the
# build when nothing the builds read changed since both outputs were made.
# Usage: scripts/build-web.sh [--force]
set -euo pipefail
cd "$(dirname "$0")/../web"

if ! command -v npm >/dev/null 2>&1; then
  echo "build-web: npm (Node.js 20.19 or newer) is required" >&2
  exit 1
fi

# npm writes node_modules/.package-lock.json on every install: older than the lock file means
# the dependencies changed since.
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  echo "build-web: installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Both builds read src/ (the customer area imports its shared modules) and the address rules.
inputs=(src account public index.html vite.*.ts tsconfig.json package.json package-lock.json
  ../src/modules/addresses/address_rules.json)
if [ "${1:-}" != "--force" ] && [ -f dist/index.html ] && [ -f dist-account/index.html ]; then
  newer=$(find "${inputs[@]}" \( -newer dist/index.html -o -newer dist-account/index.html \) \
    -print -quit)
  if [ -z "$newer" ]; then
    echo "build-web: web/dist and web/dist-account are up to date"
    exit 0
  fi
fi

npm run build --silent
