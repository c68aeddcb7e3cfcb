"""The registered record as a typed value: read from the register's JSON, back to it whole."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from factories import cash, ek1, ek2, instrument
from gumruk_desk.domain.evaluation import OutcomeCode
from gumruk_desk.domain.money import Instrument
from gumruk_desk.domain.records import DeclarationInput, ExplanationInput, FoundWhere, Kind
from gumruk_desk.domain.registered import RecordError, RecordStatus, RegisteredRecord
from gumruk_desk.services import Desk
from register_fixtures import OFFICER, OFFICER_PW, SUPERVISOR, SUPERVISOR_PW, WITNESS, WITNESS_PW

SEIZURE = {
    "found": "baggage",
    "found_detail": "Bavulun astarında",
    "facts": "X-ray ile tarandı, astarda zarf bulundu.",
    "statement": None,
    "order": {"date": "2026-01-15", "number": "2026/114"},
    "present": [
        {"name": "Mehmet Kaya", "id_number": "10000000146"},
        {"name": "Zeynep Ak", "id_number": "17291716060"},
    ],
}


def _variety(desk: Desk) -> dict[str, RegisteredRecord]:
    """One record of each shape the register makes."""
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    witness = desk.authenticate(WITNESS, WITNESS_PW)
    made: dict[str, RegisteredRecord] = {}
    made["declaration"] = desk.register(ek1(), officer=officer)
    made["correct"] = desk.register(ek2(witness_officer=None), officer=officer)
    made["seized"] = desk.register(
        ek2(
            detected=[cash("EUR", "16000.00"), instrument("cek", "TRY", "5000.00")],
            seizure=SEIZURE,
        ),
        officer=officer,
        witness=witness,
    )
    made["exit"] = desk.register(
        ek2(
            direction="exit",
            declared=[cash("EUR", "12000.00")],
            detected=[cash("EUR", "12000.00")],
            exit_exception={
                "kind": "entry_declaration",
                "reference": made["declaration"].number,
            },
        ),
        officer=officer,
        witness=witness,
    )
    made["prohibited"] = desk.register(ek1(source_category="loan_from_abroad"), officer=officer)
    made["counted"] = desk.register(
        ek2(
            declared=None,
            detected=[cash("USD", "20000.00", denominations=[{"value": "100", "count": 200}])],
        ),
        officer=officer,
        witness=witness,
    )
    made["cancelled"] = desk.cancel(
        desk.register(ek1(), officer=officer).number,
        reason="Yanlış kişi adına düzenlendi",
        officer_sicil=OFFICER,
        officer_password=OFFICER_PW,
        approver_sicil=SUPERVISOR,
        approver_password=SUPERVISOR_PW,
    )
    return made


def test_every_shape_reads_back_to_the_json_the_register_holds(desk: Desk) -> None:
    for name, record in _variety(desk).items():
        stored = desk.show(record.number)
        assert stored is not None
        assert stored.to_json() == record.to_json(), name
        assert RegisteredRecord.from_json(stored.to_json()).to_json() == stored.to_json(), name
        assert stored == record or name == "cancelled", name


def test_the_typed_fields_say_what_the_json_says(desk: Desk) -> None:
    made = _variety(desk)
    seized = made["seized"]
    assert isinstance(seized.form, ExplanationInput) and seized.explanation is seized.form
    assert seized.declaration is None and seized.kind is Kind.NAKIT_ACIKLAMA
    assert seized.outcome.code is OutcomeCode.MISDECLARED
    # Money is Decimal in the currency's own units; a payment instrument keeps its kind.
    assert [(x.currency, x.amount, x.instrument) for x in seized.form.detected] == [
        ("EUR", Decimal("16000.00"), None),
        ("TRY", Decimal("5000.00"), Instrument.CEK),
    ]
    json = seized.to_json()
    assert seized.outcome.fine_try == Decimal(json["outcome"]["fine_try"]) > 0
    assert [x.to_json() for x in seized.outcome.custody] == json["outcome"]["custody"]
    assert seized.valuation.detected_try == Decimal(json["valuation"]["detected_try"])
    assert seized.seizure is not None and seized.seizure.found is FoundWhere.BAGGAGE
    assert seized.seizure_number == json["seizure_report"]["number"] != seized.number
    assert seized.witness_name == "Mehmet Öztürk" and seized.person.last_name == "Müller"
    assert seized.registered_at == datetime.datetime.fromisoformat(json["registered_at"])
    assert seized.record_date == seized.registered_at.date()
    assert seized.legal_ground("fine")  # the record cites the law it was made under

    declaration = made["declaration"]
    assert isinstance(declaration.form, DeclarationInput)
    assert declaration.form.cash[0].amount == Decimal("10000.00")
    assert declaration.status is RecordStatus.REGISTERED and not declaration.cancelled

    exit_record = made["exit"]
    cover = exit_record.valuation.exit_cover
    assert cover is not None and cover.reference == declaration.number
    assert [x.to_json() for x in cover.drawn] == (
        exit_record.to_json()["valuation"]["exit_cover"]["drawn"]
    )
    assert exit_record.valuation.rates["EUR"].try_per_unit == Decimal("35.0000")

    assert made["prohibited"].is_prohibited_declaration
    assert made["prohibited"].seizure_number == made["prohibited"].number
    counted = made["counted"].explanation
    assert counted is not None and counted.declared is None
    assert [(d.value, d.count) for d in counted.detected[0].denominations] == [
        (Decimal("100"), 200)
    ]

    cancelled = made["cancelled"]
    assert cancelled.cancelled and cancelled.cancellation is not None
    assert cancelled.cancellation.approved_by == SUPERVISOR
    assert cancelled.cancellation.reason == "Yanlış kişi adına düzenlendi"


def test_a_key_of_a_later_version_is_kept_not_dropped(desk: Desk) -> None:
    record = desk.register(ek1(), officer=desk.authenticate(OFFICER, OFFICER_PW))
    later: dict[str, Any] = {**record.to_json(), "courier_note": {"by": "merkez"}}
    with pytest.raises(RecordError, match="courier_note"):
        # An unknown input key is the validator's business: it names it.
        RegisteredRecord.from_json(later)
    # What the register adds around the input (a later registration key) is carried whole.
    later = {**record.to_json(), "outcome": {**record.to_json()["outcome"], "review": "x"}}
    assert RegisteredRecord.from_json(later).to_json() == later


def test_json_that_is_no_registered_record_is_refused_in_turkish(desk: Desk) -> None:
    record = desk.register(ek1(), officer=desk.authenticate(OFFICER, OFFICER_PW)).to_json()
    for broken in (
        {k: v for k, v in record.items() if k != "number"},
        {**record, "registered_at": "dün"},
        {**record, "outcome": {**record["outcome"], "code": "bilinmiyor"}},
        {**record, "person": {**record["person"], "id_kind": "ehliyet"}},
    ):
        with pytest.raises(RecordError) as caught:
            RegisteredRecord.from_json(broken)
        assert "okunamadı" in str(caught.value)


def test_the_value_is_frozen(desk: Desk) -> None:
    record = desk.register(ek1(), officer=desk.authenticate(OFFICER, OFFICER_PW))
    with pytest.raises(AttributeError):
        record.number = "X"  # type: ignore[misc]
    with pytest.raises(TypeError):
        record.rule_parameters["legal_grounds"] = {}  # type: ignore[index]
    # to_json gives a copy: changing it changes nothing of the record.
    json = record.to_json()
    json["person"]["last_name"] = "Başka"
    assert record.to_json()["person"]["last_name"] == "Müller"
