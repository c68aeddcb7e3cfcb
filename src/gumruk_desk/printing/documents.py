"""The four printed documents, drawn from a registered record's JSON (SPEC §3, §4, §6).

``render_pdf`` returns the PDF bytes of one document with one page per copy. Layouts of EK-1
and EK-2 (positions and verbatim labels) are data in ``forms/``; the seizure report and the
custody receipt are laid out here. Every page carries the copy label, the number, a QR code
(number, date, TL total, short register hash), and the marks the situation needs: DEMO,
YENİDEN BASKI, İPTAL.
"""

from __future__ import annotations

import datetime
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from gumruk_desk.domain import vocabulary
from gumruk_desk.printing import fmt
from gumruk_desk.printing.painter import (
    LEGACY_MIN,
    MIN_TEXT,
    PAGE_H_MM,
    LayoutOverflow,
    Painter,
    new_canvas,
)
from gumruk_desk.resources import data_root

DOCUMENTS = ("form", "seizure", "receipt")
MAX_CUSTODY_LINES_IN_BOX = 6

# The vocabulary's words, under the names this module has always used.
SOURCE_TR = vocabulary.SOURCE
REASON_TR = vocabulary.REASON
SELECTION_TR = vocabulary.SELECTION
COLUMN_TR = vocabulary.COLUMN


class DocumentError(ValueError):
    """A document that cannot be printed for this record; str(e) is Turkish."""


@dataclass(frozen=True)
class PrintJob:
    content: dict[str, Any]  # the registered record (SPEC §9), with "status"
    document: str = "form"
    print_no: int = 1  # 1 for the first print of this document; more is a reprint
    short_hash: str = ""  # the register's row hash prefix, for the QR code
    printed_at: datetime.datetime = field(default_factory=datetime.datetime.now)
    #: Refuse any text below MIN_TEXT (the registration's check) instead of shrinking it.
    strict: bool = False


@lru_cache(maxsize=4)
def load_layout(name: str) -> dict[str, Any]:
    path = data_root() / "forms" / f"{name}.json"
    layout: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return layout


def ground(content: dict[str, Any], key: str) -> str:
    """The citation the record's own rule set gives for ``key`` (rules.GROUND_KEYS): a
    document cites the law it was made under, whatever rule set is in force when it is
    reprinted."""
    grounds = (content.get("rule_parameters") or {}).get("legal_grounds") or {}
    return str(grounds.get(key) or f"Kural seti {content.get('rule_set', '—')}")


def _get(content: dict[str, Any], path: str) -> Any:
    value: Any = content
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def copy_labels(layout: dict[str, Any], outcome: dict[str, Any]) -> list[str]:
    labels = []
    for copy in layout["copies"]:
        when = copy.get("when")
        labels.append(copy["label"] if when is None or outcome.get(when) else copy["else"])
    return labels


def blank_copy_labels(layout: dict[str, Any]) -> list[str]:
    """A copy's destination on a form printed before its outcome is known: both choices."""
    labels = []
    for copy in layout["copies"]:
        if copy.get("when") is None:
            labels.append(copy["label"])
        else:
            head, _, where = copy["label"].partition(" – ")
            other = copy["else"].partition(" – ")[2]
            labels.append(f"{head} – {where} / {other}")
    return labels


def blank_form_content(kind: str, number: str, station: dict[str, Any]) -> dict[str, Any]:
    """What a blank, pre-numbered paper form (§O4) prints: the number and the office."""
    return {
        "blank": True,
        "kind": kind,
        "number": number,
        "registered_at": "",
        "office": station["office"],
        "office_name": station["office_name"],
        "customs_area": station.get("customs_area") or "",
        "desk": station["desk"],
        "demo": bool(station.get("demo")),
        "person": {},
        "cash": [],
        "declared": [],
        "detected": [],
        "valuation": {},
        "rule_set": "—",
        "officer": "",
        "outcome": {
            "code": "",
            "fine_try": "0.00",
            "custody": [],
            "prosecutor_referral": False,
            "masak_copy": False,
            "exit_limit_exceeded": False,
            "officer_signatures_required": 2,
            "copies": 3 if kind == "nakit_beyan" else 4,
            "warnings": [],
            "grounds": [],
        },
    }


#: The record path behind each box of the seizure report (the forms' are in their layouts).
_SEIZURE_BOX_PATHS = {
    "Nakdin nerede ve ne suretle bulunup zaptedildiği": "seizure.found_detail",
    "2. Vaka ve deliller (memurların anlatımı)": "seizure.facts",
    "Maznunun ifadesi (kendi sözleriyle)": "seizure.statement",
    "Amirin yazılı izni (tarihi, numarası)": "seizure.order.number",
    "3. Maznunun isim ve hüviyeti, sanatı ve mahalli ikameti": "person",
    "Hazır bulunan (1)": "seizure.present[0]",
    "Hazır bulunan (2)": "seizure.present[1]",
    "Maznun": "person",
}


def overflow_path(content: dict[str, Any], what: str) -> str:
    """The record path of the box named ``what`` (its printed label), or "" when the box is
    the register's own (an officer's name, the station, the footer)."""
    if what in ("declared", "detected", "cash"):  # the money lines themselves
        return what
    layout = load_layout("ek1" if content.get("kind") == "nakit_beyan" else "ek2")
    for el in layout["elements"]:
        if el.get("label", "").rstrip(":") == what and el.get("value"):
            return str(el["value"])
    return _SEIZURE_BOX_PATHS.get(what, "")


def documents_of(content: dict[str, Any]) -> tuple[str, ...]:
    """The documents a registered record prints."""
    custody = bool((content.get("outcome") or {}).get("custody"))
    if is_prohibited_declaration(content):
        return ("seizure", "receipt")
    return ("form", "seizure", "receipt") if custody else ("form",)


def is_prohibited_declaration(content: dict[str, Any]) -> bool:
    """A Nakit Beyan Formu input whose source makes it undeclarable: a seizure, not a form."""
    return content.get("kind") == "nakit_beyan" and (
        (content.get("outcome") or {}).get("code") == "prohibited_source"
    )


def seizure_number(content: dict[str, Any]) -> str:
    """The seizure report's own number (series Z); the record's for one registered before
    seizure reports were numbered apart."""
    return str((content.get("seizure_report") or {}).get("number") or content["number"])


