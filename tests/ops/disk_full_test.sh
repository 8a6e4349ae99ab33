#!/usr/bin/env bash
# The disk full (issue 15), on SQLite:
#  1. an import onto a nearly full file system (a 3 MB tmpfs): a clear error
#     naming the full disk, exit 3, nothing stored, the database intact;
#     with space freed the same import succeeds;
#  2. a web save while every flush fails with ENOSPC (strace -e inject on
#     the running server): an error page, not a confirmation; the change is
#     in the store exactly when its audit row is; after the fault the same
#     save succeeds and the audit chain verifies.
# Part 1 needs mount (root); part 2 needs strace and ptrace. A part that
# cannot run says so and is skipped (exit 77 if both are).
# Usage: disk_full_test.sh BINARY
set -uo pipefail
opkomst=$1
source "$(dirname "$0")/common.sh"
work=$(mktemp -d)
mnt=$work/mnt
server=""
strace_pid=""
cleanup() {
  [ -n "$strace_pid" ] && kill "$strace_pid" 2>/dev/null
  [ -n "$server" ] && kill -9 "$server" 2>/dev/null
  mountpoint -q "$mnt" && umount "$mnt"
  rm -rf "$work"
}
trap cleanup EXIT
failed=0
ran=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
ok() { echo "ok   $*"; }
sql() { sqlite3 -batch "file:$1?mode=ro" "$2"; }

"$opkomst" demo --export "$work/team" --dossiers 3000 >/dev/null || { echo "demo export failed"; exit 1; }

# --- 1. import onto a full file system -------------------------------------
mkdir -p "$mnt"
if mount -t tmpfs -o size=3m tmpfs "$mnt" 2>/dev/null; then
  ran=$((ran + 1))
  db=$mnt/full.db
  "$opkomst" init --db "sqlite:$db" >/dev/null
  # Leave about 1 MB: the 3000 dossiers need more.
  dd if=/dev/zero of="$mnt/filler" bs=4k count=450 status=none
  output=$("$opkomst" import --lang en --db "sqlite:$db" "$work/team" 2>&1)
  status=$?
  [ "$status" -eq 3 ] && ok "import on a full disk: exit 3" || fail "import on a full disk: exit $status, expected 3"
  grep -q "disk holding the database is full" <<<"$output" && grep -q "nothing of it is stored" <<<"$output" &&
    ok "the message names the full disk" || fail "import on a full disk: unclear message: $output"
  [ "$(sql "$db" 'SELECT count(*) FROM dossier')" = 0 ] && ok "nothing of the import stored" ||
    fail "the refused import left dossiers behind"
  [ "$(sql "$db" 'PRAGMA integrity_check')" = ok ] && ok "integrity_check after the full disk" ||
    fail "integrity_check after the full disk"
  rm "$mnt/filler"
  "$opkomst" import --db "sqlite:$db" "$work/team" >/dev/null 2>&1 &&
    [ "$(sql "$db" 'SELECT count(*) FROM dossier')" = 3000 ] && ok "with space freed the import succeeds" ||
    fail "the store is not usable after the full disk"
  umount "$mnt"
else
  echo "SKIP part 1: mount -t tmpfs is not permitted here (run as root)"
fi

