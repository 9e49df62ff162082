#!/usr/bin/env bash
# Two `hejia serve` nodes sharing one PostgreSQL database behind a real nginx (round robin), as a
# deployment that outgrew one machine runs them. Shows what must hold across nodes:
#   - a live alert raised through one node reaches the on-duty worker's stream open on the other
#     (PostgreSQL LISTEN/NOTIFY);
#   - a proof-of-work challenge spent on one node is refused by the other (the spent-token ledger);
#   - failed sign-ins counted on one node make the other wait too (the sign-in throttle's table);
#   - the per-client windows (public challenges and submissions, sign-in attempts per address)
#     count one client's requests on both nodes together (store/rate_windows);
#   - a user's sixth live stream ends her oldest, whichever node holds it (store/live_streams).
# Usage: tests/nodes/nodes_test.sh BUILD_DIR   (needs nginx, PostgreSQL 15, curl, python3)
set -u

BUILD_DIR=${1:?usage: $0 BUILD_DIR}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HEJIA=$(cd "$BUILD_DIR" && pwd)/hejia
[ -x "$HEJIA" ] || { echo "no hejia binary in $BUILD_DIR" >&2; exit 2; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
for tool in "$NGINX" curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (scripts/install-deps.sh)" >&2; exit 2; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/hejia-nodes-test.XXXXXX")
chmod 755 "$WORK"  # nginx's workers (nobody) read nothing here, but walk to its temp folders
# The throwaway PostgreSQL runs as `postgres`, which must reach its folder: not under $WORK, whose
# parents may be private to this user.
HEJIA_PG_TEST_DIR=$(mktemp -u /tmp/hejia-nodes-pg.XXXXXX)
export HEJIA_PG_TEST_DIR
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
  "$ROOT/scripts/pg-test-server.sh" stop >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

# shellcheck source=tests/cli/lib.sh
. "$ROOT/tests/cli/lib.sh"
PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "ok   - $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL - $1"; [ -n "${2:-}" ] && echo "       $2"; }

URL=$("$ROOT/scripts/pg-test-server.sh" start hejia_nodes) || { echo "no PostgreSQL"; exit 1; }
export HEJIA_KEY_FILE=$WORK/keys
"$HEJIA" keygen >"$HEJIA_KEY_FILE" && chmod 600 "$HEJIA_KEY_FILE"
PASSWORD='Nodes-Test-2026!'
"$HEJIA" migrate --db "$URL" >/dev/null || { echo "migrate failed"; exit 1; }
"$HEJIA" demo-data --db "$URL" --password "$PASSWORD" >"$WORK/accounts.txt" || { echo "demo failed"; exit 1; }
VILLAGE=$(awk -F"\t" '$1 == "village" { print $3 }' "$WORK/accounts.txt")

# The night clinic: both nodes' clocks start at the next Monday-to-Thursday 21:30 (Beijing), when
# the demo roster has the town worker of 东城街道 on duty.
CLOCK_START=$("$ROOT/scripts/night-clock.sh")

NODE_PORTS=()
for n in a b; do
  start_server "$WORK/node-$n.log" --db "$URL" --web "" --trust-proxy --clock-start "$CLOCK_START" \
    --audit-anchor "$WORK/node-$n.anchor" || { echo "node $n did not start"; tail -5 "$WORK/node-$n.log"; exit 1; }
  PIDS+=("$SERVER_PID")
  NODE_PORTS+=("$PORT")
done
SERVER_PID=""

NPORT=$(free_port)
mkdir -p "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
# Started by root in tests: workers run as root too, so they reach the test's private folders.
user root;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  upstream hejia {
    server 127.0.0.1:${NODE_PORTS[0]};
    server 127.0.0.1:${NODE_PORTS[1]};
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$NPORT;
    location / {
      proxy_pass http://hejia;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Real-IP \$remote_addr;
      # Live alerts are a long-lived stream: passed on as they come.
      proxy_buffering off;
      proxy_read_timeout 1h;
      # Which node answered (for this test; a real deployment leaves it out).
      add_header X-Hejia-Node \$upstream_addr always;
    }
  }
}
CONF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" >"$WORK/nginx/stdout.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$NPORT/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NPORT/readyz")" = 200 ]; then
  pass "nginx answers in front of two nodes"
else
  fail "nginx answers in front of two nodes" "$(tail -5 "$WORK/nginx/error.log" 2>/dev/null)"
fi

python3 "$ROOT/tests/nodes/across_nodes.py" "$NPORT" "$PASSWORD" "$VILLAGE" >"$WORK/across.log" 2>&1
rc=$?
cat "$WORK/across.log"
PASSED=$((PASSED + $(grep -c '^ok ' "$WORK/across.log")))
FAILED=$((FAILED + $(grep -c '^FAIL ' "$WORK/across.log")))
[ "$rc" -eq 0 ] || [ "$(grep -c '^FAIL ' "$WORK/across.log")" -gt 0 ] || fail "the cross-node checks ran to the end" "exit $rc"

# A backup while the nodes run: pg_dump's consistent copy, then the files folder they share.
mkdir -p "$WORK/files/ab"
HELD="$WORK/files/ab/$(printf 'b%.0s' $(seq 62))"
printf 'sealed evidence' >"$HELD"
if out=$("$HEJIA" backup --db "$URL" --to "$WORK/pg.dump" --files "$WORK/files" 2>&1) &&
  [ "$(head -c 5 "$WORK/pg.dump")" = PGDMP ] &&
  [ "$(cat "$WORK/pg.dump.files/ab/$(basename "$HELD")")" = "sealed evidence" ]; then
  pass "a backup of the PostgreSQL database and the nodes' files while they run"
else
  fail "a backup of the PostgreSQL database and the nodes' files while they run" "$out"
fi

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
