"""Rule sets: the legal parameters of a circular, as data with effective dates and sources.

A rule set is loaded from a JSON document (``resources/rulesets/*.json``, or one received from
the central system, or installed by a supervisor). Nothing legal is a literal in code: the exit
limits, the explanation tolerance per year, the fine rate, whether "exceeds" is strict, which
directions allow a Nakit Beyan Formu, which sources of cash are prohibited on entry, which exit
exception applies to which residence status, how many copies each document has, and the legal
grounds each document cites.

Two formats load. Format 1 holds the regime of Genelge 2013/1: exit *limits with exceptions*.
Format 2 adds what the later regimes need: exit rules as *declaration thresholds* (dated steps
per kind of cash), entry rules (voluntary declaration, source check), the legal grounds printed
on the documents, a ``status`` (``in_force`` or ``draft``: a draft applies only once a
supervisor or the centre confirms it), ``supersedes`` (which rule set stopped applying when),
and per parameter ``confirmed`` with its ``source``.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from gumruk_desk.domain import jsontext, money
from gumruk_desk.domain.problems import RuleSetError as RuleSetError

FORMAT_VERSION = 2
FORMATS = (1, 2)
STATUSES = ("in_force", "draft")
EXIT_MODES = ("limits_with_exceptions", "declaration_thresholds")
ENTRY_DECLARATION = ("voluntary", "required")
#: The citations a rule set gives the evaluation and the documents (``legal_grounds``):
#: every text the record's grounds and the printed pages quote as law comes from these.
GROUND_KEYS = (
    "short",  # the rule set as the documents name it, e.g. "Genelge 2013/1"
    "declaration",  # a Nakit Beyan Formu: what allows it
    "no_declaration_direction",  # a direction with no Nakit Beyan Formu
    "prohibited_source",  # a source that makes cash undeclarable, on a declaration
    "prohibited_source_explanation",  # the same, stated in an explanation
    "prohibited_source_document",  # the same, on the seizure report that replaces the form
    "fine",  # the article the fine is given under
    "exit_lira",  # Turkish lira over the exit limit
    "exit_foreign",  # foreign currency over the exit limit
    "exit_exception_residence",  # an exception the residence does not allow
    "exit_declaration",  # cash above an exit threshold must be declared
    "witness",  # two officers sign a wrong explanation
    "seizure_law",  # the law a seizure report is made under (its header)
    "seizure_statement",  # the closing paragraph of a seizure report
    "custody",  # what custody rests on, on the receipt and the report
)

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
    confirmed: bool = True


@dataclass(frozen=True)
class Threshold:
    """An exit declaration threshold from a date on: cash of one kind above ``amount`` (in
    ``currency``) is declared on a Nakit Beyan Formu."""

    since: datetime.date
    amount: Decimal
    currency: str
    source: str
    confirmed: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.since.isoformat(),
            "amount": money.format_amount(self.amount),
            "currency": self.currency,
            "source": self.source,
            "confirmed": self.confirmed,
        }


@dataclass(frozen=True)
class Supersession:
    """Rule set ``id`` stopped applying on ``since`` (replaced by ``by``)."""

    id: str
    since: datetime.date
    by: str
    source: str
    confirmed: bool


@dataclass(frozen=True)
class Parameter:
    """Where one parameter of a rule set comes from and whether that source was confirmed."""

    name: str
    source: str
    confirmed: bool
    detail: str = ""  # the value, where the name alone does not say it

    @property
    def label(self) -> str:
        """The parameter in Turkish, for the supervisor who confirms it."""
        for pattern, text in _PARAMETER_LABELS:
            found = re.fullmatch(pattern, self.name)
            if found:
                label = text.format(*found.groups())
                return f"{label}: {self.detail}" if self.detail else label
        return self.name


_PARAMETER_LABELS = (
    (r"declaration_directions", "Nakit Beyan Formunun düzenlendiği yönler"),
    (r"entry", "giriş kuralları (gönüllü beyan, kaynak denetimi, yasak kaynaklar)"),
    (r"exit\.thresholds\.lira\[\d+\]", "çıkışta Türk parası beyan eşiği"),
    (r"exit\.thresholds\.foreign\[\d+\]", "çıkışta döviz beyan eşiği"),
    (r"exit\.undeclared", "eşiği aşan ve beyan edilmeyen nakdin yaptırımı"),
    (r"exit[._]limits\.lira", "çıkış sınırı (Türk parası)"),
    (r"exit[._]limits\.foreign", "çıkış sınırı (döviz)"),
    (r"exit\.exceptions", "çıkış istisnaları"),
    (r"explanation\.fine_rate", "idari para cezası oranı"),
    (r"explanation\.tolerance\[(\d+)\]", "müsaade edilen fark ({0})"),
    (r"copies", "nüsha sayıları"),
    (r"legal_grounds", "belgelerde anılan hukuki dayanaklar"),
    (r"supersedes\[(\d+)\]", "önceki kural setinin yürürlükten kalktığı tarih"),
)


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
    lira_exit_limit: Limit | None  # None under declaration thresholds
    foreign_exit_limit: Limit | None
    exit_exceptions: Mapping[str, frozenset[str]]
    fine_rate: Decimal
    fine_source: str
    exceeds_strict: bool
    tolerances: tuple[ToleranceStep, ...]
    declaration_copies: int
    explanation_copies: int
    document: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    format: int = 1
    status: str = "in_force"
    exit_mode: str = "limits_with_exceptions"
    #: Declaration thresholds on exit, per kind of cash ("lira", "foreign"), oldest first.
    exit_thresholds: Mapping[str, tuple[Threshold, ...]] = field(default_factory=dict)
    #: What follows when cash above a threshold leaves undeclared (quoted in the grounds).
    exit_undeclared: str = ""
    entry_declaration: str = "voluntary"
    entry_source_check: bool = True
    grounds: Mapping[str, str] = field(default_factory=dict)
    supersedes: tuple[Supersession, ...] = ()
    provenance: tuple[Parameter, ...] = ()
    digest: str = ""

    @property
    def short_name(self) -> str:
        return self.grounds.get("short") or self.id

    @property
    def unconfirmed(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.provenance if not p.confirmed)

    def in_force_on(self, day: datetime.date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )

    def threshold_for(self, kind: str, day: datetime.date) -> Threshold | None:
        """The exit declaration threshold for ``kind`` ("lira" / "foreign") on ``day``."""
        steps = [t for t in self.exit_thresholds.get(kind, ()) if t.since <= day]
        return max(steps, key=lambda t: t.since) if steps else None

    def with_tolerances(self, extra: Iterable[ToleranceStep]) -> RuleSet:
        """This rule set with yearly tolerances a supervisor accepted added (never replacing
        a year the file itself defines)."""
        have = {t.year for t in self.tolerances}
        added = tuple(t for t in extra if t.year not in have)
        if not added:
            return self
        return replace(
            self, tolerances=tuple(sorted(self.tolerances + added, key=lambda t: t.year))
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
        """The parameter values a computation on ``day`` uses, for the record's audit trail.
        The legal grounds travel with the record, so its documents cite the law it was made
        under whatever rule sets the desk holds when it is reprinted."""
        tol = self.tolerance_for(day)
        out: dict[str, Any] = {
            "rule_set": self.id,
            "rule_set_title": self.title,
            "rule_set_status": self.status,
            "tolerance_year": tol.year,
            "tolerance_try": money.format_amount(tol.amount_try),
            "tolerance_source": tol.source,
            "fine_rate": str(self.fine_rate),
            "exceeds_strict": self.exceeds_strict,
            "lira_exit_limit": self.lira_exit_limit.to_json() if self.lira_exit_limit else None,
            "foreign_exit_limit": (
                self.foreign_exit_limit.to_json() if self.foreign_exit_limit else None
            ),
            "exit_mode": self.exit_mode,
            "entry_declaration": self.entry_declaration,
            "entry_source_check": self.entry_source_check,
            "legal_grounds": dict(self.grounds),
        }
        if self.exit_mode == "declaration_thresholds":
            for kind in ("lira", "foreign"):
                step = self.threshold_for(kind, day)
                out[f"{kind}_exit_threshold"] = None if step is None else step.to_json()
        return out


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


_COMMON_KEYS = {
    "format",
    "id",
    "title",
    "legal_source",
    "effective_from",
    "effective_to",
    "notes",
    "declaration_directions",
    "explanation",
    "copies",
    "legal_grounds",
}
_TOP_KEYS = {
    1: _COMMON_KEYS | {"prohibited_sources_on_entry", "exit_limits", "exit_exceptions"},
    2: _COMMON_KEYS | {"status", "supersedes", "entry", "exit"},
}


def _keys(doc: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(doc) - allowed)
    if unknown:
        raise RuleSetError(
            f"Kural seti geçersiz: '{where or 'kök'}' içinde tanınmayan anahtar(lar): "
            f"{', '.join(unknown)}."
        )


def _confirmation(doc: Mapping[str, Any], where: str, *, format_: int) -> tuple[str, bool]:
    """A format-2 parameter's ``source`` and ``confirmed``; format 1 knows only confirmed law."""
    if format_ == 1:
        return str(doc.get("source", "")), True
    return _req(doc, "source", str, where), _req(doc, "confirmed", bool, where)


def _tolerances(expl: Mapping[str, Any], format_: int) -> list[ToleranceStep]:
    steps: list[ToleranceStep] = []
    for i, step in enumerate(_req(expl, "tolerance", list, "explanation.")):
        where = f"explanation.tolerance[{i}]."
        if not isinstance(step, dict):
            raise RuleSetError(f"Kural seti geçersiz: '{where[:-1]}' bir nesne olmalı.")
        _keys(step, {"year", "amount_try", "source", "confirmed"}, where[:-1])
        year = _req(step, "year", int, where)
        source, confirmed = _confirmation(step, where, format_=format_)
        if format_ == 1:
            source = _req(step, "source", str, where)
        amount = _amount(_req(step, "amount_try", str, where), where + "amount_try")
        steps.append(ToleranceStep(year, amount, source, confirmed))
    if not steps:
        raise RuleSetError("Kural seti geçersiz: 'explanation.tolerance' en az bir yıl içermeli.")
    if len({s.year for s in steps}) != len(steps):
        raise RuleSetError(
            "Kural seti geçersiz: 'explanation.tolerance' içinde aynı yıl iki kez var."
        )
    return sorted(steps, key=lambda s: s.year)


def _grounds(doc: Any, format_: int, provenance: list[Parameter]) -> dict[str, str]:
    if doc is None:
        if format_ == 2:
            raise RuleSetError("Kural seti geçersiz: 'legal_grounds' eksik.")
        return {}  # filled from the file's own sources (see parse_ruleset)
    if not isinstance(doc, dict):
        raise RuleSetError("Kural seti geçersiz: 'legal_grounds' bir nesne olmalı.")
    _keys(doc, {"texts", "source", "confirmed"}, "legal_grounds")
    texts = _req(doc, "texts", dict, "legal_grounds.")
    _keys(texts, set(GROUND_KEYS), "legal_grounds.texts")
    missing = [k for k in GROUND_KEYS if k not in texts]
    if missing:
        raise RuleSetError(
            f"Kural seti geçersiz: 'legal_grounds.texts' içinde eksik: {', '.join(missing)}."
        )
    for key, text in texts.items():
        if not isinstance(text, str):
            raise RuleSetError(f"Kural seti geçersiz: 'legal_grounds.texts.{key}' metin olmalı.")
    source, confirmed = (
        (_req(doc, "source", str, "legal_grounds."), _req(doc, "confirmed", bool, "legal_grounds."))
        if format_ == 2 or "confirmed" in doc
        else (str(doc.get("source", "")), True)
    )
    provenance.append(Parameter("legal_grounds", source, confirmed))
    return dict(texts)


