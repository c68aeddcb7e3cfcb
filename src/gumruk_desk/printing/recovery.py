"""The recovery key's own page: printed once at set-up (or after a key rotation), for the
supervisor to keep locked away from the machine. Nothing else is on it, so it can be filed
apart from every other paper of the desk."""

from __future__ import annotations

import datetime
import io
import os
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from gumruk_desk.printing.fonts import register_fonts
from gumruk_desk.printing.painter import new_canvas


def recovery_page(recovery: str, *, station: str, made_at: str) -> bytes:
    """One A4 page: the recovery key in large groups, what it is for and how to use it."""
    regular, bold = register_fonts()
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, "Kayıt defteri kurtarma anahtarı", "Gümrük Masası")
    _width, height = A4
    x, y = 20 * mm, height - 30 * mm
    canvas.setFont(bold, 16)
    canvas.drawString(x, y, "KAYIT DEFTERİ KURTARMA ANAHTARI")
    canvas.setFont(regular, 10)
    y -= 10 * mm
    canvas.drawString(x, y, f"Masa: {station}    Oluşturulma: {made_at}")
    groups = recovery.split("-")
    canvas.setFont(bold, 18)
    y -= 20 * mm
    for start in range(0, len(groups), 4):  # four groups a line, as read aloud
        canvas.drawString(x, y, "  ".join(groups[start : start + 4]))
        y -= 11 * mm
    canvas.setFont(regular, 10)
    y -= 6 * mm
    for line in (
        "Bu anahtar kayıt defterini açar: kilitli bir yerde, bilgisayardan ayrı saklayın;",
        "fotoğrafını çekmeyin, bilgisayara yazmayın.",
        "Anahtarlık kaybolursa ya da kayıt defteri yeni bir bilgisayara taşınırsa:",
        "    gumruk-desk key recover   (anahtar sorulduğunda bu sayfadaki harfleri girin)",
        "Anahtar değiştirildiğinde (gumruk-desk key rotate) bu sayfa geçersiz olur; imha edin.",
    ):
        canvas.drawString(x, y, line)
        y -= 6 * mm
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def write_recovery_page(target: str | Path, recovery: str, *, station: str) -> Path:
    """The recovery page written to ``target``, owner-only (it opens the register), stamped
    with the time now; returns the path written. OSError when it cannot be written."""
    made_at = datetime.datetime.now().strftime("%d.%m.%Y %H:%M")
    data = recovery_page(recovery, station=station, made_at=made_at)
    path = Path(target).resolve()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # a file written over keeps its mode otherwise
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return path
