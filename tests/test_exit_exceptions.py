"""Exit exceptions that run out (Genelge 2013/1 Ç 1/a, Ç 2), in the register: an entry
declaration covers, per currency it declared, what is left after earlier exits citing it; a
cancelled exit gives its share back; a bank document covers the lines it proves."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from pypdf import PdfReader

from factories import cash, ek1, ek2
from gumruk_desk.domain.money import MoneyLine
from gumruk_desk.domain.problems import InvalidRecord
from gumruk_desk.domain.records import ExplanationInput
from gumruk_desk.services import Desk
from register_fixtures import OFFICER, OFFICER_PW, SUPERVISOR, SUPERVISOR_PW, WITNESS, WITNESS_PW


def register(desk: Desk, data: dict[str, Any]) -> dict[str, Any]:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    witness = desk.authenticate(WITNESS, WITNESS_PW) if data.get("witness_officer") else None
    return desk.register(data, officer=officer, witness=witness).to_json()


def exit_with(reference: str, euros: str) -> dict[str, Any]:
    return ek2(
        direction="exit",
        country_from=None,
        country_to="DE",
        residence="non_resident",
        exit_exception={"kind": "entry_declaration", "reference": reference},
        declared=[cash("EUR", euros)],
        detected=[cash("EUR", euros)],
    )


def test_an_entry_declaration_runs_out_and_a_cancelled_exit_gives_its_share_back(
    desk: Desk,
) -> None:
    entry = register(desk, ek1(cash=[cash("EUR", "10000.00")]))
    number = entry["number"]
    # 12,000 EUR (420,000 TL) out; 150,000 TL free: 270,000 TL = 7,714.29 EUR drawn.
    first = register(desk, exit_with(number, "12000.00"))
    cover = first["valuation"]["exit_cover"]
    assert first["outcome"]["exit_limit_exceeded"] is False
    assert cover["available"] == [cash("EUR", "10000.00")]
    assert cover["drawn"] == [cash("EUR", "7714.29")]
    assert cover["remaining"] == [cash("EUR", "2285.71")]
    # The same form again: only what is left covers, the rest is over the limit.
    second = register(desk, exit_with(number, "12000.00"))
    assert second["valuation"]["exit_cover"]["available"] == [cash("EUR", "2285.71")]
    assert second["outcome"]["exit_limit_exceeded"] is True
    # 420,000 TL − 150,000 − 80,000 (2,285.71 EUR) = 190,000.15 TL over → 5,428.58 EUR.
    assert second["outcome"]["custody"] == [cash("EUR", "5428.58")]
    assert second["valuation"]["exit_cover"]["remaining"] == []
    # record show carries what the document covered and what remains of it.
    shown = desk.show(second["number"])
    assert shown is not None and shown.valuation.exit_cover is not None
    assert [x.to_json() for x in shown.valuation.exit_cover.drawn] == [cash("EUR", "2285.71")]
    # The first exit is cancelled: its 7,714.29 EUR come back for the next one.
    desk.cancel(
        first["number"],
        reason="Yanlış kişi",
        officer_sicil=OFFICER,
        officer_password=OFFICER_PW,
        approver_sicil=SUPERVISOR,
        approver_password=SUPERVISOR_PW,
        copies_collected=4,
    )
    again = desk.evaluate(exit_with(number, "3000.00"))
    assert again.valuation.exit_cover is not None
    assert again.valuation.exit_cover.available == (MoneyLine("EUR", Decimal("7714.29")),)
    # Below the free limit nothing is drawn at all.
    assert again.valuation.exit_cover.drawn == ()
    # The printed tutanak says what the document covered and what remains.
    pdf = desk.print_document(second["number"])[0]
    text = " ".join((PdfReader(io.BytesIO(pdf)).pages[0].extract_text() or "").split())
    assert (
        f"İstisna (girişte beyan {number}) kapsadığı / bu çıkıştan sonra kalan: "
        "2.285,71 / 0,00 EUR" in text
    )


def test_a_bank_document_must_carry_what_it_proves(desk: Desk) -> None:
    data = ek2(
        direction="exit",
        country_from=None,
        country_to="DE",
        residence="resident",
        exit_exception={"kind": "bank_document", "reference": "BNK-2026-77"},
        declared=[cash("USD", "9000.00")],
        detected=[cash("USD", "9000.00")],
    )
    with pytest.raises(InvalidRecord) as caught:
        register(desk, data)
    assert [p.path for p in caught.value.problems] == ["exit_exception.cash"]
    assert list(desk.list_records()) == []
    data["exit_exception"]["cash"] = [cash("TRY", "1000.00")]
    with pytest.raises(InvalidRecord) as caught:
        register(desk, data)
    assert caught.value.problems[0].path == "exit_exception.cash[0]"
    data["exit_exception"]["cash"] = [cash("USD", "3000.00")]
    record = register(desk, data)
    # 9,000 USD out: 5,000 free, 3,000 proved, 1,000 USD over the limit.
    assert record["outcome"]["custody"] == [cash("USD", "1000.00")]
    assert record["exit_exception"]["cash"] == [cash("USD", "3000.00")]
    assert record["valuation"]["exit_cover"]["drawn"] == [cash("USD", "3000.00")]
    assert Decimal(record["valuation"]["exit_covered_try"]) == Decimal("90000.00")


def test_an_exit_whose_exception_was_refused_draws_nothing(desk: Desk) -> None:
    entry = register(desk, ek1(cash=[cash("EUR", "10000.00")]))
    stranger = exit_with(entry["number"], "3000.00")
    stranger["person"]["id_number"] = "X9999999"
    refused = register(desk, stranger)
    assert refused["valuation"]["exit_cover"] is None
    assert any("başka bir kişiye ait" in w for w in refused["outcome"]["warnings"])
    # The declarant still has every euro declared.
    again = desk.evaluate(exit_with(entry["number"], "12000.00"))
    assert again.valuation.exit_cover is not None
    assert again.valuation.exit_cover.available == (MoneyLine("EUR", Decimal("10000.00")),)


def test_custody_takes_the_uncovered_currency_first(desk: Desk) -> None:
    entry = register(desk, ek1(cash=[cash("EUR", "10000.00")]))
    data = exit_with(entry["number"], "10000.00")
    data["declared"] = data["detected"] = [cash("EUR", "10000.00"), cash("USD", "20000.00")]
    record = register(desk, data)
    # 350,000 TL of euros covered + 150,000 TL free = 500,000 TL allowed; 950,000 carried.
    # The 450,000 TL over comes out of the dollars nobody declared: 15,000 USD.
    assert record["outcome"]["custody"] == [cash("USD", "15000.00")]
    cover = record["valuation"]["exit_cover"]
    assert cover["drawn"] == [cash("EUR", "10000.00")]  # the euros covered leave
    assert cover["remaining"] == []


def test_a_bank_document_runs_out_by_its_reference(desk: Desk) -> None:
    def bank_exit(usd: str, reference: str) -> dict[str, Any]:
        return ek2(
            direction="exit",
            country_from=None,
            country_to="DE",
            residence="resident",
            exit_exception={
                "kind": "bank_document",
                "reference": reference,
                "cash": [cash("USD", "8000.00")],
            },
            declared=[cash("USD", usd)],
            detected=[cash("USD", usd)],
        )

    first = register(desk, bank_exit("13000.00", "bnk-2026-55"))
    assert first["outcome"]["custody"] == []
    assert first["valuation"]["exit_cover"]["drawn"] == [cash("USD", "8000.00")]
    # The same receipt again (typed in another case): it proves nothing more.
    second = register(desk, bank_exit("9000.00", "BNK-2026-55"))
    assert second["valuation"]["exit_cover"]["available"] == []
    assert second["outcome"]["custody"] == [cash("USD", "4000.00")]


def test_the_centre_validates_a_record_by_the_rules_it_was_registered_under() -> None:
    import datetime

    from gumruk_desk.domain.validation import validate_record

    old = ek2(
        direction="exit",
        country_from=None,
        country_to="DE",
        residence="resident",
        exit_exception={"kind": "bank_document", "reference": "BNK-1"},
        purpose="ödeme " * 40,
    )
    day = datetime.date(2026, 11, 30)
    with pytest.raises(InvalidRecord):
        validate_record(old, day)
    legacy = validate_record(old, day, legacy=True).record
    assert isinstance(legacy, ExplanationInput) and legacy.exit_exception is not None
