"""Identity numbers (T.C. Kimlik No, Vergi Kimlik No, passport numbers) and MRZ reading.

Validation functions take the value exactly as it will be stored: they do not strip, convert
full-width digits or otherwise repair input (python-stdnum would silently do some of that), so
``is_valid_tckn(v)`` being true means ``v`` itself is fit to store. Passport numbers are the one
exception, with an explicit :func:`normalize_passport_number`.

:func:`parse_mrz` reads the machine readable zone of ICAO Doc 9303 passports (TD3) and identity
cards (TD1) as a keyboard-wedge scanner types it, and verifies every check digit. Its only
exception is :class:`MrzError`, whose text is a Turkish message for the officer.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from stdnum.exceptions import ValidationError
from stdnum.tr import tckimlik, vkn

from gumruk_desk.domain.iso import country_from_mrz, mrz_special_code_tr
from gumruk_desk.domain.problems import MrzError as MrzError

__all__ = [
    "ID_KINDS",
    "MrzData",
    "MrzError",
    "id_number_problem",
    "is_valid_passport_number",
    "is_valid_tckn",
    "is_valid_vkn",
    "mrz_check_digit",
    "normalize_passport_number",
    "parse_mrz",
]

#: The ``kind`` values :func:`id_number_problem` understands.
ID_KINDS: Final = frozenset({"tckn", "passport", "vkn"})

# Explicit ASCII classes: str.isdigit() and \d also accept Arabic-Indic or full-width digits.
_DIGITS_RE = re.compile(r"[0-9]*")
_PASSPORT_CHARS_RE = re.compile(r"[A-Z0-9]*")
_PASSPORT_MIN, _PASSPORT_MAX = 3, 20
_WHITESPACE_RE = re.compile(r"\s+")
# Only a-z: str.upper() would turn "ß" into "SS" and "ﬁ" into "FI".
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")

# --------------------------------------------------------------------------------------------
# T.C. Kimlik No, Vergi Kimlik No, passport numbers
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _tckn_problem(value: str) -> str | None:
    if not value:
        return "T.C. Kimlik No girilmedi."
    if not _DIGITS_RE.fullmatch(value):
        return "T.C. Kimlik No yalnızca rakamlardan oluşmalı."
    if len(value) != 11:
        return f"T.C. Kimlik No 11 haneli olmalı (girilen: {len(value)} hane)."
    if value[0] == "0":
        return "T.C. Kimlik No 0 ile başlayamaz."
    try:
        tckimlik.validate(value)
    except ValidationError:
        return "T.C. Kimlik No geçersiz: kontrol haneleri tutmuyor."
    return None


@lru_cache(maxsize=256)
def _vkn_problem(value: str) -> str | None:
    if not value:
        return "Vergi Kimlik No girilmedi."
    if not _DIGITS_RE.fullmatch(value):
        return "Vergi Kimlik No yalnızca rakamlardan oluşmalı."
    if len(value) != 10:
        return f"Vergi Kimlik No 10 haneli olmalı (girilen: {len(value)} hane)."
    try:
        vkn.validate(value)
    except ValidationError:
        return "Vergi Kimlik No geçersiz: kontrol hanesi tutmuyor."
    return None


def _passport_problem(value: str) -> str | None:
    number = normalize_passport_number(value)
    if not number:
        return "Pasaport numarası girilmedi."
    if not _PASSPORT_CHARS_RE.fullmatch(number) or not (
        _PASSPORT_MIN <= len(number) <= _PASSPORT_MAX
    ):
        return (
            "Pasaport numarası yalnızca harf ve rakamlardan oluşmalı "
            f"({_PASSPORT_MIN}-{_PASSPORT_MAX} karakter)."
        )
    return None


def is_valid_tckn(value: str) -> bool:
    """True when ``value`` is exactly 11 ASCII digits, not starting with 0, with valid check digits.

    No whitespace or other characters are tolerated (see the module docstring).
    """
    return isinstance(value, str) and _tckn_problem(value) is None


def is_valid_vkn(value: str) -> bool:
    """True when ``value`` is exactly 10 ASCII digits with a valid Vergi Kimlik No check digit."""
    return isinstance(value, str) and _vkn_problem(value) is None


def normalize_passport_number(value: str) -> str:
    """Canonical form of a typed passport number: no whitespace at all, ASCII letters uppercased.

    Only ``a``-``z`` are uppercased: Python's full Unicode uppercasing would turn ``ß`` into
    ``SS`` or ``ﬁ`` into ``FI`` and make an invalid entry look valid.
    """
    compact = _WHITESPACE_RE.sub("", value)
    return compact.translate(_ASCII_UPPER)


def is_valid_passport_number(value: str) -> bool:
    """True when the normalised value is 3 to 20 characters of ``A``-``Z`` and ``0``-``9``.

    Passport numbers are free alphanumerics chosen by each issuing state; no check digit exists
    outside the MRZ.
    """
    return isinstance(value, str) and _passport_problem(value) is None


def id_number_problem(kind: str, value: str) -> str | None:
    """What is wrong with an identity number, as a Turkish sentence; ``None`` when it is valid.

    ``kind`` is ``"tckn"``, ``"passport"`` or ``"vkn"``; for ``"passport"`` the value is
    normalised first (:func:`normalize_passport_number`). An unknown kind also yields a Turkish
    message rather than an exception, so a form can always display the result. For every kind,
    ``id_number_problem(kind, v) is None`` exactly when the matching ``is_valid_*`` is true.
    """
    if not isinstance(value, str):
        return "Kimlik numarası metin olarak girilmeli."
    if kind == "tckn":
        return _tckn_problem(value)
    if kind == "vkn":
        return _vkn_problem(value)
    if kind == "passport":
        return _passport_problem(value)
    return (
        f"Bilinmeyen kimlik belgesi türü: '{kind}'. "
        "T.C. Kimlik No, pasaport numarası veya Vergi Kimlik No seçin."
    )


# --------------------------------------------------------------------------------------------
# MRZ (ICAO Doc 9303)
# --------------------------------------------------------------------------------------------

_MRZ_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
_MRZ_VALUES = {ch: (0 if ch == "<" else int(ch, 36)) for ch in _MRZ_CHARS}
_MRZ_WEIGHTS = (7, 3, 1)
_TD3_LEN, _TD1_LEN = 44, 30
_STATE_RE = re.compile(r"[A-Z]{1,3}<*")
_NAME_RE = re.compile(r"[A-Z<]*")
_SEXES = frozenset("MFX<")


@dataclass(frozen=True)
class MrzData:
    """The fields of a verified MRZ.

    Codes are kept as ICAO prints them (without ``'<'`` fillers); ``nationality`` is the ISO
    3166-1 alpha-2 code when one exists, else ``None`` and :attr:`warnings` says why. Dates are
    ``None`` when the document leaves them unknown or they are not real calendar dates.
    ``warnings`` are Turkish sentences for the officer: the data are usable, but something needs
    a human decision (unknown nationality, expired document, missing date).
    """

    document_type: str
    document_code: str
    issuing_state: str
    document_number: str
    surname: str
    given_names: str
    nationality_code: str
    nationality: str | None
    birth_date: datetime.date | None
    sex: str
    expiry_date: datetime.date | None
    optional_data: str
    warnings: tuple[str, ...]


def mrz_check_digit(field: str) -> str:
    """ICAO 9303 check digit of ``field`` (weights 7, 3, 1; ``<`` = 0, ``A`` = 10 … ``Z`` = 35).

    Raises :class:`MrzError` if ``field`` holds a character that cannot appear in an MRZ.
    """
    total = 0
    for i, ch in enumerate(field):
        value = _MRZ_VALUES.get(ch)
        if value is None:
            raise MrzError(f"MRZ'de kullanılamayan karakter: {_show_char(ch)}.")
        total += value * _MRZ_WEIGHTS[i % 3]
    return str(total % 10)


def _show_char(ch: str) -> str:
    return f"'{ch}'" if ch.isprintable() and not ch.isspace() else f"U+{ord(ch):04X}"


def _check(field: str, digit: str, name: str, line: int, column: int) -> None:
    """Verify one check digit. A field made only of fillers may carry '<' instead of '0'."""
    if digit == mrz_check_digit(field) or (digit == "<" and set(field) <= {"<"}):
        return
    raise MrzError(
        f"MRZ kontrol hanesi hatalı: {name} ({line}. satır, {column}. karakter). "
        "Belgeyi yeniden okutun veya bilgileri elle girin."
    )


def _split_lines(text: str) -> list[str]:
    """Scanner output → MRZ lines: uppercased, trimmed, blank lines dropped, concatenation split."""
    lines = [line.strip() for line in text.translate(_ASCII_UPPER).splitlines()]
    lines = [line for line in lines if line]
    if len(lines) == 1:
        (line,) = lines
        if len(line) == 2 * _TD3_LEN:
            lines = [line[:_TD3_LEN], line[_TD3_LEN:]]
        elif len(line) == 3 * _TD1_LEN:
            lines = [line[i : i + _TD1_LEN] for i in range(0, 3 * _TD1_LEN, _TD1_LEN)]
    return lines


def _check_characters(lines: list[str]) -> None:
    for number, line in enumerate(lines, start=1):
        for column, ch in enumerate(line, start=1):
            if ch not in _MRZ_CHARS:
                raise MrzError(
                    f"MRZ {number}. satır, {column}. karakter geçersiz: {_show_char(ch)}. "
                    "MRZ yalnızca A-Z harfleri, rakamlar ve '<' içerebilir."
                )


def _check_shape(lines: list[str]) -> str:
    """Return "TD3" or "TD1" from the line count and lengths, or raise a precise MrzError."""
    count = len(lines)
    lengths = [len(line) for line in lines]
    if count == 0:
        raise MrzError("MRZ boş: okutulan metinde satır yok.")
    expected = {2: ("TD3", _TD3_LEN, "pasaport"), 3: ("TD1", _TD1_LEN, "kimlik kartı")}
    if count not in expected:
        if count == 1:
            raise MrzError(
                f"MRZ tek satır ve {lengths[0]} karakter: pasaport (TD3) 2 × 44, kimlik kartı "
                "(TD1) 3 × 30 karakterdir. Belgeyi yeniden okutun."
            )
        raise MrzError(
            f"MRZ {count} satır: pasaport (TD3) 2 satır, kimlik kartı (TD1) 3 satır olmalı."
        )
    kind, length, label = expected[count]
    if count == 2 and lengths == [36, 36]:
        raise MrzError(
            "2 × 36 karakterlik MRZ (TD2 belge veya vize) desteklenmiyor: yalnızca pasaport "
            "(TD3, 2 × 44) ve kimlik kartı (TD1, 3 × 30) okunabilir."
        )
    for number, line_length in enumerate(lengths, start=1):
        if line_length != length:
            raise MrzError(
                f"MRZ {number}. satır {line_length} karakter; {label} ({kind}) satırları "
                f"{length} karakter olmalı."
            )
    return kind


def _state_code(raw: str, name: str, line: int) -> str:
    if not _STATE_RE.fullmatch(raw):
        raise MrzError(f"MRZ {line}. satır: {name} kodu geçersiz ('{raw}').")
    return raw.rstrip("<")


def _names(raw: str, line: int) -> tuple[str, str]:
    if not _NAME_RE.fullmatch(raw):
        raise MrzError(f"MRZ {line}. satır: ad-soyad alanında yalnızca harf ve '<' olabilir.")
    primary, _, secondary = raw.partition("<<")
    surname = primary.replace("<", " ").strip()
    given = " ".join(secondary.replace("<", " ").split())
    if not surname and not given:
        raise MrzError(f"MRZ {line}. satır: ad-soyad alanı boş.")
    return surname, given


def _sex(raw: str, line: int) -> str:
    if raw not in _SEXES:
        raise MrzError(
            f"MRZ {line}. satır: cinsiyet alanı geçersiz ('{raw}'); M, F, X veya '<' olmalı."
        )
    return raw


def _optional(raw: str) -> str:
    return " ".join(raw.replace("<", " ").split())


def _date_fields(raw: str) -> tuple[int, int, int] | None:
    if not _DIGITS_RE.fullmatch(raw):
        return None
    return int(raw[0:2]), int(raw[2:4]), int(raw[4:6])


def _format_tr(day: datetime.date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def _birth_date(raw: str, today: datetime.date, warnings: list[str]) -> datetime.date | None:
    """YYMMDD → date in the 100 years up to ``today`` (a birth date cannot be in the future)."""
    fields = _date_fields(raw)
    if fields is None:
        warnings.append(
            f"Doğum tarihi MRZ'de bilinmiyor veya eksik ('{raw}'); doğum tarihini elle girin."
        )
        return None
    yy, month, day = fields
    year = today.year // 100 * 100 + yy
    if (year, month, day) > (today.year, today.month, today.day):
        year -= 100
    try:
        return datetime.date(year, month, day)
    except ValueError:
        warnings.append(
            f"Doğum tarihi MRZ'de gerçek bir tarih değil ('{raw}'); doğum tarihini elle girin."
        )
        return None


def _expiry_date(raw: str, today: datetime.date, warnings: list[str]) -> datetime.date | None:
    """YYMMDD → date within 50 years of ``today``'s year (2025: 1976 … 2075)."""
    fields = _date_fields(raw)
    if fields is None:
        warnings.append(f"Son geçerlilik tarihi MRZ'de bilinmiyor veya eksik ('{raw}').")
        return None
    yy, month, day = fields
    year = today.year // 100 * 100 + yy
    if year > today.year + 50:
        year -= 100
    elif year <= today.year - 50:
        year += 100
    try:
        expiry = datetime.date(year, month, day)
    except ValueError:
        warnings.append(f"Son geçerlilik tarihi MRZ'de gerçek bir tarih değil ('{raw}').")
        return None
    if expiry < today:
        warnings.append(f"Belgenin geçerlilik süresi dolmuş ({_format_tr(expiry)}).")
    return expiry