def _threshold_steps(doc: Any, where: str) -> tuple[Threshold, ...]:
    if not isinstance(doc, list) or not doc:
        raise RuleSetError(f"Kural seti geçersiz: '{where}' en az bir adımlık bir liste olmalı.")
    steps = []
    for i, step in enumerate(doc):
        at = f"{where}[{i}]."
        if not isinstance(step, dict):
            raise RuleSetError(f"Kural seti geçersiz: '{at[:-1]}' bir nesne olmalı.")
        _keys(step, {"from", "amount", "currency", "source", "confirmed"}, at[:-1])
        limit = _limit(step, at)
        steps.append(
            Threshold(
                _date(_req(step, "from", str, at), at + "from"),
                limit.amount,
                limit.currency,
                limit.source,
                _req(step, "confirmed", bool, at),
            )
        )
    if len({s.since for s in steps}) != len(steps):
        raise RuleSetError(f"Kural seti geçersiz: '{where}' içinde aynı tarih iki kez var.")
    return tuple(sorted(steps, key=lambda s: s.since))


def canonical_digest(doc: Any) -> str:
    """The SHA-256 of a rule-set document's canonical JSON: the same rule set has the same
    digest however its file is indented or its lines end (a confirmation names it)."""
    text = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_ruleset(doc: Any) -> RuleSet:
    """Build a :class:`RuleSet` from its JSON document; unknown keys and bad values are errors."""
    if not isinstance(doc, dict):
        raise RuleSetError("Kural seti geçersiz: bir JSON nesnesi olmalı.")
    format_ = _req(doc, "format", int, "")
    if format_ not in FORMATS:
        raise RuleSetError(
            f"Kural seti biçim sürümü desteklenmiyor ({format_}; desteklenen: 1, 2)."
        )
    _keys(doc, _TOP_KEYS[format_], "")
    rid = _req(doc, "id", str, "").strip()
    if not rid:
        raise RuleSetError("Kural seti geçersiz: 'id' boş olamaz.")
    eff_from = _date(_req(doc, "effective_from", str, ""), "effective_from")
    eff_to_raw = doc.get("effective_to")
    eff_to = None if eff_to_raw is None else _date(eff_to_raw, "effective_to")
    if eff_to is not None and eff_to < eff_from:
        raise RuleSetError("Kural seti geçersiz: 'effective_to', 'effective_from' tarihinden önce.")
    provenance: list[Parameter] = []

    # Directions with a Nakit Beyan Formu, entry rules, exit rules.
    thresholds: dict[str, tuple[Threshold, ...]] = {}
    undeclared = ""
    entry_declaration, source_check = "voluntary", True
    if format_ == 1:
        directions = _str_set(
            _req(doc, "declaration_directions", list, ""), DIRECTIONS, "declaration_directions"
        )
        prohibited = _str_set(
            _req(doc, "prohibited_sources_on_entry", list, ""),
            SOURCE_CATEGORIES,
            "prohibited_sources_on_entry",
        )
        mode = "limits_with_exceptions"
        limits_doc: Mapping[str, Any] | None = _req(doc, "exit_limits", dict, "")
        exc_doc: Mapping[str, Any] | None = _req(doc, "exit_exceptions", dict, "")
        exc_where = "exit_exceptions."
        limits_where = "exit_limits."
    else:
        status = _req(doc, "status", str, "")
        if status not in STATUSES:
            raise RuleSetError("Kural seti geçersiz: 'status' in_force ya da draft olmalı.")
        dd = _req(doc, "declaration_directions", dict, "")
        _keys(dd, {"values", "source", "confirmed"}, "declaration_directions")
        directions = _str_set(
            _req(dd, "values", list, "declaration_directions."),
            DIRECTIONS,
            "declaration_directions.values",
        )
        provenance.append(
            Parameter(
                "declaration_directions", *_confirmation(dd, "declaration_directions.", format_=2)
            )
        )
        entry = _req(doc, "entry", dict, "")
        _keys(
            entry,
            {"declaration", "source_check", "prohibited_sources", "source", "confirmed"},
            "entry",
        )
        entry_declaration = _req(entry, "declaration", str, "entry.")
        if entry_declaration not in ENTRY_DECLARATION:
            raise RuleSetError(
                "Kural seti geçersiz: 'entry.declaration' voluntary ya da required olmalı."
            )
        if entry_declaration == "required":
            # No known regime has made declaring on entry compulsory, and without a threshold
            # for it the desk could not apply one: refused rather than silently voluntary.
            raise RuleSetError(
                "Kural seti geçersiz: girişte zorunlu beyan ('entry.declaration': required) "
                "bu sürümde uygulanamaz."
            )
        source_check = _req(entry, "source_check", bool, "entry.")
        prohibited = _str_set(
            _req(entry, "prohibited_sources", list, "entry."),
            SOURCE_CATEGORIES,
            "entry.prohibited_sources",
        )
        provenance.append(Parameter("entry", *_confirmation(entry, "entry.", format_=2)))
        exit_doc = _req(doc, "exit", dict, "")
        mode = _req(exit_doc, "mode", str, "exit.")
        if mode not in EXIT_MODES:
            raise RuleSetError(
                "Kural seti geçersiz: 'exit.mode' limits_with_exceptions ya da "
                "declaration_thresholds olmalı."
            )
        limits_doc = exc_doc = None
        exc_where, limits_where = "exit.exceptions.", "exit.limits."
        if mode == "limits_with_exceptions":
            _keys(exit_doc, {"mode", "limits", "exceptions"}, "exit")
            limits_doc = _req(exit_doc, "limits", dict, "exit.")
            exc_doc = _req(exit_doc, "exceptions", dict, "exit.")
        else:
            _keys(exit_doc, {"mode", "thresholds", "undeclared"}, "exit")
            th = _req(exit_doc, "thresholds", dict, "exit.")
            _keys(th, {"lira", "foreign"}, "exit.thresholds")
            for kind in ("lira", "foreign"):
                thresholds[kind] = _threshold_steps(
                    _req(th, kind, list, "exit.thresholds."), f"exit.thresholds.{kind}"
                )
                if thresholds[kind][0].since > eff_from:
                    # Every day the rule set is in force must have its threshold.
                    raise RuleSetError(
                        f"Kural seti geçersiz: 'exit.thresholds.{kind}' ilk adımı "
                        "'effective_from' tarihinden sonra başlıyor."
                    )
                for i, step in enumerate(thresholds[kind]):
                    provenance.append(
                        Parameter(
                            f"exit.thresholds.{kind}[{i}]",
                            step.source,
                            step.confirmed,
                            f"{money.format_tr(step.amount)} {step.currency}, "
                            f"{step.since:%d.%m.%Y} tarihinden",
                        )
                    )
            und = _req(exit_doc, "undeclared", dict, "exit.")
            _keys(und, {"text", "source", "confirmed"}, "exit.undeclared")
            undeclared = _req(und, "text", str, "exit.undeclared.")
            provenance.append(
                Parameter("exit.undeclared", *_confirmation(und, "exit.undeclared.", format_=2))
            )
    if format_ == 1:
        status = "in_force"

    lira = foreign = None
    exceptions: dict[str, frozenset[str]] = {}
    if limits_doc is not None and exc_doc is not None:
        if format_ == 2:
            _keys(limits_doc, {"lira", "foreign"}, limits_where[:-1])
            _keys(
                exc_doc,
                {"entry_declaration", "bank_document", "source", "confirmed"},
                exc_where[:-1],
            )
            for kind in ("lira", "foreign"):
                limit_doc = _req(limits_doc, kind, dict, limits_where)
                _keys(limit_doc, {"amount", "currency", "source", "confirmed"}, limits_where + kind)
        lira = _limit(_req(limits_doc, "lira", dict, limits_where), limits_where + "lira.")
        foreign = _limit(_req(limits_doc, "foreign", dict, limits_where), limits_where + "foreign.")
        for kind, limit_doc in (("lira", limits_doc["lira"]), ("foreign", limits_doc["foreign"])):
            provenance.append(
                Parameter(
                    f"{limits_where}{kind}",
                    *_confirmation(limit_doc, f"{limits_where}{kind}.", format_=format_),
                )
            )
        for kind in ("entry_declaration", "bank_document"):
            exceptions[kind] = _str_set(
                _req(exc_doc, kind, list, exc_where), RESIDENCES, f"{exc_where}{kind}"
            )
        if format_ == 2:
            provenance.append(
                Parameter(exc_where[:-1], *_confirmation(exc_doc, exc_where, format_=2))
            )

    expl = _req(doc, "explanation", dict, "")
    if format_ == 2:
        _keys(
            expl,
            {"fine_rate", "fine_source", "exceeds_strict", "tolerance", "confirmed"},
            "explanation",
        )
    fine_rate = _amount(_req(expl, "fine_rate", str, "explanation."), "explanation.fine_rate")
    if not Decimal(0) < fine_rate <= Decimal(1):
        raise RuleSetError("Kural seti geçersiz: 'explanation.fine_rate' 0 ile 1 arasında olmalı.")
    fine_source = _req(expl, "fine_source", str, "explanation.")
    provenance.append(
        Parameter(
            "explanation.fine_rate",
            fine_source,
            True if format_ == 1 else _req(expl, "confirmed", bool, "explanation."),
        )
    )
    steps = _tolerances(expl, format_)
    provenance.extend(
        Parameter(f"explanation.tolerance[{t.year}]", t.source, t.confirmed) for t in steps
    )

    copies = _req(doc, "copies", dict, "")
    if format_ == 2:
        _keys(copies, {"nakit_beyan", "nakit_aciklama", "source", "confirmed"}, "copies")
        provenance.append(Parameter("copies", *_confirmation(copies, "copies.", format_=2)))
    for key in ("nakit_beyan", "nakit_aciklama"):
        if _req(copies, key, int, "copies.") < 1:
            raise RuleSetError(f"Kural seti geçersiz: 'copies.{key}' en az 1 olmalı.")
    grounds = _grounds(doc.get("legal_grounds"), format_, provenance)
    if not grounds:
        # A format-1 file that names no grounds cites what it does name: its fine source for
        # the fine, itself for the rest; the documents then print their generic wording.
        own = f"{_req(doc, 'title', str, '')} ({rid})"
        grounds = {key: own for key in GROUND_KEYS}
        grounds.update(short=rid, fine=fine_source, seizure_statement="")

    supersedes: list[Supersession] = []
    for i, item in enumerate(doc.get("supersedes") or []):
        at = f"supersedes[{i}]."
        if not isinstance(item, dict):
            raise RuleSetError(f"Kural seti geçersiz: '{at[:-1]}' bir nesne olmalı.")
        _keys(item, {"id", "from", "by", "source", "confirmed"}, at[:-1])
        supersedes.append(
            Supersession(
                _req(item, "id", str, at),
                _date(_req(item, "from", str, at), at + "from"),
                _req(item, "by", str, at),
                _req(item, "source", str, at),
                _req(item, "confirmed", bool, at),
            )
        )
        provenance.append(Parameter(at[:-1], supersedes[-1].source, supersedes[-1].confirmed))
    if mode == "declaration_thresholds" and "exit" not in directions:
        raise RuleSetError(
            "Kural seti geçersiz: çıkışta beyan eşiği olan kural setinde "
            "'declaration_directions' 'exit' içermeli."
        )

    return RuleSet(
        id=rid,
        title=_req(doc, "title", str, ""),
        legal_source=_req(doc, "legal_source", str, ""),
        effective_from=eff_from,
        effective_to=eff_to,
        declaration_directions=directions,
        prohibited_sources_on_entry=prohibited,
        lira_exit_limit=lira,
        foreign_exit_limit=foreign,
        exit_exceptions=exceptions,
        fine_rate=fine_rate,
        fine_source=fine_source,
        exceeds_strict=_req(expl, "exceeds_strict", bool, "explanation."),
        tolerances=tuple(steps),
        declaration_copies=_req(copies, "nakit_beyan", int, "copies."),
        explanation_copies=_req(copies, "nakit_aciklama", int, "copies."),
        document=doc,
        format=format_,
        status=status,
        exit_mode=mode,
        exit_thresholds=thresholds,
        exit_undeclared=undeclared,
        entry_declaration=entry_declaration,
        entry_source_check=source_check,
        grounds=grounds,
        supersedes=tuple(supersedes),
        provenance=tuple(provenance),
        digest=canonical_digest(doc),
    )


