#!/usr/bin/env bash
# The `hejia` command line against a temporary SQLite database: keys, migrations, accounts,
# the audit chain and its anchor file, and a backup taken while the server runs.
# Usage: tests/cli/cli_test.sh BUILD_DIR      (needs sqlite3 and curl)
set -u

BUILD_DIR=${1:?usage: $0 BUILD_DIR}
HEJIA=$(cd "$BUILD_DIR" && pwd)/hejia
[ -x "$HEJIA" ] || { echo "no hejia binary in $BUILD_DIR" >&2; exit 2; }
for tool in sqlite3 curl; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 2; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/hejia-cli-test.XXXXXX")
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

# expect_status NAME EXPECTED(0|nonzero) -- command...
expect_status() {
  local name=$1 want=$2
  shift 3
  local out rc
  out=$("$@" 2>&1)
  rc=$?
  LAST_OUTPUT=$out
  if { [ "$want" = 0 ] && [ $rc -eq 0 ]; } || { [ "$want" = nonzero ] && [ $rc -ne 0 ]; }; then
    pass "$name"
  else
    fail "$name" "exit $rc: $(echo "$out" | tail -3)"
  fi
}
expect_contains() {  # NAME HAYSTACK NEEDLE
  if [[ "$2" == *"$3"* ]]; then pass "$1"; else fail "$1" "no '$3' in: $(echo "$2" | tail -3)"; fi
}

DB_FILE=$WORK/hejia.db
DB=sqlite:$DB_FILE
q() { sqlite3 -cmd ".timeout 10000" "$1" "$2"; }

