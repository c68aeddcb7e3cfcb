#!/usr/bin/env bash
# Installs the application into .venv and starts it on its embedded default register
# (SQLite in the user's data folder). Arguments are passed on: scripts/run.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/qt_libs.sh
. scripts/python.sh
# Install only when pyproject.toml or constraints.txt (the versions CI tested) changed since
# the last install (the source itself is an editable install): a start should not wait a
# minute for pip.
stamp="$VENV"/.gumruk-desk-installed
wanted=$("$PY" -c 'import hashlib; print(hashlib.sha256(open("pyproject.toml","rb").read() + open("constraints.txt","rb").read()).hexdigest())')
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$wanted" ] || [ ! -x "$VENV"/bin/gumruk-desk ]; then
    "$VENV"/bin/python -m pip install --quiet -e . -c constraints.txt
    echo "$wanted" > "$stamp"
fi
exec "$VENV"/bin/gumruk-desk "$@"
