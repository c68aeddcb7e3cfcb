"""Evaluation of a validated record under a rule set: TL valuation and the legal outcome.

Pure functions. The result is the ``valuation`` and ``outcome`` of SPEC §9, with the rule set
and the parameter values used, so a registered record shows exactly why it came out as it did.

Circular 2013/1 sections cited below: G = Yurt içine nakit girişi, C = Yurt dışına nakit
çıkışı, O = Ortak hükümler. What the grounds quote as law comes from the rule set's
``legal_grounds``, so a record cites the law of the rule set it was made under.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any

from gumruk_desk.domain import iso, money
from gumruk_desk.domain.money import TRY, ZERO, MoneyLine
from gumruk_desk.domain.problems import EvaluationError as EvaluationError, Problem
from gumruk_desk.domain.rates import Rate, RateTable
from gumruk_desk.domain.records import (
    DeclarationInput,
    Direction,
    ExceptionKind,
    ExplanationInput,
    RecordInput,
)
from gumruk_desk.domain.rules import RuleSet
from gumruk_desk.domain.vocabulary import EXCEPTION as EXCEPTION_WORDS


class OutcomeCode(StrEnum):
    DECLARED = "declared"  # EK-1 registered
    PROHIBITED_SOURCE = "prohibited_source"  # §G1.1: not declarable, seized, referred
    CORRECT = "correct"  # EK-2 22.a
    NO_DECLARATION = "no_declaration"  # EK-2 22.b
    MISDECLARED = "misdeclared"  # EK-2 22.c


class ReferenceStatus(StrEnum):
    VALID = "valid"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"
    SEIZED = "seized"  # a prohibited source: nothing was declared, the cash was seized
    EXIT = "exit"  # a declaration made on exit: it proves nothing brought in


@dataclass(frozen=True)
class ReferencedDeclaration:
    """What the register knows of a Nakit Beyan Formu cited as an exit exception (§C1a)."""

    number: str
    status: ReferenceStatus
    id_number: str | None = None
    cash: tuple[MoneyLine, ...] = ()
    date: datetime.date | None = None  # the form's date: it must precede the exit
    #: What registered exits citing it (not cancelled) already took out, per currency.
    drawn: tuple[MoneyLine, ...] = ()


@dataclass(frozen=True)
class ExitCover:
    """The exception document an exit cites (§C1a), as this exit used it."""

    kind: str  #: ExceptionKind's value
    reference: str
    available: tuple[MoneyLine, ...]  #: what it still covered before this exit
    drawn: tuple[MoneyLine, ...]  #: what this exit drew from it
    remaining: tuple[MoneyLine, ...]  #: what is left of it

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "reference": self.reference,
            "available": [x.to_json() for x in self.available],
            "drawn": [x.to_json() for x in self.drawn],
            "remaining": [x.to_json() for x in self.remaining],
        }


@dataclass(frozen=True)
class Valuation:
    rate_date: datetime.date | None
    rate_column: str
    rates: dict[str, Rate]
    declared_try: Decimal | None
    detected_try: Decimal | None
    undeclared_try: Decimal | None
    tolerance_try: Decimal | None
    tolerance_year: int | None
    exit_limit_try: Decimal | None  # the foreign-currency exit limit in TL
    exit_limit_lira_try: Decimal | None
    exit_lira_try: Decimal | None
    exit_foreign_try: Decimal | None
    exit_covered_try: Decimal | None  # what an exit exception adds to the foreign limit
    #: The exception document on exit: what it still covered, what this exit drew from it,
    #: what remains of it (money lines per currency).
    exit_cover: ExitCover | None = None
    #: Exit declaration thresholds in TL (rule sets with declaration thresholds).
    exit_threshold_lira_try: Decimal | None = None
    exit_threshold_foreign_try: Decimal | None = None

    def to_json(self) -> dict[str, Any]:
        def amt(value: Decimal | None) -> str | None:
            return None if value is None else money.format_amount(value)

        return {
            "rate_date": self.rate_date.isoformat() if self.rate_date else None,
            "rate_column": self.rate_column,
            "rates": {c: str(r.try_per_unit) for c, r in sorted(self.rates.items())},
            "rate_columns": {c: r.column for c, r in sorted(self.rates.items())},
            "declared_try": amt(self.declared_try),
            "detected_try": amt(self.detected_try),
            "undeclared_try": amt(self.undeclared_try),
            "tolerance_try": amt(self.tolerance_try),
            "tolerance_year": self.tolerance_year,
            "exit_limit_try": amt(self.exit_limit_try),
            "exit_limit_lira_try": amt(self.exit_limit_lira_try),
            "exit_lira_try": amt(self.exit_lira_try),
            "exit_foreign_try": amt(self.exit_foreign_try),
            "exit_covered_try": amt(self.exit_covered_try),
            "exit_cover": self.exit_cover.to_json() if self.exit_cover else None,
            "exit_threshold_lira_try": amt(self.exit_threshold_lira_try),
            "exit_threshold_foreign_try": amt(self.exit_threshold_foreign_try),
        }


@dataclass(frozen=True)
class Outcome:
    code: OutcomeCode
    fine_try: Decimal
    custody: tuple[MoneyLine, ...]
    exit_limit_exceeded: bool
    prosecutor_referral: bool
    masak_copy: bool
    officer_signatures_required: int
    copies: int
    warnings: tuple[str, ...]
    grounds: tuple[str, ...]  # plain-Turkish legal grounds, for the screen and the printout
    proposed_custody: tuple[MoneyLine, ...] = ()
    #: Cash above an exit declaration threshold was found without a Nakit Beyan Formu: one
    #: is due (rule sets with declaration thresholds only).
    declaration_due: bool = False
    #: The warnings that say the rule set had been superseded on the record's date (also in
    #: ``warnings``; shown on the screen, left out of the printed footer).
    superseded: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code.value,
            "fine_try": money.format_amount(self.fine_try),
            "custody": [line.to_json() for line in self.custody],
            "exit_limit_exceeded": self.exit_limit_exceeded,
            "prosecutor_referral": self.prosecutor_referral,
            "masak_copy": self.masak_copy,
            "officer_signatures_required": self.officer_signatures_required,
            "copies": self.copies,
            "warnings": list(self.warnings),
            "grounds": list(self.grounds),
            "declaration_due": self.declaration_due,
            "superseded": list(self.superseded),
        }


@dataclass(frozen=True)
class Evaluation:
    rule_set: str
    parameters: dict[str, Any]
    valuation: Valuation
    outcome: Outcome

    def to_json(self) -> dict[str, Any]:
        return {
            "rule_set": self.rule_set,
            "rule_parameters": self.parameters,
            "valuation": self.valuation.to_json(),
            "outcome": self.outcome.to_json(),
        }


def cite(ruleset: RuleSet, key: str) -> str:
    """The citation the rule set gives for ``key`` (rules.GROUND_KEYS). A format-1 file
    without legal grounds cites its fine source for the fine and itself otherwise."""
    found = ruleset.grounds.get(key)
    if found:
        return found
    return ruleset.fine_source if key == "fine" else f"kural seti {ruleset.id}"


def tl(amount: Decimal) -> str:
    """Turkish display of a TL amount for messages: 12.500,00 TL."""
    return f"{money.format_tr(money.round_try(amount))} TL"


_DIRECTION_CASH = {Direction.EXIT: "Yurt dışına çıkarılan", Direction.ENTRY: "Yurda getirilen"}


def rule_problems(record: RecordInput, ruleset: RuleSet) -> list[Problem]:
    """Problems that depend on the rule set in force rather than on the input's shape."""
    problems: list[Problem] = []
    if (
        isinstance(record, DeclarationInput)
        and record.direction.value not in ruleset.declaration_directions
    ):
        problems.append(
            Problem(
                "direction",
                (
                    f"{_DIRECTION_CASH[record.direction]} nakit için Nakit Beyan Formu "
                    f"düzenlenmez (kural seti {ruleset.id}; "
                    f"{cite(ruleset, 'no_declaration_direction')})."
                ),
            )
        )
    elif (
        isinstance(record, DeclarationInput)
        and record.direction is Direction.EXIT
        and record.country_to is None
    ):
        problems.append(Problem("country_to", "Çıkışta beyan için gidilecek ülke zorunlu."))
    if (
        isinstance(record, ExplanationInput)
        and record.exit_exception is not None
        and ruleset.exit_mode == "declaration_thresholds"
    ):
        # Under declaration thresholds nothing is limited, so nothing needs an exception.
        problems.append(
            Problem(
                "exit_exception",
                f"Kural seti {ruleset.id} çıkışta sınır değil beyan eşiği uygular; istisna "
                "belgesi yazılmaz (eşiği aşan nakit Nakit Beyan Formu ile beyan edilir).",
            )
        )
    return problems


