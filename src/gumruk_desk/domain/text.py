"""Turkish-aware text helpers (pure)."""

from __future__ import annotations

import unicodedata


def turkish_upper(text: str) -> str:
    """Upper-case with Turkish rules: i → İ and ı → I (Python's ``upper`` maps i → I)."""
    return text.replace("i", "İ").replace("ı", "I").upper()


def search_key(text: str) -> str:
    """Key for prefix search of names: Turkish upper case, whitespace folded, NFC."""
    return unicodedata.normalize("NFC", " ".join(turkish_upper(text).split()))


#: How many letters of a search text are tried both as I and İ (2**n key ranges at most).
_MAX_FOLDED = 6


def search_keys(text: str) -> list[str]:
    """The stored keys a name typed as ``text`` may have been saved under, for prefix search
    that ignores case and the dot of the i: the key (:func:`search_key`) with each I or İ
    taken both ways, so that "erik" finds ERIKSSON read from a passport's MRZ (stored with a
    Latin I) and "kil" finds both KILIÇ and Kılıç. Stored keys stay what they were (they are
    part of the registered row); the search asks for every spelling instead."""
    key = search_key(text)
    spots = [i for i, ch in enumerate(key) if ch in "Iİ"][:_MAX_FOLDED]
    keys = [key]
    for spot in spots:
        keys = [k[:spot] + letter + k[spot + 1 :] for k in keys for letter in "Iİ"]
    return sorted(set(keys))
