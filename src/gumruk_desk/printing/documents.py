"""The four printed documents, drawn from a registered record (SPEC §3, §4, §6).

``render_pdf`` returns the PDF bytes of one document with one page per copy. Layouts of EK-1
and EK-2 (positions and verbatim labels) are data in ``forms/``; the seizure report and the
custody receipt are laid out here. Every page carries the copy label, the number, a QR code
(number, date, TL total, short register hash), and the marks the situation needs: DEMO,
YENİDEN BASKI, İPTAL.
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from gumruk_desk.domain import vocabulary
from gumruk_desk.domain.evaluation import Outcome, OutcomeCode
from gumruk_desk.domain.money import MoneyLine
from gumruk_desk.domain.records import Direction, Kind
from gumruk_desk.domain.registered import RegisteredRecord
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
class BlankForm:
    """A blank, pre-numbered paper form (§O4): the number and the office, nothing else."""

    kind: Kind
    number: str
    office: str
    office_name: str
    customs_area: str
    desk: str
    demo: bool = False


def _none() -> Mapping[str, str]:
    # A factory, not a shared default: Python 3.11's dataclasses refuse an unhashable one.
    return MappingProxyType({})


@dataclass(frozen=True)
class PrintJob:
    record: RegisteredRecord | BlankForm  #: the registered record, with its status
    document: str = "form"
    print_no: int = 1  # 1 for the first print of this document; more is a reprint
    short_hash: str = ""  # the register's row hash prefix, for the QR code
    printed_at: datetime.datetime = field(default_factory=datetime.datetime.now)
    #: Refuse any text below MIN_TEXT (the registration's check) instead of shrinking it.
    strict: bool = False
    #: The citations of the record's rule set, for a record registered before its citations
    #: travelled with it (rules.GROUND_KEYS → text); the record's own come first.
    grounds: Mapping[str, str] = field(default_factory=_none)
    #: Officers' names by sicil, for the cancellation's statement (who asked, who approved).
    names: Mapping[str, str] = field(default_factory=_none)


@lru_cache(maxsize=4)
def load_layout(name: str) -> dict[str, Any]:
    path = data_root() / "forms" / f"{name}.json"
    layout: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return layout


def _given_ground(job: PrintJob, key: str) -> str | None:
    """The citation for ``key``: the record's own when it carries any, else the one the
    services looked up in its rule set; None when neither gives one."""
    record = job.record
    if isinstance(record, BlankForm):
        return None
    if record.rule_parameters.get("legal_grounds"):
        return record.legal_ground(key)
    return job.grounds.get(key) or None


def ground(job: PrintJob, key: str) -> str:
    """The citation the record's own rule set gives for ``key`` (rules.GROUND_KEYS): a
    document cites the law it was made under, whatever rule set is in force when it is
    reprinted."""
    rule_set = "—" if isinstance(job.record, BlankForm) else job.record.rule_set
    return _given_ground(job, key) or f"Kural seti {rule_set}"


_STEP = re.compile(r"([A-Za-z_]+)(?:\[(\d+)\])?")


def resolve(record: RegisteredRecord, path: str) -> Any:
    """The value a layout names by its JSON path ("person.last_name", "seizure.present[0]"):
    the record's own field, else the filed form's, then attribute by attribute (the
    dataclasses' attribute names are the JSON's keys); None where the path leads nowhere."""
    value: Any = None
    for i, step in enumerate(path.split(".")):
        found = _STEP.fullmatch(step)
        if found is None:
            return None
        name, index = found.groups()
        if i == 0:
            owner: Any = record if hasattr(record, name) else record.form
        else:
            owner = value
        value = getattr(owner, name, None)
        if index is not None:
            if not isinstance(value, Sequence) or int(index) >= len(value):
                return None
            value = value[int(index)]
        if value is None:
            return None
    return value


def copy_labels(layout: dict[str, Any], outcome: Outcome) -> list[str]:
    """Each copy's destination; a copy whose destination depends on the outcome names the
    outcome's field in the layout ("when": "masak_copy", …)."""
    labels = []
    for copy in layout["copies"]:
        when = copy.get("when")
        chosen = when is None or bool(getattr(outcome, when))
        labels.append(copy["label"] if chosen else copy["else"])
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


