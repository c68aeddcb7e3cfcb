"""ISO 3166-1 countries and ISO 4217 currencies: stored as codes, shown in Turkish.

Contracts shared by every function here:

* Codes are exact: ``"TR"`` is a country, ``"tr"`` is not. Callers normalise user input before
  asking; the domain never guesses what a lowercase code meant.
* Name look-ups never raise: an unknown code is shown as the code itself, so a screen can always
  display whatever was stored.
* Everything is cached, because the GUI asks on every keystroke and Babel/pycountry look-ups are
  comparatively slow. The lists returned are fresh copies; mutating them does not touch the cache.

Countries come from pycountry, Turkish names from Babel/CLDR. Which currencies exist is ISO 4217
list one (the ``iso4217`` package, with each currency's minor units) together with CLDR's history
of legal tender, so a currency withdrawn recently (the Bulgarian lev in 2026) is still cash a
traveller may carry.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Collection
from functools import lru_cache
from typing import Any

import iso4217
import pycountry
from babel import Locale
from babel.core import get_global
from babel.numbers import get_currency_precision

__all__ = [
    "countries_tr",
    "country_from_mrz",
    "country_name_tr",
    "currencies_tr",
    "currency_minor_units",
    "currency_name_tr",
    "is_country",
    "is_currency",
    "mrz_special_code_tr",
    "turkish_sort_key",
    "withdrawn_on",
]

#: Currencies most used at the counter, listed first in :func:`currencies_tr`.
COUNTER_CURRENCIES: tuple[str, ...] = ("TRY", "USD", "EUR", "GBP")

# ICAO Doc 9303 Part 3 codes that are not ISO 3166-1 alpha-3 but still name a country.
_ICAO_TO_ALPHA2: dict[str, str] = {
    "D": "DE",  # Germany writes 'D<<' in the MRZ, not 'DEU'.
    "GBD": "GB",  # British Overseas Territories citizen
    "GBN": "GB",  # British National (Overseas)
    "GBO": "GB",  # British Overseas citizen
    "GBP": "GB",  # British protected person
    "GBS": "GB",  # British subject
}

# ICAO codes that are legitimate on a document but correspond to no ISO 3166 country, so the
# officer must choose the nationality by hand. Described in Turkish for the warning text.
_ICAO_SPECIAL_TR: dict[str, str] = {
    "XXA": "vatansız kişi (1954 Sözleşmesi)",
    "XXB": "mülteci (1951 Sözleşmesi)",
    "XXC": "mülteci (diğer)",
    "XXX": "uyruğu belirtilmemiş",
    "UNO": "Birleşmiş Milletler",
    "UNA": "Birleşmiş Milletler uzman kuruluşu",
    "UNK": "Birleşmiş Milletler Kosova Geçici Yönetimi (UNMIK)",
    "RKS": "Kosova; ISO 3166'da yer almıyor",
    "EUE": "Avrupa Birliği",
    "XOM": "Malta Egemen Askerî Tarikatı",
    "XPO": "Interpol",
}

# Turkish alphabet, with Q, W and X (used in foreign names) after P, V and W as dictionaries do.
_TR_ALPHABET = "abcçdefgğhıijklmnoöpqrsştuüvwxyz"
_TR_LETTER_RANK = {ch: 20 + i for i, ch in enumerate(_TR_ALPHABET)}
# Combining marks that make a distinct Turkish letter; every other mark (â, î, ô, å, é …) is
# ignored for ordering, so "Côte" sorts with "Cote".
_TR_MARKS = {"\u0327", "\u0306", "\u0308"}  # cedilla (ç ş), breve (ğ), diaeresis (ö ü)


def _turkish_lower(text: str) -> str:
    # str.lower() maps 'I' to 'i' and 'İ' to 'i̇'; Turkish needs 'ı' and 'i'.
    return text.replace("I", "ı").replace("İ", "i").lower()


def turkish_sort_key(text: str) -> tuple[tuple[int, ...], str]:
    """Sort key following the Turkish alphabet (a b c ç d … ı i … o ö … s ş … u ü …).

    Case-insensitive with Turkish casing (``I``/``ı``, ``İ``/``i``); foreign accents are ignored;
    spaces and punctuation sort before digits, digits before letters. Ties fall back to the text
    itself so the order is total and stable.
    """
    ranks: list[int] = []
    for ch in unicodedata.normalize("NFC", _turkish_lower(text)):
        rank = _TR_LETTER_RANK.get(ch)
        if rank is None:
            decomposed = unicodedata.normalize("NFD", ch)
            base = decomposed[0]
            kept = unicodedata.normalize(
                "NFC", base + "".join(m for m in decomposed[1:] if m in _TR_MARKS)
            )
            rank = _TR_LETTER_RANK.get(kept, _TR_LETTER_RANK.get(base))
        if rank is None:
            if ch.isdecimal():
                rank = 10 + unicodedata.decimal(ch)
            elif ch.isalpha():
                # Letters of other scripts: after the Turkish alphabet, in code point order.
                rank = 100 + ord(ch)
            else:
                rank = 0
        ranks.append(rank)
    return (tuple(ranks), text)


@lru_cache(maxsize=1)
def _locale_tr() -> Any:
    return Locale("tr")


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries)


@lru_cache(maxsize=1)
def _alpha3_to_alpha2() -> dict[str, str]:
    return {c.alpha_3: c.alpha_2 for c in pycountry.countries}


def is_country(code: str) -> bool:
    """True when ``code`` is an ISO 3166-1 alpha-2 code, exactly (uppercase, no spaces)."""
    return isinstance(code, str) and code in _country_codes()


@lru_cache(maxsize=512)
def country_name_tr(code: str) -> str:
    """Turkish name of an ISO 3166-1 alpha-2 country (``"DE"`` → ``"Almanya"``).

    Falls back to pycountry's English name when CLDR has no Turkish one. Any code that is not an
    ISO 3166-1 alpha-2 code (``"XK"``, ``"tr"``, ``""``) is returned unchanged; never raises.
    """
    if not is_country(code):
        return code
    name = _locale_tr().territories.get(code)
    if name:
        return str(name)
    country = pycountry.countries.get(alpha_2=code)
    return str(country.name) if country is not None else code


@lru_cache(maxsize=1)
def _countries_tr() -> tuple[tuple[str, str], ...]:
    pairs = [(code, country_name_tr(code)) for code in _country_codes()]
    pairs.sort(key=lambda pair: turkish_sort_key(pair[1]))
    return tuple(pairs)


def countries_tr() -> list[tuple[str, str]]:
    """Every ISO 3166-1 country as ``(alpha-2 code, Turkish name)``, in Turkish alphabet order."""
    return list(_countries_tr())


@lru_cache(maxsize=512)
def country_from_mrz(code3: str) -> str | None:
    """ISO 3166-1 alpha-2 code for an ICAO Doc 9303 state code as printed in an MRZ.

    Accepts the three-character field with its ``'<'`` fillers (``"TUR"``, ``"D<<"``) or without
    them (``"D"``). ICAO's own codes for Germany (``D``) and the British nationality classes
    (``GBD``, ``GBN``, ``GBO``, ``GBP``, ``GBS``) map to ``DE`` and ``GB``. Returns ``None`` for
    anything that is not an ISO 3166 country: the specimen state ``UTO``, Kosovo's ``RKS``
    (``XK`` is not ISO), stateless/refugee codes (``XXA``…), organisations (``UNO``, ``EUE``…),
    lowercase input and garbage. Never raises.
    """
    if not isinstance(code3, str) or len(code3) > 3:
        return None
    code = code3.rstrip("<")
    if not (1 <= len(code) <= 3 and code.isascii() and code.isalpha() and code.isupper()):
        return None
    special = _ICAO_TO_ALPHA2.get(code)
    if special is not None:
        return special
    return _alpha3_to_alpha2().get(code)


def mrz_special_code_tr(code3: str) -> str | None:
    """Turkish description of an ICAO code that is valid on a document but is no ISO country.

    ``"XXA"`` → ``"vatansız kişi (1954 Sözleşmesi)"``; ``None`` for any other code. Used to tell
    the officer *why* a nationality could not be filled in automatically.
    """
    if not isinstance(code3, str):
        return None
    return _ICAO_SPECIAL_TR.get(code3.rstrip("<"))


CURRENCY_CARRIED_YEARS = 10
"""How long after a currency stops being legal tender its notes still count as cash a traveller
may carry: central banks exchange withdrawn notes for years (the Croatian kuna, the Bulgarian
lev), so a border sees them long after ISO 4217 drops the code. Older codes (TRL, DEM) are
collectors' items, not cash: they are refused unless the bulletin in force still prices them."""