def render_pdf(job: PrintJob, ops: list[tuple[Any, ...]] | None = None) -> bytes:
    """Render ``job``; ``ops``, when given, receives every drawing primitive (benchmark)."""
    return render_many([job], ops)


def render_many(jobs: list[PrintJob], ops: list[tuple[Any, ...]] | None = None) -> bytes:
    """Render the jobs one after the other into one PDF (e.g. a stack of blank forms)."""
    for job in jobs:
        if job.document not in DOCUMENTS:
            raise DocumentError(f"Bilinmeyen belge türü: {job.document}.")
        content = job.content
        if job.document == "form" and is_prohibited_declaration(content):
            raise DocumentError(
                f"{content['number']} bir el koyma kaydıdır, Nakit Beyan Formu değil: nakdin "
                "kaynağı yasak olduğundan beyanı da mümkün değildir "
                f"({ground(content, 'prohibited_source_document')}). Zabıt varakası ve alındı "
                "belgesi yazdırılır."
            )
        if job.document != "form" and not content["outcome"]["custody"]:
            raise DocumentError(
                f"{content['number']} numaralı kayıtta el konulan nakit yok: "
                "zabıt varakası ve alındı belgesi düzenlenmez."
            )
    buffer = io.BytesIO()
    first = jobs[0].content
    title = {
        "form": "Nakit Beyan Formu"
        if first["kind"] == "nakit_beyan"
        else "Nakit Açıklama Tutanağı",
        "seizure": "Zabıt Varakası",
        "receipt": "Alındı Belgesi",
    }[jobs[0].document]
    canvas = new_canvas(
        buffer, f"{title} {first['number']}", f"{first.get('office_name', '')} — Gümrük Masası"
    )
    canvas.setSubject(first["number"])
    painter = Painter(canvas, ops, strict=any(job.strict for job in jobs))
    for job in jobs:
        _render_job(canvas, painter, job)
    canvas.save()
    return buffer.getvalue()


def _render_job(canvas: Canvas, painter: Painter, job: PrintJob) -> None:
    content = job.content
    drawer: Callable[[Painter, PrintJob, str], None]
    if job.document == "form":
        layout = load_layout("ek1" if content["kind"] == "nakit_beyan" else "ek2")
        labels = (
            blank_copy_labels(layout)
            if content.get("blank")
            else copy_labels(layout, content["outcome"])
        )
        drawer = lambda p, j, label: _draw_form(p, j, layout, label)  # noqa: E731
    elif job.document == "seizure":
        labels = ["1. Nüsha – Sevk evrakına eklenir", "2. Nüsha – İdarede saklanır"]
        drawer = _draw_seizure
    else:
        labels = ["1. Nüsha – İlgilisine verilir", "2. Nüsha – İdarede saklanır"]
        drawer = _draw_receipt
    for label in labels:
        _draw_watermarks(painter, job)  # first, so that all the content lies above them
        drawer(painter, job, label)
        _draw_marks(painter, job)
        canvas.showPage()
        painter._font = ("", 0.0)  # a new page starts without a font


# -- shared page furniture ---------------------------------------------------------------------


def _header(
    p: Painter, job: PrintJob, annex: str, title: str, copy_label: str, *, seizure: bool = False
) -> None:
    content = job.content
    # The top-left corner above the title is kept for the marks (_draw_marks).
    p.string(12, 22, annex, 8, bold=True)
    number = seizure_number(content) if seizure else content["number"]
    p.rect(118, 6, 80, 9, width=0.8)
    p.fit(119.5, 7, 77, 7.4, copy_label, size=8, bold=True, what="nüsha")
    p.string(105, 22, title, 14, bold=True, align="center")
    p.string(12, 27.5, f"NO: {number}", 9.5, bold=True)
    if number != content["number"]:
        p.string(
            12 + p.text_width(f"NO: {number}", 9.5, bold=True) + 2,
            27.5,
            f"(kayıt {content['number']})",
            7,
        )
    when = "..../..../........ ....:...." if content.get("blank") else None
    p.string(
        198,
        27.5,
        f"Tarih: {when or fmt.date_time(content['registered_at'])}",
        9,
        align="right",
    )
    if content.get("paper"):
        paper = content["paper"]
        p.string(
            105,
            27.5,
            f"Kâğıt form {paper['number']} ({fmt.date_time(paper['filled_at'])})"
            f", defter s.{paper['ledger_page']} / sa.{paper['ledger_line']}",
            6.5,
            align="center",
        )


#: A line of text is this many millimetres per point of type.
LEADING_MM = 1.18 * 25.4 / 72

#: The QR code's side in mm and its quiet zone in modules.
QR_SIZE, QR_QUIET = 26.0, 2


