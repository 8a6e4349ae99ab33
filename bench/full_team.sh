#!/usr/bin/env bash
# A fully registered team (issue 14): every family scored on the case-study
# set at each measurement and 30% of the mothers interviewed
# (`opkomst demo --all-moments`), rows shuffled in every file. Measures, at
# each size: the import (shuffled and as generated) into SQLite and
# PostgreSQL, the full report from each store, and pandas (Tables 1-26,
# bench/pandas_report.py, which cross-checks cells) on the same folder; with
# --duckdb, also DuckDB (bench/duckdb/) on the same report's tables.
# Prints the tables and writes them into docs/performance.md.
#   bench/full_team.sh [--sizes "50000 200000"] [--pg URL] [--runs 3] [--duckdb] [--no-docs]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="50000"
pg=""
runs=3
duckdb=0
write_docs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --pg) pg=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --duckdb) duckdb=1; shift ;;
    --no-docs) write_docs=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
source bench/setup.sh 55580

source bench/timing.sh
rate() { awk -v r="$1" -v s="$2" 'BEGIN { printf "%d", r / s }'; }
store_url() {  # store_url BACKEND NAME -> a fresh empty store
  if [ "$1" = sqlite ]; then
    echo "sqlite:$work/$2.db"
  else
    psql -q "$pg" -c "CREATE DATABASE $2" >/dev/null
    echo "${pg%/*}/$2"
  fi
}

imports=()
reports=()
for n in $sizes; do
  generated="$work/gen-$n" folder="$work/in-$n"
  "$opkomst" demo --dossiers "$n" --all-moments --seed 1414 --export "$generated" >/dev/null
  python3 bench/shuffle_rows.py "$generated" "$folder"
  rows=0
  for f in "$folder"/*.csv; do rows=$((rows + $(wc -l <"$f") - 1)); done
  scores=$(($(wc -l <"$folder/scores.csv") - 1))
  answers=$(($(wc -l <"$folder/interviews.csv") - 1))
  for backend in sqlite postgresql; do
    for order in shuffled generated; do
      [ "$order" = generated ] && [ "$backend" = postgresql ] && continue
      source_folder=$([ "$order" = shuffled ] && echo "$folder" || echo "$generated")
      url=$(store_url "$backend" "opkomst_full_${order}_${n}_$$")
      read -r s kb < <(best "import-$backend-$order-$n" 1 "$opkomst" import --db "$url" "$source_folder")
      imports+=("| $n | $backend | $order | $rows | $s s | $(rate "$rows" "$s") | $((kb / 1024)) MiB |")
      [ "$order" = shuffled ] && eval "url_$backend=\$url"
    done
  done
  read -r pandas_s pandas_kb < <(best "pandas-$n" 1 /usr/bin/python3 bench/pandas_report.py "$folder" 2023-09-30)
  pandas_work=$(grep '^{' "$work/pandas-$n.out" | python3 -c 'import json,sys; print("%.3f" % json.load(sys.stdin)["total_seconds"])')
  duck_s="-"
  if [ "$duckdb" = 1 ]; then
    node bench/duckdb/report.mjs load "$folder" "$work/duck-$n.duckdb"
    read -r duck_s duck_kb < <(best "duckdb-$n" "$runs" node bench/duckdb/report.mjs run "$work/duck-$n.duckdb" 2023-09-30)
    duck_s="$duck_s s"
  fi
  for backend in sqlite postgresql; do
    url_var="url_$backend"
    read -r s kb < <(best "report-$backend-$n" "$runs" "$opkomst" report --db "${!url_var}" --as-of 2023-09-30 \
      --format json --output "$work/report-$backend-$n.json" --timings --lang en)
    timings=$(grep -oE '(load|compute|write) [0-9]+ ms' "$work/report-$backend-$n.out" | tr '\n' ' ')
    reports+=("| $n | $backend | $s s | $timings | $((kb / 1024)) MiB | $pandas_s s ($(ratio "$pandas_s" "$s")) | $duck_s |")
  done
  cmp -s <(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["tables"]))' "$work/report-sqlite-$n.json") \
         <(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["tables"]))' "$work/report-postgresql-$n.json") ||
    { echo "SQLite and PostgreSQL reports differ at $n dossiers" >&2; exit 1; }
  /usr/bin/python3 bench/pandas_report.py "$folder" 2023-09-30 --check "$work/report-sqlite-$n.json" >/dev/null
  echo "$n dossiers: $scores score rows, $answers interview answers" >>"$work/shape"
  rm -rf "$generated" "$folder" "$work"/*.db* "$work"/*.duckdb*
  for order in shuffled generated; do psql -q "$pg" -c "DROP DATABASE IF EXISTS opkomst_full_${order}_${n}_$$" >/dev/null; done
done

table=$(
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $(uname -m), on a machine SHARED with other jobs (the"
  echo "figures are upper bounds of what a quiet machine gives). Data: \`opkomst demo --all-moments --seed 1414\`"
  echo "(every family scored on the 32 case-study indicators at each of its three measurements, 30% of the"
  echo "mothers interviewed), every CSV file's rows shuffled (bench/shuffle_rows.py):"
  sed 's/^/- /' "$work/shape"
  echo
  echo "Import (\`opkomst import\`, whole process, one run; rows over all four files):"
  echo
  echo "| dossiers | backend | row order | rows | import | rows/s | peak RSS |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${imports[@]}"
  echo
  echo "Full report (\`opkomst report --as-of 2023-09-30 --format json\`, best of $runs; \`--timings\` inside the"
  echo "process) against pandas (bench/pandas_report.py, Tables 1-26 from the folder, one run, whole process)"
  echo "and DuckDB (whole process, when measured):"
  echo
  echo "| dossiers | backend | opkomst | inside | peak RSS | pandas (ratio) | DuckDB |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${reports[@]}"
  echo
  echo "SQLite and PostgreSQL gave identical reports at every size; pandas agreed with opkomst on the cells it"
  echo "checks (T1, T14, T17-T19, T21, T26)."
)
echo "$table"
if [ "$write_docs" = 1 ]; then python3 bench/write_docs.py full_team "$table"; fi