# --- keygen -----------------------------------------------------------------------------------
KEYS=$WORK/keys
"$HEJIA" keygen >"$KEYS"
chmod 600 "$KEYS"
export HEJIA_KEY_FILE=$KEYS
B64='[A-Za-z0-9+/]{43}='
if grep -Eq "^data [A-Za-z0-9_-]{1,32} $B64$" "$KEYS" && grep -Eq "^index $B64$" "$KEYS" &&
  grep -Eq "^audit $B64$" "$KEYS" &&
  [ "$(grep -Evc "^(#.*|data [A-Za-z0-9_-]{1,32} $B64|index $B64|audit $B64|)$" "$KEYS")" = 0 ]; then
  pass "keygen prints a data, an index and an audit key and nothing else"
else
  fail "keygen prints a data, an index and an audit key and nothing else" "$(sed 's/ [A-Za-z0-9+\/]*=$/ <key>/' "$KEYS")"
fi
if [ "$("$HEJIA" keygen | grep '^audit')" != "$(grep '^audit' "$KEYS")" ]; then
  pass "every keygen makes new keys"
else
  fail "every keygen makes new keys"
fi

# --- migrate ----------------------------------------------------------------------------------
expect_status "migrate creates the schema" 0 -- "$HEJIA" migrate --db "$DB"
FIRST=$LAST_OUTPUT
expect_status "migrate again is a no-op" 0 -- "$HEJIA" migrate --db "$DB"
expect_equal "both migrations report the same version" "$LAST_OUTPUT" "$FIRST"
VERSIONS=$(q "$DB_FILE" "SELECT COUNT(*) || '/' || COUNT(DISTINCT version) FROM schema_version")
expect_equal "each schema version is recorded once" "${VERSIONS%/*}" "${VERSIONS#*/}"

# The city the accounts live in (region management is the API's business, not the CLI's).
q "$DB_FILE" "INSERT INTO regions (code, name, level, parent_code, path, retired, created_at, updated_at)
              VALUES ('330784', '永康市', 'city', NULL, '/330784/', 0, 0, 0),
                     ('330784001', '东城街道', 'town', '330784', '/330784/330784001/', 0, 0, 0),
                     ('330784009', '已撤销镇', 'town', '330784', '/330784/330784009/', 1, 0, 0);"

# --- user add ---------------------------------------------------------------------------------
PW='Strong-Pass-2026!'
expect_status "user add reads the password from stdin" 0 -- \
  sh -c "printf '%s\n' '$PW' | '$HEJIA' user add wang.li --name '王丽' --role town_staff --region 330784001 --db '$DB'"
ROW=$(q "$DB_FILE" "SELECT role || '|' || region_code || '|' || must_change_password || '|' || substr(password_hash, 1, 10) FROM users WHERE login = 'wang.li'")
expect_equal "the account is stored hashed and must change its password" "$ROW" 'town_staff|330784001|1|$argon2id$'
expect_status "a weak password is refused" nonzero -- \
  sh -c "printf 'weak\n' | '$HEJIA' user add li.na --role town_staff --region 330784001 --db '$DB'"
expect_contains "the refusal says why" "$LAST_OUTPUT" "密码"
expect_equal "nothing is written for a refused account" "$(q "$DB_FILE" "SELECT COUNT(*) FROM users WHERE login = 'li.na'")" 0
expect_status "a password containing the login is refused" nonzero -- \
  sh -c "printf 'Zhao.min-2026!\n' | '$HEJIA' user add zhao.min --role town_staff --region 330784001 --db '$DB'"
expect_status "a taken login is refused" nonzero -- \
  sh -c "printf '%s\n' '$PW' | '$HEJIA' user add wang.li --role town_staff --region 330784001 --db '$DB'"
expect_status "an unknown role is refused" nonzero -- \
  sh -c "printf '%s\n' '$PW' | '$HEJIA' user add qian --role queen --region 330784001 --db '$DB'"
expect_status "an unknown region is refused" nonzero -- \
  sh -c "printf '%s\n' '$PW' | '$HEJIA' user add qian --role town_staff --region 999999 --db '$DB'"
expect_status "a retired region is refused" nonzero -- \
  sh -c "printf '%s\n' '$PW' | '$HEJIA' user add qian --role town_staff --region 330784009 --db '$DB'"
expect_status "a bad login is refused" nonzero -- \
  sh -c "printf '%s\n' '$PW' | '$HEJIA' user add 'Qian Qian' --role town_staff --region 330784001 --db '$DB'"
expect_status "the operator creates the security administrator" 0 -- \
  sh -c "printf '%s\n' 'Guard-Pass-2026!' | '$HEJIA' user add secadm --role security_admin --region 330784 --db '$DB'"
expect_equal "account creation is audited as the cli" \
  "$(q "$DB_FILE" "SELECT COUNT(*) FROM audit_log WHERE actor_login = 'cli' AND entity = 'user' AND action = 'create'")" 2

# --- lock / unlock ----------------------------------------------------------------------------
expect_status "user lock" 0 -- "$HEJIA" user lock wang.li --db "$DB"
expect_equal "the account is locked" "$(q "$DB_FILE" "SELECT admin_locked FROM users WHERE login = 'wang.li'")" 1
expect_status "user unlock" 0 -- "$HEJIA" user unlock wang.li --db "$DB"
expect_equal "the account is unlocked" "$(q "$DB_FILE" "SELECT admin_locked FROM users WHERE login = 'wang.li'")" 0
expect_status "locking an unknown account fails" nonzero -- "$HEJIA" user lock nobody --db "$DB"

# --- audit verify -----------------------------------------------------------------------------
expect_status "audit verify passes on an untouched chain" 0 -- "$HEJIA" audit verify --db "$DB"
expect_contains "verify says how many entries it checked" "$LAST_OUTPUT" "intact"
ORIGINAL=$(q "$DB_FILE" "SELECT detail FROM audit_log WHERE seq = 2")
q "$DB_FILE" "UPDATE audit_log SET detail = 'role=city_staff' WHERE seq = 2"
expect_status "audit verify fails after an entry is altered" nonzero -- "$HEJIA" audit verify --db "$DB"
expect_contains "verify names the altered entry" "$LAST_OUTPUT" "entry 2"
q "$DB_FILE" "UPDATE audit_log SET detail = '$(printf '%s' "$ORIGINAL" | sed "s/'/''/g")' WHERE seq = 2"
expect_status "audit verify passes again once restored" 0 -- "$HEJIA" audit verify --db "$DB"
LAST_SEQ=$(q "$DB_FILE" "SELECT MAX(seq) FROM audit_log")
cp "$DB_FILE" "$WORK/cut.db"
q "$WORK/cut.db" "DELETE FROM audit_log WHERE seq = $LAST_SEQ"
expect_status "audit verify notices a removed last entry" nonzero -- "$HEJIA" audit verify --db "sqlite:$WORK/cut.db"
expect_contains "verify names the removed entry" "$LAST_OUTPUT" "entry $LAST_SEQ"

# --- the audit chain's anchor outside the database -------------------------------------------
ANCHOR=$DB_FILE.audit-anchor
expect_equal "the commands anchor the chain's head beside the database, privately" \
  "$(stat -c %a "$ANCHOR" 2>&1)" 600
expect_status "audit verify reaches the anchor" 0 -- "$HEJIA" audit verify --db "$DB"
expect_contains "verify says how far the chain is anchored" "$LAST_OUTPUT" "anchored up to entry $LAST_SEQ"
# Whoever kept a copy of the database (a backup, say) cuts the chain back to its head.
cp "$DB_FILE" "$WORK/old.db"
expect_status "an audited lock after the copy" 0 -- "$HEJIA" user lock wang.li --db "$DB"
expect_status "an audited unlock after the copy" 0 -- "$HEJIA" user unlock wang.li --db "$DB"
cp "$DB_FILE" "$WORK/cut2.db"
cp "$ANCHOR" "$WORK/cut2.db.audit-anchor"
q "$WORK/cut2.db" "ATTACH '$WORK/old.db' AS old;
  DELETE FROM audit_log WHERE seq > (SELECT seq FROM old.audit_head);
  UPDATE audit_head SET seq = (SELECT seq FROM old.audit_head),
    last_hash = (SELECT last_hash FROM old.audit_head),
    checkpoint = (SELECT checkpoint FROM old.audit_head);"
expect_status "without its anchor the cut chain looks whole" 0 -- \
  "$HEJIA" audit verify --db "sqlite:$WORK/cut2.db" --audit-anchor "$WORK/no-anchor"
expect_contains "verify warns when there is no anchor file" "$LAST_OUTPUT" "no anchor file"
expect_status "audit verify notices a chain cut back to an older head" nonzero -- \
  "$HEJIA" audit verify --db "sqlite:$WORK/cut2.db"
expect_contains "verify says the anchored entries were removed" "$LAST_OUTPUT" "anchored outside the database"
cp "$ANCHOR" "$WORK/forged-anchor"
echo "v1 999 $(printf 'a%.0s' $(seq 64)) 1790000000000 $(printf 'b%.0s' $(seq 64))" >>"$WORK/forged-anchor"
expect_status "audit verify refuses a forged anchor line" nonzero -- \
  "$HEJIA" audit verify --db "$DB" --audit-anchor "$WORK/forged-anchor"
expect_contains "verify names the forged line" "$LAST_OUTPUT" "line $(wc -l <"$WORK/forged-anchor")"

# --- backup while the server runs -------------------------------------------------------------
start_server "$WORK/serve.log" --db "$DB" --web ""
expect_equal "the server answers" "$(curl -s "http://127.0.0.1:$PORT/readyz")" '{"status":"ok"}'
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  -d '{"login":"wang.li","password":"Wrong-Pass-2026!"}' "http://127.0.0.1:$PORT/api/v1/session")
expect_equal "a wrong password is refused by the running server" "$STATUS" 401
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "{\"login\":\"wang.li\",\"password\":\"$PW\"}" "http://127.0.0.1:$PORT/api/v1/session")
expect_equal "the new account signs in on the running server" "$STATUS" 200
expect_status "another account is added while the server runs" 0 -- \
  sh -c "printf '%s\n' '$PW' | '$HEJIA' user add zhou.yu --role village_cadre --region 330784001 --db '$DB'"
