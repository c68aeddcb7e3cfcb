"""Validation of whole input records (SPEC §9): every problem, with its path, in Turkish."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from factories import TODAY, cash, ek1, ek2, instrument
from gumruk_desk.domain.problems import InvalidRecord
from gumruk_desk.domain.records import ExplanationInput
from gumruk_desk.domain.validation import validate_record


def problems(data: Any) -> dict[str, str]:
    with pytest.raises(InvalidRecord) as err:
        validate_record(data, TODAY)
    return {p.path: p.message for p in err.value.problems}


def with_person(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    base["person"].update(changes)
    return base


INVALID = [
    ("not-an-object", [1, 2], ""),
    ("unknown-kind", ek2(kind="nakit"), "kind"),
    ("unknown-top-level-key", ek2(colour="red"), "colour"),
    ("unknown-person-key", with_person(ek2(), shoe_size="42"), "person.shoe_size"),
    ("ek2-person-key-in-ek1", with_person(ek1(), mother_name="Anna"), "person.mother_name"),
    ("missing-required", {k: v for k, v in ek2().items() if k != "detected"}, "detected"),
    (
        "missing-person-field",
        ek1(person={k: v for k, v in ek1()["person"].items() if k != "father_name"}),
        "person.father_name",
    ),
    ("float-amount", ek2(detected=[{"currency": "EUR", "amount": 1000.5}]), "detected[0].amount"),
    ("int-amount", ek2(detected=[{"currency": "EUR", "amount": 1000}]), "detected[0].amount"),
    ("negative-amount", ek2(detected=[cash("EUR", "-5.00")]), "detected[0].amount"),
    ("exponent-amount", ek2(detected=[cash("EUR", "1e5")]), "detected[0].amount"),
    ("comma-amount", ek2(detected=[cash("EUR", "1000,50")]), "detected[0].amount"),
    ("over-precise-eur", ek2(detected=[cash("EUR", "10.001")]), "detected[0].amount"),
    ("over-precise-jpy", ek2(detected=[cash("JPY", "100.5")]), "detected[0].amount"),
    ("zero-amount", ek2(detected=[cash("EUR", "0.00")]), "detected[0].amount"),
    ("unknown-currency", ek2(detected=[cash("ABC", "1.00")]), "detected[0].currency"),
    ("non-cash-currency", ek2(detected=[cash("XAU", "1.00")]), "detected[0].currency"),
    (
        "unknown-instrument",
        ek2(detected=[instrument("bitcoin", "USD", "1.00")]),
        "detected[0].instrument",
    ),
    (
        "duplicate-currency-line",
        ek2(detected=[cash("EUR", "1.00"), cash("EUR", "2.00")]),
        "detected[1]",
    ),
    ("unknown-country", with_person(ek2(), nationality="XX"), "person.nationality"),
    ("specimen-country-uto", with_person(ek2(), nationality="UTO"), "person.nationality"),
    ("future-birth-date", with_person(ek2(), birth_date="2027-01-01"), "person.birth_date"),
    ("turkish-date-format", with_person(ek2(), birth_date="31.01.1980"), "person.birth_date"),
    ("implausibly-old", with_person(ek2(), birth_date="1850-01-01"), "person.birth_date"),
    ("bad-tckn", with_person(ek2(), id_kind="tckn", id_number="10000000147"), "person.id_number"),
    ("bad-passport", with_person(ek2(), id_number="C01-X00*T47"), "person.id_number"),
    ("digits-in-name", with_person(ek2(), first_name="H4ns"), "person.first_name"),
    ("id-not-seen", ek2(id_document_seen=False), "id_document_seen"),
    (
        "bad-vkn",
        ek1(
            beneficiary={
                "name": "X A.Ş.",
                "legal_entity": True,
                "nationality": None,
                "id_kind": "vkn",
                "id_number": "4540536921",
            }
        ),
        "beneficiary.id_number",
    ),
    (
        "legal-entity-with-passport",
        ek1(
            beneficiary={
                "name": "X A.Ş.",
                "legal_entity": True,
                "nationality": None,
                "id_kind": "passport",
                "id_number": "U1234567",
            }
        ),
        "beneficiary.id_kind",
    ),
    (
        "natural-person-without-nationality",
        ek1(
            beneficiary={
                "name": "Ayşe Yılmaz",
                "legal_entity": False,
                "nationality": None,
                "id_kind": "tckn",
                "id_number": "10000000146",
            }
        ),
        "beneficiary.nationality",
    ),
    ("ek1-without-cash", ek1(cash=[]), "cash"),
    ("other-reason-without-text", ek1(arrival_reason={"code": "other"}), "arrival_reason.text"),
    ("entry-with-country-to", ek2(country_to="FR"), "country_to"),
    ("entry-without-country-from", ek2(country_from=None), "country_from"),
    ("exit-without-residence", ek2(direction="exit", residence=None), "residence"),
    ("entry-with-residence", ek2(residence="resident"), "residence"),
    (
        "denominations-do-not-add-up",
        ek2(
            detected=[
                cash(
                    "EUR",
                    "1000.00",
                    denominations=[
                        {"value": "500.00", "count": 1},
                        {"value": "100.00", "count": 4},
                    ],
                )
            ]
        ),
        "detected[0].denominations",
    ),
    (
        "denominations-on-instrument",
        ek2(
            detected=[
                {
                    **instrument("cek", "TRY", "10.00"),
                    "denominations": [{"value": "10.00", "count": 1}],
                }
            ]
        ),
        "detected[0].denominations",
    ),
    (
        "denominations-in-declared",
        ek2(declared=[cash("EUR", "1000.00", denominations=[{"value": "500.00", "count": 2}])]),
        "declared[0].denominations",
    ),
    (
        "paper-filled-in-future",
        ek2(
            paper={
                "number": "GM01-M1-KA-2026-000001",
                "ledger_page": 1,
                "ledger_line": 1,
                "filled_at": "2026-12-01T10:00",
            }
        ),
        "paper.filled_at",
    ),
    (
        "paper-bad-page",
        ek2(
            paper={
                "number": "GM01-M1-KA-2026-000001",
                "ledger_page": 0,
                "ledger_line": 1,
                "filled_at": "2026-11-01T10:00",
            }
        ),
        "paper.ledger_page",
    ),
    ("bad-witness-sicil", ek2(witness_officer="12 34"), "witness_officer"),
    (
        "signature-refused-without-reason",
        ek2(signature_refused={"reason": ""}),
        "signature_refused.reason",
    ),
    (
        "bad-exit-exception-kind",
        ek2(direction="exit", exit_exception={"kind": "promise", "reference": "X1"}),
        "exit_exception.kind",
    ),
]


@pytest.mark.parametrize(
    "data, path", [(d, p) for _, d, p in INVALID], ids=[i for i, _, _ in INVALID]
)
def test_invalid_input_names_the_field(data: Any, path: str) -> None:
    found = problems(data)
    assert path in found, found
    message = found[path]
    # Turkish for the officer: the messages carry Turkish letters or words, never Python text.
    assert "Error" not in message and "Traceback" not in message
    assert any(c in message for c in "çğıöşüÇĞİÖŞÜ") or any(
        w in message for w in ("olmalı", "olamaz", "yok", "eksik", "alan")
    ), message


@pytest.mark.parametrize("amount", ["-5.00", "0.00", "0"])
def test_a_negative_or_zero_amount_must_be_greater_than_zero(amount: str) -> None:
    found = problems(ek2(detected=[cash("EUR", amount)]))
    assert found["detected[0].amount"] == "Tutar sıfırdan büyük olmalı."


def test_every_problem_is_reported_at_once() -> None:
    data = ek2(detected=[cash("EUR", "1.001")], colour="red")
    data["person"].update(birth_date="2099-01-01", nationality="XX")
    assert set(problems(data)) >= {
        "detected[0].amount",
        "colour",
        "person.birth_date",
        "person.nationality",
    }


def test_valid_record_is_canonicalised() -> None:
    data = ek2(
        detected=[cash("eur", "1000"), cash("JPY", "5000.00")], declared=[cash("EUR", "1000.0")]
    )
    data["person"].update(id_number="c01x 00t47", nationality="de", first_name="  Hans  ")
    result = validate_record(data, TODAY)
    # Each amount in its currency's own minor units: yen have none.
    assert result.data["detected"] == [cash("EUR", "1000.00"), cash("JPY", "5000")]
    assert result.data["declared"] == [cash("EUR", "1000.00")]
    assert result.data["person"]["id_number"] == "C01X00T47"
    assert result.data["person"]["nationality"] == "DE"
    assert result.data["person"]["first_name"] == "Hans"


def test_spec_example_is_valid() -> None:
    """The example input of SPEC §9, verbatim."""
    example: dict[str, Any] = {
        "kind": "nakit_aciklama",
        "direction": "entry",
        "person": {
            "first_name": "Hans",
            "last_name": "Müller",
            "id_kind": "passport",
            "id_number": "C01X00T47",
            "birth_place": "Köln",
            "birth_date": "1980-01-31",
            "nationality": "DE",
            "mother_name": "Anna",
            "father_name": "Peter",
            "occupation": "Tüccar",
            "address": "...",
            "phone": "...",
            "destination_address": "...",
            "destination_phone": "...",
        },
        "id_document_seen": True,
        "source_category": "export",
        "selection_basis": "risk_analysis",
        "country_from": "DE",
        "country_to": None,
        "declared": [{"currency": "EUR", "amount": "10000.00"}],
        "detected": [
            {"currency": "EUR", "amount": "16000.00"},
            {"instrument": "cek", "currency": "TRY", "amount": "5000.00"},
        ],
        "sender": None,
        "purpose": "...",
        "source": "...",
        "witness_officer": "12346",
    }
    # "..." is not a telephone number; the example's placeholders are fine elsewhere.
    example["person"]["phone"] = example["person"]["destination_phone"] = None
    result = validate_record(example, TODAY)
    assert isinstance(result.record, ExplanationInput) and result.record.declared is not None
    assert result.data["detected"][1] == {
        "instrument": "cek",
        "currency": "TRY",
        "amount": "5000.00",
    }


def test_denominations_that_add_up_are_kept() -> None:
    line = cash(
        "EUR",
        "1000.00",
        denominations=[{"value": "500.00", "count": 1}, {"value": "100.00", "count": 5}],
    )
    result = validate_record(ek2(detected=[line]), TODAY)
    assert result.data["detected"][0]["denominations"] == line["denominations"]


def test_paper_block_is_kept() -> None:
    paper = {
        "number": "GM01-M1-KA-2026-000001",
        "ledger_page": 3,
        "ledger_line": 12,
        "filled_at": "2026-11-21T09:40",
    }
    result = validate_record(ek2(paper=paper), TODAY)
    assert result.data["paper"] == paper
    assert result.record.paper is not None
    assert result.record.paper.filled_at == datetime.datetime(2026, 11, 21, 9, 40)


def test_entry_declaration_reference_is_upper_cased() -> None:
    data = ek2(
        direction="exit",
        exit_exception={"kind": "entry_declaration", "reference": "gm01-m1-b-2026-000001"},
    )
    result = validate_record(data, TODAY)
    assert result.data["exit_exception"]["reference"] == "GM01-M1-B-2026-000001"


def test_paper_time_with_an_offset_becomes_local_time() -> None:
    paper = {
        "number": "K-1",
        "ledger_page": 1,
        "ledger_line": 1,
        "filled_at": "2026-11-20T09:00+00:00",
    }
    result = validate_record(ek2(paper=paper), TODAY)
    local = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC).astimezone()
    assert result.data["paper"]["filled_at"] == local.replace(tzinfo=None).isoformat(
        timespec="minutes"
    )
