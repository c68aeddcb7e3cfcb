#!/usr/bin/env bash
# Installs the application into .venv and starts it on its embedded default register
# (SQLite in the user's data folder). Arguments are passed on: scripts/run.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/python.sh
.venv/bin/python -m pip install --quiet -e .
exec .venv/bin/gumruk-desk "$@"
