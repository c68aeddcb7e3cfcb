"""Imported rate bulletins, and the rate table in force on a date.

Plain SQL through :func:`db.cursor`: the registration reads the bulletin in force on the
DB-API connection of :meth:`Database.write`, so the whole module speaks the one dialect that
connection and a session both take.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from decimal import Decimal
from functools import lru_cache

from sqlalchemy.orm import Session

from gumruk_desk.domain.rates import (
    Bulletin,
    CurrencyQuote,
    RateColumn,
    RateTable,
    parse_tcmb_xml,
    rate_table_for,
)
from gumruk_desk.register import chain, db
from gumruk_desk.register.db import RegisterError

_FIELDS = ("forex_buying", "forex_selling", "banknote_buying", "banknote_selling")


def _quotes_json(bulletin: Bulletin) -> str:
    return chain.canonical(
        {
            code: {
                "unit": q.unit,
                "name": q.name,
                **{f: None if getattr(q, f) is None else str(getattr(q, f)) for f in _FIELDS},
            }
            for code, q in bulletin.quotes.items()
        }
    )


def quotes_sha256(quotes: str) -> str:
    return hashlib.sha256(quotes.encode()).hexdigest()


def _bulletin(bulletin_date: str, bulletin_number: str | None, quotes_json: str) -> Bulletin:
    quotes = {
        code: CurrencyQuote(
            code=code,
            unit=q["unit"],
            name=q["name"],
            **{f: None if q[f] is None else Decimal(q[f]) for f in _FIELDS},
        )
        for code, q in json.loads(quotes_json).items()
    }
    return Bulletin(datetime.date.fromisoformat(bulletin_date), quotes, bulletin_number)


def import_bulletin(
    session: Session, data: bytes, source: str = "tcmb-xml", actor: str | None = None
) -> tuple[Bulletin, bool]:
    """Parse and store a bulletin (RatesError on a bad file: nothing is stored).

    Returns (bulletin, stored); the identical bulletin again is not stored twice.
    """
    return store_bulletin(session, parse_tcmb_xml(data), source, actor)


def store_bulletin(
    session: Session, bulletin: Bulletin, source: str, actor: str | None = None
) -> tuple[Bulletin, bool]:
    """Store a parsed bulletin (see :func:`import_bulletin`)."""
    quotes = _quotes_json(bulletin)
    digest = quotes_sha256(quotes)
    cur = db.cursor(session)
    latest = cur.execute(
        "SELECT sha256 FROM rate_bulletin WHERE bulletin_date = ? ORDER BY id DESC LIMIT 1",
        (bulletin.date.isoformat(),),
    ).fetchone()
    if latest is not None and latest[0] == digest:
        return bulletin, False
    cur.execute(
        "INSERT INTO rate_bulletin (bulletin_date, bulletin_number, quotes, sha256, source, "
        "imported_at) VALUES (?, ?, ?, ?, ?, ?)",
        (bulletin.date.isoformat(), bulletin.number, quotes, digest, source, chain.now_iso()),
    )
    chain.append_event(
        session,
        chain.RATES_IMPORTED,
        {
            "row_id": cur.lastrowid,
            "bulletin_date": bulletin.date.isoformat(),
            "bulletin_number": bulletin.number,
            "sha256": digest,
            "currencies": sorted(bulletin.quotes),
            "source": source,
        },
        actor=actor,
    )
    return bulletin, True


# Stored bulletins never change (a re-import adds a row), so a parse is kept by the digest
# that the row and its ``rates_imported`` event vouch for; the row's quotes are hashed
# against that digest on every read, so a row changed behind the desk's back is never used.
# The same parsed value each time also lets _table below reuse its tables.
_PARSED: dict[tuple[str, str | None, str], Bulletin] = {}
_IN_FORCE_SQL = (
    "SELECT bulletin_date, bulletin_number, sha256, quotes FROM rate_bulletin "
    "WHERE bulletin_date <= ? ORDER BY bulletin_date DESC, id DESC LIMIT 1"
)


def bulletin_in_force(unit: db.Unit, day: datetime.date) -> Bulletin | None:
    """The latest bulletin dated on or before ``day`` (the newest import of that date)."""
    found = db.cursor(unit).execute(_IN_FORCE_SQL, (day.isoformat(),)).fetchone()
    if found is None:
        return None
    bulletin_date, bulletin_number, digest, quotes = found
    if quotes_sha256(quotes) != digest:
        raise RegisterError(
            f"{bulletin_date} tarihli kur bülteni kaydı değiştirilmiş; kullanılamaz. "
            "'gumruk-desk verify' çalıştırın ve bülteni yeniden yükleyin."
        )
    key = (bulletin_date, bulletin_number, digest)
    parsed = _PARSED.get(key)
    if parsed is None:
        parsed = _PARSED[key] = _bulletin(bulletin_date, bulletin_number, quotes)
    return parsed


def latest_bulletin_date(session: Session) -> datetime.date | None:
    found = (
        db.cursor(session)
        .execute("SELECT bulletin_date FROM rate_bulletin ORDER BY bulletin_date DESC LIMIT 1")
        .fetchone()
    )
    return None if found is None else datetime.date.fromisoformat(found[0])


def rate_table(
    unit: db.Unit,
    day: datetime.date,
    column: RateColumn,
    manual: dict[str, Decimal] | None = None,
) -> RateTable:
    return table_of(bulletin_in_force(unit, day), day, column, manual)


def table_of(
    bulletin: Bulletin | None,
    day: datetime.date,
    column: RateColumn,
    manual: dict[str, Decimal] | None = None,
) -> RateTable:
    """The rates of ``day`` from ``bulletin`` (the one in force) and ``manual`` rates."""
    if manual:
        return rate_table_for([bulletin] if bulletin else [], day, column=column, manual=manual)
    return _table(bulletin, day, column)


@lru_cache(maxsize=64)
def _table(bulletin: Bulletin | None, day: datetime.date, column: RateColumn) -> RateTable:
    # Bulletins are immutable values (hashable by identity of their cached row), so the
    # table for a day and a column never changes: registrations reuse it.
    return rate_table_for([bulletin] if bulletin else [], day, column=column)


def manual_rates_for(unit: db.Unit, day: datetime.date) -> dict[str, Decimal]:
    """Rates a supervisor typed for ``day`` (the latest entry of a currency wins)."""
    rows = db.cursor(unit).execute(
        "SELECT currency, try_per_unit FROM manual_rate WHERE rate_date = ? ORDER BY id",
        (day.isoformat(),),
    )
    return {currency: Decimal(value) for currency, value in rows}


def add_manual_rate(
    session: Session,
    *,
    currency: str,
    try_per_unit: Decimal,
    day: datetime.date,
    actor: str,
    column: RateColumn,
) -> None:
    """Store a manual rate for ``day`` (RatesError when the bulletin in force has that
    currency: SPEC §2, a rate is typed by hand only where the bulletin has none)."""
    from gumruk_desk.domain.rates import RatesError

    code = currency.strip().upper()
    # The domain's checks (three letters, not TRY, a finite positive Decimal).
    rate_table_for([], day, column=column, manual={code: try_per_unit})
    if rate_table(session, day, column).get(code) is not None:
        raise RatesError(
            f"{day:%d.%m.%Y} tarihinde yürürlükteki TCMB bülteninde {code} kuru var; elle kur "
            "yalnızca bültende kuru olmayan para birimi için girilebilir.",
            "currency",
        )
    value = str(try_per_unit)
    rate_date = day.isoformat()
    cur = db.cursor(session)
    cur.execute(
        "INSERT INTO manual_rate (rate_date, currency, try_per_unit, actor, entered_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (rate_date, code, value, actor, chain.now_iso()),
    )
    chain.append_event(
        session,
        chain.MANUAL_RATE_ENTERED,
        {
            "row_id": cur.lastrowid,
            "rate_date": rate_date,
            "currency": code,
            "try_per_unit": value,
            "sha256": chain.manual_rate_digest(rate_date, code, value, actor),
        },
        actor=actor,
    )
