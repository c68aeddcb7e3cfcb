"""Drafts of unfinished wizards: saved on every page change and every few seconds, offered
again after a crash, removed in the registration's own transaction or when discarded.

Drafts are working data, not records: they are overwritten and deleted, and are not part of
the chain. They live in the register file so that one backup holds everything.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gumruk_desk.errors import DraftError as DraftError
from gumruk_desk.register import chain, db
from gumruk_desk.register.models import Draft as DraftRow

MAX_DRAFT_BYTES = 200_000


@dataclass(frozen=True)
class Draft:
    id: str
    kind: str
    officer_sicil: str
    page: int
    data: dict[str, Any]
    created_at: str
    updated_at: str


def _draft(row: DraftRow) -> Draft:
    return Draft(
        row.id,
        row.kind,
        row.officer_sicil,
        row.page,
        json.loads(row.data),
        row.created_at,
        row.updated_at,
    )


def save(
    session: Session,
    draft_id: str | None,
    *,
    kind: str,
    officer: str,
    page: int,
    data: dict[str, Any],
) -> str:
    if kind not in ("nakit_beyan", "nakit_aciklama"):
        raise DraftError(f"Taslak türü '{kind}' tanınmıyor.")
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    if len(text.encode()) > MAX_DRAFT_BYTES:
        raise DraftError("Taslak çok büyük; kaydedilemedi.")
    now = chain.now_iso()
    row = session.get(DraftRow, draft_id) if draft_id else None
    if row is None:
        row = DraftRow(
            id=draft_id or str(uuid.uuid4()),
            kind=kind,
            officer_sicil=officer,
            page=page,
            data=text,
            created_at=now,
            updated_at=now,
        )
        session.add(row)
    else:
        row.page, row.data, row.updated_at = page, text, now
    session.flush()
    return row.id


def all_drafts(session: Session, officer: str | None = None) -> list[Draft]:
    query = select(DraftRow).order_by(DraftRow.updated_at.desc(), DraftRow.id)
    if officer is not None:
        query = query.where(DraftRow.officer_sicil == officer)
    return [_draft(r) for r in session.scalars(query)]


def get(session: Session, draft_id: str) -> Draft | None:
    row = session.get(DraftRow, draft_id)
    return None if row is None else _draft(row)


def discard(unit: db.Unit, draft_id: str) -> None:
    db.cursor(unit).execute("DELETE FROM draft WHERE id = ?", (draft_id,))
