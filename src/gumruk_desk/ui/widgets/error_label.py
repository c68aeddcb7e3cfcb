"""The red text under a field, and a field bundled with it for a QFormLayout row."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

ERROR_COLOUR = QColor("#b3261e")
WARNING_COLOUR = QColor("#8a5a00")


class ErrorLabel(QLabel):
    """Red, word-wrapped text shown directly under its field; hidden while there is nothing
    to say, so an empty label takes no room.

    ``set_messages`` takes the messages of one field (already Turkish) and shows them one per
    line; ``messages()`` returns what is shown (tests and the wizard read it back).
    """

    def __init__(self, parent: QWidget | None = None, *, warning: bool = False) -> None:
        super().__init__(parent)
        self._messages: tuple[str, ...] = ()
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, WARNING_COLOUR if warning else ERROR_COLOUR)
        self.setPalette(palette)
        self.setVisible(False)

    def set_messages(self, messages: Iterable[str]) -> None:
        unique: list[str] = []
        for message in messages:
            if message and message not in unique:
                unique.append(message)
        self._messages = tuple(unique)
        self.setText("\n".join(unique))
        self.setVisible(bool(unique))

    def set_message(self, message: str | None) -> None:
        self.set_messages([message] if message else [])

    def clear_messages(self) -> None:
        self.set_messages([])

    def messages(self) -> tuple[str, ...]:
        return self._messages


class FieldWithError(QWidget):
    """``field`` with its :class:`ErrorLabel` underneath: one QFormLayout row value.

    Make the field itself, not the container, the buddy of the row's label. The container
    is deliberately no focus proxy of the field: Qt's Tab walk then jumps from the field
    after it back to the proxied field, and a page's Tab order runs in a circle.
    """

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.error = ErrorLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        layout.addWidget(self.error)
