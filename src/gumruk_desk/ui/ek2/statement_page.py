"""Step 6 — fields 17-21: what the cash is for and where it comes from, who sent it, and
that the person was told of the obligation to state it (Law 5549 Art. 16).

The source category is asked here too: on entry, cash whose source is a loan taken abroad or
personal capital may not be brought in outside the banking system (G 1.1/b) — the result
page then shows a seizure.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from gumruk_desk.domain.problems import Problem
from gumruk_desk.printing.documents import load_layout
from gumruk_desk.ui.ek2.base import Choice, Ek2Page
from gumruk_desk.ui.ek2.personal_page import PlainText
from gumruk_desk.ui.form_wizard.labels import SOURCE_ORDER, source_labels
from gumruk_desk.ui.widgets import ErrorLabel


class StatementPage(Ek2Page):
    """Sender, purpose, source (free text and category), and the obligation told."""

    key = "statement"
    prefixes = ("sender", "purpose", "source", "source_category", "obligation")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("6. Gönderen, amaç, kaynak (17-21)"))
        self.setSubTitle(
            self.tr(
                "Kişinin beyanına göre yazın. Nakdi gönderen biri varsa en altta (17-18) yazın."
            )
        )
        layout = QVBoxLayout(self)
        form = self.new_form(layout, banner=False)
        self.purpose = PlainText(self)
        self.purpose.setObjectName("purpose")
        self.source_text = PlainText(self)
        self.source_text.setObjectName("source_text")
        self.add_row(form, self.tr("19. &Amacı"), self.purpose, "purpose", required=False)
        self.add_row(form, self.tr("20. &Kaynağı"), self.source_text, "source", required=False)
        self.category = Choice(
            {code: source_labels()[code] for code in SOURCE_ORDER}, "source", self
        )
        self.add_row(form, self.tr("Kaynağın &türü"), self.category, "source_category")
        self._fields["source_category"] = self.category.first()

        obligation = QLabel(
            self.tr("21. Açıklama yükümlülüğü ile ilgili bilgiler: {text}").format(
                text=load_layout("ek2")["obligation_text"]
            ),
            self,
        )
        obligation.setWordWrap(True)
        obligation.setObjectName("obligationText")
        layout.addWidget(obligation)
        self.told = QCheckBox(self.tr("Kişiye &bildirildi *"), self)
        self.told.setObjectName("obligation_told")
        layout.addWidget(self.told)
        told_error = ErrorLabel(self)
        layout.addWidget(told_error)
        self.register_error("obligation", told_error, self.told)

        # Fields 17-18 are filled only where someone sent the cash ("varsa"): asked last, so
        # that no sender costs no key.
        sender_heading = QLabel(self.tr("Varsa nakdi gönderen kişi"), self)
        sender_heading.setFont(self.heading_font(sender_heading))
        layout.addWidget(sender_heading)
        sender_form = self.new_form(layout, banner=False)
        self.sender_name = QLineEdit(self)
        self.sender_name.setObjectName("sender_name")
        self.sender_id = QLineEdit(self)
        self.sender_id.setObjectName("sender_id")
        self.add_row(
            sender_form,
            self.tr("17. Gönderenin adı / &unvanı"),
            self.sender_name,
            "sender.name",
            required=False,
        )
        self.add_row(
            sender_form,
            self.tr("18. Gönderenin kimlik / vergi &no"),
            self.sender_id,
            "sender.id_number",
            required=False,
        )
        self.register_error("sender", self.error_label("sender.name"))
        layout.addWidget(self.page_error)
        layout.addStretch(1)

        for edit in (self.sender_name, self.sender_id):
            edit.textChanged.connect(self.changed)
        for text in (self.purpose, self.source_text):
            text.textChanged.connect(self.changed)
        self.category.changed.connect(self.changed)
        self.told.toggled.connect(self.changed)

    def nextId(self) -> int:
        """The exit page only on exit; on entry straight to the result."""
        return self.ek2_wizard().after_statement()

    def first_field(self) -> QWidget:
        return self.purpose

    def contribute(self, record: dict[str, Any]) -> None:
        name, number = self.sender_name.text().strip(), self.sender_id.text().strip()
        if name or number:
            sender: dict[str, Any] = {"name": self.sender_name.text()}
            if number:
                sender["id_number"] = self.sender_id.text()
            record["sender"] = sender
        else:
            record["sender"] = None
        record["purpose"] = self.purpose.text() if self.purpose.text().strip() else None
        record["source"] = self.source_text.text() if self.source_text.text().strip() else None
        record["source_category"] = self.category.value()

    def load(self, record: dict[str, Any]) -> None:
        sender = record.get("sender") or {}
        self.sender_name.setText(str(sender.get("name") or ""))
        self.sender_id.setText(str(sender.get("id_number") or ""))
        self.purpose.setText(str(record.get("purpose") or ""))
        self.source_text.setText(str(record.get("source") or ""))
        self.category.set_value(record.get("source_category"))

    def state(self) -> dict[str, Any]:
        return {
            "sender_name": self.sender_name.text(),
            "sender_id": self.sender_id.text(),
            "purpose": self.purpose.text(),
            "source": self.source_text.text(),
            "category": self.category.value(),
            "told": self.told.isChecked(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.sender_name.setText(str(state.get("sender_name") or ""))
        self.sender_id.setText(str(state.get("sender_id") or ""))
        self.purpose.setText(str(state.get("purpose") or ""))
        self.source_text.setText(str(state.get("source") or ""))
        self.category.set_value(state.get("category"))
        self.told.setChecked(bool(state.get("told")))

    def local_problems(self) -> list[Problem]:
        problems = []
        if self.sender_id.text().strip() and not self.sender_name.text().strip():
            problems.append(
                Problem(
                    "sender.name",
                    self.tr("Kimlik / vergi numarası yazılan gönderenin adını yazın."),
                )
            )
        if self.category.value() is None:
            problems.append(Problem("source_category", self.tr("Kaynağın türünü seçin.")))
        if not self.told.isChecked():
            problems.append(
                Problem(
                    "obligation",
                    self.tr(
                        "Kişiye açıklama yükümlülüğünü bildirip işaretleyin (tutanağın 21. "
                        "alanı bu bildirimi yazar)."
                    ),
                )
            )
        return problems
