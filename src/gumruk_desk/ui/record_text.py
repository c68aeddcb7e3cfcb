"""What the window writes beside the printing formats, and the JSON it reads for them.

:mod:`gumruk_desk.printing.fmt` writes typed values ("12.500,00", "EUR – Euro",
"11.03.2026 14:05"). A registered record is typed already; what the window still holds as
interchange JSON — the lines a wizard is being filled with, a bank answer, a shift report —
is read here into the typed value first, and an unfinished line is no line yet.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from gumruk_desk.domain import vocabulary
from gumruk_desk.domain.money import MoneyLine
from gumruk_desk.domain.registered import money_line_from_json
from gumruk_desk.printing import fmt

__all__ = [
    "amount",
    "day",
    "identity",
    "lines_text",
    "moment",
    "money_line",
    "money_lines",
]


#: "1.000,00 EUR; Çek (TRY) 5.000,00 TRY", as the printed documents write lines.
lines_text = fmt.lines


def money_line(data: Mapping[str, Any]) -> MoneyLine | None:
    """An interchange money line as a :class:`MoneyLine`; None for one not finished yet (no
    currency, no amount, an amount or instrument that does not read)."""
    # Its banknote count, if any, is the counter's business: the line is read without it.
    try:
        return money_line_from_json({k: v for k, v in data.items() if k != "denominations"})
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return None


def money_lines(data: Iterable[Mapping[str, Any]] | None) -> list[MoneyLine]:
    """The finished lines of interchange money lines, in order."""
    return [line for line in map(money_line, data or ()) if line is not None]


def amount(value: object) -> str:
    """A TL value carried as interchange text ("12500.00") in Turkish form; "—" for none."""
    if value is None or value == "":
        return fmt.amount(None)
    return fmt.amount(value if isinstance(value, Decimal) else Decimal(str(value)))


def day(value: object) -> str:
    """GG.AA.YYYY of an ISO date or moment carried as text ("" for none)."""
    text = str(value or "")
    return fmt.date(datetime.date.fromisoformat(text[:10])) if text else ""


def identity(block: Mapping[str, Any] | None) -> str:
    """ "12345678901 (T.C. Kimlik No)" of an interchange identity block ("" without a number)."""
    if not block or not block.get("id_number"):
        return ""
    return f"{block['id_number']} ({vocabulary.ID_KIND.get(str(block.get('id_kind') or ''), '')})"


def moment(value: object) -> str:
    """GG.AA.YYYY SS:DD of an ISO moment carried as text, as it was written ("" for none)."""
    text = str(value or "")
    return fmt.date_time(datetime.datetime.fromisoformat(text)) if text else ""
