"""The shift report: what a desk (or one officer) registered in a period — counts per kind
and outcome, cash per currency, sanctions, cancellations, and what still waits for upload."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from gumruk_desk.domain import money
from gumruk_desk.register import db

KIND_TR = {"nakit_beyan": "Nakit Beyan Formu", "nakit_aciklama": "Nakit Açıklama Tutanağı"}
OUTCOME_TR = {
    "declared": "beyan",
    "prohibited_source": "kaynağı yasak (el koyma)",
    "correct": "açıklama doğru (22.a)",
    "no_declaration": "açıklama yapılmadı (22.b)",
    "misdeclared": "yanlış açıklama (22.c)",
}


def _tl(value: Decimal) -> str:
    return f"{money.format_turkish(money.round_try(value))} TL"


_amount = money.format_turkish


def shift_report(
    session: Session,
    start: datetime.datetime,
    end: datetime.datetime,
    officer: str | None = None,
    title: str = "",
) -> dict[str, Any]:
    """Records registered in [start, end) (by the ``officer`` only, when given)."""
    cur = db.cursor(session)
    sql = (
        "SELECT r.id, r.number, r.kind, r.outcome_code, r.content, "
        "EXISTS (SELECT 1 FROM event e WHERE e.kind = 'sync_acknowledged' "
        "AND e.record_id = r.id) FROM record r WHERE r.registered_at >= ? "
        "AND r.registered_at < ?"
    )
    params: list[Any] = [start.isoformat(timespec="seconds"), end.isoformat(timespec="seconds")]
    if officer:
        sql += " AND r.officer_sicil = ?"
        params.append(officer)
    counts: Counter[tuple[str, str]] = Counter()
    declared: dict[str, list[Decimal]] = {}
    detected: dict[str, list[Decimal]] = {}
    custody: dict[str, list[Decimal]] = {}
    fines: list[Decimal] = []
    referrals = masak = pending = 0
    for _rid, _number, kind, outcome_code, content_text, synced in cur.execute(sql, params):
        content = json.loads(content_text)
        outcome = content.get("outcome") or {}
        counts[(kind, outcome_code)] += 1
        lines = content.get("cash") if kind == "nakit_beyan" else content.get("detected")
        target = declared if kind == "nakit_beyan" else detected
        for line in lines or []:
            key = line["currency"] + (f" ({line['instrument']})" if line.get("instrument") else "")
            target.setdefault(key, []).append(Decimal(line["amount"]))
        for line in outcome.get("custody") or []:
            custody.setdefault(line["currency"], []).append(Decimal(line["amount"]))
        fine = Decimal(outcome.get("fine_try") or "0")
        if fine:
            fines.append(fine)
        referrals += bool(outcome.get("prosecutor_referral"))
        masak += bool(outcome.get("masak_copy"))
        pending += not synced
    cancel_sql = (
        "SELECT r.number, e.payload, e.actor, e.at FROM event e JOIN record r "
        "ON r.id = e.record_id WHERE e.kind = 'cancellation_approved' AND e.at >= ? "
        "AND e.at < ? ORDER BY e.seq"
    )
    cancellations = []
    for number, payload, actor, at in cur.execute(cancel_sql, params[:2]):
        data = json.loads(payload)
        if officer and data.get("requested_by") != officer:
            continue
        cancellations.append((f"{number} — {data.get('reason', '')}", f"onay {actor}, {at[11:16]}"))
    currencies = sorted(set(declared) | set(detected))
    return {
        "title": title,
        "counts": [
            (f"{KIND_TR.get(kind, kind)} — {OUTCOME_TR.get(code, code)}", str(n))
            for (kind, code), n in sorted(counts.items())
        ]
        + [("Toplam kayıt", str(sum(counts.values())))],
        "totals": [
            (
                currency,
                f"beyan {_amount(money.total(declared.get(currency, [])))} · tespit "
                f"{_amount(money.total(detected.get(currency, [])))}",
            )
            for currency in currencies
        ],
        "sanctions": [
            ("İdari para cezaları", f"{len(fines)} kayıt, {_tl(money.total(fines))}"),
            *(
                (f"Muhafaza altına alınan {currency}", _amount(money.total(values)))
                for currency, values in sorted(custody.items())
            ),
            ("Cumhuriyet Savcılığına bildirim", str(referrals)),
            ("MASAK'a nüsha", str(masak)),
        ],
        "cancellations": cancellations,
        "pending": [("Bu dönemin yüklenmemiş kayıtları", str(pending))],
        "record_count": sum(counts.values()),
        "pending_count": pending,
        "cancellation_count": len(cancellations),
        "fine_total_try": money.format_amount(money.total(fines)),
    }