def _qr(p: Painter, payload: str, x: float, y: float, size: float) -> None:
    """QR code drawn module by module on the canvas (no graphics renderer: it would declare
    a base-14 font on the page)."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    count = code.getModuleCount()
    # Two modules of quiet zone inside the square (the paper around it is blank too): the
    # modules stay large enough to decode from a 100-dpi office scan.
    module = size * mm / (count + 2 * QR_QUIET)
    left, top = x * mm + QR_QUIET * module, (PAGE_H_MM - y) * mm - QR_QUIET * module
    c = p.canvas
    path = c.beginPath()
    for row in range(count):
        for col in range(count):
            if code.isDark(row, col):
                path.rect(left + col * module, top - (row + 1) * module, module, module)
    c.drawPath(path, stroke=0, fill=1)
    if p.ops is not None:
        p.ops.append(("qr", payload, x * mm, (PAGE_H_MM - y - size) * mm, size * mm))


def qr_payload(job: PrintJob) -> str:
    """What a bank or an inspector scans: checkable against the register (§G1.2a). A blank
    paper form carries its number only: it has no date, no amount and no hash yet."""
    content = job.content
    if content.get("blank"):
        return "|".join(["GMASA1", content["number"], "", "", ""])
    valuation = content["valuation"]
    total = valuation.get("detected_try") or valuation.get("declared_try") or "0.00"
    return "|".join(
        ["GMASA1", content["number"], content["registered_at"][:10], total, job.short_hash[:12]]
    )


def _footer(
    p: Painter, job: PrintJob, x: float, y: float, w: float, h: float, page: int, pages: int
) -> None:
    content = job.content
    _qr(p, qr_payload(job), x, y, min(h, QR_SIZE))
    text_x = min(h, QR_SIZE) + 2
    if content.get("blank"):
        p.fit(
            x + text_x,
            y + 0.5,
            w - text_x,
            h - 1,
            f"Kâğıt form no: {content['number']} — sistem çalışmadığında doldurulur; sisteme "
            "girildiğinde bu numarayla kaydedilir ve numaralı deftere işlenir (Genelge 2013/1 "
            f"Ortak hükümler 4, 6).\n{content.get('office_name', '')} · Masa {content['desk']}",
            size=7,
            what="alt bilgi",
        )
        return
    lines = [
        f"Tescil no: {content['number']} · Özet: {job.short_hash[:12] or '—'}",
        "Bu belgenin doğruluğu, numarası ve karekodu ile düzenleyen gümrük idaresinden "
        "sorulabilir.",
        f"{content.get('office_name', '')} · Masa {content['desk']} · Kural seti "
        f"{content['rule_set']}"
        + (
            " (taslak; onaylanarak uygulandı)"
            if (content.get("rule_parameters") or {}).get("rule_set_status") == "draft"
            else ""
        ),
        f"Baskı: {job.printed_at:%d.%m.%Y %H:%M} · Nüsha {page}/{pages}",
    ]
    # What concerns the desk's rule sets (the law has moved on) is said on the screen and in
    # the record; the signed page keeps the warnings about this record's own figures.
    moved = set(content["outcome"].get("superseded") or [])
    warnings = [w for w in content["outcome"].get("warnings") or [] if w not in moved]
    if warnings:
        lines.append("Uyarılar: " + " ".join(warnings))
    p.fit(
        x + text_x,
        y + 0.5,
        w - text_x,
        h - 1,
        "\n".join(lines),
        size=6.5,
        what="alt bilgi",
    )


#: The top-left corner where a reprint, a demo, a cancellation or a replacement is stated.
MARKS_BOX = (12.0, 0.8, 104.0, 16.4)


def marks_text(job: PrintJob, *, names: bool = True) -> str:
    """What the top-left corner of every page states: a reprint, a demo station, and for a
    cancelled record the cancellation itself (when, who asked, which supervisor approved, why,
    and the number filled in its place); for a replacement, the number it replaces."""
    content = job.content
    parts = []
    if job.print_no > 1:
        parts.append(f"YENİDEN BASKI ({job.print_no}. baskı)")
    if content.get("demo"):
        parts.append("DEMO — GEÇERSİZ (deneme masası)")
    lines = [" · ".join(parts)] if parts else []
    cancellation = content.get("cancellation") if content.get("status") == "cancelled" else None
    if cancellation:

        def who(key: str) -> str:
            name = cancellation.get(f"{key}_name") if names else None
            return f"{name} ({cancellation[key]})" if name else f"sicil {cancellation[key]}"

        replaced = cancellation.get("replaced_by")
        lines.append(
            f"İPTAL EDİLDİ {fmt.date_time(cancellation['at'])} — isteyen {who('requested_by')}, "
            f"onaylayan amir {who('approved_by')}"
            + (f"; yerine düzenlenen: {replaced}" if replaced else "; yerine kayıt düzenlenmedi")
            + f". Gerekçe: {cancellation['reason']}"
        )
    if content.get("replaces"):
        lines.append(f"Bu kayıt, iptal edilen {content['replaces']} yerine düzenlenmiştir.")
    return "\n".join(lines)


def _draw_marks(p: Painter, job: PrintJob) -> None:
    text = marks_text(job)
    if not text:
        return
    x, y, w, h = MARKS_BOX
    try:
        p.fit(x, y, w, h, text, size=7.5, bold=True, what="iptal açıklaması")
    except LayoutOverflow:  # very long names: sicils alone leave room for the whole reason
        p.fit(
            x,
            y,
            w,
            h,
            marks_text(job, names=False),
            size=7,
            bold=True,
            what="iptal açıklaması",
        )


def _draw_watermarks(p: Painter, job: PrintJob) -> None:
    """İPTAL and DEMO across the page, light, drawn before the content so that they never
    hide it; with both, each has its own half of the page."""
    content = job.content
    marks = [
        text
        for text, wanted in (
            ("İPTAL", content.get("status") == "cancelled"),
            ("DEMO", bool(content.get("demo"))),
        )
        if wanted
    ]
    places = {1: [(150.0, 110.0)], 2: [(105.0, 90.0), (215.0, 70.0)]}.get(len(marks), [])
    for text, (centre_y, size) in zip(marks, places, strict=False):
        p.watermark(text, centre_y, size, gray=0.86 if text == "İPTAL" else 0.9)


def _exit_banner(
    p: Painter, content: dict[str, Any], x: float, y: float, w: float, title: str
) -> None:
    """The annex is an entry form; a declaration on exit says so in its first section bar,
    right of the title, shrunk to MIN_TEXT and then shortened to the country's code so that
    it never runs into the title."""
    room = w - 3 - p.text_width(title, 8, bold=True) - 4
    code = content.get("country_to") or ""
    for country in (fmt.country(code), code):
        text = f"YURT DIŞINA ÇIKIŞ — gidilecek ülke: {country}"
        for size in (8.0, 7.0, MIN_TEXT):
            if p.text_width(text, size, bold=True) <= room:
                p.string(x + w - 1.5, y + 4, text, size, bold=True, align="right")
                return
    p.string(x + w - 1.5, y + 4, f"ÇIKIŞ: {code}", MIN_TEXT, bold=True, align="right")


def _section(p: Painter, x: float, y: float, w: float, text: str) -> None:
    p.rect(x, y, w, 5.5, fill_gray=0.88)
    p.string(x + 1.5, y + 4, text, 8, bold=True)


# -- EK-1 / EK-2 --------------------------------------------------------------------------------


def _format_value(content: dict[str, Any], element: dict[str, Any], layout: dict[str, Any]) -> str:
    kind = element.get("format", "text")
    if content.get("blank"):  # a pre-numbered paper form: only what is printed in advance
        if kind == "obligation":
            return str(layout["obligation_text"])
        if kind == "office":
            return f"{content.get('office_name', '')} ({content['office']})"
        if kind == "customs_area":
            return str(content.get("customs_area") or content.get("office_name", ""))
        return ""
    raw = _get(content, element["value"]) if element["value"] else None
    if kind == "date":
        return fmt.date(raw)
    if kind == "country":
        return fmt.country(raw)
    if kind == "id":
        return fmt.identity(raw)
    if kind == "arrival_reason":
        reason = raw or {}
        label = REASON_TR.get(reason.get("code", ""), "")
        text = reason.get("text") or ""
        return f"{label}{' — ' + text if text and text != label else ''}"
    if kind == "customs_area":
        return str(content.get("customs_area") or content.get("office_name", ""))
    if kind == "office":
        return f"{content.get('office_name', '')} ({content['office']})"
    if kind == "source":
        # The person's own words; the officer's category is printed apart (_draw_form).
        return "" if raw is None else str(raw)
    if kind == "obligation":
        basis = SELECTION_TR.get(content.get("selection_basis", ""), "")
        return f"{layout['obligation_text']} Seçim: {basis}."
    return "" if raw is None else str(raw)


def _draw_form(p: Painter, job: PrintJob, layout: dict[str, Any], copy_label: str) -> None:
    content = job.content
    _header(p, job, layout["annex"], layout["title"], copy_label)
    for el in layout["elements"]:
        kind = el["type"]
        if kind == "section":
            _section(p, el["x"], el["y"], el["w"], el["text"])
            first = el is next(e for e in layout["elements"] if e["type"] == "section")
            if (
                first
                and content.get("kind") == "nakit_beyan"
                and content.get("direction") == "exit"
            ):
                _exit_banner(p, content, el["x"], el["y"], el["w"], el["text"])
        elif kind == "field":
            p.field(
                el["x"],
                el["y"],
                el["w"],
                el["h"],
                el["label"],
                _format_value(content, el, layout),
                size=el.get("size", 9),
                min_size=el.get("min_size", MIN_TEXT),
            )
            if el.get("format") == "source" and not content.get("blank"):
                # Box 20: the person's words below, the officer's category on the label line.
                category = SOURCE_TR.get(content.get("source_category", ""), "")
                p.string(
                    el["x"] + el["w"] - 1,
                    el["y"] + 2.6,
                    f"Kaynak türü (memurca): {category}",
                    MIN_TEXT,
                    align="right",
                )
        elif kind == "money_table":
            _money_table(p, el["x"], el["y"], el["w"], el["h"], content[el["lines"]], el["headers"])
        elif kind == "explanation_tables":
            x, y, w, h = el["x"], el["y"], el["w"], el["h"]
            # Boxes 15-16 and the TL values below them share the space: the valuation takes
            # what its text needs (many rates, an exit's cover), the tables the rest.
            below = valuation_height(p, content, w, el["valuation_h"])
            _explanation_tables(p, content, x, y, w, h - below)
            _valuation(p, content, x, y + h - below, w, below)
        elif kind == "valuation":
            _valuation(p, content, el["x"], el["y"], el["w"], el["h"])
        elif kind == "result_box":
            _result_box(p, content, el["x"], el["y"], el["w"], el["h"])
        elif kind == "closing":
            p.string(el["x"], el["y"], layout["closing_line"], 8.5, bold=True)
        elif kind == "signature":
            _signature(p, content, el)
        elif kind == "footer":
            page = int(copy_label.split(".")[0]) if copy_label[:1].isdigit() else 1
            _footer(p, job, el["x"], el["y"], el["w"], el["h"], page, len(layout["copies"]))


def _money_table(
    p: Painter,
    x: float,
    y: float,
    w: float,
    h: float,
    lines: list[dict[str, Any]] | None,
    headers: list[str],
    empty: str = "",
) -> None:
    p.rect(x, y, w, h)
    split = x + w * 0.62
    p.rect(x, y, w, 5, fill_gray=0.94)
    p.string(x + 1.5, y + 3.6, headers[0], 7, bold=True)
    p.string(split + 1.5, y + 3.6, headers[1], 7, bold=True)
    p.line(split, y, split, y + h)
    if lines is None:
        p.fit(x + 1.5, y + 6, w - 3, h - 7, empty, size=8.5)
        return
    rows = max(len(lines), 1)
    row_h = min(5.2, (h - 5.6) / rows)
    size = min(8.5, max(4.6, row_h * 2.0))
    for i, line in enumerate(lines):
        base = y + 5 + (i + 1) * row_h - row_h * 0.28
        p.string(x + 1.5, base, fmt.line_kind(line), size)
        p.string(
            x + w - 1.5,
            base,
            f"{fmt.line_amount(line)} {line['currency']}",
            size,
            align="right",
        )
    if not lines:
        p.string(x + 1.5, y + 9, "—", 8)


#: The annex's own sub-labels of boxes 15 and 16 (EK-2, verbatim, capitals as printed there).
ANNEX_ROWS = {
    "15": (
        ("15.a.Para Birimi:", "Toplam tutarı:"),
        ("15.b.Para Birimi:", "Toplam Tutarı:"),
        ("15.c.)Türk Parası/Yabancı Para ile Ödemeyi Sağlayan Belgelerin cinsi:", "Toplam Tutarı:"),
    ),
    "16": (
        ("16.a.Para Birimi:", "Toplam tutarı:"),
        ("16.b.Para Birimi:", "Toplam Tutarı:"),
        ("16.c.) Türk Parası/Yabancı Para ile Ödemeyi Sağlayan Belgelerin Cinsi:", "Toplam Tutar"),
    ),
}


def explanation_rows(
    number: str, lines: list[dict[str, Any]] | None, *, blank: bool = False
) -> list[tuple[str, str, str, str]]:
    """Rows of box 15 or 16 as (label, kind, amount label, amount): 15.a and 15.b for the first
    two currencies, further currencies under 15.b without numbers of their own, then 15.c for
    payment instruments, each on a row of its own. Every sub-label is printed, used or not."""
    (a_label, a_total), (b_label, b_total), (c_label, c_total) = ANNEX_ROWS[number]
    cash = [ln for ln in lines or [] if not ln.get("instrument")]
    docs = [ln for ln in lines or [] if ln.get("instrument")]
    if blank or lines is None:
        cash, docs = [], []

    def kind(ln: dict[str, Any]) -> str:
        return fmt.currency(ln["currency"])

    def counted(ln: dict[str, Any]) -> list[tuple[str, str, str, str]]:
        if not ln.get("denominations"):  # counted by banknotes (box 16)
            return []
        notes = " + ".join(
            f"{d['count']} × {fmt.face_value(d['value'], ln['currency'])}"
            for d in ln["denominations"]
        )
        return [("", f"Kupürler: {notes}", "", "")]

    rows: list[tuple[str, str, str, str]] = []
    for i, (label, total) in enumerate(((a_label, a_total), (b_label, b_total))):
        if i < len(cash):
            rows.append((label, kind(cash[i]), total, fmt.line_amount(cash[i])))
            rows += counted(cash[i])
        else:
            rows.append((label, "", total, ""))
    for ln in cash[2:]:
        rows.append(("", kind(ln), b_total, fmt.line_amount(ln)))
        rows += counted(ln)
    rows.append((c_label, "", "", ""))  # the annex's longest label: a row of its own
    rows += [("", fmt.line_kind(ln), c_total, fmt.line_amount(ln)) for ln in docs]
    if not docs:
        rows.append(("", "", c_total, ""))
    return rows


def _explanation_tables(
    p: Painter, content: dict[str, Any], x: float, y: float, w: float, h: float
) -> None:
    """Boxes 15 and 16 side by side, with the annex's rows a, b and c."""
    half = w / 2
    for col, (key, label) in enumerate(
        (
            (
                "declared",
                "15.Açıklanan Nakdin Cinsi- Tutarı (Her bir birim için ayrı bir satır "
                "kullanılacak)",
            ),
            ("detected", "16. Tespit Edilen Nakdin Cinsi- Tutarı"),
        )
    ):
        bx = x + col * half
        p.rect(bx, y, half, 8)
        p.fit(bx + 1, y + 0.6, half - 2, 7, label, size=7, bold=True)
        lines = content.get(key)
        number = "15" if key == "declared" else "16"
        body_y, body_h = y + 8, h - 8
        p.rect(bx, body_y, half, body_h)
        blank = bool(content.get("blank"))
        note = None
        if not blank and lines is None:
            note = "Kişi herhangi bir açıklama yapmadı."
        elif not blank and not lines:
            note = (
                "Kişi nakit taşımadığını söyledi."
                if key == "declared"
                else "Sayımda nakit bulunmadı."
            )
        rows = explanation_rows(number, lines, blank=blank)
        inner = half - 3

        def heights(
            size: float, rows: list[tuple[str, str, str, str]] = rows, inner: float = inner
        ) -> list[int]:
            # A row of the annex's label alone wraps; every other row is one line.
            # A row with no amount (the annex's long label, the banknotes) wraps; every
            # other row is one line.
            return [
                len(p.wrap(sub or what, inner - 6, size)) if not total else 1
                for sub, what, total, _amount in rows
            ]

        size = 7.6
        while True:
            slots = sum(heights(size)) + (1 if note else 0)
            # A blank paper form spreads its rows: room to write by hand.
            pitch = min(9.0 if blank else 4.2, (body_h - 1.5) / slots)
            if pitch >= size * LEADING_MM or size <= LEGACY_MIN:
                break
            if size <= MIN_TEXT and p.strict:
                raise LayoutOverflow(
                    f"{number}. kutuya bu kadar satır sığmıyor: {len(lines or [])} satır; "
                    "form bu uzunlukta yazdırılamaz.",
                    key,
                )
            # Rows never go below the smallest text of a signed copy; only a record
            # registered under earlier limits may shrink further.
            size = max(MIN_TEXT, round(size - 0.2, 2)) if size > MIN_TEXT else LEGACY_MIN
        base = body_y + 0.6 + size * 0.95 * 25.4 / 72
        if note:
            p.string(bx + 1.5, base, note, size, bold=True)
            base += pitch
        for (sub_label, what, total_label, amount), lines_high in zip(
            rows, heights(size), strict=True
        ):
            if not total_label:
                indent = 0.0 if sub_label else 6.0
                for piece in p.wrap(sub_label or what, inner - 6, size):
                    p.string(bx + 1.5 + indent, base, piece, size)
                    base += pitch
                continue
            right = f"{total_label} {amount}".strip()
            right_w = p.text_width(right, size)
            left = f"{sub_label} {what}".strip() if sub_label else f"      {what}"
            if p.text_width(left, size) + right_w + 2 > inner and what:
                # A long currency name gives way to its code: the amount is never crowded out.
                left = (sub_label + " " if sub_label else "      ") + what.split(" – ")[0]
            p.string(bx + 1.5, base, left, size)
            if right:
                p.string(bx + half - 1.5, base, right, size, align="right")
            base += pitch * lines_high


