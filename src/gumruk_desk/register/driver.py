"""The register's one SQLite driver: SQLCipher 4 (``sqlcipher3``), for SQLAlchemy's engine and
for the standard-library-style fast readers alike.

Every module that touches the register's file imports ``sqlite3`` from here, never the
standard library's: sqlcipher3's exceptions and connection classes are its own (not
subclasses of the standard library's), so an ``except sqlite3.Error`` written against the
other module would let this driver's errors through.

The key is always a raw 32-byte key (``PRAGMA key = "x'…'"``), never a passphrase: SQLCipher
would run PBKDF2 on a passphrase at every connection (over a second each); a station
passphrase is stretched once, by :mod:`keys`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # sqlcipher3 ships no type information; its DB-API is the standard library's, whose
    # stubs describe it (the classes differ at run time, which is why nobody imports both).
    import sqlite3 as sqlite3
else:
    from sqlcipher3 import dbapi2 as sqlite3

__all__ = ["KEY_BYTES", "PLAIN_HEADER", "connect", "is_plain", "key_pragma", "sqlite3"]

KEY_BYTES = 32
#: The first bytes of an unencrypted SQLite file (an encrypted one starts with random bytes).
PLAIN_HEADER = b"SQLite format 3\x00"


def key_pragma(key: bytes, name: str = "key") -> str:
    """``PRAGMA key`` (or ``rekey``) with a raw key: no key derivation inside SQLCipher."""
    if len(key) != KEY_BYTES:
        raise ValueError("the register key is 32 bytes")
    return f"PRAGMA {name} = \"x'{key.hex()}'\""


def apply_key(conn: sqlite3.Connection, key: bytes | None) -> None:
    """Key a fresh connection: its very first statements (SQLCipher reads nothing before)."""
    # SQLCipher writes "hmac check failed" lines to stderr on a wrong key; the caller
    # reports the failure itself, in Turkish.
    conn.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        conn.execute(key_pragma(key))


def connect(
    path: Path, key: bytes | None, *, read_only: bool = False, **kwargs: Any
) -> sqlite3.Connection:
    """A DB-API connection on the register file at ``path``, keyed (``key`` None: a plain
    SQLite file, for converting an old register)."""
    conn: sqlite3.Connection
    if read_only:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, **kwargs)
    else:
        conn = sqlite3.connect(path, **kwargs)
    try:
        apply_key(conn, key)
    except BaseException:
        conn.close()
        raise
    return conn


def is_plain(path: Path) -> bool:
    """Whether the file at ``path`` is an unencrypted SQLite database."""
    try:
        with open(path, "rb") as f:
            return f.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except OSError:
        return False


def is_wrong_key(exc: BaseException) -> bool:
    """Whether a driver error is what a wrong key (or a file of another register) gives: the
    first read of an encrypted file fails as "file is not a database"."""
    return "file is not a database" in str(exc).lower()
