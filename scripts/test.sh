#!/usr/bin/env bash
# `make test`: every suite, in order, each counted once in the summary. Exits non-zero when any
# suite fails; every server it starts is stopped on the way out, whatever happens.
#   scripts/test.sh BUILD
# Suites: layers (includes follow the directions of scripts/check-layers.sh) · unit (ctest) ·
# api-sqlite · api-postgres (a throwaway PostgreSQL 15) · api-dates (api-sqlite with the clock at
# 1 January 00:30 and 29 February) · nodes (two servers on one PostgreSQL behind nginx) · cli (when
# tests/cli/cli_test.sh exists) · web-unit (vitest) · fuzz (every route's seeds; libFuzzer, 20 s a target) · e2e (Chromium
# against a real server on a fresh SQLite database with the demo city).
# Set HEJIA_TEST_ONLY="unit api-sqlite" to run some suites only, HEJIA_FUZZ_SECONDS to fuzz longer.
# Every suite has a time limit (timeout --foreground, so Ctrl-C still reaches it).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
ROOT=$PWD
BUILD=${1:-build}
mkdir -p "$BUILD"
BUILD=$(cd "$BUILD" && pwd)
ONLY=${HEJIA_TEST_ONLY:-}
FUZZ_SECONDS=${HEJIA_FUZZ_SECONDS:-20}

WORK=$(mktemp -d /tmp/hejia-test-XXXXXX)
export HEJIA_PG_TEST_DIR="$WORK-pg" # this run's own PostgreSQL, never another user's
SERVER_PID=""
PG_STARTED=""

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  [ -n "$PG_STARTED" ] && "$ROOT/scripts/pg-test-server.sh" stop >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo "interrupted"; exit 130' INT TERM

names=()
results=()
times=()
passed=0
failed=0

# run_suite NAME COMMAND...: runs COMMAND in this shell and records whether it passed.
run_suite() {
  local name=$1
  shift
  if [ -n "$ONLY" ] && [[ " $ONLY " != *" $name "* ]]; then return 0; fi
  echo
  echo "━━━━━━━━ $name ━━━━━━━━"
  local start=$SECONDS rc=0
  "$@" || rc=$?
  local took=$((SECONDS - start))
  names+=("$name")
  times+=("$took")
  if [ "$rc" -eq 0 ]; then
    results+=(passed)
    passed=$((passed + 1))
    echo "━━━━━━━━ $name: passed (${took}s)"
  else
    results+=("FAILED (exit $rc)")
    failed=$((failed + 1))
    echo "━━━━━━━━ $name: FAILED (exit $rc, ${took}s)"
  fi
}

need_binary() {
  [ -x "$1" ] || {
    echo "missing $1 (make build)"
    return 1
  }
}

suite_unit() {
  need_binary "$BUILD/hejia_unit_tests" || return 1
  timeout --foreground -k 10 600 ctest --test-dir "$BUILD" -R '^unit$' --output-on-failure --no-tests=error
}

# The API tests leave their database and key files in TMPDIR: inside this run's folder, they go
# with it.
api_tmp() {
  mkdir -p "$WORK/tmp" && echo "$WORK/tmp"
}

suite_api_sqlite() {
  need_binary "$BUILD/hejia_api_tests" || return 1
  HEJIA_TEST_DB=sqlite TMPDIR="$(api_tmp)" timeout --foreground -k 10 900 "$BUILD/hejia_api_tests" --gtest_brief=1
}

# The API suite again with the server's clock on the awkward days of the year: 1 January at 00:30
# Beijing time (a new year, yesterday in last year) and 29 February of a leap year. Dates in the
# demo, limits, statistics and ages must hold on any day.
suite_api_dates() {
  need_binary "$BUILD/hejia_api_tests" || return 1
  local rc=0 start
  for start in 2027-01-01T00:30:00+08:00 2028-02-29T10:00:00+08:00; do
    echo "clock starts at $start"
    HEJIA_TEST_DB=sqlite HEJIA_TEST_CLOCK_START="$start" TMPDIR="$(api_tmp)" \
      timeout --foreground -k 10 900 "$BUILD/hejia_api_tests" --gtest_brief=1 || rc=1
  done
  return "$rc"
}

suite_api_postgres() {
  need_binary "$BUILD/hejia_api_tests" || return 1
  local url
  PG_STARTED=1
  url=$("$ROOT/scripts/pg-test-server.sh" start) || return 1
  echo "PostgreSQL test server: $url"
  local rc=0
  HEJIA_TEST_DB=postgres HEJIA_TEST_PG_URL="$url" TMPDIR="$(api_tmp)" timeout --foreground -k 10 900 "$BUILD/hejia_api_tests" \
    --gtest_brief=1 || rc=$?
  "$ROOT/scripts/pg-test-server.sh" stop && PG_STARTED=""
  return "$rc"
}

