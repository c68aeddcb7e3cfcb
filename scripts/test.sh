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
# In parallel (pytest-xdist): the tests are independent of each other (their own temporary
# folders, free loopback ports, a central database each). One worker more than there are
# cores, because the slow tests mostly wait (a minute-long outage of the centre waited out,
# child processes doing the work) and would otherwise leave a core idle meanwhile: on two
# cores 2m25s against 3m20s with one per core. Tests go out one at a time, in the order
# tests/conftest.py gives (each slow test starts at once, on its own worker); a worker that a
# timeout ends is replaced and the run goes on. Arguments come after and win:
# "scripts/test.sh -n 0 tests/test_cli.py" runs in this process, "-m 'not slow'" leaves out
# the slow tests.
workers=$(($(nproc 2>/dev/null || echo 1) + 1))
"$VENV"/bin/python -m pytest -n "$workers" --dist load --maxschedchunk 1 "$@"
rc=$?
set -e
# pytest's 5 means "no tests collected": not a failure of the suite itself.
[ "$rc" -eq 5 ] && rc=0
exit "$rc"