# The files folder beside the database (attachments, published media) goes with the backup.
FILES_DIR="$(dirname "$DB_FILE")/files"
mkdir -p "$FILES_DIR/ab" "$FILES_DIR/media/cd"
printf 'sealed evidence' >"$FILES_DIR/ab/$(printf 'a%.0s' $(seq 62))"
printf 'a video' >"$FILES_DIR/media/cd/$(printf 'c%.0s' $(seq 62))"
expect_status "backup while the server runs" 0 -- "$HEJIA" backup --db "$DB" --to "$WORK/backup.db"
expect_contains "the backup says where the files went" "$LAST_OUTPUT" "files copied to $WORK/backup.db.files: 2 new"
expect_equal "the backup holds the attachment's file" \
  "$(cat "$WORK/backup.db.files/ab/$(printf 'a%.0s' $(seq 62))")" "sealed evidence"
expect_equal "the backup holds the video" "$(cat "$WORK/backup.db.files/media/cd/$(printf 'c%.0s' $(seq 62))")" "a video"
expect_equal "the backup's files are private to their owner" \
  "$(stat -c %a "$WORK/backup.db.files/ab/$(printf 'a%.0s' $(seq 62))")" 600
expect_status "a second backup into the same place" 0 -- "$HEJIA" backup --db "$DB" --to "$WORK/backup.db"
expect_contains "copies only what is new" "$LAST_OUTPUT" "0 new, 2 already there"
for f in "$DB_FILE" "$DB_FILE-wal" "$DB_FILE-shm"; do
  expect_equal "$(basename "$f") is private to its owner" "$(stat -c %a "$f" 2>&1)" 600
done
expect_contains "the server warns that the key file shares the database's folder" \
  "$(cat "$WORK/serve.log")" "key file lies in the database's folder"