class _Valuer:
    """Converts money lines to TL with the rate table, collecting missing rates as problems."""

    def __init__(self, rates: RateTable) -> None:
        self.table = rates
        self.used: dict[str, Rate] = {}
        self.problems: list[Problem] = []

    def rate(self, currency: str, path: str) -> Rate | None:
        if currency == TRY:
            return None
        rate = self.table.get(currency)
        if rate is None:
            when = (
                f"{self.table.bulletin_date:%d.%m.%Y} tarihli bültende"
                if self.table.bulletin_date
                else "yüklü bir kur bülteninde"
            )
            message = (
                f"{currency} ({iso.currency_name_tr(currency)}) için {when} kur yok; "
                "güncel TCMB kur bültenini yükleyin veya kuru elle girin."
            )
            if not any(p.message == message for p in self.problems):
                self.problems.append(Problem(path, message))
            return None
        self.used[currency] = rate
        return rate

    def line_try(self, line: MoneyLine) -> Decimal:
        """Exact TL value of a line (rounded only when totals are formed)."""
        if line.currency == TRY:
            return line.amount
        rate = self.used.get(line.currency) or self.table.get(line.currency)
        assert rate is not None, "rates are checked before valuation"
        return money.mul(line.amount, rate.try_per_unit)

    def check(self, lines: Iterable[MoneyLine], path: str) -> None:
        for i, line in enumerate(lines):
            self.rate(line.currency, f"{path}[{i}].currency")

    def total(self, lines: Iterable[MoneyLine]) -> Decimal:
        return money.round_try(money.total(self.line_try(x) for x in lines))


