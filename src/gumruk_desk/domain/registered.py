"""A registered record as one typed, frozen value.

After registration a record is what the register stored (SPEC §9: the interchange input, the
registration's own keys, the valuation and the outcome) plus what has happened to it since
(its status and an approved cancellation). The window, printing, reports and the command
line read it through :class:`RegisteredRecord`; only the register and the JSON edges (the
command line's output, the upload, the centre) see its JSON.

``RegisteredRecord.from_json`` reads the input part with the same validator that accepted
it, as the centre does with what a desk registered earlier (``legacy``: the rules added since
are not applied to an old record), so every typed field means what it meant at registration.
``to_json`` gives back the JSON it was read from, key for key: a registered record is a legal
document and its export may not drop or reshape anything, a key the register added around
the input that this version does not model included.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from gumruk_desk.domain import money
from gumruk_desk.domain.chainspec import input_part
from gumruk_desk.domain.evaluation import ExitCover, Outcome, OutcomeCode, Valuation
from gumruk_desk.domain.money import Denomination, Instrument, MoneyLine
from gumruk_desk.domain.problems import InputError, Problem
from gumruk_desk.domain.rates import Rate
from gumruk_desk.domain.records import (
    DeclarationInput,
    Direction,
    ExplanationInput,
    Kind,
    PaperRef,
    Person,
    RecordInput,
    SeizureFacts,
)
from gumruk_desk.domain.validation import validate_record

#: What the register adds when it reads a record back, beside what it stored.
_READ_KEYS = frozenset({"status", "cancellation"})


def _filed(content: Mapping[str, Any]) -> dict[str, Any]:
    """The interchange input (SPEC §9) a registered record's JSON was made from."""
    return {k: v for k, v in input_part(dict(content)).items() if k not in _READ_KEYS}


class RecordError(InputError):
    """A stored record's JSON this version cannot read (str(e) is Turkish)."""


class RecordStatus(StrEnum):
    REGISTERED = "registered"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Cancellation:
    """An approved cancellation (§O3) and the record filled in its place, if any."""

    reason: str
    requested_by: str
    approved_by: str
    at: datetime.datetime
    copies_collected: int
    replaced_by: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Cancellation:
        return cls(
            reason=str(data.get("reason") or ""),
            requested_by=str(data.get("requested_by") or ""),
            approved_by=str(data.get("approved_by") or ""),
            at=datetime.datetime.fromisoformat(str(data["at"])),
            copies_collected=int(data.get("copies_collected") or 0),
            replaced_by=data.get("replaced_by") or None,
        )


def _frozen(value: Any) -> Any:
    """A read-only view of decoded JSON: mappings become proxies, lists tuples."""
    if isinstance(value, dict):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def _thawed(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thawed(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thawed(v) for v in value]
    return value


def _total(value: Any) -> Decimal:
    """A computed TL value as stored: a sum may have more digits than any one typed amount."""
    found = Decimal(str(value))
    if not found.is_finite():
        raise ValueError(f"{value!r} bir tutar değil")
    return found


def _amount(value: Any) -> Decimal | None:
    return None if value is None else _total(value)


def money_line_from_json(data: Mapping[str, Any]) -> MoneyLine:
    """A money line as the register wrote it (already validated)."""
    instrument = data.get("instrument")
    return MoneyLine(
        currency=str(data["currency"]),
        amount=money.parse_amount(str(data["amount"])),
        instrument=Instrument(instrument) if instrument else None,
        denominations=tuple(
            Denomination(money.parse_amount(str(d["value"])), int(d["count"]))
            for d in data.get("denominations") or ()
        ),
    )


def money_lines_from_json(data: Sequence[Mapping[str, Any]] | None) -> tuple[MoneyLine, ...]:
    return tuple(money_line_from_json(x) for x in data or ())


def valuation_from_json(data: Mapping[str, Any]) -> Valuation:
    rate_date_text = data.get("rate_date")
    rate_date = datetime.date.fromisoformat(rate_date_text) if rate_date_text else None
    column = str(data.get("rate_column") or "")
    columns: Mapping[str, str] = data.get("rate_columns") or {}
    rates: dict[str, Rate] = {}
    for code, value in (data.get("rates") or {}).items():
        used = str(columns.get(code) or (money.TRY if code == money.TRY else column))
        rates[code] = Rate(
            currency=code,
            try_per_unit=Decimal(str(value)),
            column=used,
            bulletin_date=None if used in ("manual", money.TRY) else rate_date,
            manual=used == "manual",
        )
    cover = data.get("exit_cover")
    tolerance_year = data.get("tolerance_year")
    return Valuation(
        rate_date=rate_date,
        rate_column=column,
        rates=rates,
        declared_try=_amount(data.get("declared_try")),
        detected_try=_amount(data.get("detected_try")),
        undeclared_try=_amount(data.get("undeclared_try")),
        tolerance_try=_amount(data.get("tolerance_try")),
        tolerance_year=int(tolerance_year) if tolerance_year is not None else None,
        exit_limit_try=_amount(data.get("exit_limit_try")),
        exit_limit_lira_try=_amount(data.get("exit_limit_lira_try")),
        exit_lira_try=_amount(data.get("exit_lira_try")),
        exit_foreign_try=_amount(data.get("exit_foreign_try")),
        exit_covered_try=_amount(data.get("exit_covered_try")),
        exit_cover=(
            None
            if not cover
            else ExitCover(
                kind=str(cover["kind"]),
                reference=str(cover["reference"]),
                available=money_lines_from_json(cover.get("available")),
                drawn=money_lines_from_json(cover.get("drawn")),
                remaining=money_lines_from_json(cover.get("remaining")),
            )
        ),
        exit_threshold_lira_try=_amount(data.get("exit_threshold_lira_try")),
        exit_threshold_foreign_try=_amount(data.get("exit_threshold_foreign_try")),
    )


def outcome_from_json(data: Mapping[str, Any]) -> Outcome:
    return Outcome(
        code=OutcomeCode(str(data["code"])),
        fine_try=_total(data.get("fine_try") or "0"),
        custody=money_lines_from_json(data.get("custody")),
        exit_limit_exceeded=bool(data.get("exit_limit_exceeded")),
        prosecutor_referral=bool(data.get("prosecutor_referral")),
        masak_copy=bool(data.get("masak_copy")),
        officer_signatures_required=int(data.get("officer_signatures_required") or 1),
        copies=int(data.get("copies") or 0),
        warnings=tuple(str(w) for w in data.get("warnings") or ()),
        grounds=tuple(str(g) for g in data.get("grounds") or ()),
        declaration_due=bool(data.get("declaration_due")),
        superseded=tuple(str(s) for s in data.get("superseded") or ()),
    )


def _currencies(value: Any) -> Iterator[str]:
    """Every currency code the JSON names in a money line (the validator's bulletin list: a
    record valued with a rate of its day stays readable when ISO later withdraws the code)."""
    if isinstance(value, dict):
        code = value.get("currency")
        if isinstance(code, str) and "amount" in value:
            yield code
        for v in value.values():
            yield from _currencies(v)
    elif isinstance(value, list):
        for v in value:
            yield from _currencies(v)


@dataclass(frozen=True)
class RegisteredRecord:
    """One registered record (SPEC §9) with its current status."""

    form: RecordInput  #: what was filed: the typed interchange input
    number: str
    uuid: str
    registered_at: datetime.datetime
    office: str
    office_name: str
    customs_area: str
    desk: str
    officer: str  #: the drafting officer's sicil
    officer_name: str
    officer_title: str
    witness_name: str | None
    witness_title: str | None
    demo: bool
    rule_set: str
    #: The rule set's parameters as applied (rule-set data, read-only), its citations among them.
    rule_parameters: Mapping[str, Any]
    valuation: Valuation
    outcome: Outcome
    status: RecordStatus = RecordStatus.REGISTERED
    cancellation: Cancellation | None = None
    #: The cancelled record this one was filled in place of (§O3).
    replaces: str | None = None
    #: The seizure report's own number (series Z), when cash was seized.
    seizure_report_number: str | None = None
    #: The JSON read (what ``to_json`` gives back). A factory: Python 3.11's dataclasses
    #: refuse an unhashable default.
    _json: Mapping[str, Any] = field(
        default_factory=lambda: MappingProxyType({}), repr=False, compare=False
    )

    # -- what the filed form says, without reaching into it ------------------------------

    @property
    def kind(self) -> Kind:
        return self.form.kind

    @property
    def direction(self) -> Direction:
        return self.form.direction

    @property
    def person(self) -> Person:
        return self.form.person

    @property
    def paper(self) -> PaperRef | None:
        return self.form.paper

    @property
    def seizure(self) -> SeizureFacts | None:
        return self.form.seizure

    @property
    def declaration(self) -> DeclarationInput | None:
        """The Nakit Beyan Formu input, for a record of that kind."""
        return self.form if isinstance(self.form, DeclarationInput) else None

    @property
    def explanation(self) -> ExplanationInput | None:
        """The Nakit Açıklama Tutanağı input, for a record of that kind."""
        return self.form if isinstance(self.form, ExplanationInput) else None

    @property
    def cancelled(self) -> bool:
        return self.status is RecordStatus.CANCELLED

    @property
    def record_date(self) -> datetime.date:
        """The day the record speaks of: a paper form's filling, else the registration."""
        return self.paper.filled_at.date() if self.paper else self.registered_at.date()

    @property
    def is_prohibited_declaration(self) -> bool:
        """A Nakit Beyan Formu input whose source makes it undeclarable: a seizure, not a form."""
        return self.kind is Kind.NAKIT_BEYAN and self.outcome.code is OutcomeCode.PROHIBITED_SOURCE

    @property
    def seizure_number(self) -> str:
        """The seizure report's own number; the record's own for one registered before seizure
        reports were numbered apart."""
        return self.seizure_report_number or self.number

    def legal_ground(self, key: str) -> str | None:
        """The citation the record's own rule set gives for ``key`` (rules.GROUND_KEYS)."""
        grounds = self.rule_parameters.get("legal_grounds") or {}
        found = grounds.get(key)
        return str(found) if found else None

    # -- JSON edges -----------------------------------------------------------------------

    @classmethod
    def from_json(
        cls, data: Mapping[str, Any], *, form: RecordInput | None = None
    ) -> RegisteredRecord:
        """The record the register's JSON describes (its ``status`` and ``cancellation``
        included, as the register reads them). ``form``: its input already typed, by a caller
        that has just validated it (the registration), which is then not validated again.

        Raises :class:`RecordError` for JSON that is no registered record of this format.
        """
        content = dict(data)
        try:
            registered_at = datetime.datetime.fromisoformat(str(content["registered_at"]))
            paper = content.get("paper") or {}
            filled = paper.get("filled_at")
            day = max(
                registered_at.date(),
                datetime.datetime.fromisoformat(filled).date() if filled else registered_at.date(),
            )
            if form is None:
                form = validate_record(
                    _filed(content),
                    day,
                    currencies=set(_currencies(content)),
                    legacy=True,
                    boxes=False,
                ).record
            cancelled = content.get("cancellation")
            seizure_report = content.get("seizure_report") or {}
            return cls(
                form=form,
                number=str(content["number"]),
                uuid=str(content["uuid"]),
                registered_at=registered_at,
                office=str(content["office"]),
                office_name=str(content.get("office_name") or ""),
                customs_area=str(content.get("customs_area") or ""),
                desk=str(content["desk"]),
                officer=str(content["officer"]),
                officer_name=str(content.get("officer_name") or ""),
                officer_title=str(content.get("officer_title") or ""),
                witness_name=content.get("witness_name"),
                witness_title=content.get("witness_title"),
                demo=bool(content.get("demo")),
                rule_set=str(content.get("rule_set") or ""),
                rule_parameters=_frozen(content.get("rule_parameters") or {}),
                valuation=valuation_from_json(content.get("valuation") or {}),
                outcome=outcome_from_json(content["outcome"]),
                status=RecordStatus(str(content.get("status") or RecordStatus.REGISTERED)),
                cancellation=Cancellation.from_json(cancelled) if cancelled else None,
                replaces=content.get("replaces"),
                seizure_report_number=seizure_report.get("number"),
                _json=_frozen(content),
            )
        except InputError as exc:
            raise RecordError(
                [
                    Problem(p.path, f"Kayıtlı kayıt okunamadı ({p.path}): {p.message}")
                    for p in exc.problems
                ]
            ) from None
        except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
            number = content.get("number", "?")
            raise RecordError(
                [Problem("", f"{number} numaralı kayıt okunamadı: {type(exc).__name__} {exc}.")]
            ) from None

    def filed_json(self) -> dict[str, Any]:
        """The interchange input as it was filed, key for key (what a wizard is filled with)."""
        return _filed(_thawed(self._json))

    def to_json(self) -> dict[str, Any]:
        """The registered record's JSON (SPEC §9), as the register stored it, with its status."""
        data: dict[str, Any] = _thawed(self._json)
        data["status"] = self.status.value
        if self.cancellation is not None and "cancellation" not in data:
            data["cancellation"] = _cancellation_json(self.cancellation)
        return data


def _cancellation_json(c: Cancellation) -> dict[str, Any]:
    return {
        "reason": c.reason,
        "requested_by": c.requested_by,
        "approved_by": c.approved_by,
        "at": c.at.isoformat(timespec="seconds"),
        "copies_collected": c.copies_collected,
        "replaced_by": c.replaced_by,
    }
