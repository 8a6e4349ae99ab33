#!/usr/bin/env bash
# The main job: set up, build, create a demo team with demo accounts (one
# per role, passwords printed below) in opkomst.db, and serve the web
# application on http://127.0.0.1:8080/ until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec build/opkomst serve --db "${OPKOMST_DB:-sqlite:opkomst.db}" --demo "$@"
