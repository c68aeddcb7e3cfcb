"""Step 6 — the person in Turkey the cash is brought for (natural or legal person)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gumruk_desk.domain.problems import Problem
from gumruk_desk.ui.ek1.base import Ek1Page
from gumruk_desk.ui.widgets import CountryBox


class BeneficiaryPage(Ek1Page):
    """Natural or legal person, name or title, nationality (natural persons only) and the
    T.C. Kimlik No / passport / Vergi Kimlik No, checked by the domain validator."""

    key = "beneficiary"
    prefixes = ("beneficiary",)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("6. Türkiye’de adına nakit getirilen kişi"))
        self.setSubTitle(
            self.tr("Nakdin Türkiye’de kimin adına getirildiği: gerçek veya tüzel kişi.")
        )
        layout = QVBoxLayout(self)
        form = self.new_form(layout)

        self.natural = QRadioButton(self.tr("G&erçek kişi"), self)
        self.natural.setObjectName("beneficiary_natural")
        self.legal = QRadioButton(self.tr("&Tüzel kişi (şirket, kurum)"), self)
        self.legal.setObjectName("beneficiary_legal")
        self.group = QButtonGroup(self)
        self.group.addButton(self.natural)
        self.group.addButton(self.legal)
        self.natural.setChecked(True)
        kind_box = QWidget(self)
        kind_layout = QHBoxLayout(kind_box)
        kind_layout.setContentsMargins(0, 0, 0, 0)
        kind_layout.addWidget(self.natural)
        kind_layout.addWidget(self.legal)
        kind_layout.addStretch(1)
        kind_holder = self.add_row(form, self.tr("Kişi türü"), kind_box, "beneficiary.legal_entity")
        kind_holder.setFocusProxy(self.natural)

        self.name = QLineEdit(self)
        self.name.setObjectName("beneficiary_name")
        self.nationality = CountryBox(self)
        self.nationality.setObjectName("beneficiary_nationality")
        self.id_kind = QComboBox(self)
        self.id_kind.setObjectName("beneficiary_id_kind")
        self.id_kind.addItem(self.tr("T.C. Kimlik No"), "tckn")
        self.id_kind.addItem(self.tr("Pasaport No"), "passport")
        self.id_kind.addItem(self.tr("Vergi Kimlik No"), "vkn")
        self.id_number = QLineEdit(self)
        self.id_number.setObjectName("beneficiary_id_number")
        self.add_row(form, self.tr("&Adı Soyadı veya Unvanı"), self.name, "beneficiary.name")
        self.nationality_row = self.add_row(
            form,
            self.tr("&Uyruğu (gerçek kişi)"),
            self.nationality,
            "beneficiary.nationality",
        )
        self.add_row(form, self.tr("Belge tü&rü"), self.id_kind, "beneficiary.id_kind")
        self.add_row(
            form,
            self.tr("&Numara (T.C. Kimlik / Pasaport / Vergi Kimlik)"),
            self.id_number,
            "beneficiary.id_number",
        )
        layout.addWidget(self.page_error)
        layout.addStretch(1)

        self.legal.toggled.connect(self._legal_toggled)
        self.name.textChanged.connect(self.changed)
        self.id_number.textChanged.connect(self.changed)
        self.id_kind.currentIndexChanged.connect(self.changed)
        self.nationality.codeChanged.connect(self.changed)
        self.nationality.line_edit().textEdited.connect(self.changed)

    def _legal_toggled(self, legal: bool) -> None:
        # A legal person has no nationality on the form and is named by its tax number; the
        # kind is only proposed here, the validator still checks what is chosen.
        self.nationality.setEnabled(not legal)
        if legal:
            self.id_kind.setCurrentIndex(self.id_kind.findData("vkn"))
        elif self.id_kind.currentData() == "vkn":
            self.id_kind.setCurrentIndex(self.id_kind.findData("tckn"))
        self.changed.emit()

    def is_legal(self) -> bool:
        return self.legal.isChecked()

    def first_field(self) -> QWidget:
        return self.legal if self.legal.isChecked() else self.natural

    def contribute(self, record: dict[str, Any]) -> None:
        legal = self.is_legal()
        record["beneficiary"] = {
            "name": self.name.text(),
            "legal_entity": legal,
            "nationality": None if legal else self.nationality.code(),
            "id_kind": self.id_kind.currentData(),
            "id_number": self.id_number.text(),
        }

    def load(self, record: dict[str, Any]) -> None:
        block = record.get("beneficiary") or {}
        (self.legal if block.get("legal_entity") else self.natural).setChecked(True)
        self.name.setText(str(block.get("name") or ""))
        self.nationality.set_code(block.get("nationality"))
        index = self.id_kind.findData(block.get("id_kind"))
        if index >= 0:
            self.id_kind.setCurrentIndex(index)
        self.id_number.setText(str(block.get("id_number") or ""))

    def state(self) -> dict[str, Any]:
        return {
            "legal": self.is_legal(),
            "name": self.name.text(),
            "nationality": self.nationality.raw_text(),
            "id_kind": self.id_kind.currentData(),
            "id_number": self.id_number.text(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        (self.legal if state.get("legal") else self.natural).setChecked(True)
        self.name.setText(str(state.get("name") or ""))
        self.nationality.set_raw_text(str(state.get("nationality") or ""))
        index = self.id_kind.findData(state.get("id_kind"))
        if index >= 0:
            self.id_kind.setCurrentIndex(index)
        self.id_number.setText(str(state.get("id_number") or ""))

    def local_problems(self) -> list[Problem]:
        if not self.is_legal() and (message := self.nationality.problem()):
            return [Problem("beneficiary.nationality", message)]
        return []