def valuation_text(content: dict[str, Any]) -> str:
    """The TL values the outcome rests on, the exit's cover and the rates, in one line."""
    v = content["valuation"]
    parts = []
    if v.get("declared_try") is not None and content["kind"] == "nakit_aciklama":
        parts.append(f"Açıklanan: {fmt.amount(v['declared_try'])} TL")
    elif content["kind"] == "nakit_aciklama":
        parts.append("Açıklanan: açıklama yok")
    if content["kind"] == "nakit_beyan":
        parts.append(f"Beyan edilen nakdin TL karşılığı: {fmt.amount(v['declared_try'])} TL")
    else:
        parts.append(f"Tespit edilen: {fmt.amount(v['detected_try'])} TL")
        parts.append(f"Açıklanmayan fark: {fmt.amount(v['undeclared_try'])} TL")
        parts.append(
            f"Müsaade edilen fark ({v.get('tolerance_year')}): {fmt.amount(v['tolerance_try'])} TL"
        )
    if v.get("exit_limit_try") is not None:
        parts.append(f"Çıkış sınırı: {fmt.amount(v['exit_limit_try'])} TL")
    thresholds = [
        f"{label} {fmt.amount(v[key])} TL"
        for key, label in (
            ("exit_threshold_lira_try", "Türk parası"),
            ("exit_threshold_foreign_try", "döviz"),
        )
        if v.get(key) is not None
    ]
    if thresholds:
        parts.append(f"Çıkışta beyan eşikleri: {', '.join(thresholds)}")
    cover = v.get("exit_cover")
    if cover:
        # Per currency what the document covered and what remains after this exit (what
        # this exit drew is the difference): one pair a currency keeps many lines short.
        remaining = {x["currency"]: x for x in cover.get("remaining") or []}
        pairs = "; ".join(
            f"{fmt.line_amount(x)} / "
            f"{fmt.line_amount(remaining.get(x['currency'], {**x, 'amount': '0'}))}"
            f" {x['currency']}"
            for x in cover.get("available") or []
        )
        what = vocabulary.EXCEPTION.get(cover["kind"], cover["kind"])
        parts.append(
            f"İstisna ({what} {cover['reference']}) kapsadığı / bu çıkıştan sonra kalan: "
            f"{pairs or 'yok'}"
        )
    rates = v.get("rates") or {}
    if rates:
        columns = v.get("rate_columns") or {}
        # Grouped by the column they came from: the column is named once, not per currency.
        groups: dict[str, list[str]] = {}
        for c, r in rates.items():
            groups.setdefault(COLUMN_TR.get(columns.get(c, ""), ""), []).append(
                f"{c} {fmt.amount(r)}"
            )
        listed = "; ".join(
            f"{column + ' ' if column else ''}{', '.join(items)}"
            for column, items in groups.items()
        )
        parts.append(f"TCMB {fmt.date(v.get('rate_date'))} kurları: {listed}")
    return " · ".join(parts)


