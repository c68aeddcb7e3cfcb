"""What is accepted is what prints: every text field at the longest the validator accepts,
written with real Turkish words (names in capitals, as an MRZ gives them), prints on every
document, and no glyph lies across the edge of any box of the form.

The glyph boxes are read back from the PDF (pdfplumber); the boxes of the forms are the
layouts' own (forms/*.json).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from factories import cash, ek1, ek2, instrument
from gumruk_desk.domain.validation import EK2_BOXES
from gumruk_desk.printing.painter import MIN_TEXT
from gumruk_desk.services import Desk
from register_fixtures import OFFICER, OFFICER_PW, WITNESS, WITNESS_PW

FORMS = Path(__file__).resolve().parents[1] / "forms"
MM = 72 / 25.4
#: What the tutanak's boxes take: the validator's printed limits.
BOX = {name: printed for name, (printed, _stored) in EK2_BOXES.items()}

_TEXT = (
    "Çarşı içinde Işıklar Sokağı'ndaki eski taş hanın üst katında ağabeyiyle birlikte "
    "yürüttüğü kumaş ticaretinden elde ettiği gelir ile düğün için biriktirdiği paranın "
    "bir bölümünü yanına aldığını, geri kalanın ise Ağustos ayında gönderileceğini söyledi. "
)
_NAMES = "ŞÜKRÜYE GÜLİZAR ÇAĞLAYANGİL ÖZTÜRKMENOĞLU İĞDELİOĞLU KÜÇÜKÇİFTÇİ "


def words(n: int, *, names: bool = False) -> str:
    """Real words, exactly ``n`` characters long (the last word cut if it must be)."""
    source = _NAMES if names else _TEXT
    text = (source * (n // len(source) + 2))[:n]
    return text[:-1] + "A" if text.endswith(" ") else text


def longest_ek2() -> dict[str, Any]:
    data = ek2(
        declared=[cash("EUR", "123456789012345.00"), cash("USD", "987654321098765.00")],
        detected=[
            cash("EUR", "123456789012345.00"),
            cash("USD", "987654321098765.00"),
            cash("GBP", "555555555555555.00"),
            instrument("cek", "TRY", "444444444444444.00"),
        ],
        sender={"name": words(BOX["sender"]), "id_number": "ABC1234567890123456789012345X"},
        purpose=words(BOX["purpose"]),
        source=words(BOX["source"]),
        signature_refused={"reason": words(BOX["refusal"])},
    )
    person = data["person"]
    for key in ("first_name", "last_name", "father_name", "mother_name"):
        person[key] = words(BOX["name"], names=True)
    for key in ("birth_place", "occupation", "address", "destination_address"):
        person[key] = words(BOX[key])
    person["phone"] = "+90 (212) 555-00-00 / 555 1111"
    person["destination_phone"] = "+90 (212) 555-00-00 / 555 2222"
    data["seizure"] = {
        "found": "other",
        "found_detail": words(200),
        "facts": words(600),
        "statement": words(600),
        "order": {"date": "2026-01-15", "number": "2026/114-" + "9" * 21},
        "present": [
            {"name": words(60, names=True), "id_number": "A" * 30},
            {"name": words(60, names=True), "id_number": "B" * 30},
        ],
    }
    return data


def longest_ek1() -> dict[str, Any]:
    data = ek1(
        arrival_reason={"code": "other", "text": words(200)},
        cash=[cash(c, "123456789012345.00") for c in ("EUR", "USD", "GBP", "RUB")]
        + [cash("JPY", "123456789012345"), instrument("police", "EUR", "98765432101234.00")],
        beneficiary={
            "name": words(150),
            "legal_entity": True,
            "nationality": None,
            "id_kind": "vkn",
            "id_number": "4540536920",
        },
    )
    person = data["person"]
    for key in ("first_name", "last_name", "father_name"):
        person[key] = words(60, names=True)
    person["birth_place"] = words(80)
    return data


def boxes(layout: str) -> list[tuple[str, float, float, float, float]]:
    found = []
    for el in json.loads((FORMS / f"{layout}.json").read_text(encoding="utf-8"))["elements"]:
        if "w" in el and "h" in el:
            found.append((el.get("label") or el["type"], el["x"], el["y"], el["w"], el["h"]))
    return found


def crossings(pdf: bytes, layout: str) -> list[str]:
    """Glyphs lying across the edge of a box of the form, on any page."""
    bad = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for number, page in enumerate(doc.pages, start=1):
            for ch in page.chars:
                if ch["size"] > 60 or not ch["text"].strip():  # a mark across the page
                    continue
                x0, x1 = ch["x0"] / MM, ch["x1"] / MM
                # The glyph's ink: from a little below the top of the em to the baseline.
                top, bottom = (ch["top"] + ch["size"] * 0.2) / MM, ch["bottom"] / MM
                for label, bx, by, bw, bh in boxes(layout):
                    overlaps = x1 > bx and x0 < bx + bw and bottom > by and top < by + bh
                    inside = (
                        x0 >= bx - 0.1
                        and x1 <= bx + bw + 0.1
                        and top >= by - 0.1
                        and bottom <= by + bh + 0.1
                    )
                    if overlaps and not inside:
                        bad.append(f"p{number} {ch['text']!r} at {x0:.1f},{top:.1f} × {label}")
    return bad


def small_text(pdf: bytes) -> list[str]:
    """Glyphs printed smaller than the smallest text a signed copy may carry."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [
            f"p{number} {ch['text']!r} {ch['size']:.2f} pt at {ch['x0'] / MM:.0f},"
            f"{ch['top'] / MM:.0f} mm"
            for number, page in enumerate(doc.pages, start=1)
            for ch in page.chars
            if ch["text"].strip() and ch["size"] < MIN_TEXT - 0.01
        ]


