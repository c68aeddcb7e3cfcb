"""JSON text read strictly: an object that names a key twice is refused.

The standard parser keeps the last of two equal keys, so a file or a request could say one
thing to a reader who sees the first and register another; every JSON the desk and the centre
accept from outside (a record file, a rule set, an upload) is read here instead.
"""

from __future__ import annotations

import json
from typing import Any


class RepeatedKey(ValueError):
    """An object of the text names ``key`` twice; ``str(e)`` is Turkish."""

    def __init__(self, key: str) -> None:
        super().__init__(f"'{key}' anahtarı iki kez yazılmış.")
        self.key = key


def _once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise RepeatedKey(key)
        found[key] = value
    return found


def loads(text: str | bytes) -> Any:
    """``json.loads`` that raises :class:`RepeatedKey` for a key written twice in an object
    (and ``json.JSONDecodeError`` for what is not JSON)."""
    return json.loads(text, object_pairs_hook=_once)
