"""The recovery key's own page: printed once at set-up (or after a key rotation), for the
supervisor to keep locked away from the machine. Nothing else is on it, so it can be filed
apart from every other paper of the desk."""

from __future__ import annotations

import io

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