def _valuation(p: Painter, content: dict[str, Any], x: float, y: float, w: float, h: float) -> None:
    p.rect(x, y, w, h)
    if content.get("blank"):
        p.string(x + 1.5, y + 3.4, "TL karşılığı (kayda girildiğinde hesaplanır):", 7)
        return
    p.fit(x + 1.5, y + 0.6, w - 3, h - 1.2, valuation_text(content), size=7, what="TL karşılıkları")


def valuation_height(p: Painter, content: dict[str, Any], w: float, least: float) -> float:
    """How tall the valuation box must be to hold its text at 7 pt (at least ``least`` mm)."""
    if content.get("blank"):
        return least
    return max(least, p.wrapped_height(valuation_text(content), w - 3, 7) + 1.4)


def _custody_text(content: dict[str, Any]) -> str:
    """Custody for box 22: all cash found, or the lines (long lists point to the seizure
    report, which lists every item — never a silent cut)."""
    custody = content["outcome"].get("custody") or []
    if not custody:
        return ""
    found = content.get("detected") or content.get("cash") or []

    def plain(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in ln.items() if k != "denominations"} for ln in lines]

    if plain(custody) == plain(found):
        return "Muhafaza altına alınan: tespit edilen nakdin tamamı (16)."
    shown = custody[:MAX_CUSTODY_LINES_IN_BOX]
    listed = ", ".join(f"{fmt.line_kind(c)} {fmt.line_amount(c)}" for c in shown)
    rest = len(custody) - len(shown)
    more = f" ve {rest} kalem daha (tamamı zabıt varakasında)" if rest else ""
    return f"Muhafaza altına alınan: {listed}{more}."