def overflow_path(record: RegisteredRecord, what: str) -> str:
    """The record's JSON path of the box named ``what`` (its printed label), or "" when the
    box is the register's own (an officer's name, the station, the footer)."""
    if what in ("declared", "detected", "cash"):  # the money lines themselves
        return what
    layout = load_layout(_layout_name(record.kind))
    for el in layout["elements"]:
        if el.get("label", "").rstrip(":") == what and el.get("value"):
            return str(el["value"])
    return _SEIZURE_BOX_PATHS.get(what, "")


def _layout_name(kind: Kind) -> str:
    return "ek1" if kind is Kind.NAKIT_BEYAN else "ek2"


def documents_of(record: RegisteredRecord) -> tuple[str, ...]:
    """The documents a registered record prints."""
    if record.is_prohibited_declaration:
        return ("seizure", "receipt")
    return ("form", "seizure", "receipt") if record.outcome.custody else ("form",)


def _registered(job: PrintJob) -> RegisteredRecord:
    """The job's record, for a document only a registered record prints."""
    if isinstance(job.record, BlankForm):
        raise DocumentError(
            f"{job.record.number} boş bir kâğıt formdur: yalnızca formun kendisi yazdırılır."
        )
    return job.record


def render_pdf(job: PrintJob, ops: list[tuple[Any, ...]] | None = None) -> bytes:
    """Render ``job``; ``ops``, when given, receives every drawing primitive (benchmark)."""
    return render_many([job], ops)


def render_many(jobs: list[PrintJob], ops: list[tuple[Any, ...]] | None = None) -> bytes:
    """Render the jobs one after the other into one PDF (e.g. a stack of blank forms)."""
    for job in jobs:
        if job.document not in DOCUMENTS:
            raise DocumentError(f"Bilinmeyen belge türü: {job.document}.")
        if job.document == "form" and isinstance(job.record, BlankForm):
            continue
        record = _registered(job)
        if job.document == "form" and record.is_prohibited_declaration:
            raise DocumentError(
                f"{record.number} bir el koyma kaydıdır, Nakit Beyan Formu değil: nakdin "
                "kaynağı yasak olduğundan beyanı da mümkün değildir "
                f"({ground(job, 'prohibited_source_document')}). Zabıt varakası ve alındı "
                "belgesi yazdırılır."
            )
        if job.document != "form" and not record.outcome.custody:
            raise DocumentError(
                f"{record.number} numaralı kayıtta el konulan nakit yok: "
                "zabıt varakası ve alındı belgesi düzenlenmez."
            )
    buffer = io.BytesIO()
    first = jobs[0].record
    title = {
        "form": "Nakit Beyan Formu"
        if first.kind is Kind.NAKIT_BEYAN
        else "Nakit Açıklama Tutanağı",
        "seizure": "Zabıt Varakası",
        "receipt": "Alındı Belgesi",
    }[jobs[0].document]
    canvas = new_canvas(buffer, f"{title} {first.number}", f"{first.office_name} — Gümrük Masası")
    canvas.setSubject(first.number)
    painter = Painter(canvas, ops, strict=any(job.strict for job in jobs))
    for job in jobs:
        _render_job(canvas, painter, job)
    canvas.save()
    return buffer.getvalue()


