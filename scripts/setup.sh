#!/usr/bin/env bash
# Installs what opkomst needs from Debian 12's packages (quick when all is
# installed already) and builds it in build/. Sourced by run.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev clang-format
  libsqlite3-dev sqlite3 libpq-dev postgresql libgtest-dev libgmock-dev libbenchmark-dev
  time python3 python3-pandas python3-scipy python3-openpyxl python3-statsmodels libxlsxwriter-dev
  libreoffice-calc-nogui chromium fonts-dejavu-core libpoco-dev libsodium-dev wrk
  nginx-light openssl curl)  # the last three for the test of serve behind a TLS proxy (tests/web/tls_proxy_test.sh)

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
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOPKOMST_WERROR=ON "${launcher[@]}" >/dev/null
cmake --build build