# --- 2. a web save while every flush fails ---------------------------------
start_server() {
  "$opkomst" serve --db "sqlite:$work/web.db" --key-file "$work/web.key" --port 0 --insecure-http \
    --sign-in-limit 0 >"$work/serve.out" 2>&1 &
  server=$!
  wait_for_port "$work/serve.out"
}
jar=$work/cookies
csrf=""
get_csrf() {  # GET PATH, keeping the session's CSRF token
  csrf=$(curl -s -b "$jar" -c "$jar" "http://127.0.0.1:$port$1" | grep -oE 'name="csrf" value="[0-9a-f]+"' |
    head -1 | grep -oE '[0-9a-f]{32}')
}
post() {  # post PATH FORM... -> prints the status code
  local path=$1
  shift
  local args=(-s -o "$work/body" -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf")
  for field in "$@"; do args+=(--data-urlencode "$field"); done
  curl "${args[@]}" "http://127.0.0.1:$port$path"
}

if ! command -v strace >/dev/null; then
  echo "SKIP part 2: strace is not installed"
else
  echo "disk-full-wachtwoord-1" | "$opkomst" user add --db "sqlite:$work/web.db" --key-file "$work/web.key" \
    --username dfw --role maatschappelijk_werker >/dev/null
  start_server || fail "opkomst serve did not start"
  get_csrf /aanmelden
  post /aanmelden gebruikersnaam=dfw wachtwoord=disk-full-wachtwoord-1 >/dev/null
  get_csrf /dossiers/nieuw
  start=$(date -d '-30 days' +%F)
  measured=$(date -d '-20 days' +%F)
  [ "$(post /dossiers/nieuw traject=opkomst start_date="$start")" = 303 ] || fail "creating a dossier"
  dossier=$(sql "$work/web.db" 'SELECT dossier_id FROM dossier LIMIT 1')
  strace -f -qq -o /dev/null -p "$server" -e trace=fsync,fdatasync -e inject=fsync,fdatasync:error=ENOSPC &
  strace_pid=$!
  sleep 2  # strace attaches to every thread
  if ! kill -0 "$strace_pid" 2>/dev/null; then
    echo "SKIP part 2: strace cannot attach (ptrace not permitted)"
    strace_pid=""
  else
    ran=$((ran + 1))
    status=$(post "/dossiers/$dossier/moment/start" version=1 measured_on="$measured")
    [ "$status" = 503 ] || [ "$status" = 500 ] && ok "a save while flushes fail: $status, not a confirmation" ||
      fail "a save while flushes fail answered $status"
    grep -qiE "incident|opnieuw" "$work/body" && ok "the error page tells what to do" ||
      fail "the error page: $(head -c 300 "$work/body")"
    kill "$strace_pid"
    wait "$strace_pid" 2>/dev/null
    strace_pid=""
    sleep 1
    have=$(sql "$work/web.db" "SELECT count(*) FROM measurement WHERE dossier_id = '$dossier'")
    audited=$(sql "$work/web.db-audit" "SELECT count(*) FROM audit_log WHERE dossier_id = '$dossier' AND \
      action = 'moment.registreren' AND outcome = 'ok'")
    outbox=$(sql "$work/web.db" "SELECT count(*) FROM audit_outbox WHERE dossier_id = '$dossier'")
    [ "$have" = "$((audited + outbox))" ] && ok "change and audit row together ($have, $audited+$outbox)" ||
      fail "half-written: $have registrations, $audited audit rows, $outbox in the outbox"
    get_csrf "/dossiers/$dossier/moment/start"
    version=$(curl -s -b "$jar" "http://127.0.0.1:$port/dossiers/$dossier/moment/start" |
      grep -oE 'name="version" value="[0-9]+"' | grep -oE '[0-9]+' | head -1)
    status=$(post "/dossiers/$dossier/moment/start" version="${version:-1}" measured_on="$measured")
    [ "$status" = 303 ] && ok "after the fault the save succeeds" || fail "after the fault the save answered $status"
  fi
  kill -9 "$server"
  wait "$server" 2>/dev/null
  server=""
  "$opkomst" serve --db "sqlite:$work/web.db" --key-file "$work/web.key" --port 0 --insecure-http \
    >/dev/null 2>&1 & # drains the outbox at start
  restarted=$!
  sleep 3
  kill -9 "$restarted"
  wait "$restarted" 2>/dev/null
  "$opkomst" audit verify --db "sqlite:$work/web.db" >/dev/null && ok "the audit chain verifies" ||
    fail "audit verify after the fault"
  for file in web.db web.db-audit; do
    [ "$(sql "$work/$file" 'PRAGMA integrity_check')" = ok ] && ok "integrity_check $file" ||
      fail "integrity_check $file"
  done
fi

[ "$ran" -eq 0 ] && exit 77
echo "$failed failure(s)"
[ "$failed" -eq 0 ]
