"""Cancelling a registered record (Genelge 2013/1, Ortak hükümler 3) and linking the record
filled in its place.

A cancellation is two events of the chain written in one transaction: the officer's request
(with the reason and the confirmation that every signed copy was collected) and the
supervisor's approval. Only the approval makes the record cancelled; nothing in the record
row changes (it keeps its number; every later print says İPTAL). The record filled next in
its place is linked by a third event, written with that record's registration.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy.orm import Session

from gumruk_desk.domain.chainspec import CANCELLATION_REQUESTED as CANCELLATION_REQUESTED
from gumruk_desk.errors import CancellationError as CancellationError
from gumruk_desk.register import chain, db, reader
from gumruk_desk.register.models import Officer, Record
from gumruk_desk.register.officers import ROLE_SUPERVISOR
from gumruk_desk.register.reader import Cancellation

CANCELLATION_APPROVED = reader.CANCELLATION_APPROVED
REPLACEMENT_LINKED = reader.REPLACEMENT_LINKED
REASON_MAX = 300


class RecordRef(NamedTuple):
    """The few columns of a record that cancellation and replacement need."""

    id: int
    number: str
    kind: str


def cancellation_of(unit: db.Unit, record: Record | RecordRef) -> Cancellation | None:
    """The approved cancellation of ``record``, with its replacement if one is linked."""
    return reader.cancellation_of(db.cursor(unit), record.id, record.number)


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
    if cancellation_of(session, record) is not None:
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
