"""``sqlite3`` for tests that read or edit a register file behind the desk's back: the
register's driver (SQLCipher), with ``connect`` keying a register's file (or one of its
backups) with that register's key, as someone holding the file and its key could. A plain
SQLite file (an old register, a scratch database) opens without a key, as before."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from gumruk_desk.register import driver, keys

_sqlite3 = driver.sqlite3

Connection = _sqlite3.Connection
Cursor = _sqlite3.Cursor
Row = _sqlite3.Row
Error = _sqlite3.Error
DatabaseError = _sqlite3.DatabaseError
IntegrityError = _sqlite3.IntegrityError
OperationalError = _sqlite3.OperationalError


def key_of(path: Path) -> bytes | None:
    """The key that opens the file at ``path``: its register's (the folder it is in, or the
    one whose backups/ it is in), else any key this process holds that opens it."""
    if not path.is_file() or path.stat().st_size == 0 or driver.is_plain(path):
        return None
    for home in (path.parent, path.parent.parent):
        if (home / keys.KEY_FILE).is_file():
            with contextlib.suppress(keys.KeyUnavailable):
                key = keys.register_key(home)
                if key is not None and keys.opens(path, key):
                    return key
    for key in set(keys._keys.values()):
        if keys.opens(path, key):
            return key
    return None


def connect(database: str | os.PathLike[str], *args: Any, **kwargs: Any) -> Connection:
    conn: Connection = _sqlite3.connect(database, *args, **kwargs)
    name = os.fspath(database)
    key = None if name in ("", ":memory:") or name.startswith("file:") else key_of(Path(name))
    driver.apply_key(conn, key)
    return conn
