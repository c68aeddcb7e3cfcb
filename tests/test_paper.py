"""The paper fallback (§O4, §O6): reserved number blocks, blank pre-numbered forms, back-entry
under the printed number with the rates of the day the form was filled, voided numbers and
the reconciliation of every reserved number."""

from __future__ import annotations

import dataclasses
import datetime
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from factories import BULLETIN, ek1, ek2, quote, tcmb_xml
from gumruk_desk import cli
from gumruk_desk.domain.problems import InvalidRecord
from gumruk_desk.register.paper import PaperError
from gumruk_desk.services import AuthError, Desk
from register_fixtures import OFFICER, OFFICER_PW, SUPERVISOR, SUPERVISOR_PW, WITNESS, WITNESS_PW

YEAR = datetime.date.today().year


def reserve(desk: Desk, kind: str = "nakit_beyan", count: int = 5) -> Any:
    return desk.reserve_paper_block(
        kind, count, supervisor_sicil=SUPERVISOR, supervisor_password=SUPERVISOR_PW
    )


def paper_block(number: str, filled: datetime.datetime, line: int = 1) -> dict[str, Any]:
    return {
        "number": number,
        "ledger_page": 1,
        "ledger_line": line,
        "filled_at": filled.isoformat(timespec="minutes"),
    }


def register(desk: Desk, data: dict[str, Any]) -> dict[str, Any]:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    witness = desk.authenticate(WITNESS, WITNESS_PW) if data.get("witness_officer") else None
    return desk.register(data, officer=officer, witness=witness).to_json()


def void(desk: Desk, number: str, reason: str = "Form yırtıldı") -> None:
    desk.void_paper_number(
        number, reason=reason, supervisor_sicil=SUPERVISOR, supervisor_password=SUPERVISOR_PW
    )


def test_reserving_needs_a_supervisor(desk: Desk) -> None:
    with pytest.raises(AuthError):
        desk.reserve_paper_block(
            "nakit_beyan", 5, supervisor_sicil=SUPERVISOR, supervisor_password="yanlis"
        )
    with pytest.raises(PaperError, match="amir"):
        desk.reserve_paper_block(
            "nakit_beyan", 5, supervisor_sicil=OFFICER, supervisor_password=OFFICER_PW
        )
    block = reserve(desk)
    assert block.numbers == [f"GM01-M1-KB-{YEAR}-{n:06d}" for n in range(1, 6)]
    assert reserve(desk, count=2).numbers[0] == f"GM01-M1-KB-{YEAR}-000006"
    assert reserve(desk, "nakit_aciklama", 1).numbers == [f"GM01-M1-KA-{YEAR}-000001"]


def test_back_entry_keeps_the_paper_number_and_the_rates_of_that_day(desk: Desk) -> None:
    # Ten days ago the euro stood at 40 TL (this register's newer bulletins say 35).
    day = datetime.date.today() - datetime.timedelta(days=10)
    older = dataclasses.replace(
        BULLETIN, quotes={**BULLETIN.quotes, "EUR": quote("EUR", "40.0000", "39.9000")}
    )
    desk.import_rates(tcmb_xml(day, older))
    block = reserve(desk)
    filled = datetime.datetime.combine(day, datetime.time(10, 30))
    record = register(desk, ek1(paper=paper_block(block.numbers[0].lower(), filled)))
    assert record["number"] == block.numbers[0]
    assert record["paper"]["number"] == block.numbers[0]
    assert record["valuation"]["rate_date"] == day.isoformat()
    assert record["valuation"]["rates"]["EUR"] == "40.0000"
    assert record["valuation"]["declared_try"] == "400000.00"
    # The same paper form cannot be entered twice.
    with pytest.raises(InvalidRecord, match="zaten"):
        register(desk, ek1(paper=paper_block(block.numbers[0], filled)))
    assert desk.verify().ok


