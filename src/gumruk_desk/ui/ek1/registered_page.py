"""After Kaydet — the number, what the register decided, and printing.

The outcome speaks in colour and words together: green for a declaration, red for a seizure
(with the legal ground the register returned). Printing opens the print preview; the print
is recorded in the register once the paper or the PDF file exists.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gumruk_desk.printing import fmt
from gumruk_desk.printing.documents import COLUMN_TR
from gumruk_desk.ui.ek1.base import Ek1Page
from gumruk_desk.ui.widgets import ErrorLabel

_GREEN = "QLabel { background: #e8f5e9; color: #1b5e20; border: 1px solid #2e7d32; padding: 8px; }"
_RED = "QLabel { background: #fbe9e7; color: #8c1d18; border: 1px solid #b3261e; padding: 8px; }"


class RegisteredPage(Ek1Page):
    """Shown once the record is registered; Back is gone (the Kaydet page commits)."""

    key = "registered"
    prefixes = ()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Kaydedildi"))
        layout = QVBoxLayout(self)
        self.number = QLabel(self)
        self.number.setObjectName("registeredNumber")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.number)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        layout.addWidget(self.outcome)
        self.valuation = QLabel(self)
        self.valuation.setObjectName("valuation")
        self.valuation.setWordWrap(True)
        layout.addWidget(self.valuation)
        self.warnings = ErrorLabel(self, warning=True)
        self.warnings.setObjectName("outcomeWarnings")
        layout.addWidget(self.warnings)

        buttons = QHBoxLayout()
        self.print_form = QPushButton(self.tr("&Yazdır (form, 3 nüsha)…"), self)
        self.print_form.setObjectName("printForm")
        self.print_seizure = QPushButton(self.tr("&Zabıt varakası…"), self)
        self.print_seizure.setObjectName("printSeizure")
        self.print_receipt = QPushButton(self.tr("A&lındı belgesi…"), self)
        self.print_receipt.setObjectName("printReceipt")
        for button, document in (
            (self.print_form, "form"),
            (self.print_seizure, "seizure"),
            (self.print_receipt, "receipt"),
        ):
            button.clicked.connect(lambda _=False, d=document: self.ek1_wizard().open_print(d))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.print_error = ErrorLabel(self)
        self.print_error.setObjectName("printError")
        layout.addWidget(self.print_error)
        layout.addStretch(1)

    def show_record(self, content: dict[str, Any]) -> None:
        outcome = content.get("outcome") or {}
        valuation = content.get("valuation") or {}
        seized = outcome.get("code") == "prohibited_source"
        self.setTitle(self.tr("El koyma kaydedildi") if seized else self.tr("Form kaydedildi"))
        self.number.setText(self.tr("NO: {number}").format(number=content.get("number", "")))
        grounds = " ".join(outcome.get("grounds") or [])
        if seized:
            custody = ", ".join(
                f"{fmt.amount(x['amount'])} {x['currency']}" for x in outcome.get("custody") or []
            )
            text = self.tr(
                "EL KOYMA: bu nakit beyan edilmedi; nakde el konuldu ({custody}) ve Cumhuriyet "
                "Savcılığına bildirilecek. {grounds}"
            ).format(custody=custody, grounds=grounds)
        else:
            text = self.tr("Beyan kaydedildi. {grounds}").format(grounds=grounds)
        self.outcome.setText(text)
        self.outcome.setStyleSheet(_RED if seized else _GREEN)
        rates = valuation.get("rates") or {}
        columns = valuation.get("rate_columns") or {}
        listed = ", ".join(
            f"{code} {str(rate).replace('.', ',')} ({COLUMN_TR.get(columns.get(code, ''), '')})"
            for code, rate in rates.items()
        )
        total = valuation.get("declared_try")
        parts = []
        if total is not None:
            parts.append(self.tr("TL karşılığı: {total} TL").format(total=fmt.amount(total)))
        if listed:
            parts.append(
                self.tr("TCMB {day} kurları: {rates}").format(
                    day=fmt.date(valuation.get("rate_date")), rates=listed
                )
            )
        self.valuation.setText(" · ".join(parts))
        self.warnings.set_messages(outcome.get("warnings") or [])
        self.print_seizure.setVisible(seized)
        self.print_receipt.setVisible(seized)
        self.print_form.setDefault(True)

    def first_field(self) -> QWidget:
        return self.print_form

    def contribute(self, record: dict[str, Any]) -> None:
        return None

    def load(self, record: dict[str, Any]) -> None:
        return None

    def state(self) -> dict[str, Any]:
        return {}

    def restore(self, state: dict[str, Any]) -> None:
        return None

    def validatePage(self) -> bool:
        return True
