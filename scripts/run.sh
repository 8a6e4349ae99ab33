#!/usr/bin/env bash
# The main job: set up, build, and create/show the demo team in opkomst.db.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec build/opkomst demo --db "${OPKOMST_DB:-sqlite:opkomst.db}" "$@"
