# Shared by the command-line tests (sourced): counting checks, and starting a server on a free
# port, robustly.

PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "ok   - $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL - $1"; [ -n "${2:-}" ] && echo "       $2"; }
expect_equal() {  # NAME ACTUAL EXPECTED
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', want '$3'"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_server LOG ARGS...: runs `$HEJIA serve ARGS --listen 127.0.0.1:PORT` in the background
# (sets SERVER_PID and PORT; ULIMIT_N, when set, is its descriptor limit) and waits up to a minute
# for /readyz. A port found free may be taken before the server binds it: when the server exits,
# another port is tried. Returns non-zero when no server became ready.
start_server() {
  local log=$1
  shift
  local attempt
  for attempt in 1 2 3; do
    PORT=$(free_port)
    (
      [ -n "${ULIMIT_N:-}" ] && ulimit -n "$ULIMIT_N"
      exec "$HEJIA" serve "$@" --listen "127.0.0.1:$PORT"
    ) >>"$log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 600); do
      curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && return 0
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
    SERVER_PID=""
    echo "(server attempt $attempt did not become ready; see $log)"
  done
  return 1
}
