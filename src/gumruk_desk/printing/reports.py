"""The register's own printouts: the numbered fallback ledger (§O4), the shift report and the
answer to a bank's verification (§G1.2a).

Inputs are plain data (lists and dicts made by the register), so a page drawn from an
approved ledger snapshot is the same page every time: nothing on it depends on when it is
printed.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from gumruk_desk.domain.registered import money_lines_from_json
from gumruk_desk.printing import fmt
from gumruk_desk.printing.painter import MIN_TEXT, PAGE_H_MM, PAGE_W_MM, Painter, new_canvas

MARGIN = 12.0
WIDTH = PAGE_W_MM - 2 * MARGIN
ROW_H = 8.0
#: Nothing on a printed page is smaller than this.
#: (heading, width mm, line key)
LEDGER_COLUMNS = (
    ("Sıra", 8.0, "line_no"),
    ("Kayıt no", 32.0, "number"),
    ("Tarih / saat", 17.0, "at"),
    ("İşlem / tür", 19.0, "what"),
    ("Kişi", 24.0, "person"),
    ("Belge no", 18.0, "document"),
    ("Memur", 20.0, "officer"),
    ("Tutar", 28.0, "amounts"),
    ("Durum", 20.0, "status"),
)


def _canvas(buffer: io.BytesIO, title: str, author: str) -> tuple[Canvas, Painter]:
    canvas = new_canvas(buffer, title, author)
    return canvas, Painter(canvas)


def _new_page(canvas: Canvas, painter: Painter) -> None:
    canvas.showPage()
    painter._font = ("", 0.0)


def _at(text: str) -> str:
    """ "2026-11-23T13:10:05+03:00" → "23.11.2026 13:10"."""
    if len(text) < 16:
        return text
    return f"{text[8:10]}.{text[5:7]}.{text[0:4]} {text[11:16]}"


# -- the ledger -----------------------------------------------------------------------------------


def render_ledger(pages: Iterable[Any], station: dict[str, Any], lines_per_page: int = 25) -> bytes:
    """Ledger pages (``register.ledger.LedgerPage``) as a PDF, one A4 page each, ruled for
    ``lines_per_page`` lines."""
    buffer = io.BytesIO()
    pages = list(pages)
    year = pages[0].year if pages else 0
    canvas, p = _canvas(
        buffer,
        f"Defter {year} — {station.get('office_name', '')}",
        f"{station.get('office_name', '')} — Gümrük Masası",
    )
    line_no = 0
    for index, page in enumerate(pages):
        if index:
            _new_page(canvas, p)
        line_no = _ledger_page(p, page, station, line_no, lines_per_page)
    canvas.save()
    return buffer.getvalue()


def _ledger_page(
    p: Painter, page: Any, station: dict[str, Any], line_no: int, lines_per_page: int
) -> int:
    """One ledger page: its ``lines_per_page`` ruled lines, then the seal and the approval.

    A line grows to hold its text at :data:`MIN_TEXT` (never shrunk below it, never cut); when
    grown lines leave no room on the sheet, the page goes on on a continuation sheet."""
    x = MARGIN
    bottom = PAGE_H_MM - MARGIN
    pad = 0.8
    state = {"sheet": 0, "y": 0.0}

    def sheet_top() -> None:
        if state["sheet"]:
            _new_page(p.canvas, p)
        state["sheet"] += 1
        if station.get("demo"):
            _demo_mark(p)
        y = MARGIN
        page_line = f"Sayfa {page.page} / {page.total_pages}" + (
            " (onay anında)" if page.approval is not None else ""
        )
        if state["sheet"] > 1:
            page_line += " (devam)"
        p.string(x + WIDTH, y + 4, page_line, 11, bold=True, align="right")
        title_w = WIDTH - p.text_width(page_line, 11, bold=True) - 4
        y += p.wrapped(
            x,
            y,
            title_w,
            "NAKİT BEYAN FORMU VE NAKİT AÇIKLAMA TUTANAĞI KAYIT DEFTERİ",
            11,
            bold=True,
        )
        notes = []
        if station.get("demo"):
            notes.append("DEMO — GEÇERSİZ")
        if page.approval is None:
            notes.append("ONAYLANMADI — taslak sayfa")
        note = " · ".join(notes)
        note_w = p.text_width(note, 8, bold=True) + 4 if note else 0.0
        if note:
            p.string(x + WIDTH, y + 4, note, 8, bold=True, align="right")
        y += (
            p.wrapped(
                x,
                y + 1.2,
                WIDTH - note_w,
                f"{station.get('office_name', '')} ({station.get('office', '')}) · Masa "
                f"{station.get('desk', '')} · {page.year} yılı · Genelge 2013/1 Ortak hükümler 4",
                8,
            )
            + 3
        )
        cx = x
        for heading, width, _key in LEDGER_COLUMNS:
            p.rect(cx, y, width, 6, fill_gray=0.9)
            p.string(cx + 1, y + 4.2, heading, 6.8, bold=True)
            cx += width
        state["y"] = y + 6

    def row(values: dict[str, str]) -> None:
        h = max(
            ROW_H,
            *(
                p.wrapped_height(values.get(key, ""), width - 2 * pad, MIN_TEXT) + 2 * pad
                for _heading, width, key in LEDGER_COLUMNS
            ),
        )
        if state["y"] + h > bottom:
            sheet_top()
        cx, y = x, state["y"]
        for _heading, width, key in LEDGER_COLUMNS:
            p.rect(cx, y, width, h)
            if values.get(key):
                p.wrapped(cx + pad, y + pad, width - 2 * pad, values[key], MIN_TEXT)
            cx += width
        state["y"] = y + h

    sheet_top()
    for line in page.lines:
        line_no += 1
        row(
            {
                "line_no": str(line_no),
                "number": line["number"],
                "at": _at(line["at"]),
                "what": f"{line['entry']}: {line['kind']}",
                "person": line["person"],
                "document": line["document"],
                "officer": line.get("officer", ""),  # pages approved before it was listed
                "amounts": line["amounts"],
                "status": line["status"],
            }
        )
    for _ in range(lines_per_page - len(page.lines)):  # empty ruled rows: nothing added later
        row({})
    if state["y"] + 38 > bottom:
        sheet_top()
    box_y = state["y"] + 4
    p.field(x, box_y, 50, 34, "Mühür", "")
    approval = page.approval
    text = ""
    if approval is not None:
        text = (
            f"Onaylandı: {approval.get('approved_by_name', '')} (sicil "
            f"{approval['approved_by']}), {_at(approval['approved_at'])}\n"
            f"Sayfa özeti (SHA-256): {approval['sha256'][:32]}"
        )
    p.field(
        x + 52,
        box_y,
        WIDTH - 52,
        34,
        "İdare amirinin onayı (adı soyadı, unvanı, imzası, tarih)",
        text,
        size=8,
        min_size=MIN_TEXT,
    )
    return line_no


# -- the shift report -----------------------------------------------------------------------------


def render_shift_report(report: dict[str, Any], station: dict[str, Any]) -> bytes:
    """The summary of an officer's shift or a day (``register.reports.shift_report``).

    Every row wraps, however long its text: a long reason or many currencies make the report
    longer (more pages), never unprintable.
    """
    buffer = io.BytesIO()
    canvas, p = _canvas(
        buffer,
        f"Vardiya raporu {report['title']}",
        f"{station.get('office_name', '')} — Gümrük Masası",
    )
    x = MARGIN
    bottom = PAGE_H_MM - MARGIN
    size, pad = 8.5, 0.9
    left_w, right_w = WIDTH * 0.62, WIDTH * 0.38
    state = {"y": 0.0, "page": 0}

    def page_top() -> None:
        if state["page"]:
            _new_page(canvas, p)
        state["page"] += 1
        if station.get("demo"):
            _demo_mark(p)
        y = MARGIN + 4
        heading = "VARDİYA / GÜN RAPORU" + (" (devam)" if state["page"] > 1 else "")
        p.string(x, y, heading, 13, bold=True)
        if station.get("demo"):
            p.string(x + WIDTH, y, "DEMO — GEÇERSİZ", 9, bold=True, align="right")
        y += 6
        y += p.wrapped(
            x,
            y - 3,
            WIDTH,
            f"{station.get('office_name', '')} ({station.get('office', '')}) · Masa "
            f"{station.get('desk', '')}",
            9,
        )
        y += p.wrapped(x, y - 2, WIDTH, report["title"], 9, bold=True)
        state["y"] = y + 4

    def room(height: float) -> None:
        if state["y"] + height > bottom:
            page_top()

    def table(title: str, rows: list[tuple[str, str]] | list[list[str]]) -> None:
        room(8 + 6)
        p.wrapped(x, state["y"], WIDTH, title, 10, bold=True)
        state["y"] += 5
        for left, right in rows or [("—", "")]:
            h = (
                max(
                    p.wrapped_height(left, left_w - 2 * pad, size),
                    p.wrapped_height(right, right_w - 2 * pad, size),
                )
                + 2 * pad
            )
            room(h)
            y = state["y"]
            p.rect(x, y, left_w, h)
            p.rect(x + left_w, y, right_w, h)
            p.wrapped(x + pad, y + pad, left_w - 2 * pad, left, size)
            p.wrapped(x + left_w + pad, y + pad, right_w - 2 * pad, right, size, align="right")
            state["y"] = y + h
        state["y"] += 5

    page_top()
    table("Kayıtlar (tür ve sonuç; iptal edilenler yalnızca İptaller'de)", report["counts"])
    table(
        "Nakit (para birimine göre): formlarda beyan edilen · tutanaklarda tespit edilen",
        report["totals"],
    )
    table("Ödeme araçları (nakitten ayrı)", report.get("instruments") or [])
    table("Yaptırımlar", report["sanctions"])
    table("İptaller (iptal edilen kayıt · onay)", report["cancellations"])
    table("Merkeze yüklenmeyi bekleyen kayıtlar", report["pending"])
    room(34)
    y = state["y"]
    printed = _at(str(report.get("printed_at") or ""))
    p.string(x, y + 3, f"Baskı: {printed}", 8)
    p.field(x, y + 6, WIDTH / 2 - 2, 26, "Raporu düzenleyen memur (adı soyadı, sicili, imza)", "")
    p.field(
        x + WIDTH / 2 + 2,
        y + 6,
        WIDTH / 2 - 2,
        26,
        "Vardiya amiri (adı soyadı, unvanı, imza, tarih)",
        "",
    )
    canvas.save()
    return buffer.getvalue()


def _demo_mark(p: Painter) -> None:
    """DEMO across the page, light and under everything drawn after it."""
    p.watermark("DEMO", PAGE_H_MM - 160, 90, gray=0.9, angle=40)


# -- the bank's answer ----------------------------------------------------------------------------


def render_verification(answer: dict[str, Any], document: str, asked_at: str) -> bytes:
    """A printable answer to a bank's question whether a declaration is genuine."""
    buffer = io.BytesIO()
    canvas, p = _canvas(buffer, f"Doğrulama {answer['number']}", "Gümrük Masası")
    x, y = MARGIN, MARGIN + 6
    p.string(x, y, "NAKİT BEYAN FORMU DOĞRULAMA YANITI", 13, bold=True)
    y += 10
    status = {
        "genuine": "GEÇERLİ — form kayıtlıdır",
        "cancelled": "İPTAL EDİLMİŞ — form geçerli değildir",
        "unknown": "BULUNAMADI — bu numara ve belge numarasıyla kayıtlı bir form yok",
        "mismatch": "UYUŞMUYOR — form kayıtlı, ama karekodundaki bilgi kayıtla aynı değil",
    }[answer["status"]]
    rows = [
        ("Sorulan form numarası", answer["number"]),
        ("Sorulan belge numarası", document),
        ("Sonuç", status),
        ("Sorgu anı", _at(asked_at)),
    ]
    if answer["status"] != "unknown":
        person = answer.get("person") or {}
        # The centre's answer is JSON: its lines and amounts are read here, at the edge.
        day = str(answer.get("date") or "")[:10]
        declared = money_lines_from_json(answer.get("cash"))
        rows += [
            ("Formun tarihi", fmt.date(datetime.date.fromisoformat(day) if day else None)),
            ("Gümrük idaresi", f"{answer.get('office_name', '')} ({answer.get('office', '')})"),
            ("Beyan eden", f"{person.get('first_name', '')} {person.get('last_name', '')}"),
            (
                "Beyan edilen nakit",
                fmt.lines(declared),
            ),
            (
                "TL karşılığı",
                f"{fmt.amount(Decimal(str(answer.get('declared_try') or '0')))} TL",
            ),
        ]
        if answer["status"] == "cancelled":
            rows.append(("İptal tarihi", _at(str(answer.get("cancelled_at") or ""))))
    for label, value in rows:
        p.field(x, y, WIDTH, 11, label, value, size=9.5)
        y += 11
    y += 6
    p.fit(
        x,
        y,
        WIDTH,
        20,
        "Bu yanıt, Genelge 2013/1 (Yurt içine nakit girişi 1.2/a) uyarınca bankanın "
        "sorusu üzerine gümrük idaresinin kayıt defterinden verilmiştir. Yanıt yalnızca "
        "sorulan form numarası ile beyan edenin belge numarasının birlikte eşleştiği formu "
        "bildirir.",
        size=8.5,
    )
    canvas.save()
    return buffer.getvalue()
