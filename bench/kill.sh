#!/usr/bin/env bash
# The full crash-safety run of issue 15: 200 cycles of kill -9 during mixed
# work per backend (the test suite runs 20). PostgreSQL when
# OPKOMST_TEST_PG_URL is set.  Usage: bench/kill.sh [build/opkomst] [CYCLES]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec /usr/bin/python3 "$here/../tests/ops/kill_harness.py" "${1:-$here/../build/opkomst}" "${2:-200}"
