"""The embedded font family (DejaVu Sans, resources/fonts, Bitstream Vera licence)."""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from gumruk_desk.resources import resource_path

REGULAR = "GumrukSans"
BOLD = "GumrukSans-Bold"


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register the TTF family once; reportlab embeds (a subset of) it in every PDF."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(resource_path("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))
    return REGULAR, BOLD
