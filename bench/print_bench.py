"""Printing benchmark (run by hand; prints figures, asserts nothing).

    .venv/bin/python bench/print_bench.py [--runs 200]

Median milliseconds to render a 4-copy EK-2 (result c, with custody), and the ratio to
drawing the same strings, lines and rectangles at the same positions with bare reportlab
calls in the same run: the cost of the layout layer (box fitting, wrapping, formatting,
layout data). Both produce a complete PDF with the same embedded font. Target <= 2x.
The register the record is registered in is encrypted, as a desk's is (its key in a keyring
file of the run, ``bench/bench_keyring.py``); the rendering itself does not read it.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from bench_keyring import use_keyring
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from factories import cash, ek2, instrument
from gumruk_desk.printing.documents import PrintJob, render_pdf
from gumruk_desk.printing.fonts import register_fonts
from gumruk_desk.services import Desk
from register_fixtures import OFFICER, OFFICER_PW, WITNESS, WITNESS_PW, setup_register


def replay(ops: list[tuple[Any, ...]], pages: int) -> bytes:
    """The same primitives with bare reportlab calls (QR modules as one path, like the
    renderer; watermarks have none here)."""
    from reportlab.graphics.barcode import qrencoder

    buffer = io.BytesIO()
    c = Canvas(
        buffer,
        pagesize=A4,
        pageCompression=1,
        invariant=1,
        initialFontName="GumrukSans",
        initialFontSize=9,
    )
    per_page = len(ops) // pages
    for page in range(pages):
        font = None
        for op in ops[page * per_page : (page + 1) * per_page]:
            if op[0] == "string":
                _, name, size, x, y, text, align = op
                if font != (name, size):
                    c.setFont(name, size)
                    font = (name, size)
                if align == "center":
                    c.drawCentredString(x, y, text)
                elif align == "right":
                    c.drawRightString(x, y, text)
                else:
                    c.drawString(x, y, text)
            elif op[0] == "rect":
                _, x, y, w, h, width, fill = op
                c.setLineWidth(width)
                if fill is not None:
                    c.setFillGray(fill)
                c.rect(x, y, w, h, stroke=1, fill=1 if fill is not None else 0)
                if fill is not None:
                    c.setFillGray(0)
            elif op[0] == "line":
                _, x1, y1, x2, y2, width = op
                c.setLineWidth(width)
                c.line(x1, y1, x2, y2)
            elif op[0] == "qr":
                _, payload, x, y, size = op
                code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
                code.addData(payload)
                code.make()
                n = code.getModuleCount()
                m = size / (n + 8)
                path = c.beginPath()
                for r in range(n):
                    for col in range(n):
                        if code.isDark(r, col):
                            path.rect(x + (4 + col) * m, y + size - (5 + r) * m, m, m)
                c.drawPath(path, stroke=0, fill=1)
        c.showPage()
    c.save()
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    register_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        use_keyring(Path(tmp) / "keyring.json")  # the register is encrypted: its key
        home = Path(tmp) / "h"
        setup_register(home)
        with Desk(home) as desk:
            data = ek2(
                detected=[
                    cash("EUR", "16000.00"),
                    cash("USD", "2500.00"),
                    instrument("cek", "TRY", "5000.00"),
                ]
            )
            record = desk.register(
                data,
                officer=desk.authenticate(OFFICER, OFFICER_PW),
                witness=desk.authenticate(WITNESS, WITNESS_PW),
            )
    job = PrintJob(record, "form", 1, "0123456789abcdef")
    ops: list[tuple[Any, ...]] = []
    render_pdf(job, ops)
    full, bare = [], []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        render_pdf(job)
        full.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        replay(ops, 4)
        bare.append(time.perf_counter() - t0)
    f, b = statistics.median(full) * 1000, statistics.median(bare) * 1000
    print(f"4-copy EK-2 (result c), {args.runs} runs: median {f:.2f} ms")
    print(f"same {len(ops)} primitives with bare reportlab calls: median {b:.2f} ms")
    print(f"ratio: {f / b:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
