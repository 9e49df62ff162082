#!/usr/bin/env bash
# Builds the libFuzzer target with clang in its own build dir and runs it for a while.
#   scripts/fuzz.sh BUILD [SECONDS] [extra libFuzzer flags...]
# The fuzz build is BUILD/fuzz (clang cannot reuse g++'s precompiled headers). New inputs go to
# BUILD/fuzz-corpus; tests/fuzz/corpus holds the seeds. A crash leaves its input in
# BUILD/fuzz-artifacts/ and makes the script fail; replay one with
#   BUILD/fuzz/tests/fuzz/hejia_request_fuzz BUILD/fuzz-artifacts/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
SECONDS_TOTAL=${2:-20}
shift $(($# > 2 ? 2 : $#))

FUZZ_BUILD="$BUILD/fuzz"
command -v clang++ >/dev/null || {
  echo "fuzz: clang++ is not installed (scripts/install-deps.sh)" >&2
  exit 1
}
if [ ! -f "$FUZZ_BUILD/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$FUZZ_BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DHEJIA_FUZZ=ON -DHEJIA_BUILD_TESTS=OFF -DHEJIA_BUILD_BENCH=OFF >/dev/null
fi
cmake --build "$FUZZ_BUILD" -j "${JOBS:-$(nproc)}" --target hejia_request_fuzz
bin="$FUZZ_BUILD/tests/fuzz/hejia_request_fuzz"

corpus="$BUILD/fuzz-corpus"
artifacts="$BUILD/fuzz-artifacts"
mkdir -p "$corpus" "$artifacts"
# halt_on_error: any sanitizer report is a failure; detect_leaks stays on.
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
echo "fuzz: $bin for ${SECONDS_TOTAL}s"
status=0
"$bin" "$corpus" tests/fuzz/corpus -dict=tests/fuzz/request.dict \
  -max_total_time="$SECONDS_TOTAL" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
  -artifact_prefix="$artifacts/" -print_final_stats=1 "$@" >"$BUILD/fuzz.log" 2>&1 || status=$?
grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|INFO: Loaded)' \
  "$BUILD/fuzz.log" | tail -n 4 || true
if [ "$status" -ne 0 ]; then
  tail -n 60 "$BUILD/fuzz.log"
  echo "fuzz: FAILED (exit $status); inputs in $artifacts" >&2
  exit 1
fi
echo "fuzz: no crash"
