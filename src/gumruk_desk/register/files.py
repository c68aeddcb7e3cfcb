"""The register's files, without SQLAlchemy: the data folder, the lock, the schema version and
the check made at every open.

What the window and the read-only commands need before anything else (where the data folder
is, whether the register is set up, whether its schema is current) is answered here with the
driver alone (:mod:`driver`: SQLCipher through the standard library's DB-API), so that
neither waits for SQLAlchemy and Alembic to be imported just to find out.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from typing import Any

from gumruk_desk.errors import RegisterError as RegisterError
from gumruk_desk.register import driver
from gumruk_desk.register.driver import sqlite3

APP_NAME = "gumruk-desk"
DB_FILE = "register.sqlite3"
LOCK_FILE = "register.lock"
BUSY_TIMEOUT_S = 30

#: The newest migration (``migrations/versions``). A register stamped with it needs no
#: migration, and is opened without loading Alembic; a test keeps it equal to Alembic's head.
SCHEMA_HEAD = "0015"

#: The tables that grow with every record: the check at open reads only their newest rows,
#: the full check (in the background, after login) reads them whole.
GROWING_TABLES = ("record", "event", "draft")
#: How many of the newest rows of each growing table the check at open reads.
TAIL_ROWS = 200


class RegisterLock:
    """An advisory lock on ``register.lock`` beside the register: every open register holds
    it shared; a restore needs it exclusive, so it refuses while any desk window or command
    has the register open. (Where the OS offers no ``fcntl``, the lock is a no-op.)"""

    def __init__(self, home: Path, *, exclusive: bool) -> None:
        self._file: Any = None
        try:
            import fcntl
        except ImportError:  # Windows: no advisory lock here
            return
        self._file = open(home / LOCK_FILE, "a+")  # noqa: SIM115 (held for the lifetime)
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(self._file.fileno(), mode | fcntl.LOCK_NB)
        except BlockingIOError:
            self._file.close()
            self._file = None
            raise RegisterError(
                "Kayıt defteri şu anda açık (masa penceresi ya da bir komut): önce kapatın."
                if exclusive
                else "Kayıt defteri geri yükleniyor; biraz sonra yeniden açın."
            ) from None

    def release(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


#: The folders of the data folder whose files hold what the register holds (copies, logs).
PRIVATE_FOLDERS = ("logs", "backups")


#: The desk's own files in the data folder (the folder may hold others: they are left alone).
PRIVATE_FILES = (DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", LOCK_FILE, "register.key.json")
#: A half-written backup copy older than this was left by a killed backup (a running one
#: writes to it continuously and is never this old).
STALE_PARTIAL_S = 6 * 3600


def make_private(home: Path) -> None:
    """The data folder and the desk's files in it readable by its user alone: folders 0700,
    files 0600 (existing ones tightened; a copy left half-written by a killed backup long
    ago removed). Only on POSIX: on Windows the user's profile folder is already private."""
    if os.name != "posix" or not home.is_dir():
        return
    import time

    _chmod(home, 0o700)
    for name in PRIVATE_FILES:
        if (home / name).is_file():
            _chmod(home / name, 0o600)
    for folder in (home / name for name in PRIVATE_FOLDERS):
        if not folder.is_dir():
            continue
        _chmod(folder, 0o700)
        for entry in folder.iterdir():
            if not entry.is_file() or entry.is_symlink():
                continue
            if entry.name.endswith(".partial") and folder.name == "backups":
                with contextlib.suppress(OSError):
                    if time.time() - entry.stat().st_mtime > STALE_PARTIAL_S:
                        entry.unlink()
            else:
                _chmod(entry, 0o600)


def _chmod(path: Path, mode: int) -> None:
    try:
        if stat.S_IMODE(path.stat().st_mode) != mode:
            path.chmod(mode)
    except OSError:  # not ours to change (a shared folder): the open goes on
        pass


def folder_failure(exc: OSError, home: Path) -> RegisterError:
    """The Turkish sentence for a data folder that cannot be created or written, naming the
    cause."""
    if exc.errno == errno.ENOSPC:
        return RegisterError(f"Disk dolu ({home}): veri klasörüne yazılamıyor. Diskte yer açın.")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return RegisterError(
            f"Veri klasörüne yazılamıyor ({home}): klasör salt okunur ya da bu kullanıcının "
            "yazma izni yok. Yazma izni verildiğinde yeniden açın."
        )
    return RegisterError(f"Veri klasörü oluşturulamadı ({home}): {exc.strerror or exc}")