def _state_warnings(issuing_state: str, nationality_code: str) -> tuple[str | None, list[str]]:
    warnings: list[str] = []
    nationality = country_from_mrz(nationality_code)
    if nationality is None:
        special = mrz_special_code_tr(nationality_code)
        if special is not None:
            warnings.append(
                f"Uyruk kodu '{nationality_code}' ({special}): ISO 3166 ülke kodu değil; "
                "uyruğu elle seçin."
            )
        else:
            warnings.append(
                f"Uyruk kodu '{nationality_code}' tanınmadı: ISO 3166 ülke kodu değil; "
                "uyruğu elle seçin."
            )
    if country_from_mrz(issuing_state) is None and mrz_special_code_tr(issuing_state) is None:
        warnings.append(
            f"Belgeyi veren devlet kodu '{issuing_state}' tanınmadı: ISO 3166 ülke kodu değil."
        )
    return nationality, warnings


def _document_code(raw: str, allowed: str, kind: str, line: int) -> str:
    code = raw.rstrip("<")
    if not code or code[0] not in allowed or "<" in code:
        if kind == "TD3" and code.startswith("V"):
            raise MrzError("Vize MRZ'si (MRV) desteklenmiyor: pasaport veya kimlik kartı okutun.")
        expected = " veya ".join(f"'{ch}'" for ch in allowed)
        raise MrzError(
            f"MRZ {line}. satır: belge türü kodu '{raw}' geçersiz; {kind} belgelerde "
            f"{expected} ile başlamalı."
        )
    return code


