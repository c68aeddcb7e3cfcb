"""A question a wizard asks before a step that cannot be undone or that leaves the form:
window-modal and opened without blocking (the wizard keeps its event loop, tests and the
keyboard reach the box as the officer does)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


class Confirmation(QMessageBox):
    """``text`` with a ``yes`` and a ``no`` button (each with its own Alt letter); ``on_yes``
    runs once the officer chooses ``yes``. Esc is ``no``; Enter is the ``default`` one.

    The box outlives its answer (its owner reads it back); :meth:`replace` drops the one
    asked before when the question is asked again."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        text: str,
        *,
        yes: str,
        no: str,
        on_yes: Callable[[], None],
        default_yes: bool = True,
    ) -> None:
        super().__init__(
            QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
        )
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.yes_button: QPushButton = self.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        self.no_button: QPushButton = self.addButton(no, QMessageBox.ButtonRole.RejectRole)
        self.yes_button.setObjectName("confirmYes")
        self.no_button.setObjectName("confirmNo")
        self.setEscapeButton(self.no_button)
        self.setDefaultButton(self.yes_button if default_yes else self.no_button)
        self._on_yes = on_yes
        # Once the box is closed, so that ``on_yes`` may close or move the wizard.
        self.finished.connect(self._finished)

    @staticmethod
    def replace(previous: Confirmation | None) -> None:
        if previous is not None:
            previous.deleteLater()

    def _finished(self, _result: int) -> None:
        if self.clickedButton() is self.yes_button:
            self._on_yes()