def wrong_key(path: Path) -> str:
    """The Turkish sentence for a register its key does not open (SQLCipher's "file is not a
    database" on the first read)."""
    return (
        f"Kayıt defteri açılamadı ({path}): bu anahtarla açılmıyor; anahtar bu kayıt "
        "defterinin değil ya da dosya bozuk. Kurtarma anahtarıyla 'gumruk-desk key recover' "
        "deneyin."
    )


def missing_register(home: Path) -> RegisterError:
    return RegisterError(f"{home} klasöründe kayıt defteri yok; önce 'gumruk-desk init' ile kurun.")


def home_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``--home``, else ``$GUMRUK_DESK_HOME``, else the user's data folder."""
    chosen = explicit or os.environ.get("GUMRUK_DESK_HOME")
    if chosen:
        path = Path(chosen)
    else:
        import platformdirs  # only where the folder is not given

        path = Path(platformdirs.user_data_dir(APP_NAME, False))
    return path.expanduser().resolve()


def schema_revision(conn: sqlite3.Connection) -> str | None:
    """The migration the register is stamped with (Alembic's ``alembic_version``), or None for
    a new, empty file."""
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise
    return None if row is None else str(row[0])


def is_set_up(home: Path) -> bool:
    """Whether ``home`` holds a register with a station, read without opening it for use (no
    migration, no lock): the window uses it to choose between the set-up wizard and the
    login. Any doubt (no file, an older schema, an unreadable file) answers False; opening
    the register properly then says what is wrong."""
    from gumruk_desk.register import keys

    path = home / DB_FILE
    if not path.is_file():
        return False
    try:
        key = keys.register_key(home)
    except keys.KeyUnavailable:
        # Encrypted, its key not at hand yet (the passphrase is asked at the login, a lost
        # keyring is said there): set up all the same, not a case for the set-up wizard.
        return (home / keys.KEY_FILE).is_file()
    try:
        conn = driver.connect(path, key, read_only=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error:
        return False
    try:
        return conn.execute("SELECT 1 FROM station LIMIT 1").fetchone() is not None
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def quick_problems(conn: sqlite3.Connection) -> str | None:
    """The check made at every open, bounded whatever the register's size; None when intact.

    SQLite's own check (``PRAGMA quick_check``) of every table and index except the growing
    ones, and of those the newest rows read whole: the pages an open and the next
    registration touch. The whole file is checked in the background (:func:`full_problems`).
    """
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    problems: list[str] = []
    for name in names:
        if name in GROWING_TABLES:
            try:
                conn.execute(
                    f'SELECT * FROM "{name}" ORDER BY rowid DESC LIMIT {TAIL_ROWS}'
                ).fetchall()
            except sqlite3.DatabaseError as exc:
                problems.append(f"{name}: {exc}")
            continue
        try:
            rows = [r[0] for r in conn.execute(f'PRAGMA quick_check("{name}")').fetchall()]
        except sqlite3.DatabaseError as exc:
            rows = [f"{name}: {exc}"]
        if rows != ["ok"]:
            problems.extend(str(r) for r in rows)
    return "; ".join(problems[:5]) if problems else None


def full_problems(conn: sqlite3.Connection) -> str | None:
    """SQLite's check of the whole file (every page, row and index entry); None when intact."""
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:  # damage the check itself cannot get past
        return str(exc)
    return None if rows == ["ok"] else "; ".join(str(r) for r in rows[:5])


def check_file(path: Path, key: bytes | None) -> tuple[str | None, int]:
    """:func:`full_problems` of the register at ``path`` (under ``key``) on a connection of
    its own (any thread, no lock taken, no write), and its number of records."""
    conn = driver.connect(path, key, read_only=True, timeout=BUSY_TIMEOUT_S)
    try:
        problem = full_problems(conn)
        records = 0 if problem else int(conn.execute("SELECT count(*) FROM record").fetchone()[0])
        return problem, records
    except sqlite3.DatabaseError as exc:
        return str(exc), 0
    finally:
        conn.close()