def parse_ruleset_text(text: str) -> RuleSet:
    try:
        doc = jsontext.loads(text)
    except jsontext.RepeatedKey as exc:
        raise RuleSetError(f"Kural seti geçersiz: {exc}") from None
    except json.JSONDecodeError as exc:
        raise RuleSetError(f"Kural seti JSON olarak okunamadı (satır {exc.lineno}).") from None
    return parse_ruleset(doc)


def applies(ruleset: RuleSet, confirmed: Iterable[str] = ()) -> bool:
    """In force as a file, or a draft confirmed (its digest in ``confirmed``)."""
    return ruleset.status == "in_force" or (bool(ruleset.digest) and ruleset.digest in confirmed)


def select_ruleset(
    rulesets: Iterable[RuleSet], day: datetime.date, confirmed: Iterable[str] = ()
) -> RuleSet:
    """The rule set in force on ``day``: of those that apply (drafts only once confirmed,
    ``confirmed`` holding their digests) and are in force that day, the one that took effect
    last."""
    confirmed = frozenset(confirmed)
    candidates = [r for r in rulesets if applies(r, confirmed) and r.in_force_on(day)]
    if not candidates:
        raise RuleSetError(f"{day:%d.%m.%Y} tarihinde yürürlükte bir kural seti yok.")
    return max(candidates, key=lambda r: (r.effective_from, r.id))


