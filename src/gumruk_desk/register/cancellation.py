"""Cancelling a registered record (Genelge 2013/1, Ortak hükümler 3) and linking the record
filled in its place.

A cancellation is two events of the chain written in one transaction: the officer's request
(with the reason and the confirmation that every signed copy was collected) and the
supervisor's approval. Only the approval makes the record cancelled; nothing in the record
row changes (it keeps its number; every later print says İPTAL). The record filled next in
its place is linked by a third event, written with that record's registration.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from gumruk_desk.register import chain, db
from gumruk_desk.register.models import Officer, Record
from gumruk_desk.register.officers import ROLE_SUPERVISOR

CANCELLATION_REQUESTED = "cancellation_requested"
CANCELLATION_APPROVED = "cancellation_approved"
REPLACEMENT_LINKED = "replacement_linked"
REASON_MAX = 300


class CancellationError(ValueError):
    """A cancellation that may not be made (Turkish message); nothing was written."""


@dataclass(frozen=True)
class Cancellation:
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


class RecordRef(NamedTuple):
    """The few columns of a record that cancellation and replacement need."""

    id: int
    number: str
    kind: str


# Kind literals: SQLite serves each from its partial index (migrations 0005 and 0008).
_EVENTS_SQL = {
    kind: f"SELECT actor, at, payload FROM event WHERE record_id = ? AND kind = '{kind}' "
    "ORDER BY seq"
    for kind in (CANCELLATION_APPROVED, REPLACEMENT_LINKED)
}


def _events(unit: db.Unit, record_id: int, kind: str) -> list[tuple[str | None, str, str]]:
    """(actor, at, payload) of the record's events of ``kind``, in chain order."""
    return db.cursor(unit).execute(_EVENTS_SQL[kind], (record_id,)).fetchall()


def cancellation_of(unit: db.Unit, record: Record | RecordRef) -> Cancellation | None:
    """The approved cancellation of ``record``, with its replacement if one is linked."""
    approved = _events(unit, record.id, CANCELLATION_APPROVED)
    if not approved:
        return None
    actor, at, payload_json = approved[0]
    payload = json.loads(payload_json)
    links = _events(unit, record.id, REPLACEMENT_LINKED)
    replaced = json.loads(links[0][2]).get("replacement") if links else None
    return Cancellation(
        number=record.number,
        reason=payload.get("reason", ""),
        requested_by=payload.get("requested_by", ""),
        approved_by=actor or "",
        at=at,
        copies_collected=int(payload.get("copies_collected") or 0),
        replaced_by=replaced,
    )


def cancel(
    session: Session,
    record: Record,
    *,
    reason: str,
    officer: Officer,
    approver: Officer,
    copies_collected: int,
    copies_required: int,
) -> Cancellation:
    """Write the request and the approval (inside the caller's immediate transaction).

    ``officer`` and ``approver`` must already be authenticated with their own passwords.
    """
    reason = " ".join(reason.split())
    if not reason:
        raise CancellationError("İptal gerekçesi yazılmalı (Genelge 2013/1 Ortak hükümler 3).")
    if len(reason) > REASON_MAX:
        raise CancellationError(f"İptal gerekçesi en fazla {REASON_MAX} karakter olabilir.")
    if approver.role != ROLE_SUPERVISOR:
        raise CancellationError(
            f"{approver.sicil} sicilli memur amir değil: iptali yalnızca bir amir onaylar."
        )
    if approver.sicil == officer.sicil:
        raise CancellationError("İptali isteyen memur kendi isteğini onaylayamaz; başka bir amir.")
    if copies_collected < copies_required:
        raise CancellationError(
            f"İmzalı nüshaların tamamı ({copies_required}) toplanmadan form iptal edilemez "
            f"(toplanan: {copies_collected})."
        )
    if _events(session, record.id, CANCELLATION_APPROVED):
        raise CancellationError(f"{record.number} numaralı kayıt zaten iptal edilmiş.")
    requested = chain.append_event(
        session,
        CANCELLATION_REQUESTED,
        {
            "number": record.number,
            "reason": reason,
            "copies_collected": copies_collected,
        },
        actor=officer.sicil,
        record_id=record.id,
    )
    chain.append_event(
        session,
        CANCELLATION_APPROVED,
        {
            "number": record.number,
            "reason": reason,
            "requested_by": officer.sicil,
            "request_seq": requested.seq,
            "copies_collected": copies_collected,
        },
        actor=approver.sicil,
        record_id=record.id,
    )
    found = cancellation_of(session, record)
    assert found is not None
    return found


def check_replaceable(unit: db.Unit, number: str, kind: str) -> RecordRef:
    """The cancelled record ``number`` that a new record of ``kind`` may replace."""
    found_row = (
        db.cursor(unit)
        .execute("SELECT id, number, kind FROM record WHERE number = ?", (number,))
        .fetchone()
    )
    if found_row is None:
        raise CancellationError(f"{number} numaralı kayıt yok.")
    record = RecordRef(*found_row)
    found = cancellation_of(unit, record)
    if found is None:
        raise CancellationError(
            f"{number} iptal edilmemiş: yalnızca iptal edilen bir kaydın yerine kayıt yapılır."
        )
    if found.replaced_by:
        raise CancellationError(f"{number} kaydının yerine zaten {found.replaced_by} kaydedildi.")
    if record.kind != kind:
        raise CancellationError(f"{number} başka türde bir kayıt; yerine aynı tür form gelir.")
    return record


def link_replacement(
    unit: db.Unit, cancelled: RecordRef, replacement_number: str, actor: str, at: str
) -> None:
    """The link lives with the cancelled record's events (where it is looked up); the
    replacement states what it replaces in its own content (``replaces``)."""
    chain.append_event(
        unit,
        REPLACEMENT_LINKED,
        {"cancelled": cancelled.number, "replacement": replacement_number},
        actor=actor,
        record_id=cancelled.id,
        at=at,
    )
