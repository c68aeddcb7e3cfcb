"""Validation of a whole input record in the interchange format (SPEC §9).

:func:`validate_record` takes the decoded JSON value and either returns the typed record with
its canonical JSON form, or raises :class:`InvalidRecord` listing every problem with its field
path and a Turkish message. Unknown keys, numbers where amount strings belong, negative or
over-precise amounts, unknown currencies or countries and future dates are all errors.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from gumruk_desk.domain import identity, iso, money
from gumruk_desk.domain.money import Denomination, Instrument, MoneyLine
from gumruk_desk.domain.problems import InvalidRecord, Problem
from gumruk_desk.domain.records import (
    ArrivalReason,
    ArrivalReasonCode,
    Beneficiary,
    DeclarationInput,
    Direction,
    ExceptionKind,
    ExitException,
    ExplanationInput,
    FoundWhere,
    IdKind,
    Kind,
    PaperRef,
    Person,
    PresentPerson,
    RecordInput,
    Residence,
    SeizureFacts,
    SelectionBasis,
    Sender,
    SourceCategory,
)

E = TypeVar("E", bound=StrEnum)

#: ISO 4217 codes that are funds, precious metals, units of account or test codes, not cash.
NON_CASH_CURRENCIES = frozenset(
    {
        "XAU",
        "XAG",
        "XPT",
        "XPD",
        "XDR",
        "XSU",
        "XUA",
        "XBA",
        "XBB",
        "XBC",
        "XBD",
        "XTS",
        "XXX",
        "BOV",
        "CHE",
        "CHW",
        "CLF",
        "COU",
        "MXV",
        "USN",
        "UYI",
        "UYW",
    }
)

_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PHONE_RE = re.compile(r"^[0-9+()\-. /]{3,30}$")
_SICIL_RE = re.compile(r"^[A-Za-z0-9]{1,20}$")
_REFERENCE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./_\-]{0,59}$")
_FREE_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./\-]{0,29}$")
_NAME_PUNCT = set(" -'’.")

OLDEST_BIRTH_YEARS = 130

ENUM_LABELS_TR: dict[type[StrEnum], str] = {}


@dataclass(frozen=True)
class ValidatedRecord:
    """A valid input: the typed record and its canonical JSON form (what is stored and echoed)."""

    record: RecordInput
    data: dict[str, Any]


#: The longest text each box of the printed tutanak (EK-2) holds at the smallest print size
#: (6.5 pt), measured with real Turkish words (bench/box_capacity.py; tests/test_fit.py prints
#: every box at its limit), beside the longer limit records were once registered under and
#: the centre still receives: (printed, stored). The declaration (EK-1) has roomier boxes.
EK2_BOXES = {
    "name": (40, 60),
    "birth_place": (50, 80),
    "occupation": (50, 100),
    "address": (300, 500),
    "destination_address": (200, 300),
    "sender": (100, 150),
    "purpose": (80, 250),
    "source": (80, 250),
    "refusal": (90, 200),
}
#: How many money lines the printed boxes hold at 6.5 pt: the declaration's table (EK-1) and
#: boxes 15 and 16 of the tutanak (each line a currency or a payment instrument).
MONEY_LINES = {"cash": 15, "declared": 9, "detected": 9}


class _Checker:
    """Accumulates problems while walking the input; every helper returns None on a problem."""

    def __init__(
        self,
        today: datetime.date,
        currencies: Collection[str] = (),
        legacy: bool = False,
        boxes: bool = True,
    ) -> None:
        self.today = today
        self.currencies = currencies
        self.legacy = legacy
        self.boxes = boxes and not legacy
        self.problems: list[Problem] = []

    def box(self, name: str) -> int:
        """The longest text the printed tutanak's box ``name`` takes (see EK2_BOXES)."""
        printed, stored = EK2_BOXES[name]
        return printed if self.boxes else stored

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    # -- structure -------------------------------------------------------------------------
    def obj(
        self, value: Any, path: str, required: set[str], optional: set[str]
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.add(path, "Bir nesne ({...}) olmalı.")
            return None
        keys = value.keys()
        if required <= keys and keys - required <= optional:  # the usual case
            return value
        for key in sorted(set(value) - required - optional, key=str):
            self.add(_join(path, str(key)), "Tanınmayan alan: bu biçimde böyle bir alan yok.")
        for key in sorted(required - set(value)):
            self.add(_join(path, key), "Zorunlu alan eksik.")
        return value

    def text(
        self,
        d: Mapping[str, Any],
        key: str,
        path: str,
        *,
        required: bool = True,
        max_len: int = 100,
        check: Callable[[str], str | None] | None = None,
    ) -> str | None:
        value = d.get(key)
        words = value.split() if isinstance(value, str) else None
        if value is None or words == []:
            if required and key in d:
                self.add(_join(path, key), "Boş bırakılamaz.")
            return None
        if words is None:
            self.add(_join(path, key), "Metin olmalı.")
            return None
        value = " ".join(words)
        # isprintable() (C speed) is true only without C* characters; the exact test runs
        # only for the rare value it rejects.
        if not value.isprintable() and any(unicodedata.category(c).startswith("C") for c in value):
            self.add(_join(path, key), "Denetim karakteri içeremez.")
            return None
        if len(value) > max_len:
            self.add(
                _join(path, key), f"En fazla {max_len} karakter olabilir ({len(value)} yazıldı)."
            )
            return None
        if check is not None:
            message = check(value)
            if message:
                self.add(_join(path, key), message)
                return None
        return value

    def enum(
        self, d: Mapping[str, Any], key: str, path: str, cls: type[E], *, required: bool = True
    ) -> E | None:
        value = d.get(key)
        if value is None:
            if required and key in d:
                self.add(_join(path, key), "Boş bırakılamaz.")
            return None
        found = cls._value2member_map_.get(value) if isinstance(value, str) else None
        if found is not None:  # the usual case, without Enum's slower lookup
            return found  # type: ignore[return-value]
        try:
            return cls(value)
        except ValueError:
            allowed = ", ".join(m.value for m in cls)
            self.add(_join(path, key), f"'{value}' geçersiz; şunlardan biri olmalı: {allowed}.")
            return None

    def boolean(self, d: Mapping[str, Any], key: str, path: str) -> bool | None:
        value = d.get(key)
        if key in d and not isinstance(value, bool):
            self.add(_join(path, key), "true veya false olmalı.")
            return None
        return value if isinstance(value, bool) else None

    def integer(self, d: Mapping[str, Any], key: str, path: str, minimum: int = 1) -> int | None:
        value = d.get(key)
        if key not in d:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            self.add(_join(path, key), f"{minimum} veya daha büyük bir tam sayı olmalı.")
            return None
        return value

    def country(
        self, d: Mapping[str, Any], key: str, path: str, *, required: bool = True
    ) -> str | None:
        value = d.get(key)
        if value is None:
            if required and key in d:
                self.add(_join(path, key), "Ülke seçilmeli.")
            return None
        code = value.strip().upper() if isinstance(value, str) else None
        if code is None or not iso.is_country(code):
            self.add(
                _join(path, key), f"'{value}' bilinen bir ISO 3166 ülke kodu değil (ör. DE, TR)."
            )
            return None
        return code

    def date(
        self, d: Mapping[str, Any], key: str, path: str, *, past_only: bool = True
    ) -> datetime.date | None:
        value = d.get(key)
        p = _join(path, key)
        if value is None:
            if key in d:
                self.add(p, "Tarih girilmeli.")
            return None
        try:
            ok = isinstance(value, str) and _DATE_RE.fullmatch(value) is not None
            day = datetime.date.fromisoformat(value) if ok else None
        except ValueError:
            day = None
        if day is None:
            self.add(p, f"'{value}' geçerli bir tarih değil; YYYY-AA-GG biçiminde yazılmalı.")
            return None
        if past_only and day > self.today:
            self.add(p, f"Gelecekte bir tarih olamaz ({day:%d.%m.%Y}).")
            return None
        return day

    # -- money -----------------------------------------------------------------------------
    def money_lines(
        self, value: Any, path: str, *, allow_denominations: bool = False, allow_empty: bool = True
    ) -> tuple[MoneyLine, ...] | None:
        if not isinstance(value, list):
            self.add(path, "Bir liste ([...]) olmalı.")
            return None
        if not value and not allow_empty:
            self.add(path, "En az bir satır girilmeli.")
            return None
        before = len(self.problems)
        lines: list[MoneyLine] = []
        seen: dict[tuple[str, str], int] = {}
        for i, item in enumerate(value):
            line = self.money_line(item, f"{path}[{i}]", allow_denominations)
            if line is None:
                continue
            if line.key in seen:
                what = (
                    f"{line.currency} nakit"
                    if line.is_cash
                    else (f"{line.currency} {line.instrument.label_tr if line.instrument else ''}")
                )
                self.add(
                    f"{path}[{i}]",
                    f"{what} için ikinci satır ({path}[{seen[line.key]}] ile aynı): her "
                    "birim için tek satır kullanılır, tutarları toplayın.",
                )
                continue
            seen[line.key] = i
            lines.append(line)
        most = MONEY_LINES.get(path)
        if self.boxes and most is not None and len(value) > most:
            self.add(
                path,
                f"En fazla {most} satır yazılabilir ({len(value)} yazıldı): basılı formun "
                "kutusu bundan fazlasını almaz.",
            )
        return tuple(lines) if len(self.problems) == before else None

    def money_line(self, item: Any, path: str, allow_denominations: bool) -> MoneyLine | None:
        optional = _LINE_OPTIONAL_COUNTED if allow_denominations else _LINE_OPTIONAL
        d = self.obj(item, path, _LINE_REQUIRED, optional)
        if d is None:
            return None
        before = len(self.problems)
        instrument = self.enum(d, "instrument", path, Instrument, required=False)
        currency = d.get("currency")
        minor = 2
        code = currency.strip().upper() if isinstance(currency, str) else ""
        if not iso.is_currency(code, self.today, also=self.currencies):
            ended = iso.withdrawn_on(code)
            self.add(
                _join(path, "currency"),
                f"{code} ({iso.currency_name_tr(code)}) {ended:%Y} yılında tedavülden kalktı; "
                "nakit sayılmaz ve kur bülteninde de yok."
                if ended is not None
                else f"'{currency}' bilinen bir ISO 4217 para birimi kodu değil (ör. EUR, USD).",
            )
            currency = None
        else:
            currency = code
            if currency in NON_CASH_CURRENCIES or money.minor_units_of(currency) is None:
                self.add(
                    _join(path, "currency"),
                    f"{currency} nakit bir para birimi değil (fon, kıymetli maden veya "
                    "hesap birimi).",
                )
                currency = None
            else:
                minor = iso.currency_minor_units(currency)
        amount = self.amount(d.get("amount"), _join(path, "amount"), minor, positive=True)
        denominations: tuple[Denomination, ...] = ()
        if "denominations" in d:
            if instrument is not None:
                self.add(
                    _join(path, "denominations"), "Kupür dökümü yalnızca nakit satırında olabilir."
                )
            else:
                denominations = self.denominations(
                    d["denominations"], _join(path, "denominations"), minor, amount
                )
        if len(self.problems) != before or currency is None or amount is None:
            return None
        return MoneyLine(currency, amount, instrument, denominations)

    def amount(self, value: Any, path: str, minor: int, *, positive: bool) -> Decimal | None:
        if isinstance(value, bool | int | float | Decimal):
            self.add(
                path,
                f'Tutar sayı olarak değil metin olarak yazılmalı (ör. "{value}" '
                'yerine "12500.00").',
            )
            return None
        if isinstance(value, str) and value.startswith("-"):
            self.add(path, "Tutar sıfırdan büyük olmalı.")
            return None
        try:
            amount = money.parse_amount(value)
        except money.MoneyError as exc:
            self.add(path, str(exc))
            return None
        if not money.fits_minor_units(amount, minor):
            self.add(path, f"Tutar bu para biriminde en fazla {minor} ondalık basamak taşıyabilir.")
            return None
        if positive and amount <= 0:
            self.add(path, "Tutar sıfırdan büyük olmalı.")
            return None
        return amount

    def denominations(
        self, value: Any, path: str, minor: int, amount: Decimal | None
    ) -> tuple[Denomination, ...]:
        if not isinstance(value, list) or not value:
            self.add(path, "Kupür dökümü boş olmayan bir liste olmalı.")
            return ()
        result: list[Denomination] = []
        for i, item in enumerate(value):
            p = f"{path}[{i}]"
            d = self.obj(item, p, {"value", "count"}, set())
            if d is None:
                continue
            face = self.amount(d.get("value"), _join(p, "value"), minor, positive=True)
            count = self.integer(d, "count", p, minimum=1)
            if face is not None and count is not None:
                result.append(Denomination(face, count))
        if len(result) == len(value) and amount is not None:
            counted = money.total(x.amount for x in result)
            if counted != amount:
                self.add(
                    path,
                    f"Kupürlerin toplamı ({money.format_tr(counted, minor)}) satır "
                    f"tutarına ({money.format_tr(amount, minor)}) eşit değil.",
                )
        return tuple(result)

    # -- people ----------------------------------------------------------------------------
    def id_number(self, d: Mapping[str, Any], kind: IdKind | None, path: str) -> str | None:
        raw = self.text(d, "id_number", path, max_len=30)
        if raw is None or kind is None:
            return None
        value = raw.replace(" ", "")
        if kind is IdKind.PASSPORT:
            value = identity.normalize_passport_number(value)
        message = identity.id_number_problem(kind.value, value)
        if message:
            self.add(_join(path, "id_number"), message)
            return None
        return value


_LINE_REQUIRED = {"currency", "amount"}
_LINE_OPTIONAL = {"instrument"}
_LINE_OPTIONAL_COUNTED = {"instrument", "denominations"}


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


# Names made of Latin letters (Turkish and Western European ones included) and the name
# punctuation, with at least one letter: the common case, settled by one regular expression.
_PLAIN_NAME_RE = re.compile(r"[ \-'’.A-Za-zÀ-ÖØ-öø-ſ]*[A-Za-zÀ-ÖØ-öø-ſ][ \-'’.A-Za-zÀ-ÖØ-öø-ſ]*")


def _person_name(value: str) -> str | None:
    if _PLAIN_NAME_RE.fullmatch(value):
        return None
    if not all(c.isalpha() or c in _NAME_PUNCT for c in value):
        return "Yalnızca harf, boşluk, kesme işareti, nokta ve tire içerebilir."
    if not any(c.isalpha() for c in value):
        return "En az bir harf içermeli."
    return None


def _phone(value: str) -> str | None:
    return (
        None if _PHONE_RE.match(value) else "Telefon yalnızca rakam, boşluk ve + ( ) - içerebilir."
    )


def _sicil(value: str) -> str | None:
    return None if _SICIL_RE.match(value) else "Sicil numarası harf ve rakamlardan oluşmalı."


def _exception_cash(
    c: _Checker, e: dict[str, Any], kind: ExceptionKind | None
) -> tuple[MoneyLine, ...] | None:
    """A bank document covers only the foreign currency it proves was bought (§C1a); an entry
    declaration's lines are the register's, not typed again. None on a problem."""
    if kind is ExceptionKind.BANK_DOCUMENT:
        if e.get("cash") is None and c.legacy:
            return ()
        if e.get("cash") is None:
            c.add(
                "exit_exception.cash",
                "Banka belgesinin gösterdiği döviz tutarları yazılmalı: belge yalnızca "
                "gösterdiği tutarı kapsar (Genelge 2013/1 Ç 1/a).",
            )
            return None
        lines = c.money_lines(e["cash"], "exit_exception.cash", allow_empty=False)
        if lines is None:
            return None
        for i, line in enumerate(lines):
            if not line.is_cash or line.currency == money.TRY:
                c.add(
                    f"exit_exception.cash[{i}]",
                    "Banka belgesi yabancı para (döviz) alımını gösterir: Türk parası veya "
                    "ödeme aracı satırı olamaz.",
                )
                return None
        return lines
    if "cash" in e:
        c.add(
            "exit_exception.cash",
            "Girişte verilen Nakit Beyan Formunun tutarları kayıttan okunur; burada yazılmaz.",
        )
        return None
    return ()


def _reference(value: str) -> str | None:
    return None if _REFERENCE_RE.match(value) else "Geçersiz belge/form numarası."


def _free_id(value: str) -> str | None:
    return None if _FREE_ID_RE.match(value) else "Yalnızca harf, rakam, boşluk ve . / - içerebilir."


_PERSON_COMMON = {
    "first_name",
    "last_name",
    "id_kind",
    "id_number",
    "birth_place",
    "birth_date",
    "nationality",
    "father_name",
}
_PERSON_EK2_REQUIRED = {"mother_name", "occupation", "address"}
_PERSON_EK2_OPTIONAL = {"phone", "destination_address", "destination_phone"}
_PERSON_EK2 = _PERSON_COMMON | _PERSON_EK2_REQUIRED
_NOTHING: set[str] = set()


def _person(c: _Checker, value: Any, kind: Kind) -> tuple[Person | None, dict[str, Any]]:
    ek2 = kind is Kind.NAKIT_ACIKLAMA
    required = _PERSON_EK2 if ek2 else _PERSON_COMMON
    optional = _PERSON_EK2_OPTIONAL if ek2 else _NOTHING
    d = c.obj(value, "person", required, optional)
    if d is None:
        return None, {}
    before = len(c.problems)
    p = "person"
    id_kind = c.enum(d, "id_kind", p, IdKind)
    if id_kind is IdKind.VKN:
        c.add(
            "person.id_kind", "Kişinin kimliği T.C. Kimlik No (tckn) veya pasaport ile belirtilir."
        )
        id_kind = None
    name_len, place_len = (c.box("name"), c.box("birth_place")) if ek2 else (60, 80)
    out: dict[str, Any] = {
        "first_name": c.text(d, "first_name", p, max_len=name_len, check=_person_name),
        "last_name": c.text(d, "last_name", p, max_len=name_len, check=_person_name),
        "id_kind": id_kind.value if id_kind else None,
        "id_number": c.id_number(d, id_kind, p),
        "birth_place": c.text(d, "birth_place", p, max_len=place_len),
        "birth_date": None,
        "nationality": c.country(d, "nationality", p),
        "father_name": c.text(d, "father_name", p, max_len=name_len, check=_person_name),
    }
    birth = c.date(d, "birth_date", p)
    if birth is not None and birth.year < c.today.year - OLDEST_BIRTH_YEARS:
        c.add("person.birth_date", f"Doğum tarihi {OLDEST_BIRTH_YEARS} yıldan eski olamaz.")
        birth = None
    out["birth_date"] = birth.isoformat() if birth else None
    if ek2:
        out["mother_name"] = c.text(d, "mother_name", p, max_len=name_len, check=_person_name)
        out["occupation"] = c.text(d, "occupation", p, max_len=c.box("occupation"))
        out["address"] = c.text(d, "address", p, max_len=c.box("address"))
        out["phone"] = c.text(d, "phone", p, required=False, max_len=30, check=_phone)
        out["destination_address"] = c.text(
            d, "destination_address", p, required=False, max_len=c.box("destination_address")
        )
        out["destination_phone"] = c.text(
            d, "destination_phone", p, required=False, max_len=30, check=_phone
        )
    if len(c.problems) != before or birth is None or id_kind is None:
        return None, out
    return Person(
        first_name=out["first_name"],
        last_name=out["last_name"],
        id_kind=id_kind,
        id_number=out["id_number"],
        birth_place=out["birth_place"],
        birth_date=birth,
        nationality=out["nationality"],
        father_name=out["father_name"],
        mother_name=out.get("mother_name"),
        occupation=out.get("occupation"),
        address=out.get("address"),
        phone=out.get("phone"),
        destination_address=out.get("destination_address"),
        destination_phone=out.get("destination_phone"),
    ), out


_SEIZURE_REQUIRED = {"found", "facts"}
_SEIZURE_OPTIONAL = {"found_detail", "statement", "order", "present"}


def _seizure(c: _Checker, value: Any, out: dict[str, Any]) -> SeizureFacts | None:
    """What the officers write on a seizure report (Law 1918 Art. 54), when cash is seized.
    Lengths are what the printed report's boxes hold."""
    if value is None:
        return None
    d = c.obj(value, "seizure", _SEIZURE_REQUIRED, _SEIZURE_OPTIONAL)
    if d is None:
        return None
    before = len(c.problems)
    found = c.enum(d, "found", "seizure", FoundWhere)
    detail = c.text(d, "found_detail", "seizure", required=False, max_len=SEIZURE_LIMITS["found"])
    if found is FoundWhere.OTHER and not detail:
        c.add("seizure.found_detail", "Nakit 'başka bir yerde' bulunduysa yeri yazılmalı.")
    facts = c.text(d, "facts", "seizure", max_len=SEIZURE_LIMITS["facts"])
    statement = c.text(
        d, "statement", "seizure", required=False, max_len=SEIZURE_LIMITS["statement"]
    )
    order_date: datetime.date | None = None
    order_number: str | None = None
    if d.get("order") is not None:
        o = c.obj(d["order"], "seizure.order", {"date", "number"}, set())
        if o is not None:
            order_date = c.date(o, "date", "seizure.order")
            order_number = c.text(o, "number", "seizure.order", max_len=30)
    present: list[PresentPerson] = []
    people = d.get("present")
    if people is not None:
        if not isinstance(people, list) or len(people) not in (0, 2):
            c.add(
                "seizure.present",
                "Hazır bulunan kişiler ya hiç yazılmaz (kâğıda elle yazılır) ya da iki kişi "
                "olarak yazılır (1918 s. Kanun m.54).",
            )
        else:
            for i, item in enumerate(people):
                p = f"seizure.present[{i}]"
                e = c.obj(item, p, {"name", "id_number"}, set())
                if e is None:
                    continue
                name = c.text(e, "name", p, max_len=SEIZURE_LIMITS["present_name"])
                pid = c.text(e, "id_number", p, max_len=30, check=_free_id)
                if name and pid:
                    present.append(PresentPerson(name, pid))
    if len(c.problems) != before or found is None or facts is None:
        return None
    out["seizure"] = {
        "found": found.value,
        "found_detail": detail,
        "facts": facts,
        "statement": statement,
        "order": (
            {"date": order_date.isoformat(), "number": order_number}
            if order_date and order_number
            else None
        ),
        "present": [{"name": x.name, "id_number": x.id_number} for x in present],
    }
    return SeizureFacts(found, detail, facts, statement, order_date, order_number, tuple(present))


#: Longest texts of a seizure report, as its boxes hold them at 6.5 pt (tests print them).
SEIZURE_LIMITS = {"found": 200, "facts": 600, "statement": 600, "present_name": 60}


def _paper(c: _Checker, value: Any) -> tuple[PaperRef | None, dict[str, Any] | None]:
    if value is None:
        return None, None
    d = c.obj(value, "paper", {"number", "ledger_page", "ledger_line", "filled_at"}, set())
    if d is None:
        return None, None
    before = len(c.problems)
    number = c.text(d, "number", "paper", max_len=40, check=_reference)
    page = c.integer(d, "ledger_page", "paper")
    line = c.integer(d, "ledger_line", "paper")
    filled_raw = d.get("filled_at")
    filled: datetime.datetime | None = None
    try:
        filled = (
            datetime.datetime.fromisoformat(filled_raw) if isinstance(filled_raw, str) else None
        )
    except ValueError:
        filled = None
    if filled is None:
        c.add(
            "paper.filled_at", "Kâğıt formun doldurulduğu an YYYY-AA-GGTSS:DD biçiminde yazılmalı."
        )
    elif filled.date() > c.today:
        c.add("paper.filled_at", "Kâğıt formun doldurulma tarihi gelecekte olamaz.")
    if len(c.problems) != before or None in (number, page, line, filled):
        return None, None
    assert number is not None and page is not None and line is not None and filled is not None
    number = number.upper()  # printed numbers are upper case; a typed one may not be
    if filled.tzinfo is not None:  # an explicit offset: the desk's local time of that moment
        filled = filled.astimezone().replace(tzinfo=None)
    filled = filled.replace(microsecond=0)
    return PaperRef(number, page, line, filled), {
        "number": number,
        "ledger_page": page,
        "ledger_line": line,
        "filled_at": filled.isoformat(timespec="minutes"),
    }


_COMMON_KEYS = {"kind", "direction", "person", "id_document_seen", "source_category"}
_EK1_KEYS = {"arrival_reason", "cash", "beneficiary", "source_country"}
_EK2_REQUIRED = {"selection_basis", "declared", "detected"}
_EK2_OPTIONAL = {
    "country_from",
    "country_to",
    "sender",
    "purpose",
    "source",
    "witness_officer",
    "residence",
    "exit_exception",
    "signature_refused",
    "custody_override",
}


_EK1_TOP_REQUIRED = _COMMON_KEYS | _EK1_KEYS
_EK2_TOP_REQUIRED = _COMMON_KEYS | _EK2_REQUIRED
_EK2_TOP_OPTIONAL = _EK2_OPTIONAL | {"paper", "seizure"}
_PAPER_KEY = {"paper", "seizure"}
_EK1_OPTIONAL = _PAPER_KEY | {"country_to"}


def validate_record(
    data: Any,
    today: datetime.date,
    *,
    currencies: Collection[str] = (),
    legacy: bool = False,
    boxes: bool = True,
) -> ValidatedRecord:
    """Validate one input record; ``today`` is the registration date (no future dates after it).

    ``currencies``: the codes of the rate bulletin in force, valid cash even where ISO 4217 and
    CLDR have long withdrawn them (see :func:`iso.is_currency`). Raises :class:`InvalidRecord`
    with every problem found. Never raises anything else for any JSON-decoded value.

    ``legacy``: a record registered before the limits of the printed boxes and the bank
    document's lines were required (the centre receiving what a desk registered earlier):
    those two rules are not applied to it.

    ``boxes``: hold texts to what the printed boxes take (a desk registering); the centre,
    which prints nothing, holds them to the register's longer limits (EK2_BOXES).
    """
    c = _Checker(today, currencies, legacy, boxes)
    if not isinstance(data, dict):
        raise InvalidRecord([Problem("", "Kayıt bir JSON nesnesi ({...}) olmalı.")])
    try:
        kind = Kind(str(data.get("kind")))
    except ValueError:
        raise InvalidRecord(
            [
                Problem(
                    "kind",
                    "Belge türü 'nakit_beyan' (Nakit Beyan Formu) veya "
                    "'nakit_aciklama' (Nakit Açıklama Tutanağı) olmalı.",
                )
            ]
        ) from None
    result = _validate_ek1(c, data) if kind is Kind.NAKIT_BEYAN else _validate_ek2(c, data)
    if c.problems or result is None:
        raise InvalidRecord(c.problems or [Problem("", "Kayıt geçersiz.")])
    return result


def _common(
    c: _Checker, d: dict[str, Any], kind: Kind
) -> tuple[Direction | None, Person | None, SourceCategory | None, dict[str, Any]]:
    direction = c.enum(d, "direction", "", Direction)
    person, person_out = _person(c, d.get("person"), kind) if "person" in d else (None, {})
    if "id_document_seen" in d and d.get("id_document_seen") is not True:
        c.add(
            "id_document_seen",
            "Kimlik belgesinin aslı görülmeden form düzenlenemez "
            "(Genelge 2013/1 Ortak hükümler 5).",
        )
    source = c.enum(d, "source_category", "", SourceCategory)
    out = {
        "kind": kind.value,
        "direction": direction.value if direction else None,
        "person": person_out,
        "id_document_seen": True,
        "source_category": source.value if source else None,
    }
    return direction, person, source, out


def _validate_ek1(c: _Checker, d: dict[str, Any]) -> ValidatedRecord | None:
    c.obj(d, "", _EK1_TOP_REQUIRED, _EK1_OPTIONAL)
    direction, person, source, out = _common(c, d, Kind.NAKIT_BEYAN)
    # A declaration on exit (where the rule set allows one) names the country of destination.
    # Whether a declaration on exit is possible at all is the rule set's (evaluation.py).
    country_to = None
    if direction is Direction.EXIT:
        if d.get("country_to") is not None:
            country_to = c.country(d, "country_to", "")
            out["country_to"] = country_to
    elif d.get("country_to") is not None:
        c.add("country_to", "Gidilecek ülke yalnızca çıkıştaki beyanda yazılır.")

    reason: ArrivalReason | None = None
    r = (
        c.obj(d.get("arrival_reason"), "arrival_reason", {"code"}, {"text"})
        if "arrival_reason" in d
        else None
    )
    if r is not None:
        code = c.enum(r, "code", "arrival_reason", ArrivalReasonCode)
        text = c.text(r, "text", "arrival_reason", required=False, max_len=200)
        if code is ArrivalReasonCode.OTHER and not text:
            c.add("arrival_reason.text", "Geliş sebebi 'diğer' ise açıklaması yazılmalı.")
        elif code is not None:
            reason = ArrivalReason(code, text or "")
            out["arrival_reason"] = {"code": code.value, "text": text or ""}

    if reason is not None and source is not None:
        # §G1.2a: banks buy the cash as export proceeds or foreign capital on the strength of
        # the Geliş Sebebi; it must not contradict the source the person stated.
        matching = {
            ArrivalReasonCode.EXPORT: SourceCategory.EXPORT,
            ArrivalReasonCode.FOREIGN_CAPITAL: SourceCategory.FOREIGN_CAPITAL,
            ArrivalReasonCode.TRANSIT_TRADE: SourceCategory.TRANSIT_TRADE,
        }
        wanted = matching.get(reason.code)
        if (
            wanted is not None
            and source is not wanted
            and source.value not in ("loan_from_abroad", "personal_capital")
        ):
            c.add(
                "arrival_reason.code",
                f"Geliş sebebi '{reason.code.value}', nakdin kaynağı "
                f"'{source.value}' ile çelişiyor.",
            )
    cash = c.money_lines(d["cash"], "cash", allow_empty=False) if "cash" in d else None
    if cash is not None:
        out["cash"] = [line.to_json() for line in cash]

    beneficiary: Beneficiary | None = None
    b = (
        c.obj(
            d.get("beneficiary"),
            "beneficiary",
            {"name", "legal_entity", "id_kind", "id_number"},
            {"nationality"},
        )
        if "beneficiary" in d
        else None
    )
    if b is not None:
        before = len(c.problems)
        name = c.text(b, "name", "beneficiary", max_len=150)
        legal = c.boolean(b, "legal_entity", "beneficiary")
        id_kind = c.enum(b, "id_kind", "beneficiary", IdKind)
        nationality: str | None = None
        if legal is False:
            if b.get("nationality") is None:
                c.add("beneficiary.nationality", "Gerçek kişi için uyruk zorunlu.")
            else:
                nationality = c.country(b, "nationality", "beneficiary")
        elif legal is True:
            if b.get("nationality") is not None:
                c.add("beneficiary.nationality", "Uyruk yalnızca gerçek kişi için yazılır.")
            if id_kind is not None and id_kind is not IdKind.VKN:
                c.add("beneficiary.id_kind", "Tüzel kişi Vergi Kimlik No (vkn) ile belirtilir.")
                id_kind = None
        id_number = c.id_number(b, id_kind, "beneficiary")
        if len(c.problems) == before and name and legal is not None and id_kind and id_number:
            beneficiary = Beneficiary(name, legal, nationality, id_kind, id_number)
            out["beneficiary"] = {
                "name": name,
                "legal_entity": legal,
                "nationality": nationality,
                "id_kind": id_kind.value,
                "id_number": id_number,
            }

    source_country = c.country(d, "source_country", "")
    out["source_country"] = source_country
    paper, paper_out = _paper(c, d.get("paper"))
    if paper_out is not None:
        out["paper"] = paper_out
    seizure = _seizure(c, d.get("seizure"), out)
    if c.problems:
        return None
    assert direction and person and source and reason and cash and beneficiary and source_country
    return ValidatedRecord(
        DeclarationInput(
            direction,
            person,
            source,
            reason,
            cash,
            beneficiary,
            source_country,
            paper,
            seizure,
            country_to,
        ),
        out,
    )


def _validate_ek2(c: _Checker, d: dict[str, Any]) -> ValidatedRecord | None:
    c.obj(d, "", _EK2_TOP_REQUIRED, _EK2_TOP_OPTIONAL)
    direction, person, source, out = _common(c, d, Kind.NAKIT_ACIKLAMA)
    basis = c.enum(d, "selection_basis", "", SelectionBasis)
    out["selection_basis"] = basis.value if basis else None

    country_from = country_to = None
    if direction is Direction.ENTRY:
        if d.get("country_from") is None:
            c.add("country_from", "Girişte gelinen ülke (13) zorunlu.")
        country_from = c.country(d, "country_from", "")
        if d.get("country_to") is not None:
            c.add("country_to", "Çıkış yapılacak ülke (14) yalnızca çıkışta yazılır.")
    elif direction is Direction.EXIT:
        if d.get("country_to") is None:
            c.add("country_to", "Çıkışta gidilecek ülke (14) zorunlu.")
        country_to = c.country(d, "country_to", "")
        if d.get("country_from") is not None:
            c.add("country_from", "Gelinen ülke (13) yalnızca girişte yazılır.")
    out["country_from"], out["country_to"] = country_from, country_to

    declared: tuple[MoneyLine, ...] | None = None
    if d.get("declared") is not None:
        # [] is an explanation too: the person said they carry no cash (22.c if cash is
        # found beyond the tolerance), unlike null, no explanation at all (22.b).
        declared = c.money_lines(d["declared"], "declared")
    out["declared"] = None if declared is None else [x.to_json() for x in declared]
    detected = (
        c.money_lines(d["detected"], "detected", allow_denominations=True)
        if "detected" in d
        else None
    )
    out["detected"] = None if detected is None else [x.to_json() for x in detected]

    sender: Sender | None = None
    if d.get("sender") is not None:
        s = c.obj(d["sender"], "sender", {"name"}, {"id_number"})
        if s is not None:
            name = c.text(s, "name", "sender", max_len=c.box("sender"))
            sid = c.text(s, "id_number", "sender", required=False, max_len=30, check=_free_id)
            if name:
                sender = Sender(name, sid)
    out["sender"] = None if sender is None else {"name": sender.name, "id_number": sender.id_number}
    out["purpose"] = c.text(d, "purpose", "", required=False, max_len=c.box("purpose"))
    out["source"] = c.text(d, "source", "", required=False, max_len=c.box("source"))
    out["witness_officer"] = c.text(
        d, "witness_officer", "", required=False, max_len=20, check=_sicil
    )

    residence: Residence | None = None
    exit_exception: ExitException | None = None
    if direction is Direction.EXIT:
        if d.get("residence") is None:
            c.add("residence", "Çıkışta kişinin yerleşiklik durumu zorunlu.")
        residence = c.enum(d, "residence", "", Residence)
        if d.get("exit_exception") is not None:
            e = c.obj(d["exit_exception"], "exit_exception", {"kind", "reference"}, {"cash"})
            if e is not None:
                ekind = c.enum(e, "kind", "exit_exception", ExceptionKind)
                ref = c.text(e, "reference", "exit_exception", max_len=60, check=_reference)
                proved = _exception_cash(c, e, ekind)
                if ekind and ref and proved is not None:
                    # Numbers and references are upper case in the register (a bank
                    # document runs out by its reference); a typed one may not be.
                    ref = ref.upper()
                    exit_exception = ExitException(ekind, ref, proved)
    else:
        for key in ("residence", "exit_exception"):
            if d.get(key) is not None:
                c.add(key, "Yalnızca çıkışta yazılır.")
    out["residence"] = residence.value if residence else None
    out["exit_exception"] = (
        None
        if exit_exception is None
        else {
            "kind": exit_exception.kind.value,
            "reference": exit_exception.reference,
            **(
                {"cash": [x.to_json() for x in exit_exception.cash]}
                if exit_exception.kind is ExceptionKind.BANK_DOCUMENT
                else {}
            ),
        }
    )

    refused: str | None = None
    if d.get("signature_refused") is not None:
        r = c.obj(d["signature_refused"], "signature_refused", {"reason"}, set())
        if r is not None:
            refused = c.text(r, "reason", "signature_refused", max_len=c.box("refusal"))
    out["signature_refused"] = None if refused is None else {"reason": refused}

    override: tuple[MoneyLine, ...] | None = None
    if d.get("custody_override") is not None:
        override = c.money_lines(d["custody_override"], "custody_override", allow_empty=False)
    out["custody_override"] = None if override is None else [x.to_json() for x in override]

    paper, paper_out = _paper(c, d.get("paper"))
    if paper_out is not None:
        out["paper"] = paper_out
    seizure = _seizure(c, d.get("seizure"), out)
    if c.problems:
        return None
    assert direction and person and source and basis and detected is not None
    return ValidatedRecord(
        ExplanationInput(
            direction=direction,
            person=person,
            source_category=source,
            selection_basis=basis,
            country_from=country_from,
            country_to=country_to,
            declared=declared,
            detected=detected,
            sender=sender,
            purpose=out["purpose"],
            source=out["source"],
            witness_officer=out["witness_officer"],
            residence=residence,
            exit_exception=exit_exception,
            signature_refused_reason=refused,
            custody_override=override,
            paper=paper,
            seizure=seizure,
        ),
        out,
    )
