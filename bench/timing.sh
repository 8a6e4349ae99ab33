# Sourced by the benchmarks after bench/setup.sh (which makes $work): timing helpers.

# best LABEL RUNS command... -> "seconds maxrss_kib" of the fastest run (wall
# clock to the millisecond); its output (stdout and stderr) stays in
# $work/LABEL.out.
best() {
  local label=$1 n=$2 best_s="" best_kb=""
  shift 2
  for _ in $(seq "$n"); do
    local begin end
    begin=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$work/time" "$@" >"$work/run.out" 2>&1 || { cat "$work/run.out"; exit 1; }
    end=$(date +%s%N)
    local s kb
    s=$(awk -v ns=$((end - begin)) 'BEGIN { printf "%.3f", ns / 1e9 }')
    read -r kb <"$work/time"
    if [ -z "$best_s" ] || awk -v a="$s" -v b="$best_s" 'BEGIN { exit !(a < b) }'; then
      best_s=$s best_kb=$kb
      cp "$work/run.out" "$work/$label.out"
    fi
  done
  echo "$best_s $best_kb"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }'; }
