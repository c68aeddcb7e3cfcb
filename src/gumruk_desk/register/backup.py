"""Backups of the register (SQLite's online backup API: a consistent copy of a live file) and
restoring one — only after the copy's own chain verifies, and only after the register it
replaces has itself been copied aside.

Daily backups go to ``backups/daily-YYYYMMDD.sqlite3`` beside the register and are kept for
``KEEP_DAILY`` days; a backup before every migration is made by ``db.migrate``. A backup is
encrypted with the register's own key (so its recovery key restores it on a new machine).
"""

from __future__ import annotations

import contextlib
import datetime
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from gumruk_desk.register import chain, driver, keys
from gumruk_desk.register.db import DB_FILE, Database, RegisterError, RegisterLock, backup_file
from gumruk_desk.register.driver import sqlite3
from gumruk_desk.register.files import make_private

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


def _older_or_foreign(
    current: Path, backup: Path, key: bytes | None, backup_key: bytes | None = None
) -> str | None:
    """Why ``backup`` may not replace an intact ``current`` (None: it may). ``backup_key``:
    the backup's own key where it is not the register's (a restore with a recovery key)."""
    backup_key = key if backup_key is None else backup_key
    try:
        verification = verify_copy(current, key)
    except (RegisterError, sqlite3.Error):
        return None  # the current register cannot even be opened: restoring is the cure
    if not verification.ok:
        return None  # a broken register is what a restore is for
    mine, theirs = describe(current, key), describe(backup, backup_key)
    if _station(current, key) != _station(backup, backup_key):
        return "Yedek başka bir masanın kayıt defteri."
    if theirs.events < mine.events:
        return (
            f"Yedek, sağlam olan kayıt defterinden eski ({theirs.events} olay; masada "
            f"{mine.events}): geri yüklenirse numaralar yeniden verilir."
        )
    if _hash_at(backup, mine.events, backup_key) != mine.head:
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


class RecoveryKeyNeeded(keys.KeyUnavailable):
    """The backup is encrypted under a key this data folder does not hold (a new machine,
    a keyring lost, a backup under another key): its recovery key restores it. Nothing was
    changed."""


def restore(
    home: Path, backup: Path, *, force: bool = False, recovery: str | None = None
) -> tuple[BackupInfo, Path | None]:
    """Replace the register with ``backup`` once its chain verifies; the current register is
    first copied to ``backups/before-restore-….sqlite3`` (returned).

    Refused while the register is open anywhere; refused too, unless ``force``, when the
    current register is intact and the backup is not a later state of it (older, another
    desk's, or a different history): restoring it would give out numbers again.

    The backup is opened with the register's key; where that key is not at hand or does not
    open it, :class:`RecoveryKeyNeeded` is raised, and ``recovery`` (the backup's recovery
    key) restores it instead: its key is then kept for ``home`` again (keyring, else the
    station passphrase held by :func:`keys.set_new_passphrase`), before anything is replaced.
    """
    if not backup.is_file():
        raise RegisterError(f"Yedek dosyası yok: {backup}")
    if recovery is None:
        key = _home_key_for(home, backup)
        current_key = key
    else:
        key = _recovery_key_for(backup, recovery)
        current_key = _current_key(home, key)
    # Only now, the backup known to open: a refused restore leaves a new folder uncreated.
    created = not home.exists()
    try:
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
        make_private(home)
    except OSError as exc:
        raise RegisterError(f"Veri klasörü hazırlanamadı ({home}): {exc}") from None
    lock = RegisterLock(home, exclusive=True)  # no desk may have the register open
    try:
        return _restore(home, backup, key, current_key, force=force, adopting=recovery is not None)
    except BaseException:
        if created and not (home / DB_FILE).exists():
            # A refused restore onto a new machine leaves no folder behind (only its lock
            # file was written there).
            lock.release()
            shutil.rmtree(home, ignore_errors=True)
        raise
    finally:
        lock.release()


def _home_key_for(home: Path, backup: Path) -> bytes | None:
    """The register's key, when it opens ``backup``; RecoveryKeyNeeded when it does not."""
    try:
        key = keys.register_key(home)
    except keys.PassphraseNeeded:
        raise  # the station passphrase unlocks it: asked first, not the recovery key
    except keys.KeyUnavailable as exc:
        raise RecoveryKeyNeeded(
            f"{exc} Yedek, bu makinede anahtarı olmadan yalnızca kurtarma anahtarıyla geri "
            "yüklenebilir."
        ) from None
    if driver.is_plain(backup):
        return key  # from before encryption: no key opens it, so there is nothing to ask
    if key is None:
        raise RecoveryKeyNeeded(
            "Bu veri klasöründe kayıt defterinin anahtarı yok (yeni bir makine): yedek "
            "kurtarma anahtarıyla açılır."
        )
    if not keys.opens(backup, key):
        raise RecoveryKeyNeeded(
            "Yedek, bu kayıt defterinin anahtarıyla açılmıyor (başka bir anahtarla "
            "şifrelenmiş): yedek kendi kurtarma anahtarıyla açılır."
        )
    return key


