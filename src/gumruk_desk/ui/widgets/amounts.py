"""Amounts typed and shown the Turkish way ("12.500,00"), never through a float."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from PySide6.QtGui import QValidator

from gumruk_desk.domain import money

_GROUPED = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")
_PLAIN = re.compile(r"^[0-9]+$")
_DECIMALS = re.compile(r"^[0-9]+$")
# What may stand in an amount field while it is typed: digits, dots grouping thousands and
# one decimal comma ("10.000,00"). Letters, signs and spaces are never taken.
_TYPED = re.compile(r"^[0-9.]*(,[0-9]*)?$")


def parse_turkish_amount(text: str) -> Decimal | None:
    """ "12.500,00" / "12500,5" / "12500" / "12500.50" → Decimal; ``None`` if not an amount.

    A comma is the decimal sign and dots group thousands. Without a comma, dots that group
    digits in threes are thousands ("12.500" is twelve thousand five hundred, as a Turkish
    reader means it); a single dot followed by one, two or more than three digits is read as
    a decimal point, since a scanner or a paste may bring "12500.50".
    """
    text = "".join(text.split())
    if not text or text.startswith(("-", "+")):
        return None
    if "," in text:
        whole, _, fraction = text.partition(",")
        if "," in fraction or not _DECIMALS.match(fraction):
            return None
    elif "." in text and not _GROUPED.match(text):
        whole, _, fraction = text.rpartition(".")
        if "." in whole or not _DECIMALS.match(fraction):
            return None
    else:
        whole, fraction = text, ""
    if not (_PLAIN.match(whole) or _GROUPED.match(whole)):
        return None
    digits = whole.replace(".", "") + ("." + fraction if fraction else "")
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def format_turkish_amount(value: Decimal, minor_units: int = 2) -> str:
    """12500 → "12.500,00" (``minor_units`` decimals, never fewer than the value has)."""
    return money.format_tr(value, minor_units)


class AmountValidator(QValidator):
    """Keeps an amount field to digits and separators; whether what is typed is a readable
    amount is :func:`parse_turkish_amount`'s to say (a half-typed "10." is fine here)."""

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        state = QValidator.State.Acceptable if _TYPED.match(text) else QValidator.State.Invalid
        return state, text, pos
