"""Exchange rates: the TCMB daily bulletin (``today.xml``) and the rate table in force on a date.

Pure domain code: functions take ``bytes`` (callers read files or the network) and return
immutable values. Every rate is a :class:`~decimal.Decimal`; no float ever holds one.

The bulletin is untrusted input (it may come from a USB stick or a proxy), so
:func:`parse_tcmb_xml` is defensive: the size is capped before parsing, DTDs and entities are
refused (``defusedxml``), every number is checked against a strict pattern before it becomes a
``Decimal``, and the only exception it ever raises is :class:`RatesError` with a Turkish message
an officer can act on.
"""

from __future__ import annotations

import datetime
import decimal
import re
import types
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

import defusedxml
import defusedxml.ElementTree as DET

from gumruk_desk.domain.problems import RatesError as RatesError

__all__ = [
    "MAX_BULLETIN_BYTES",
    "TRY",
    "Bulletin",
    "CurrencyQuote",
    "Rate",
    "RateColumn",
    "RateTable",
    "RatesError",
    "parse_tcmb_xml",
    "rate_table_for",
    "select_bulletin",
]

#: A real ``today.xml`` is about 10 KB; anything near this limit is not a bulletin.
MAX_BULLETIN_BYTES = 2_000_000

TRY = "TRY"

ROOT_TAG = "Tarih_Date"
CURRENCY_TAG = "Currency"

# ASCII classes on purpose: ``\d`` would accept Arabic-Indic and other Unicode digits, which
# Decimal() happily converts.
_RATE_RE = re.compile(r"[0-9]{1,12}(\.[0-9]{1,8})?")
_UNIT_RE = re.compile(r"[0-9]{1,7}")
_CODE_RE = re.compile(r"[A-Z]{3}")
_TARIH_RE = re.compile(r"([0-9]{2})\.([0-9]{2})\.([0-9]{4})")

# Rates have at most 12 + 8 digits and units at most 7, so 50 significant digits make every
# quotient by a power-of-ten unit exact; traps turn any arithmetic surprise into an exception
# instead of a silent NaN.
_RATE_CONTEXT = decimal.Context(
    prec=50,
    rounding=decimal.ROUND_HALF_UP,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)

_PREFIX = "Kur dosyası okunamadı: "


class RateColumn(StrEnum):
    """Which TCMB rate converts foreign cash into TL.

    A ``Banknote*`` column falls back to the ``Forex*`` column of the same side when the
    currency has no banknote rate; ``Forex*`` columns have no fallback.
    """

    BANKNOTE_BUYING = "BanknoteBuying"  # the default: efektif alış
    FOREX_BUYING = "ForexBuying"
    FOREX_SELLING = "ForexSelling"
    BANKNOTE_SELLING = "BanknoteSelling"

    @property
    def label_tr(self) -> str:
        return _COLUMN_LABELS_TR[self]

    @property
    def fallback(self) -> RateColumn | None:
        """The column used when this one has no value for a currency, or ``None``."""
        return _FALLBACK.get(self)


_COLUMN_LABELS_TR: dict[RateColumn, str] = {
    RateColumn.BANKNOTE_BUYING: "efektif alış",
    RateColumn.FOREX_BUYING: "döviz alış",
    RateColumn.FOREX_SELLING: "döviz satış",
    RateColumn.BANKNOTE_SELLING: "efektif satış",
}

_FALLBACK: dict[RateColumn, RateColumn] = {
    RateColumn.BANKNOTE_BUYING: RateColumn.FOREX_BUYING,
    RateColumn.BANKNOTE_SELLING: RateColumn.FOREX_SELLING,
}


