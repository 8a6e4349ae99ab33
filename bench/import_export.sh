#!/usr/bin/env bash
# Import/export benchmark: a synthetic exchange folder (N dossiers, three
# moments each) is imported into and exported from SQLite and PostgreSQL.
# Prints wall time, throughput and peak memory (max RSS), checks that both
# exports are identical, and writes the table into docs/performance.md.
#   bench/import_export.sh [--dossiers N] [--pg URL] [--no-docs]
# Without --pg a throwaway PostgreSQL server is started on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
dossiers=50000
pg=""
write_docs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --dossiers) dossiers=$2; shift 2 ;;
    --pg) pg=$2; shift 2 ;;
    --no-docs) write_docs=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
source bench/setup.sh 55500
pgdb="opkomst_bench_$$"
psql -q "$pg" -c "CREATE DATABASE $pgdb" >/dev/null
pgurl="${pg%/*}/$pgdb"

timed() {  # timed LABEL command... -> "seconds maxrss_kib"
  local label=$1
  shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/$label.out" 2>&1 || { cat "$work/$label.out"; exit 1; }
  cat "$work/time"
}

read -r gen_s gen_kb < <(timed generate "$opkomst" demo --dossiers "$dossiers" --all-moments --export "$work/in")
rows=$(($(wc -l <"$work/in/measurements.csv") - 1))
# Every data row of the four files (a fully scored team is mostly scores).
all_rows=0
for f in dossiers measurements scores interviews; do all_rows=$((all_rows + $(wc -l <"$work/in/$f.csv") - 1)); done
mib=$(du -sm "$work/in" | cut -f1)
results=()
for backend in sqlite postgresql; do
  if [ "$backend" = sqlite ]; then url="sqlite:$work/bench.db"; else url=$pgurl; fi
  read -r imp_s imp_kb < <(timed "import-$backend" "$opkomst" import --db "$url" "$work/in")
  read -r exp_s exp_kb < <(timed "export-$backend" "$opkomst" export --db "$url" "$work/out-$backend")
  rate=$(awk -v r="$all_rows" -v s="$imp_s" 'BEGIN { printf "%d", (s > 0 ? r / s : 0) }')
  results+=("| $backend | $imp_s s | $rate | $((imp_kb / 1024)) MiB | $exp_s s | $((exp_kb / 1024)) MiB |")
done
for f in dossiers measurements scores interviews; do
  cmp -s "$work/out-sqlite/$f.csv" "$work/out-postgresql/$f.csv" || { echo "exports differ: $f.csv" >&2; exit 1; }
done
psql -q "$pg" -c "DROP DATABASE $pgdb" >/dev/null

table=$(
  echo "Folder: $dossiers dossiers, fully scored (\`opkomst demo --all-moments\`): $rows measurement rows (three"
  echo "moments each), $all_rows rows over the four files (dossiers, measurements, scores, interview answers),"
  echo "$mib MiB of CSV, in the generator's order; generated in $gen_s s. Measured $(date -u +%Y-%m-%d) on"
  echo "$(nproc) cores, $(uname -m)."
  echo
  echo "| backend | import | rows/s (all files) | import peak RSS | export | export peak RSS |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${results[@]}"
  echo
  echo "Both exports are byte-identical (checked by the benchmark)."
)
echo "$table"
if [ "$write_docs" = 1 ]; then python3 bench/write_docs.py import_export "$table"; fi
