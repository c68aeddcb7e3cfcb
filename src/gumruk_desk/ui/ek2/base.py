"""The pages of the Nakit Açıklama Tutanağı wizard: a :class:`FormPage` that knows its
wizard, and a group of radio buttons, the way most of its choices are made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QRadioButton, QVBoxLayout, QWidget

from gumruk_desk.ui.form_wizard.page import FormPage

if TYPE_CHECKING:
    from gumruk_desk.ui.ek2.wizard import NakitAciklamaWizard

__all__ = ["Choice", "Ek2Page"]


class Ek2Page(FormPage):
    """One step of the EK-2 wizard."""

    def ek2_wizard(self) -> NakitAciklamaWizard:
        return self.wizard()  # type: ignore[return-value]


class Choice(QWidget):
    """Radio buttons for one coded value: arrows move between them, Space chooses.

    ``value()`` is the chosen code or None; ``changed`` follows every choice. With
    ``mnemonics`` an ``&`` in a label marks its Alt key; otherwise it is printed as is.
    """

    changed = Signal()

    def __init__(
        self,
        options: dict[str, str],
        name: str,
        parent: QWidget | None = None,
        *,
        mnemonics: bool = False,
    ) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for code, label in options.items():
            button = QRadioButton(label if mnemonics else label.replace("&", "&&"), self)
            button.setObjectName(f"{name}_{code}")
            self.group.addButton(button)
            self.buttons[code] = button
            layout.addWidget(button)
            button.toggled.connect(lambda on: self.changed.emit() if on else None)

    def value(self) -> str | None:
        for code, button in self.buttons.items():
            if button.isChecked():
                return code
        return None

    def set_value(self, code: object) -> None:
        button = self.buttons.get(code) if isinstance(code, str) else None
        if button is not None:
            button.setChecked(True)
            return
        self.group.setExclusive(False)
        for b in self.buttons.values():
            b.setChecked(False)
        self.group.setExclusive(True)
        self.changed.emit()

    def first(self) -> QRadioButton:
        """The chosen button, or the first one (where the focus goes)."""
        checked = self.group.checkedButton()
        return checked if isinstance(checked, QRadioButton) else next(iter(self.buttons.values()))
