#!/usr/bin/env bash
# The opkomst command line as a user meets it: exit codes, messages and the
# promise that a refused import changes nothing. Usage: cli_test.sh BINARY DATA_DIR
set -uo pipefail
opkomst=$1
data=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
passed=0
failed=0

check() {  # check NAME EXPECTED_EXIT PATTERN -- command...
  local name=$1 expected=$2 pattern=$3
  shift 4
  local output status
  output=$("$@" 2>&1)
  status=$?
  if [ "$status" -ne "$expected" ]; then
    echo "FAIL $name: exit $status, expected $expected"; echo "$output" | head -5; failed=$((failed + 1)); return
  fi
  if ! grep -qE -- "$pattern" <<<"$output"; then
    echo "FAIL $name: output lacks /$pattern/"; echo "$output" | head -5; failed=$((failed + 1)); return
  fi
  passed=$((passed + 1))
}

check "help" 0 "import +lees een uitwisselingsmap" -- "$opkomst" --help
check "help in English" 0 "import +load an exchange folder" -- "$opkomst" --help --lang en
check "no command" 2 "Gebruik: opkomst" -- "$opkomst"
check "unknown command" 2 "onbekende opdracht 'frobnicate'" -- "$opkomst" frobnicate
check "command help" 0 "Alles of niets" -- "$opkomst" import --help
check "unknown flag" 2 "unknown option '--dbx'" -- "$opkomst" import --dbx x y
check "missing flag value" 2 "needs a value" -- "$opkomst" import x --db
check "bad number" 2 "option --dossiers has value 'veel'" -- "$opkomst" demo --dossiers veel
check "bad language" 2 "expected nl or en" -- "$opkomst" --lang fr --help
check "missing argument" 2 "verwacht 1 argument" -- "$opkomst" import
check "init" 0 "Databank klaar: sqlite:a.db \(schemaversie [0-9]+\)" -- "$opkomst" init --db sqlite:a.db
check "demo" 0 "300 dossiers" -- "$opkomst" demo --db sqlite:demo.db
check "demo again keeps data" 0 "bevat al gegevens" -- "$opkomst" demo --db sqlite:demo.db
check "validate foreign" 0 "Geen fouten" -- "$opkomst" validate "$data/foreign"
check "import foreign" 0 "6 dossiers, 10 meetmomenten, 8 scores, 4 interviewantwoorden" -- \
  "$opkomst" import --db sqlite:a.db "$data/foreign"
check "export" 0 "Uitgevoerd naar out" -- "$opkomst" export --db sqlite:a.db out
if diff -r out "$data/foreign_expected" >/dev/null; then passed=$((passed + 1)); else
  echo "FAIL export differs from foreign_expected"; failed=$((failed + 1)); fi

# A broken folder: every error listed, exit 1, database unchanged.
mkdir bad
printf 'dossier_id,mother_id,track,start_date\nN1,M,opkomst,2023-02-30\nN2,M,kasteel,2023-01-01\n' >bad/dossiers.csv
printf 'dossier_id,moment,housing\nN9,start,dakloos\n' >bad/measurements.csv
check "validate lists every error" 1 "3 fout\(en\) gevonden" -- "$opkomst" validate bad
check "error names file line column value" 1 \
  "dossiers.csv, regel 2, kolom start_date, waarde '2023-02-30': is geen geldige datum" -- "$opkomst" validate bad
check "error in English" 1 "measurements.csv, line 2, column dossier_id, value 'N9': refers to a dossier" -- \
  "$opkomst" validate --lang en bad
check "import refuses" 1 "De databank is ongewijzigd" -- "$opkomst" import --db sqlite:a.db bad
"$opkomst" export --db sqlite:a.db out2 >/dev/null
if diff -r out out2 >/dev/null; then passed=$((passed + 1)); else
  echo "FAIL refused import changed the database"; failed=$((failed + 1)); fi

# Free text that a spreadsheet would run as a formula (CSV injection) is
# refused at import; a negative number is not free text.
mkdir formula
printf 'dossier_id,mother_id,track,start_date,referrer,child_age_months_at_start\nF1,M,opkomst,2023-01-01,"=HYPERLINK(""http://x"")",-2\n' \
  >formula/dossiers.csv
check "formula refused at import" 1 \
  "dossiers.csv, regel 2, kolom referrer, waarde '=HYPERLINK\\(\"http://x\"\\)': begint met '='; een rekenblad" -- \
  "$opkomst" validate formula
check "formula: one error only" 1 "1 fout\\(en\\) gevonden" -- "$opkomst" validate formula
check "reimport refuses duplicates" 1 "bestaat al in de databank" -- "$opkomst" import --db sqlite:a.db "$data/foreign"

# Unreachable or unusable databases get advice, not a crash.
check "no server" 3 "cannot connect to postgresql://opkomst@127.0.0.1:1/x" -- \
  "$opkomst" init --db "postgresql://opkomst:geheim@127.0.0.1:1/x"