def evaluate(
    record: RecordInput,
    ruleset: RuleSet,
    rates: RateTable,
    on_date: datetime.date,
    referenced: ReferencedDeclaration | None = None,
    notices: Sequence[str] = (),
) -> Evaluation:
    """Evaluate ``record`` on ``on_date`` (registration date, or the paper form's date).
    ``notices``: warnings from outside the computation (e.g. that the law has moved on),
    made part of the record's warnings.

    Raises :class:`EvaluationError` when the rule set forbids the record or a rate is missing.
    """
    result = _evaluate(record, ruleset, rates, on_date, referenced)
    if not notices:
        return result
    outcome = replace(
        result.outcome,
        warnings=(*notices, *result.outcome.warnings),
        superseded=tuple(notices),
    )
    return replace(result, outcome=outcome)


def _exit_rate_currencies(ruleset: RuleSet, on_date: datetime.date) -> list[str]:
    """The currencies the exit rules of ``on_date`` are expressed in (their rates are needed)."""
    if ruleset.exit_mode == "declaration_thresholds":
        steps = (ruleset.threshold_for(k, on_date) for k in ("lira", "foreign"))
        return [t.currency for t in steps if t is not None]
    return [
        limit.currency
        for limit in (ruleset.lira_exit_limit, ruleset.foreign_exit_limit)
        if limit is not None
    ]


def _evaluate(
    record: RecordInput,
    ruleset: RuleSet,
    rates: RateTable,
    on_date: datetime.date,
    referenced: ReferencedDeclaration | None,
) -> Evaluation:
    problems = rule_problems(record, ruleset)
    if problems:
        raise EvaluationError(problems)
    valuer = _Valuer(rates)
    if isinstance(record, DeclarationInput):
        valuer.check(record.cash, "cash")
        if record.direction is Direction.EXIT:
            for currency in _exit_rate_currencies(ruleset, on_date):
                valuer.rate(currency, "cash")
        if valuer.problems:
            raise EvaluationError(valuer.problems)
        return _evaluate_ek1(record, ruleset, valuer, on_date)
    valuer.check(record.declared or (), "declared")
    valuer.check(record.detected, "detected")
    valuer.check(record.custody_override or (), "custody_override")
    if record.direction is Direction.EXIT:
        for currency in _exit_rate_currencies(ruleset, on_date):
            valuer.rate(currency, "detected")
    if valuer.problems:
        raise EvaluationError(valuer.problems)
    return _evaluate_ek2(record, ruleset, valuer, on_date, referenced)


def _rate_warnings(valuer: _Valuer) -> list[str]:
    warnings: list[str] = []
    if valuer.used:
        warnings.extend(valuer.table.warnings)
    for code, rate in sorted(valuer.used.items()):
        if rate.manual:
            warnings.append(
                f"{code} için elle girilmiş kur kullanıldı: 1 {code} = "
                f"{money.format_tr(rate.try_per_unit)} TL."
            )
    return warnings


def _valuation(valuer: _Valuer, **values: Any) -> Valuation:
    base: dict[str, Any] = {
        "declared_try": None,
        "detected_try": None,
        "undeclared_try": None,
        "tolerance_try": None,
        "tolerance_year": None,
        "exit_limit_try": None,
        "exit_limit_lira_try": None,
        "exit_lira_try": None,
        "exit_foreign_try": None,
        "exit_covered_try": None,
        "exit_cover": None,
    }
    base.update(values)
    return Valuation(
        rate_date=valuer.table.bulletin_date if valuer.used else None,
        rate_column=valuer.table.column.value,
        rates=dict(valuer.used),
        **base,
    )