@dataclass(frozen=True)
class CurrencyQuote:
    """One currency of a bulletin, as published: rates are TL per ``unit`` units.

    A rate of ``None`` means the bulletin gives no rate in that column. Published rates are
    always > 0.
    """

    code: str
    unit: int
    name: str
    forex_buying: Decimal | None
    forex_selling: Decimal | None
    banknote_buying: Decimal | None
    banknote_selling: Decimal | None

    def value(self, column: RateColumn) -> Decimal | None:
        """The raw value of ``column``: no fallback, not divided by ``unit``."""
        if column is RateColumn.FOREX_BUYING:
            return self.forex_buying
        if column is RateColumn.FOREX_SELLING:
            return self.forex_selling
        if column is RateColumn.BANKNOTE_BUYING:
            return self.banknote_buying
        return self.banknote_selling

    def resolve(self, column: RateColumn) -> tuple[RateColumn, Decimal] | None:
        """The column actually used for ``column`` (after fallback) and its raw value.

        ``None`` when neither the column nor its fallback has a value.
        """
        value = self.value(column)
        if value is not None:
            return column, value
        fallback = column.fallback
        if fallback is not None:
            value = self.value(fallback)
            if value is not None:
                return fallback, value
        return None


@dataclass(frozen=True)
class Bulletin:
    """A parsed TCMB bulletin. ``quotes`` is keyed by ISO 4217 code, in file order, read-only."""

    date: datetime.date
    # Excluded from the hash: a mapping is unhashable, the date and number identify a bulletin.
    quotes: Mapping[str, CurrencyQuote] = field(hash=False)
    number: str | None = None

    def __post_init__(self) -> None:
        # A read-only copy, so a caller's dict cannot change a "frozen" bulletin afterwards.
        object.__setattr__(self, "quotes", types.MappingProxyType(dict(self.quotes)))


@dataclass(frozen=True)
class Rate:
    """TL for ONE unit of ``currency``: the column value divided by the bulletin's ``Unit``.

    ``column`` is the column actually used (``"BanknoteBuying"``, ``"ForexBuying"``, …), or
    ``"manual"`` for a rate the officer typed in, or ``"TRY"`` for the lira itself.
    ``bulletin_date`` is ``None`` for manual rates and for TRY.
    """

    currency: str
    try_per_unit: Decimal
    column: str
    bulletin_date: datetime.date | None
    manual: bool = False


@dataclass(frozen=True)
class RateTable:
    """The rates in force on ``on_date``; ``rates`` always contains ``"TRY"`` at 1.

    ``warnings`` are Turkish sentences to show the officer before any rate is used.
    """

    on_date: datetime.date
    column: RateColumn
    bulletin_date: datetime.date | None
    rates: Mapping[str, Rate] = field(hash=False)
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "rates", types.MappingProxyType(dict(self.rates)))

    def get(self, currency: str) -> Rate | None:
        """The rate for an ISO code (surrounding spaces and letter case ignored), or ``None``."""
        return self.rates.get(currency.strip().upper())


# --------------------------------------------------------------------------------------------
# Parsing


def parse_tcmb_xml(data: bytes) -> Bulletin:
    """Parse a TCMB daily bulletin (``today.xml``).

    Raises :class:`RatesError`, and nothing else, whatever ``data`` holds: too large (over
    :data:`MAX_BULLETIN_BYTES`), not well-formed or truncated XML, a DTD or entity declaration
    (XML bombs, external entities), wrong root element, missing or invalid ``Tarih``, no
    ``Currency``, a currency without a valid three-letter code or listed twice, an invalid
    ``Unit``, or a rate that is not a plain positive decimal number (``32.1000``).

    Empty rate elements (``<X/>`` or ``<X></X>``) mean "no rate" and become ``None``.
    ``Isim`` and ``CurrencyName`` are stripped; the ``Date`` attribute is ignored.
    """
    try:
        return _parse(data)
    except RatesError:
        raise
    except Exception as exc:  # the contract: nothing but RatesError leaves this function
        raise RatesError(f"{_PREFIX}beklenmeyen hata ({type(exc).__name__}).") from exc