def _parse_td3(lines: list[str], today: datetime.date) -> MrzData:
    line1, line2 = lines
    document_code = _document_code(line1[0:2], "P", "TD3", 1)
    issuing_state = _state_code(line1[2:5], "belgeyi veren devlet", 1)
    surname, given_names = _names(line1[5:44], 1)

    _check(line2[0:9], line2[9], "belge numarası", 2, 10)
    _check(line2[13:19], line2[19], "doğum tarihi", 2, 20)
    _check(line2[21:27], line2[27], "son geçerlilik tarihi", 2, 28)
    _check(line2[28:42], line2[42], "kişisel numara", 2, 43)
    _check(line2[0:10] + line2[13:20] + line2[21:43], line2[43], "bileşik kontrol hanesi", 2, 44)

    document_number = line2[0:9].replace("<", "")
    if not document_number:
        raise MrzError("MRZ 2. satır: belge numarası boş.")
    nationality_code = _state_code(line2[10:13], "uyruk", 2)
    sex = _sex(line2[20], 2)
    nationality, warnings = _state_warnings(issuing_state, nationality_code)
    birth_date = _birth_date(line2[13:19], today, warnings)
    expiry_date = _expiry_date(line2[21:27], today, warnings)
    return MrzData(
        document_type="TD3",
        document_code=document_code,
        issuing_state=issuing_state,
        document_number=document_number,
        surname=surname,
        given_names=given_names,
        nationality_code=nationality_code,
        nationality=nationality,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
        optional_data=_optional(line2[28:42]),
        warnings=tuple(warnings),
    )


