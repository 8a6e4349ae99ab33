#!/usr/bin/env bash
# The long load of issue 15: 50 connections of mixed reads and writes
# by a team of social workers (bench/load.lua: caseload, dossier pages,
# new contacts, new dossiers) for
# --minutes (default 10) on SQLite, on PostgreSQL, and on PostgreSQL with
# two servers sharing the database (25 connections each). Reports per run:
# requests/s, p50 and p99 latency, errors (non-2xx/3xx and socket errors),
# the resident memory of each server sampled every 10 s (after warm-up,
# and its growth over the second half of the run), and that the audit
# chain verifies afterwards. It is a benchmark, not a test: it prints, and
# writes nothing into the docs.
#   bench/load.sh [--minutes 10] [--backends sqlite,postgresql,postgresql2] [--dossiers 2000] [--pg URL]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=10
seconds=""
backends=sqlite,postgresql,postgresql2
dossiers=2000
pg=""
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;  # a short smoke run
    --backends) backends=$2; shift 2 ;;
    --dossiers) dossiers=$2; shift 2 ;;
    --pg) pg=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: bash scripts/setup.sh --test" >&2; exit 2; }
[[ "$backends" == *postgres* ]] || pg=none
source bench/setup.sh 55581
servers=()
samplers=()
stop_all() {
  for pid in "${samplers[@]}" "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  servers=()
  samplers=()
}
trap 'stop_all; cleanup' EXIT
seconds=${seconds:-$((minutes * 60))}
date_past=$(date -d '-10 days' +%F)

start_server() {  # start_server URL NAME [--demo] -> appends to servers, sets base
  "$opkomst" serve --db "$1" --key-file "$work/key" --port 0 --threads 16 --sign-in-limit 0 --max-connections-per-client 64 --insecure-http \
    "${@:3}" --demo-dossiers "$dossiers" >"$work/$2.out" 2>&1 &
  servers+=($!)
  for _ in $(seq 1200); do grep -q "http://127.0.0.1:" "$work/$2.out" && break; sleep 0.5; done
  base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/$2.out")
}

# Signs in every demo social worker on $1 -> OPKOMST_SESSIONS (load.lua):
# one line per worker with running dossiers, "cookie csrf D1,D2,...".
sign_in_team() {
  local sessions="" username password ids
  while read -r username password; do
    sign_in "$1" "$username" "$password"
    ids=$(curl -s -H "Cookie: $cookie" "$1/caseload" | grep -oE 'href="/dossiers/D[0-9]+"' |
      grep -oE 'D[0-9]+' | sort -u | head -200 | paste -sd,)
    [ -n "$ids" ] && sessions+="$cookie $csrf $ids"$'\n'
  done < <(awk '$1 == "maatschappelijk_werker" { print $2, $3 }' "$work/s1.out")
  [ -n "$sessions" ] || { echo "no social worker with running dossiers" >&2; exit 1; }
  export OPKOMST_SESSIONS=$sessions
}

sample_rss() {  # sample_rss PID FILE: "VmRSS RssAnon RssFile" in kB every 10 s
  while kill -0 "$1" 2>/dev/null; do
    awk '/^(VmRSS|RssAnon|RssFile):/ { v[$1] = $2 } END { print v["VmRSS:"], v["RssAnon:"], v["RssFile:"] }' \
      "/proc/$1/status" >>"$2" 2>/dev/null || true
    sleep 10
  done
}

rss_summary() {  # FILE [COLUMN] -> "after warm-up MB, last MB, growth over the second half MB"
  awk -v column="${2:-1}" '{ v[NR] = $column } END {
    if (NR < 3) { print "-"; exit }
    w = int(NR / 10) + 1; h = int(NR / 2) + 1
    min2 = v[h]; max2 = v[h]; for (i = h; i <= NR; i++) { if (v[i] < min2) min2 = v[i]; if (v[i] > max2) max2 = v[i] }
    printf "%.0f MB after warm-up, %.0f MB at the end, %+.1f MB over the second half (range %.1f MB)",
      v[w] / 1024, v[NR] / 1024, (v[NR] - v[h]) / 1024, (max2 - min2) / 1024 }' "$1"
}

rows=()
for backend in ${backends//,/ }; do
  count=1
  case "$backend" in
    sqlite) url="sqlite:$work/load.db" ;;
    postgresql | postgresql2)
      db="opkomst_load_$$_$backend"
      psql -q "$pg" -c "CREATE DATABASE $db" >/dev/null
      url="${pg%/*}/$db"
      [ "$backend" = postgresql2 ] && count=2
      ;;
    *) echo "unknown backend $backend" >&2; exit 2 ;;
  esac
  start_server "$url" s1 --demo
  bases=("$base")
  [ "$count" = 2 ] && start_server "$url" s2 && bases+=("$base")
  [[ "$url" == postgres* ]] && psql -q "$url" -c "VACUUM (ANALYZE)" -c "CHECKPOINT" >/dev/null
  connections=$((50 / count))
  wrks=()
  for i in "${!bases[@]}"; do
    sign_in_team "${bases[$i]}"
    export OPKOMST_DATE=$date_past
    wrk -t1 -c"$connections" -d10s -s bench/load.lua "${bases[$i]}" >/dev/null  # warm-up
    # The warm-up's requests still queued on the server count as connections
    # of this client until they are answered; a new burst of 50 at once would
    # meet the per-client cap (64) and be refused, so let them drain first.
    sleep 3
    : >"$work/rss$i"
    sample_rss "${servers[$i]}" "$work/rss$i" &
    samplers+=($!)
    wrk -t1 -c"$connections" -d"${seconds}s" --timeout 10s --latency -s bench/load.lua "${bases[$i]}" \
      >"$work/wrk$i.out" &
    wrks+=($!)
  done
  wait "${wrks[@]}"
  for i in "${!bases[@]}"; do
    read -r p50 p99 rps errors < <(summarise "$work/wrk$i.out")
    label=$backend
    if [ "$count" = 2 ]; then label="$backend (server $((i + 1)) of 2)"; fi
    rows+=("| $label | $connections | $rps | $p50 | $p99 | $errors | $(rss_summary "$work/rss$i") |")
    echo "  $label: private (RssAnon): $(rss_summary "$work/rss$i" 2); mapped files (RssFile): $(rss_summary "$work/rss$i" 3)" >&2
    grep -E '^status|Socket errors|Non-2xx' "$work/wrk$i.out" | sort | sed "s/^/  $label: /" >&2
  done
  stop_all
  audit=$("$opkomst" audit verify --db "$url" 2>&1) || audit="FAILED: $audit"
  rows+=("| $backend: audit chain after the run | | | | | | $(echo "$audit" | head -1) |")
  [[ "$url" == postgres* ]] && psql -q "$pg" -c "DROP DATABASE $db WITH (FORCE)" >/dev/null
done

echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, ${seconds} s per run after a 10 s warm-up;"
echo "wrk on loopback against \`opkomst serve --threads 16\` with $dossiers demo dossiers, signed in as the demo's"
echo "social workers (each request from one of them at random);"
echo "mix: 45% caseload, 30% dossier page, 24% new contact, 1% new dossier (bench/load.lua)."
echo
echo "| run | connections | requests/s | p50 | p99 | errors | resident memory |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
