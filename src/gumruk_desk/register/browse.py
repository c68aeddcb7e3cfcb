"""The register as the desk window's table shows it: filtered, newest first, a page at a time.

Pages are keyset pages (``id < last id seen``), so the thousandth page costs what the first
does. Search text goes through the same three indexes as :func:`registry.search` (number,
document number, surname key), combined so one box finds any of them.
"""

from __future__ import annotations

import datetime
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from gumruk_desk.domain.text import search_keys
from gumruk_desk.errors import FilterError as FilterError
from gumruk_desk.register import db, reader
from gumruk_desk.register.driver import sqlite3

KINDS = ("nakit_beyan", "nakit_aciklama")
STATUSES = ("registered", "cancelled")

# Literal kinds (not parameters): only then can SQLite use the partial indexes of 0005.
_CANCELLED = (
    "EXISTS (SELECT 1 FROM event e WHERE e.kind = 'cancellation_approved' "
    "AND e.record_id = record.id)"
)
_SYNCED = (
    "EXISTS (SELECT 1 FROM event e WHERE e.kind = 'sync_acknowledged' AND e.record_id = record.id)"
)
# The few (cancelled, uploaded) drive the query from their partial index instead of a scan.
_CANCELLED_IDS = "id IN (SELECT record_id FROM event WHERE kind = 'cancellation_approved')"
_SYNCED_IDS = "id IN (SELECT record_id FROM event WHERE kind = 'sync_acknowledged')"
# Any sanction: a fine, custody, a referral or cash over an exit limit (the outcome code alone
# says "correct" for an exit whose cash was held over the limit).
_SANCTIONED = (
    "(json_extract(content, '$.outcome.fine_try') NOT IN ('0', '0.00') "
    "OR json_array_length(content, '$.outcome.custody') > 0 "
    "OR json_extract(content, '$.outcome.prosecutor_referral') "
    "OR json_extract(content, '$.outcome.exit_limit_exceeded'))"
)
# One row of the table as a JSON array; a page comes back as one JSON text (see page()).
_ROW = (
    "json_array(id, number, kind, record_date, registered_at, "
    "json_extract(content, '$.person.first_name'), json_extract(content, '$.person.last_name'), "
    f"id_number, outcome_code, officer_sicil, {_CANCELLED}, {_SYNCED}, paper_number IS NOT NULL, "
    f"{_SANCTIONED})"
)


class Cancelled(Exception):
    """The query was stopped by :meth:`Cancel.cancel` before it finished."""


_PROGRESS_STEPS = 10_000  # SQLite VM steps between two looks at a cancel (a few µs of work)


