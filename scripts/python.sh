# Sourced by run.sh and test.sh: sets PY to a Python >= 3.12 and (re)creates .venv with it.
#
# Why 3.12: with PySide6 6.12 on Python 3.11 every Qt call that returns nothing takes a
# reference away from None (measured: 200 QLabel.setText calls, 200 fewer); after enough
# clicks the interpreter aborts ("none_dealloc"). From 3.12 on None is immortal.
_is_new_enough() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }
PY=""
for candidate in ${PYTHON:-} python3.13 python3.12 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && _is_new_enough "$candidate"; then
        PY=$candidate
        break
    fi
done
if [ -z "$PY" ] && command -v pyenv >/dev/null 2>&1; then
    # pyenv keeps other versions installed but off PATH.
    for candidate in "$(pyenv root)"/versions/3.1[2-9]*/bin/python3; do
        if [ -x "$candidate" ] && _is_new_enough "$candidate"; then
            PY=$candidate
        fi
    done
fi
if [ -z "$PY" ]; then
    echo "Python 3.12 veya daha yenisi bulunamadı (Python >= 3.12 required); PYTHON=/path/to/python3.12 ile belirtin." >&2
    exit 1
fi
if [ -x .venv/bin/python ] && ! _is_new_enough .venv/bin/python; then
    echo "Replacing .venv (made with a Python older than 3.12)" >&2
    rm -rf .venv
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv
