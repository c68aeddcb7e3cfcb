"""Rule sets: the legal parameters of a circular, as data with effective dates and sources.

A rule set is loaded from a JSON document (``resources/rulesets/*.json``, or one received from
the central system, or installed by a supervisor). Nothing legal is a literal in code: the exit
limits, the explanation tolerance per year, the fine rate, whether "exceeds" is strict, which
directions allow a Nakit Beyan Formu, which sources of cash are prohibited on entry, which exit
exception applies to which residence status, and how many copies each document has.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gumruk_desk.domain import money

FORMAT_VERSION = 1

SOURCE_CATEGORIES = (
    "export",
    "transit_trade",
    "foreign_capital",
    "other_free",
    "loan_from_abroad",
    "personal_capital",
)
RESIDENCES = ("resident", "non_resident", "citizen_working_abroad")
DIRECTIONS = ("entry", "exit")


class RuleSetError(ValueError):
    """A rule-set document that cannot be used; ``str(e)`` is Turkish and names the key."""


@dataclass(frozen=True)
class Limit:
    """An amount in a currency (e.g. 5,000 USD), with the legal text that sets it."""

    amount: Decimal
    currency: str
    source: str

    def to_json(self) -> dict[str, str]:
        return {
            "amount": money.format_amount(self.amount),
            "currency": self.currency,
            "source": self.source,
        }


@dataclass(frozen=True)
class ToleranceStep:
    """The explanation tolerance (müsaade edilen fark) in TL for one calendar year."""

    year: int
    amount_try: Decimal
    source: str


@dataclass(frozen=True)
class Tolerance:
    """The tolerance that applies to a date, and whether it was defined for that year."""

    year: int
    amount_try: Decimal
    source: str
    defined_for_year: bool


@dataclass(frozen=True)
class RuleSet:
    id: str
    title: str
    legal_source: str
    effective_from: datetime.date
    effective_to: datetime.date | None
    declaration_directions: frozenset[str]
    prohibited_sources_on_entry: frozenset[str]
    lira_exit_limit: Limit
    foreign_exit_limit: Limit
    exit_exceptions: Mapping[str, frozenset[str]]
    fine_rate: Decimal
    fine_source: str
    exceeds_strict: bool
    tolerances: tuple[ToleranceStep, ...]
    declaration_copies: int
    explanation_copies: int
    document: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def in_force_on(self, day: datetime.date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )

    def exceeds(self, value: Decimal, threshold: Decimal) -> bool:
        """ "Aşan" in the circular: strictly above unless the rule set says otherwise."""
        return value > threshold if self.exceeds_strict else value >= threshold

    def excess(self, value: Decimal, threshold: Decimal) -> Decimal:
        """How much of ``value`` is over the line. With a non-strict rule, reaching the
        threshold is already too much, so one kuruş more than the excess is over: custody is
        never empty when a limit counts as exceeded."""
        over = value - threshold
        return over if self.exceeds_strict else over + money.KURUS

    def tolerance_for(self, day: datetime.date) -> Tolerance:
        """The tolerance of the record's year; the latest earlier one when that year is undefined.

        Raises :class:`RuleSetError` when the table has nothing on or before that year.
        """
        earlier = [t for t in self.tolerances if t.year <= day.year]
        if not earlier:
            raise RuleSetError(
                f"'{self.id}' kural setinde {day.year} yılı veya öncesi için müsaade edilen fark "
                "tanımlı değil."
            )
        step = max(earlier, key=lambda t: t.year)
        return Tolerance(step.year, step.amount_try, step.source, step.year == day.year)

    def parameters(self, day: datetime.date) -> dict[str, Any]:
        """The parameter values a computation on ``day`` uses, for the record's audit trail."""
        tol = self.tolerance_for(day)
        return {
            "rule_set": self.id,
            "tolerance_year": tol.year,
            "tolerance_try": money.format_amount(tol.amount_try),
            "tolerance_source": tol.source,
            "fine_rate": str(self.fine_rate),
            "exceeds_strict": self.exceeds_strict,
            "lira_exit_limit": self.lira_exit_limit.to_json(),
            "foreign_exit_limit": self.foreign_exit_limit.to_json(),
        }


def _req(doc: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in doc:
        raise RuleSetError(f"Kural seti geçersiz: '{where}{key}' eksik.")
    value = doc[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise RuleSetError(f"Kural seti geçersiz: '{where}{key}' türü hatalı.")
    return value


def _date(text: Any, where: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(str(text))
    except ValueError:
        raise RuleSetError(
            f"Kural seti geçersiz: '{where}' YYYY-AA-GG biçiminde bir tarih olmalı."
        ) from None


def _amount(text: Any, where: str) -> Decimal:
    try:
        return money.parse_amount(text)
    except money.MoneyError:
        raise RuleSetError(
            f"Kural seti geçersiz: '{where}' bir tutar metni olmalı (ör. \"5000.00\")."
        ) from None


def _limit(doc: Mapping[str, Any], where: str) -> Limit:
    currency = _req(doc, "currency", str, where)
    if len(currency) != 3 or not currency.isalpha() or not currency.isupper():
        raise RuleSetError(f"Kural seti geçersiz: '{where}currency' ISO 4217 kodu olmalı.")
    amount = _amount(_req(doc, "amount", str, where), where + "amount")
    if amount <= 0:
        raise RuleSetError(f"Kural seti geçersiz: '{where}amount' sıfırdan büyük olmalı.")
    return Limit(amount, currency, _req(doc, "source", str, where))


def _str_set(values: Any, allowed: Iterable[str], where: str) -> frozenset[str]:
    allowed = tuple(allowed)
    if not isinstance(values, list) or any(v not in allowed for v in values):
        raise RuleSetError(
            f"Kural seti geçersiz: '{where}' şu değerlerden oluşan bir liste olmalı: "
            f"{', '.join(allowed)}."
        )
    return frozenset(values)


_TOP_KEYS = {
    "format",
    "id",
    "title",
    "legal_source",
    "effective_from",
    "effective_to",
    "notes",
    "declaration_directions",
    "prohibited_sources_on_entry",
    "exit_limits",
    "exit_exceptions",
    "explanation",
    "copies",
}


def parse_ruleset(doc: Any) -> RuleSet:
    """Build a :class:`RuleSet` from its JSON document; unknown keys and bad values are errors."""
    if not isinstance(doc, dict):
        raise RuleSetError("Kural seti geçersiz: bir JSON nesnesi olmalı.")
    unknown = sorted(set(doc) - _TOP_KEYS)
    if unknown:
        raise RuleSetError(f"Kural seti geçersiz: tanınmayan anahtar(lar): {', '.join(unknown)}.")
    if _req(doc, "format", int, "") != FORMAT_VERSION:
        raise RuleSetError(f"Kural seti biçim sürümü desteklenmiyor (beklenen {FORMAT_VERSION}).")
    rid = _req(doc, "id", str, "").strip()
    if not rid:
        raise RuleSetError("Kural seti geçersiz: 'id' boş olamaz.")
    eff_from = _date(_req(doc, "effective_from", str, ""), "effective_from")
    eff_to_raw = doc.get("effective_to")
    eff_to = None if eff_to_raw is None else _date(eff_to_raw, "effective_to")
    if eff_to is not None and eff_to < eff_from:
        raise RuleSetError("Kural seti geçersiz: 'effective_to', 'effective_from' tarihinden önce.")

    limits = _req(doc, "exit_limits", dict, "")
    lira = _limit(_req(limits, "lira", dict, "exit_limits."), "exit_limits.lira.")
    foreign = _limit(_req(limits, "foreign", dict, "exit_limits."), "exit_limits.foreign.")

    exc_doc = _req(doc, "exit_exceptions", dict, "")
    exceptions: dict[str, frozenset[str]] = {}
    for kind in ("entry_declaration", "bank_document"):
        exceptions[kind] = _str_set(
            _req(exc_doc, kind, list, "exit_exceptions."), RESIDENCES, f"exit_exceptions.{kind}"
        )

    expl = _req(doc, "explanation", dict, "")
    fine_rate = _amount(_req(expl, "fine_rate", str, "explanation."), "explanation.fine_rate")
    if not Decimal(0) < fine_rate <= Decimal(1):
        raise RuleSetError("Kural seti geçersiz: 'explanation.fine_rate' 0 ile 1 arasında olmalı.")
    steps: list[ToleranceStep] = []
    for i, step in enumerate(_req(expl, "tolerance", list, "explanation.")):
        where = f"explanation.tolerance[{i}]."
        if not isinstance(step, dict):
            raise RuleSetError(f"Kural seti geçersiz: '{where[:-1]}' bir nesne olmalı.")
        year = _req(step, "year", int, where)
        steps.append(
            ToleranceStep(
                year,
                _amount(_req(step, "amount_try", str, where), where + "amount_try"),
                _req(step, "source", str, where),
            )
        )
    if not steps:
        raise RuleSetError("Kural seti geçersiz: 'explanation.tolerance' en az bir yıl içermeli.")
    if len({s.year for s in steps}) != len(steps):
        raise RuleSetError(
            "Kural seti geçersiz: 'explanation.tolerance' içinde aynı yıl iki kez var."
        )

    copies = _req(doc, "copies", dict, "")
    return RuleSet(
        id=rid,
        title=_req(doc, "title", str, ""),
        legal_source=_req(doc, "legal_source", str, ""),
        effective_from=eff_from,
        effective_to=eff_to,
        declaration_directions=_str_set(
            _req(doc, "declaration_directions", list, ""), DIRECTIONS, "declaration_directions"
        ),
        prohibited_sources_on_entry=_str_set(
            _req(doc, "prohibited_sources_on_entry", list, ""),
            SOURCE_CATEGORIES,
            "prohibited_sources_on_entry",
        ),
        lira_exit_limit=lira,
        foreign_exit_limit=foreign,
        exit_exceptions=exceptions,
        fine_rate=fine_rate,
        fine_source=_req(expl, "fine_source", str, "explanation."),
        exceeds_strict=_req(expl, "exceeds_strict", bool, "explanation."),
        tolerances=tuple(sorted(steps, key=lambda s: s.year)),
        declaration_copies=_req(copies, "nakit_beyan", int, "copies."),
        explanation_copies=_req(copies, "nakit_aciklama", int, "copies."),
        document=doc,
    )


def parse_ruleset_text(text: str) -> RuleSet:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RuleSetError(f"Kural seti JSON olarak okunamadı (satır {exc.lineno}).") from None
    return parse_ruleset(doc)


def select_ruleset(rulesets: Iterable[RuleSet], day: datetime.date) -> RuleSet:
    """The rule set in force on ``day``: of those in force, the one that took effect last."""
    candidates = [r for r in rulesets if r.in_force_on(day)]
    if not candidates:
        raise RuleSetError(f"{day:%d.%m.%Y} tarihinde yürürlükte bir kural seti yok.")
    return max(candidates, key=lambda r: (r.effective_from, r.id))
