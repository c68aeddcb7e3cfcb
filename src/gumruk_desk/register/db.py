"""The one engine factory: SQLite pragmas on every connection, migrations at start-up.

Every transaction starts with ``BEGIN IMMEDIATE`` so that writers are serialised by SQLite
itself: two desks' processes on one register (or two windows) never interleave a number
assignment, and a transaction killed half-way leaves nothing behind (WAL + synchronous=FULL).

The file is encrypted (SQLCipher 4, :mod:`driver`): every connection is keyed first, with the
register's raw key (:mod:`keys`). An old, unencrypted register is converted at its first
open (:func:`encrypt_plain`), and left untouched when that fails.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from gumruk_desk.register import driver, keys
from gumruk_desk.register.driver import sqlite3
from gumruk_desk.register.files import (
    APP_NAME,
    BUSY_TIMEOUT_S,
    DB_FILE,
    LOCK_FILE,
    SCHEMA_HEAD,
    RegisterError,
    RegisterLock,
    folder_failure,
    full_problems,
    home_dir,
    make_private,
    missing_register,
    quick_problems,
    schema_revision,
    wrong_key,
)

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = [
    "APP_NAME",
    "BUSY_TIMEOUT_S",
    "DB_FILE",
    "LOCK_FILE",
    "SCHEMA_HEAD",
    "Database",
    "RegisterError",
    "RegisterLock",
    "home_dir",
]

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Take transaction control away from pysqlite so that "begin" below decides how to begin.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    cursor.close()


def _begin_immediate(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _begin_deferred(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


#: A unit of work: an ORM session, or a DB-API connection inside the transaction that
#: :meth:`Database.write` began (the registration path). Functions typed with ``Unit`` use
#: plain SQL through :func:`cursor` only, so they serve both.
Unit = Session | sqlite3.Connection


def cursor(unit: Unit) -> sqlite3.Cursor:
    """A DB-API cursor inside the unit's transaction (the session's own connection).

    For fixed statements where SQLAlchemy's per-statement machinery costs more than SQLite's
    work. Plain SQL with ``?`` parameters only.
    """
    if isinstance(unit, sqlite3.Connection):
        return unit.cursor()
    session = unit
    # Kept per transaction: session.connection() costs more than the statements it serves.
    transaction = session.get_transaction()
    cached = session.info.get("_dbapi")
    if cached is not None and transaction is not None and cached[0] is transaction:
        connection: sqlite3.Connection = cached[1]
        return connection.cursor()
    dbapi = session.connection().connection.dbapi_connection
    assert isinstance(dbapi, sqlite3.Connection)
    session.info["_dbapi"] = (session.get_transaction(), dbapi)
    return dbapi.cursor()


def _create_engine(url: str, **kwargs: Any) -> Engine:
    """SQLAlchemy's engine on the register's driver (SQLCipher), not the standard library's
    ``sqlite3``; ``sqlite:///path`` keeps the pool a QueuePool."""
    return create_engine(url, module=sqlite3, **kwargs)


def _keying(key: bytes | None) -> Any:
    def on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        driver.apply_key(dbapi_connection, key)  # before any other statement, always

    return on_connect


def make_engine(path: Path, *, writer: bool = True, key: bytes | None = None) -> Engine:
    """An engine on the register file (keyed with ``key``; None: a plain SQLite file).
    Writers begin IMMEDIATE (serialised by SQLite); readers begin deferred and, in WAL mode,
    never wait for nor block a writer."""
    engine = _create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_S},
        # Bound values are travellers' data: never in a log line or an error's text.
        hide_parameters=True,
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _begin_immediate if writer else _begin_deferred)
    event.listen(engine, "connect", _keying(key), insert=True)
    return engine


