"""The numbered fallback ledger (§O4) and the shift report, read back from their PDFs."""

from __future__ import annotations

import io
import itertools
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from factories import cash, ek1, ek2, instrument
from gumruk_desk import cli
from gumruk_desk.register.ledger import LINES_PER_PAGE, LedgerError
from gumruk_desk.services import AuthError, Desk, local_now
from register_fixtures import OFFICER, OFFICER_PW, SUPERVISOR, SUPERVISOR_PW, WITNESS, WITNESS_PW


def texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def register(desk: Desk, data: dict[str, Any] | None = None) -> dict[str, Any]:
    data = data or ek1()
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    witness = desk.authenticate(WITNESS, WITNESS_PW) if data.get("witness_officer") else None
    return desk.register(data, officer=officer, witness=witness).to_json()


def approve(desk: Desk, page: int, **kwargs: Any) -> Any:
    args = {"approver_sicil": SUPERVISOR, "approver_password": SUPERVISOR_PW, **kwargs}
    return desk.approve_ledger_page(page, **args)


def test_an_approved_page_reprints_identically_after_later_events(desk: Desk) -> None:
    first = [register(desk) for _ in range(3)]
    approved = approve(desk, 1)
    assert approved.approval is not None and len(approved.lines) == 3
    before = texts(desk.ledger_pdf(page=1))[0]
    for record in first:
        assert record["number"] in before
    assert "ONAYLANMADI" not in before and "Zeynep Kaya" in before

    # Later: more records, and one of the page's entries is cancelled.
    later = [register(desk) for _ in range(2)]
    desk.cancel(
        first[1]["number"],
        reason="Mükerrer kayıt",
        officer_sicil=OFFICER,
        officer_password=OFFICER_PW,
        approver_sicil=SUPERVISOR,
        approver_password=SUPERVISOR_PW,
    )
    after = texts(desk.ledger_pdf(page=1))[0]
    assert after == before  # the frozen page, to the letter
    assert "İPTAL EDİLDİ" not in after
    # The cancellation is a new line on the next page, after the later registrations.
    page2 = texts(desk.ledger_pdf(page=2))[0]
    assert "ONAYLANMADI" in page2
    for record in later:
        assert record["number"] in page2
    assert "Mükerrer kayıt" in " ".join(page2.split())
    pages = desk.ledger_pages()
    assert [len(p.lines) for p in pages] == [3, 3]
    assert pages[1].lines[-1]["entry"] == "İptal"
    assert pages[1].lines[-1]["number"] == first[1]["number"]
    assert desk.verify().ok


def test_an_approval_freezes_only_the_page_as_it_was_shown(desk: Desk) -> None:
    register(desk)
    shown = desk.ledger_pages()[0].digest
    register(desk)  # a registration arrives while the supervisor reads the page
    with pytest.raises(LedgerError, match="değişti"):
        approve(desk, 1, expected_digest=shown)
    current = desk.ledger_pages()[0]
    assert current.approval is None and len(current.lines) == 2
    assert approve(desk, 1, expected_digest=current.digest).approval is not None


def test_pages_hold_a_fixed_number_of_lines(desk: Desk) -> None:
    for _ in range(LINES_PER_PAGE + 2):
        register(desk)
    pages = desk.ledger_pages()
    assert [len(p.lines) for p in pages] == [LINES_PER_PAGE, 2]
    assert [p.total_pages for p in pages] == [2, 2]
    printed = texts(desk.ledger_pdf())
    assert len(printed) == 2
    assert "Sayfa 1 / 2" in printed[0] and "Sayfa 2 / 2" in printed[1]
    # Line numbers run on across pages.
    assert f"\n{LINES_PER_PAGE + 1} " in printed[1] or f"{LINES_PER_PAGE + 1}\n" in printed[1]


def test_approval_needs_a_supervisors_password_and_goes_in_order(desk: Desk) -> None:
    register(desk)
    with pytest.raises(AuthError):
        approve(desk, 1, approver_password="yanlis")
    with pytest.raises(LedgerError, match="amir değil"):
        approve(desk, 1, approver_sicil=WITNESS, approver_password=WITNESS_PW)
    with pytest.raises(LedgerError, match="sırayla"):
        approve(desk, 2)
    approve(desk, 1)
    with pytest.raises(LedgerError, match="zaten onaylanmış"):
        approve(desk, 1)
    with pytest.raises(LedgerError):  # nothing on page 2 yet
        approve(desk, 2)