class Cancel:
    """Lets another thread stop a query of this module while SQLite runs it.

    The window's table asks on a worker thread; when the officer types on, the older query
    is of no use, and :meth:`cancel` interrupts it (``sqlite3.Connection.interrupt``) instead
    of letting it hold the worker. A cancelled query raises :class:`Cancelled`; one that
    had not started yet never starts. Only the statement of this module is interrupted: the
    connection is watched only while it runs. Besides the interrupt, SQLite asks a progress
    handler every few thousand steps, so a cancel that comes just before the statement starts
    (when an interrupt does nothing) still stops it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._cancelled = False

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._connection is not None:
                self._connection.interrupt()

    @contextmanager
    def watching(self, cursor: sqlite3.Cursor) -> Iterator[None]:
        connection = cursor.connection
        with self._lock:
            if self._cancelled:
                raise Cancelled
            self._connection = connection
        connection.set_progress_handler(self._stop, _PROGRESS_STEPS)
        try:
            yield
        except sqlite3.OperationalError as exc:
            if self._cancelled:
                raise Cancelled from exc
            raise
        finally:
            connection.set_progress_handler(None, 0)
            with self._lock:
                self._connection = None

    def _stop(self) -> int:
        return 1 if self._cancelled else 0


@contextmanager
def _watched(cursor: sqlite3.Cursor, cancel: Cancel | None) -> Iterator[None]:
    if cancel is None:
        yield
    else:
        with cancel.watching(cursor):
            yield


@dataclass(frozen=True)
class RecordFilter:
    text: str = ""
    kind: str | None = None  # "nakit_beyan" | "nakit_aciklama"
    date_from: datetime.date | None = None  # record date, inclusive
    date_to: datetime.date | None = None  # inclusive
    status: str | None = None  # "registered" | "cancelled"
    synced: bool | None = None

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind not in KINDS:
            raise FilterError(f"Kayıt türü '{self.kind}' tanınmıyor.")
        if self.status is not None and self.status not in STATUSES:
            raise FilterError(f"Durum '{self.status}' tanınmıyor.")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise FilterError("Başlangıç tarihi bitiş tarihinden sonra olamaz.")


@dataclass(frozen=True)
class RecordRow:
    id: int
    number: str
    kind: str
    record_date: datetime.date
    registered_at: str
    first_name: str
    last_name: str
    id_number: str
    outcome_code: str
    officer_sicil: str
    cancelled: bool
    synced: bool
    paper: bool
    sanctioned: bool = False  # a fine, custody, a referral or an exit limit exceeded


def _name_ranges(text: str) -> tuple[str, list[Any]]:
    """The surname-key ranges ``text`` may start (each spelling of its I's), OR'ed."""
    keys = search_keys(text)
    sql = " OR ".join("(last_name_key >= ? AND last_name_key < ?)" for _ in keys)
    params: list[Any] = []
    for key in keys:
        params += [key, key + "\U0010ffff"]
    return f"({sql})", params


def _exact(text: str) -> list[Any]:
    """The record number and the document number ``text`` may be, as they are stored."""
    return [text.upper(), text.replace(" ", "").upper()]


def _only_text(flt: RecordFilter) -> bool:
    return bool(flt.text.strip()) and flt == RecordFilter(text=flt.text)


def _where(
    flt: RecordFilter, *, paging: bool = False, before_id: int | None = None, limit: int = 0
) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    text = flt.text.strip()
    if text and _only_text(flt) and not paging:
        # A count of a search alone: SQLite's OR over the three indexes counts tens of
        # thousands of surname matches from the index itself (8 ms at a million records,
        # against 90-300 ms for the UNION of ids below).
        ranges, ranges_params = _name_ranges(text)
        clauses.append(f"({ranges} OR number = ? OR id_number = ?)")
        return clauses, [*ranges_params, *_exact(text)]
    if text and _only_text(flt):
        # A page of a search alone: only the newest ``limit`` surname matches can be on it,
        # taken from the covering (last_name_key, id) index by a top-N sort instead of
        # gathering every match first (a prefix of one letter: 23 ms instead of 120 ms).
        ranges, ranges_params = _name_ranges(text)
        before = " AND id < ?" if before_id is not None else ""
        clauses.append(
            f"id IN (SELECT id FROM (SELECT id FROM record WHERE {ranges}{before} "
            "ORDER BY id DESC LIMIT ?) UNION SELECT id FROM record WHERE number = ? "
            "UNION SELECT id FROM record WHERE id_number = ?)"
        )
        params += ranges_params
        if before_id is not None:
            params.append(before_id)
        params += [limit, *_exact(text)]
    elif text:
        ranges, ranges_params = _name_ranges(text)
        clauses.append(
            "id IN (SELECT id FROM record WHERE number = ? "
            f"UNION SELECT id FROM record WHERE id_number = ? "
            f"UNION SELECT id FROM record WHERE {ranges})"
        )
        params += [*_exact(text), *ranges_params]
    # A page of a search: the records the text finds drive the query, and the unary + keeps
    # SQLite from walking the kind or date index by id instead (a third of a second at a
    # million records). A count is served best by both indexes together.
    plus = "+" if text and paging else ""
    if flt.kind:
        clauses.append(f"{plus}kind = ?")
        params.append(flt.kind)
    if flt.date_from:
        clauses.append(f"{plus}record_date >= ?")
        params.append(flt.date_from.isoformat())
    if flt.date_to:
        clauses.append(f"{plus}record_date <= ?")
        params.append(flt.date_to.isoformat())
    if flt.status:
        clauses.append(_CANCELLED_IDS if flt.status == "cancelled" else f"NOT {_CANCELLED}")
    if flt.synced is not None:
        clauses.append(_SYNCED_IDS if flt.synced else f"NOT {_SYNCED}")
    return clauses, params


def count(session: Session, flt: RecordFilter, *, cancel: Cancel | None = None) -> int:
    """Records matching ``flt``; ``cancel`` may stop it from another thread."""
    clauses, params = _where(flt)
    cur = db.cursor(session)
    if not clauses:
        # Records are never deleted and ids are handed out max + 1, so the largest id is the
        # count, read from the end of the primary key instead of a scan.
        return int(cur.execute("SELECT coalesce(max(id), 0) FROM record").fetchone()[0])
    sql = "SELECT count(*) FROM record WHERE " + " AND ".join(clauses)
    with _watched(cur, cancel):
        return int(cur.execute(sql, params).fetchone()[0])


def page(
    session: Session,
    flt: RecordFilter,
    *,
    before_id: int | None = None,
    limit: int = 200,
    cancel: Cancel | None = None,
) -> list[RecordRow]:
    """Up to ``limit`` rows matching ``flt``, newest first, after ``before_id``; ``cancel``
    may stop it from another thread."""
    limit = max(1, min(limit, 5000))
    clauses, params = _where(flt, paging=True, before_id=before_id, limit=limit)
    if before_id is not None:
        clauses.append("id < ?")
        params.append(before_id)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    # The page as one JSON text, one SQLite step: fetching 200 rows one step each gives the
    # GIL back and forth 200 times, and with the window's thread busy beside it that
    # tripled the time of a page read on a worker (6 ms alone, 20 ms beside the window).
    sql = (
        f"SELECT '[' || group_concat(r, ',') || ']' FROM "
        f"(SELECT {_ROW} AS r FROM record{where} ORDER BY id DESC LIMIT ?)"
    )
    cur = db.cursor(session)
    with _watched(cur, cancel):
        found = cur.execute(sql, [*params, limit]).fetchone()[0]
    rows = sorted(json.loads(found) if found else [], key=lambda r: -int(r[0]))
    return [
        RecordRow(
            id=r[0],
            number=r[1],
            kind=r[2],
            record_date=datetime.date.fromisoformat(r[3]),
            registered_at=r[4],
            first_name=r[5] or "",
            last_name=r[6] or "",
            id_number=r[7],
            outcome_code=r[8],
            officer_sicil=r[9],
            cancelled=bool(r[10]),
            synced=bool(r[11]),
            paper=bool(r[12]),
            sanctioned=bool(r[13]),
        )
        for r in rows
    ]


def pending_upload(session: Session) -> int:
    """Records the centre has neither acknowledged nor rejected (a rejected one is
    quarantined, not pending: the same figure as the sync receipt)."""
    from gumruk_desk.register import outbox

    return outbox.counts(session)["pending"]


# The partial index's predicate, verbatim (else SQLite scans every record).
_SEIZURE = reader.SEIZURE_PREDICATE_SQL
UPLOAD_DEADLINE = datetime.timedelta(hours=24)  # Genelge 2019/1 Art. 4(2), SPEC §6


@dataclass(frozen=True)
class PendingSeizure:
    """A seizure not yet acknowledged by the central system, with its 24-hour deadline."""

    number: str
    kind: str
    first_name: str
    last_name: str
    made_at: datetime.datetime  # when the seizure was made (a paper form: when it was filled)
    custody: list[dict[str, Any]]

    @property
    def deadline(self) -> datetime.datetime:
        return self.made_at + UPLOAD_DEADLINE

    def time_left(self, now: datetime.datetime) -> datetime.timedelta:
        """Negative once the 24 hours have passed."""
        return self.deadline - now


def pending_seizures(session: Session) -> list[PendingSeizure]:
    """Seizures (custody) neither uploaded nor cancelled, oldest deadline first."""
    sql = (
        "SELECT number, kind, json_extract(content, '$.person.first_name'), "
        "json_extract(content, '$.person.last_name'), registered_at, "
        "json_extract(content, '$.paper.filled_at'), json_extract(content, '$.outcome.custody') "
        f"FROM record WHERE {_SEIZURE} AND NOT {_SYNCED} AND NOT {_CANCELLED}"
    )
    found = []
    for number, kind, first, last, registered_at, filled_at, custody in (
        db.cursor(session).execute(sql).fetchall()
    ):
        made = datetime.datetime.fromisoformat(filled_at or registered_at)
        if made.tzinfo is None:  # a paper form's moment is the station's local time
            made = made.astimezone()
        found.append(
            PendingSeizure(number, kind, first or "", last or "", made, json.loads(custody))
        )
    return sorted(found, key=lambda s: (s.made_at, s.number))