def _recovery_key_for(backup: Path, recovery: str) -> bytes:
    try:
        key = keys.parse_recovery(recovery)
    except ValueError as exc:
        raise keys.KeyUnavailable(f"{exc} Hiçbir şey değiştirilmedi.") from None
    if not keys.opens(backup, key):
        raise keys.KeyUnavailable(
            "Kurtarma anahtarı bu yedeği açmıyor (başka bir masanın ya da eski bir anahtar "
            "olabilir; yedek dosyası bozuksa da böyle görünür). Hiçbir şey değiştirilmedi."
        )
    return key


def _current_key(home: Path, backup_key: bytes) -> bytes | None:
    """The key of the register being replaced, where one is at hand: its own, or the
    backup's when that opens it too (the same register, its keyring lost). None: it cannot
    be read here (no register, or its key is not at hand)."""
    current = home / DB_FILE
    if not current.exists():
        return None
    with contextlib.suppress(keys.KeyUnavailable):
        found = keys.register_key(home)
        if found is not None:
            return found
    return backup_key if keys.opens(current, backup_key) else None


def _restore(
    home: Path,
    backup: Path,
    key: bytes | None,
    current_key: bytes | None,
    *,
    force: bool,
    adopting: bool,
) -> tuple[BackupInfo, Path | None]:
    try:
        verification = verify_copy(backup, key)
    except (RegisterError, sqlite3.Error) as exc:
        raise RegisterError(f"Yedek açılamadı, hiçbir şey değiştirilmedi: {exc}") from None
    if not verification.ok:
        raise RegisterError(
            f"Yedeğin zinciri doğrulanmadı, hiçbir şey değiştirilmedi: {verification.problem}"
        )
    current = home / DB_FILE
    readable = not adopting or current_key is not None
    if current.exists() and not force:
        if not readable:
            raise RegisterError(
                "Bu klasörde anahtarı bu makinede olmayan bir kayıt defteri var ve kurtarma "
                "anahtarı onu açmıyor: yedekle karşılaştırılamadı. Hiçbir şey değiştirilmedi "
                "(zorlamak için --force)."
            )
        refusal = _older_or_foreign(current, backup, current_key, key)
        if refusal:
            raise RegisterError(f"{refusal} Hiçbir şey değiştirilmedi (zorlamak için --force).")
    # The key is kept before the register is replaced: if nothing can keep it (no keyring,
    # no station passphrase), the register stays as it was.
    adoption = keys.prepare_adoption(home, key) if adopting and key is not None else None
    try:
        saved = _save_current(home, current_key if adopting else None, readable)
        incoming = home / (DB_FILE + ".restoring")
        try:
            backup_file(backup, incoming, key)
            for suffix in ("-wal", "-shm"):
                Path(str(current) + suffix).unlink(missing_ok=True)
            os.replace(incoming, current)
        except (OSError, sqlite3.Error) as exc:
            incoming.unlink(missing_ok=True)
            raise RegisterError(f"Geri yükleme yapılamadı: {exc}") from None
    except BaseException:
        if adoption is not None:
            keys.abandon_adoption(home, adoption)
        raise
    if adoption is not None and key is not None:
        keys.adopt(home, adoption, key)
    return describe(current, key), saved


def _save_current(home: Path, key: bytes | None, readable: bool) -> Path | None:
    """The register about to be replaced, copied to ``backups/before-restore-…`` (None: there
    is none). ``key``: its key where the register's own is not at hand (a restore with a
    recovery key); ``readable`` False: no key opens it here, so its bytes are kept as they
    are, for its own recovery key to open later."""
    current = home / DB_FILE
    if not current.exists():
        return None
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backups_dir(home) / f"before-restore-{stamp}.sqlite3"
    if not readable:
        kept = target.with_suffix(".keyless")
        kept.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copyfile(current, kept)
        wal = Path(f"{current}-wal")
        if wal.exists():  # committed work not yet in the file itself
            shutil.copyfile(wal, Path(f"{kept}-wal"))
        return kept
    try:
        if key is None:
            return make_backup(home, target).path
        backup_file(current, target, key)
        return target
    except (RegisterError, OSError, sqlite3.Error):
        target.unlink(missing_ok=True)
        # A file SQLite cannot read is kept byte for byte, for whoever investigates it.
        saved = target.with_suffix(".damaged")
        shutil.copyfile(current, saved)
        return saved
