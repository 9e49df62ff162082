#!/usr/bin/env bash
# `make run`: prepares the database (schema, and the demo city when it has no accounts yet), prints
# how to sign in, then runs the server in the foreground (Ctrl-C stops it cleanly).
#   scripts/run.sh BUILD DB LISTEN PASSWORD
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
DB=${2:-sqlite:data/hejia.db}
LISTEN=${3:-127.0.0.1:8080}
PASSWORD=${4:-Hejia-Demo-2026}
HEJIA="$BUILD/hejia"
# The demo logins are kept beside an SQLite database (data/ for PostgreSQL), to show on every run.
case "$DB" in
  sqlite:*) STATE_DIR=$(dirname "${DB#sqlite:}") ;;
  *) STATE_DIR=data ;;
esac
ACCOUNTS=$STATE_DIR/demo-accounts.txt
PASSWORD_FILE=$STATE_DIR/demo-password.txt

[ -x "$HEJIA" ] || {
  echo "run: $HEJIA not built (make build)" >&2
  exit 1
}
[ -f web/dist/index.html ] || {
  echo "run: web/dist not built (make web)" >&2
  exit 1
}
mkdir -p "$STATE_DIR"

# How many accounts the database holds; 0 for a database that does not exist yet.
count_users() {
  case "$DB" in
    sqlite:*)
      local file=${DB#sqlite:}
      [ -f "$file" ] || {
        echo 0
        return
      }
      sqlite3 "$file" "SELECT COUNT(*) FROM users" 2>/dev/null || echo 0
      ;;
    postgres://* | postgresql://*)
      psql "$DB" -Atqc "SELECT COUNT(*) FROM users" 2>/dev/null || echo 0
      ;;
    *)
      echo "run: database URL must start with sqlite: or postgres://" >&2
      exit 1
      ;;
  esac
}

# Always: the schema may be older than this program (idempotent, fast when current).
"$HEJIA" migrate --db "$DB" >/dev/null
users=$(count_users)
if [ "$users" = 0 ]; then
  echo "Loading the demo city (first run)…"
  tmp=$(mktemp)
  "$HEJIA" demo-data --db "$DB" --password "$PASSWORD" >"$tmp"
  # Lines are `login<TAB>role<TAB>region`; keep them to show on later runs.
  grep -P '^[^\t]+\t[^\t]+\t[^\t]+$' "$tmp" >"$ACCOUNTS" || true
  # The demo password is printed in every banner anyway; kept owner-only all the same.
  (umask 077 && printf '%s\n' "$PASSWORD" >"$PASSWORD_FILE")
  rm -f "$tmp"
fi

port=${LISTEN##*:}
host=${LISTEN%:*}
case "$host" in 0.0.0.0 | "" | "[::]") host=127.0.0.1 ;; esac
url="http://$host:$port"
echo
echo "================================================================"
echo " HeJia (和家) — $url"
echo "   staff console:  $url/"
echo "   public portal:  $url/life/   (维权微家: help requests, no account)"
echo "   API:            $url/api/v1   (description: $url/api/v1/openapi.json)"
echo "   database:       $(sed -E 's#(://[^:/@]+):[^@]*@#\1:***@#' <<<"$DB")"
if [ -s "$ACCOUNTS" ]; then
  shown_password=$PASSWORD
  [ -f "$PASSWORD_FILE" ] && shown_password=$(cat "$PASSWORD_FILE")
  echo
  echo " Demo accounts (password: $shown_password)"
  printf '   %-12s %-16s %s\n' login role region
  while IFS=$'\t' read -r login role region; do
    printf '   %-12s %-16s %s\n' "$login" "$role" "$region"
  done <"$ACCOUNTS"
  echo
  echo " Demo data only: never put real people's data in this database."
elif [ "$users" != 0 ]; then
  echo
  echo " This database has $users accounts (no demo accounts recorded in $ACCOUNTS)."
fi
echo "================================================================"
echo
exec "$HEJIA" serve --db "$DB" --listen "$LISTEN" --web web/dist
