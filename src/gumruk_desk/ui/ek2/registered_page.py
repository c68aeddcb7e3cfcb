"""After Kaydet — the number, the result, and printing: the tutanak (4 copies) and, when cash
was taken into custody, the seizure report and the receipt for the person, with the time
left to upload the seizure (24 hours, SPEC §6)."""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gumruk_desk.printing import fmt
from gumruk_desk.register.browse import UPLOAD_DEADLINE
from gumruk_desk.ui.ek2.base import Ek2Page
from gumruk_desk.ui.ek2.exit_page import lines_text
from gumruk_desk.ui.ek2.result_page import headline
from gumruk_desk.ui.widgets import ErrorLabel


class RegisteredPage(Ek2Page):
    """Shown once the record is registered; Back is gone (the signatures page commits)."""

    key = "registered"
    prefixes = ()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Tutanak kaydedildi"))
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
        self.grounds = QLabel(self)
        self.grounds.setObjectName("grounds")
        self.grounds.setWordWrap(True)
        layout.addWidget(self.grounds)
        self.deadline = QLabel(self)
        self.deadline.setObjectName("uploadDeadline")
        self.deadline.setWordWrap(True)
        layout.addWidget(self.deadline)
        self.warnings = ErrorLabel(self, warning=True)
        self.warnings.setObjectName("outcomeWarnings")
        layout.addWidget(self.warnings)

        buttons = QHBoxLayout()
        self.print_form = QPushButton(self.tr("&Yazdır (tutanak, 4 nüsha)…"), self)
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
            button.clicked.connect(lambda _=False, d=document: self.ek2_wizard().open_print(d))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.print_error = ErrorLabel(self)
        self.print_error.setObjectName("printError")
        layout.addWidget(self.print_error)
        layout.addStretch(1)

    def show_record(self, content: dict[str, Any]) -> None:
        outcome = content.get("outcome") or {}
        custody = outcome.get("custody") or []
        self.number.setText(self.tr("NO: {number}").format(number=content.get("number", "")))
        text, style = headline(outcome)
        lines = [self.tr(text)]
        if outcome.get("fine_try") not in (None, "0.00"):
            lines.append(
                self.tr("İdari para cezası: {fine} TL").format(fine=fmt.amount(outcome["fine_try"]))
            )
        if custody:
            lines.append(
                self.tr("Muhafaza altına alınan: {lines}").format(lines=lines_text(custody))
            )
        if outcome.get("prosecutor_referral"):
            lines.append(self.tr("Cumhuriyet Savcılığına bildirilecek."))
        if outcome.get("masak_copy"):
            lines.append(self.tr("Bir nüsha MASAK'a gönderilecek."))
        self.outcome.setText("\n".join(lines))
        self.outcome.setStyleSheet(style)
        self.grounds.setText(" ".join(outcome.get("grounds") or []))
        if custody:
            made = datetime.datetime.fromisoformat(str(content.get("registered_at")))
            due = made + UPLOAD_DEADLINE
            self.deadline.setText(
                self.tr(
                    "El koyma kaydı en geç {due} tarihine kadar merkeze yüklenmeli (24 saat, "
                    "Genelge 2019/1 m. 4/2). 'Yükleme bekleyen el koymalar' listesinde görünür."
                ).format(due=f"{due:%d.%m.%Y %H:%M}")
            )
        self.deadline.setVisible(bool(custody))
        self.warnings.set_messages(outcome.get("warnings") or [])
        self.print_seizure.setVisible(bool(custody))
        self.print_receipt.setVisible(bool(custody))
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
