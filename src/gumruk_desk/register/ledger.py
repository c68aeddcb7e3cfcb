"""The register as the numbered fallback ledger (Genelge 2013/1, Ortak hükümler 4).

The ledger is the year's journal of what the register did to records: every registration and
every approved cancellation, in the order of the chain. It is cut into pages of
``LINES_PER_PAGE`` lines; the administration chief (a supervisor) approves the pages in order.
Approving a page freezes it: the page's lines, as they read at that moment, are written into
the chain (``ledger_page_approved``), and every later print of that page is drawn from that
snapshot — a later cancellation of one of its entries appears as a new line on a later page.
An approval may close a page before it is full; the next lines start the next page.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from gumruk_desk.domain import money, vocabulary
from gumruk_desk.domain.chainspec import (
    LEDGER_PAGE_APPROVED as LEDGER_PAGE_APPROVED,
    page_digest as page_digest,
)
from gumruk_desk.errors import LedgerError as LedgerError
from gumruk_desk.register import chain, db
from gumruk_desk.register.models import Officer
from gumruk_desk.register.officers import ROLE_SUPERVISOR

LINES_PER_PAGE = 25
KIND_TR = vocabulary.KIND


@dataclass(frozen=True)
class LedgerPage:
    year: int
    page: int
    total_pages: int
    lines: list[dict[str, Any]]
    approval: dict[str, Any] | None  # who approved it and when, with the digest

    @property
    def digest(self) -> str:
        return page_digest(self.year, self.page, self.lines)


def _amount_text(content: dict[str, Any]) -> str:
    """What the record says of the cash, short: the lines and their TL value."""
    lines = content.get("cash") if content.get("kind") == "nakit_beyan" else content.get("detected")
    parts = []
    for line in lines or []:
        instrument = line.get("instrument")
        label = (
            f"{money.INSTRUMENT_LABELS_TR[money.Instrument(instrument)]} {line['currency']}"
            if instrument
            else line["currency"]
        )
        parts.append(f"{money.format_in(Decimal(line['amount']), line['currency'])} {label}")
    valuation = content.get("valuation") or {}
    total = (
        valuation.get("declared_try")
        if content.get("kind") == "nakit_beyan"
        else valuation.get("detected_try")
    )
    text = "; ".join(parts) or "—"
    if total is None:
        return text
    return f"{text} ({money.format_tr(Decimal(total))} TL)"


_LINES_SQL = (
    "SELECT e.seq, e.kind, e.at, e.actor, e.payload, r.number, r.kind, r.content, "
    "r.id_number, r.id "
    "FROM event e JOIN record r ON r.id = e.record_id "
    "WHERE e.seq > ? AND e.kind IN ('registration', 'cancellation_approved') "
    "AND e.at >= ? AND e.at < ? ORDER BY e.seq"
)


def _approvals(session: Session, year: int) -> list[dict[str, Any]]:
    cur = db.cursor(session)
    found = []
    # The literal kind lets SQLite use the partial index of migration 0007.
    for actor, at, payload in cur.execute(
        "SELECT actor, at, payload FROM event WHERE kind = 'ledger_page_approved' ORDER BY seq"
    ):
        data = json.loads(payload)
        if data["year"] == year:
            found.append({**data, "approved_by": actor, "approved_at": at})
    return found


def _live_lines(session: Session, year: int, after_seq: int) -> list[dict[str, Any]]:
    """The year's journal lines after the event ``after_seq``, with records' status now."""
    cur = db.cursor(session)
    rows = cur.execute(
        _LINES_SQL, (after_seq, f"{year:04d}-01-01", f"{year + 1:04d}-01-01")
    ).fetchall()
    cancelled = {
        r[0]
        for r in cur.execute("SELECT record_id FROM event WHERE kind = 'cancellation_approved'")
    }
    lines = []
    for (
        seq,
        kind,
        at,
        actor,
        payload,
        number,
        record_kind,
        content_text,
        id_number,
        record_id,
    ) in rows:
        content = json.loads(content_text)
        person = content.get("person") or {}
        line = {
            "seq": seq,
            "number": number,
            "at": at,
            "kind": KIND_TR.get(record_kind, record_kind),
            "person": f"{person.get('first_name', '')} {person.get('last_name', '')}".strip(),
            "document": id_number,
        }
        if kind == chain.REGISTRATION:
            name = content.get("officer_name") or ""
            line["officer"] = f"{name} ({actor})" if name else str(actor or "")
            status = "İPTAL EDİLDİ" if record_id in cancelled else "Tescil"
            if content.get("paper"):
                status += f" (kâğıt {content['paper']['number']})"
            line.update(
                entry="Tescil",
                amounts=_amount_text(content),
                outcome=(content.get("outcome") or {}).get("code", ""),
                status=status,
            )
        else:
            data = json.loads(payload)
            line["officer"] = f"{data.get('requested_by', '')} · amir {actor}"
            line.update(
                entry="İptal",
                amounts="",
                outcome="",
                status=f"İptal: {data.get('reason', '')} (onaylayan amir {actor})",
            )
        lines.append(line)
    return lines


def pages(session: Session, year: int) -> list[LedgerPage]:
    """Every page of the year: the approved ones from their snapshots, then the rest."""
    approved = _approvals(session, year)
    result = [LedgerPage(year, a["page"], a["total_pages"], a["lines"], a) for a in approved]
    last_seq = approved[-1]["last_seq"] if approved else 0
    live = _live_lines(session, year, last_seq)
    chunks = [live[i : i + LINES_PER_PAGE] for i in range(0, len(live), LINES_PER_PAGE)]
    if not chunks and not result:
        chunks = [[]]
    total = len(result) + len(chunks)
    start = len(result)
    result += [
        LedgerPage(year, start + i + 1, total, chunk, None) for i, chunk in enumerate(chunks)
    ]
    return result


def approve(
    session: Session,
    year: int,
    page: int,
    approver: Officer,
    now: datetime.datetime,
    expected_digest: str | None = None,
) -> LedgerPage:
    """Freeze ``page`` (the first page not yet approved) as it reads now; with
    ``expected_digest``, only if it still reads as the supervisor saw it."""
    if approver.role != ROLE_SUPERVISOR:
        raise LedgerError(f"{approver.sicil} sicilli memur amir değil: sayfayı amir onaylar.")
    current = pages(session, year)
    open_pages = [p for p in current if p.approval is None]
    if not open_pages or page != open_pages[0].page:
        done = [p.page for p in current if p.approval is not None]
        if page in done:
            raise LedgerError(f"{year} defterinin {page}. sayfası zaten onaylanmış.")
        first = open_pages[0].page if open_pages else None
        raise LedgerError(
            f"Sayfalar sırayla onaylanır: onay bekleyen ilk sayfa {first}."
            if first
            else f"{year} defterinde onaylanacak sayfa yok."
        )
    target = open_pages[0]
    if not target.lines:
        raise LedgerError(f"{page}. sayfada satır yok; boş sayfa onaylanmaz.")
    total = max(target.total_pages, page)
    digest = page_digest(year, page, target.lines)
    if expected_digest is not None and expected_digest != digest:
        raise LedgerError(
            f"{page}. sayfa gözden geçirildikten sonra değişti (yeni satırlar eklendi): "
            "yeniden bakıp onaylayın."
        )
    chain.append_event(
        session,
        LEDGER_PAGE_APPROVED,
        {
            "year": year,
            "page": page,
            "total_pages": total,
            "first_seq": target.lines[0]["seq"],
            "last_seq": target.lines[-1]["seq"],
            "lines": target.lines,
            "sha256": digest,
            "approved_by_name": approver.name,
        },
        actor=approver.sicil,
        at=now.isoformat(timespec="seconds"),
    )
    frozen = [p for p in pages(session, year) if p.page == page]
    return frozen[0]
