# Sourced by run.sh and test.sh: sets PY to a Python >= 3.11 and VENV (default .venv) to a
# virtual environment made with that very interpreter, (re)creating it when needed.
#
# Any of 3.11-3.13 works. On 3.11 pyproject.toml keeps PySide6 below 6.12: with 6.12 there,
# every Qt call that returns nothing takes a reference from None and a long shift ends in an
# interpreter abort (from 3.12 on None is immortal; tests/test_qt_runtime.py guards the pair).
_is_supported() { "$1" -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] < (3, 14))' >/dev/null 2>&1; }
_version() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])'; }
VENV=${VENV:-.venv}
PY=""
if [ -z "${PYTHON:-}" ] && [ -x "$VENV/bin/python" ] && _is_supported "$VENV/bin/python"; then
    # A working environment is kept as it is: a start does not search for interpreters.
    PY="$VENV/bin/python"
    return 0
fi
if [ -n "${PYTHON:-}" ]; then
    if ! _is_supported "$PYTHON"; then
        echo "PYTHON=$PYTHON kullanılamıyor: Python 3.11, 3.12 veya 3.13 olmalı." >&2
        exit 1
    fi
    PY=$PYTHON
else
    # The newest supported interpreter on PATH or kept by pyenv (a pyenv shim of a version
    # that is not active fails to run and is skipped).
    candidates="python3.13 python3.12 python3.11 python3"
    if command -v pyenv >/dev/null 2>&1; then
        candidates="$candidates $(ls -d "$(pyenv root)"/versions/3.1[1-3]*/bin/python3 2>/dev/null || true)"
    fi
    best=0
    for candidate in $candidates; do
        if command -v "$candidate" >/dev/null 2>&1 && _is_supported "$candidate"; then
            minor=$("$candidate" -c 'import sys; print(sys.version_info[1])')
            if [ "$minor" -gt "$best" ]; then
                PY=$candidate
                best=$minor
            fi
        fi
    done
fi
if [ -z "$PY" ]; then
    echo "Python 3.11, 3.12 veya 3.13 bulunamadı; PYTHON=/path/to/python3 ile belirtin." >&2
    exit 1
fi
if [ -x "$VENV/bin/python" ] && [ "$(_version "$VENV/bin/python")" != "$(_version "$PY")" ]; then
    echo "Replacing $VENV (made with Python $(_version "$VENV/bin/python"), now $(_version "$PY"))" >&2
    rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV" || {
        echo "Sanal ortam kurulamadı: Debian/Ubuntu'da 'sudo apt-get install python3-venv'" \
            "(ya da python$(_version "$PY")-venv) gerekir." >&2
        exit 1
    }
fi
