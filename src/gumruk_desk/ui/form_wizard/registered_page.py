"""What both wizards show after Kaydet: the number, the outcome in words and colour, details
of the kind, warnings, and the print buttons (the form; where cash was taken into custody,
the seizure report and the receipt). Printing opens the print preview; the print is recorded
in the register once the paper or the PDF file exists."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gumruk_desk.domain.registered import RegisteredRecord
from gumruk_desk.ui.form_wizard.page import InfoPage
from gumruk_desk.ui.widgets import ErrorLabel

GREEN = "QLabel { background: #e8f5e9; color: #1b5e20; border: 1px solid #2e7d32; padding: 8px; }"
RED = "QLabel { background: #fbe9e7; color: #8c1d18; border: 1px solid #b3261e; padding: 8px; }"


class RegisteredPageBase(InfoPage):
    """Shown once the record is registered; Back is gone (the commit page commits).

    Subclasses add their own labels to ``details`` and implement ``show_record``.
    """

    key = "registered"
    prefixes = ()

    def __init__(self, form_button: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.details = QVBoxLayout()
        layout.addLayout(self.details)
        self.warnings = ErrorLabel(self, warning=True)
        self.warnings.setObjectName("outcomeWarnings")
        layout.addWidget(self.warnings)

        buttons = QHBoxLayout()
        self.print_form = QPushButton(form_button, self)
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
            button.clicked.connect(lambda _=False, d=document: self.form_wizard().open_print(d))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.print_error = ErrorLabel(self)
        self.print_error.setObjectName("printError")
        layout.addWidget(self.print_error)
        layout.addStretch(1)

    def detail_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        self.details.addWidget(label)
        return label

    def show_common(self, content: RegisteredRecord, *, seizure: bool) -> None:
        """Number, warnings and which print buttons are offered."""
        number = content.number
        report = content.seizure_number
        self.number.setText(
            self.tr("NO: {number} · Zabıt varakası: {report}").format(number=number, report=report)
            if report != number
            else self.tr("NO: {number}").format(number=number)
        )
        self.warnings.set_messages(list(content.outcome.warnings))
        self.print_seizure.setVisible(seizure)
        self.print_receipt.setVisible(seizure)
        self.print_form.setDefault(True)

    def show_record(self, content: RegisteredRecord) -> None:
        raise NotImplementedError

    def first_field(self) -> QWidget:
        return self.print_form if self.print_form.isVisibleTo(self) else self.print_seizure

    def validatePage(self) -> bool:
        return True
