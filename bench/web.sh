#!/usr/bin/env bash
# Web load benchmark: wrk with 32 connections against the caseload and a
# dossier page, 100,000 dossiers in the store, on SQLite and PostgreSQL.
# Every request is signed in, rendered and audited (a hash-chained row).
# Prints the table and writes it into docs/performance.md.
#   bench/web.sh [--dossiers 100000] [--seconds 20] [--pg URL] [--no-docs]
set -euo pipefail
cd "$(dirname "$0")/.."
dossiers=100000
seconds=20
pg=""
write_docs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --dossiers) dossiers=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --pg) pg=$2; shift 2 ;;
    --no-docs) write_docs=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: bash scripts/setup.sh --test" >&2; exit 2; }
source bench/setup.sh 55561
server_pid=""
stop_server() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; }
trap 'stop_server; cleanup' EXIT

rows=()
for backend in sqlite postgresql; do
  if [ "$backend" = sqlite ]; then
    url="sqlite:$work/web.db"
  else
    db="opkomst_web_bench_$$"
    psql -q "$pg" -c "CREATE DATABASE $db" >/dev/null
    url="${pg%/*}/$db"
  fi
  "$opkomst" serve --db "$url" --key-file "$work/key" --demo --demo-dossiers "$dossiers" --port 0 --threads 32 \
    >"$work/serve.out" 2>&1 &
  server_pid=$!
  for _ in $(seq 600); do grep -q "http://127.0.0.1:" "$work/serve.out" && break; sleep 0.5; done
  base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out")
  password=$(awk '$2 == "mw01" { print $3 }' "$work/serve.out")
  sign_in "$base" mw01 "$password"
  dossier=$(curl -s -H "Cookie: $cookie" "$base/caseload" | grep -o 'href="/dossiers/D[0-9]*"' | sed -n 1p |
    sed 's/href="//; s/"//')
  running=$(curl -s -H "Cookie: $cookie" "$base/caseload" | grep -o '<p>[0-9]* lopende' | grep -o '[0-9]*' || true)
  # Steady state, not the aftermath of loading 100,000 dossiers: let
  # PostgreSQL finish its vacuum and checkpoint first, and warm up each page.
  if [ "$backend" = postgresql ]; then psql -q "$url" -c "VACUUM (ANALYZE)" -c "CHECKPOINT" >/dev/null; fi
  for page in /caseload "$dossier"; do
    curl -sf -o /dev/null -H "Cookie: $cookie" "$base$page" || { echo "$page does not answer 200" >&2; exit 1; }
    wrk -t2 -c32 -d3s -H "Cookie: $cookie" "$base$page" >/dev/null
    wrk -t2 -c32 -d"${seconds}s" --latency -H "Cookie: $cookie" "$base$page" >"$work/wrk.out"
    read -r p50 p99 rps errors < <(summarise "$work/wrk.out")
    name=$([ "$page" = /caseload ] && echo "caseload ($running running dossiers)" || echo "dossier page")
    rows+=("| $backend | $name | $rps | $p50 | $p99 | $errors |")
  done
  audit=$("$opkomst" audit verify --db "$url")
  rows+=("| $backend | audit chain after the run | $(echo "$audit" | grep -o '[0-9]* rijen' | grep -o '[0-9]*') rows, verified | | | |")
  stop_server
  server_pid=""
  [ "$backend" = postgresql ] && psql -q "$pg" -c "DROP DATABASE $db WITH (FORCE)" >/dev/null
done

table=$(
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores; \`wrk -t2 -c32 -d${seconds}s\` on loopback against"
  echo "\`opkomst serve --threads 32\` with $dossiers demo dossiers, signed in as worker mw01 (every request"
  echo "checks the session and access, renders the page and appends one audit row before it answers);"
  echo "after a 3 s warm-up per page, and on PostgreSQL after VACUUM (ANALYZE) and CHECKPOINT of the fresh load."
  echo
  echo "| backend | page | requests/s | p50 | p99 | errors |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
)
echo "$table"
if [ "$write_docs" = 1 ]; then python3 bench/write_docs.py web "$table"; fi
