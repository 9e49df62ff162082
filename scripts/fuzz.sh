#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in their own build dir and runs each of them.
#   scripts/fuzz.sh BUILD --runs N [TARGET...]      N executions of each target (make fuzz: 10 M)
#   scripts/fuzz.sh BUILD --seconds S [TARGET...]   S seconds of each target
#   scripts/fuzz.sh BUILD --replay                  the route fuzzer's seeds through the g++ build
# TARGETs: request import routes (default: all three). The fuzz build is BUILD/fuzz (clang cannot
# reuse g++'s precompiled headers). Seeds are tests/fuzz/corpus/TARGET (the route fuzzer's are
# made here: an empty body for every route, and its dictionary from docs/openapi.json); new inputs go to BUILD/fuzz-corpus/TARGET. A crash
# leaves its input in BUILD/fuzz-artifacts/ and makes the script fail; replay one with
#   BUILD/fuzz/tests/fuzz/hejia_TARGET_fuzz BUILD/fuzz-artifacts/crash-...
# With --runs the executions are shared among JOBS processes (default: the number of cores).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
MODE=${2:---seconds}
AMOUNT=${3:-20}
shift $(($# > 3 ? 3 : $#))
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(request import routes)

# The route fuzzer's seeds and dictionary, from the route table as docs/openapi.json publishes it:
# byte 0 picks the route, byte 1 the path values and the caller, the rest is the body or query.
make_route_seeds() {
  python3 - "$1" "$2" <<'EOF'
import json, os, sys
seeds, dictionary = sys.argv[1], sys.argv[2]
os.makedirs(seeds, exist_ok=True)
for i in range(256):
    for choice in (0, 0x13):
        with open(os.path.join(seeds, f"route-{i:03d}-{choice:02x}"), "wb") as f:
            f.write(bytes([i, choice]) + b"{}")
doc = json.load(open("docs/openapi.json"))
tokens = set()
def walk(node):
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            tokens.add(f'"{name}":')
            tokens.add(f"{name}=")
        for value in node.get("enum", []):
            tokens.add(json.dumps(value))
        for sub in node.values():
            walk(sub)
    elif isinstance(node, list):
        for sub in node:
            walk(sub)
walk(doc)
with open(dictionary, "w") as f:
    for t in sorted(tokens):
        f.write(json.dumps(t, ensure_ascii=True) + "\n")
    for t in ("{}", "[]", "null", "true", "false", "0", "-1", "9223372036854775807",
              '"version":1', '"2026-12-03"', '"13900000001"'):
        f.write(json.dumps(t) + "\n")
EOF
}

if [ "$MODE" = "--replay" ]; then
  bin="$BUILD/hejia_routes_replay"
  [ -x "$bin" ] || { echo "fuzz: $bin is not built" >&2; exit 1; }
  make_route_seeds "$BUILD/fuzz-seeds/routes" "$BUILD/fuzz-seeds/routes.dict"
  echo "fuzz: the route fuzzer's seeds through the g++ build"
  "$bin" "$BUILD/fuzz-seeds/routes"
  exit
fi

FUZZ_BUILD="$BUILD/fuzz"
command -v clang++ >/dev/null || {
  echo "fuzz: clang++ is not installed (scripts/install-deps.sh)" >&2
  exit 1
}
if [ ! -f "$FUZZ_BUILD/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$FUZZ_BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DHEJIA_FUZZ=ON -DHEJIA_BUILD_TESTS=OFF -DHEJIA_BUILD_BENCH=OFF >/dev/null
fi
names=()
for target in "${TARGETS[@]}"; do names+=("hejia_${target}_fuzz"); done
cmake --build "$FUZZ_BUILD" -j "${JOBS:-$(nproc)}" --target "${names[@]}"

# halt_on_error: any sanitizer report is a failure; detect_leaks stays on.
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1:detect_leaks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/fuzz/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
artifacts="$BUILD/fuzz-artifacts"
mkdir -p "$artifacts"
failed=0
for target in "${TARGETS[@]}"; do
  bin="$FUZZ_BUILD/tests/fuzz/hejia_${target}_fuzz"
  corpus="$BUILD/fuzz-corpus/$target"
  logs="$BUILD/fuzz-logs/$target"
  rm -rf "$logs"
  mkdir -p "$corpus" "$logs"
  seeds=()
  extra=()
  [ -d "tests/fuzz/corpus/$target" ] && seeds+=("tests/fuzz/corpus/$target")
  dict="tests/fuzz/$target.dict"
  if [ "$target" = routes ]; then
    make_route_seeds "$BUILD/fuzz-seeds/routes" "$BUILD/fuzz-seeds/routes.dict"
    seeds+=("$BUILD/fuzz-seeds/routes")
    dict="$BUILD/fuzz-seeds/routes.dict"
    # The server keeps what it should between requests (sessions, list totals, SQLite's page
    # cache), which libFuzzer's leak check after each input takes for leaks and scans the heap
    # for; leaks are still looked for when the process ends.
    extra=(-detect_leaks=0)
  fi
  flags=("${extra[@]}" -dict="$dict" -timeout=30 -rss_limit_mb=3072 -max_len=8192 -artifact_prefix="$artifacts/"
    -print_final_stats=1)
  status=0
  start=$(date +%s)
  if [ "$MODE" = "--runs" ]; then
    jobs=${JOBS:-$(nproc)}
    echo "fuzz: $target, $AMOUNT executions in $jobs processes"
    pids=()
    for j in $(seq 1 "$jobs"); do
      "$bin" "$corpus" "${seeds[@]}" "${flags[@]}" -runs=$(((AMOUNT + jobs - 1) / jobs)) \
        -seed="$j" >"$logs/job-$j.log" 2>&1 &
      pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || status=$?; done
  else
    echo "fuzz: $target for ${AMOUNT}s"
    "$bin" "$corpus" "${seeds[@]}" "${flags[@]}" -max_total_time="$AMOUNT" \
      >"$logs/job-1.log" 2>&1 || status=$?
  fi
  seconds=$(($(date +%s) - start))
  runs=$(cat "$logs"/job-*.log | sed -n 's/^stat::number_of_executed_units: *//p' |
    awk '{s += $1} END {print s + 0}')
  rss=$(cat "$logs"/job-*.log | sed -n 's/^stat::peak_rss_mb: *//p' | sort -n | tail -n 1)
  echo "fuzz: $target: $runs executions in ${seconds}s ($((runs / (seconds > 0 ? seconds : 1)))/s)," \
    "peak RSS ${rss:-?} MB per process"
  if [ "$status" -ne 0 ]; then
    for log in "$logs"/job-*.log; do tail -n 60 "$log"; done
    echo "fuzz: $target FAILED (exit $status); inputs in $artifacts" >&2
    failed=1
  fi
done
[ "$failed" -eq 0 ] || exit 1
echo "fuzz: no crash"