def superseded(
    ruleset: RuleSet, rulesets: Iterable[RuleSet], day: datetime.date
) -> list[tuple[Supersession, RuleSet]]:
    """What the other rule sets known here say about ``ruleset`` no longer applying on
    ``day``: each supersession with the rule set that states it."""
    return [
        (s, other)
        for other in rulesets
        if other.id != ruleset.id
        for s in other.supersedes
        if s.id == ruleset.id and s.since <= day
    ]


def supersession_notices(
    ruleset: RuleSet,
    rulesets: Iterable[RuleSet],
    day: datetime.date,
    confirmed: Iterable[str] = (),
    *,
    short: bool = False,
    record: bool = False,
) -> list[str]:
    """Turkish warnings that ``ruleset`` no longer applied on ``day``, naming the rule set
    that says so and how it is confirmed when it is still a draft (``short``: for the status
    bar; ``record``: one sentence for a record's warnings, printed in its footer)."""
    confirmed = frozenset(confirmed)
    notices = []
    for s, other in superseded(ruleset, rulesets, day):
        if short:
            state = "onaylı" if applies(other, confirmed) else "onay bekliyor"
            notices.append(f"yürürlükte değil ({s.since:%d.%m.%Y}); {other.id} {state}")
            continue
        if record:
            state = "onaylı" if applies(other, confirmed) else "taslak, amir onayı bekliyor"
            notices.append(
                f"Kural seti {ruleset.id}, {s.since:%d.%m.%Y} tarihinden beri yürürlükte değil "
                f"(yerine {s.by}); kural seti {other.id} '{other.title}' {state}."
            )
            continue
        text = (
            f"Kural seti {ruleset.id} ({ruleset.short_name}) {s.since:%d.%m.%Y} tarihinden beri "
            f"yürürlükte değil: yerine {s.by} geldi (kaynak: {s.source}"
            f"{'' if s.confirmed else '; teyit edilmedi'})."
        )
        if applies(other, confirmed):
            text += f" Kural seti {other.id} '{other.title}' onaylı."
        else:
            text += (
                f" Taslak kural seti {other.id} '{other.title}' mevcut; amir parolasıyla "
                f"etkinleştirilir (gumruk-desk rules activate {other.id}) ya da merkezden "
                "yürürlükte olarak gelir."
            )
        notices.append(text)
    return notices
