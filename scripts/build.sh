#!/usr/bin/env bash
# Configures and builds Clientele (server, tests, benchmarks) into ./build with Ninja and ccache.
# CLIENTELE_BUILD_TYPE picks the build: RelWithDebInfo (default), Release or Debug; a different
# type than the last build reconfigures ./build. CLIENTELE_WERROR=OFF builds with warnings that
# are not errors (CI and the test script keep them errors).
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
build_type="${CLIENTELE_BUILD_TYPE:-RelWithDebInfo}"
case "$build_type" in
  Release | RelWithDebInfo | Debug) ;;
  *)
    echo "build: CLIENTELE_BUILD_TYPE must be Release, RelWithDebInfo or Debug, not '$build_type'" >&2
    exit 2
    ;;
esac
werror="${CLIENTELE_WERROR:-ON}"
configured=""
if [ -f build/CMakeCache.txt ]; then
  configured="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' build/CMakeCache.txt)"
  configured="$configured/$(sed -n 's/^CLIENTELE_WERROR:[A-Z]*=//p' build/CMakeCache.txt)"
fi
if [ ! -f build/build.ninja ] || [ "$configured" != "$build_type/$werror" ]; then
  cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE="$build_type" -DCLIENTELE_WERROR="$werror"
fi
bash scripts/build-web.sh
ninja -C build
