"""Printed documents read back from the PDF (pypdf): copies, labels, Turkish letters, font."""

from __future__ import annotations

import dataclasses
import io
import re
from typing import Any, TypeVar

import pytest
from pypdf import PageObject, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, PdfObject

from factories import cash, ek1, ek2, instrument
from gumruk_desk.domain.evaluation import OutcomeCode
from gumruk_desk.domain.registered import Cancellation, RecordStatus, RegisteredRecord
from gumruk_desk.domain.validation import EK2_BOXES as BOX
from gumruk_desk.printing.documents import DocumentError
from gumruk_desk.services import Desk
from register_fixtures import OFFICER, OFFICER_PW, WITNESS, WITNESS_PW

PdfT = TypeVar("PdfT", bound=PdfObject)

TURKISH_NAME = ("Çağrı İlkay", "Şahinoğlu Güneş-Öztürk")


def register(desk: Desk, data: dict[str, Any]) -> RegisteredRecord:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    witness = desk.authenticate(WITNESS, WITNESS_PW) if data.get("witness_officer") else None
    return desk.register(data, officer=officer, witness=witness)


def turkish(data: dict[str, Any]) -> dict[str, Any]:
    data["person"].update(
        first_name=TURKISH_NAME[0],
        last_name=TURKISH_NAME[1],
        birth_place="Iğdır",
        father_name="Ömer Ünal",
    )
    return data


