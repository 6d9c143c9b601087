#!/usr/bin/env bash
# Installs every Debian and npm package Clientele needs to build, run and test.
# Idempotent: a second run installs nothing new. Must run as root on Debian 12.
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(
  build-essential cmake ninja-build ccache pkg-config git curl ca-certificates
  libboost-dev libboost-system-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libpq-dev
  libsodium-dev libphonenumber-dev libicu-dev liboath-dev libcurl4-openssl-dev libqrencode-dev
  libxlsxwriter-dev libcairo2-dev libpango1.0-dev fonts-noto-core fonts-wqy-zenhei poppler-utils unzip
  libspdlog-dev libfmt-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  postgresql postgresql-contrib
  chromium wrk nginx-light procps time
)

missing=()
for p in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs npm); fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi

# npm packages of the tools and the web UI (lock files pin the versions); skipped when the
# installed tree is newer than its lock file.
for dir in tools web; do
  [ -f "$dir/package-lock.json" ] || continue
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund)
    touch "$dir/node_modules"
  fi
done
