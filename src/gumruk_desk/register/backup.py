"""Backups of the register (SQLite's online backup API: a consistent copy of a live file) and
restoring one — only after the copy's own chain verifies, and only after the register it
replaces has itself been copied aside.

Daily backups go to ``backups/daily-YYYYMMDD.sqlite3`` beside the register and are kept for
``KEEP_DAILY`` days; a backup before every migration is made by ``db.migrate``. A backup is
encrypted with the register's own key (so its recovery key restores it on a new machine).
"""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from gumruk_desk.register import chain, driver, keys
from gumruk_desk.register.db import DB_FILE, Database, RegisterError, RegisterLock, backup_file
from gumruk_desk.register.driver import sqlite3

KEEP_DAILY = 14
_DAILY = "daily-"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    records: int
    events: int
    head: str


def backups_dir(home: Path) -> Path:
    return home / "backups"


def make_backup(home: Path, target: Path | None = None) -> BackupInfo:
    """Copy the live register to ``target`` (default: a stamped file in ``backups/``)."""
    source = home / DB_FILE
    if not source.exists():
        raise RegisterError(f"{home} klasöründe kayıt defteri yok.")
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = target or backups_dir(home) / f"manual-{stamp}.sqlite3"
    partial = target.with_name(target.name + ".partial")
    key = keys.register_key(home)
    try:
        backup_file(source, partial, key)
        os.replace(partial, target)  # a backup file is complete or absent
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise RegisterError(f"Yedek alınamadı ({target}): {exc}") from None
    return describe(target, key)


def describe(path: Path, key: bytes | None) -> BackupInfo:
    conn = driver.connect(path, key, read_only=True)
    try:
        records = conn.execute("SELECT count(*) FROM record").fetchone()[0]
        row = conn.execute("SELECT seq, hash FROM event ORDER BY seq DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    return BackupInfo(path, int(records), int(row[0]) if row else 0, row[1] if row else "")


def daily_backup(home: Path, today: datetime.date | None = None) -> BackupInfo | None:
    """Today's backup unless it exists; older daily backups beyond ``KEEP_DAILY`` go."""
    today = today or datetime.date.today()
    folder = backups_dir(home)
    target = folder / f"{_DAILY}{today:%Y%m%d}.sqlite3"
    if target.exists():
        return None
    info = make_backup(home, target)
    dailies = sorted(folder.glob(f"{_DAILY}*.sqlite3"))
    for old in dailies[:-KEEP_DAILY]:
        old.unlink(missing_ok=True)
    return info


def _older_or_foreign(current: Path, backup: Path, key: bytes | None) -> str | None:
    """Why ``backup`` may not replace an intact ``current`` (None: it may)."""
    try:
        verification = verify_copy(current, key)
    except (RegisterError, sqlite3.Error):
        return None  # the current register cannot even be opened: restoring is the cure
    if not verification.ok:
        return None  # a broken register is what a restore is for
    mine, theirs = describe(current, key), describe(backup, key)
    if _station(current, key) != _station(backup, key):
        return "Yedek başka bir masanın kayıt defteri."
    if theirs.events < mine.events:
        return (
            f"Yedek, sağlam olan kayıt defterinden eski ({theirs.events} olay; masada "
            f"{mine.events}): geri yüklenirse numaralar yeniden verilir."
        )
    if _hash_at(backup, mine.events, key) != mine.head:
        return "Yedeğin geçmişi masadaki kayıt defterininkiyle aynı değil."
    return None


def _station(path: Path, key: bytes | None) -> tuple[str, str] | None:
    conn = driver.connect(path, key, read_only=True)
    try:
        row = conn.execute("SELECT office_code, desk_code FROM station LIMIT 1").fetchone()
    finally:
        conn.close()
    return None if row is None else (str(row[0]), str(row[1]))


def _hash_at(path: Path, seq: int, key: bytes | None) -> str:
    conn = driver.connect(path, key, read_only=True)
    try:
        row = conn.execute("SELECT hash FROM event WHERE seq = ?", (seq,)).fetchone()
    finally:
        conn.close()
    return "" if row is None else str(row[0])


def verify_copy(path: Path, key: bytes | None) -> chain.Verification:
    """Open a copy of the backup (migrated if older) and walk its chain."""
    with tempfile.TemporaryDirectory(prefix="gumruk-restore-") as tmp:
        home = Path(tmp)
        # Through SQLite: a WAL beside it is included.
        backup_file(path, home / DB_FILE, key)
        db = Database(home, create=False, key=key)
        try:
            with db.reading() as s:
                return chain.verify(s)
        finally:
            db.close()


def restore(home: Path, backup: Path, *, force: bool = False) -> tuple[BackupInfo, Path | None]:
    """Replace the register with ``backup`` once its chain verifies; the current register is
    first copied to ``backups/before-restore-….sqlite3`` (returned).

    Refused while the register is open anywhere; refused too, unless ``force``, when the
    current register is intact and the backup is not a later state of it (older, another
    desk's, or a different history): restoring it would give out numbers again.
    """
    if not backup.is_file():
        raise RegisterError(f"Yedek dosyası yok: {backup}")
    lock = RegisterLock(home, exclusive=True)  # no desk may have the register open
    try:
        return _restore(home, backup, force=force)
    finally:
        lock.release()


def _restore(home: Path, backup: Path, *, force: bool) -> tuple[BackupInfo, Path | None]:
    key = keys.register_key(home)
    try:
        verification = verify_copy(backup, key)
    except (RegisterError, sqlite3.Error) as exc:
        raise RegisterError(f"Yedek açılamadı, hiçbir şey değiştirilmedi: {exc}") from None
    if not verification.ok:
        raise RegisterError(
            f"Yedeğin zinciri doğrulanmadı, hiçbir şey değiştirilmedi: {verification.problem}"
        )
    current = home / DB_FILE
    if current.exists() and not force:
        refusal = _older_or_foreign(current, backup, key)
        if refusal:
            raise RegisterError(f"{refusal} Hiçbir şey değiştirilmedi (zorlamak için --force).")
    saved = None
    if current.exists():
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = backups_dir(home) / f"before-restore-{stamp}.sqlite3"
        try:
            saved = make_backup(home, target).path
        except RegisterError:
            # A file SQLite cannot read is kept byte for byte, for whoever investigates it.
            saved = target.with_suffix(".damaged")
            shutil.copyfile(current, saved)
    incoming = home / (DB_FILE + ".restoring")
    try:
        backup_file(backup, incoming, key)
        for suffix in ("-wal", "-shm"):
            Path(str(current) + suffix).unlink(missing_ok=True)
        os.replace(incoming, current)
    except (OSError, sqlite3.Error) as exc:
        incoming.unlink(missing_ok=True)
        raise RegisterError(f"Geri yükleme yapılamadı: {exc}") from None
    return describe(current, key), saved
