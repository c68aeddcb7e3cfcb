"""Turkish formatting for printed forms: 12.500,00 · GG.AA.YYYY · Almanya (DE)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from gumruk_desk.domain import iso, money, vocabulary
from gumruk_desk.domain.money import INSTRUMENT_LABELS_TR, MoneyLine
from gumruk_desk.domain.records import Beneficiary, Person


def amount(value: Decimal | None) -> str:
    """A TL value or a rate: "12.500,00", "32,6172" (every digit it carries is shown)."""
    if value is None:
        return "—"
    return money.format_tr(value, 2)


def line_amount(line: MoneyLine) -> str:
    """A money line's amount in its currency's own decimals: "1.234,567" KWD, "10.000" JPY."""
    return money.format_in(line.amount, line.currency)


def face_value(value: Decimal, currency: str) -> str:
    """A banknote's face value: "100" for a whole note, "0,50" for a coin of half a unit."""
    return (
        money.format_tr(value, 0)
        if value == value.to_integral()
        else money.format_in(value, currency)
    )


def date(value: datetime.date | None) -> str:
    """GG.AA.YYYY (of a moment, its day)."""
    return "" if value is None else value.strftime("%d.%m.%Y")


def date_time(value: datetime.datetime | None) -> str:
    """GG.AA.YYYY SS:DD, as the moment was recorded."""
    return "" if value is None else value.strftime("%d.%m.%Y %H:%M")


def moment(value: str) -> str:
    """A stored ISO moment as GG.AA.YYYY SS:DD in local time; text that is none, as it is."""
    try:
        found = datetime.datetime.fromisoformat(value)
    except ValueError:
        return value
    if found.tzinfo is not None:
        found = found.astimezone()
    return found.strftime("%d.%m.%Y %H:%M")


def count(value: int) -> str:
    """A number of things with Turkish grouping: 1.000.000."""
    return money.format_tr(Decimal(value), 0)


def country(code: str | None) -> str:
    return f"{iso.country_name_tr(code)} ({code})" if code else ""


def currency(code: str) -> str:
    return f"{code} – {iso.currency_name_tr(code)}"


def lines(money_lines: Iterable[MoneyLine]) -> str:
    """ "1.000,00 EUR; Çek (TRY) 5.000,00 TRY": each line's amount in its currency, a payment
    instrument named before it."""
    return "; ".join(
        f"{'' if line.is_cash else line_kind(line) + ' '}{line_amount(line)} {line.currency}"
        for line in money_lines
    )


def line_kind(line: MoneyLine) -> str:
    """ "EUR – Euro" for cash, "Çek (TRY)" for a payment instrument."""
    if line.instrument is not None:
        return f"{INSTRUMENT_LABELS_TR[line.instrument]} ({line.currency})"
    return currency(line.currency)


ID_KIND_TR = vocabulary.ID_KIND


def identity(holder: Person | Beneficiary | None) -> str:
    """The identity document's number and kind: "12345678901 (T.C. Kimlik No)"."""
    if holder is None:
        return ""
    return f"{holder.id_number} ({ID_KIND_TR.get(holder.id_kind, '')})"


def percent(rate: Decimal) -> str:
    """A rate as a Turkish percentage without trailing zeros: 0.10 → "10", 0.125 → "12,5"."""
    value = (rate * 100).normalize()
    return money.format_tr(value, max(0, -value.as_tuple().exponent))  # type: ignore[operator]
