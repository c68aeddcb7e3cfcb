"""Rule sets are data: a second rule set loads from a file and changes outcomes, no code change.

tests/data/ruleset-test-2025.json is a *test* rule set shaped like the changes public secondary
sources report (foreign currency 10,000 EUR, lira 185,000 TL, declarations allowed on exit).
It is not shipped: those figures are unconfirmed from the official texts (SPEC §2).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from factories import cash, ek1, ek2, rates
from gumruk_desk.domain.evaluation import EvaluationError, evaluate
from gumruk_desk.domain.rules import RuleSet, RuleSetError, parse_ruleset, select_ruleset
from gumruk_desk.domain.validation import validate_record
from gumruk_desk.resources import load_ruleset_file, shipped_rulesets

SECOND = Path(__file__).parent / "data" / "ruleset-test-2025.json"
BEFORE = datetime.date(2024, 6, 3)
AFTER = datetime.date(2026, 11, 23)


def all_rulesets() -> list[RuleSet]:
    return [*shipped_rulesets(), load_ruleset_file(SECOND)]


def outcome(data: dict[str, Any], day: datetime.date) -> tuple[str, dict[str, Any]]:
    ruleset = select_ruleset(all_rulesets(), day)
    record = validate_record(data, day).record
    return ruleset.id, evaluate(record, ruleset, rates(day, same_day_bulletin=True), day).to_json()


def test_shipped_2013_1_is_exactly_the_circular() -> None:
    r = next(r for r in shipped_rulesets() if r.id == "2013/1")
    assert r.status == "in_force" and r.exit_mode == "limits_with_exceptions"
    assert r.lira_exit_limit is not None and r.foreign_exit_limit is not None
    assert (r.lira_exit_limit.amount, r.lira_exit_limit.currency) == (Decimal(5000), "USD")
    assert (r.foreign_exit_limit.amount, r.foreign_exit_limit.currency) == (Decimal(5000), "USD")
    assert [(t.year, t.amount_try) for t in r.tolerances] == [(2013, Decimal(2500))]
    assert str(r.fine_rate) == "0.10"
    assert r.exceeds_strict is True
    assert r.declaration_directions == {"entry"}
    assert r.prohibited_sources_on_entry == {"loan_from_abroad", "personal_capital"}
    assert (r.declaration_copies, r.explanation_copies) == (3, 4)


def test_selection_by_date() -> None:
    assert select_ruleset(all_rulesets(), BEFORE).id == "2013/1"
    assert select_ruleset(all_rulesets(), AFTER).id == "TEST-2025"
    with pytest.raises(RuleSetError, match="yürürlükte"):
        select_ruleset(all_rulesets(), datetime.date(2012, 1, 1))


def test_foreign_limit_in_another_currency_changes_the_outcome() -> None:
    data = ek2(
        direction="exit", declared=[cash("USD", "6000.00")], detected=[cash("USD", "6000.00")]
    )
    old_id, old = outcome(data, BEFORE)
    new_id, new = outcome(data, AFTER)
    assert (old_id, old["outcome"]["exit_limit_exceeded"]) == ("2013/1", True)
    # 10,000 EUR × 35 = 350,000 TL: 6,000 USD (180,000 TL) is now within the limit
    assert (new_id, new["outcome"]["exit_limit_exceeded"]) == ("TEST-2025", False)
    assert new["valuation"]["exit_limit_try"] == "350000.00"


def test_lira_limit_in_lira() -> None:
    data = ek2(
        direction="exit", declared=[cash("TRY", "170000.00")], detected=[cash("TRY", "170000.00")]
    )
    assert outcome(data, BEFORE)[1]["outcome"]["exit_limit_exceeded"] is True
    _, new = outcome(data, AFTER)
    assert new["outcome"]["exit_limit_exceeded"] is False
    assert new["valuation"]["exit_limit_lira_try"] == "185000.00"


def test_declaration_on_exit_allowed_by_data() -> None:
    with pytest.raises(EvaluationError) as caught:
        outcome(ek1(direction="exit", country_to="DE"), BEFORE)
    assert [p.path for p in caught.value.problems] == ["direction"]
    # Where a declaration on exit is allowed it names the country of destination.
    with pytest.raises(EvaluationError) as caught:
        outcome(ek1(direction="exit"), AFTER)
    assert [p.path for p in caught.value.problems] == ["country_to"]
    _, new = outcome(ek1(direction="exit", country_to="DE"), AFTER)
    assert new["outcome"]["code"] == "declared"


def test_new_tolerance_table() -> None:
    data = ek2(declared=None, detected=[cash("TRY", "2000.00")])
    _, new = outcome(data, AFTER)
    assert new["valuation"]["tolerance_try"] == "1500.00"
    assert new["outcome"]["fine_try"] == "200.00"


@pytest.mark.parametrize(
    "mutate, fragment",
    [
        (lambda d: d.pop("exit_limits"), "exit_limits"),
        (lambda d: d.update(format=99), "sürüm"),
        (lambda d: d.update(extra=1), "tanınmayan"),
        (lambda d: d["explanation"].update(fine_rate="1.5"), "fine_rate"),
        (lambda d: d["explanation"].update(fine_rate=0.1), "fine_rate"),
        (lambda d: d["explanation"].update(tolerance=[]), "tolerance"),
        (lambda d: d["exit_limits"]["lira"].update(currency="usd"), "currency"),
        (lambda d: d.update(effective_from="2025-13-01"), "effective_from"),
        (lambda d: d.update(declaration_directions=["sideways"]), "declaration_directions"),
    ],
)
def test_bad_rule_set_documents_are_refused(
    mutate: Callable[[dict[str, Any]], object], fragment: str
) -> None:
    doc = json.loads(SECOND.read_text(encoding="utf-8"))
    mutate(doc)
    with pytest.raises(RuleSetError) as err:
        parse_ruleset(doc)
    assert fragment in str(err.value)