@pytest.fixture
def officers(desk: Desk) -> tuple[Any, Any]:
    return desk.authenticate(OFFICER, OFFICER_PW), desk.authenticate(WITNESS, WITNESS_PW)


def test_the_longest_tutanak_prints_on_every_document_inside_its_boxes(
    desk: Desk, officers: tuple[Any, Any]
) -> None:
    officer, witness = officers
    record = desk.register(
        longest_ek2(),
        officer=officer,
        witness=witness,
        manual_rates={"GBP": __import__("decimal").Decimal("40")}
        if desk.bulletin_currencies() and "GBP" not in desk.bulletin_currencies()
        else None,
    )
    assert record.outcome.custody  # the seizure report and receipt print too
    form = desk.print_document(record.number, "form")[0]
    assert crossings(form, "ek2") == []
    assert small_text(form) == []
    for document in ("seizure", "receipt"):
        pdf = desk.print_document(record.number, document)[0]
        assert small_text(pdf) == []
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            for page in doc.pages:
                for ch in page.chars:
                    assert ch["x0"] >= 0 and ch["x1"] <= page.width, ch["text"]
                    assert ch["top"] >= 0 and ch["bottom"] <= page.height, ch["text"]
    assert small_text(desk.ledger_pdf()) == []
    assert small_text(desk.shift_report_pdf(desk.shift_report())) == []


def test_the_longest_declaration_prints_inside_its_boxes(
    desk: Desk, officers: tuple[Any, Any]
) -> None:
    record = desk.register(longest_ek1(), officer=officers[0])
    form = desk.print_document(record.number, "form")[0]
    assert crossings(form, "ek1") == []
    assert small_text(form) == []


def test_a_word_longer_than_its_box_is_broken_inside_the_box(
    desk: Desk, officers: tuple[Any, Any]
) -> None:
    data = ek1()
    data["person"]["birth_place"] = "Ü" * 80  # one word, wider than the box
    record = desk.register(data, officer=officers[0])
    assert crossings(desk.print_document(record.number, "form")[0], "ek1") == []


def test_the_checker_itself_sees_a_glyph_across_a_box() -> None:
    """Guard against a vacuous check: text drawn across the edge of box 1 is reported."""
    from gumruk_desk.printing.painter import Painter, new_canvas

    buffer = io.BytesIO()
    canvas = new_canvas(buffer, "t", "t")
    first = boxes("ek2")[0]
    Painter(canvas).string(first[1] + first[3] - 5, first[2] + 5, "TAŞAN METİN", 9)
    canvas.save()
    assert crossings(buffer.getvalue(), "ek2")


def test_one_character_more_than_a_box_holds_is_refused(
    desk: Desk, officers: tuple[Any, Any]
) -> None:
    from gumruk_desk.domain.problems import InvalidRecord

    for key in ("purpose", "source"):
        with pytest.raises(InvalidRecord) as caught:
            desk.register(
                ek2(**{key: words(BOX[key] + 1)}), officer=officers[0], witness=officers[1]
            )
        assert [p.path for p in caught.value.problems] == [key]
    assert list(desk.list_records()) == []


def test_officers_and_the_station_hold_what_the_printed_boxes_hold(desk: Desk) -> None:
    from gumruk_desk.register.officers import OfficerError

    with pytest.raises(OfficerError, match="en fazla 60"):
        desk.add_officer(sicil="777", name=words(61, names=True), title="Memur", password="x" * 9)
    desk.add_officer(
        sicil="778", name=words(60, names=True), title=words(60), password="parola-778!"
    )
    officer = desk.authenticate("778", "parola-778!")
    record = desk.register(longest_ek1(), officer=officer)
    assert crossings(desk.print_document(record.number, "form")[0], "ek1") == []


def test_a_record_that_would_not_print_is_refused_and_nothing_is_stored(
    desk: Desk, officers: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second line of defence: registration renders every document before it commits.
    Here a box made narrower than the validator's limit stands for any mismatch."""
    from gumruk_desk.domain.problems import InvalidRecord
    from gumruk_desk.printing import documents

    real = documents.load_layout

    def narrow(name: str) -> dict[str, Any]:
        layout: dict[str, Any] = json.loads(json.dumps(real(name)))
        for el in layout["elements"]:
            if el.get("value") == "person.birth_place":
                el["w"], el["h"] = 12, 6
        return layout

    monkeypatch.setattr(documents, "load_layout", narrow)
    data = ek1()
    data["person"]["birth_place"] = words(80)
    with pytest.raises(InvalidRecord) as caught:
        desk.register(data, officer=officers[0])
    assert [p.path for p in caught.value.problems] == ["person.birth_place"]
    assert list(desk.list_records()) == []
    monkeypatch.setattr(documents, "load_layout", real)
    first = desk.register(ek1(), officer=officers[0])
    assert first.number.endswith("-000001")  # no number was used by the refused one


def _nine_lines() -> list[dict[str, Any]]:
    """Nine money lines in six currencies and three instruments, amounts at full width."""
    lines = [cash(c, "123456789012.00") for c in ("EUR", "USD", "GBP", "RUB", "TRY")]
    lines.append(cash("JPY", "123456789012345"))
    lines += [instrument(k, "TRY", "444444444444.00") for k in ("cek", "bono", "police")]
    return lines


def test_the_most_money_lines_print_legibly_and_one_more_is_refused(
    desk: Desk, officers: tuple[Any, Any]
) -> None:
    from gumruk_desk.domain.problems import InvalidRecord
    from gumruk_desk.domain.validation import MONEY_LINES

    assert MONEY_LINES["declared"] == MONEY_LINES["detected"] == len(_nine_lines())
    data = ek2(declared=_nine_lines(), detected=_nine_lines())
    record = desk.register(data, officer=officers[0], witness=officers[1])
    form = desk.print_document(record.number, "form")[0]
    assert crossings(form, "ek2") == []
    assert small_text(form) == []
    for key in ("declared", "detected"):
        more = ek2(declared=_nine_lines(), detected=_nine_lines())
        more[key].append(instrument("seyahat_ceki", "EUR", "10.00"))
        with pytest.raises(InvalidRecord) as caught:
            desk.register(more, officer=officers[0], witness=officers[1])
        assert [p.path for p in caught.value.problems] == [key]
        assert "En fazla 9 satır" in caught.value.problems[0].message
    assert [r.number for r in desk.list_records()] == [record.number]
