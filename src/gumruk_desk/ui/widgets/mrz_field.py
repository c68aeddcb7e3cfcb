"""The machine readable zone as a keyboard-wedge scanner types it.

A scanner "types" the MRZ: line one, Enter, line two, Enter (and line three for an identity
card). The field keeps Enter as a line break while more lines can follow and reads the zone
on the Enter after the last line: two 44-character lines (passport, TD3) or three
30-character lines (identity card, TD1). Ctrl+Enter reads whatever is there. Enter in an empty
field is left to the dialog, so an officer without a scanner moves on as usual. Focused again
from the keyboard, the field selects the zone it holds: the next scan replaces it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFontDatabase, QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from gumruk_desk.domain.identity import MrzData, MrzError, parse_mrz

_TD3 = (2, 44)
_TD1 = (3, 30)


class MrzField(QPlainTextEdit):
    """Reads an MRZ with :func:`gumruk_desk.domain.identity.parse_mrz`.

    ``parsed(MrzData)`` is emitted when the zone is read and verified, ``failed(str)`` with
    the domain's Turkish message when it is not. ``today`` (for tests) fixes the date the
    century of two-digit years and the expiry warning are computed against.
    """

    parsed = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        today: Callable[[], datetime.date] | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self.last_result: MrzData | None = None
        self.setTabChangesFocus(True)  # Tab leaves the field; a scanner never types Tab
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(self.font().pointSizeF())
        self.setFont(font)
        self.setPlaceholderText(
            QCoreApplication.translate(
                "MrzField",
                "Pasaportu veya kimlik kartını okutun (ya da MRZ satırlarını yazıp Enter'a basın)",
            )
        )
        lines = 3.6
        margins = self.contentsMargins()
        frame = 2 * self.frameWidth() + margins.top() + margins.bottom()
        self.setFixedHeight(int(self.fontMetrics().lineSpacing() * lines) + frame + 8)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # Coming back by keyboard (Alt+M, Tab) to scan the next document: the old zone is
        # selected, so the scanner's first character replaces it instead of adding a line.
        if event.reason() != Qt.FocusReason.MouseFocusReason and self.toPlainText():
            self.selectAll()

    def lines(self) -> list[str]:
        return [line.strip() for line in self.toPlainText().splitlines() if line.strip()]

    def _may_continue(self, lines: list[str]) -> bool:
        """True while the typed lines are the start of a TD3 or TD1 zone."""
        lengths = [len(line) for line in lines]
        return lengths in ([_TD3[1]], [_TD1[1]], [_TD1[1]] * 2)

    def _complete(self, lines: list[str]) -> bool:
        lengths = [len(line) for line in lines]
        return lengths in ([_TD3[1]] * _TD3[0], [_TD1[1]] * _TD1[0])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            lines = self.lines()
            if not lines:
                event.ignore()  # nothing scanned: Enter belongs to the dialog
                return
            forced = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            at_end = self.textCursor().atEnd()
            if not forced and at_end and self._may_continue(lines) and not self._complete(lines):
                super().keyPressEvent(event)
                return
            if not forced and not at_end:
                super().keyPressEvent(event)
                return
            self.read()
            return
        super().keyPressEvent(event)

    def read(self) -> MrzData | None:
        """Read the zone now; emits ``parsed`` or ``failed`` and returns the data or None."""
        try:
            today = self._today() if self._today else None
            data = parse_mrz(self.toPlainText(), today)
        except MrzError as exc:
            self.last_result = None
            self.failed.emit(str(exc))
            return None
        self.last_result = data
        self.parsed.emit(data)
        return data