kill -TERM "$SERVER_PID"
wait "$SERVER_PID"
SERVE_RC=$?
SERVER_PID=""
expect_equal "the server stops cleanly on SIGTERM" "$SERVE_RC" 0
expect_status "the chain the server leaves behind verifies" 0 -- "$HEJIA" audit verify --db "$DB"
expect_contains "the server anchored the head it left behind" "$LAST_OUTPUT" \
  "anchored up to entry $(q "$DB_FILE" "SELECT MAX(seq) FROM audit_log")"
expect_equal "the backup is private to its owner" "$(stat -c %a "$WORK/backup.db")" 600
expect_status "the backup's audit chain verifies" 0 -- "$HEJIA" audit verify --db "sqlite:$WORK/backup.db"
expect_equal "the backup holds the sign-ins made through the server" \
  "$(q "$WORK/backup.db" "SELECT COUNT(*) FROM sign_ins WHERE login = 'wang.li'")" 2
expect_equal "the backup holds the account added meanwhile" \
  "$(q "$WORK/backup.db" "SELECT COUNT(*) FROM users WHERE login = 'zhou.yu'")" 1

# Restoring: the backup file put in place of a database serves again with the same keys.
RESTORED=$WORK/restored.db
cp "$WORK/backup.db" "$RESTORED"
start_server "$WORK/restored.log" --db "sqlite:$RESTORED" --web ""
expect_equal "a restored backup serves" "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/readyz")" 200
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || true
SERVER_PID=""

# Under a low descriptor limit, idle connections beyond it are shed oldest first: the server keeps
# answering (its readiness included) instead of spinning on a backlog it cannot accept.
ULIMIT_N=256 start_server "$WORK/limited.log" --db "sqlite:$RESTORED" --web ""
LPORT=$PORT
python3 - "$LPORT" >"$WORK/idle.log" 2>&1 <<'PY' &
import socket, sys, time
held = []
for _ in range(300):
    try:
        held.append(socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5))
    except OSError:
        pass
print("held", len(held), flush=True)
time.sleep(30)
PY
IDLE_PID=$!
for _ in $(seq 300); do grep -q '^held' "$WORK/idle.log" && break; sleep 0.1; done
expect_equal "with 300 idle connections under a limit of 256 descriptors the server answers" \
  "$(curl -s -m 20 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$LPORT/readyz")" 200
kill "$IDLE_PID" 2>/dev/null || true
wait "$IDLE_PID" 2>/dev/null || true
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || true
SERVER_PID=""

# PostgreSQL never gets an implicit key: without one the server refuses to start.
out=$(env -u HEJIA_KEY_FILE -u HEJIA_KEYS "$HEJIA" serve --db "postgresql://nobody@127.0.0.1:1/none" \
  --listen 127.0.0.1:0 2>&1)
rc=$?
if [ $rc -ne 0 ] && [[ "$out" == *"no data-encryption key"* ]]; then
  pass "on PostgreSQL without a key the server refuses to start"
else
  fail "on PostgreSQL without a key the server refuses to start" "exit $rc: $out"
fi