def _parse(data: bytes) -> Bulletin:
    if not isinstance(data, bytes | bytearray | memoryview):
        raise RatesError(f"{_PREFIX}veri bayt dizisi değil.")
    # For a memoryview, len() counts items, not bytes.
    size = data.nbytes if isinstance(data, memoryview) else len(data)
    if size > MAX_BULLETIN_BYTES:
        raise RatesError(
            f"{_PREFIX}dosya çok büyük ({size} bayt; en çok {MAX_BULLETIN_BYTES} bayt "
            "kabul edilir). Bu bir TCMB kur bülteni değil."
        )
    raw = bytes(data)
    if not raw.strip():
        raise RatesError(f"{_PREFIX}dosya boş.")
    root = _parse_xml(raw)

    if root.tag != ROOT_TAG:
        raise RatesError(f"{_PREFIX}kök öğe '{ROOT_TAG}' olmalı, '{_show(str(root.tag))}' bulundu.")
    date = _parse_tarih(root.get("Tarih"))
    number = (root.get("Bulten_No") or "").strip() or None

    quotes: dict[str, CurrencyQuote] = {}
    for index, element in enumerate(root.iterfind(CURRENCY_TAG), start=1):
        quote = _parse_currency(element, index)
        if quote.code in quotes:
            raise RatesError(f"{_PREFIX}{quote.code} dövizi dosyada birden fazla kez geçiyor.")
        quotes[quote.code] = quote
    if not quotes:
        raise RatesError(f"{_PREFIX}dosyada hiç döviz kaydı (Currency) yok.")
    return Bulletin(date=date, quotes=quotes, number=number)


def _parse_xml(data: bytes) -> ET.Element:
    try:
        # forbid_dtd: a bulletin never has one, and refusing it stops every entity trick at once.
        root: ET.Element = DET.fromstring(data, forbid_dtd=True)
    except defusedxml.DTDForbidden as exc:
        raise RatesError(
            f"{_PREFIX}dosya bir DTD (belge tipi tanımı) içeriyor; güvenlik nedeniyle kabul "
            "edilmez. Bu bir TCMB kur bülteni değil."
        ) from exc
    except defusedxml.EntitiesForbidden as exc:
        raise RatesError(
            f"{_PREFIX}dosya varlık (entity) tanımı içeriyor; güvenlik nedeniyle kabul edilmez."
        ) from exc
    except defusedxml.ExternalReferenceForbidden as exc:
        raise RatesError(
            f"{_PREFIX}dosya dış kaynak başvurusu içeriyor; güvenlik nedeniyle kabul edilmez."
        ) from exc
    except (LookupError, UnicodeError) as exc:
        # The XML declaration names an encoding Python does not know or cannot decode.
        raise RatesError(
            f"{_PREFIX}dosyanın karakter kodlaması (encoding) tanınmıyor ya da dosyayla "
            "uyuşmuyor; TCMB bülteni UTF-8 olmalı."
        ) from exc
    except ET.ParseError as exc:
        line, column = exc.position
        raise RatesError(
            f"{_PREFIX}XML bozuk veya eksik (satır {line}, sütun {column}). Dosya yarım "
            "indirilmiş ya da değiştirilmiş olabilir."
        ) from exc
    return root