def _alembic_config(connection: Any) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """Alembic's head, read from the migration scripts (slow: imports every one of them)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(None))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        dbapi = conn.connection.dbapi_connection
        assert isinstance(dbapi, sqlite3.Connection)
        return schema_revision(dbapi)


def backup_file(source: Path, target: Path, key: bytes | None) -> Path:
    """A consistent copy of a live SQLite file through SQLite's online backup API, encrypted
    with the register's ``key`` like the register itself (SQLCipher refuses to copy an
    encrypted file into an unkeyed one)."""
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix" and not target.exists():
        # Created private before SQLite writes a byte of the register's content into it.
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    src = driver.connect(source, key)
    try:
        dst = driver.connect(target, key)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def migrate(
    engine: Engine,
    path: Path,
    revision: str = "head",
    reader: Engine | None = None,
    *,
    key: bytes | None = None,
) -> None:
    """Bring the schema to ``revision``; an existing register is backed up first.

    The revision is read through ``reader`` when given, so that opening an up-to-date
    register takes no write lock."""
    current = current_revision(reader or engine)
    if current == (SCHEMA_HEAD if revision == "head" else revision):
        return  # the usual open: no Alembic to import
    from alembic import command

    target = head_revision() if revision == "head" else revision
    if current == target:
        return
    if current is not None:
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_file(
            path, path.parent / "backups" / f"before-migration-{current}-{stamp}.sqlite3", key
        )
    with engine.connect() as conn:
        # SQLite's procedure for rebuilding a table: foreign keys off (only possible outside a
        # transaction, so on the driver's connection before SQLAlchemy begins one), the
        # migration, then foreign_key_check before the commit.
        dbapi = conn.connection.dbapi_connection
        assert dbapi is not None
        dbapi.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                command.upgrade(_alembic_config(conn), revision)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RegisterError(
                        f"Kayıt defteri yükseltilemedi: {len(broken)} satırın bağlantısı kopuk "
                        f"({broken[0][0]}). Hiçbir şey değişmedi."
                    )
        finally:
            with contextlib.suppress(sqlite3.Error):  # died with the failure being raised
                dbapi.execute("PRAGMA foreign_keys=ON")


def write_failure(exc: BaseException, home: Path) -> str:
    """The Turkish sentence for a failed write (what happened, that nothing was written,
    what to do)."""
    detail = str(getattr(exc, "orig", None) or exc).lower()
    if "full" in detail:
        return (
            f"Disk dolu ({home}): işlem yapılmadı, hiçbir şey yarım yazılmadı. Diskte yer "
            "açıldığında aynı işlemi yeniden yapın; taslaklar yerinde durur."
        )
    if "readonly" in detail or "read-only" in detail or "read only" in detail:
        return (
            f"Veri klasörüne yazılamıyor ({home}): klasör ya da dosya salt okunur. İşlem "
            "yapılmadı; yazma izni verildiğinde yeniden deneyin."
        )
    if "locked" in detail or "busy" in detail:
        return (
            "Kayıt defterine şu anda erişilemiyor: başka bir işlem kullanıyor; işlem "
            "yapılmadı. Biraz sonra yeniden deneyin."
        )
    if "i/o" in detail or "disk" in detail:
        return (
            f"Disk okuma/yazma hatası ({home}): işlem yapılmadı. Disk denetlenmeli; sorun "
            "sürerse amirinize bildirin."
        )
    return f"Kayıt defterine yazılamadı ({home}): {exc}. İşlem yapılmadı."


def open_failure(exc: OperationalError, path: Path) -> str:
    """The Turkish sentence for a register that cannot be opened, naming the cause."""
    detail = str(exc.orig).lower()
    if "locked" in detail or "busy" in detail:
        return (
            f"Kayıt defterine şu anda erişilemiyor ({path}): başka bir işlem kullanıyor "
            f"({exc.orig}). Biraz sonra yeniden açın."
        )
    if "full" in detail:
        return str(folder_failure(OSError(errno.ENOSPC, "disk full"), path.parent))
    if "readonly" in detail or not os.access(path.parent, os.W_OK):
        return str(folder_failure(OSError(errno.EROFS, "read-only"), path.parent))
    if driver.is_wrong_key(exc):
        return wrong_key(path)
    return f"Kayıt defteri açılamadı ({path}): {exc.orig}."


def integrity_problem(engine: Engine, *, full: bool = False) -> str | None:
    """SQLite's own check of the file, bounded (:func:`files.quick_problems`, at every open)
    or ``full`` (every page; in the background); None when intact."""
    with engine.connect() as conn:
        dbapi = conn.connection.dbapi_connection
        assert isinstance(dbapi, sqlite3.Connection)
        return full_problems(dbapi) if full else quick_problems(dbapi)


class Database:
    """An opened, migrated register file with its session factory."""

    def __init__(self, home: Path, *, create: bool, key: bytes | None = None) -> None:
        """``key``: the register's key when the caller has it (a backup's copy being checked);
        otherwise it is looked up (:func:`keys.register_key`)."""
        self.home = home
        self.path = home / DB_FILE
        if not self.path.exists() and not create:
            raise missing_register(home)
        try:
            home.mkdir(mode=0o700, parents=True, exist_ok=True)
            make_private(home)
            self.lock = RegisterLock(home, exclusive=False)
        except OSError as exc:
            raise folder_failure(exc, home) from None
        new = not self.path.exists()
        try:
            self.key = key or self._key(new)
        except BaseException:
            self.lock.release()
            raise
        self.engine = make_engine(self.path, key=self.key)
        self.read_engine = make_engine(self.path, writer=False, key=self.key)
        try:
            migrate(self.engine, self.path, reader=self.read_engine, key=self.key)
            if new:
                make_private(home)  # the register (and its WAL) created just now
            problem = integrity_problem(self.read_engine)
        except OperationalError as exc:
            self._give_up()
            raise RegisterError(open_failure(exc, self.path)) from exc
        except Exception as exc:  # sqlite3 errors arrive wrapped in many SQLAlchemy types
            self._give_up()
            if driver.is_wrong_key(exc):
                raise keys.KeyUnavailable(wrong_key(self.path)) from exc
            raise RegisterError(f"Kayıt defteri açılamadı ({self.path}): {exc}") from exc
        if problem:
            self._give_up()
            raise RegisterError(f"Kayıt defteri dosyası bozuk ({self.path}): {problem}")
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writer: Any = None  # the writer engine's connection kept for write()
        self._writer_lock = threading.Lock()
        self._writer_owner: int | None = None  # the thread inside write(): no nesting
        self._readers = sessionmaker(self.read_engine, expire_on_commit=False)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only unit of work (deferred transaction: no write lock is taken)."""
        with self._readers() as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: ``BEGIN IMMEDIATE`` … ``COMMIT``, or rollback on any error.

        A full disk, a read-only folder or an I/O error rolls the whole unit back (SQLite
        writes nothing half-way) and is raised as a :class:`RegisterError` that says so in
        Turkish; the same work succeeds once the cause is gone.
        """
        try:
            with self.sessions.begin() as session:
                yield session
        except (DBAPIError, sqlite3.DatabaseError) as exc:  # full, read-only, I/O, damaged…
            raise RegisterError(write_failure(exc, self.home)) from exc

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One unit of work on a plain DB-API connection: ``BEGIN IMMEDIATE`` … ``COMMIT``,
        or ``ROLLBACK`` on any error, with the failures of :meth:`transaction`.

        The registration path: SQLAlchemy's session costs more per registration than SQLite's
        own work (``bench/register_bench.py``). The connection is the writer engine's (same
        pragmas), kept for this path alone and used by one thread at a time; only
        :data:`Unit` functions may be given it.
        """
        if self._writer_owner == threading.get_ident():
            raise RuntimeError("Database.write() inside write() on the same thread")
        with self._writer_lock:
            self._writer_owner = threading.get_ident()
            try:
                if self._writer is None:
                    self._writer = self.engine.raw_connection()
                pooled = self._writer
                conn = pooled.driver_connection
                assert isinstance(conn, sqlite3.Connection)
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        try:
                            conn.execute("ROLLBACK")
                        except sqlite3.Error:  # unusable: the next unit opens another
                            self._writer = None
                            pooled.invalidate()
                    raise
            except (DBAPIError, sqlite3.DatabaseError) as exc:  # full, read-only, I/O, locked…
                raise RegisterError(write_failure(exc, self.home)) from exc
            finally:
                self._writer_owner = None

    def _key(self, new: bool) -> bytes:
        """The register's key: made for a new register, read for an encrypted one; an old
        plain register is converted first (only under the lock held exclusive)."""
        key = keys.register_key(self.home)
        if key is not None:
            return key
        if new or self.path.stat().st_size == 0:
            return keys.new_key(self.home)
        self.lock.release()
        try:
            with _exclusive(self.home):
                key = encrypt_plain(self.home)
        finally:
            self.lock = RegisterLock(self.home, exclusive=False)
        return key

    def rotate_key(self, actor: str) -> tuple[str, list[Path]]:
        """Re-encrypt the register in place under a new key (``PRAGMA rekey``), recorded in
        the chain; the backups beside it follow. Only while no other window or command has
        the register open (another connection on the old key would fail). Returns the new
        recovery key and the backups left under the old one (their rekey failed)."""
        import secrets

        from gumruk_desk.domain.chainspec import REGISTER_KEY_ROTATED
        from gumruk_desk.register import chain

        new = secrets.token_bytes(driver.KEY_BYTES)
        old = self.key
        self.reset_connections()
        self.lock.release()
        try:
            try:
                exclusive = RegisterLock(self.home, exclusive=True)
            except RegisterError:
                raise RegisterError(
                    "Anahtar değiştirilemedi: kayıt defteri başka bir masa penceresinde ya da "
                    "komutta açık. Hiçbir şey değişmedi; diğerlerini kapatıp yeniden deneyin."
                ) from None
            try:
                # The new key is kept before the file is under it: a rotation killed half-way
                # leaves the register under one of two keys both at hand.
                keys.begin_rotation(self.home, new)
                conn = driver.connect(self.path, old, isolation_level=None, timeout=BUSY_TIMEOUT_S)
                try:
                    conn.execute(driver.key_pragma(new, "rekey"))
                    conn.execute("BEGIN IMMEDIATE")
                    chain.append_event(
                        conn, REGISTER_KEY_ROTATED, {"key_check": keys.check_of(new)}, actor=actor
                    )
                    conn.execute("COMMIT")
                finally:
                    conn.close()
                keys.finish_rotation(self.home, new)
                left = _rekey_backups(self.home, old, new)
            finally:
                exclusive.release()
        finally:
            self.lock = RegisterLock(self.home, exclusive=False)
        self.key = new
        self.engine = make_engine(self.path, key=new)
        self.read_engine = make_engine(self.path, writer=False, key=new)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._readers = sessionmaker(self.read_engine, expire_on_commit=False)
        recovery = keys.take_recovery_key(self.home)
        assert recovery is not None
        return recovery, left

    def _give_up(self) -> None:
        """An open that failed leaves no connection and no lock behind (a restore may follow)."""
        self.engine.dispose()
        self.read_engine.dispose()
        self.lock.release()

    def reset_connections(self) -> None:
        """Close every open connection; the next unit of work opens new ones (which run the
        engines' connect hooks again)."""
        with self._writer_lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None
            self.engine.dispose()
            self.read_engine.dispose()

    def close(self) -> None:
        self.reset_connections()
        self.lock.release()


