"""Turkish-aware text helpers (pure)."""

from __future__ import annotations

import unicodedata


def turkish_upper(text: str) -> str:
    """Upper-case with Turkish rules: i → İ and ı → I (Python's ``upper`` maps i → I)."""
    return text.replace("i", "İ").replace("ı", "I").upper()


def search_key(text: str) -> str:
    """Key for prefix search of names: Turkish upper case, whitespace folded, NFC."""
    return unicodedata.normalize("NFC", " ".join(turkish_upper(text).split()))