check "password never shown" 3 "Controleer of de databank" -- "$opkomst" init --db "postgresql://opkomst:geheim@127.0.0.1:1/x"
if "$opkomst" init --db "postgresql://opkomst:geheim@127.0.0.1:1/x" 2>&1 | grep -q geheim; then
  echo "FAIL password printed"; failed=$((failed + 1)); else passed=$((passed + 1)); fi
echo "not a database" >junk.db
check "not a database" 3 "file is not a database" -- "$opkomst" init --db sqlite:junk.db
check "missing folder" 1 "dossiers.csv: ontbreekt" -- "$opkomst" validate nergens

# Accounts, the second factor and the audit chain.
check "user add" 0 "Account aangemaakt: mw09 \(maatschappelijk_werker\)" -- \
  bash -c "echo 'fiets boom regenjas' | '$opkomst' user add --db sqlite:u.db --username mw09 --role maatschappelijk_werker"
check "user add twice" 1 "gebruikersnaam 'mw09' bestaat al" -- \
  bash -c "echo 'fiets boom regenjas' | '$opkomst' user add --db sqlite:u.db --username mw09 --role maatschappelijk_werker"
check "weak password" 2 "wachtwoord: is een veelgebruikt wachtwoord" -- \
  bash -c "echo 'Wachtwoord2024!' | '$opkomst' user add --db sqlite:u.db --username mw10 --role onderzoeker"
check "short password" 2 "wachtwoord: is te kort" -- \
  bash -c "echo 'kort' | '$opkomst' user add --db sqlite:u.db --username mw10 --role onderzoeker"
check "unknown role" 2 "rol 'admin': kies" -- \
  bash -c "echo 'fiets boom regenjas' | '$opkomst' user add --db sqlite:u.db --username mw10 --role admin"
check "administrator gets a TOTP secret" 0 "TOTP-geheim .*: [A-Z2-7]{32}" -- \
  bash -c "echo 'fiets boom regenjas' | '$opkomst' user add --db sqlite:u.db --username beheer --role beheerder"
[ -f u.db.key ] && [ "$(stat -c %a u.db.key)" = 600 ] && passed=$((passed + 1)) ||
  { echo "FAIL key file missing or readable by others"; failed=$((failed + 1)); }
check "totp of the RFC 6238 secret" 0 "^[0-9]{6}$" -- "$opkomst" totp GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
check "totp of a bad secret" 2 "not a base32 character" -- "$opkomst" totp "geen geheim!"
check "audit verify, empty" 0 "auditketen in orde: 0 rijen" -- "$opkomst" audit verify --db sqlite:u.db
check "serve refuses plain HTTP outside loopback" 2 "behind a TLS proxy" -- "$opkomst" serve --db sqlite:u.db --host 0.0.0.0

# Commands that only read never create or migrate a database: a mistyped
# --db is an error (exit 3) naming the path, not an empty report of zeros.
check "report on a missing database" 3 "geen opkomst-databank op sqlite:typo.db" -- "$opkomst" report --db sqlite:typo.db
check "export on a missing database" 3 "no opkomst database at sqlite:typo.db" -- \
  "$opkomst" export --lang en --db sqlite:typo.db out3
check "validate on a missing database" 3 "geen opkomst-databank op sqlite:typo.db" -- \
  "$opkomst" validate --db sqlite:typo.db "$data/foreign"
[ ! -e typo.db ] && [ ! -e out3 ] && passed=$((passed + 1)) ||
  { echo "FAIL a read-only command created typo.db or out3"; failed=$((failed + 1)); }
: >empty.db
check "report on a file that is no opkomst database" 3 "geen opkomst-databank op sqlite:empty.db" -- \
  "$opkomst" report --db sqlite:empty.db
[ ! -s empty.db ] && passed=$((passed + 1)) || { echo "FAIL report wrote into empty.db"; failed=$((failed + 1)); }
check "report on an existing database" 0 "T1. Aantal dossiers" -- "$opkomst" report --db sqlite:a.db --tables T1
# serve --demo until it listens (at most a minute), then stopped; its console.
demo_console() {
  local out="$work/demo.out" pid
  "$opkomst" serve --db sqlite:demo.db --demo --demo-dossiers 5 --port 0 >"$out" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do grep -q "luistert op" "$out" && break; sleep 0.5; done
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  cat "$out"
}
first_demo=$(demo_console)
second_demo=$(demo_console)
# The administrator's TOTP secret is shown when it is made, never again; every role still gets a password
# (thirteen printed: eight workers, lead, researcher, administrator, the intake's partner azsm and the
# facilitator gb01).
if grep -qE "beheerder +beheerder +demo-[0-9a-f]{16} +TOTP-geheim [A-Z2-7]{32}" <<<"$first_demo" &&
  ! grep -qE "[A-Z2-7]{32}" <<<"$second_demo" && grep -q "TOTP-geheim ongewijzigd" <<<"$second_demo" &&
  [ "$(grep -cE "^  [a-z_]+ +[a-z0-9]+ +demo-[0-9a-f]{16}" <<<"$second_demo")" -eq 13 ]; then
  passed=$((passed + 1))
else
  echo "FAIL serve --demo prints an existing TOTP secret again, or not every demo password"
  echo "$second_demo" | head -12
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