def _result_box(
    p: Painter, content: dict[str, Any], x: float, y: float, w: float, h: float
) -> None:
    """Box 22, ticked according to the outcome, with the fine and custody in b.1 / c.1."""
    o = content["outcome"]
    code = o["code"]
    p.rect(x, y, w, h)
    p.string(
        x + 1.5, y + 3.4, "22.Kontrol Sonucunda Yapılan işleme İlişkin Açıklama", 7.5, bold=True
    )
    fine = o["fine_try"]
    undeclared = content["valuation"].get("undeclared_try")
    action = ""
    if fine != "0.00":
        # The rate the record was computed with (every record carries it), not a literal.
        rate = (content.get("rule_parameters") or {}).get("fine_rate")
        times = f" × %{fmt.percent(Decimal(str(rate)))}" if rate else ""
        action = (
            f"{ground(content, 'fine')} uyarınca idari para cezası {fmt.amount(fine)} TL "
            f"(açıklanmayan {fmt.amount(undeclared)} TL{times})."
        )
    elif code == "no_declaration":
        action = "Fark müsaade edilen tutarı aşmadığından idari para cezası uygulanmadı."
    referral = o["prosecutor_referral"]

    def mark(checked: bool) -> str:
        return "[X]" if checked else "[ ]"  # as on the official form, in the text layer too

    # a
    p.string(x + 3, y + 7.2, f"a.Doğru açıklama yapılmıştır. {mark(code == 'correct')}", 7.5)
    # b
    p.string(x + 3, y + 10.6, "b-)Herhangi bir açıklama yapılmamışsa:", 7.5)
    p.string(x + 6, y + 14, "b.1.Yapılan idari işlem", 7)
    p.fit(
        x + 36,
        y + 11.4,
        w - 78,
        5.9,
        action if code == "no_declaration" else "",
        size=7,
        what="22.b.1",
    )
    p.string(
        x + w - 3,
        y + 14,
        f"b.2.Savcılığa sevk {mark(code == 'no_declaration' and referral)}",
        7,
        align="right",
    )
    # c
    p.string(
        x + 3,
        y + 19.8,
        "c.Nakdin Türk Lirası ederi bakımından tutarına ilişkin, "
        "müsaade edilen farkı aşan yanlış/yanıltıcı açıklama yapılmışsa:",
        7.5,
    )
    p.string(x + 6, y + 23.2, "c.1.Yapılan idari işlem", 7)
    p.fit(
        x + 36,
        y + 20.6,
        w - 78,
        5.9,
        action if code == "misdeclared" else "",
        size=7,
        what="22.c.1",
    )
    p.string(
        x + w - 3,
        y + 23.2,
        f"c.2.Savcılığa sevk {mark(code == 'misdeclared' and referral)}",
        7,
        align="right",
    )
    other = [
        g
        for g in o.get("grounds", [])
        if "Çıkış sınırları aşılmadı" not in g and ("çıkış sınırını" in g or "kaynağı" in g.lower())
    ]
    if o.get("declaration_due"):
        other.insert(0, "Çıkışta beyan eşiği aşıldı: nakit Nakit Beyan Formu ile beyan edilmeli.")
    custody = _custody_text(content)
    if custody:
        other.append(custody)
    if other:
        p.fit(
            x + 3,
            y + 26.9,
            w - 6,
            h - 27.4,
            "Diğer işlem: " + " ".join(other),
            size=6.8,
            what="22 diğer",
        )