# The demo holds on any day of the year: loaded in the first minutes of 1 January or on a leap
# day, no case, event or shift of it lies after the moment it was loaded.
for START in 2027-01-01T00:30:00+08:00 2028-02-29T12:00:00+08:00 2027-02-20T10:00:00+08:00 \
  2027-03-05T10:00:00+08:00 2027-12-31T23:30:00+08:00; do
  DEMO_DB=$WORK/demo-${START%%T*}.db
  expect_status "the demo loads with the clock at $START" 0 -- \
    "$HEJIA" demo-data --db "sqlite:$DEMO_DB" --password 'Demo-Pass-2026!' --clock-start "$START"
  NOW_MS=$(( $(date -d "$START" +%s) * 1000 + 60000 ))
  LATER=$(q "$DEMO_DB" "SELECT (SELECT COUNT(*) FROM cases WHERE created_at > $NOW_MS OR
                               updated_at > $NOW_MS OR resolved_at > $NOW_MS OR closed_at > $NOW_MS)
                             + (SELECT COUNT(*) FROM case_events WHERE at > $NOW_MS)")
  expect_equal "nothing of the demo loaded at $START lies in its future" "$LATER" 0
  expect_equal "the demo loaded at $START has its year of cases" \
    "$(q "$DEMO_DB" "SELECT COUNT(*) >= 200 FROM cases")" 1
  # The article's figures are records (issue 12, point 7): 30,000 households and more, its 11,656
  # volunteers, a year of visits reaching 9,785 households, 17,596 care person-visits, and 21
  # training lectures — none of them after the moment the demo was loaded; every key family's
  # contacts are visits of its household (none kept apart).
  expect_equal "the demo loaded at $START has the article's visit figures" \
    "$(q "$DEMO_DB" "SELECT (SELECT COUNT(*) >= 30000 FROM households) || ',' ||
                            (SELECT COUNT(*) FROM volunteers WHERE left_at IS NULL) || ',' ||
                            (SELECT COUNT(DISTINCT household_id) FROM visits WHERE kind NOT IN
                               ('key_family_contact', 'incident_follow_up')) || ',' ||
                            (SELECT COUNT(DISTINCT household_id) FROM visits
                               WHERE kind = 'must_visit') || ',' ||
                            (SELECT COUNT(*) FROM visit_people vp JOIN visits v
                               ON v.id = vp.visit_id WHERE v.kind = 'care') || ',' ||
                            (SELECT COUNT(*) FROM trainings WHERE kind = 'mediation_lecture') || ',' ||
                            (SELECT COUNT(*) FROM visits WHERE visited_at > $NOW_MS OR
                               created_at > $NOW_MS) || ',' ||
                            (SELECT COUNT(*) FROM trainings WHERE held_at > $NOW_MS) || ',' ||
                            (SELECT COUNT(*) FROM key_families WHERE last_contact_at > 0 AND
                               household_id NOT IN (SELECT household_id FROM visits
                                 WHERE kind = 'key_family_contact')) || ',' ||
                            (SELECT COUNT(*) FROM family_contacts)")" \
    "1,11656,9785,9785,17596,21,0,0,0,0"
  # Legal education (issue 13, point 3): 12 videos published, 100 school lectures under 守护花开
  # (its target 100, counted), none of them after the moment of loading, and one brand a town.
  expect_equal "the demo loaded at $START has its legal education" \
    "$(q "$DEMO_DB" "SELECT (SELECT COUNT(*) FROM legal_contents WHERE kind = 'video' AND
                               status = 'published') || ',' ||
                            (SELECT COUNT(*) FROM legal_events WHERE kind = 'school_lecture') ||
                            ',' || (SELECT lectures_held || '/' || target_school_lectures
                               FROM legal_campaigns WHERE target_school_lectures = 100) || ',' ||
                            (SELECT COUNT(*) FROM legal_events WHERE held_at > $NOW_MS) || ',' ||
                            (SELECT COUNT(*) FROM legal_contents WHERE published_at > $NOW_MS
                               OR created_at > $NOW_MS) || ',' ||
                            (SELECT COUNT(*) FROM regions r WHERE r.level = 'town' AND
                               r.retired = 0 AND (SELECT COUNT(*) FROM legal_brands b WHERE
                               b.region_code = r.code AND b.retired = 0) <> 1)")" \
    "12,100,100/100,0,0,0"
  # The cockpit (issue 13, point 6) opens on the reporting year and shows the article's figures
  # whatever day the demo was loaded: 11,656 volunteers serving · 35 town and village sites · 249
  # requests, 93% resolved · 21 lectures · 59 key families · 9,785 households · 17,596 care
  # person-visits · 100 school lectures of a target of 100 · 10 videos and more.
  start_server "$WORK/cockpit-${START%%T*}.log" --db "sqlite:$DEMO_DB" --web "" --clock-start "$START"
  JAR=$WORK/jar-${START%%T*}
  curl -s -c "$JAR" -H 'Content-Type: application/json' \
    -d '{"login":"leader","password":"Demo-Pass-2026!"}' "http://127.0.0.1:$PORT/api/v1/session" >/dev/null
  FIGURES=$(curl -s -b "$JAR" "http://127.0.0.1:$PORT/api/v1/cockpit" | python3 -c '
import json, sys
a = json.load(sys.stdin)
v = {f["code"]: f["value"] for f in a["figures"]}
lists = sum(1 for f in a["figures"] if f["list"] is not None)
print(",".join(str(x) for x in [v["volunteers.serving"], v["sites.demonstration"],
  v["requests.received"], round(v["requests.resolution_rate"], 2), v["training.lectures"],
  v["families.total"], v["visits.households"], v["care.person_visits"],
  v["legal.school_lectures"], v["legal.school_target"], v["legal.videos"] >= 10, lists]))' 2>&1)
  expect_equal "the leader's cockpit of the demo loaded at $START shows the article's figures" \
    "$FIGURES" "11656,35,249,0.93,21,59,9785,17596,100,100,True,0"
  kill -TERM "$SERVER_PID"
  wait "$SERVER_PID" || true
  SERVER_PID=""
done

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