def test_reconciliation_lists_used_voided_and_missing(desk: Desk) -> None:
    block = reserve(desk)
    filled = datetime.datetime.now().replace(second=0, microsecond=0) - datetime.timedelta(hours=2)
    register(desk, ek1(paper=paper_block(block.numbers[0], filled, 1)))
    register(desk, ek1(paper=paper_block(block.numbers[2], filled, 2)))  # [1] was skipped
    void(desk, block.numbers[3])
    [found] = desk.paper_reconciliation()
    assert sorted(found.used) == [block.numbers[0], block.numbers[2]]
    assert found.voided == {block.numbers[3]: "Form yırtıldı"}
    assert found.missing == [block.numbers[1], block.numbers[4]]


def test_voided_and_wrong_series_numbers_cannot_be_entered(desk: Desk) -> None:
    block = reserve(desk)
    tutanak = reserve(desk, "nakit_aciklama", 2)
    filled = datetime.datetime.now().replace(second=0, microsecond=0) - datetime.timedelta(hours=1)
    void(desk, block.numbers[0])
    with pytest.raises(InvalidRecord, match="boşa çıkarılmış"):
        register(desk, ek1(paper=paper_block(block.numbers[0], filled)))
    with pytest.raises(InvalidRecord, match="KA serisinden"):
        register(desk, ek1(paper=paper_block(tutanak.numbers[0], filled)))
    used = register(
        desk, ek2(declared=None, detected=[], paper=paper_block(tutanak.numbers[0], filled))
    )
    assert used["number"] == tutanak.numbers[0]
    with pytest.raises(PaperError, match="kayda girilmiş"):
        void(desk, tutanak.numbers[0])
    with pytest.raises(PaperError, match="zaten"):
        void(desk, block.numbers[0])
    with pytest.raises(PaperError, match="ayrılmış"):
        void(desk, "GM01-M1-KB-2020-000001")


def test_an_unreserved_paper_form_takes_a_number_above_every_block(desk: Desk) -> None:
    block = reserve(desk, count=3)
    filled = datetime.datetime.now().replace(second=0, microsecond=0) - datetime.timedelta(hours=1)
    record = register(desk, ek1(paper=paper_block("ESKI-KAGIT-12", filled)))
    assert record["number"] == f"GM01-M1-KB-{YEAR}-000004"
    assert record["paper"]["number"] == "ESKI-KAGIT-12"
    assert reserve(desk, count=1).numbers == [f"GM01-M1-KB-{YEAR}-000005"]
    assert block.numbers[-1].endswith("000003")


def test_blank_forms_carry_their_numbers_on_every_copy(desk: Desk) -> None:
    block = reserve(desk, count=2)
    tutanak = reserve(desk, "nakit_aciklama", 1)
    pdf = desk.blank_forms_pdf([*block.numbers, *tutanak.numbers])
    pages = [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) == 3 + 3 + 4
    assert all(block.numbers[0] in t for t in pages[:3])
    assert all(tutanak.numbers[0] in t for t in pages[6:])
    assert "Kâğıt form no" in pages[0] and "Hans" not in pages[0]
    with pytest.raises(PaperError):
        desk.blank_forms_pdf(["GM01-M1-KB-2020-000009"])


def test_cli_paper_reserve_and_reconcile(
    desk: Desk, home: Path, tmp_path: Path, capsys: Any, monkeypatch: Any
) -> None:
    out = tmp_path / "bos-formlar.pdf"
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{SUPERVISOR_PW}\n"))
    capsys.readouterr()
    argv = [
        "--home",
        str(home),
        "paper",
        "reserve",
        "--kind",
        "nakit_beyan",
        "--count",
        "2",
        "--supervisor",
        SUPERVISOR,
        "--out",
        str(out),
    ]
    assert cli.main(argv) == 0
    block = json.loads(capsys.readouterr().out)
    assert block["missing"] == [block["first"], block["last"]]
    assert len(PdfReader(str(out)).pages) == 6
    assert cli.main(["--home", str(home), "paper", "reconcile"]) == 0
    [found] = json.loads(capsys.readouterr().out)
    assert found["first"] == block["first"] and found["used"] == {}
