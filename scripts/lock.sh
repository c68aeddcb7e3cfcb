#!/usr/bin/env bash
# Writes constraints.txt: the exact version of every package the desk, its tests, the centre and
# the bundle install, for Python 3.11 to 3.13 at once (uv's universal resolution, with markers
# where the versions differ, e.g. PySide6 below 6.12 on 3.11). Both README commands install
# with it, so a fresh machine gets what CI tested. Upgrading every pin is this one command:
#     scripts/lock.sh            (then run scripts/test.sh and commit constraints.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/python.sh
"$VENV"/bin/python -m pip install --quiet uv
"$VENV"/bin/python -m uv pip compile pyproject.toml --universal --python-version 3.11 \
    --extra dev --extra central --extra packaging --upgrade \
    --custom-compile-command scripts/lock.sh -o constraints.txt
