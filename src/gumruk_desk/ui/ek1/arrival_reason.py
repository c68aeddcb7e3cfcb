"""Step 4 — (Nakdin) Geliş Sebebi, the reason the cash is brought in.

"İhracat" and "Yabancı Sermaye Bedeli" are offered by those exact words: a bank buys the cash
as export proceeds or foreign capital only when the form says so explicitly (Genelge 2013/1,
Yurt içine nakit girişi 1.2/a).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gumruk_desk.ui.ek1.base import Ek1Page
from gumruk_desk.ui.widgets import ErrorLabel

REASON_ORDER = ("export", "foreign_capital", "transit_trade", "other")
# The reason that matches a declared source, proposed so the two agree from the start.
_PROPOSED_FOR_SOURCE = {
    "export": "export",
    "foreign_capital": "foreign_capital",
    "transit_trade": "transit_trade",
    "other_free": "other",
}


class ArrivalReasonPage(Ek1Page):
    """Four reasons as radio buttons and a free text (required for "Diğer")."""

    key = "arrival_reason"
    prefixes = ("arrival_reason",)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("4. Nakdin geliş sebebi"))
        self.setSubTitle(self.tr("Formun “(Nakdin) Geliş Sebebi” bölümüne yazılacak olan."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.seizure_banner)
        self.hint = QLabel(self)
        self.hint.setObjectName("bankHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(
            "QLabel { background: #eef3fb; border: 1px solid #9db4d8; padding: 6px; }"
        )
        self.hint.setText(
            self.tr(
                "Banka bu nakdi ihracat bedeli veya yabancı sermaye bedeli olarak ancak formun "
                "Geliş Sebebi bölümünde açıkça “İhracat” veya “Yabancı Sermaye Bedeli” "
                "yazıyorsa alabilir (Genelge 2013/1, Yurt içine nakit girişi 1.2/a). "
                "Bu durumda aşağıdan o seçeneği seçin."
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
        for code in REASON_ORDER:
            button = QRadioButton(labels[code], self)
            button.setObjectName(f"reason_{code}")
            self.group.addButton(button)
            self.buttons[code] = button
            layout.addWidget(button)
            button.toggled.connect(self._toggled)
        self.code_error = ErrorLabel(self)
        layout.addWidget(self.code_error)
        self.register_error("arrival_reason.code", self.code_error, self.buttons["export"])

        form = self.new_form(layout, banner=False)
        self.reason_text = QLineEdit(self)
        self.reason_text.setObjectName("arrival_text")
        self.reason_text.setPlaceholderText(self.tr("ör. ihracat bedeli, fatura no …"))
        self.reason_text.textChanged.connect(self.changed)
        self.add_row(
            form, self.tr("Açı&klama"), self.reason_text, "arrival_reason.text", required=False
        )
        layout.addWidget(self.page_error)
        layout.addStretch(1)

    def _toggled(self, checked: bool) -> None:
        if checked:
            self.changed.emit()

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

    def initializePage(self) -> None:
        if self.code() is None:
            source = self.ek1_wizard().record().get("source_category")
            self.set_code(_PROPOSED_FOR_SOURCE.get(source or ""))

    def first_field(self) -> QWidget:
        return self.group.checkedButton() or self.buttons[REASON_ORDER[0]]

    def contribute(self, record: dict[str, Any]) -> None:
        record["arrival_reason"] = {"code": self.code(), "text": self.reason_text.text()}

    def load(self, record: dict[str, Any]) -> None:
        reason = record.get("arrival_reason") or {}
        self.set_code(reason.get("code"))
        self.reason_text.setText(str(reason.get("text") or ""))

    def state(self) -> dict[str, Any]:
        return {"code": self.code(), "text": self.reason_text.text()}

    def restore(self, state: dict[str, Any]) -> None:
        self.set_code(state.get("code"))
        self.reason_text.setText(str(state.get("text") or ""))
