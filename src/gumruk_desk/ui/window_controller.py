"""What the main window's controllers share: the window they serve, reached through Qt."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget


class WindowController(QObject):
    """A QObject child of the window it works for (printing, uploads)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)

    @property
    def _window(self) -> QWidget:
        # Through Qt, never a reference of our own: a child holding its window would keep
        # the window's wrapper alive after Qt deleted it.
        window = self.parent()
        assert isinstance(window, QWidget)
        return window

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return self._window.tr(text, disambiguation, n)
