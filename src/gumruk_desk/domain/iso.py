"""ISO 3166-1 countries and ISO 4217 currencies: stored as codes, shown in Turkish.

Contracts shared by every function here:

* Codes are exact: ``"TR"`` is a country, ``"tr"`` is not. Callers normalise user input before
  asking; the domain never guesses what a lowercase code meant.
* Name look-ups never raise: an unknown code is shown as the code itself, so a screen can always
  display whatever was stored.
* Everything is cached, because the GUI asks on every keystroke and Babel/pycountry look-ups are
  comparatively slow. The lists returned are fresh copies; mutating them does not touch the cache.

The data come from pycountry (which codes exist) and Babel/CLDR (Turkish names, minor units).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

import pycountry
from babel import Locale
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


@lru_cache(maxsize=1)
def _currency_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


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


def is_currency(code: str) -> bool:
    """True when ``code`` is an active ISO 4217 code, exactly (``"TRY"``; not ``"try"``, ``"TRL"``).

    This includes ISO's non-national codes such as ``XDR``, ``XAU`` and ``XTS``.
    """
    return isinstance(code, str) and code in _currency_codes()


@lru_cache(maxsize=512)
def currency_name_tr(code: str) -> str:
    """Turkish name of an active ISO 4217 currency as CLDR writes it (``"USD"`` → ``"ABD doları"``).

    CLDR follows Turkish spelling rules, so generic currency names are lowercase after the
    country (``"Türk lirası"``). Falls back to pycountry's English name for the few codes CLDR
    does not name yet; anything that is not an active ISO 4217 code is returned unchanged.
    """
    if not is_currency(code):
        return code
    name = _locale_tr().currencies.get(code)
    if name:
        return str(name)
    currency = pycountry.currencies.get(alpha_3=code)
    return str(currency.name) if currency is not None else code


@lru_cache(maxsize=512)
def currency_minor_units(code: str) -> int:
    """Number of decimals of a currency's smallest unit (JPY 0, USD 2, KWD 3, TRY 2).

    Taken from Babel/CLDR (``get_currency_precision``). CLDR reflects the units actually in use,
    so it gives 0 where ISO 4217 still lists 2 or 3 for a few high-inflation currencies (IQD, IRR,
    LBP, SYP, YER …). Raises :class:`ValueError` with a Turkish message for a code that is not an
    active ISO 4217 currency: silently assuming 2 decimals for an unknown code would let a wrong
    amount through.
    """
    if not is_currency(code):
        raise ValueError(f"'{code}' geçerli bir ISO 4217 para birimi kodu değil.")
    return int(get_currency_precision(code))


@lru_cache(maxsize=1)
def _currencies_tr() -> tuple[tuple[str, str], ...]:
    first = [(code, currency_name_tr(code)) for code in COUNTER_CURRENCIES if is_currency(code)]
    rest = [
        (code, currency_name_tr(code))
        for code in _currency_codes()
        if code not in COUNTER_CURRENCIES
    ]
    rest.sort(key=lambda pair: turkish_sort_key(pair[1]))
    return tuple(first + rest)


def currencies_tr() -> list[tuple[str, str]]:
    """Active ISO 4217 currencies as ``(code, Turkish name)``.

    TRY, USD, EUR and GBP come first (the ones used at the counter), then the rest in Turkish
    alphabetical order of the name.
    """
    return list(_currencies_tr())