def _td1_document_number(line1: str) -> tuple[str, str]:
    """Document number and the rest of optional data 1, applying ICAO's long-number rule.

    A number longer than 9 characters puts '<' in the check digit position (15); the number
    continues at the start of optional data 1, followed by its check digit and a filler.
    """
    principal, digit, optional1 = line1[5:14], line1[14], line1[15:30]
    if digit != "<":
        _check(principal, digit, "belge numarası", 1, 15)
        return principal.replace("<", ""), optional1
    extension = optional1.split("<", 1)[0]
    if len(extension) < 2 or "<" in principal:
        raise MrzError(
            "MRZ kontrol hanesi hatalı: belge numarası (1. satır, 15. karakter). "
            "Belgeyi yeniden okutun veya bilgileri elle girin."
        )
    number = principal + extension[:-1]
    _check(number, extension[-1], "belge numarası", 1, 15 + len(extension))
    return number, optional1[len(extension) :]


def _parse_td1(lines: list[str], today: datetime.date) -> MrzData:
    line1, line2, line3 = lines
    document_code = _document_code(line1[0:2], "IAC", "TD1", 1)
    issuing_state = _state_code(line1[2:5], "belgeyi veren devlet", 1)

    document_number, optional1 = _td1_document_number(line1)
    _check(line2[0:6], line2[6], "doğum tarihi", 2, 7)
    _check(line2[8:14], line2[14], "son geçerlilik tarihi", 2, 15)
    _check(
        line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29],
        line2[29],
        "bileşik kontrol hanesi",
        2,
        30,
    )

    if not document_number:
        raise MrzError("MRZ 1. satır: belge numarası boş.")
    sex = _sex(line2[7], 2)
    nationality_code = _state_code(line2[15:18], "uyruk", 2)
    surname, given_names = _names(line3, 3)
    nationality, warnings = _state_warnings(issuing_state, nationality_code)
    birth_date = _birth_date(line2[0:6], today, warnings)
    expiry_date = _expiry_date(line2[8:14], today, warnings)
    optional = " ".join(part for part in (_optional(optional1), _optional(line2[18:29])) if part)
    return MrzData(
        document_type="TD1",
        document_code=document_code,
        issuing_state=issuing_state,
        document_number=document_number,
        surname=surname,
        given_names=given_names,
        nationality_code=nationality_code,
        nationality=nationality,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
        optional_data=optional,
        warnings=tuple(warnings),
    )


