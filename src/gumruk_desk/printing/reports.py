"""The register's own printouts: the numbered fallback ledger (§O4), the shift report and the
answer to a bank's verification (§G1.2a).

Inputs are plain data (lists and dicts made by the register), so a page drawn from an
approved ledger snapshot is the same page every time: nothing on it depends on when it is
printed.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from gumruk_desk.printing import fmt
from gumruk_desk.printing.fonts import BOLD
from gumruk_desk.printing.painter import PAGE_H_MM, PAGE_W_MM, Painter, new_canvas

MARGIN = 12.0
WIDTH = PAGE_W_MM - 2 * MARGIN
ROW_H = 8.0
#: (heading, width mm, line key)
LEDGER_COLUMNS = (
    ("Sıra", 9.0, "line_no"),
    ("Kayıt no", 33.0, "number"),
    ("Tarih / saat", 20.0, "at"),
    ("İşlem / tür", 22.0, "what"),
    ("Kişi", 28.0, "person"),
    ("Belge no", 19.0, "document"),
    ("Tutar", 31.0, "amounts"),
    ("Durum", 24.0, "status"),
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


def render_ledger(pages: Iterable[Any], station: dict[str, str], lines_per_page: int = 25) -> bytes:
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
    p: Painter, page: Any, station: dict[str, str], line_no: int, lines_per_page: int
) -> int:
    x, y = MARGIN, MARGIN
    p.string(x, y + 4, "NAKİT BEYAN FORMU VE NAKİT AÇIKLAMA TUTANAĞI KAYIT DEFTERİ", 11, bold=True)
    p.string(
        x + WIDTH,
        y + 4,
        f"Sayfa {page.page} / {page.total_pages}"
        + (" (onay anında)" if page.approval is not None else ""),
        11,
        bold=True,
        align="right",
    )
    p.string(
        x,
        y + 10,
        f"{station.get('office_name', '')} ({station.get('office', '')}) · Masa "
        f"{station.get('desk', '')} · {page.year} yılı · Genelge 2013/1 Ortak hükümler 4",
        8,
    )
    if page.approval is None:
        p.string(x + WIDTH, y + 10, "ONAYLANMADI — taslak sayfa", 8, bold=True, align="right")
    top = y + 14
    cx = x
    for heading, width, _key in LEDGER_COLUMNS:
        p.rect(cx, top, width, 6, fill_gray=0.9)
        p.string(cx + 1, top + 4.2, heading, 6.8, bold=True)
        cx += width
    row_y = top + 6
    for line in page.lines:
        line_no += 1
        values = {
            "line_no": str(line_no),
            "number": line["number"],
            "at": _at(line["at"]),
            "what": f"{line['entry']}: {line['kind']}",
            "person": line["person"],
            "document": line["document"],
            "amounts": line["amounts"],
            "status": line["status"],
        }
        cx = x
        for _heading, width, key in LEDGER_COLUMNS:
            p.rect(cx, row_y, width, ROW_H)
            p.fit(
                cx + 0.8,
                row_y + 0.6,
                width - 1.6,
                ROW_H - 1.2,
                values[key],
                size=6.5,
                min_size=4.2,
                what=key,
            )
            cx += width
        row_y += ROW_H
    for _ in range(lines_per_page - len(page.lines)):  # empty ruled rows: nothing added later
        cx = x
        for _heading, width, _key in LEDGER_COLUMNS:
            p.rect(cx, row_y, width, ROW_H)
            cx += width
        row_y += ROW_H
    box_y = row_y + 4
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
            _demo_mark(canvas, p)
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


def _demo_mark(canvas: Canvas, p: Painter) -> None:
    """DEMO across the page, light and under everything drawn after it."""
    canvas.saveState()
    canvas.setFillGray(0.9)
    canvas.translate(105 * mm, 160 * mm)
    canvas.rotate(40)
    canvas.setFont(BOLD, 90)
    canvas.drawCentredString(0, 0, "DEMO")
    canvas.restoreState()
    p._font = ("", 0.0)


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
    }[answer["status"]]
    rows = [
        ("Sorulan form numarası", answer["number"]),
        ("Sorulan belge numarası", document),
        ("Sonuç", status),
        ("Sorgu anı", _at(asked_at)),
    ]
    if answer["status"] != "unknown":
        person = answer.get("person") or {}
        rows += [
            ("Formun tarihi", fmt.date(answer.get("date"))),
            ("Gümrük idaresi", f"{answer.get('office_name', '')} ({answer.get('office', '')})"),
            ("Beyan eden", f"{person.get('first_name', '')} {person.get('last_name', '')}"),
            (
                "Beyan edilen nakit",
                "; ".join(
                    ("" if not line.get("instrument") else fmt.line_kind(line) + " ")
                    + f"{fmt.line_amount(line)} {line['currency']}"
                    for line in answer.get("cash") or []
                ),
            ),
            ("TL karşılığı", f"{fmt.amount(answer.get('declared_try') or '0')} TL"),
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
