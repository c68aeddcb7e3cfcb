"""Property-based tests (hypothesis) of money and of the rule evaluation."""

from __future__ import annotations

import hashlib
import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from factories import TODAY, cash, ek2, instrument, rates
from gumruk_desk.domain.evaluation import (
    ReferencedDeclaration,
    ReferenceStatus,
    evaluate,
)
from gumruk_desk.domain.money import MoneyLine
from gumruk_desk.domain.records import ExplanationInput
from gumruk_desk.domain.rules import select_ruleset
from gumruk_desk.domain.validation import validate_record
from gumruk_desk.resources import shipped_rulesets

RULESET = select_ruleset(shipped_rulesets(), TODAY)
TOLERANCE = Decimal("2500.00")

kurus = st.integers(min_value=0, max_value=10**12).map(lambda n: Decimal(n) / 100)
positive_kurus = st.integers(min_value=1, max_value=10**12).map(lambda n: Decimal(n) / 100)


def amount_text(value: Decimal) -> str:
    return f"{value:.2f}"


@settings(max_examples=300)
@given(declared=kurus, detected=positive_kurus)
def test_fine_is_ten_percent_of_undeclared_above_tolerance(
    declared: Decimal, detected: Decimal
) -> None:
    data = ek2(
        declared=[cash("TRY", amount_text(declared))] if declared else [],
        detected=[cash("TRY", amount_text(detected))],
    )
    record = validate_record(data, TODAY).record
    outcome = evaluate(record, RULESET, rates(), TODAY).outcome
    undeclared = max(Decimal(0), detected - declared)
    if undeclared > TOLERANCE:
        expected = (undeclared * Decimal("0.10")).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert outcome.fine_try == expected
        assert outcome.code.value == "misdeclared"
    else:
        assert outcome.fine_try == 0
        assert outcome.code.value == "correct"


CURRENCIES = ["TRY", "USD", "EUR", "GBP", "JPY", "RUB"]


@st.composite
def money_lines(draw: Any, max_size: int = 4) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []
    keys: set[tuple[str, str]] = set()
    for _ in range(draw(st.integers(0, max_size))):
        currency = draw(st.sampled_from(CURRENCIES))
        kind = draw(st.sampled_from(["", "", "cek", "bono", "seyahat_ceki"]))
        if (kind, currency) in keys:
            continue
        keys.add((kind, currency))
        units = draw(st.integers(1, 10**9))
        amount = f"{units}" if currency == "JPY" else f"{Decimal(units) / 100:.2f}"
        lines.append(instrument(kind, currency, amount) if kind else cash(currency, amount))
    return lines


@st.composite
def explanation_inputs(draw: Any) -> dict[str, Any]:
    direction = draw(st.sampled_from(["entry", "exit"]))
    data = ek2(
        direction=direction,
        source_category=draw(
            st.sampled_from(
                [
                    "export",
                    "other_free",
                    "transit_trade",
                    "foreign_capital",
                    "loan_from_abroad",
                    "personal_capital",
                ]
            )
        ),
        declared=draw(st.none() | money_lines()),
        detected=draw(money_lines()),
    )
    if direction == "exit":
        data["residence"] = draw(
            st.sampled_from(["resident", "non_resident", "citizen_working_abroad"])
        )
        data["exit_exception"] = draw(
            st.sampled_from(
                [
                    None,
                    {
                        "kind": "bank_document",
                        "reference": "BNK-1",
                        "cash": [{"currency": "USD", "amount": "10000.00"}],
                    },
                    {"kind": "entry_declaration", "reference": "GM01-M1-B-2026-000001"},
                ]
            )
        )
    return data


@settings(max_examples=300)
@given(
    data=explanation_inputs(),
    status=st.sampled_from(list(ReferenceStatus)),
    declared_eur=st.integers(1, 10**7),
)
def test_evaluation_never_raises_on_valid_input(
    data: dict[str, Any], status: ReferenceStatus, declared_eur: int
) -> None:
    record = validate_record(data, TODAY).record
    assert isinstance(record, ExplanationInput)
    ref = ReferencedDeclaration(
        "GM01-M1-B-2026-000001", status, "C01X00T47", (MoneyLine("EUR", Decimal(declared_eur)),)
    )
    table = rates()
    result = evaluate(record, RULESET, table, TODAY, ref)
    outcome, v = result.outcome, result.valuation
    # Invariants a court would check. Custody never exceeds what was found, per line.
    found = {line.key: line.amount for line in record.detected}
    for line in outcome.custody:
        assert line.amount <= found[line.key]
    assert outcome.fine_try >= 0
    assert outcome.officer_signatures_required == (1 if outcome.code.value == "correct" else 2)
    # A referral always has its ground: custody taken, or a prohibited source.
    assert outcome.prosecutor_referral == (
        bool(outcome.custody) or outcome.code.value == "prohibited_source"
    )
    assert outcome.masak_copy == (outcome.fine_try > 0)  # only the Law 5549 sanction
    if record.direction.value == "exit" and not outcome.masak_copy:

        def tl(line: MoneyLine) -> Decimal:
            if line.currency == "TRY":
                return line.amount
            rate = table.get(line.currency)
            assert rate is not None, line.currency
            return line.amount * rate.try_per_unit

        # An exit is always valued against its limits.
        assert v.exit_lira_try is not None and v.exit_limit_lira_try is not None
        assert v.exit_foreign_try is not None and v.exit_limit_try is not None
        assert v.exit_covered_try is not None

        lira_custody = sum((tl(x) for x in outcome.custody if x.currency == "TRY"), Decimal(0))
        foreign_custody = sum((tl(x) for x in outcome.custody if x.currency != "TRY"), Decimal(0))
        lira_excess = v.exit_lira_try - v.exit_limit_lira_try
        foreign_excess = v.exit_foreign_try - v.exit_limit_try - v.exit_covered_try
        # The proposal covers each excess (to the kuruş) and takes nothing where none is.
        if lira_excess > 0:
            assert lira_custody >= lira_excess - Decimal("0.01")
        else:
            assert lira_custody == 0
        if foreign_excess > 0:
            assert foreign_custody >= foreign_excess - Decimal("0.01")
        else:
            assert foreign_custody == 0
        assert outcome.exit_limit_exceeded == (lira_excess > 0 or foreign_excess > 0)
        # An exception never covers more than it holds, nor a currency it does not hold.
        cover = v.exit_cover
        if cover is not None:
            held = {x.currency: x.amount for x in cover.available}
            for x in cover.drawn:
                assert x.amount <= held[x.currency]
    assert json.loads(json.dumps(result.to_json()))  # always serialisable


