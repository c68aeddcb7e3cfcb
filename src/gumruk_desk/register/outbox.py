"""The desk's side of the upload (SPEC §8): the chain after a given link, in order, each
registration with its record row; the centre's answers written back into the chain.

There is no separate outbox table: what still has to go is everything after the last link the
centre holds (it says which), so an interrupted upload resumes where the centre stands.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from gumruk_desk.domain.chainspec import SYNC_REJECTED as SYNC_REJECTED
from gumruk_desk.register import chain, db
from gumruk_desk.register.models import Record

SYNC_ACKNOWLEDGED = chain.SYNC_ACKNOWLEDGED
_EVENT_SQL = (
    "SELECT seq, uuid, kind, at, actor, record_id, payload, prev_hash, hash FROM event "
    "WHERE seq > ? ORDER BY seq LIMIT ?"
)
_RECORD_COLUMNS = tuple(c.name for c in Record.__table__.columns)
_RECORD_SQL = f"SELECT {', '.join(_RECORD_COLUMNS)} FROM record WHERE id = ?"


def head(session: Session) -> tuple[int, str]:
    row = db.cursor(session).execute("SELECT seq, hash FROM event ORDER BY seq DESC LIMIT 1")
    found = row.fetchone()
    return (0, chain.GENESIS) if found is None else (int(found[0]), str(found[1]))


def hash_at(session: Session, seq: int) -> str | None:
    if seq == 0:
        return chain.GENESIS
    row = db.cursor(session).execute("SELECT hash FROM event WHERE seq = ?", (seq,)).fetchone()
    return None if row is None else str(row[0])


def batch(
    session: Session, after_seq: int, *, limit: int = 500, max_bytes: int = 4_000_000
) -> list[dict[str, Any]]:
    """Up to ``limit`` links after ``after_seq`` (fewer when the JSON would exceed
    ``max_bytes``; always at least one)."""
    cur = db.cursor(session)
    items: list[dict[str, Any]] = []
    size = 0
    for row in cur.execute(_EVENT_SQL, (after_seq, limit)).fetchall():
        seq, uuid, kind, at, actor, record_id, payload, prev_hash, hash_ = row
        item: dict[str, Any] = {
            "seq": seq,
            "uuid": uuid,
            "kind": kind,
            "at": at,
            "actor": actor,
            "record_id": record_id,
            "payload": payload,
            "prev_hash": prev_hash,
            "hash": hash_,
            "record": None,
        }
        if kind == chain.REGISTRATION and record_id is not None:
            record = db.cursor(session).execute(_RECORD_SQL, (record_id,)).fetchone()
            if record is not None:
                item["record"] = dict(zip(_RECORD_COLUMNS, record, strict=True))
        size += len(json.dumps(item, ensure_ascii=False))
        if items and size > max_bytes:
            break
        items.append(item)
    return items


def _marked(session: Session, kind: str, record_ids: list[int]) -> set[int]:
    """Which of ``record_ids`` already carry an event of ``kind``."""
    if not record_ids:
        return set()
    # Literal kinds: the partial index of migration 0005 serves the acknowledged ones.
    base = {
        SYNC_ACKNOWLEDGED: "SELECT record_id FROM event WHERE kind = 'sync_acknowledged'",
        SYNC_REJECTED: "SELECT record_id FROM event WHERE kind = 'sync_rejected'",
    }[kind]
    marks = ", ".join("?" for _ in record_ids)
    rows = db.cursor(session).execute(f"{base} AND record_id IN ({marks})", record_ids)
    return {int(r[0]) for r in rows}


def record_answers(
    session: Session, sent: list[dict[str, Any]], results: list[dict[str, Any]]
) -> tuple[int, int, int]:
    """Write the centre's answer for every record in the batch (once per record): an
    acknowledgement with its central reference, or a rejection with the reason (the record
    is quarantined: shown, no longer pending, never re-sent as new). Returns (stored,
    already_present, rejected) counts of records in this batch."""
    by_seq = {item["seq"]: item for item in sent}
    ids = [i["record_id"] for i in sent if i["kind"] == chain.REGISTRATION and i["record_id"]]
    acked = _marked(session, SYNC_ACKNOWLEDGED, ids)
    rejected_ids = _marked(session, SYNC_REJECTED, ids)
    counts = [0, 0, 0]
    for result in results:
        item = by_seq.get(result["seq"])
        if item is None or item["kind"] != chain.REGISTRATION or not result.get("record_uuid"):
            continue
        record_id = item["record_id"]
        number = result.get("number")
        if result.get("record_status") == "rejected":
            counts[2] += 1
            if record_id not in rejected_ids:
                chain.append_event(
                    session,
                    SYNC_REJECTED,
                    {"number": number, "reason": result.get("reason") or ""},
                    record_id=record_id,
                )
                rejected_ids.add(record_id)
            continue
        counts[0 if result["status"] == "stored" else 1] += 1
        if record_id not in acked:
            chain.append_event(
                session,
                SYNC_ACKNOWLEDGED,
                {"number": number, "central_ref": result.get("central_ref")},
                record_id=record_id,
            )
            acked.add(record_id)
    return counts[0], counts[1], counts[2]


def first_unanswered(session: Session) -> int | None:
    """The chain position of the earliest registration the centre has not answered (no
    acknowledgement, no rejection): an upload whose answer was lost is sent again from there
    (the centre says "already present" and gives its reference again). None when all are."""
    row = (
        db.cursor(session)
        .execute(
            "SELECT min(e.seq) FROM event e WHERE e.kind = 'registration' AND e.record_id IN ("
            "SELECT id FROM record WHERE id NOT IN "
            "(SELECT record_id FROM event WHERE kind = 'sync_acknowledged') "
            "AND id NOT IN (SELECT record_id FROM event WHERE kind = 'sync_rejected'))"
        )
        .fetchone()
    )
    return None if row is None or row[0] is None else int(row[0])


def counts(session: Session) -> dict[str, int]:
    """Local figures for the receipt: records, acknowledged, quarantined, pending."""
    cur = db.cursor(session)
    total = int(cur.execute("SELECT coalesce(max(id), 0) FROM record").fetchone()[0])
    acked = int(
        cur.execute(
            "SELECT count(DISTINCT record_id) FROM event WHERE kind = 'sync_acknowledged'"
        ).fetchone()[0]
    )
    rejected = int(
        cur.execute(
            "SELECT count(DISTINCT record_id) FROM event WHERE kind = 'sync_rejected' AND "
            "record_id NOT IN (SELECT record_id FROM event WHERE kind = 'sync_acknowledged')"
        ).fetchone()[0]
    )
    return {
        "local_count": total,
        "acknowledged": acked,
        "rejected": rejected,
        "pending": total - acked - rejected,
    }


def quarantined(session: Session) -> list[dict[str, Any]]:
    """Records the centre rejected, with its reasons (for the window)."""
    rows = db.cursor(session).execute(
        "SELECT r.number, e.payload, e.at FROM event e JOIN record r ON r.id = e.record_id "
        "WHERE e.kind = 'sync_rejected' ORDER BY e.seq"
    )
    return [
        {"number": number, "reason": json.loads(payload).get("reason", ""), "at": at}
        for number, payload, at in rows
    ]