def _evaluate_ek1(
    record: DeclarationInput, ruleset: RuleSet, valuer: _Valuer, on_date: datetime.date
) -> Evaluation:
    declared_try = valuer.total(record.cash)
    prohibited = (
        record.direction is Direction.ENTRY
        and record.source_category.value in ruleset.prohibited_sources_on_entry
    )
    grounds: tuple[str, ...]
    if prohibited:
        grounds = (
            "Nakdin kaynağı yurt dışından alınan kredi veya kişisel sermaye: bankacılık "
            "sistemi dışında yurda getirilemez ve beyan edilemez; nakde el konulur ve "
            f"Cumhuriyet Savcılığına bildirilir ({cite(ruleset, 'prohibited_source')}).",
        )
        outcome = Outcome(
            OutcomeCode.PROHIBITED_SOURCE,
            ZERO,
            record.cash,
            False,
            True,
            False,
            1,
            ruleset.declaration_copies,
            tuple(_rate_warnings(valuer)),
            grounds,
            record.cash,
        )
    else:
        warnings = _rate_warnings(valuer)
        exit_values: dict[str, Any] = {}
        if record.direction is Direction.EXIT:
            exit_grounds, exit_values, over = _exit_thresholds(
                record.cash, ruleset, valuer, on_date
            )
            grounds = (
                f"Yurt dışına çıkarılan nakit beyan edildi: toplam {tl(declared_try)} "
                f"({cite(ruleset, 'exit_declaration' if over else 'declaration')}).",
                *exit_grounds,
            )
            if not over:
                warnings.append(
                    "Çıkarılan nakit beyan eşiklerini aşmıyor: beyan zorunlu değildi, kişinin "
                    "isteğiyle düzenlendi."
                )
        else:
            grounds = (
                f"Getirilmesi serbest nakit beyan edildi: toplam {tl(declared_try)} "
                f"({cite(ruleset, 'declaration')}).",
            )
        outcome = Outcome(
            OutcomeCode.DECLARED,
            ZERO,
            (),
            False,
            False,
            False,
            1,
            ruleset.declaration_copies,
            tuple(warnings),
            grounds,
        )
        return Evaluation(
            ruleset.id,
            ruleset.parameters(on_date),
            _valuation(valuer, declared_try=declared_try, **exit_values),
            outcome,
        )
    return Evaluation(
        ruleset.id,
        ruleset.parameters(on_date),
        _valuation(valuer, declared_try=declared_try),
        outcome,
    )


def _evaluate_ek2(
    record: ExplanationInput,
    ruleset: RuleSet,
    valuer: _Valuer,
    on_date: datetime.date,
    referenced: ReferencedDeclaration | None,
) -> Evaluation:
    warnings = _rate_warnings(valuer)
    grounds: list[str] = []
    tolerance = ruleset.tolerance_for(on_date)
    if not tolerance.defined_for_year:
        warnings.append(
            f"{on_date.year} yılı için müsaade edilen fark tanımlı değil; en son tanımlanan "
            f"{tolerance.year} yılı tutarı ({tl(tolerance.amount_try)}) kullanıldı. Güncel "
            "tutar kural setine eklenmeli (öneri: Ayarlar → Kural setleri)."
        )
    detected_try = valuer.total(record.detected)
    declared_try = None if record.declared is None else valuer.total(record.declared)
    # §G2d: the undeclared amount is what was found beyond what was stated; stating more than
    # was found is not an undeclared amount. No explanation at all: everything found.
    undeclared = detected_try if declared_try is None else max(ZERO, detected_try - declared_try)
    values: dict[str, Any] = {
        "declared_try": declared_try,
        "detected_try": detected_try,
        "undeclared_try": undeclared,
        "tolerance_try": tolerance.amount_try,
        "tolerance_year": tolerance.year,
    }

    prohibited = (
        record.direction is Direction.ENTRY
        and record.source_category.value in ruleset.prohibited_sources_on_entry
    )
    beyond = False
    fine = ZERO
    custody: tuple[MoneyLine, ...] = ()
    exit_exceeded = False
    if prohibited:
        code = OutcomeCode.PROHIBITED_SOURCE
        custody = record.detected
        grounds.append(
            "Nakdin kaynağı yurt dışından alınan kredi veya kişisel sermaye olarak "
            "beyan edildi: nakde el konulur ve Cumhuriyet Savcılığına bildirilir "
            f"({cite(ruleset, 'prohibited_source_explanation')})."
        )
    else:
        beyond = ruleset.exceeds(undeclared, tolerance.amount_try)
        if record.declared is None:
            code = OutcomeCode.NO_DECLARATION
            grounds.append("Açıklama istenmesine karşın hiçbir açıklama yapılmadı (22.b).")
        elif beyond:
            code = OutcomeCode.MISDECLARED
            grounds.append(
                f"Açıklanmayan tutar {tl(undeclared)}, müsaade edilen farkı "
                f"({tl(tolerance.amount_try)}) aşıyor (22.c)."
            )
        else:
            code = OutcomeCode.CORRECT
            grounds.append("Açıklama doğru; fark müsaade edilen sınırın içinde (22.a).")
        if beyond:
            fine = money.round_try(money.mul(undeclared, ruleset.fine_rate))
            custody = record.detected
            grounds.append(
                f"İdari para cezası: açıklanmayan {tl(undeclared)} × %"
                f"{money.format_amount(ruleset.fine_rate * 100).removesuffix('.00')} = {tl(fine)}"
                f"; bulunan nakit muhafaza altına alınır, Cumhuriyet Savcılığına bildirilir, "
                f"MASAK'a nüsha gönderilir ({ruleset.fine_source})."
            )
        elif record.declared is None:
            grounds.append(
                f"Bulunan tutar ({tl(undeclared)}) müsaade edilen farkı "
                f"({tl(tolerance.amount_try)}) aşmadığından ceza ve el koyma yok."
            )

    proposed: tuple[MoneyLine, ...] = ()
    declaration_due = False
    if record.direction is Direction.EXIT and ruleset.exit_mode == "declaration_thresholds":
        exit_grounds, exit_values, declaration_due = _exit_thresholds(
            record.detected, ruleset, valuer, on_date
        )
        grounds.extend(exit_grounds)
        values.update(exit_values)
        if declaration_due and ruleset.exit_undeclared:
            grounds.append(f"{ruleset.exit_undeclared}.")
    elif record.direction is Direction.EXIT:
        exit_exceeded, limit_custody, exit_values = _exit_limits(
            record, ruleset, valuer, referenced, warnings, grounds, on_date
        )
        values.update(exit_values)
        if not beyond:
            custody = limit_custody
    proposed = custody
    if record.custody_override is not None:
        custody = _apply_override(record, proposed)

    referral = prohibited or beyond or exit_exceeded
    outcome = Outcome(
        code=code,
        fine_try=fine,
        custody=custody,
        exit_limit_exceeded=exit_exceeded,
        prosecutor_referral=referral,
        masak_copy=beyond,
        officer_signatures_required=1 if code is OutcomeCode.CORRECT else 2,
        copies=ruleset.explanation_copies,
        warnings=tuple(warnings),
        grounds=tuple(grounds),
        proposed_custody=proposed,
        declaration_due=declaration_due,
    )
    return Evaluation(
        ruleset.id, ruleset.parameters(on_date), _valuation(valuer, **values), outcome
    )


