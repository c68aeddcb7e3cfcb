"""The (Nakdin) Geliş Sebebi block of step 1: the reason the cash is brought in, asked beside
its source because the one proposes the other.

"İhracat" and "Yabancı Sermaye Bedeli" are offered by those exact words: a bank buys the cash
as export proceeds or foreign capital only when the form says so explicitly (Genelge 2013/1,
Yurt içine nakit girişi 1.2/a).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gumruk_desk.ui.widgets import ErrorLabel

REASON_ORDER = ("export", "foreign_capital", "transit_trade", "other")
# The reason that matches a declared source, proposed so the two agree from the start.
_PROPOSED_FOR_SOURCE = {
    "export": "export",
    "foreign_capital": "foreign_capital",
    "transit_trade": "transit_trade",
    "other_free": "other",
    # Cash that may not be declared is still recorded (the seizure): its reason is its source.
    "loan_from_abroad": "other",
    "personal_capital": "other",
}
#: The sources whose own words are proposed as the text of "Diğer".
WORDED_SOURCES = frozenset({"loan_from_abroad", "personal_capital"})


class ArrivalReasonBox(QWidget):
    """Four reasons as radio buttons in a row and a free text (required for "Diğer").

    Until the officer picks a reason, :meth:`propose` follows the source chosen above it;
    ``changed`` follows every edit.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self.tr("(Nakdin) Geliş Sebebi *"), self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.hint = QLabel(self)
        self.hint.setObjectName("bankHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(
            "QLabel { background: #eef3fb; border: 1px solid #9db4d8; padding: 4px; }"
        )
        self.hint.setText(
            self.tr(
                "Banka nakdi ihracat veya yabancı sermaye bedeli olarak ancak Geliş Sebebi "
                "açıkça “İhracat” veya “Yabancı Sermaye Bedeli” ise alabilir (Genelge 2013/1, "
                "Yurt içine nakit girişi 1.2/a)."
            )
        )
        layout.addWidget(self.hint)
        labels = {
            "export": self.tr("İhracat"),
            "foreign_capital": self.tr("Yabancı Sermaye Bedeli"),
            "transit_trade": self.tr("Transit ticaret"),
            "other": self.tr("Diğer (açıklamasını yazın)"),
        }
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        row = QHBoxLayout()
        for code in REASON_ORDER:
            button = QRadioButton(labels[code], self)
            button.setObjectName(f"reason_{code}")
            self.group.addButton(button)
            self.buttons[code] = button
            row.addWidget(button)
            button.toggled.connect(self._toggled)
            button.clicked.connect(self._chosen)
        row.addStretch(1)
        layout.addLayout(row)
        self.code_error = ErrorLabel(self)
        layout.addWidget(self.code_error)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.text = QLineEdit(self)
        self.text.setObjectName("arrival_text")
        self.text.setPlaceholderText(self.tr("ör. ihracat bedeli, fatura no …"))
        self.text.textChanged.connect(self.changed)
        holder = QWidget(self)
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.text)
        self.text_error = ErrorLabel(holder)
        holder_layout.addWidget(self.text_error)
        caption = QLabel(self.tr("Geliş sebebi açı&klaması"), self)
        caption.setBuddy(self.text)
        form.addRow(caption, holder)
        layout.addLayout(form)
        # A reason set by the officer (or a draft, an input) is never replaced by a proposal.
        self._chosen_by_officer = False
        self._proposed_text = ""

    def _toggled(self, checked: bool) -> None:
        if checked:
            self.changed.emit()

    def _chosen(self) -> None:
        self._chosen_by_officer = True

    def first(self) -> QRadioButton:
        checked = self.group.checkedButton()
        return checked if isinstance(checked, QRadioButton) else self.buttons[REASON_ORDER[0]]

    def code(self) -> str | None:
        button = self.group.checkedButton()
        return next((c for c, b in self.buttons.items() if b is button), None)

    def set_code(self, code: str | None) -> None:
        if code in self.buttons:
            self.buttons[code].setChecked(True)
            return
        self.group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        self.group.setExclusive(True)
        self.changed.emit()

    def propose(self, source: str | None, words: str = "") -> None:
        """The reason matching ``source`` (the officer's own choice is kept); ``words``, the
        source's own label, becomes the text of "Diğer" for a source that may not be
        declared (replacing only a text proposed before, never one typed)."""
        if self._chosen_by_officer:
            return
        self.set_code(_PROPOSED_FOR_SOURCE.get(source or ""))
        text = words if source in WORDED_SOURCES else ""
        if self.text.text() == self._proposed_text:
            self.text.setText(text)
            self._proposed_text = text

    def load(self, reason: dict[str, Any]) -> None:
        self.set_code(reason.get("code"))
        self.text.setText(str(reason.get("text") or ""))
        self._chosen_by_officer = reason.get("code") is not None

    def value(self) -> dict[str, Any]:
        return {"code": self.code(), "text": self.text.text()}