suite_cli() {
  local rc=0 t
  for t in tests/cli/*_test.sh; do
    echo "--- $t"
    timeout --foreground -k 10 600 bash "$t" "$BUILD" || rc=1
  done
  return "$rc"
}

# Two nodes on one PostgreSQL behind a real nginx (tests/nodes/nodes_test.sh).
suite_nodes() {
  need_binary "$BUILD/hejia" || return 1
  TMPDIR="$(api_tmp)" timeout --foreground -k 10 600 bash tests/nodes/nodes_test.sh "$BUILD"
}

suite_web_unit() {
  (cd web && timeout --foreground -k 10 600 npm test --silent)
}

suite_fuzz() {
  # The route fuzzer's seeds (every route) through the g++ build, then the two fuzzers that need
  # no whole sanitizer build of the core for a while each (make fuzz runs all three for longer).
  timeout --foreground -k 10 600 "$ROOT/scripts/fuzz.sh" "$BUILD" --replay &&
    timeout --foreground -k 10 1200 "$ROOT/scripts/fuzz.sh" "$BUILD" --seconds "$FUZZ_SECONDS" \
      request import
}

# GET a path on the e2e server; prints the status code (000 when nothing answers).
http_status() {
  local port=$1 path=$2 line
  # Plain bash, so the check needs no curl; in a subshell, so a refused connection ends only it.
  line=$( (
    exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
    IFS= read -r -t 5 first <&3 && echo "$first"
  ) 2>/dev/null)
  line=${line#HTTP/1.? }
  echo "${line:0:3}" | grep -E '^[0-9]{3}$' || echo 000
}

free_port() {
  local p
  for _ in $(seq 50); do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || {
      echo "$p"
      return 0
    }
  done
  return 1
}

suite_e2e() {
  need_binary "$BUILD/hejia" || return 1
  [ -f web/dist/index.html ] || {
    echo "web/dist not built (make web)"
    return 1
  }
  local dir="$WORK/e2e" password="E2e-Passw0rd-$RANDOM" port
  mkdir -p "$dir"
  local db="sqlite:$dir/hejia.db"
  "$BUILD/hejia" migrate --db "$db" >/dev/null || return 1
  "$BUILD/hejia" demo-data --db "$db" --password "$password" >"$dir/accounts.txt" || return 1
  port=$(free_port) || return 1
  # The article's story happens at 21:30 on a working day: the server's clock starts at the next
  # Monday-to-Thursday 21:30 Beijing time (inside the demo duty roster's two weeks) and runs on.
  local clock_start
  clock_start=$(scripts/night-clock.sh) || return 1
  # Every browser test posts to the portal from this one address: the portal's limit of 5
  # submissions in 10 minutes per address is raised for them (the limit itself is tested in the
  # API suite).
  "$BUILD/hejia" serve --db "$db" --listen "127.0.0.1:$port" --web web/dist \
    --clock-start "$clock_start" --portal-submits 50 >"$dir/server.log" 2>&1 &
  SERVER_PID=$!
  local ready=""
  for _ in $(seq 150); do
    if [ "$(http_status "$port" /readyz)" = 200 ]; then
      ready=1
      break
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.2
  done
  if [ -z "$ready" ]; then
    echo "the server did not become ready on port $port:"
    tail -n 30 "$dir/server.log"
    return 1
  fi
  echo "server on http://127.0.0.1:$port (pid $SERVER_PID)"
  local rc=0
  rm -rf "$BUILD/screenshots"
  (cd web && E2E_BASE_URL="http://127.0.0.1:$port" E2E_PASSWORD="$password" \
    E2E_SCREENSHOT_DIR="$BUILD/screenshots" E2E_HEJIA="$BUILD/hejia" E2E_DB="$db" \
    E2E_CLOCK_START="$clock_start" timeout --foreground -k 10 1200 npm run --silent e2e) || rc=$?
  # A clean stop on SIGTERM, exit code 0, within 15 s.
  kill -TERM "$SERVER_PID"
  local stopped=""
  for _ in $(seq 150); do
    kill -0 "$SERVER_PID" 2>/dev/null || {
      stopped=1
      break
    }
    sleep 0.1
  done
  local server_rc=0
  if [ -z "$stopped" ]; then
    echo "the server did not stop within 15 s of SIGTERM"
    kill -KILL "$SERVER_PID" 2>/dev/null
    server_rc=1
  fi
  wait "$SERVER_PID" || server_rc=$?
  SERVER_PID=""
  if [ "$server_rc" -ne 0 ]; then
    echo "the server exited with $server_rc after SIGTERM:"
    tail -n 30 "$dir/server.log"
    [ "$rc" -ne 0 ] || rc=1
  else
    echo "server stopped cleanly on SIGTERM (exit 0)"
  fi
  echo "screenshots in $BUILD/screenshots"
  return "$rc"
}

total_start=$SECONDS
run_suite layers scripts/check-layers.sh
run_suite unit suite_unit
run_suite api-sqlite suite_api_sqlite
run_suite api-postgres suite_api_postgres
run_suite api-dates suite_api_dates
run_suite nodes suite_nodes
if [ -f tests/cli/cli_test.sh ]; then
  run_suite cli suite_cli
else
  echo
  echo "(cli: tests/cli/cli_test.sh does not exist yet; skipped)"
fi
run_suite web-unit suite_web_unit
run_suite fuzz suite_fuzz
run_suite e2e suite_e2e

echo
echo "━━━━━━━━ summary ($((SECONDS - total_start))s) ━━━━━━━━"
for i in "${!names[@]}"; do
  printf '  %-14s %-20s %5ss\n' "${names[$i]}" "${results[$i]}" "${times[$i]}"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
