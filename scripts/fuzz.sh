#!/usr/bin/env bash
# Builds the fuzz targets of the parsers of outside input with clang and libFuzzer (with the
# address and undefined-behaviour sanitizers) and runs each briefly from its seed corpus.
# FUZZ_SECONDS per target (default 20). Exits non-zero on the first crash, leak or hang.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-20}"
out="build/fuzz"
mkdir -p "$out"
flags=(-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc)

build() {  # name, sources and libraries (-l...)...
  local name="$1"; shift
  local binary="$out/$name"
  local newest sources=()
  for arg in "$@"; do [[ "$arg" == -* ]] || sources+=("$arg"); done
  newest="$(ls -t "${sources[@]}" "$0" | head -1)"
  if [ ! -x "$binary" ] || [ "$newest" -nt "$binary" ]; then
    clang++ "${flags[@]}" "$@" -o "$binary"
  fi
}

run() {  # name, seed directory
  local name="$1" seeds="$2"
  local corpus="$out/$name-corpus"
  mkdir -p "$corpus"
  echo "fuzzing $name for ${seconds} s"
  local status=0
  "$out/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$out/$name-" "$corpus" "$seeds" > "$out/$name.log" 2>&1 || status=$?
  grep -E "^stat::number_of_executed_units" "$out/$name.log" || true
  if [ "$status" -ne 0 ]; then
    tail -40 "$out/$name.log" >&2
    echo "fuzzing $name failed (exit $status); the input is in $out/$name-*" >&2
    return 1
  fi
}

build csv_reader_fuzz tests/fuzz/csv_reader_fuzz.cpp src/formats/csv_reader.cpp
run csv_reader_fuzz tests/fixtures/import
build filter_parser_fuzz tests/fuzz/filter_parser_fuzz.cpp src/modules/customers/filter.cpp \
  src/core/time.cpp src/core/text.cpp -licuuc -licui18n
run filter_parser_fuzz tests/fuzz/filter_seeds
