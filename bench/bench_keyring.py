"""Where a bench's registers keep their keys: a keyring of the bench's own.

A desk keeps its register's key in the operating system's keyring; a bench must not write
into the machine's keyring (nor fail on a machine without one), so its keys go into the
JSON file keyring of the tests (``tests/file_keyring.py``). The desk's own code reads them
from there through ``keyring`` as it would from the system's, in this process and in every
child process started after :func:`use_keyring` (the backend is named in
``PYTHON_KEYRING_BACKEND``, and ``tests/`` is put on ``PYTHONPATH`` so that a child finds it).

``--plain`` registers (a bench's comparison with unencrypted SQLite) get no key at all:
:func:`plain_registers` stops the desk from making one or from converting a plain file.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

import keyring  # noqa: E402

import file_keyring  # noqa: E402

BACKEND = "file_keyring.FileKeyring"
#: Set in the environment by :func:`plain_registers`, for child processes to do the same.
PLAIN_ENV = "GUMRUK_BENCH_PLAIN"


def use_keyring(path: Path, *, seed: Path | None = None) -> None:
    """Keep the keys of registers made from now on in the file at ``path`` and read them
    from there, here and in child processes; ``seed``: a keyring file whose entries it
    starts with (a cached register's key, without the throwaway registers' keys going
    back into the cache)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if seed is not None and seed.is_file() and seed != path:
        shutil.copyfile(seed, path)
    os.environ[file_keyring.ENV] = str(path)
    os.environ["PYTHON_KEYRING_BACKEND"] = BACKEND
    paths = [str(TESTS), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    keyring.set_keyring(file_keyring.FileKeyring())


def plain_registers() -> None:
    """Registers without a key from now on, in this process and in the child processes
    that call :func:`plain_in_child` (SQLCipher's library then reads and writes plain
    SQLite, and a plain register is not converted at open)."""
    from gumruk_desk.register.db import Database

    Database._key = lambda self, new: None  # type: ignore[assignment,method-assign,return-value]
    os.environ[PLAIN_ENV] = "1"


#: For a child process's script: the same as :func:`plain_registers` when the parent ran it.
PLAIN_IN_CHILD = f"""
import os
if os.environ.get({PLAIN_ENV!r}) == "1":
    from gumruk_desk.register.db import Database
    Database._key = lambda self, new: None
"""
