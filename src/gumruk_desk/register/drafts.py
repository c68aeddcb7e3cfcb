"""Drafts of unfinished wizards: saved on every page change and every few seconds, offered
again after a crash, removed in the registration's own transaction or when discarded.

Drafts are working data, not records: they are overwritten and deleted, and are not part of
the chain. They live in the register file so that one backup holds everything.

Plain SQL through :func:`db.cursor`: the registration removes its draft on the DB-API
connection of :meth:`Database.write`, so the whole module speaks the one dialect that
connection and a session both take.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from gumruk_desk.errors import DraftError as DraftError
from gumruk_desk.register import chain, db

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


_COLUMNS = "id, kind, officer_sicil, page, data, created_at, updated_at"
# A draft saved again keeps its kind, officer and creation time; the rest is the new save.
_SAVE_SQL = (
    f"INSERT INTO draft ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
    "SET page = excluded.page, data = excluded.data, updated_at = excluded.updated_at"
)


def _draft(row: tuple[Any, ...]) -> Draft:
    draft_id, kind, officer_sicil, page, data, created_at, updated_at = row
    return Draft(draft_id, kind, officer_sicil, page, json.loads(data), created_at, updated_at)


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
    draft_id = draft_id or str(uuid.uuid4())
    db.cursor(session).execute(_SAVE_SQL, (draft_id, kind, officer, page, text, now, now))
    return draft_id


def all_drafts(session: Session, officer: str | None = None) -> list[Draft]:
    where, params = ("WHERE officer_sicil = ? ", (officer,)) if officer is not None else ("", ())
    rows = db.cursor(session).execute(
        f"SELECT {_COLUMNS} FROM draft {where}ORDER BY updated_at DESC, id", params
    )
    return [_draft(r) for r in rows]


def get(session: Session, draft_id: str) -> Draft | None:
    row = db.cursor(session).execute(f"SELECT {_COLUMNS} FROM draft WHERE id = ?", (draft_id,))
    found = row.fetchone()
    return None if found is None else _draft(found)


def discard(unit: db.Unit, draft_id: str) -> None:
    db.cursor(unit).execute("DELETE FROM draft WHERE id = ?", (draft_id,))