def test_cli_ledger_print_and_approve(
    desk: Desk, home: Path, tmp_path: Path, capsys: Any, monkeypatch: Any
) -> None:
    record = register(desk)
    out = tmp_path / "defter.pdf"
    capsys.readouterr()
    assert cli.main(["--home", str(home), "ledger", "print", "--out", str(out)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["pages"] == 1 and summary["approved_pages"] == 0
    assert record["number"] in texts(out.read_bytes())[0]
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{SUPERVISOR_PW}\n"))
    argv = ["--home", str(home), "ledger", "approve", "1", "--approver", SUPERVISOR]
    assert cli.main(argv) == 0
    approved = json.loads(capsys.readouterr().out)
    assert approved["page"] == 1 and approved["lines"] == 1 and len(approved["sha256"]) == 64
    year = str(local_now().year)
    argv = ["--home", str(home), "ledger", "print", "--out", str(out), "--year", year]
    assert cli.main(argv) == 0
    assert json.loads(capsys.readouterr().out)["approved_pages"] == 1


def test_shift_report_counts_sums_and_sanctions(desk: Desk, tmp_path: Path) -> None:
    register(desk)
    register(desk, ek1(cash=[cash("USD", "2000.00"), instrument("cek", "TRY", "5000.00")]))
    misdeclared = register(
        desk, ek2(declared=[cash("EUR", "1000.00")], detected=[cash("EUR", "16000.00")])
    )
    desk.cancel(
        misdeclared["number"],
        reason="Yanlış kişi",
        officer_sicil=OFFICER,
        officer_password=OFFICER_PW,
        approver_sicil=SUPERVISOR,
        approver_password=SUPERVISOR_PW,
        copies_collected=4,
    )
    replacement = register(
        desk, ek2(declared=[cash("EUR", "1000.00")], detected=[cash("EUR", "1000.00")])
    )
    report = desk.shift_report(officer=OFFICER)
    # The cancelled tutanak is counted once, under the cancellations: in no count or total.
    assert report["record_count"] == 3
    assert ("Nakit Beyan Formu — Beyan edildi", "2") in report["counts"]
    assert ("Nakit Açıklama Tutanağı — Doğru açıklama (22.a)", "1") in report["counts"]
    assert not any("22.c" in left for left, _ in report["counts"])
    assert ("EUR – Euro", "beyan 10.000,00 EUR · tespit 1.000,00 EUR") in report["totals"]
    assert ("USD – ABD doları", "beyan 2.000,00 USD · tespit 0,00 USD") in report["totals"]
    # Payment instruments apart from cash, named in Turkish.
    assert report["instruments"] == [("Çek (TRY)", "5.000,00 TRY")]
    assert not any("TRY" in left for left, _ in report["totals"])
    assert report["fine_total_try"] == "0.00"
    assert report["cancellation_count"] == 1 and report["pending_count"] == 4
    (cancelled,) = report["cancellations"]
    assert cancelled[0].startswith(f"{misdeclared['number']} — Yanlış kişi")
    assert f"yerine {replacement['number']}" not in cancelled[0]  # not linked as replacement
    # Another officer's shift holds none of it.
    assert desk.shift_report(officer=SUPERVISOR)["record_count"] == 0
    text = " ".join(texts(desk.shift_report_pdf(report))[0].split())
    assert "VARDİYA / GÜN RAPORU" in text and "Ayşe Yılmaz" in text
    assert "Doğru açıklama (22.a)" in text and "Yanlış kişi" in text
    assert "Çek (TRY)" in text and "cek" not in text
    assert "Baskı: " in text and "Vardiya amiri (adı soyadı, unvanı, imza, tarih)" in text


def _chars(pdf: bytes) -> list[list[dict[str, Any]]]:
    """Each sheet's glyphs above the seal and approval boxes (the ruled lines and heads)."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        sheets = []
        for page in doc.pages:
            seal = page.search("Mühür")
            limit = seal[0]["top"] if seal else page.height
            sheets.append([c for c in page.chars if c["top"] < limit - 1])
        return sheets


def test_long_values_wrap_in_their_cells_and_never_block_the_ledger(desk: Desk) -> None:
    from gumruk_desk.printing.reports import LEDGER_COLUMNS, MARGIN

    # The longest names the validator accepts, every currency of the test bulletin.
    data = ek1(
        cash=[cash(c, "123456789.00") for c in ("EUR", "USD", "GBP")] + [cash("JPY", "987654321")]
    )
    data["person"]["first_name"] = ("Ayşegül Gülizar Şükriye " * 3)[:60].strip()
    data["person"]["last_name"] = ("Çağlayangil Öztürkmenoğlu " * 3)[:60].strip()
    record = register(desk, data)
    desk.cancel(
        record["number"],
        reason=("Soyadı ve kimlik numarası yanlış yazıldı, form yeniden düzenlenecek " * 5)[:300],
        officer_sicil=OFFICER,
        officer_password=OFFICER_PW,
        approver_sicil=SUPERVISOR,
        approver_password=SUPERVISOR_PW,
        copies_collected=3,
    )
    for _ in range(LINES_PER_PAGE - 2):
        register(desk)
    pdf = desk.ledger_pdf()
    sheets = _chars(pdf)
    assert len(sheets) >= 2  # the grown lines pushed the page onto a continuation sheet
    edges = [MARGIN]
    for _heading, width, _key in LEDGER_COLUMNS:
        edges.append(edges[-1] + width)
    mm = 72 / 25.4
    for chars in sheets:
        for ch in chars:
            if ch["size"] > 60:  # the DEMO mark, not a line's text
                continue
            assert ch["size"] >= 6.5 - 0.01, (ch["text"], ch["size"])
            assert MARGIN * mm - 0.5 <= ch["x0"] and ch["x1"] <= edges[-1] * mm + 0.5
    # Every glyph of the body lies inside one column: none crosses a column line.
    body = [c for chars in sheets for c in chars if 6.4 < c["size"] < 6.6]
    for ch in body:
        inside = any(
            left * mm - 0.2 <= ch["x0"] and ch["x1"] <= right * mm + 0.2
            for left, right in itertools.pairwise(edges)
        )
        assert inside, ch["text"]
    text = " ".join(" ".join(t.split()) for t in texts(pdf))
    assert "(devam)" in text
    assert "Öztürkmenoğlu" in text and "987.654.321 JPY" in text
    assert "Ayşe Yılmaz (12345)" in text  # the officer of each line
