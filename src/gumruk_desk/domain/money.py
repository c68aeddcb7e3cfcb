"""Money: ``Decimal`` amounts with an ISO 4217 currency, end to end.

No float ever holds money here. Amounts cross every boundary (JSON, database, screen) as
strings such as ``"12500.00"``. Rounding of legal amounts happens in exactly one place,
:func:`round_try`, half-up to the kuruş, as a fine or a TL value on a signed form requires.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

# Enough digits that no realistic amount times a rate is ever rounded implicitly.
MONEY_CONTEXT = decimal.Context(
    prec=50,
    rounding=decimal.ROUND_HALF_UP,
    traps=[
        decimal.InvalidOperation,
        decimal.DivisionByZero,
        decimal.Overflow,
    ],
)

KURUS = Decimal("0.01")
ZERO = Decimal("0.00")
TRY = "TRY"

#: At most 15 integer digits: far above any cash a traveller carries, far below overflow.
_AMOUNT_RE = re.compile(r"^(0|[1-9][0-9]{0,14})(\.[0-9]{1,8})?$")


class MoneyError(ValueError):
    """An amount that cannot be money; ``str(e)`` is a Turkish message."""


class Instrument(StrEnum):
    """Payment instruments that count as cash (nakit) under the circular's introduction."""

    BONO = "bono"
    POLICE = "police"
    CEK = "cek"
    SEYAHAT_CEKI = "seyahat_ceki"
    POSTA_CEKI = "posta_ceki"
    ODEME_EMRI = "odeme_emri"
    DIGER = "diger"

    @property
    def label_tr(self) -> str:
        return INSTRUMENT_LABELS_TR[self]


INSTRUMENT_LABELS_TR: dict[Instrument, str] = {
    Instrument.BONO: "Bono",
    Instrument.POLICE: "Poliçe",
    Instrument.CEK: "Çek",
    Instrument.SEYAHAT_CEKI: "Seyahat çeki",
    Instrument.POSTA_CEKI: "Posta çeki",
    Instrument.ODEME_EMRI: "Ödeme emri",
    Instrument.DIGER: "Ödemeyi sağlayan diğer belge",
}


def parse_amount(text: str) -> Decimal:
    """Parse a non-negative plain decimal string ("12500.00") into a ``Decimal``.

    Raises :class:`MoneyError` for anything else: floats, exponents, commas, signs, NaN.
    """
    if not isinstance(text, str) or not _AMOUNT_RE.fullmatch(text):
        raise MoneyError(
            f"Tutar '{text}' geçersiz: nokta ile ayrılmış ondalık bir sayı olmalı "
            '(ör. "12500.00").'
        )
    return Decimal(text)


def fits_minor_units(amount: Decimal, minor_units: int) -> bool:
    """True when ``amount`` has no more significant decimals than the currency allows."""
    return amount == amount.quantize(_quantum(minor_units), context=MONEY_CONTEXT)


def format_amount(amount: Decimal) -> str:
    """Canonical interchange form: plain digits, at least two decimals ("100.00", "0.50")."""
    quantized = amount.quantize(KURUS, context=MONEY_CONTEXT)
    return format(quantized if quantized == amount else amount, "f")


def format_turkish(amount: Decimal) -> str:
    """12500 → "12.500,00": dots group thousands, a comma before the kuruş (for printouts)."""
    exponent = amount.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) else 0
    text = f"{amount:,.2f}" if places <= 2 else f"{amount:,}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def round_try(amount: Decimal) -> Decimal:
    """THE rounding rule for legal TL amounts: half-up to the kuruş (0.01 TL)."""
    return amount.quantize(KURUS, rounding=decimal.ROUND_HALF_UP, context=MONEY_CONTEXT)


def round_up_to_minor(amount: Decimal, minor_units: int) -> Decimal:
    """Round up to the currency's smallest unit: used when a custody share must cover an excess."""
    return amount.quantize(
        _quantum(minor_units), rounding=decimal.ROUND_CEILING, context=MONEY_CONTEXT
    )


_QUANTA = {n: Decimal(1).scaleb(-n) for n in range(5)}  # ISO 4217 minor units are 0 to 4


def _quantum(minor_units: int) -> Decimal:
    """The currency's smallest unit: 0.01 for two minor units."""
    return _QUANTA.get(minor_units) or Decimal(1).scaleb(-minor_units)


def mul(a: Decimal, b: Decimal) -> Decimal:
    return MONEY_CONTEXT.multiply(a, b)


def div(a: Decimal, b: Decimal) -> Decimal:
    return MONEY_CONTEXT.divide(a, b)


def total(values: Iterable[Decimal]) -> Decimal:
    result = Decimal(0)
    for value in values:
        result = MONEY_CONTEXT.add(result, value)
    return result


@dataclass(frozen=True)
class Denomination:
    """A banknote value and how many of it were counted."""

    value: Decimal
    count: int

    @property
    def amount(self) -> Decimal:
        return mul(self.value, Decimal(self.count))


@dataclass(frozen=True)
class MoneyLine:
    """One line of cash (``instrument is None``) or of a payment instrument, in one currency."""

    currency: str
    amount: Decimal
    instrument: Instrument | None = None
    denominations: tuple[Denomination, ...] = ()

    @property
    def is_cash(self) -> bool:
        return self.instrument is None

    @property
    def key(self) -> tuple[str, str]:
        """Identity of a line within a list: one line per currency, one per instrument kind."""
        return (self.instrument.value if self.instrument else "", self.currency)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {}
        if self.instrument is not None:
            data["instrument"] = self.instrument.value
        data["currency"] = self.currency
        data["amount"] = format_amount(self.amount)
        if self.denominations:
            data["denominations"] = [
                {"value": format_amount(d.value), "count": d.count} for d in self.denominations
            ]
        return data

    def with_amount(self, amount: Decimal) -> MoneyLine:
        return MoneyLine(self.currency, amount, self.instrument)
