#!/usr/bin/env bash
# `make soak` (not in CI): the server under 200 keep-alive connections of mixed reads and writes
# (bench/soak_mixed.lua) for SOAK_MINUTES (default 30) on a generated city. Passes when no request
# failed (no status >= 400, no socket error) and the resident memory grew less than 5% from the
# end of the warm-up (the first third, at least a minute) to the end. Samples RSS every 10 s into
# BUILD/soak/rss.tsv and prints the figures.
#   scripts/soak.sh BUILD [MINUTES]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BUILD="${1:-build}"
MINUTES="${2:-${SOAK_MINUTES:-30}}"
HEJIA="$BUILD/hejia"
HB="$BUILD/hejia_bench"
DIR="$BUILD/soak"
PASSWORD="Soak-Test-2026"
die() { echo "soak: $*" >&2; exit 1; }
for tool in wrk curl jq sqlite3; do command -v "$tool" >/dev/null || die "$tool is missing (make deps)"; done
[[ -x "$HEJIA" && -x "$HB" ]] || die "$HEJIA or $HB is missing: run make build and make bench"
rm -rf "$DIR" && mkdir -p "$DIR"
# The bench's city (its generator, 110 households a grid, about 1 GB: 40 s), many times larger
# than SQLite's page caches, so the warm-up fills the caches and what follows shows any other
# growth.
unset HEJIA_KEY_FILE
"$HB" generate --db "$DIR/soak.db" --password "$PASSWORD" --households-per-grid 110 \
  --seed 20261203 >"$DIR/generate.txt"
"$HEJIA" migrate --db "sqlite:$DIR/soak.db" >/dev/null
grid="$(sqlite3 "$DIR/soak.db" "SELECT code FROM regions WHERE level = 'grid' AND path LIKE '/330784/330784001/%' ORDER BY code LIMIT 1")"
port="${SOAK_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
"$HEJIA" serve --db "sqlite:$DIR/soak.db" --listen "127.0.0.1:$port" --web "" >"$DIR/server.log" 2>&1 &
server_pid=$!
sampler_pid=""
trap 'kill "$server_pid" ${sampler_pid:+"$sampler_pid"} 2>/dev/null || true' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 150); do curl -fs "$base/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "$base/readyz" >/dev/null || die "the server did not start (see $DIR/server.log)"
session_json="$(curl -fs -D "$DIR/signin.headers" -H 'Content-Type: application/json' \
  -d "{\"login\":\"town\",\"password\":\"$PASSWORD\"}" "$base/api/v1/session")" || die "sign-in failed"
cookie="$(sed -n 's/^[Ss]et-[Cc]ookie: hejia_session=\([^;]*\).*/\1/p' "$DIR/signin.headers" | tr -d '\r')"
export HEJIA_BENCH_DIR="$ROOT/bench" HEJIA_BENCH_COOKIE="$cookie" \
  HEJIA_BENCH_CSRF="$(jq -r .csrf_token <<<"$session_json")" HEJIA_SOAK_GRID="$grid"

rss_kb() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$server_pid/status"; }
(
  start=$(date +%s)
  while kill -0 "$server_pid" 2>/dev/null; do
    printf '%s\t%s\n' "$(($(date +%s) - start))" "$(rss_kb)"
    sleep 10
  done
) >"$DIR/rss.tsv" &
sampler_pid=$!

seconds=$((MINUTES * 60))
# Warm-up: the first third, while SQLite's page caches (32 MB a reader, 8 MB the writer) fill
# with what the load touches; after it resident memory should stay flat.
warm=$((seconds / 3))
((warm >= 60)) || warm=60
echo "soak: $MINUTES min at 200 connections against $base (warm-up ${warm}s)"
wrk -t2 -c200 -d"${seconds}s" --timeout 30s --latency -s bench/soak_mixed.lua "$base/" >"$DIR/wrk.txt"
line="$(grep '^RESULT' "$DIR/wrk.txt")" || die "wrk gave no result (see $DIR/wrk.txt)"
sleep 11  # one more sample after the load
rss_warm="$(awk -F'\t' -v w="$warm" '$1 >= w && $2 != "" { print $2; exit }' "$DIR/rss.tsv")"
rss_end="$(awk -F'\t' '$2 != "" { v = $2 } END { print v }' "$DIR/rss.tsv")"
rss_peak="$(awk -F'\t' '$2 > m { m = $2 } END { print m }' "$DIR/rss.tsv")"
requests="$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$line")"
status_errors="$(sed -n 's/.*status_errors=\([0-9]*\).*/\1/p' <<<"$line")"
socket_errors="$(sed -n 's/.*socket_errors=\([0-9]*\).*/\1/p' <<<"$line")"
rps="$(sed -n 's/.*rps=\([0-9.]*\).*/\1/p' <<<"$line")"
growth="$(awk -v a="$rss_warm" -v b="$rss_end" 'BEGIN { printf "%.2f", (b - a) * 100 / a }')"
echo "soak: $requests requests ($rps/s), $status_errors status errors, $socket_errors socket errors"
echo "soak: resident memory ${rss_warm} kB after warm-up, ${rss_end} kB at the end (peak ${rss_peak} kB): ${growth}%"
ok=1
((status_errors == 0 && socket_errors == 0)) || { echo "soak: FAILED: requests failed"; ok=0; }
awk -v g="$growth" 'BEGIN { exit !(g < 5) }' || { echo "soak: FAILED: memory grew ${growth}% (limit 5%)"; ok=0; }
((ok)) && echo "soak: passed"
((ok))
