"""The original identity document was seen (Genelge 2013/1, Ortak hükümler 5): EK-1 step 3,
and before an EK-2 is drawn up."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from gumruk_desk.printing import fmt
from gumruk_desk.ui.form_wizard.page import FormPage
from gumruk_desk.ui.widgets import ErrorLabel


class DocumentSeenPage(FormPage):
    """One checkbox the officer must tick, beside the document the form will name."""

    key = "document"
    prefixes = ("id_document_seen",)

    def __init__(self, parent: QWidget | None = None, *, title: str = "") -> None:
        super().__init__(parent)
        self.setTitle(title or self.tr("Kimlik belgesinin aslı"))
        self.setSubTitle(
            self.tr(
                "Form, kimlik belgesinin aslı görülmeden düzenlenemez (Genelge 2013/1, "
                "Ortak hükümler 5)."
            )
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.seizure_banner)
        self.document_summary = QLabel(self)
        self.document_summary.setObjectName("documentSummary")
        self.document_summary.setWordWrap(True)
        layout.addWidget(self.document_summary)
        self.seen = QCheckBox(self.tr("Kimlik belgesinin &aslını gördüm *"), self)
        self.seen.setObjectName("id_document_seen")
        self.seen.toggled.connect(self.changed)
        layout.addWidget(self.seen)
        self.seen_error = ErrorLabel(self)
        layout.addWidget(self.seen_error)
        self.register_error("id_document_seen", self.seen_error, self.seen)
        layout.addWidget(self.page_error)
        layout.addStretch(1)

    def initializePage(self) -> None:
        person = self.form_wizard().record().get("person") or {}
        name = f"{person.get('first_name', '')} {person.get('last_name', '')}".strip()
        document = fmt.identity(person) if person.get("id_number") else ""
        self.document_summary.setText(
            self.tr("Belge: {document} — {name}").format(document=document or "—", name=name)
        )

    def first_field(self) -> QWidget:
        return self.seen

    def contribute(self, record: dict[str, Any]) -> None:
        record["id_document_seen"] = self.seen.isChecked()

    def load(self, record: dict[str, Any]) -> None:
        self.seen.setChecked(record.get("id_document_seen") is True)

    def state(self) -> dict[str, Any]:
        return {"seen": self.seen.isChecked()}

    def restore(self, state: dict[str, Any]) -> None:
        self.seen.setChecked(bool(state.get("seen")))
