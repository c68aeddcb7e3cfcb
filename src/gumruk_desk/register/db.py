"""The one engine factory: SQLite pragmas on every connection, migrations at start-up.

Every transaction starts with ``BEGIN IMMEDIATE`` so that writers are serialised by SQLite
itself: two desks' processes on one register (or two windows) never interleave a number
assignment, and a transaction killed half-way leaves nothing behind (WAL + synchronous=FULL).
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

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


def make_engine(path: Path, *, writer: bool = True) -> Engine:
    """An engine on the register file. Writers begin IMMEDIATE (serialised by SQLite);
    readers begin deferred and, in WAL mode, never wait for nor block a writer."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_S},
        # Bound values are travellers' data: never in a log line or an error's text.
        hide_parameters=True,
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _begin_immediate if writer else _begin_deferred)
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


def backup_file(source: Path, target: Path) -> Path:
    """A consistent copy of a live SQLite file through SQLite's online backup API."""
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix" and not target.exists():
        # Created private before SQLite writes a byte of the register's content into it.
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def migrate(
    engine: Engine, path: Path, revision: str = "head", reader: Engine | None = None
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
        backup_file(path, path.parent / "backups" / f"before-migration-{current}-{stamp}.sqlite3")
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

    def __init__(self, home: Path, *, create: bool) -> None:
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
        self.engine = make_engine(self.path)
        self.read_engine = make_engine(self.path, writer=False)
        try:
            migrate(self.engine, self.path, reader=self.read_engine)
            if new:
                make_private(home)  # the register (and its WAL) created just now
            problem = integrity_problem(self.read_engine)
        except OperationalError as exc:
            self._give_up()
            raise RegisterError(open_failure(exc, self.path)) from exc
        except Exception as exc:  # sqlite3 errors arrive wrapped in many SQLAlchemy types
            self._give_up()
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