_KIND_TR = {"lira": "Türk parası", "foreign": "Yabancı para"}


def _exit_thresholds(
    lines: Sequence[MoneyLine], ruleset: RuleSet, valuer: _Valuer, on_date: datetime.date
) -> tuple[list[str], dict[str, Any], bool]:
    """Exit rules as declaration thresholds: Turkish lira and foreign currency, each against
    its threshold of ``on_date``; payment instruments are not counted. Returns the grounds,
    the valuation values and whether cash above a threshold leaves."""
    lira_lines = [x for x in lines if x.is_cash and x.currency == TRY]
    foreign_lines = [x for x in lines if x.is_cash and x.currency != TRY]
    carried = {"lira": valuer.total(lira_lines), "foreign": valuer.total(foreign_lines)}
    values: dict[str, Any] = {
        "exit_lira_try": carried["lira"],
        "exit_foreign_try": carried["foreign"],
    }
    grounds: list[str] = []
    within: list[str] = []
    over = False
    for kind in ("lira", "foreign"):
        step = ruleset.threshold_for(kind, on_date)
        if step is None:
            continue
        line_try = _limit_try(valuer, step.amount, step.currency)
        values[f"exit_threshold_{kind}_try"] = line_try
        shown = f"{money.format_in(step.amount, step.currency)} {step.currency}"
        if step.currency != TRY:
            shown += f" = {tl(line_try)}"
        else:
            shown = tl(step.amount)
        if ruleset.exceeds(carried[kind], line_try):
            over = True
            grounds.append(
                f"{_KIND_TR[kind]} {tl(carried[kind])}, çıkışta beyan eşiğini ({shown}) "
                f"aşıyor: Nakit Beyan Formu ile beyan edilmeli "
                f"({cite(ruleset, 'exit_declaration')})."
            )
        else:
            within.append(f"{_KIND_TR[kind].lower()} {tl(carried[kind])} / eşik {shown}")
    if within and not over:
        grounds.append(f"Çıkışta beyan eşikleri aşılmadı ({'; '.join(within)}).")
    return grounds, values, over


def _exit_limits(
    record: ExplanationInput,
    ruleset: RuleSet,
    valuer: _Valuer,
    referenced: ReferencedDeclaration | None,
    warnings: list[str],
    grounds: list[str],
    on_date: datetime.date,
) -> tuple[bool, tuple[MoneyLine, ...], dict[str, Any]]:
    """§C1: lira and foreign currency leaving, each against its limit; instruments are free."""
    lira_lines = [x for x in record.detected if x.is_cash and x.currency == TRY]
    foreign_lines = [x for x in record.detected if x.is_cash and x.currency != TRY]
    lira_try = valuer.total(lira_lines)
    foreign_try = valuer.total(foreign_lines)
    assert ruleset.lira_exit_limit is not None and ruleset.foreign_exit_limit is not None
    lira_limit = _limit_try(
        valuer, ruleset.lira_exit_limit.amount, ruleset.lira_exit_limit.currency
    )
    foreign_limit = _limit_try(
        valuer, ruleset.foreign_exit_limit.amount, ruleset.foreign_exit_limit.currency
    )
    available = _exception_available(record, ruleset, referenced, warnings, on_date)
    coverable = _coverable(foreign_lines, available or ())
    covered = valuer.total(coverable) if coverable else ZERO
    allowed_foreign = foreign_limit + covered
    lira_over = ruleset.exceeds(lira_try, lira_limit)
    foreign_over = ruleset.exceeds(foreign_try, allowed_foreign)
    custody: list[MoneyLine] = []
    if foreign_over:
        # What the document covers may leave: the excess is taken from the uncovered cash
        # first, in the order it was entered, and from covered cash only after that.
        excess = ruleset.excess(foreign_try, allowed_foreign)
        taken = _take_in_order(_uncovered_first(foreign_lines, coverable), excess, valuer)
        foreign_custody = _per_currency(taken)
    exit_cover = None
    if available is not None and record.exit_exception is not None:
        # Only the part above the limit is drawn from the document (§C1a: "5.000 ABD
        # Doları üzerindeki dövizi"); over the limit, all it covers of what leaves.
        need = foreign_try - foreign_limit
        drawn: Sequence[MoneyLine]
        if foreign_over:
            kept = {x.currency: x.amount for x in foreign_custody}
            carried = {x.currency: x.amount for x in _per_currency(foreign_lines)}
            drawn = tuple(
                MoneyLine(
                    x.currency, min(x.amount, carried[x.currency] - kept.get(x.currency, ZERO))
                )
                for x in coverable
                if carried[x.currency] - kept.get(x.currency, ZERO) > 0
            )
        elif need > 0:
            drawn = _take_in_order(coverable, need, valuer)
        else:
            drawn = ()
        remaining = _minus(available, drawn)
        exc = record.exit_exception
        exit_cover = ExitCover(
            kind=exc.kind.value,
            reference=exc.reference,
            available=tuple(available),
            drawn=tuple(drawn),
            remaining=tuple(remaining),
        )
        grounds.append(
            f"İstisna ({_EXCEPTION_TR[exc.kind]} {exc.reference}): kapsadığı "
            f"{_lines_tr(available) or 'hiçbir döviz'}; bu çıkışta kullanılan "
            f"{_lines_tr(drawn) or 'yok'}; kalan {_lines_tr(remaining) or 'yok'}."
        )

    if lira_over:
        excess = ruleset.excess(lira_try, lira_limit)
        custody.extend(_take_in_order(lira_lines, excess, valuer))
        grounds.append(
            f"Türk parası {tl(lira_try)}, çıkış sınırını ({tl(lira_limit)}) aşıyor; "
            f"aşan {tl(excess)} bankacılık sistemi dışında çıkarılamaz, el konulur "
            f"ve Cumhuriyet Savcılığına bildirilir ({ruleset.lira_exit_limit.source}; "
            f"{cite(ruleset, 'exit_lira')})."
        )
    if foreign_over:
        excess = ruleset.excess(foreign_try, allowed_foreign)
        order = [x.currency for x in foreign_lines]
        custody.extend(sorted(foreign_custody, key=lambda x: order.index(x.currency)))
        grounds.append(
            f"Yabancı para {tl(foreign_try)}, çıkış sınırını "
            f"({tl(allowed_foreign)}) aşıyor; aşan {tl(excess)} için geçerli bir "
            "istisna yok, el konulur ve Cumhuriyet Savcılığına bildirilir "
            f"({ruleset.foreign_exit_limit.source}; {cite(ruleset, 'exit_foreign')})."
        )
    if not lira_over and not foreign_over:
        grounds.append(
            f"Çıkış sınırları aşılmadı (Türk parası {tl(lira_try)} / sınır "
            f"{tl(lira_limit)}; yabancı para {tl(foreign_try)} / sınır "
            f"{tl(allowed_foreign)})."
        )
    return (
        lira_over or foreign_over,
        tuple(custody),
        {
            "exit_limit_try": foreign_limit,
            "exit_limit_lira_try": lira_limit,
            "exit_lira_try": lira_try,
            "exit_foreign_try": foreign_try,
            "exit_covered_try": covered,
            "exit_cover": exit_cover,
        },
    )


def _limit_try(valuer: _Valuer, amount: Decimal, currency: str) -> Decimal:
    return money.round_try(valuer.line_try(MoneyLine(currency, amount)))


def _exception_available(
    record: ExplanationInput,
    ruleset: RuleSet,
    referenced: ReferencedDeclaration | None,
    warnings: list[str],
    on_date: datetime.date,
) -> tuple[MoneyLine, ...] | None:
    """What the exit exception still covers, per foreign currency; None without a valid one.

    §C1a: a person resident abroad (or a Turkish citizen working abroad) may take out foreign
    currency above the limit "beyan etmiş olmak koşuluyla": the entry declaration covers, per
    currency it declared, what it declared less what earlier exits citing it took out (a
    cancelled exit gives its share back), and no currency it did not declare. A resident's
    bank document of a purchase for invisible transactions (§C2) covers the lines it proves.
    """
    exc = record.exit_exception
    if exc is None:
        return None
    residence = record.residence.value if record.residence else ""
    allowed_for = ruleset.exit_exceptions.get(exc.kind.value, frozenset())
    if residence not in allowed_for:
        warnings.append(
            f"Bu istisna ({_EXCEPTION_TR[exc.kind]}) kişinin yerleşiklik durumuna "
            f"uygulanmaz; hiçbir tutarı kapsamaz ({cite(ruleset, 'exit_exception_residence')})."
        )
        return None
    if exc.kind is ExceptionKind.BANK_DOCUMENT:
        proved = _per_currency(exc.cash)
        left = _minus(proved, referenced.drawn if referenced is not None else ())
        if proved and not left:
            warnings.append(
                f"{exc.reference} banka belgesinin gösterdiği döviz daha önceki çıkışlarda "
                "kullanıldı; istisna bir tutar kapsamıyor."
            )
        return left
    if referenced is None or referenced.status is ReferenceStatus.UNKNOWN:
        warnings.append(
            f"{exc.reference} numaralı Nakit Beyan Formu kayıtta bulunamadı; istisna uygulanmadı."
        )
        return None
    if referenced.status is ReferenceStatus.CANCELLED:
        warnings.append(
            f"{exc.reference} numaralı Nakit Beyan Formu iptal edilmiş; istisna uygulanmadı."
        )
        return None
    if referenced.status is ReferenceStatus.EXIT:
        warnings.append(
            f"{exc.reference} numaralı Nakit Beyan Formu çıkışta düzenlenmiş; girişte yapılmış "
            "bir beyan değil, istisna uygulanmadı."
        )
        return None
    if referenced.status is ReferenceStatus.SEIZED:
        warnings.append(
            f"{exc.reference} numaralı formdaki nakde el konulmuştu (beyan edilemeyen kaynak); "
            "istisna uygulanmadı."
        )
        return None
    if referenced.date is not None and referenced.date > on_date:
        warnings.append(
            f"{exc.reference} numaralı Nakit Beyan Formu bu çıkıştan sonraki bir tarihli; "
            "istisna uygulanmadı."
        )
        return None
    if referenced.id_number != record.person.id_number:
        warnings.append(
            f"{exc.reference} numaralı Nakit Beyan Formu başka bir kişiye ait; istisna uygulanmadı."
        )
        return None
    declared = _per_currency(x for x in referenced.cash if x.is_cash and x.currency != TRY)
    left = _minus(declared, referenced.drawn)
    if declared and not left:
        warnings.append(
            f"{exc.reference} numaralı Nakit Beyan Formunun kapsadığı döviz daha önceki "
            "çıkışlarda kullanıldı; istisna bir tutar kapsamıyor."
        )
    return left


def _per_currency(lines: Iterable[MoneyLine]) -> tuple[MoneyLine, ...]:
    """Cash lines summed per currency, in the order each currency first appears."""
    sums: dict[str, Decimal] = {}
    for line in lines:
        if line.is_cash:
            sums[line.currency] = money.total([sums.get(line.currency, ZERO), line.amount])
    return tuple(MoneyLine(code, amount) for code, amount in sums.items() if amount > 0)


def _minus(lines: Sequence[MoneyLine], taken: Iterable[MoneyLine]) -> tuple[MoneyLine, ...]:
    """``lines`` less ``taken``, per currency; what is used up disappears."""
    used = {x.currency: x.amount for x in _per_currency(taken)}
    return tuple(
        MoneyLine(x.currency, x.amount - used.get(x.currency, ZERO))
        for x in lines
        if x.amount - used.get(x.currency, ZERO) > 0
    )