def _parse_tarih(raw: str | None) -> datetime.date:
    if raw is None or not raw.strip():
        raise RatesError(f"{_PREFIX}bülten tarihi (Tarih özniteliği) yok.")
    match = _TARIH_RE.fullmatch(raw.strip())
    if match is not None:
        day, month, year = (int(part) for part in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            pass  # e.g. 31.02.2025: reported below with the same message as a bad pattern
    raise RatesError(
        f"{_PREFIX}bülten tarihi '{_show(raw)}' geçersiz; GG.AA.YYYY biçiminde geçerli bir "
        "tarih olmalı."
    )


def _parse_currency(element: ET.Element, index: int) -> CurrencyQuote:
    code = _parse_code(element, index)
    unit = _parse_unit(element, code)
    name = _child_text(element, "Isim", code).strip()
    if not name:
        name = _child_text(element, "CurrencyName", code).strip()
    return CurrencyQuote(
        code=code,
        unit=unit,
        name=name,
        forex_buying=_parse_rate(element, code, RateColumn.FOREX_BUYING),
        forex_selling=_parse_rate(element, code, RateColumn.FOREX_SELLING),
        banknote_buying=_parse_rate(element, code, RateColumn.BANKNOTE_BUYING),
        banknote_selling=_parse_rate(element, code, RateColumn.BANKNOTE_SELLING),
    )


def _parse_code(element: ET.Element, index: int) -> str:
    currency_code = (element.get("CurrencyCode") or "").strip()
    kod = (element.get("Kod") or "").strip()
    if currency_code and kod and currency_code != kod:
        raise RatesError(
            f"{_PREFIX}{index}. döviz kaydında CurrencyCode '{_show(currency_code)}' ile "
            f"Kod '{_show(kod)}' uyuşmuyor."
        )
    code = currency_code or kod
    if not code:
        raise RatesError(f"{_PREFIX}{index}. döviz kaydında para birimi kodu (CurrencyCode) yok.")
    if not _CODE_RE.fullmatch(code):
        raise RatesError(
            f"{_PREFIX}{index}. döviz kaydındaki para birimi kodu '{_show(code)}' geçersiz; "
            "üç büyük harf olmalı (ör. USD)."
        )
    if code == TRY:
        raise RatesError(
            f"{_PREFIX}dosyada TRY için kur var; Türk lirası kur bülteninde yer alamaz."
        )
    return code


def _parse_unit(element: ET.Element, code: str) -> int:
    raw = _child_text(element, "Unit", code).strip()
    if not raw:
        raise RatesError(f"{_PREFIX}{code} için birim (Unit) yok.")
    if not _UNIT_RE.fullmatch(raw) or int(raw) <= 0:
        raise RatesError(
            f"{_PREFIX}{code} için birim (Unit) '{_show(raw)}' geçersiz; sıfırdan büyük bir "
            "tam sayı olmalı (ör. 1 ya da 100)."
        )
    return int(raw)


def _parse_rate(element: ET.Element, code: str, column: RateColumn) -> Decimal | None:
    raw = _child_text(element, column.value, code).strip()
    if not raw:
        return None
    label = f"{column.label_tr} ({column.value})"
    if not _RATE_RE.fullmatch(raw):
        raise RatesError(
            f"{_PREFIX}{code} için {label} değeri '{_show(raw)}' geçersiz; nokta ile "
            "ayrılmış, işaretsiz bir ondalık sayı olmalı (ör. 32.1000)."
        )
    value = Decimal(raw)
    if value <= 0:
        raise RatesError(f"{_PREFIX}{code} için {label} değeri sıfır; kur sıfırdan büyük olmalı.")
    return value


def _child_text(element: ET.Element, tag: str, code: str) -> str:
    """Text of the single ``tag`` child, ``""`` when absent or empty; two of them is an error."""
    children = element.findall(tag)
    if len(children) > 1:
        raise RatesError(f"{_PREFIX}{code} kaydında {tag} alanı birden fazla kez geçiyor.")
    if not children:
        return ""
    return children[0].text or ""


def _show(text: str, limit: int = 24) -> str:
    """Untrusted text made safe to quote in a message: printable and short."""
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in text[: limit + 1])
    return cleaned if len(cleaned) <= limit else cleaned[:limit] + "…"


# --------------------------------------------------------------------------------------------
# Rates in force


def select_bulletin(bulletins: Iterable[Bulletin], on_date: datetime.date) -> Bulletin | None:
    """The bulletin in force on a date: the latest one dated on or before it.

    None is published on weekends and holidays, so the last working day's bulletin applies.
    Returns ``None`` when every bulletin is later than ``on_date`` (or there is none). If two
    bulletins carry the same date, the later one in iteration order wins (a re-import).
    """
    chosen: Bulletin | None = None
    for bulletin in bulletins:
        if bulletin.date <= on_date and (chosen is None or bulletin.date >= chosen.date):
            chosen = bulletin
    return chosen


