"""Reading registered records with the register's DB-API driver alone (:mod:`driver`).

A record as the command line shows it (``record show``, ``record list``) and the bank's check
of a declaration (``record verify``) are plain reads of two tables. They are written here once,
on a DB-API cursor, and serve both the opened register (:mod:`registry`, inside an ORM
session) and :class:`Reader`, which answers those commands without importing SQLAlchemy or
Alembic: a read-only command then starts in a small multiple of the interpreter's own start.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from gumruk_desk.domain.chainspec import (
    CANCELLATION_APPROVED as CANCELLATION_APPROVED,
    REPLACEMENT_LINKED as REPLACEMENT_LINKED,
)
from gumruk_desk.register import driver, keys
from gumruk_desk.register.driver import sqlite3
from gumruk_desk.register.files import (
    BUSY_TIMEOUT_S,
    DB_FILE,
    SCHEMA_HEAD,
    RegisterError,
    RegisterLock,
    missing_register,
    quick_problems,
    schema_revision,
    wrong_key,
)

#: Seizure reports (zabıt varakası, Law 1918 Art. 54): one number for every record that puts
#: cash into custody; a prohibited source on entry, which may not be declared at all
#: (§G1.1/a "beyanı da mümkün değildir"), is registered under that number alone.
SEIZURE_SERIES = "Z"
# The expression of the unique index of migration 0010 (SQLite uses it only for this text).
SEIZURE_NUMBER_SQL = (
    "(CASE WHEN json_valid(content) THEN json_extract(content, '$.seizure_report.number') END)"
)
BY_SEIZURE_SQL = f"SELECT id FROM record WHERE {SEIZURE_NUMBER_SQL} = ?"
# The expression of the index of migration 0011: exits citing a Nakit Beyan Formu.
EXIT_REFERENCE_SQL = (
    "(CASE WHEN json_valid(content) THEN json_extract(content, '$.exit_exception.reference') END)"
)
# The predicate of migration 0006's partial index of records that put cash into custody.
SEIZURE_PREDICATE_SQL = (
    "CASE WHEN json_valid(content) THEN json_array_length(content, '$.outcome.custody') "
    "ELSE 0 END > 0"
)

# Kind literals: SQLite serves each from its partial index (migrations 0005 and 0008).
_EVENTS_SQL = {
    kind: f"SELECT actor, at, payload FROM event WHERE record_id = ? AND kind = '{kind}' "
    "ORDER BY seq"
    for kind in (CANCELLATION_APPROVED, REPLACEMENT_LINKED)
}

QR_PREFIX = "GMASA1"
DECLARATION_KIND = "nakit_beyan"  # domain.vocabulary.Kind.NAKIT_BEYAN (a test keeps them equal)

_COLUMNS = "id, number, kind, outcome_code, id_number, record_date, content, row_hash"


class StoredRecord(NamedTuple):
    """The columns of a record row that reading it needs."""

    id: int
    number: str
    kind: str
    outcome_code: str
    id_number: str
    record_date: str
    content: str
    row_hash: str


class Cancellation(NamedTuple):
    """An approved cancellation (a NamedTuple, not a dataclass: ``dataclasses`` would add a
    third to a read-only command's imports)."""

    number: str
    reason: str
    requested_by: str
    approved_by: str
    at: str
    copies_collected: int
    replaced_by: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "reason": self.reason,
            "requested_by": self.requested_by,
            "approved_by": self.approved_by,
            "at": self.at,
            "copies_collected": self.copies_collected,
            "replaced_by": self.replaced_by,
        }


def _events(cur: sqlite3.Cursor, record_id: int, kind: str) -> list[tuple[str | None, str, str]]:
    """(actor, at, payload) of the record's events of ``kind``, in chain order."""
    return cur.execute(_EVENTS_SQL[kind], (record_id,)).fetchall()