def _coverable(
    foreign_lines: Sequence[MoneyLine], available: Sequence[MoneyLine]
) -> tuple[MoneyLine, ...]:
    """Of the foreign cash carried, what the document can cover: per currency, the lesser of
    what is carried and what the document still covers."""
    left = {x.currency: x.amount for x in available}
    carried = _per_currency(foreign_lines)
    return tuple(
        MoneyLine(x.currency, min(x.amount, left[x.currency]))
        for x in carried
        if left.get(x.currency, ZERO) > 0
    )


def _uncovered_first(
    foreign_lines: Sequence[MoneyLine], coverable: Sequence[MoneyLine]
) -> list[MoneyLine]:
    """The cash carried split into what no document covers (each line's part above its
    currency's cover, in the order entered), then the covered parts."""
    cover = {x.currency: x.amount for x in coverable}
    uncovered, covered = [], []
    for line in foreign_lines:
        part = min(line.amount, cover.get(line.currency, ZERO))
        if line.amount - part > 0:
            uncovered.append(line.with_amount(line.amount - part))
        if part > 0:
            covered.append(line.with_amount(part))
    return uncovered + covered


def _lines_tr(lines: Iterable[MoneyLine]) -> str:
    return ", ".join(f"{money.format_in(x.amount, x.currency)} {x.currency}" for x in lines)


_EXCEPTION_TR = {kind: EXCEPTION_WORDS[kind.value] for kind in ExceptionKind}


def _take_in_order(
    lines: Sequence[MoneyLine], excess_try: Decimal, valuer: _Valuer
) -> list[MoneyLine]:
    """Custody proposal: the excess taken from the lines in the order they were entered.

    Each share is rounded up to the currency's smallest unit so that custody covers the excess.
    """
    taken: list[MoneyLine] = []
    remaining = excess_try
    for line in lines:
        if remaining <= 0:
            break
        line_try = valuer.line_try(line)
        if line_try <= remaining:
            taken.append(line.with_amount(line.amount))
            remaining -= line_try
            continue
        per_unit = (
            Decimal(1)
            if line.currency == TRY
            else valuer.line_try(MoneyLine(line.currency, Decimal(1)))
        )
        share = money.round_up_to_minor(
            money.div(remaining, per_unit), iso.currency_minor_units(line.currency)
        )
        taken.append(line.with_amount(min(share, line.amount)))
        remaining = ZERO
    return taken


def _apply_override(
    record: ExplanationInput, proposed: Sequence[MoneyLine]
) -> tuple[MoneyLine, ...]:
    """The officer may widen the proposed custody, never narrow it, and never beyond what was
    found (SPEC §5)."""
    override = record.custody_override or ()
    problems: list[Problem] = []
    if not proposed:
        problems.append(
            Problem(
                "custody_override",
                "Bu sonuçta el koyma için yasal dayanak yok; el konulacak nakit yazılamaz.",
            )
        )
    found = {x.key: x for x in record.detected}
    given = {x.key: x for x in override}
    for i, line in enumerate(override):
        have = found.get(line.key)
        if have is None:
            problems.append(
                Problem(f"custody_override[{i}]", "Bulunan nakit (16) içinde böyle bir satır yok.")
            )
        elif line.amount > have.amount:
            problems.append(
                Problem(
                    f"custody_override[{i}].amount",
                    f"Bulunan tutardan ({money.format_in(have.amount, have.currency)} "
                    f"{have.currency}) fazla olamaz.",
                )
            )
    for line in proposed:
        got = given.get(line.key)
        if got is None or got.amount < line.amount:
            problems.append(
                Problem(
                    "custody_override",
                    (
                        "Önerilen el koyma daraltılamaz: en az "
                        f"{money.format_in(line.amount, line.currency)} "
                        f"{line.currency} el konulmalı."
                    ),
                )
            )
    if problems:
        raise EvaluationError(problems)
    return tuple(override)


def signature_problems(
    record: RecordInput, evaluation: Evaluation, drafting_officer: str
) -> list[Problem]:
    """§G2c: an explanation that is not correct is signed by at least two different officers."""
    if not isinstance(record, ExplanationInput):
        return []
    problems: list[Problem] = []
    witness = (evaluation.parameters.get("legal_grounds") or {}).get("witness")
    if evaluation.outcome.officer_signatures_required >= 2 and not record.witness_officer:
        problems.append(
            Problem(
                "witness_officer",
                (
                    "Açıklama doğru değil: tutanağı ikinci bir memur (şahit) da imzalamalı; şahit "
                    "memurun sicili zorunlu" + (f" ({witness})." if witness else ".")
                ),
            )
        )
    if record.witness_officer and record.witness_officer == drafting_officer:
        problems.append(
            Problem("witness_officer", "Şahit memur, tanzim eden memurdan farklı biri olmalı.")
        )
    return problems