def rate_table_for(
    bulletins: Iterable[Bulletin],
    on_date: datetime.date,
    column: RateColumn = RateColumn.BANKNOTE_BUYING,
    manual: Mapping[str, Decimal] | None = None,
    stale_after_days: int = 4,
) -> RateTable:
    """Rates in force on ``on_date``, from the bulletin chosen by :func:`select_bulletin`.

    Each bulletin rate is the ``column`` value (after the banknote → forex fallback) divided by
    the currency's ``Unit``; a currency with no value is simply absent. A bulletin dated more
    than ``stale_after_days`` days before ``on_date`` adds a Turkish warning, and so does having
    no bulletin at all.

    ``manual`` rates (TL per ONE unit; ISO code → ``Decimal`` > 0) override the bulletin for
    their currency and are marked ``manual=True``, column ``"manual"``. A manual rate that is
    not a finite positive ``Decimal``, a code that is not three letters, or a manual rate for
    TRY raises :class:`RatesError`. ``"TRY"`` is always present at 1.
    """
    if isinstance(stale_after_days, bool) or not isinstance(stale_after_days, int):
        raise RatesError("Kur bülteninin eskime süresi gün sayısı (tam sayı) olmalı.")
    if stale_after_days < 0:
        raise RatesError("Kur bülteninin eskime süresi negatif olamaz.")
    try:
        column = RateColumn(column)
    except ValueError:
        raise RatesError(f"Kur sütunu '{_show(str(column))}' tanınmıyor.") from None
    manual_rates = _check_manual(manual or {})

    rates: dict[str, Rate] = {TRY: Rate(TRY, Decimal(1), TRY, None)}
    warnings: list[str] = []
    bulletin = select_bulletin(bulletins, on_date)
    if bulletin is None:
        warnings.append(
            f"İşlem tarihi {_fmt(on_date)} için yürürlükte bir kur bülteni yok; "
            "kurları güncelleyin ya da elle girin."
        )
    else:
        age = (on_date - bulletin.date).days
        if age > stale_after_days:
            warnings.append(
                f"Kur bülteni {_fmt(bulletin.date)} tarihli; işlem tarihinden {age} gün eski."
            )
        for code, quote in bulletin.quotes.items():
            resolved = quote.resolve(column)
            if resolved is None:
                continue
            used, value = resolved
            rates[code] = Rate(
                currency=code,
                try_per_unit=_RATE_CONTEXT.divide(value, Decimal(quote.unit)),
                column=used.value,
                bulletin_date=bulletin.date,
            )
    for code, value in manual_rates.items():
        rates[code] = Rate(code, value, "manual", None, manual=True)

    return RateTable(
        on_date=on_date,
        column=column,
        bulletin_date=bulletin.date if bulletin is not None else None,
        rates=rates,
        warnings=tuple(warnings),
    )


def _check_manual(manual: Mapping[str, Decimal]) -> dict[str, Decimal]:
    checked: dict[str, Decimal] = {}
    for raw_code, value in manual.items():
        code = raw_code.strip().upper() if isinstance(raw_code, str) else ""
        if not _CODE_RE.fullmatch(code):
            raise RatesError(
                f"Elle girilen kurun para birimi kodu '{_show(str(raw_code))}' geçersiz; "
                "üç harf olmalı (ör. USD).",
                "currency",
            )
        if code == TRY:
            raise RatesError(
                "TRY için elle kur girilemez; Türk lirasının kuru her zaman 1'dir.", "currency"
            )
        if code in checked:
            raise RatesError(f"{code} için birden fazla elle girilmiş kur var.", "currency")
        # Only Decimal: a float here would already have lost exactness upstream.
        if not isinstance(value, Decimal) or not value.is_finite() or value <= 0:
            raise RatesError(
                f"{code} için elle girilen kur '{_show(str(value))}' geçersiz; sıfırdan büyük "
                "bir sayı olmalı.",
                "rate",
            )
        checked[code] = value
    return checked


def _fmt(date: datetime.date) -> str:
    # Not strftime: its zero padding of years before 1000 differs between platforms.
    return f"{date.day:02d}.{date.month:02d}.{date.year:04d}"