def cancellation_of(cur: sqlite3.Cursor, record_id: int, number: str) -> Cancellation | None:
    """The approved cancellation of a record, with its replacement if one is linked."""
    approved = _events(cur, record_id, CANCELLATION_APPROVED)
    if not approved:
        return None
    actor, at, payload_json = approved[0]
    payload = json.loads(payload_json)
    links = _events(cur, record_id, REPLACEMENT_LINKED)
    replaced = json.loads(links[0][2]).get("replacement") if links else None
    return Cancellation(
        number=number,
        reason=payload.get("reason", ""),
        requested_by=payload.get("requested_by", ""),
        approved_by=actor or "",
        at=at,
        copies_collected=int(payload.get("copies_collected") or 0),
        replaced_by=replaced,
    )


def record_json(cur: sqlite3.Cursor, record_id: int, number: str, content: str) -> dict[str, Any]:
    """The registered record (SPEC §9) plus its current ``status``."""
    found: dict[str, Any] = json.loads(content)
    cancelled = cancellation_of(cur, record_id, number)
    found["status"] = "registered" if cancelled is None else "cancelled"
    if cancelled is not None:
        found["cancellation"] = cancelled.to_json()
    return found


def find_record(cur: sqlite3.Cursor, number: str) -> StoredRecord | None:
    """The record of ``number``; a seizure report's number leads to the record it came from."""
    row = cur.execute(f"SELECT {_COLUMNS} FROM record WHERE number = ?", (number,)).fetchone()
    if row is None and f"-{SEIZURE_SERIES}-" in number:
        found = cur.execute(BY_SEIZURE_SQL, (number,)).fetchone()
        if found is not None:
            row = cur.execute(f"SELECT {_COLUMNS} FROM record WHERE id = ?", found).fetchone()
    return None if row is None else StoredRecord(*row)


def parse_qr(text: str) -> dict[str, str] | None:
    """The fields of a scanned QR string ``GMASA1|number|date|TL total|hash prefix``, or None
    when ``text`` is not one (then it is a plain form number)."""
    parts = text.strip().split("|")
    if len(parts) != 5 or parts[0] != QR_PREFIX:
        return None
    return dict(zip(("number", "date", "total", "hash"), parts[1:], strict=True))


def _normal_document(text: str) -> str:
    return "".join(text.split()).upper()


def verify_declaration(cur: sqlite3.Cursor, number: str, document: str) -> dict[str, Any]:
    """The bank's check of a Nakit Beyan Formu (§G1.2a): genuine, cancelled or unknown.

    ``number`` is the form number or the whole scanned QR string; from a QR the date, the TL
    total and the hash prefix it carries are compared with the register, and a form whose QR
    says otherwise answers ``"mismatch"`` (with what the register holds and which fields
    differ): a copy altered or made up around a genuine number. A number that is not a
    declaration, or whose document number differs, is "unknown" like a number never given,
    so the answer says nothing of other people's forms."""
    scanned = parse_qr(number)
    if scanned is not None:
        number = scanned["number"]
    number = "".join(number.split()).upper()
    unknown = {"status": "unknown", "number": number}
    record = find_record(cur, number)
    if (
        record is None
        or record.kind != DECLARATION_KIND
        or record.outcome_code != "declared"
        or not document.strip()
        or _normal_document(record.id_number) != _normal_document(document)
    ):
        return unknown
    content = json.loads(record.content)
    person = content["person"]
    answer: dict[str, Any] = {
        "status": "genuine",
        "number": record.number,
        "date": record.record_date,
        "office": content.get("office"),
        "office_name": content.get("office_name"),
        "person": {"first_name": person["first_name"], "last_name": person["last_name"]},
        "cash": content["cash"],
        "declared_try": content["valuation"]["declared_try"],
    }
    found = cancellation_of(cur, record.id, record.number)
    if found is not None:
        answer["status"] = "cancelled"
        answer["cancelled_at"] = found.at
        answer["replaced_by"] = found.replaced_by
    if scanned is not None and any(scanned[k] for k in ("date", "total", "hash")):
        # A pre-printed paper form's QR carries its number only: nothing else to compare.
        differs = [
            name
            for name, same in (
                ("date", scanned["date"] == str(content["registered_at"])[:10]),
                ("total", scanned["total"] == content["valuation"]["declared_try"]),
                (
                    "hash",
                    len(scanned["hash"]) >= 8 and record.row_hash.startswith(scanned["hash"]),
                ),
            )
            if not same
        ]
        if differs:
            # A cancelled form stays "cancelled" (what the bank must know first); the fields
            # its QR got wrong are said beside it.
            if answer["status"] == "genuine":
                answer["status"] = "mismatch"
            answer["mismatch"] = differs
    return answer


