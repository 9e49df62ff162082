#!/usr/bin/env bash
# Durability under a crash: the server is killed with SIGKILL while eight clients write, three
# times over. Every write it answered 201 must be there after the restart, with its audit entry;
# the audit chain must verify and SQLite's integrity check must pass.
# Usage: tests/cli/kill_test.sh BUILD_DIR      (needs sqlite3, curl and python3)
set -u

BUILD_DIR=${1:?usage: $0 BUILD_DIR}
HEJIA=$(cd "$BUILD_DIR" && pwd)/hejia
[ -x "$HEJIA" ] || { echo "no hejia binary in $BUILD_DIR" >&2; exit 2; }
for tool in sqlite3 curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 2; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/hejia-kill-test.XXXXXX")
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill -KILL "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

q() { sqlite3 -cmd ".timeout 10000" "$DB_FILE" "$1"; }

DB_FILE=$WORK/hejia.db
DB=sqlite:$DB_FILE
export HEJIA_KEY_FILE=$WORK/keys
PASSWORD='Kill-Test-2026!'
"$HEJIA" keygen >"$HEJIA_KEY_FILE" && chmod 600 "$HEJIA_KEY_FILE"
"$HEJIA" demo-data --db "$DB" --password "$PASSWORD" >/dev/null || { echo "demo load failed"; exit 1; }
GRID=$(q "SELECT code FROM regions WHERE level = 'grid' AND path LIKE '/330784/330784001/%' ORDER BY code LIMIT 1")
[ -n "$GRID" ] || { echo "no grid in the demo city"; exit 1; }

# Eight writers: each signs in (its own session), then creates households until the server is
# gone, and writes down every id the server answered 201 for, at once (before the next request).
cat >"$WORK/writers.py" <<'PY'
import http.client, json, sys, threading, time
port, password, grid, tag, out_path = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
lock = threading.Lock()
out = open(out_path, "a")

def writer(n):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        c.request("POST", "/api/v1/session", json.dumps({"login": "town", "password": password}),
                  {"Content-Type": "application/json"})
        r = c.getresponse()
        body = json.loads(r.read())
        cookie = r.getheader("Set-Cookie").split(";")[0]
        headers = {"Content-Type": "application/json", "Cookie": cookie,
                   "X-CSRF-Token": body["csrf_token"]}
    except Exception:
        return
    i = 0
    while True:
        i += 1
        name = f"{tag}-{n}-{i}"
        try:
            c.request("POST", "/api/v1/households", json.dumps({"grid_code": grid, "head_name": name,
                                                                "address_detail": f"金城路 {i} 号"}), headers)
            r = c.getresponse()
            data = r.read()
        except Exception:
            return  # the server is gone
        if r.status == 201:
            with lock:
                out.write(f"{json.loads(data)['id']}\t{name}\n")
                out.flush()

threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
for t in threads: t.start()
for t in threads: t.join()
PY

# How many writes of a round were answered 201 so far.
acked() {
  local n
  n=$(grep -c "$1" "$WORK/acked.tsv" 2>/dev/null)
  echo "${n:-0}"
}
touch "$WORK/acked.tsv"

for ROUND in 1 2 3; do
  start_server "$WORK/serve.log" --db "$DB" --web "" ||
    { fail "round $ROUND: the server starts after the crash" "$(tail -5 "$WORK/serve.log")"; break; }
  python3 "$WORK/writers.py" "$PORT" "$PASSWORD" "$GRID" "kill$ROUND" "$WORK/acked.tsv" &
  WRITERS=$!
  # Kill in the middle of the writing: once this round has some answered writes, then a moment on.
  for _ in $(seq 600); do
    [ "$(acked "kill$ROUND-")" -ge 20 ] && break
    sleep 0.05
  done
  sleep "0.$((RANDOM % 5 + 2))"
  kill -KILL "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
  wait "$WRITERS"
  expect_equal "round $ROUND: the writers were answered before the kill" \
    "$(( $(acked "kill$ROUND-") >= 20 ))" 1
done

# After the last crash, open the database once more (as the next start would) and look.
start_server "$WORK/serve.log" --db "$DB" --web "" || fail "the server starts after the last crash"
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null
SERVER_PID=""

ACKED=$(wc -l <"$WORK/acked.tsv")
awk -F'\t' '{print "INSERT INTO acked VALUES (" $1 ", '"'"'" $2 "'"'"');"}' "$WORK/acked.tsv" >"$WORK/acked.sql"
# Runs one query with the acknowledged writes in a temporary table `acked (id, name)`.
with_acked() {
  { echo "CREATE TEMP TABLE acked (id INTEGER, name TEXT);"; cat "$WORK/acked.sql"; echo "$1"; } |
    sqlite3 -cmd ".timeout 10000" "$DB_FILE"
}
MISSING=$(with_acked "SELECT COUNT(*) FROM acked a LEFT JOIN households h
  ON h.id = a.id AND h.head_name = a.name WHERE h.id IS NULL;")
expect_equal "all $ACKED writes answered 201 are there after three SIGKILLs" "$MISSING" 0
UNAUDITED=$(with_acked "SELECT COUNT(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM audit_log l
  WHERE l.entity = 'household' AND l.entity_id = CAST(a.id AS TEXT) AND l.action = 'create');")
expect_equal "each of them has its audit entry" "$UNAUDITED" 0
expect_equal "SQLite's integrity check passes" "$(q 'PRAGMA integrity_check')" ok
out=$("$HEJIA" audit verify --db "$DB" 2>&1)
rc=$?
expect_equal "the audit chain verifies after the crashes" "$rc" 0
[ "$rc" -eq 0 ] || echo "$out" | tail -3

echo "$PASSED passed, $FAILED failed ($ACKED acknowledged writes)"
[ "$FAILED" -eq 0 ]
