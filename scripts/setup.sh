#!/usr/bin/env bash
# Installs what opkomst needs from Debian 12's packages (quick when all is
# installed already) and builds it in build/.
#   bash scripts/setup.sh          what building and serving need (run.sh)
#   bash scripts/setup.sh --test   also every test tool, and builds the tests
#                                  and benchmarks (test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

# Building and serving: compiler, build tools and the libraries the binary links.
PACKAGES=(build-essential cmake ninja-build pkg-config libsqlite3-dev libpq-dev libpoco-dev libsodium-dev
  libxlsxwriter-dev)
# The tests and benchmarks: formatting and fuzzing (clang), unit tests
# (gtest, benchmark), a PostgreSQL server, the report oracles (pandas,
# scipy, statsmodels, openpyxl, LibreOffice for the xlsx check), the
# browser tests (Chromium, Node.js and npm), the TLS proxy test (nginx), the
# operations tests (strace, curl, sqlite3, debootstrap and dpkg-dev for the
# Debian package), the load benchmark (wrk).
TEST_PACKAGES=(clang libclang-rt-14-dev clang-format sqlite3 postgresql libgtest-dev libgmock-dev
  libbenchmark-dev time python3 python3-pandas python3-scipy python3-openpyxl python3-statsmodels
  libreoffice-calc-nogui chromium fonts-dejavu-core nodejs nginx openssl strace curl debootstrap dpkg-dev
  wrk)
tests=OFF
if [ "${1:-}" = --test ]; then
  PACKAGES+=("${TEST_PACKAGES[@]}")
  # Debian's npm, unless an npm came with another Node.js package already
  # (NodeSource's nodejs bundles it and conflicts with Debian's npm).
  command -v npm >/dev/null || PACKAGES+=(npm)
  tests=ON
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "opkomst: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The packaged cluster is not used: tests start their own throwaway server.
# Warnings are errors in the team's builds (OPKOMST_WERROR); ccache, where
# installed, makes rebuilds of unchanged files free.
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOPKOMST_WERROR=ON -DOPKOMST_TESTS=$tests \
  -DOPKOMST_BENCH=$tests "${launcher[@]}" >/dev/null
cmake --build build
