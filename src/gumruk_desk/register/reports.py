"""The shift report: what a desk (or one officer) registered in a period — counts per kind
and outcome, cash per currency, sanctions, cancellations, and what still waits for upload."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from gumruk_desk.domain import iso, money, vocabulary
from gumruk_desk.register import db
from gumruk_desk.register.cancellation import RecordRef, cancellation_of

KIND_TR = vocabulary.KIND
OUTCOME_TR = vocabulary.OUTCOME


def _tl(value: Decimal) -> str:
    return f"{money.format_tr(money.round_try(value))} TL"


def _sum_in(values: list[Decimal], currency: str) -> str:
    return f"{money.format_in(money.total(values), currency)} {currency}"


def shift_report(
    session: Session,
    start: datetime.datetime,
    end: datetime.datetime,
    officer: str | None = None,
    title: str = "",
    printed_at: datetime.datetime | None = None,
) -> dict[str, Any]:
    """Records registered in [start, end) (by the ``officer`` only, when given).

    A record cancelled since is counted once, under the cancellations, and in no count or
    total: its replacement (a record of its own) carries what was really found. Cash and
    payment instruments are totalled apart, each currency in its own decimals.
    """
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
    cancelled: dict[int, tuple[dict[str, Any], str]] = {
        record_id: (json.loads(payload), at)
        for record_id, payload, at in cur.execute(
            "SELECT record_id, payload, at FROM event "
            "WHERE kind = 'cancellation_approved' ORDER BY seq"
        )
    }
    counts: Counter[tuple[str, str]] = Counter()
    declared: dict[str, list[Decimal]] = {}
    detected: dict[str, list[Decimal]] = {}
    instruments: dict[tuple[str, str], list[Decimal]] = {}
    custody: dict[str, list[Decimal]] = {}
    fines: list[Decimal] = []
    referrals = masak = pending = 0
    cancellations: dict[str, tuple[str, str]] = {}
    for rid, number, kind, outcome_code, content_text, synced in cur.execute(sql, params):
        pending += not synced
        if rid in cancelled:
            cancellations[number] = _cancellation_row(session, RecordRef(rid, number, kind))
            continue
        content = json.loads(content_text)
        outcome = content.get("outcome") or {}
        counts[(kind, outcome_code)] += 1
        lines = content.get("cash") if kind == "nakit_beyan" else content.get("detected")
        target = declared if kind == "nakit_beyan" else detected
        for line in lines or []:
            amount = Decimal(line["amount"])
            if line.get("instrument"):
                key = (line["instrument"], line["currency"])
                instruments.setdefault(key, []).append(amount)
            else:
                target.setdefault(line["currency"], []).append(amount)
        for line in outcome.get("custody") or []:
            custody.setdefault(line["currency"], []).append(Decimal(line["amount"]))
        fine = Decimal(outcome.get("fine_try") or "0")
        if fine:
            fines.append(fine)
        referrals += bool(outcome.get("prosecutor_referral"))
        masak += bool(outcome.get("masak_copy"))
    # Cancellations approved in the period of records registered before it (or by others).
    window = (params[0], params[1])
    for record_id, (data, at) in cancelled.items():
        if not (window[0] <= at < window[1]):
            continue
        if officer and data.get("requested_by") != officer:
            continue
        number, kind = cur.execute(
            "SELECT number, kind FROM record WHERE id = ?", (record_id,)
        ).fetchone()
        if number not in cancellations:
            cancellations[number] = _cancellation_row(session, RecordRef(record_id, number, kind))
    currencies = sorted(set(declared) | set(detected))
    return {
        "title": title,
        "printed_at": (printed_at or datetime.datetime.now().astimezone()).isoformat(
            timespec="seconds"
        ),
        "counts": [
            (f"{KIND_TR.get(kind, kind)} — {OUTCOME_TR.get(code, code)}", str(n))
            for (kind, code), n in sorted(counts.items())
        ]
        + [("Toplam kayıt (iptal edilenler hariç)", str(sum(counts.values())))],
        "totals": [
            (
                f"{currency} – {iso.currency_name_tr(currency)}",
                f"beyan {_sum_in(declared.get(currency, []), currency)} · tespit "
                f"{_sum_in(detected.get(currency, []), currency)}",
            )
            for currency in currencies
        ],
        "instruments": [
            (
                f"{money.INSTRUMENT_LABELS_TR[money.Instrument(kind)]} ({currency})",
                _sum_in(values, currency),
            )
            for (kind, currency), values in sorted(instruments.items())
        ],
        "sanctions": [
            ("İdari para cezaları", f"{len(fines)} kayıt, {_tl(money.total(fines))}"),
            *(
                (f"Muhafaza altına alınan {currency}", _sum_in(values, currency))
                for currency, values in sorted(custody.items())
            ),
            ("Cumhuriyet Savcılığına bildirim", str(referrals)),
            ("MASAK'a nüsha", str(masak)),
        ],
        "cancellations": list(cancellations.values()),
        "pending": [("Bu dönemin yüklenmemiş kayıtları", str(pending))],
        "record_count": sum(counts.values()),
        "pending_count": pending,
        "cancellation_count": len(cancellations),
        "fine_total_try": money.format_amount(money.total(fines)),
    }


def _cancellation_row(session: Session, ref: RecordRef) -> tuple[str, str]:
    found = cancellation_of(session, ref)
    if found is None:  # the caller read its approval in this same transaction
        return (ref.number, "")
    replaced = f" · yerine {found.replaced_by}" if found.replaced_by else ""
    at = found.at
    return (
        f"{ref.number} — {found.reason}{replaced}",
        f"onay {found.approved_by}, {at[8:10]}.{at[5:7]}.{at[0:4]} {at[11:16]}",
    )
