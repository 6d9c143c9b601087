#!/usr/bin/env bash
# Configures and builds Clientele (server, tests, benchmarks) into ./build with Ninja and ccache.
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
build_type="${CLIENTELE_BUILD_TYPE:-RelWithDebInfo}"
if [ ! -f build/build.ninja ]; then
  cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE="$build_type"
fi
bash scripts/build-web.sh
ninja -C build
