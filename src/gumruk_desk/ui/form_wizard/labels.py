"""Turkish labels of coded values both form wizards offer (the vocabulary's words, through
Qt's translation so that the window could be translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gumruk_desk.domain.vocabulary import SOURCE_CHOICES, SOURCE_ORDER

__all__ = ["SOURCE_ORDER", "source_labels"]


def source_labels() -> dict[str, str]:
    return {
        code: QCoreApplication.translate("SourcePage", SOURCE_CHOICES[code])
        for code in SOURCE_ORDER
    }
