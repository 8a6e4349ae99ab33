#!/usr/bin/env bash
# Sets up, builds and runs every test:
#   1. formatting check (clang-format),
#   2. unit, conformance and CLI tests on SQLite and on a throwaway
#      PostgreSQL server started here on 127.0.0.1 (release build),
#   3. the same tests in a Debug build with AddressSanitizer and UBSan,
#   4. the libFuzzer targets, briefly, from their seed corpora,
#   5. the browser tests (e2e/, Playwright driving Debian's Chromium) on
#      SQLite and on PostgreSQL; screenshots land in e2e/artifacts/,
#   6. the benchmarks at a small size, so they cannot rot.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
jobs=$(nproc)

# A clean Debian 12 root for the package test (made once, then reused):
# the .deb must install there with its declared dependencies only.
if [ "$(id -u)" -eq 0 ] && [ -z "${OPKOMST_DEB_CHROOT:-}" ]; then
  export OPKOMST_DEB_CHROOT=/var/cache/opkomst-test/bookworm-minbase
  if [ ! -x "$OPKOMST_DEB_CHROOT/usr/bin/apt-get" ]; then
    rm -rf "$OPKOMST_DEB_CHROOT"
    debootstrap --variant=minbase bookworm "$OPKOMST_DEB_CHROOT" http://deb.debian.org/debian >/dev/null ||
      { echo "debootstrap failed: the package test will skip its clean-root part"; rm -rf "$OPKOMST_DEB_CHROOT"; }
  fi
fi

echo "== format"
clang-format --dry-run -Werror $(git ls-files '*.cc' '*.h')

echo "== build (asan/ubsan, fuzz)"
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DOPKOMST_SANITIZE=ON -DOPKOMST_BENCH=OFF -DOPKOMST_WERROR=ON "${launcher[@]}" >/dev/null
cmake --build build-asan
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DOPKOMST_FUZZ=ON -DOPKOMST_WERROR=ON "${launcher[@]}" \
  -DOPKOMST_TESTS=OFF -DOPKOMST_BENCH=OFF >/dev/null
cmake --build build-fuzz --target csv_fuzz codebook_fuzz exchange_fuzz form_fuzz http_fuzz

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
for target in csv codebook exchange form http; do
  corpus=$(mktemp -d)
  cp fuzz/corpus/$target/* "$corpus"/
  if ! build-fuzz/fuzz/${target}_fuzz -max_total_time="${OPKOMST_FUZZ_SECONDS:-30}" -max_len=4096 \
    -artifact_prefix="$corpus/" "$corpus" >"$corpus.log" 2>&1; then
    echo "fuzz target $target failed:"; tail -40 "$corpus.log"; exit 1
  fi
  echo "$target: $(grep -E '^Done' "$corpus.log")"
  rm -rf "$corpus" "$corpus.log"
done

echo "== browser tests (Chromium)"
(cd e2e && npm ci --no-audit --no-fund --loglevel=error)
for backend in sqlite postgresql; do
  artifacts="$PWD/e2e/artifacts/$backend"
  rm -rf "$artifacts" && mkdir -p "$artifacts"
  status=0
  (cd e2e && OPKOMST_E2E_ARTIFACTS="$artifacts" OPKOMST_E2E_PG=$([ $backend = postgresql ] && echo "$url") \
    node --test --test-concurrency=1 --test-reporter=tap tests/ >"$artifacts/tests.tap" 2>&1) || status=$?
  ok=$(grep -c '^ok ' "$artifacts/tests.tap" || true)
  not_ok=$(grep -c '^not ok ' "$artifacts/tests.tap" || true)
  if [ "$status" -ne 0 ] && [ "$not_ok" -eq 0 ]; then not_ok=1; fi
  [ "$not_ok" -eq 0 ] || cat "$artifacts/tests.tap"
  echo "browser tests on $backend: $ok passed, $not_ok failed (screenshots in $artifacts)"
  echo "$not_ok tests failed out of $((ok + not_ok))" >>"$log"
done

echo "== benchmark smoke runs"
bash bench/import_export.sh --dossiers 2000 --pg "$url" --no-docs
bash bench/report.sh --sizes 2000 --runs 1 --pg "$url" --no-docs
bash bench/web.sh --dossiers 3000 --seconds 2 --pg "$url" --no-docs

passed=$(grep -oE "[0-9]+ tests failed out of [0-9]+" "$log" | awk '{s+=$6} END {print s}')
failed=$(grep -oE "[0-9]+ tests failed out of" "$log" | awk '{s+=$1} END {print s}')
rm -f "$log"
echo "$((passed - failed)) passed, $failed failed"
# CI reads the exit code: any failure above fails the run.
[ "$failed" -eq 0 ]