@lru_cache(maxsize=1)
def _iso_current() -> dict[str, int | None]:
    """ISO 4217 list one (the ``iso4217`` package ships SIX's table): code → minor units, or
    ``None`` where ISO gives none (funds, metals, SDR, test codes)."""
    table: dict[str, int | None] = {}
    for code, entry in iso4217.raw_table.items():
        if not code or entry.get("CcyNbr") is None:
            continue
        units = str(entry.get("CcyMnrUnts") or "")
        table[str(code)] = int(units) if units.isdigit() else None
    return table


@lru_cache(maxsize=1)
def _cldr_tender() -> tuple[frozenset[str], dict[str, datetime.date]]:
    """From CLDR's history of what each territory used: the codes legal tender today somewhere,
    and for every other code the last day it was legal tender anywhere."""
    current: set[str] = set()
    ended: dict[str, datetime.date] = {}
    for entries in get_global("territory_currencies").values():
        for code, _start, end, tender in entries:
            if not tender:
                continue
            if end is None:
                current.add(code)
            else:
                day = datetime.date(*end)
                if day > ended.get(code, datetime.date.min):
                    ended[code] = day
    for code in current:
        ended.pop(code, None)
    return frozenset(current), ended


@lru_cache(maxsize=1)
def _cldr_named() -> frozenset[str]:
    return frozenset(Locale("en").currencies)


