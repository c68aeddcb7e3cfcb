"""A thin drawing layer over a reportlab canvas, in millimetres from the top-left corner.

It fits text into boxes: wrap first, then shrink down to a minimum size; text that still does
not fit raises :class:`LayoutOverflow` — a signed copy never loses words silently. Every
primitive can be recorded so that the benchmark can replay the same strings with bare
reportlab calls and measure what this layer costs.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from gumruk_desk.printing.fonts import BOLD, REGULAR, register_fonts

PAGE_W_MM, PAGE_H_MM = 210.0, 297.0
LEADING = 1.18
#: The smallest text a record accepted today prints in: the validator's limits are what each
#: box holds at this size, and registration renders every document strictly to prove it.
MIN_TEXT = 6.5
#: How far a box may still shrink when a record registered under earlier, longer limits is
#: printed: a registered record never becomes unprintable.
LEGACY_MIN = 4.4


class LayoutOverflow(ValueError):
    """Text that cannot fit its box even at the smallest size; str(e) is Turkish, ``what``
    names the box (its printed label)."""

    def __init__(self, message: str, what: str = "") -> None:
        super().__init__(message)
        self.what = what


@dataclass
class Painter:
    canvas: Canvas
    ops: list[tuple[Any, ...]] | None = None  # recorded primitives, for the benchmark
    #: Strict rendering (the registration's check) refuses text below MIN_TEXT instead of
    #: shrinking it further.
    strict: bool = False
    _font: tuple[str, float] = field(default=("", 0.0))

    # -- primitives (every drawing goes through these) ----------------------------------------
    def _set_font(self, name: str, size: float) -> None:
        if self._font != (name, size):
            self.canvas.setFont(name, size)
            self._font = (name, size)

    def string(
        self,
        x: float,
        y: float,
        text: str,
        size: float = 9,
        *,
        bold: bool = False,
        align: str = "left",
    ) -> None:
        """Text with its baseline at (x, y) mm from the top-left corner."""
        name = BOLD if bold else REGULAR
        self._set_font(name, size)
        px, py = x * mm, (PAGE_H_MM - y) * mm
        if align == "center":
            self.canvas.drawCentredString(px, py, text)
        elif align == "right":
            self.canvas.drawRightString(px, py, text)
        else:
            self.canvas.drawString(px, py, text)
        if self.ops is not None:
            self.ops.append(("string", name, size, px, py, text, align))

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        width: float = 0.5,
        fill_gray: float | None = None,
    ) -> None:
        self.canvas.setLineWidth(width)
        if fill_gray is not None:
            self.canvas.setFillGray(fill_gray)
        self.canvas.rect(
            x * mm,
            (PAGE_H_MM - y - h) * mm,
            w * mm,
            h * mm,
            stroke=1,
            fill=1 if fill_gray is not None else 0,
        )
        if fill_gray is not None:
            self.canvas.setFillGray(0)
        if self.ops is not None:
            self.ops.append(
                ("rect", x * mm, (PAGE_H_MM - y - h) * mm, w * mm, h * mm, width, fill_gray)
            )

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.5) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x1 * mm, (PAGE_H_MM - y1) * mm, x2 * mm, (PAGE_H_MM - y2) * mm)
        if self.ops is not None:
            self.ops.append(
                ("line", x1 * mm, (PAGE_H_MM - y1) * mm, x2 * mm, (PAGE_H_MM - y2) * mm, width)
            )

    # -- composed -----------------------------------------------------------------------------
    def fit(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        text: str,
        *,
        size: float = 9,
        min_size: float = MIN_TEXT,
        bold: bool = False,
        what: str = "",
    ) -> float:
        """Wrap ``text`` into the box (x, y, w, h); shrink until it fits, never below
        ``min_size`` (at least MIN_TEXT) — unless the record is an old one and the painter is
        not strict, then down to LEGACY_MIN. Returns the size."""
        current = size
        min_size = max(min_size, MIN_TEXT)
        while True:
            # Words longer than the box are broken inside themselves: text never runs into
            # the neighbouring box, whatever was typed.
            lines = self.wrap(text, w, current, bold=bold)
            height = len(lines) * current * LEADING / mm
            if height <= h + 0.01:
                break
            if current <= min_size and (self.strict or min_size <= LEGACY_MIN):
                raise LayoutOverflow(
                    f"Metin kutusuna sığmıyor{f' ({what})' if what else ''}: {len(text)} "
                    "karakter; form bu uzunlukta yazdırılamaz.",
                    what,
                )
            if current <= min_size:
                min_size = LEGACY_MIN
            current = max(min_size, round(current - 0.5, 2))
        baseline = y + current * 0.95 / mm * 1.0
        for ln in lines:
            self.string(x, baseline, ln, current, bold=bold)
            baseline += current * LEADING / mm
        return current

    def field(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        label: str,
        value: str,
        *,
        label_size: float = 6.5,
        size: float = 9,
        min_size: float = MIN_TEXT,
        bold_value: bool = False,
    ) -> None:
        """A form box: the official label at the top, the value below it, fitted."""
        self.rect(x, y, w, h)
        label_h = 0.0
        if label:
            label_lines = simpleSplit(label, REGULAR, label_size, (w - 2) * mm) or [""]
            for i, ln in enumerate(label_lines):
                self.string(x + 1, y + 2.6 + i * label_size * LEADING / mm, ln, label_size)
            label_h = 0.9 + len(label_lines) * label_size * LEADING / mm
        if value:
            self.fit(
                x + 1.5,
                y + label_h + 0.6,
                w - 3,
                h - label_h - 1.2,
                value,
                size=size,
                min_size=min_size,
                bold=bold_value,
                what=label.rstrip(":"),
            )

    def wrap(self, text: str, w: float, size: float, *, bold: bool = False) -> list[str]:
        """``text`` broken into lines no wider than ``w`` mm; a word longer than the line is
        broken inside itself, so nothing ever runs past the box."""
        name = BOLD if bold else REGULAR
        lines: list[str] = []
        for paragraph in text.split("\n"):
            for ln in simpleSplit(paragraph, name, size, w * mm) or [""]:
                while stringWidth(ln, name, size) > w * mm and len(ln) > 1:
                    cut = len(ln) - 1
                    while cut > 1 and stringWidth(ln[:cut], name, size) > w * mm:
                        cut -= 1
                    lines.append(ln[:cut])
                    ln = ln[cut:]
                lines.append(ln)
        return lines

    def wrapped_height(self, text: str, w: float, size: float, *, bold: bool = False) -> float:
        """Height in mm of ``text`` wrapped into ``w`` mm at ``size`` (see :meth:`wrapped`)."""
        return float(len(self.wrap(text, w, size, bold=bold)) * size * LEADING / mm)

    def wrapped(
        self,
        x: float,
        y: float,
        w: float,
        text: str,
        size: float,
        *,
        bold: bool = False,
        align: str = "left",
    ) -> float:
        """Draw ``text`` wrapped into ``w`` mm from the top ``y``, never shrunk; the height."""
        baseline = y + size * 0.95 / mm
        lines = self.wrap(text, w, size, bold=bold)
        for ln in lines:
            anchor = x + w if align == "right" else x
            self.string(anchor, baseline, ln, size, bold=bold, align=align)
            baseline += size * LEADING / mm
        return float(len(lines) * size * LEADING / mm)

    def watermark(
        self, text: str, centre_y: float, size: float, *, gray: float, angle: float = 35
    ) -> None:
        """``text`` across the page, light, centred at ``centre_y`` mm from the top. Drawn
        before the content, it lies under it."""
        c = self.canvas
        c.saveState()
        c.setFillGray(gray)
        c.translate(PAGE_W_MM / 2 * mm, (PAGE_H_MM - centre_y) * mm)
        c.rotate(angle)
        c.setFont(BOLD, size)
        c.drawCentredString(0, 0, text)
        c.restoreState()
        self._font = ("", 0.0)
        if self.ops is not None:
            self.ops.append(("watermark", text, centre_y))

    def text_width(self, text: str, size: float, *, bold: bool = False) -> float:
        return float(stringWidth(text, BOLD if bold else REGULAR, size) / mm)


def new_canvas(buffer: io.BytesIO, title: str, author: str) -> Canvas:
    """An A4 canvas that starts with the embedded font, so no base-14 font is even declared
    on a page; ``invariant`` keeps the bytes free of the moment they were made."""
    regular, _ = register_fonts()
    canvas = Canvas(
        buffer,
        pagesize=A4,
        pageCompression=1,
        invariant=1,
        initialFontName=regular,
        initialFontSize=9,
    )
    canvas.setTitle(title)
    canvas.setAuthor(author)
    return canvas
