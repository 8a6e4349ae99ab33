#!/usr/bin/env bash
# Sets up, builds and runs every test:
#   1. formatting check (clang-format),
#   2. unit, conformance and CLI tests on SQLite and on a throwaway
#      PostgreSQL server started here on 127.0.0.1 (release build),
#   3. the same tests in a Debug build with AddressSanitizer and UBSan,
#   4. the libFuzzer targets, briefly, from their seed corpora,
#   5. the import/export benchmark at a small size, so it cannot rot.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
jobs=$(nproc)

echo "== format"
clang-format --dry-run -Werror $(git ls-files '*.cc' '*.h')

echo "== build (asan/ubsan, fuzz)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DOPKOMST_SANITIZE=ON -DOPKOMST_BENCH=OFF >/dev/null
cmake --build build-asan
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DOPKOMST_FUZZ=ON \
  -DOPKOMST_TESTS=OFF -DOPKOMST_BENCH=OFF >/dev/null
cmake --build build-fuzz --target csv_fuzz codebook_fuzz exchange_fuzz

echo "== postgresql"
pgdir=$(mktemp -d /tmp/opkomst-pg.XXXXXX)
cleanup() { bash scripts/pg-test-server.sh stop "$pgdir"; rm -rf "$pgdir"; }
trap cleanup EXIT
url=$(bash scripts/pg-test-server.sh start-free "$pgdir" 55432)
export OPKOMST_TEST_PG_URL=$url OPKOMST_REQUIRE_PG=1
echo "test server: $url"

log=$(mktemp)
echo "== tests (release)"
ctest --test-dir build -j"$jobs" --output-on-failure | tee -a "$log"
echo "== tests (asan/ubsan)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan -j"$jobs" --output-on-failure | tee -a "$log"

echo "== fuzz"
for target in csv codebook exchange; do
  corpus=$(mktemp -d)
  cp fuzz/corpus/$target/* "$corpus"/
  if ! build-fuzz/fuzz/${target}_fuzz -max_total_time="${OPKOMST_FUZZ_SECONDS:-30}" -max_len=4096 \
    -artifact_prefix="$corpus/" "$corpus" >"$corpus.log" 2>&1; then
    echo "fuzz target $target failed:"; tail -40 "$corpus.log"; exit 1
  fi
  echo "$target: $(grep -E '^Done' "$corpus.log")"
  rm -rf "$corpus" "$corpus.log"
done

echo "== benchmark smoke run"
bash bench/import_export.sh --dossiers 2000 --pg "$url" --no-docs

passed=$(grep -oE "[0-9]+ tests failed out of [0-9]+" "$log" | awk '{s+=$6} END {print s}')
failed=$(grep -oE "[0-9]+ tests failed out of" "$log" | awk '{s+=$1} END {print s}')
rm -f "$log"
echo "$((passed - failed)) passed, $failed failed"