@given(lines=money_lines(max_size=6))
def test_money_survives_a_json_round_trip(lines: list[dict[str, Any]]) -> None:
    first = validate_record(ek2(detected=lines), TODAY)
    text = json.dumps(first.data)
    second = validate_record(json.loads(text), TODAY)
    assert isinstance(first.record, ExplanationInput)
    assert isinstance(second.record, ExplanationInput)
    assert second.record.detected == first.record.detected
    assert second.data == first.data
    for line in second.record.detected:
        assert isinstance(line.amount, Decimal)


@given(amount=st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_turkish_amounts_read_back_to_the_same_value(amount: Decimal) -> None:
    from gumruk_desk.domain.money import format_turkish
    from gumruk_desk.ui.widgets.amounts import parse_turkish_amount

    text = format_turkish(amount)
    assert "," in text and text.count(",") == 1
    assert parse_turkish_amount(text) == amount


# -- the canonical JSON that is hashed ---------------------------------------------------------
def _reference_canonical(value: Any) -> str:
    """The definition (chain.canonical): what every stored hash was computed over."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# Any text, including lone surrogates, controls, non-BMP letters and the JSON metacharacters.
_any_text = st.text(st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF))
_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | _any_text
    | st.sampled_from(["İ", "ı", "ş", "ğ", "é", "\u2028", "\x7f", "\x00", '"\\/', "😀"]),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            _any_text | st.sampled_from(["Z", "a", "é", "𝔸", "ı"]), children, max_size=6
        )
    ),
    max_leaves=40,
)


@settings(max_examples=1000)
@given(value=_json_values)
def test_canonical_json_is_the_standard_librarys_to_the_character(value: Any) -> None:
    # chain.canonical takes orjson's fast path for most values and json's for the rest; either
    # way every hash of every register ever written must come out the same.
    from gumruk_desk.register.chain import canonical

    assert canonical(value) == _reference_canonical(value)


@settings(max_examples=500)
@given(value=_json_values, prefix=st.sampled_from(["", "0" * 64, "ab12"]))
def test_the_hash_of_canonical_json_is_that_of_the_standard_librarys_text(
    value: Any, prefix: str
) -> None:
    from gumruk_desk.register.chain import canonical_sha256

    try:
        expected = hashlib.sha256((prefix + _reference_canonical(value)).encode("utf-8"))
    except UnicodeEncodeError:  # a lone surrogate: no hash, either way
        with pytest.raises(UnicodeEncodeError):
            canonical_sha256(value, prefix)
        return
    assert canonical_sha256(value, prefix) == expected.hexdigest()


@settings(max_examples=300)
@given(raw=st.binary(min_size=16, max_size=16))
def test_a_new_uuid_is_what_the_standard_library_writes_for_the_same_random_bytes(
    raw: bytes,
) -> None:
    import os
    import uuid
    from unittest import mock

    from gumruk_desk.register import chain

    with mock.patch.object(os, "urandom", return_value=raw):
        made, expected = chain.new_uuid(), str(uuid.uuid4())
    assert made == expected
    assert uuid.UUID(made).version == 4 and uuid.UUID(made).variant == uuid.RFC_4122


def test_canonical_json_of_registered_records_is_the_standard_librarys(tmp_path: Any) -> None:
    from gumruk_desk.register.chain import canonical
    from gumruk_desk.services import Desk
    from register_fixtures import (
        OFFICER,
        OFFICER_PW,
        WITNESS,
        WITNESS_PW,
        record_of,
        setup_register,
    )

    setup_register(tmp_path)
    with Desk(tmp_path) as desk:
        officer = desk.authenticate(OFFICER, OFFICER_PW)
        witness = desk.authenticate(WITNESS, WITNESS_PW)
        content = desk.register(
            ek2(declared=[cash("EUR", "100.00")], detected=[cash("EUR", "9000.00")]),
            officer=officer,
            witness=witness,
        ).to_json()
        stored = record_of(desk, content["number"])
    assert content["outcome"]["code"] == "misdeclared"  # fines, custody: the richest content
    assert canonical(content) == _reference_canonical(content)
    assert canonical(stored) == _reference_canonical(stored)
