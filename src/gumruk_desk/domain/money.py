"""Money: ``Decimal`` amounts with an ISO 4217 currency, end to end.

No float ever holds money here. Amounts cross every boundary (JSON, database, screen) as
strings in the currency's own ISO 4217 minor units, exactly as counted: ``"12500.00"`` EUR,
``"100.500"`` KWD, ``"10000"`` JPY. Rounding of legal amounts happens in exactly one place,
:func:`round_try`, half-up to the kuruş, as a fine or a TL value on a signed form requires.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import overload

from babel.numbers import format_decimal

from gumruk_desk.domain import iso
from gumruk_desk.domain.problems import MoneyError as MoneyError

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


def format_amount(amount: Decimal, minor_units: int | None = None) -> str:
    """Canonical interchange form, plain digits.

    With ``minor_units`` (the currency's, for an amount of cash): exactly that many decimals,
    "100.500" for KWD, "10000" for JPY, "12500.00" for EUR. A value with more decimals than
    that keeps them all: digits are never dropped here. Without: a TL value or a rate, at
    least two decimals ("100.00", "0.4321").
    """
    quantum = KURUS if minor_units is None else _quantum(minor_units)
    quantized = amount.quantize(quantum, context=MONEY_CONTEXT)
    if quantized == amount:
        return format(quantized, "f")
    return format(amount.normalize(MONEY_CONTEXT) if minor_units is not None else amount, "f")


@overload
def minor_units_of(currency: str) -> int | None: ...
@overload
def minor_units_of(currency: str, default: int) -> int: ...
def minor_units_of(currency: str, default: int | None = None) -> int | None:
    """The currency's ISO 4217 minor units; ``default`` for a code with none (XDR) or unknown
    (a screen showing what is being typed)."""
    try:
        return iso.currency_minor_units(currency)
    except ValueError:
        return default


def format_tr(amount: Decimal | str, minor_units: int | None = 2) -> str:
    """THE Turkish form of an amount, for every screen, printout and report (Babel, tr_TR):
    dots group thousands, a comma before the decimals; ``minor_units`` decimals (the
    currency's: "1.234,567" KWD, "10.000" JPY, "12.500,00" TL), never fewer digits than the
    value carries, so nothing counted is hidden ("0,4321" for a rate)."""
    value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    places = 2 if minor_units is None else minor_units
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return str(format_decimal(value, format=pattern, locale="tr_TR", decimal_quantization=False))


def format_in(amount: Decimal | str, currency: str) -> str:
    """An amount of ``currency`` in Turkish form with that currency's decimals."""
    return format_tr(amount, minor_units_of(currency))


def format_turkish(amount: Decimal) -> str:
    """A TL amount: 12500 → "12.500,00"."""
    return format_tr(amount, 2)


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
        minor = minor_units_of(self.currency)
        data["amount"] = format_amount(self.amount, minor)
        if self.denominations:
            data["denominations"] = [
                {"value": format_amount(d.value, minor), "count": d.count}
                for d in self.denominations
            ]
        return data

    def with_amount(self, amount: Decimal) -> MoneyLine:
        return MoneyLine(self.currency, amount, self.instrument)