def _is_current(code: str) -> bool:
    return code in _iso_current() or code in _cldr_tender()[0]


def withdrawn_on(code: str) -> datetime.date | None:
    """The last day ``code`` was legal tender anywhere (CLDR), for a currency no longer current
    (``"BGN"`` → 2026-01-31, ``"HRK"`` → 2023-01-14); ``None`` for a current or unknown code."""
    if not isinstance(code, str) or _is_current(code):
        return None
    return _cldr_tender()[1].get(code)


def is_currency(code: str, on: datetime.date | None = None, *, also: Collection[str] = ()) -> bool:
    """True when ``code`` is a currency a traveller may carry on ``on`` (default today), exactly
    (``"TRY"``; not ``"try"``):

    * a current ISO 4217 code (ISO's non-national codes such as ``XDR`` and ``XTS`` included; the
      validator refuses those as cash), or one CLDR lists as legal tender today;
    * a withdrawn code whose notes may still be carried: legal tender somewhere within
      :data:`CURRENCY_CARRIED_YEARS` years before ``on`` (``BGN``, ``HRK``);
    * any code in ``also`` (the currencies of the bulletin in force) that CLDR names, however
      long ago it was withdrawn: TCMB still prices it, so it is still carried.
    """
    if not isinstance(code, str) or not code:
        return False
    if _is_current(code):
        return True
    if code in also and code in _cldr_named():
        return True
    ended = _cldr_tender()[1].get(code)
    if ended is None:
        return False
    day = on or datetime.date.today()
    try:
        cutoff = day.replace(year=day.year - CURRENCY_CARRIED_YEARS)
    except ValueError:  # 29 February
        cutoff = day.replace(year=day.year - CURRENCY_CARRIED_YEARS, day=28)
    return ended >= cutoff


@lru_cache(maxsize=512)
def currency_name_tr(code: str) -> str:
    """Turkish name of a currency as CLDR writes it (``"USD"`` → ``"ABD doları"``,
    ``"BGN"`` → ``"Bulgar levası"``).

    CLDR follows Turkish spelling rules, so generic currency names are lowercase after the
    country (``"Türk lirası"``). Falls back to ISO's English name for the few codes CLDR does
    not name; any other string is returned unchanged.
    """
    if not isinstance(code, str):
        return code
    name = _locale_tr().currencies.get(code)
    if name:
        return str(name)
    entry = iso4217.raw_table.get(code) if code else None
    return str(entry["CcyNm"]) if entry and entry.get("CcyNm") else code


@lru_cache(maxsize=512)
def currency_minor_units(code: str) -> int:
    """Number of decimals of a currency's minor unit, as ISO 4217 gives it (JPY 0, USD 2,
    KWD 3, IQD 3, TRY 2).

    ISO 4217 list one for current codes; for a withdrawn code, which ISO no longer lists, CLDR's
    digits (BGN 2). Raises :class:`ValueError` with a Turkish message for a code neither knows,
    or one ISO gives no minor unit (XDR, XAU): silently assuming 2 decimals would let a wrong
    amount through.
    """
    if isinstance(code, str) and code in _iso_current():
        units = _iso_current()[code]
        if units is not None:
            return units
    elif isinstance(code, str) and code in _cldr_named():
        return int(get_currency_precision(code))
    raise ValueError(f"'{code}' için ISO 4217 ondalık basamak sayısı bilinmiyor.")


def _carried(on: datetime.date | None) -> list[str]:
    ended = _cldr_tender()[1]
    return sorted(code for code in ended if is_currency(code, on))


@lru_cache(maxsize=4)
def _currencies_tr(on: datetime.date) -> tuple[tuple[str, str], ...]:
    codes = set(_iso_current()) | _cldr_tender()[0] | set(_carried(on))
    first = [(code, currency_name_tr(code)) for code in COUNTER_CURRENCIES if code in codes]
    rest = [(code, currency_name_tr(code)) for code in codes if code not in COUNTER_CURRENCIES]
    rest.sort(key=lambda pair: turkish_sort_key(pair[1]))
    return tuple(first + rest)


def currencies_tr(on: datetime.date | None = None) -> list[tuple[str, str]]:
    """Every currency :func:`is_currency` accepts on ``on`` (default today), as ``(code,
    Turkish name)``: TRY, USD, EUR and GBP first (the ones used at the counter), then the rest
    in Turkish alphabetical order of the name. Withdrawn currencies still carried are included.
    """
    return list(_currencies_tr(on or datetime.date.today()))
