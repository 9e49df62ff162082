#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for tests, run as the `postgres` user from a temporary directory.
#
#   scripts/pg-test-server.sh start [DB]   start it (if not running), create DB, print its URL
#   scripts/pg-test-server.sh url [DB]     print the URL of DB (created if missing); server must run
#   scripts/pg-test-server.sh stop         stop it and remove its directory
#   scripts/pg-test-server.sh status       exit 0 when it runs
#
# DB defaults to hejia_test. The server lives in $HEJIA_PG_TEST_DIR (default /tmp/hejia-pg-test);
# give each independent user (e.g. scripts/test.sh) its own directory so a `stop` never kills
# someone else's server. It listens on 127.0.0.1 only, on a free port, with trust authentication.
set -euo pipefail

DIR=${HEJIA_PG_TEST_DIR:-/tmp/hejia-pg-test}
PGBIN=${HEJIA_PG_BIN:-/usr/lib/postgresql/15/bin}
DB_DEFAULT=hejia_test

die() {
  echo "pg-test-server: $*" >&2
  exit 1
}

# initdb and postgres refuse to run as root; as root, everything runs as `postgres`.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

running() {
  [ -f "$DIR/data/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

url_of() {
  echo "postgresql://postgres@127.0.0.1:$(cat "$DIR/port")/$1"
}

ensure_db() {
  local db=$1
  [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || die "bad database name: $db"
  local port
  port=$(cat "$DIR/port")
  local exists
  exists=$(as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atqc \
    "SELECT 1 FROM pg_database WHERE datname = '$db'")
  if [ "$exists" != 1 ]; then
    # Two callers may race to create it; losing the race is fine.
    as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db" 2>/dev/null ||
      [ "$(as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atqc \
        "SELECT 1 FROM pg_database WHERE datname = '$db'")" = 1 ] ||
      die "could not create database $db"
  fi
}

start() {
  [ -x "$PGBIN/initdb" ] || die "PostgreSQL 15 not found in $PGBIN (apt-get install postgresql-15)"
  if ! running; then
    mkdir -p "$DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$DIR"
    chmod 0700 "$DIR"
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      as_pg "$PGBIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
        >"$DIR/initdb.log" 2>&1 || {
        cat "$DIR/initdb.log" >&2
        die "initdb failed"
      }
    fi
    local port=${HEJIA_PG_TEST_PORT:-$((55432 + RANDOM % 2000))} tries=0
    while :; do
      tries=$((tries + 1))
      if ! port_in_use "$port"; then
        # Durability does not matter for a throwaway server; speed does.
        if as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start \
          -o "-p $port -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null 9>&-; then
          echo "$port" | as_pg tee "$DIR/port" >/dev/null
          break
        fi
      fi
      [ "$tries" -lt 20 ] || {
        tail -n 20 "$DIR/server.log" >&2 || true
        die "could not start PostgreSQL"
      }
      port=$((55432 + RANDOM % 2000))
    done
  fi
  ensure_db "${1:-$DB_DEFAULT}"
  url_of "${1:-$DB_DEFAULT}"
}

stop() {
  if running; then
    as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w -t 60 stop >/dev/null ||
      as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null || true
  fi
  rm -rf "$DIR" "$DIR.lock"
}

cmd=${1:-}
shift || true
# One caller at a time per directory (several engineers or test runs may start it at once).
exec 9>"$DIR.lock"
flock 9
case "$cmd" in
  start) start "$@" ;;
  url)
    running || die "not running (scripts/pg-test-server.sh start)"
    ensure_db "${1:-$DB_DEFAULT}"
    url_of "${1:-$DB_DEFAULT}"
    ;;
  stop) stop ;;
  status) running ;;
  *) die "usage: $0 start|url|stop|status [DB]" ;;
esac
