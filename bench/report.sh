#!/usr/bin/env bash
# Report benchmark: the full report (every table and figure, JSON) at 10,000
# and 50,000 fully scored dossiers (three moments each) on SQLite and on
# PostgreSQL, and an independent pandas implementation of Tables 1-26 on
# the same data (bench/pandas_report.py, which also cross-checks cells),
# compared as whole commands and as the work each does inside.
# Prints the table and writes it into docs/performance.md.
#   bench/report.sh [--sizes "10000 50000"] [--pg URL] [--runs 3] [--no-docs]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="10000 50000"
pg=""
runs=3
write_docs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --pg) pg=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --no-docs) write_docs=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
source bench/setup.sh 55541

source bench/timing.sh

rows=()
for n in $sizes; do
  folder="$work/in-$n"
  "$opkomst" demo --dossiers "$n" --all-moments --export "$folder" >/dev/null
  pandas_runs=$([ "$n" -ge 1000000 ] && echo 1 || echo "$runs")
  read -r pandas_s pandas_kb < <(best "pandas-$n" "$pandas_runs" /usr/bin/python3 bench/pandas_report.py "$folder" 2023-09-30)
  pandas_work=$(grep '^{' "$work/pandas-$n.out" | python3 -c 'import json,sys; print("%.3f" % json.load(sys.stdin)["total_seconds"])')
  for backend in sqlite postgresql; do
    if [ "$backend" = sqlite ]; then
      url="sqlite:$work/r-$n.db"
    else
      db="opkomst_report_bench_${n}_$$"
      psql -q "$pg" -c "CREATE DATABASE $db" >/dev/null
      url="${pg%/*}/$db"
    fi
    "$opkomst" import --db "$url" "$folder" >/dev/null
    read -r s kb < <(best "report-$backend-$n" "$runs" "$opkomst" report --db "$url" --as-of 2023-09-30 --format json \
      --output "$work/report-$backend-$n.json" --timings --lang en)
    # In-process work: loading, computing and writing (not starting the process or opening the database).
    work_s=$(grep -oE '(load|compute|write) [0-9]+ ms' "$work/report-$backend-$n.out" | awk '{ms += $2} END {printf "%.3f", ms / 1000}')
    rows+=("| $n | $backend | $s s | $((kb / 1024)) MiB | $pandas_s s | $(ratio "$pandas_s" "$s") | $work_s s | $pandas_work s | $(ratio "$pandas_work" "$work_s") |")
    [ "$backend" = postgresql ] && psql -q "$pg" -c "DROP DATABASE $db" >/dev/null
  done
  cmp -s <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps(d["tables"]))' "$work/report-sqlite-$n.json") \
         <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps(d["tables"]))' "$work/report-postgresql-$n.json") ||
    { echo "SQLite and PostgreSQL reports differ at $n dossiers" >&2; exit 1; }
  /usr/bin/python3 bench/pandas_report.py "$folder" 2023-09-30 --check "$work/report-sqlite-$n.json" >/dev/null
  rm -rf "$folder" "$work"/r-"$n".db*
done

table=$(
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $(uname -m); best of $runs run(s) (pandas at 1,000,000"
  echo "dossiers or more: one run). Data: \`opkomst demo --all-moments\` (three moments, every family scored on the 32"
  echo "case-study indicators at each, 30% of the mothers interviewed). opkomst: \`opkomst report --as-of"
  echo "2023-09-30 --format json\`, every table and figure. pandas: bench/pandas_report.py, Tables 1-26 from the"
  echo "exchange folder. Two comparisons:"
  echo "*command* is the wall clock of the whole process on both sides (what a user waits for: for pandas that"
  echo "includes starting Python and importing pandas, for opkomst starting the process and opening the"
  echo "database); *work* is what each measures inside (opkomst \`--timings\`: load, compute, write; pandas:"
  echo "read_csv and computing). Peak RSS is opkomst's."
  echo
  echo "| dossiers | backend | opkomst command | peak RSS | pandas command | ratio | opkomst work | pandas work | ratio |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "SQLite and PostgreSQL gave identical reports at every size, and pandas agreed with opkomst on the cells it"
  echo "checks (T1, T14, T17-T19, T21, T26)."
)
echo "$table"
if [ "$write_docs" = 1 ]; then python3 bench/write_docs.py report "$table"; fi