def _render_job(canvas: Canvas, painter: Painter, job: PrintJob) -> None:
    record = job.record
    drawer: Callable[[Painter, PrintJob, str], None]
    if job.document == "form":
        layout = load_layout(_layout_name(record.kind))
        labels = (
            blank_copy_labels(layout)
            if isinstance(record, BlankForm)
            else copy_labels(layout, record.outcome)
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
    record = job.record
    # The top-left corner above the title is kept for the marks (_draw_marks).
    p.string(12, 22, annex, 8, bold=True)
    number = (
        record.seizure_number if seizure and isinstance(record, RegisteredRecord) else record.number
    )
    p.rect(118, 6, 80, 9, width=0.8)
    p.fit(119.5, 7, 77, 7.4, copy_label, size=8, bold=True, what="nüsha")
    p.string(105, 22, title, 14, bold=True, align="center")
    p.string(12, 27.5, f"NO: {number}", 9.5, bold=True)
    if number != record.number:
        p.string(
            12 + p.text_width(f"NO: {number}", 9.5, bold=True) + 2,
            27.5,
            f"(kayıt {record.number})",
            7,
        )
    when = (
        "..../..../........ ....:...."
        if isinstance(record, BlankForm)
        else fmt.date_time(record.registered_at)
    )
    p.string(198, 27.5, f"Tarih: {when}", 9, align="right")
    paper = record.paper if isinstance(record, RegisteredRecord) else None
    if paper is not None:
        p.string(
            105,
            27.5,
            f"Kâğıt form {paper.number} ({fmt.date_time(paper.filled_at)})"
            f", defter s.{paper.ledger_page} / sa.{paper.ledger_line}",
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
    record = job.record
    if isinstance(record, BlankForm):
        return "|".join(["GMASA1", record.number, "", "", ""])
    valuation = record.valuation
    found = next(
        (v for v in (valuation.detected_try, valuation.declared_try) if v is not None), None
    )
    # The amount as the register stored it ("12500.00"): the scan is checked against it.
    total = "0.00" if found is None else str(found)
    return "|".join(
        [
            "GMASA1",
            record.number,
            record.registered_at.date().isoformat(),
            total,
            job.short_hash[:12],
        ]
    )


def _footer(
    p: Painter, job: PrintJob, x: float, y: float, w: float, h: float, page: int, pages: int
) -> None:
    record = job.record
    _qr(p, qr_payload(job), x, y, min(h, QR_SIZE))
    text_x = min(h, QR_SIZE) + 2
    if isinstance(record, BlankForm):
        p.fit(
            x + text_x,
            y + 0.5,
            w - text_x,
            h - 1,
            f"Kâğıt form no: {record.number} — sistem çalışmadığında doldurulur; sisteme "
            "girildiğinde bu numarayla kaydedilir ve numaralı deftere işlenir (Genelge 2013/1 "
            f"Ortak hükümler 4, 6).\n{record.office_name} · Masa {record.desk}",
            size=7,
            what="alt bilgi",
        )
        return
    lines = [
        f"Tescil no: {record.number} · Özet: {job.short_hash[:12] or '—'}",
        "Bu belgenin doğruluğu, numarası ve karekodu ile düzenleyen gümrük idaresinden "
        "sorulabilir.",
        f"{record.office_name} · Masa {record.desk} · Kural seti {record.rule_set}"
        + (
            " (taslak; onaylanarak uygulandı)"
            if record.rule_parameters.get("rule_set_status") == "draft"
            else ""
        ),
        f"Baskı: {job.printed_at:%d.%m.%Y %H:%M} · Nüsha {page}/{pages}",
    ]
    # What concerns the desk's rule sets (the law has moved on) is said on the screen and in
    # the record; the signed page keeps the warnings about this record's own figures.
    moved = set(record.outcome.superseded)
    warnings = [w for w in record.outcome.warnings if w not in moved]
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
    record = job.record
    parts = []
    if job.print_no > 1:
        parts.append(f"YENİDEN BASKI ({job.print_no}. baskı)")
    if record.demo:
        parts.append("DEMO — GEÇERSİZ (deneme masası)")
    lines = [" · ".join(parts)] if parts else []
    if isinstance(record, BlankForm):
        return "\n".join(lines)
    cancellation = record.cancellation if record.cancelled else None
    if cancellation is not None:

        def who(sicil: str) -> str:
            name = job.names.get(sicil) if names else None
            return f"{name} ({sicil})" if name else f"sicil {sicil}"

        replaced = cancellation.replaced_by
        lines.append(
            f"İPTAL EDİLDİ {fmt.date_time(cancellation.at)} — isteyen "
            f"{who(cancellation.requested_by)}, onaylayan amir {who(cancellation.approved_by)}"
            + (f"; yerine düzenlenen: {replaced}" if replaced else "; yerine kayıt düzenlenmedi")
            + f". Gerekçe: {cancellation.reason}"
        )
    if record.replaces:
        lines.append(f"Bu kayıt, iptal edilen {record.replaces} yerine düzenlenmiştir.")
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
    record = job.record
    cancelled = isinstance(record, RegisteredRecord) and record.cancelled
    marks = [text for text, wanted in (("İPTAL", cancelled), ("DEMO", record.demo)) if wanted]
    places = {1: [(150.0, 110.0)], 2: [(105.0, 90.0), (215.0, 70.0)]}.get(len(marks), [])
    for text, (centre_y, size) in zip(marks, places, strict=False):
        p.watermark(text, centre_y, size, gray=0.86 if text == "İPTAL" else 0.9)


def _exit_banner(
    p: Painter, record: RegisteredRecord, x: float, y: float, w: float, title: str
) -> None:
    """The annex is an entry form; a declaration on exit says so in its first section bar,
    right of the title, shrunk to MIN_TEXT and then shortened to the country's code so that
    it never runs into the title."""
    room = w - 3 - p.text_width(title, 8, bold=True) - 4
    code = record.form.country_to or ""
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


def _format_value(
    record: RegisteredRecord | BlankForm, element: dict[str, Any], layout: dict[str, Any]
) -> str:
    kind = element.get("format", "text")
    if kind == "office":
        return f"{record.office_name} ({record.office})"
    if kind == "customs_area":
        return record.customs_area or record.office_name
    if isinstance(record, BlankForm):  # a pre-numbered paper form: only what is printed first
        return str(layout["obligation_text"]) if kind == "obligation" else ""
    raw = resolve(record, element["value"]) if element["value"] else None
    if kind == "date":
        return fmt.date(raw)
    if kind == "country":
        return fmt.country(raw)
    if kind == "id":
        return fmt.identity(raw)
    if kind == "arrival_reason":
        if raw is None:
            return ""
        label = REASON_TR.get(raw.code, "")
        text = raw.text or ""
        return f"{label}{' — ' + text if text and text != label else ''}"
    if kind == "obligation":
        explanation = record.explanation
        basis = SELECTION_TR.get(explanation.selection_basis if explanation else "", "")
        return f"{layout['obligation_text']} Seçim: {basis}."
    # Text, and box 20's "source": the person's own words (the officer's category is
    # printed apart, _draw_form).
    return "" if raw is None else str(raw)


def _draw_form(p: Painter, job: PrintJob, layout: dict[str, Any], copy_label: str) -> None:
    record = job.record
    registered = record if isinstance(record, RegisteredRecord) else None
    _header(p, job, layout["annex"], layout["title"], copy_label)
    for el in layout["elements"]:
        kind = el["type"]
        if kind == "section":
            _section(p, el["x"], el["y"], el["w"], el["text"])
            first = el is next(e for e in layout["elements"] if e["type"] == "section")
            if (
                first
                and registered is not None
                and registered.kind is Kind.NAKIT_BEYAN
                and registered.direction is Direction.EXIT
            ):
                _exit_banner(p, registered, el["x"], el["y"], el["w"], el["text"])
        elif kind == "field":
            p.field(
                el["x"],
                el["y"],
                el["w"],
                el["h"],
                el["label"],
                _format_value(record, el, layout),
                size=el.get("size", 9),
                min_size=el.get("min_size", MIN_TEXT),
            )
            if el.get("format") == "source" and registered is not None:
                # Box 20: the person's words below, the officer's category on the label line.
                category = SOURCE_TR.get(registered.form.source_category, "")
                p.string(
                    el["x"] + el["w"] - 1,
                    el["y"] + 2.6,
                    f"Kaynak türü (memurca): {category}",
                    MIN_TEXT,
                    align="right",
                )
        elif kind == "money_table":
            lines = () if registered is None else resolve(registered, el["lines"])
            _money_table(p, el["x"], el["y"], el["w"], el["h"], lines, el["headers"])
        elif kind == "explanation_tables":
            x, y, w, h = el["x"], el["y"], el["w"], el["h"]
            # Boxes 15-16 and the TL values below them share the space: the valuation takes
            # what its text needs (many rates, an exit's cover), the tables the rest.
            below = valuation_height(p, registered, w, el["valuation_h"])
            _explanation_tables(p, registered, x, y, w, h - below)
            _valuation(p, registered, x, y + h - below, w, below)
        elif kind == "valuation":
            _valuation(p, registered, el["x"], el["y"], el["w"], el["h"])
        elif kind == "result_box":
            _result_box(p, job, el["x"], el["y"], el["w"], el["h"])
        elif kind == "closing":
            p.string(el["x"], el["y"], layout["closing_line"], 8.5, bold=True)
        elif kind == "signature":
            _signature(p, registered, el)
        elif kind == "footer":
            page = int(copy_label.split(".")[0]) if copy_label[:1].isdigit() else 1
            _footer(p, job, el["x"], el["y"], el["w"], el["h"], page, len(layout["copies"]))


def _money_table(
    p: Painter,
    x: float,
    y: float,
    w: float,
    h: float,
    lines: Sequence[MoneyLine] | None,
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
            f"{fmt.line_amount(line)} {line.currency}",
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
    number: str, lines: Sequence[MoneyLine] | None, *, blank: bool = False
) -> list[tuple[str, str, str, str]]:
    """Rows of box 15 or 16 as (label, kind, amount label, amount): 15.a and 15.b for the first
    two currencies, further currencies under 15.b without numbers of their own, then 15.c for
    payment instruments, each on a row of its own. Every sub-label is printed, used or not."""
    (a_label, a_total), (b_label, b_total), (c_label, c_total) = ANNEX_ROWS[number]
    cash = [ln for ln in lines or () if ln.is_cash]
    docs = [ln for ln in lines or () if not ln.is_cash]
    if blank or lines is None:
        cash, docs = [], []

    def kind(ln: MoneyLine) -> str:
        return fmt.currency(ln.currency)

    def counted(ln: MoneyLine) -> list[tuple[str, str, str, str]]:
        if not ln.denominations:  # counted by banknotes (box 16)
            return []
        notes = " + ".join(
            f"{d.count} × {fmt.face_value(d.value, ln.currency)}" for d in ln.denominations
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
    p: Painter, record: RegisteredRecord | None, x: float, y: float, w: float, h: float
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
        # No record: a blank paper form, its rows empty for the pen.
        explanation = record.explanation if record is not None else None
        lines: Sequence[MoneyLine] | None = ()
        if explanation is not None:
            lines = explanation.declared if key == "declared" else explanation.detected
        number = "15" if key == "declared" else "16"
        body_y, body_h = y + 8, h - 8
        p.rect(bx, body_y, half, body_h)
        blank = record is None
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


def valuation_text(record: RegisteredRecord) -> str:
    """The TL values the outcome rests on, the exit's cover and the rates, in one line."""
    v = record.valuation
    explanation = record.kind is Kind.NAKIT_ACIKLAMA
    parts = []
    if v.declared_try is not None and explanation:
        parts.append(f"Açıklanan: {fmt.amount(v.declared_try)} TL")
    elif explanation:
        parts.append("Açıklanan: açıklama yok")
    if not explanation:
        parts.append(f"Beyan edilen nakdin TL karşılığı: {fmt.amount(v.declared_try)} TL")
    else:
        parts.append(f"Tespit edilen: {fmt.amount(v.detected_try)} TL")
        parts.append(f"Açıklanmayan fark: {fmt.amount(v.undeclared_try)} TL")
        parts.append(f"Müsaade edilen fark ({v.tolerance_year}): {fmt.amount(v.tolerance_try)} TL")
    if v.exit_limit_try is not None:
        parts.append(f"Çıkış sınırı: {fmt.amount(v.exit_limit_try)} TL")
    thresholds = [
        f"{label} {fmt.amount(value)} TL"
        for value, label in (
            (v.exit_threshold_lira_try, "Türk parası"),
            (v.exit_threshold_foreign_try, "döviz"),
        )
        if value is not None
    ]
    if thresholds:
        parts.append(f"Çıkışta beyan eşikleri: {', '.join(thresholds)}")
    cover = v.exit_cover
    if cover:
        # Per currency what the document covered and what remains after this exit (what
        # this exit drew is the difference): one pair a currency keeps many lines short.
        remaining = {x.currency: x for x in cover.remaining}
        pairs = "; ".join(
            f"{fmt.line_amount(x)} / "
            f"{fmt.line_amount(remaining.get(x.currency, x.with_amount(Decimal('0'))))}"
            f" {x.currency}"
            for x in cover.available
        )
        what = vocabulary.EXCEPTION.get(cover.kind, cover.kind)
        parts.append(
            f"İstisna ({what} {cover.reference}) kapsadığı / bu çıkıştan sonra kalan: "
            f"{pairs or 'yok'}"
        )
    if v.rates:
        # Grouped by the column they came from: the column is named once, not per currency.
        groups: dict[str, list[str]] = {}
        for c, r in v.rates.items():
            groups.setdefault(COLUMN_TR.get(r.column, ""), []).append(
                f"{c} {fmt.amount(r.try_per_unit)}"
            )
        listed = "; ".join(
            f"{column + ' ' if column else ''}{', '.join(items)}"
            for column, items in groups.items()
        )
        parts.append(f"TCMB {fmt.date(v.rate_date)} kurları: {listed}")
    return " · ".join(parts)


def _valuation(
    p: Painter, record: RegisteredRecord | None, x: float, y: float, w: float, h: float
) -> None:
    p.rect(x, y, w, h)
    if record is None:  # a blank paper form
        p.string(x + 1.5, y + 3.4, "TL karşılığı (kayda girildiğinde hesaplanır):", 7)
        return
    p.fit(x + 1.5, y + 0.6, w - 3, h - 1.2, valuation_text(record), size=7, what="TL karşılıkları")


def valuation_height(p: Painter, record: RegisteredRecord | None, w: float, least: float) -> float:
    """How tall the valuation box must be to hold its text at 7 pt (at least ``least`` mm)."""
    if record is None:
        return least
    return max(least, p.wrapped_height(valuation_text(record), w - 3, 7) + 1.4)


def _found(record: RegisteredRecord) -> tuple[MoneyLine, ...]:
    """The cash the record found: counted (EK-2 box 16), else declared (EK-1)."""
    explanation, declaration = record.explanation, record.declaration
    if explanation is not None and explanation.detected:
        return explanation.detected
    return declaration.cash if declaration is not None else ()


def _custody_text(record: RegisteredRecord) -> str:
    """Custody for box 22: all cash found, or the lines (long lists point to the seizure
    report, which lists every item — never a silent cut)."""
    custody = record.outcome.custody
    if not custody:
        return ""

    def plain(lines: Sequence[MoneyLine]) -> list[MoneyLine]:
        return [dataclasses.replace(ln, denominations=()) for ln in lines]

    if plain(custody) == plain(_found(record)):
        return "Muhafaza altına alınan: tespit edilen nakdin tamamı (16)."
    shown = custody[:MAX_CUSTODY_LINES_IN_BOX]
    listed = ", ".join(f"{fmt.line_kind(c)} {fmt.line_amount(c)}" for c in shown)
    rest = len(custody) - len(shown)
    more = f" ve {rest} kalem daha (tamamı zabıt varakasında)" if rest else ""
    return f"Muhafaza altına alınan: {listed}{more}."


def _result_box(p: Painter, job: PrintJob, x: float, y: float, w: float, h: float) -> None:
    """Box 22, ticked according to the outcome, with the fine and custody in b.1 / c.1; on a
    blank paper form, every box unticked."""
    record = job.record if isinstance(job.record, RegisteredRecord) else None
    o = record.outcome if record is not None else None
    code = o.code if o is not None else None
    p.rect(x, y, w, h)
    p.string(
        x + 1.5, y + 3.4, "22.Kontrol Sonucunda Yapılan işleme İlişkin Açıklama", 7.5, bold=True
    )
    action = ""
    if record is not None and record.outcome.fine_try != 0:
        # The rate the record was computed with (every record carries it), not a literal.
        rate = record.rule_parameters.get("fine_rate")
        times = f" × %{fmt.percent(Decimal(str(rate)))}" if rate else ""
        action = (
            f"{ground(job, 'fine')} uyarınca idari para cezası "
            f"{fmt.amount(record.outcome.fine_try)} TL "
            f"(açıklanmayan {fmt.amount(record.valuation.undeclared_try)} TL{times})."
        )
    elif code is OutcomeCode.NO_DECLARATION:
        action = "Fark müsaade edilen tutarı aşmadığından idari para cezası uygulanmadı."
    referral = o is not None and o.prosecutor_referral

    def mark(checked: bool) -> str:
        return "[X]" if checked else "[ ]"  # as on the official form, in the text layer too

    # a
    p.string(
        x + 3, y + 7.2, f"a.Doğru açıklama yapılmıştır. {mark(code is OutcomeCode.CORRECT)}", 7.5
    )
    # b
    p.string(x + 3, y + 10.6, "b-)Herhangi bir açıklama yapılmamışsa:", 7.5)
    p.string(x + 6, y + 14, "b.1.Yapılan idari işlem", 7)
    p.fit(
        x + 36,
        y + 11.4,
        w - 78,
        5.9,
        action if code is OutcomeCode.NO_DECLARATION else "",
        size=7,
        what="22.b.1",
    )
    p.string(
        x + w - 3,
        y + 14,
        f"b.2.Savcılığa sevk {mark(code is OutcomeCode.NO_DECLARATION and referral)}",
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
        action if code is OutcomeCode.MISDECLARED else "",
        size=7,
        what="22.c.1",
    )
    p.string(
        x + w - 3,
        y + 23.2,
        f"c.2.Savcılığa sevk {mark(code is OutcomeCode.MISDECLARED and referral)}",
        7,
        align="right",
    )
    if o is None or record is None:
        return
    other = [
        g
        for g in o.grounds
        if "Çıkış sınırları aşılmadı" not in g and ("çıkış sınırını" in g or "kaynağı" in g.lower())
    ]
    if o.declaration_due:
        other.insert(0, "Çıkışta beyan eşiği aşıldı: nakit Nakit Beyan Formu ile beyan edilmeli.")
    custody = _custody_text(record)
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


def _witness(record: RegisteredRecord) -> str | None:
    """The witnessing officer's sicil (a Nakit Açıklama Tutanağı's second signature)."""
    explanation = record.explanation
    return explanation.witness_officer if explanation is not None else None


def _refusal(record: RegisteredRecord) -> str | None:
    """Why the person refused to sign, as the record says, if they did."""
    explanation = record.explanation
    return explanation.signature_refused_reason if explanation is not None else None


def _signature(p: Painter, record: RegisteredRecord | None, el: dict[str, Any]) -> None:
    x, y, w, h = el["x"], el["y"], el["w"], el["h"]
    role = el["role"]
    p.rect(x, y, w, h)
    p.string(x + 1.5, y + 3.8, el["heading"], 7.5, bold=True)
    values: list[str]
    if record is None:  # a blank paper form: signed by hand
        values = ["", "", ""]
    elif role == "officer":
        values = [record.officer_name, f"{record.officer_title}, {record.officer}", ""]
    elif role == "witness":
        required = record.outcome.officer_signatures_required >= 2
        witness = _witness(record)
        if witness:
            values = [
                record.witness_name or "",
                f"{record.witness_title or ''}, {witness}",
                "",
            ]
        else:
            values = ["(gerekmiyor: doğru açıklama)" if not required else "", "", ""]
    else:
        values = [record.person.full_name, ""]
        refused = _refusal(record)
        if refused:
            values[1] = f"İmzadan imtina etti. Sebebi: {refused}"
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


def _person_summary(record: RegisteredRecord) -> str:
    person = record.person
    parts = [
        person.full_name,
        fmt.identity(person),
        f"Doğum: {person.birth_place} {fmt.date(person.birth_date)}",
        f"Uyruk: {fmt.country(person.nationality)}",
    ]
    if person.father_name:
        parts.append(f"Baba adı: {person.father_name}")
    if person.occupation:
        parts.append(f"Mesleği: {person.occupation}")
    if person.address:
        parts.append(f"Adresi: {person.address}")
    return " · ".join(parts)


def _seized_table(
    p: Painter, record: RegisteredRecord, x: float, y: float, w: float, h: float
) -> None:
    detected = {ln.key: ln for ln in _found(record)}
    rows = []
    for c in record.outcome.custody:
        source = detected.get(c.key)
        denominations = ""
        # The banknotes counted, where all of that currency was seized.
        if source is not None and source.denominations and source.amount == c.amount:
            denominations = (
                " ("
                + ", ".join(
                    f"{d.count} × {fmt.face_value(d.value, c.currency)}"
                    for d in source.denominations
                )
                + ")"
            )
        rows.append((fmt.line_kind(c) + denominations, f"{fmt.line_amount(c)} {c.currency}"))
    p.rect(x, y, w, h)
    p.rect(x, y, w, 5, fill_gray=0.94)
    p.string(x + 1.5, y + 3.6, "Cinsi", 7, bold=True)
    p.string(x + w - 1.5, y + 3.6, "Miktarı", 7, bold=True, align="right")

    def wrapped(size: float) -> list[list[str]]:
        # The kind and its banknotes wrap beside the amount: they never run into it.
        return [p.wrap(left, w - 6 - p.text_width(right, size), size) for left, right in rows]

    size = 8.5
    while size > LEGACY_MIN and sum(map(len, wrapped(size))) * size * LEADING_MM > h - 7:
        if size <= MIN_TEXT and p.strict:
            raise LayoutOverflow(
                f"El konulan nakit zabıt varakasının tablosuna sığmıyor: {len(rows)} kalem; "
                "belge bu uzunlukta yazdırılamaz.",
                "detected" if record.kind is Kind.NAKIT_ACIKLAMA else "cash",
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
    record = _registered(job)
    o = record.outcome
    facts_given = record.seizure
    witness = _witness(record)
    _header(p, job, ground(job, "seizure_law"), "EL KOYMA ZABIT VARAKASI", copy_label, seizure=True)
    kind = "Nakit Beyan Formu" if record.kind is Kind.NAKIT_BEYAN else "Nakit Açıklama Tutanağı"
    place = record.office_name + (f", {record.customs_area}" if record.customs_area else "")
    officers = (
        f"Tanzim eden: {record.officer_name} ({record.officer_title}, sicil {record.officer})"
    )
    if witness:
        officers += (
            f"; şahit memur: {record.witness_name or ''} "
            f"({record.witness_title or ''}, sicil {witness})"
        )
    order = ""
    if facts_given is not None and facts_given.order_date and facts_given.order_number:
        order = f"{fmt.date(facts_given.order_date)}, {facts_given.order_number}"
    p.field(12, 31, 93, 10, "1. Tanzim tarihi ve saati", fmt.date_time(record.registered_at))
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
    p.field(136, 41, 62, 11, "Amirin yazılı izni (tarihi, numarası)", order, size=8)
    found = ""
    if facts_given is not None:
        found = FOUND_TR.get(facts_given.found, "")
        if facts_given.found_detail:
            found += f" — {facts_given.found_detail}"
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
        f"({ground(job, 'prohibited_source_document')}); nakit beyan yerine el koyma ile kayda "
        "alınmıştır. "
        if record.is_prohibited_declaration
        else f"{record.number} numaralı {kind} ile tespit edilmiştir. "
    ) + " ".join(o.grounds)
    explanation = record.explanation
    if explanation is not None:
        register_facts += (
            f" Kontrol sebebi: {SELECTION_TR.get(explanation.selection_basis, '')}"
            "; nakit, gümrük personelince fiziki kontrolle sayılmıştır."
        )
    facts = (
        f"{facts_given.facts}\nKayıt: {register_facts}"
        if facts_given is not None and facts_given.facts
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
    _seized_table(p, record, 12, 101, 186, 32)
    p.field(
        12,
        134,
        186,
        24,
        "3. Maznunun isim ve hüviyeti, sanatı ve mahalli ikameti",
        _person_summary(record),
        size=8,
    )
    # The person's own words, as given; never composed from the form's boxes.
    p.field(
        12,
        158,
        186,
        24,
        "Maznunun ifadesi (kendi sözleriyle)",
        (facts_given.statement if facts_given is not None else None) or "",
        size=8,
    )
    refused = _refusal(record)
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
    present = facts_given.present if facts_given is not None else ()
    blocks: list[tuple[str, str, str]] = [
        ("Tanzim eden memur", record.officer_name, f"Sicil: {record.officer}"),
        ("Şahit memur", record.witness_name or "", f"Sicil: {witness}" if witness else ""),
        ("Maznun", record.person.full_name, f"Kimlik: {record.person.id_number}"),
    ]
    for i in range(2):
        who = present[i] if i < len(present) else None
        blocks.append(
            (
                f"Hazır bulunan ({i + 1})",
                who.name if who else "",
                f"Kimlik no: {who.id_number}" if who else "Kimlik no:",
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
        _seizure_statement(job),
        size=7,
    )
    _footer(p, job, 12, 262, 186, 26, 1 if copy_label.startswith("1") else 2, 2)


def _seizure_statement(job: PrintJob) -> str:
    """The closing paragraph of the rule set's law; a rule set that gives none gets the plain
    statement of what was done, citing the rule set itself."""
    return _given_ground(job, "seizure_statement") or (
        f"Bu zabıt varakası {ground(job, 'short')} uyarınca tanzim edilmiştir. El konulan "
        "nakit muhafaza altına alınmış ve durum Cumhuriyet Savcılığına bildirilmiştir."
    )


def _draw_receipt(p: Painter, job: PrintJob, copy_label: str) -> None:
    record = _registered(job)
    _header(
        p,
        job,
        ground(job, "custody"),
        "MUHAFAZA ALTINA ALINAN NAKİT ALINDI BELGESİ",
        copy_label,
        seizure=True,
    )
    p.field(12, 31, 186, 26, "Nakdi teslim eden kişi", _person_summary(record), size=8.5)
    p.field(
        12,
        57,
        186,
        10,
        "İlgili kayıt",
        f"{record.number} — {fmt.date_time(record.registered_at)}",
    )
    _section(p, 12, 69, 186, "MUHAFAZA ALTINA ALINAN NAKİT")
    _seized_table(p, record, 12, 75, 186, 62)
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
                f"{record.officer_name} ({record.officer_title}, {record.officer})",
            ),
            ("Teslim eden kişi", record.person.full_name),
        )
    ):
        bx = 12 + i * 93
        p.rect(bx, 160, 93, 30)
        p.string(bx + 1.5, 164, role, 7.5, bold=True)
        p.fit(bx + 1.5, 166, 90, 8, f"Adı Soyadı: {name}", size=7.5)
        p.string(bx + 1.5, 186, "İmzası:", 7)
    _footer(p, job, 12, 262, 186, 26, 1 if copy_label.startswith("1") else 2, 2)
