#!/usr/bin/env bash
# The backup drill (issue 15), on SQLite and (with $OPKOMST_TEST_PG_URL) on
# PostgreSQL: back up while a browser keeps creating dossiers and contacts,
# verify the copy, restore it into an empty target, compare exports, verify
# the audit chain; then a quiet backup restored must export exactly as the
# source does. Attacks: a backup into a non-empty folder, a key that would
# land inside the backup, a restore over a non-empty target, and a copy
# with a removed dossier or a changed audit row must all be refused.
# Usage: backup_drill_test.sh BINARY
set -uo pipefail
opkomst=$1
source "$(dirname "$0")/common.sh"
work=$(mktemp -d)
server=""
load=""
failed=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
ok() { echo "ok   $*"; }
expect() {  # expect NAME EXIT command...
  local name=$1 want=$2
  shift 2
  "$@" >"$work/out" 2>&1
  local got=$?
  [ "$got" -eq "$want" ] && ok "$name (exit $got)" || { fail "$name: exit $got, expected $want"; head -5 "$work/out"; }
}
cleanup() {
  [ -n "$load" ] && kill "$load" 2>/dev/null
  [ -n "$server" ] && kill "$server" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

start_server() {  # start_server URL KEY
  "$opkomst" serve --db "$1" --key-file "$2" --port 0 --insecure-http --sign-in-limit 0 >"$work/serve.out" 2>&1 &
  server=$!
  wait_for_port "$work/serve.out"
}
stop_server() {
  kill "$server"
  wait "$server" 2>/dev/null
  server=""
}

# A browser creating dossiers, each with a contact, until killed; the
# number of acknowledged creations goes to $work/acked.
write_load() {
  local jar=$work/jar csrf n=0 start
  start=$(date -d '-30 days' +%F)
  csrf=$(curl -s -c "$jar" "http://127.0.0.1:$port/aanmelden" | grep -oE '[0-9a-f]{32}' | head -1)
  curl -s -o /dev/null -b "$jar" -c "$jar" --data "csrf=$csrf&gebruikersnaam=drill&wachtwoord=oefen-wachtwoord-77" \
    "http://127.0.0.1:$port/aanmelden"
  csrf=$(curl -s -b "$jar" "http://127.0.0.1:$port/dossiers/nieuw" | grep -oE 'name="csrf" value="[0-9a-f]+"' |
    grep -oE '[0-9a-f]{32}' | head -1)
  while true; do
    location=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" \
      --data "csrf=$csrf&traject=opkomst&start_date=$start" "http://127.0.0.1:$port/dossiers/nieuw")
    id=$(grep -oE '/dossiers/[^/]+/' <<<"$location" | cut -d/ -f3)
    [ -z "$id" ] && continue
    curl -s -o /dev/null -b "$jar" --data "csrf=$csrf&contact_date=$start&kind=telefoon&note=drill" \
      "http://127.0.0.1:$port/dossiers/$id/contacten"
    n=$((n + 1))
    echo "$n" >"$work/acked.new" && mv "$work/acked.new" "$work/acked"  # never read half-written
  done
}

# Export lines of $1 (a folder) must all be in $2's: a consistent earlier state.
subset() {
  for file in dossiers.csv measurements.csv scores.csv interviews.csv; do
    [ -z "$(comm -23 <(sort "$1/$file") <(sort "$2/$file"))" ] || return 1
  done
}

drill() {  # drill LABEL URL TARGET_URL SCRATCH_URL QUIET_TARGET_URL
  local label=$1 url=$2 target=$3 scratch=$4 quiet=$5 key=$work/$1.key
  "$opkomst" demo --db "$url" --dossiers 400 >/dev/null || { fail "$label: demo"; return; }
  echo "oefen-wachtwoord-77" | "$opkomst" user add --db "$url" --key-file "$key" --username drill \
    --role maatschappelijk_werker >/dev/null
  rm -f "$work/acked"
  start_server "$url" "$key" || { fail "$label: serve did not start"; return; }
  write_load &
  load=$!
  for _ in $(seq 300); do [ -s "$work/acked" ] && [ "$(cat "$work/acked")" -ge 5 ] && break; sleep 0.1; done
  before=$(cat "$work/acked" 2>/dev/null || echo 0)
  expect "$label: backup under write load" 0 "$opkomst" backup --db "$url" --key-file "$key" "$work/$label-bk"
  grep -q "NIET in de back-up" "$work/out" && ok "$label: the backup says the key is not in it" ||
    fail "$label: no word about the key"
  sleep 1
  after=$(cat "$work/acked")
  kill "$load"
  wait "$load" 2>/dev/null
  load=""
  [ "$after" -gt "$before" ] && ok "$label: writes went on during the backup ($before -> $after dossiers)" ||
    fail "$label: no writes during the backup ($before -> $after)"
  ls "$work/$label-bk" | grep -q key && fail "$label: a key file in the backup"
  local verify_args=("$work/$label-bk")
  [ -n "$scratch" ] && verify_args+=(--db "$scratch")
  expect "$label: backup --verify" 0 "$opkomst" backup --verify "${verify_args[@]}"
  expect "$label: restore into an empty target" 0 "$opkomst" restore "$work/$label-bk" --db "$target"
  expect "$label: audit verify of the restored copy" 0 "$opkomst" audit verify --db "$target"
  stop_server
  "$opkomst" export --db "$target" "$work/$label-restored" >/dev/null
  "$opkomst" export --db "$url" "$work/$label-source" >/dev/null
  restored=$(($(wc -l <"$work/$label-restored/dossiers.csv") - 1))
  manifest=$(grep '^dossiers = ' "$work/$label-bk/MANIFEST" | cut -d' ' -f3)
  [ "$restored" = "$manifest" ] && [ "$restored" -ge $((400 + before)) ] &&
    ok "$label: the restored copy holds the manifest's $manifest dossiers" ||
    fail "$label: restored $restored dossiers, manifest $manifest, at least $((400 + before)) expected"
  subset "$work/$label-restored" "$work/$label-source" && ok "$label: the restored export is a state of the source" ||
    fail "$label: the restored export has rows the source never had"
  # Quiet: backup, restore, and the exports are identical.
  "$opkomst" backup --db "$url" --key-file "$key" "$work/$label-quiet" >/dev/null
  expect "$label: restore of a quiet backup" 0 "$opkomst" restore "$work/$label-quiet" --db "$quiet"
  "$opkomst" export --db "$quiet" "$work/$label-quiet-export" >/dev/null
  diff -r "$work/$label-quiet-export" "$work/$label-source" >/dev/null &&
    ok "$label: a quiet backup restores to an identical export" || fail "$label: quiet restore differs from source"
  # Refusals.
  expect "$label: backup into a non-empty folder is refused" 1 "$opkomst" backup --db "$url" "$work/$label-bk"
  expect "$label: a key inside the backup is refused" 2 \
    "$opkomst" backup --db "$url" --key-file "$work/$label-keyed/opkomst.key" "$work/$label-keyed"
  expect "$label: restore over a non-empty target is refused" 1 "$opkomst" restore "$work/$label-bk" --db "$url"
  grep -qE "niet leeg|not empty" "$work/out" || fail "$label: the refusal does not say why"
}

tamper_sqlite() {  # a copy changed after the backup must not verify
  cp -r "$work/sqlite-bk" "$work/tampered"
  sqlite3 "$work/tampered/opkomst.db" "DELETE FROM contact WHERE contact_id = (SELECT max(contact_id) FROM contact); \
    DELETE FROM dossier WHERE dossier_id = (SELECT max(dossier_id) FROM dossier)"
  expect "a backup with a removed dossier does not verify" 1 "$opkomst" backup --verify "$work/tampered"
  rm -rf "$work/tampered"
  cp -r "$work/sqlite-bk" "$work/tampered"
  sqlite3 "$work/tampered/opkomst.db-audit" "DROP TRIGGER IF EXISTS audit_log_no_update; \
    UPDATE audit_log SET outcome = 'geweigerd' WHERE seq = 1" 2>/dev/null
  if [ "$(sqlite3 "$work/tampered/opkomst.db-audit" "SELECT outcome FROM audit_log WHERE seq = 1")" = geweigerd ]; then
    expect "a backup with a changed audit row does not verify" 1 "$opkomst" backup --verify "$work/tampered"
  else
    echo "SKIP the changed audit row: the copy's triggers forbid the change"
  fi
}

drill sqlite "sqlite:$work/source.db" "sqlite:$work/restored.db" "" "sqlite:$work/quiet.db"
tamper_sqlite
if [ -n "${OPKOMST_TEST_PG_URL:-}" ]; then
  base=${OPKOMST_TEST_PG_URL%/*}
  names="drill_src_$$ drill_dst_$$ drill_scr_$$ drill_qui_$$"
  for name in $names; do psql "$OPKOMST_TEST_PG_URL" -qc "CREATE DATABASE $name"; done
  drill postgres "$base/drill_src_$$" "$base/drill_dst_$$" "$base/drill_scr_$$" "$base/drill_qui_$$"
  for name in $names; do psql "$OPKOMST_TEST_PG_URL" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)"; done
elif [ -n "${OPKOMST_REQUIRE_PG:-}" ]; then
  fail "OPKOMST_REQUIRE_PG is set but OPKOMST_TEST_PG_URL is not"
fi
echo "$failed failure(s)"
[ "$failed" -eq 0 ]