def _signature(p: Painter, content: dict[str, Any], el: dict[str, Any]) -> None:
    x, y, w, h = el["x"], el["y"], el["w"], el["h"]
    role = el["role"]
    p.rect(x, y, w, h)
    p.string(x + 1.5, y + 3.8, el["heading"], 7.5, bold=True)
    values: list[str]
    if content.get("blank"):
        values = ["", "", ""]
    elif role == "officer":
        values = [
            content.get("officer_name", ""),
            f"{content.get('officer_title', '')}, {content['officer']}",
            "",
        ]
    elif role == "witness":
        required = content["outcome"]["officer_signatures_required"] >= 2
        witness = content.get("witness_officer")
        if witness:
            values = [
                content.get("witness_name", ""),
                f"{content.get('witness_title', '')}, {witness}",
                "",
            ]
        else:
            values = ["(gerekmiyor: doğru açıklama)" if not required else "", "", ""]
    else:
        person = content["person"]
        values = [f"{person['first_name']} {person['last_name']}", ""]
        refused = content.get("signature_refused")
        if refused:
            values[1] = f"İmzadan imtina etti. Sebebi: {refused['reason']}"
    row = (h - 6) / max(len(el["labels"]), 1)
    for i, (label, value) in enumerate(zip(el["labels"], values, strict=False)):
        top = y + 5.5 + i * row
        p.string(x + 1.5, top + 2.8, f"{label}:", 6.8)
        if value:
            label_w = p.text_width(f"{label}: ", 6.8)
            p.fit(
                x + 1.5 + label_w,
                top + 0.3,
                w - 3 - label_w,
                row - 0.3,
                value,
                size=7.5,
                what=label,
            )


# -- seizure report and custody receipt ---------------------------------------------------------


def _person_summary(content: dict[str, Any]) -> str:
    person = content["person"]
    parts = [
        f"{person['first_name']} {person['last_name']}",
        fmt.identity(person),
        f"Doğum: {person.get('birth_place', '')} {fmt.date(person.get('birth_date'))}",
        f"Uyruk: {fmt.country(person.get('nationality'))}",
    ]
    if person.get("father_name"):
        parts.append(f"Baba adı: {person['father_name']}")
    if person.get("occupation"):
        parts.append(f"Mesleği: {person['occupation']}")
    if person.get("address"):
        parts.append(f"Adresi: {person['address']}")
    return " · ".join(parts)


def _seized_table(
    p: Painter, content: dict[str, Any], x: float, y: float, w: float, h: float
) -> None:
    custody = content["outcome"]["custody"]
    detected = {
        (ln.get("instrument") or "", ln["currency"]): ln
        for ln in content.get("detected") or content.get("cash") or []
    }
    lines = []
    for c in custody:
        source = detected.get((c.get("instrument") or "", c["currency"]), {})
        denominations = ""
        if source.get("denominations") and source.get("amount") == c["amount"]:
            denominations = (
                " ("
                + ", ".join(
                    f"{d['count']} × {fmt.face_value(d['value'], c['currency'])}"
                    for d in source["denominations"]
                )
                + ")"
            )
        lines.append({**c, "currency": c["currency"], "note": denominations})
    p.rect(x, y, w, h)
    p.rect(x, y, w, 5, fill_gray=0.94)
    p.string(x + 1.5, y + 3.6, "Cinsi", 7, bold=True)
    p.string(x + w - 1.5, y + 3.6, "Miktarı", 7, bold=True, align="right")
    rows = [
        (fmt.line_kind(line) + line["note"], f"{fmt.line_amount(line)} {line['currency']}")
        for line in lines
    ]

    def wrapped(size: float) -> list[list[str]]:
        # The kind and its banknotes wrap beside the amount: they never run into it.
        return [p.wrap(left, w - 6 - p.text_width(right, size), size) for left, right in rows]

    size = 8.5
    while size > LEGACY_MIN and sum(map(len, wrapped(size))) * size * LEADING_MM > h - 7:
        if size <= MIN_TEXT and p.strict:
            raise LayoutOverflow(
                f"El konulan nakit zabıt varakasının tablosuna sığmıyor: {len(rows)} kalem; "
                "belge bu uzunlukta yazdırılamaz.",
                "detected" if content["kind"] == "nakit_aciklama" else "cash",
            )
        size = max(MIN_TEXT, round(size - 0.5, 2)) if size > MIN_TEXT else LEGACY_MIN
    pitch = min(5.5, size * LEADING_MM * 1.25)
    base = y + 5 + pitch * 0.9
    for (_left, right), pieces in zip(rows, wrapped(size), strict=True):
        p.string(x + w - 1.5, base, right, size, align="right")
        for piece in pieces:
            p.string(x + 1.5, base, piece, size)
            base += size * LEADING_MM
        base += pitch - size * LEADING_MM


FOUND_TR = vocabulary.FOUND