def pages(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def _resolved(value: PdfObject | None, kind: type[PdfT]) -> PdfT:
    """The PDF object itself (an indirect reference followed), of the kind the file must use."""
    found = None if value is None else value.get_object()
    assert isinstance(found, kind), f"{kind.__name__} expected, found {type(found).__name__}"
    return found


def fonts(pdf: bytes) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font used on every page."""
    reader = PdfReader(io.BytesIO(pdf))
    found = []
    for page in reader.pages:
        resources = _resolved(page["/Resources"], DictionaryObject)
        for ref in _resolved(resources["/Font"], DictionaryObject).values():
            font = _resolved(ref, DictionaryObject)
            descendants = font.get("/DescendantFonts")
            target = (
                _resolved(_resolved(descendants, ArrayObject)[0], DictionaryObject)
                if descendants
                else font
            )
            descriptor = target.get("/FontDescriptor")
            embedded = bool(
                descriptor
                and any(
                    k in _resolved(descriptor, DictionaryObject)
                    for k in ("/FontFile", "/FontFile2", "/FontFile3")
                )
            )
            found.append((str(font["/BaseFont"]), embedded))
    return found


def page_stream(page: PageObject) -> bytes:
    """The page's content stream, decoded."""
    contents = page.get_contents()
    assert contents is not None, "page without content"
    return contents.get_data()


def test_ek1_three_copies_labelled(desk: Desk) -> None:
    record = register(desk, turkish(ek1()))
    pdf, print_no = desk.print_document(record.number)
    texts = pages(pdf)
    assert print_no == 1 and len(texts) == 3
    for i, (text, where) in enumerate(
        zip(
            texts, ["İdarede saklanır", "İdarede saklanır", "Beyanda bulunana verilir"], strict=True
        )
    ):
        assert f"{i + 1}. Nüsha – {where}" in text
        assert record.number in text
        assert TURKISH_NAME[0] in text and TURKISH_NAME[1] in text
        assert "Iğdır" in text and "Ömer Ünal" in text
        assert "İş bu form 1 sayfa 3 nüsha olarak tanzim edilmiştir." in text
        assert "NAKİT BEYAN FORMU" in text
        assert "Getiren kişinin Pasaport No / T.C. Kimlik No" in text
        assert "10.000,00 EUR" in text
    assert fonts(pdf) and all(embedded for _, embedded in fonts(pdf))
    assert not any("Helvetica" in name for name, _ in fonts(pdf))


def _box22(text: str) -> dict[str, bool]:
    return {
        "a": "a.Doğru açıklama yapılmıştır. [X]" in text,
        "b2": "b.2.Savcılığa sevk [X]" in text,
        "c2": "c.2.Savcılığa sevk [X]" in text,
    }


@pytest.mark.parametrize(
    "data, box, labels, witness_line",
    [
        (
            ek2(witness_officer=None),
            {"a": True, "b2": False, "c2": False},
            [
                "İlgilisine verilir",
                "2. Nüsha – İdarede saklanır",
                "3. Nüsha – İdarede saklanır",
                "4. Nüsha – İdarede saklanır",
            ],
            "gerekmiyor",
        ),
        (
            ek2(declared=None, detected=[cash("EUR", "1000.00")]),
            {"a": False, "b2": True, "c2": False},
            ["İlgilisine verilir", "MASAK", "Cumhuriyet Savcılığına", "4. Nüsha – İdarede"],
            "Mehmet Öztürk",
        ),
        (
            ek2(detected=[cash("EUR", "1000.00"), cash("TRY", "9000.00")]),
            {"a": False, "b2": False, "c2": True},
            ["İlgilisine verilir", "MASAK", "Cumhuriyet Savcılığına", "4. Nüsha – İdarede"],
            "Mehmet Öztürk",
        ),
        (
            ek2(declared=None, detected=[cash("TRY", "100.00")]),  # 22.b below the tolerance
            {"a": False, "b2": False, "c2": False},
            [
                "İlgilisine verilir",
                "2. Nüsha – İdarede",
                "3. Nüsha – İdarede",
                "4. Nüsha – İdarede",
            ],
            "Mehmet Öztürk",
        ),
    ],
    ids=["correct", "no-declaration", "misdeclared", "no-declaration-below-tolerance"],
)
def test_ek2_box_22_copies_and_witness_follow_the_outcome(
    desk: Desk, data: dict[str, Any], box: dict[str, bool], labels: list[str], witness_line: str
) -> None:
    record = register(desk, turkish(data))
    pdf, _ = desk.print_document(record.number)
    texts = pages(pdf)
    assert len(texts) == 4
    for text, label in zip(texts, labels, strict=True):
        assert label in text, (label, text[:200])
        assert record.number in text and TURKISH_NAME[1] in text
        assert _box22(text) == box
        assert "26.Şahitlik Eden Memurun" in text
        assert witness_line in text
        assert "1 sayfa, 4 nüsha olarak tanzim edilerek imza altına alınmıştır." in text
    if record.outcome.fine_try != 0:
        fine = str(record.outcome.fine_try).replace(".", ",")
        assert any(fine.split(",")[0][-3:] in t for t in texts)


def test_fine_and_custody_are_printed_in_22c1(desk: Desk) -> None:
    record = register(desk, ek2(detected=[cash("EUR", "1000.00"), cash("TRY", "9000.00")]))
    text = pages(desk.print_document(record.number)[0])[0]
    assert "idari para cezası 900,00 TL" in text
    assert "Muhafaza altına alınan: tespit edilen nakdin tamamı (16)." in text


def test_partial_custody_on_exit_is_listed_in_box_22(desk: Desk) -> None:
    record = register(
        desk,
        ek2(
            direction="exit",
            declared=[cash("USD", "6000.00")],
            detected=[cash("USD", "6000.00")],
            witness_officer=None,
        ),
    )
    text = pages(desk.print_document(record.number)[0])[0]
    assert "Muhafaza altına alınan: USD – ABD doları 1.000,00." in text
    assert "çıkış sınırını" in text


def test_many_lines_and_a_long_address_still_fit_one_page_per_copy(desk: Desk) -> None:
    # Nine lines, the most box 16 holds at the smallest legible size: six currencies and
    # three payment instruments.
    currencies = ["USD", "EUR", "GBP", "JPY", "TRY", "CHF"]
    detected = [cash(c, "1234567.00" if c != "JPY" else "1234567") for c in currencies]
    detected += [
        instrument("cek", "TRY", "5000.00"),
        instrument("bono", "USD", "700.00"),
        instrument("seyahat_ceki", "EUR", "300.00"),
    ]
    address = ("Çamlıca Mahallesi Işık Sokak " * 30)[: BOX["address"][0]]
    data = turkish(ek2(declared=[cash("EUR", "10.00")], detected=detected))
    data["person"]["address"] = address
    from decimal import Decimal

    record = desk.register(
        data,
        officer=desk.authenticate(OFFICER, OFFICER_PW),
        witness=desk.authenticate(WITNESS, WITNESS_PW),
        manual_rates={"CHF": Decimal("41.5")},
    )
    texts = pages(desk.print_document(record.number)[0])
    assert len(texts) == 4
    for text in texts:
        # The annex's rows: 16.a and 16.b for the first two currencies, the rest under 16.b
        # with no number of their own, then 16.c for the payment instruments.
        assert "16.a.Para Birimi: USD – ABD doları Toplam tutarı: 1.234.567,00" in text
        assert "16.b.Para Birimi: EUR – Euro Toplam Tutarı: 1.234.567,00" in text
        assert "16.b1" not in text and "16.d" not in text
        for c in currencies[2:]:
            assert re.search(rf"\b{c}\b.* Toplam Tutarı: 1\.234\.567", text), c
        assert text.count(" 1.234.567,00") == 5
        assert re.search(r"JPY[^\n]*Toplam Tutarı: 1\.234\.567(?![,0-9])", text)  # no sen
        assert "16.c.) Türk Parası/Yabancı Para ile Ödemeyi Sağlayan Belgelerin" in text
        assert "Çek (TRY) Toplam Tutar 5.000,00" in text
        assert "Bono (USD)" in text and "Seyahat çeki (EUR)" in text
        # Box 15 prints its rows though the person named one currency only.
        assert "15.b.Para Birimi: Toplam Tutarı:" in text
        assert "15.c.)Türk Parası/Yabancı Para ile Ödemeyi Sağlayan Belgelerin" in text
        squeezed = text.replace(" ", "")
        assert address.replace(" ", "") in squeezed  # every word of the address is there


def test_box_16_shows_the_banknotes_counted_and_box_15_a_no_cash_statement(
    desk: Desk,
) -> None:
    counted = [{"value": "500.00", "count": 20}, {"value": "100.00", "count": 60}]
    record = register(
        desk, ek2(declared=[], detected=[cash("EUR", "16000.00", denominations=counted)])
    )
    assert record.outcome.code is OutcomeCode.MISDECLARED  # "no cash" is an explanation (22.c)
    text = pages(desk.print_document(record.number)[0])[0]
    assert "Kupürler: 20 × 500 + 60 × 100" in text
    assert "Kişi nakit taşımadığını söyledi." in text


@pytest.mark.parametrize("basis", ["risk_analysis", "random", "officer_assessment"])
def test_box_21_prints_for_every_selection_basis(desk: Desk, basis: str) -> None:
    """Box 21 holds the obligation text and the selection basis: the longest basis fits."""
    record = register(desk, ek2(selection_basis=basis))
    text = pages(desk.print_document(record.number)[0])[0]
    assert "5549 sayılı Kanun m.16 gereği" in text
    from gumruk_desk.printing.documents import SELECTION_TR

    assert f"Seçim: {SELECTION_TR[basis]}" in text


def test_seizure_report_and_receipt(desk: Desk) -> None:
    data = turkish(
        ek2(
            declared=None,
            detected=[
                cash(
                    "EUR",
                    "1000.00",
                    denominations=[
                        {"value": "500.00", "count": 1},
                        {"value": "100.00", "count": 5},
                    ],
                )
            ],
            signature_refused={"reason": "Tutanağı okumadan imzalamam"},
        )
    )
    record = register(desk, data)
    seizure = pages(desk.print_document(record.number, "seizure")[0])
    assert len(seizure) == 2
    for text in seizure:
        assert "EL KOYMA ZABIT VARAKASI" in text and record.number in text
        assert "(1 × 500, 5 × 100)" in text
        assert "Hazır bulunan (1)" in text and "Hazır bulunan (2)" in text
        assert "imzadan imtina etti. Sebebi: Tutanağı okumadan imzalamam" in text
        assert TURKISH_NAME[1] in text and "Tüccar" in text
    receipt = pages(desk.print_document(record.number, "receipt")[0])
    assert len(receipt) == 2 and "1.000,00 EUR" in receipt[0]
    assert "ALINDI BELGESİ" in receipt[0]


def test_no_seizure_documents_without_custody(desk: Desk) -> None:
    record = register(desk, ek2(witness_officer=None))
    with pytest.raises(DocumentError, match="el konulan nakit yok"):
        desk.print_document(record.number, "seizure")


def test_reprint_is_marked_and_every_print_is_an_event(desk: Desk) -> None:
    import keyed_sqlite3 as sqlite3

    record = register(desk, ek2(witness_officer=None))
    first, n1 = desk.print_document(record.number)
    second, n2 = desk.print_document(record.number)
    assert (n1, n2) == (1, 2)
    assert "YENİDEN BASKI" not in pages(first)[0]
    assert all("YENİDEN BASKI (2. baskı)" in t for t in pages(second))
    with sqlite3.connect(desk.db.path) as conn:
        prints = conn.execute("SELECT payload FROM event WHERE kind = 'print'").fetchall()
    assert len(prints) == 2
    assert desk.verify().ok


def test_qr_code_is_on_every_page(desk: Desk) -> None:
    record = register(desk, ek1())
    reader = PdfReader(io.BytesIO(desk.print_document(record.number)[0]))
    for page in reader.pages:
        content = page_stream(page)
        # The QR modules are drawn as many small filled rectangles.
        assert content.count(b" re") > 300


def test_cancelled_and_demo_records_are_marked_on_every_page(desk: Desk) -> None:
    from gumruk_desk.printing import PrintJob, render_pdf

    record = register(desk, ek1())
    cancelled = Cancellation(
        reason="Yanlış kişi",
        requested_by=OFFICER,
        approved_by="90001",
        at=record.registered_at,
        copies_collected=3,
    )
    shown = dataclasses.replace(
        record, status=RecordStatus.CANCELLED, demo=True, cancellation=cancelled
    )
    ops: list[tuple[Any, ...]] = []
    texts = pages(render_pdf(PrintJob(shown), ops))
    assert len(texts) == 3
    assert all("İPTAL" in t and "DEMO" in t for t in texts)
    # Both marks are drawn first on every page (under the content), light, and apart: each
    # has its own half of the page, so they never read as one word ("İDEMO").
    starts = [i for i, op in enumerate(ops) if op[0] == "watermark" and op[1] == "İPTAL"]
    assert len(starts) == 3
    for start in starts:
        first, second = ops[start], ops[start + 1]
        assert (first[1], second[1]) == ("İPTAL", "DEMO")
        assert abs(first[2] - second[2]) >= 100  # mm between their centres


def test_a_record_registered_before_its_citations_travelled_cites_its_rule_sets(
    desk: Desk,
) -> None:
    from gumruk_desk.printing import PrintJob, render_pdf

    record = register(
        desk, ek2(declared=[cash("EUR", "1000.00")], detected=[cash("EUR", "16000.00")])
    )
    data = record.to_json()
    own = data["rule_parameters"].pop("legal_grounds")
    assert own["seizure_law"]
    bare = RegisteredRecord.from_json(data)
    # The services hand over the citations of the record's rule set...
    cited = pages(render_pdf(PrintJob(bare, "seizure", grounds={"seizure_law": "Eski Kanun m.1"})))
    assert len(cited) == 2 and all(t.startswith("Eski Kanun m.1") for t in cited)
    # ...and without them the documents name the rule set itself.
    named = pages(render_pdf(PrintJob(bare, "seizure")))
    statement = f"Bu zabıt varakası Kural seti {record.rule_set} uyarınca tanzim edilmiştir."
    assert all(t.startswith(f"Kural seti {record.rule_set}") and statement in t for t in named)
    # A record that carries its citations prints its own, whatever else is at hand.
    kept = pages(render_pdf(PrintJob(record, "seizure", grounds={"seizure_law": "Eski Kanun"})))
    assert all(t.startswith(own["seizure_law"]) and "Eski Kanun" not in t for t in kept)


def test_the_marks_lie_under_the_content(desk: Desk) -> None:
    from gumruk_desk.printing import PrintJob, render_pdf

    record = register(desk, ek1())
    pdf = render_pdf(PrintJob(dataclasses.replace(record, demo=True)))
    for page in PdfReader(io.BytesIO(pdf)).pages:
        stream = page_stream(page)
        # The first text drawn on the page is the mark: light grey, 90 pt, then the content.
        first = re.search(rb"([.0-9]+) g\n[^B]*BT [^T]*Tm /\S+ ([0-9.]+) Tf", stream)
        assert first is not None
        assert float(first.group(1)) >= 0.85 and float(first.group(2)) >= 60


def test_print_command(desk: Desk, home: Any, tmp_path: Any, capsys: Any) -> None:
    from gumruk_desk import cli

    record = register(desk, ek2(declared=None, detected=[cash("EUR", "1000.00")]))
    out = tmp_path / "tutanak.pdf"
    assert cli.main(["--home", str(home), "print", record.number, "--out", str(out)]) == 0
    assert len(pages(out.read_bytes())) == 4
    assert (
        cli.main(
            [
                "--home",
                str(home),
                "print",
                record.number,
                "--out",
                str(out),
                "--document",
                "seizure",
            ]
        )
        == 0
    )
    assert "EL KOYMA ZABIT VARAKASI" in pages(out.read_bytes())[0]
    capsys.readouterr()
    plain = register(desk, ek2(witness_officer=None))
    with pytest.raises(SystemExit) as exc:
        cli.main(
            [
                "--home",
                str(home),
                "print",
                plain.number,
                "--out",
                str(out),
                "--document",
                "receipt",
            ]
        )
    assert exc.value.code == 2 and "el konulan nakit yok" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        cli.main(["--home", str(home), "print", "YOK-1", "--out", str(out)])
    assert exc.value.code == 1


def test_the_qr_code_is_read_off_a_100_dpi_scan_and_checked_against_the_register(
    desk: Desk,
) -> None:
    from factories import scan_qr

    record = register(desk, ek1())
    pdf = desk.print_document(record.number)[0]
    (payload,) = scan_qr(pdf, dpi=100)
    prefix, number, day, total, digest = payload.split("|")
    assert (prefix, number, day, total) == (
        "GMASA1",
        record.number,
        record.registered_at.date().isoformat(),
        # What the register stored, as it stored it: the bank's scan is checked against it.
        record.to_json()["valuation"]["declared_try"],
    )
    document = record.person.id_number
    assert desk.verify_declaration(payload, document)["status"] == "genuine"
    # A copy whose QR was made up around a genuine number is told apart.
    forged = "|".join([prefix, number, day, "1.00", digest])
    answer = desk.verify_declaration(forged, document)
    assert answer["status"] == "mismatch" and answer["mismatch"] == ["total"]
    other = desk.verify_declaration("|".join([prefix, number, day, total, "0" * 12]), document)
    assert other["status"] == "mismatch" and other["mismatch"] == ["hash"]
    # The wrong person's document still says nothing.
    assert desk.verify_declaration(payload, "X1234567")["status"] == "unknown"


def test_a_blank_paper_forms_qr_carries_no_amount(desk: Desk) -> None:
    from factories import scan_qr
    from register_fixtures import SUPERVISOR, SUPERVISOR_PW

    block = desk.reserve_paper_block(
        "nakit_beyan", 1, supervisor_sicil=SUPERVISOR, supervisor_password=SUPERVISOR_PW
    )
    (payload,) = scan_qr(desk.blank_forms_pdf(block.numbers), dpi=100)
    assert payload == f"GMASA1|{block.numbers[0]}|||"


def test_a_prohibited_source_is_a_seizure_never_a_declaration(desk: Desk, capsys: Any) -> None:
    from gumruk_desk import cli

    seized = register(desk, ek1(source_category="loan_from_abroad"))
    year = str(seized.registered_at.year)
    assert seized.number == f"GM01-M1-Z-{year}-000001"  # not in the B series
    assert seized.to_json()["seizure_report"] == {"number": seized.number}
    with pytest.raises(DocumentError, match="beyanı da mümkün değildir"):
        desk.print_document(seized.number, "form")
    report = pages(desk.print_document(seized.number, "seizure")[0])
    assert len(report) == 2 and all(f"NO: {seized.number}" in t for t in report)
    assert "beyanı mümkün olmayan" in report[0]
    receipt = pages(desk.print_document(seized.number, "receipt")[0])
    assert all(f"NO: {seized.number}" in t for t in receipt)
    # The bank's check knows no declaration by that number.
    document = seized.person.id_number
    assert desk.verify_declaration(seized.number, document)["status"] == "unknown"
    # The next declaration takes the first number of the B series: none was used.
    declared = register(desk, ek1())
    assert declared.number == f"GM01-M1-B-{year}-000001"
    assert "seizure_report" not in declared.to_json() and declared.seizure_report_number is None
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--home", str(desk.db.path.parent), "print", seized.number, "--out", "/dev/null"])
    assert stopped.value.code == 2 and "el koyma kaydıdır" in capsys.readouterr().err


def test_every_seizure_report_has_its_own_number_linked_both_ways(desk: Desk) -> None:
    seized = register(desk, ek1(source_category="loan_from_abroad"))
    tutanak = register(
        desk, ek2(declared=[cash("EUR", "1000.00")], detected=[cash("EUR", "16000.00")])
    )
    year = str(tutanak.registered_at.year)
    assert tutanak.number == f"GM01-M1-A-{year}-000001"
    z = tutanak.seizure_report_number
    assert z == f"GM01-M1-Z-{year}-000002"  # one series for every seizure report
    assert seized.seizure_report_number == f"GM01-M1-Z-{year}-000001"
    # The seizure report's number leads back to its record; the record names its report.
    shown = desk.show(z)
    assert shown is not None and shown.number == tutanak.number
    for text in pages(desk.print_document(tutanak.number, "seizure")[0]):
        assert f"NO: {z}" in text and f"(kayıt {tutanak.number})" in text
    form = pages(desk.print_document(tutanak.number, "form")[0])
    assert all(f"NO: {tutanak.number}" in t for t in form)
    # A correct explanation seizes nothing and takes no seizure number.
    fine = register(desk, ek2(declared=[cash("EUR", "1000.00")], detected=[cash("EUR", "1000.00")]))
    assert "seizure_report" not in fine.to_json() and fine.seizure_report_number is None


def _chars(pdf: bytes, page: int = 0) -> list[dict[str, Any]]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return list(doc.pages[page].chars)


def test_the_annex_rows_are_printed_verbatim_and_nothing_in_them_is_small(desk: Desk) -> None:
    record = register(
        desk,
        ek2(
            declared=[cash("EUR", "1000.00")],
            detected=[cash("EUR", "1000.00"), instrument("cek", "TRY", "5000.00")],
        ),
    )
    pdf = desk.print_document(record.number)[0]
    texts = pages(pdf)
    assert [t.count("Nüsha") >= 2 for t in texts] == [True] * 4
    for i, text in enumerate(texts, start=1):
        assert f"Nüsha {i}/4" in text and "Sayfa " not in text
        for row in (
            "15.a.Para Birimi:",
            "15.b.Para Birimi:",
            "15.c.)Türk Parası/Yabancı Para ile Ödemeyi Sağlayan Belgelerin",
            "16.a.Para Birimi:",
            "16.b.Para Birimi:",
            "16.c.) Türk Parası/Yabancı Para ile Ödemeyi Sağlayan Belgelerin",
        ):
            assert row in text, row
    mm = 72 / 25.4
    page_height = 297 * mm
    for ch in _chars(pdf):
        top_mm = ch["top"] / mm
        # Boxes 15–16 (94–139 mm) and 21 (168–181 mm): nothing under 6.5 pt, nothing outside.
        if 94 <= top_mm < 139 or 168 <= top_mm < 181:
            if ch["size"] > 60:  # a mark across the page
                continue
            assert ch["size"] >= 6.5 - 0.01, (ch["text"], top_mm, ch["size"])
            assert 12 * mm - 0.5 <= ch["x0"] and ch["x1"] <= 198 * mm + 0.5
        assert ch["top"] >= 0 and ch["bottom"] <= page_height


def test_blank_paper_forms_carry_the_annex_rows(desk: Desk) -> None:
    from register_fixtures import SUPERVISOR, SUPERVISOR_PW

    block = desk.reserve_paper_block(
        "nakit_aciklama", 1, supervisor_sicil=SUPERVISOR, supervisor_password=SUPERVISOR_PW
    )
    for text in pages(desk.blank_forms_pdf(block.numbers)):
        assert "15.a.Para Birimi:" in text and "16.b.Para Birimi:" in text
        assert "16.c.) Türk Parası/Yabancı Para ile Ödemeyi Sağlayan Belgelerin" in text
        assert "Toplam Tutar" in text


SEIZURE_FACTS: dict[str, Any] = {
    "found": "vehicle",
    "found_detail": "Aracın yedek lastik yuvasında naylon poşet içinde",
    "facts": "Araç X-ray ile tarandı; yedek lastik yuvasında yoğunluk görüldü, poşet çıkarıldı "
    "ve içindeki banknotlar sahibinin huzurunda sayıldı.",
    "statement": "Para kardeşimindir, Almanya'da araba sattı; gümrüğe söylemem gerektiğini "
    "bilmiyordum.",
    "order": {"date": "2026-01-15", "number": "2026/114"},
    "present": [
        {"name": "Mehmet Kaya", "id_number": "10000000146"},
        {"name": "Zeynep Ak", "id_number": "17291716060"},
    ],
}


def test_a_complete_seizure_report(desk: Desk) -> None:
    data = ek2(
        declared=[cash("EUR", "1000.00")],
        detected=[cash("EUR", "16000.00")],
        purpose="Bu amaç ifadeye kopyalanmamalı",
        seizure=SEIZURE_FACTS,
    )
    record = register(desk, data)
    assert record.to_json()["seizure"] == SEIZURE_FACTS
    texts = [" ".join(t.split()) for t in pages(desk.print_document(record.number, "seizure")[0])]
    assert len(texts) == 2
    for text in texts:
        assert "aracında — Aracın yedek lastik yuvasında naylon poşet içinde" in text
        assert "Araç X-ray ile tarandı" in text  # the officers' own words
        # The person's own statement, as given, and nothing composed from other boxes.
        assert "Para kardeşimindir, Almanya'da araba sattı" in text
        assert "Bu amaç ifadeye kopyalanmamalı" not in text
        assert "15.01.2026, 2026/114" in text  # the written order
        assert "Mehmet Kaya" in text and "Kimlik no: 10000000146" in text
        assert "Zeynep Ak" in text and "Kimlik no: 17291716060" in text
        assert "Şahit memur" in text and "şahit memur: Mehmet Öztürk" in text
        assert "sebebini maznun kendi el yazısıyla buraya yazıp imzalar" in text


def test_seizure_facts_only_where_cash_is_seized(desk: Desk) -> None:
    from gumruk_desk.domain.problems import InvalidRecord

    correct = ek2(
        declared=[cash("EUR", "1000.00")],
        detected=[cash("EUR", "1000.00")],
        witness_officer=None,
        seizure=SEIZURE_FACTS,
    )
    with pytest.raises(InvalidRecord) as caught:
        register(desk, correct)
    assert [p.path for p in caught.value.problems] == ["seizure"]
    bad = {**SEIZURE_FACTS, "present": [SEIZURE_FACTS["present"][0]], "found": "other"}
    bad.pop("found_detail")
    with pytest.raises(InvalidRecord) as caught:
        register(desk, ek2(detected=[cash("EUR", "16000.00")], seizure=bad))
    paths = {p.path for p in caught.value.problems}
    assert paths == {"seizure.present", "seizure.found_detail"}
    assert list(desk.list_records()) == []


def test_a_prohibited_source_tutanak_keeps_its_own_series_and_gets_a_seizure_number(
    desk: Desk,
) -> None:
    record = register(
        desk,
        ek2(source_category="loan_from_abroad", detected=[cash("EUR", "5000.00")]),
    )
    year = str(record.registered_at.year)
    assert record.outcome.code is OutcomeCode.PROHIBITED_SOURCE
    assert record.number == f"GM01-M1-A-{year}-000001"  # a tutanak, in its series
    assert record.seizure_report_number == f"GM01-M1-Z-{year}-000001"
    assert len(pages(desk.print_document(record.number, "form")[0])) == 4


def test_a_paper_forms_qr_and_a_cancelled_forms_qr_at_the_bank(desk: Desk) -> None:
    import datetime

    from register_fixtures import SUPERVISOR, SUPERVISOR_PW

    block = desk.reserve_paper_block(
        "nakit_beyan", 1, supervisor_sicil=SUPERVISOR, supervisor_password=SUPERVISOR_PW
    )
    number = block.numbers[0]
    filled = datetime.datetime.now().astimezone() - datetime.timedelta(hours=2)
    paper = {
        "number": number,
        "ledger_page": 1,
        "ledger_line": 1,
        "filled_at": filled.isoformat(timespec="minutes"),
    }
    record = register(desk, ek1(paper=paper))
    document = record.person.id_number
    # The pre-printed sheet's QR carries its number only: the answer is the register's.
    blank_qr = f"GMASA1|{number}|||"
    assert desk.verify_declaration(blank_qr, document)["status"] == "genuine"
    desk.cancel(
        record.number,
        reason="Yanlış kişi",
        officer_sicil=OFFICER,
        officer_password=OFFICER_PW,
        approver_sicil=SUPERVISOR,
        approver_password=SUPERVISOR_PW,
        copies_collected=3,
    )
    wrong = f"GMASA1|{number}|{record.registered_at.date().isoformat()}|1.00|{'0' * 12}"
    answer = desk.verify_declaration(wrong, document)
    assert answer["status"] == "cancelled"  # what the bank must know first
    assert answer["mismatch"] == ["total", "hash"]
