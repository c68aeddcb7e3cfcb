#!/usr/bin/env bash
# Installs the project with its development extras into .venv and runs the whole test suite,
# plus the static checks that keep the architecture honest. The README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/python.sh
"$VENV"/bin/python -m pip install --quiet --upgrade pip
# constraints.txt: the versions CI tested (scripts/lock.sh writes it).
"$VENV"/bin/python -m pip install --quiet -e '.[dev]' -c constraints.txt
export QT_QPA_PLATFORM=offscreen
# Tests never touch the real keyring (Vorta's rule): a fixture installs an in-memory backend;
# anything outside it gets the null backend.
export PYTHON_KEYRING_BACKEND=${PYTHON_KEYRING_BACKEND:-keyring.backends.null.Keyring}
"$VENV"/bin/ruff check src tests
"$VENV"/bin/mypy
"$VENV"/bin/lint-imports
set +e
"$VENV"/bin/python -m pytest "$@"
rc=$?
set -e
# pytest's 5 means "no tests collected": not a failure of the suite itself.
[ "$rc" -eq 5 ] && rc=0
exit "$rc"