def _draw_seizure(p: Painter, job: PrintJob, copy_label: str) -> None:
    """Law 1918 Art. 54: date and place, officers and capacity, the date and number of a
    written order where the act needs one; the facts and evidence, where and how the cash was
    found, kind and amount of every seized item; the person's identity, occupation, address
    and own statement; signatures of the officers, the person and two persons present, and
    room for a refusal's reason in the person's own hand."""
    content = job.content
    o = content["outcome"]
    facts_given = content.get("seizure") or {}
    _header(
        p, job, ground(content, "seizure_law"), "EL KOYMA ZABIT VARAKASI", copy_label, seizure=True
    )
    kind = "Nakit Beyan Formu" if content["kind"] == "nakit_beyan" else "Nakit Açıklama Tutanağı"
    place = f"{content.get('office_name', '')}" + (
        f", {content['customs_area']}" if content.get("customs_area") else ""
    )
    officers = (
        f"Tanzim eden: {content.get('officer_name', '')} ({content.get('officer_title', '')}, "
        f"sicil {content['officer']})"
    )
    if content.get("witness_officer"):
        officers += (
            f"; şahit memur: {content.get('witness_name', '')} "
            f"({content.get('witness_title', '')}, sicil {content['witness_officer']})"
        )
    order = facts_given.get("order")
    p.field(12, 31, 93, 10, "1. Tanzim tarihi ve saati", fmt.date_time(content["registered_at"]))
    p.field(105, 31, 93, 10, "Tanzim yeri", place)
    p.field(
        12,
        41,
        124,
        11,
        "Tanzim eden memurların resmi sıfat ve hüviyetleri",
        officers,
        size=8,
    )
    p.field(
        136,
        41,
        62,
        11,
        "Amirin yazılı izni (tarihi, numarası)",
        f"{fmt.date(order['date'])}, {order['number']}" if order else "",
        size=8,
    )
    found = ""
    if facts_given:
        found = FOUND_TR.get(facts_given.get("found", ""), "")
        if facts_given.get("found_detail"):
            found += f" — {facts_given['found_detail']}"
    p.field(
        12,
        52,
        186,
        12,
        "Nakdin nerede ve ne suretle bulunup zaptedildiği",
        found,
        size=8,
    )
    register_facts = (
        "Nakdin kaynağı beyanı mümkün olmayan bir kaynaktır "
        f"({ground(content, 'prohibited_source_document')}); nakit beyan yerine el koyma ile kayda "
        "alınmıştır. "
        if is_prohibited_declaration(content)
        else f"{content['number']} numaralı {kind} ile tespit edilmiştir. "
    ) + " ".join(o.get("grounds", []))
    if content["kind"] == "nakit_aciklama":
        register_facts += (
            f" Kontrol sebebi: {SELECTION_TR.get(content.get('selection_basis', ''), '')}"
            "; nakit, gümrük personelince fiziki kontrolle sayılmıştır."
        )
    facts = (
        f"{facts_given['facts']}\nKayıt: {register_facts}"
        if facts_given.get("facts")
        else register_facts
    )
    p.field(
        12,
        64,
        186,
        30,
        "2. Vaka ve deliller (memurların anlatımı)",
        facts,
        size=8,
    )
    _section(p, 12, 95, 186, "EL KONULAN NAKDİN NEVİ, MİKTARI VE VASIFLARI")
    _seized_table(p, content, 12, 101, 186, 32)
    p.field(
        12,
        134,
        186,
        24,
        "3. Maznunun isim ve hüviyeti, sanatı ve mahalli ikameti",
        _person_summary(content),
        size=8,
    )
    # The person's own words, as given; never composed from the form's boxes.
    p.field(
        12,
        158,
        186,
        24,
        "Maznunun ifadesi (kendi sözleriyle)",
        facts_given.get("statement") or "",
        size=8,
    )
    refused = (content.get("signature_refused") or {}).get("reason")
    p.field(
        12,
        182,
        186,
        14,
        "İmzadan istinkaf: sebebini maznun kendi el yazısıyla buraya yazıp imzalar; yazı "
        "bilmezse hazır bulunanlar yazar",
        f"Kayıtta: imzadan imtina etti. Sebebi: {refused}" if refused else "",
        size=8,
    )
    present = facts_given.get("present") or []
    blocks: list[tuple[str, str, str]] = [
        ("Tanzim eden memur", content.get("officer_name", ""), f"Sicil: {content['officer']}"),
        (
            "Şahit memur",
            content.get("witness_name", ""),
            f"Sicil: {content['witness_officer']}" if content.get("witness_officer") else "",
        ),
        (
            "Maznun",
            f"{content['person']['first_name']} {content['person']['last_name']}",
            f"Kimlik: {content['person']['id_number']}",
        ),
    ]
    for i in range(2):
        who = present[i] if i < len(present) else None
        blocks.append(
            (
                f"Hazır bulunan ({i + 1})",
                who["name"] if who else "",
                f"Kimlik no: {who['id_number']}" if who else "Kimlik no:",
            )
        )
    bw = 186 / len(blocks)
    for i, (role, name, ident) in enumerate(blocks):
        bx = 12 + i * bw
        p.rect(bx, 197, bw, 38)
        p.string(bx + 1.5, 201, role, 7, bold=True)
        p.string(bx + 1.5, 205.5, "Adı Soyadı:", MIN_TEXT)
        if name:
            p.fit(bx + 1.5, 206.5, bw - 3, 14.5, name, size=7.5, what=role)
        p.fit(bx + 1.5, 221, bw - 3, 8.5, ident, size=MIN_TEXT, what=role)
        p.string(bx + 1.5, 233.5, "İmzası:", MIN_TEXT)
    p.fit(
        12,
        237,
        186,
        14,
        _seizure_statement(content),
        size=7,
    )
    _footer(p, job, 12, 262, 186, 26, 1 if copy_label.startswith("1") else 2, 2)


def _seizure_statement(content: dict[str, Any]) -> str:
    """The closing paragraph of the rule set's law; a rule set that gives none gets the plain
    statement of what was done, citing the rule set itself."""
    grounds = (content.get("rule_parameters") or {}).get("legal_grounds") or {}
    return str(grounds.get("seizure_statement") or "") or (
        f"Bu zabıt varakası {ground(content, 'short')} uyarınca tanzim edilmiştir. El konulan "
        "nakit muhafaza altına alınmış ve durum Cumhuriyet Savcılığına bildirilmiştir."
    )


def _draw_receipt(p: Painter, job: PrintJob, copy_label: str) -> None:
    content = job.content
    _header(
        p,
        job,
        ground(content, "custody"),
        "MUHAFAZA ALTINA ALINAN NAKİT ALINDI BELGESİ",
        copy_label,
        seizure=True,
    )
    p.field(12, 31, 186, 26, "Nakdi teslim eden kişi", _person_summary(content), size=8.5)
    p.field(
        12,
        57,
        186,
        10,
        "İlgili kayıt",
        f"{content['number']} — {fmt.date_time(content['registered_at'])}",
    )
    _section(p, 12, 69, 186, "MUHAFAZA ALTINA ALINAN NAKİT")
    _seized_table(p, content, 12, 75, 186, 62)
    p.fit(
        12,
        140,
        186,
        14,
        "Yukarıda cinsi ve miktarı yazılı nakit, gümrük idaresince "
        "muhafaza altına alınmış ve bu belge ilgilisine verilmiştir. Nakdin iadesi veya "
        "müsaderesi Cumhuriyet Savcısının talimatına göre yapılır.",
        size=8.5,
    )
    for i, (role, name) in enumerate(
        (
            (
                "Teslim alan memur",
                f"{content.get('officer_name', '')} "
                f"({content.get('officer_title', '')}, {content['officer']})",
            ),
            (
                "Teslim eden kişi",
                f"{content['person']['first_name']} {content['person']['last_name']}",
            ),
        )
    ):
        bx = 12 + i * 93
        p.rect(bx, 160, 93, 30)
        p.string(bx + 1.5, 164, role, 7.5, bold=True)
        p.fit(bx + 1.5, 166, 90, 8, f"Adı Soyadı: {name}", size=7.5)
        p.string(bx + 1.5, 186, "İmzası:", 7)
    _footer(p, job, 12, 262, 186, 26, 1 if copy_label.startswith("1") else 2, 2)