class SchemaNotCurrent(RegisterError):
    """The register needs a migration: it must be opened for use (``services.Desk``)."""


class Reader:
    """A register opened for reading only, on the driver: no migration (a register that
    needs one, or is not encrypted yet, raises :class:`SchemaNotCurrent`), no write, the
    shared lock held like any open register (a restore waits), and the same bounded check at
    open."""

    def __init__(self, home: Path) -> None:
        self.path = home / DB_FILE
        if not self.path.exists():
            raise missing_register(home)
        key = keys.register_key(home)
        if key is None:  # a plain register: converted by the desk's open
            raise SchemaNotCurrent(f"Kayıt defteri henüz şifrelenmemiş ({self.path}).")
        self.lock = RegisterLock(home, exclusive=False)
        try:
            self.conn = driver.connect(self.path, key, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as exc:
            self.lock.release()
            raise RegisterError(f"Kayıt defteri açılamadı ({self.path}): {exc}") from exc
        try:
            self.conn.execute("PRAGMA query_only=ON")
            self.conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
            if schema_revision(self.conn) != SCHEMA_HEAD:
                raise SchemaNotCurrent(f"Kayıt defteri şeması güncel değil ({self.path}).")
            problem = quick_problems(self.conn)
        except RegisterError:
            self.close()
            raise
        except sqlite3.OperationalError as exc:
            self.close()
            raise RegisterError(
                f"Kayıt defterine şu anda erişilemiyor ({self.path}): başka bir işlem "
                f"kullanıyor olabilir ({exc})."
            ) from exc
        except sqlite3.Error as exc:
            self.close()
            if driver.is_wrong_key(exc):
                raise keys.KeyUnavailable(wrong_key(self.path)) from exc
            raise RegisterError(f"Kayıt defteri açılamadı ({self.path}): {exc}") from exc
        if problem:
            self.close()
            raise RegisterError(f"Kayıt defteri dosyası bozuk ({self.path}): {problem}")

    def close(self) -> None:
        self.conn.close()
        self.lock.release()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def show(self, number: str) -> dict[str, Any] | None:
        cur = self.conn.cursor()
        cur.execute("BEGIN")  # one snapshot for the record and its events
        try:
            record = find_record(cur, number.strip().upper())
            return None if record is None else record_json(cur, *record[:2], record.content)
        finally:
            cur.execute("COMMIT")

    def list_records(
        self, kind: str | None = None, since: datetime.date | None = None
    ) -> Iterator[dict[str, Any]]:
        query, params = "SELECT id, number, content FROM record", []
        clauses = []
        if kind:
            clauses.append("kind = ?")
            params.append(kind)
        if since:
            clauses.append("record_date >= ?")
            params.append(since.isoformat())
        if clauses:
            query += " WHERE " + " AND ".join(clauses)
        rows = self.conn.cursor()
        events = self.conn.cursor()
        rows.execute("BEGIN")
        try:
            for record_id, number, content in rows.execute(query + " ORDER BY id", params):
                yield record_json(events, record_id, number, content)
        finally:
            events.execute("COMMIT")

    def verify_declaration(self, number: str, document: str) -> dict[str, Any]:
        cur = self.conn.cursor()
        cur.execute("BEGIN")
        try:
            return verify_declaration(cur, number, document)
        finally:
            cur.execute("COMMIT")