@contextmanager
def _exclusive(home: Path) -> Iterator[None]:
    try:
        lock = RegisterLock(home, exclusive=True)
    except RegisterError:
        raise RegisterError(
            "Kayıt defteri şifrelenemedi: başka bir masa penceresi ya da komut açık tutuyor. "
            "Şifrelenmemiş kayıt defteri olduğu gibi duruyor; diğerlerini kapatıp yeniden açın."
        ) from None
    try:
        yield
    finally:
        lock.release()


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return {
        name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]) for name in names
    }


def export_encrypted(
    source: Path, target: Path, key: bytes, source_key: bytes | None = None
) -> None:
    """A copy of the SQLite file ``source`` (plain, or under ``source_key``) as a new file
    ``target`` encrypted with ``key``, schema version included (``sqlcipher_export`` leaves
    ``user_version`` and ``application_id`` behind)."""
    target.unlink(missing_ok=True)  # the export needs an empty target
    if os.name == "posix":
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    conn = driver.connect(source, source_key, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    try:
        conn.execute(f"ATTACH DATABASE ? AS enc KEY \"x'{key.hex()}'\"", (str(target),))
        conn.execute("SELECT sqlcipher_export('enc')")
        for pragma in ("user_version", "application_id"):
            value = int(conn.execute(f"PRAGMA main.{pragma}").fetchone()[0])
            conn.execute(f"PRAGMA enc.{pragma} = {value}")
        conn.execute("DETACH DATABASE enc")
    finally:
        conn.close()


def _verify_converted(plain: Path, converted: Path, key: bytes) -> str | None:
    """Why the converted copy may not replace the plain register (None: it may): every
    table's row count, and the chain walked on the copy."""
    from gumruk_desk.register import chain

    conn = driver.connect(plain, None, read_only=True, timeout=BUSY_TIMEOUT_S)
    try:
        before = _counts(conn)
    finally:
        conn.close()
    conn = driver.connect(converted, key, timeout=BUSY_TIMEOUT_S)
    try:
        conn.execute("PRAGMA journal_mode=WAL")  # the export leaves a rollback journal
        after = _counts(conn)
        problem = full_problems(conn)
    finally:
        conn.close()
    if problem:
        return f"şifreli kopya bozuk: {problem}"
    if before != after:
        differ = sorted(n for n in set(before) | set(after) if before.get(n) != after.get(n))
        return f"satır sayıları tutmuyor ({', '.join(differ)})"
    if "event" not in after:
        return None  # an empty file: no chain to walk
    engine = make_engine(converted, key=key)
    try:
        # The chain is walked by today's code: an older register's copy is migrated first
        # (its counts were compared before, as exported).
        migrate(engine, converted, key=key)
        with Session(engine) as session:
            verification = chain.verify(session)
    finally:
        engine.dispose()
    return None if verification.ok else f"zincir doğrulanmadı: {verification.problem}"


def _shred(path: Path) -> None:
    """Overwrite a file that held the register in the clear, then remove it (on a
    copy-on-write or wear-levelled disk the old blocks may survive: best effort)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with contextlib.suppress(OSError), open(path, "r+b") as f:
        chunk = b"\0" * 65536
        left = size
        while left > 0:
            left -= f.write(chunk[: min(left, len(chunk))])
        f.flush()
        os.fsync(f.fileno())
    path.unlink(missing_ok=True)


def encrypt_plain(home: Path) -> bytes:
    """Convert the unencrypted register at ``home`` (the lock held exclusive): exported
    under a new key, verified (row counts, chain), backed up, and only then put in the
    plain file's place, which is overwritten and removed; its plain backups likewise. A
    failure leaves the plain register as it was and says why (RegisterError)."""
    path = home / DB_FILE
    converting = home / (DB_FILE + ".encrypting")
    info_file = home / keys.KEY_FILE
    key = keys.new_key(home)  # KeyUnavailable (nothing written) when nothing can keep it
    try:
        export_encrypted(path, converting, key)
        problem = _verify_converted(path, converting, key)
        if problem:
            raise RegisterError(problem)
        # The migration of the copy, if any, backed it up as "before-migration" already.
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_file(converting, home / "backups" / f"before-encryption-{stamp}.sqlite3", key)
    except (RegisterError, OSError, sqlite3.Error, DBAPIError) as exc:
        for leftover in (converting, Path(f"{converting}-wal"), Path(f"{converting}-shm")):
            leftover.unlink(missing_ok=True)
        info_file.unlink(missing_ok=True)
        keys.forget(home)
        raise RegisterError(
            f"Kayıt defteri şifrelenemedi ({path}): {exc}. Şifrelenmemiş kayıt defteri "
            "olduğu gibi duruyor; sorun giderilince yeniden açın."
        ) from exc
    for suffix in ("-wal", "-shm"):
        Path(f"{converting}{suffix}").unlink(missing_ok=True)
    plain_copy = home / (DB_FILE + ".plain")
    os.replace(path, plain_copy)  # the plain bytes, out of the way before the new file
    os.replace(converting, path)
    _shred(plain_copy)
    for suffix in ("-wal", "-shm"):
        _shred(Path(f"{path}{suffix}"))
    _encrypt_plain_backups(home, key)
    return key


def _encrypt_plain_backups(home: Path, key: bytes) -> None:
    """The plain register's backups, encrypted in place under its key (one that fails stays
    as it was: it is still a backup)."""
    folder = home / "backups"
    if not folder.is_dir():
        return
    for copy in sorted(folder.glob("*.sqlite3")):
        if not driver.is_plain(copy):
            continue
        converting = copy.with_name(copy.name + ".encrypting")
        try:
            export_encrypted(copy, converting, key)
            os.replace(converting, copy.with_name(copy.name + ".new"))
        except (OSError, sqlite3.Error):
            converting.unlink(missing_ok=True)
            continue
        plain_copy = copy.with_name(copy.name + ".plain")
        os.replace(copy, plain_copy)
        os.replace(copy.with_name(copy.name + ".new"), copy)
        _shred(plain_copy)


def _rekey_backups(home: Path, old: bytes | None, new: bytes) -> list[Path]:
    """The backups under the old key re-encrypted under the new one (so the new recovery key
    restores them); those that fail are returned (they open with the old recovery key)."""
    left: list[Path] = []
    folder = home / "backups"
    for copy in sorted(folder.glob("*.sqlite3")) if folder.is_dir() else []:
        try:
            conn = driver.connect(copy, old, isolation_level=None)
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                conn.execute(driver.key_pragma(new, "rekey"))
            finally:
                conn.close()
        except sqlite3.Error:
            left.append(copy)
    return left