def parse_mrz(text: str, today: datetime.date | None = None) -> MrzData:
    """Read and verify a TD3 (passport, 2 × 44) or TD1 (identity card, 3 × 30) MRZ.

    Accepts scanner output: lines separated by ``\\n``, ``\\r\\n`` or ``\\r``, surrounding
    whitespace and blank lines, lowercase ``a``-``z``, or the lines run together (88 or 90
    characters). Every ICAO check digit is verified (TD3: document number, birth date, expiry
    date, personal number, composite; TD1: document number, including the long-number rule,
    birth date, expiry date, composite).

    ``today`` (default: the local date) fixes the century of two-digit years: a birth date is
    the latest one not after ``today``; an expiry date lies within 50 years of ``today``'s year.
    It also decides the expired-document warning (a document is valid through its expiry day).

    Raises :class:`MrzError`, and nothing else, for any input that is not a readable, consistent
    MRZ; its message is Turkish and names the line and field.
    """
    if not isinstance(text, str):
        raise MrzError("MRZ metin olarak verilmeli.")
    if today is None:
        today = datetime.date.today()
    lines = _split_lines(text)
    _check_characters(lines)
    kind = _check_shape(lines)
    if kind == "TD3":
        return _parse_td3(lines, today)
    return _parse_td1(lines, today)
