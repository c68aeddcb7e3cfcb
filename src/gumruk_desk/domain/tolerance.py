"""The yearly müsaade edilen fark the circular's own rule gives (Genelge 2013/1 G 2/d: 2,500 TL,
"her yıl yeniden değerleme oranında artırılır"), computed for a year a rule set leaves
undefined. It is only ever a proposal: a supervisor accepts it into the rule set, or the
last defined amount is used with a warning.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from gumruk_desk.domain import money
from gumruk_desk.domain.rules import RuleSet, RuleSetError


@dataclass(frozen=True)
class RevaluationRate:
    fixed_in: int  # the year the rate was fixed; it raises amounts for the next year
    percent: Decimal
    source: str


@dataclass(frozen=True)
class Step:
    year: int
    rate: RevaluationRate
    amount_try: Decimal  # the tolerance of ``year`` = previous × (1 + rate)


@dataclass(frozen=True)
class Proposal:
    rule_set: str
    year: int
    base_year: int
    base_try: Decimal
    base_source: str
    steps: tuple[Step, ...]
    rounding: str

    @property
    def amount_try(self) -> Decimal:
        return self.steps[-1].amount_try if self.steps else self.base_try

    def lines_tr(self) -> list[str]:
        """The computation year by year, in Turkish."""
        out = [f"{self.base_year}: {money.format_tr(self.base_try)} TL ({self.base_source})"]
        for step in self.steps:
            out.append(
                f"{step.year}: × (1 + %{money.format_tr(step.rate.percent)}, "
                f"{step.rate.fixed_in} yılında belirlenen oran; {step.rate.source}) = "
                f"{money.format_tr(step.amount_try)} TL"
            )
        return out

    def source_tr(self) -> str:
        first, last = self.steps[0].rate.fixed_in, self.steps[-1].rate.fixed_in
        return (
            f"Önerilen değer: {self.base_year} yılı {money.format_tr(self.base_try)} TL, "
            f"{first}–{last} yeniden değerleme oranlarıyla artırıldı (Genelge 2013/1 G 2/d "
            f"kuralı; {self.rounding})"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "rule_set": self.rule_set,
            "year": self.year,
            "amount_try": money.format_amount(self.amount_try),
            "base_year": self.base_year,
            "base_try": money.format_amount(self.base_try),
            "steps": [
                {
                    "year": s.year,
                    "rate_fixed_in": s.rate.fixed_in,
                    "percent": str(s.rate.percent),
                    "source": s.rate.source,
                    "amount_try": money.format_amount(s.amount_try),
                }
                for s in self.steps
            ],
            "rounding": self.rounding,
            "computation": self.lines_tr(),
        }


@dataclass(frozen=True)
class RevaluationTable:
    rates: Mapping[int, RevaluationRate]
    rounding: str


def parse_revaluation_rates(text: str) -> RevaluationTable:
    doc = json.loads(text)
    rates = {}
    for item in doc["rates"]:
        rate = RevaluationRate(int(item["fixed_in"]), Decimal(item["percent"]), item["source"])
        rates[rate.fixed_in] = rate
    return RevaluationTable(rates, str(doc.get("rounding", "")))


def propose(ruleset: RuleSet, year: int, table: RevaluationTable) -> Proposal:
    """The tolerance of ``year`` raised from the rule set's latest defined year before it.

    Raises :class:`RuleSetError` (Turkish) when the year is already defined, there is no
    earlier year to start from, or a year's rate is missing from the table.
    """
    if any(t.year == year for t in ruleset.tolerances):
        raise RuleSetError(
            f"'{ruleset.id}' kural setinde {year} yılı için müsaade edilen fark zaten tanımlı."
        )
    earlier = [t for t in ruleset.tolerances if t.year < year]
    if not earlier:
        raise RuleSetError(
            f"'{ruleset.id}' kural setinde {year} yılından önce tanımlı bir tutar yok; "
            "öneri hesaplanamaz."
        )
    base = max(earlier, key=lambda t: t.year)
    amount = base.amount_try
    steps = []
    for target in range(base.year + 1, year + 1):
        rate = table.rates.get(target - 1)
        if rate is None:
            raise RuleSetError(
                f"{target - 1} yılında belirlenen yeniden değerleme oranı tabloda yok; "
                f"{year} için öneri hesaplanamaz."
            )
        amount = (amount * (1 + rate.percent / 100)).quantize(money.KURUS, ROUND_HALF_UP)
        steps.append(Step(target, rate, amount))
    return Proposal(
        ruleset.id, year, base.year, base.amount_try, base.source, tuple(steps), table.rounding
    )
