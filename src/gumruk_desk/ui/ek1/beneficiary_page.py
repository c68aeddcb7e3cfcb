"""Step 4 — Nakdin Kaynak Ülkesi, and the person in Turkey the cash is brought for.

Most travellers bring the cash for themselves: "the declarant themselves" is ticked for a
new form and fills the block from the identity page (Tab and Space untick it for someone
else, a natural or a legal person). The country comes first on the page: for the
declarant's own cash it is the one thing to type.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
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
    """The declarant themselves (the default), or a natural or legal person: name or title,
    nationality (natural persons only) and the T.C. Kimlik No / passport / Vergi Kimlik No,
    checked by the domain validator; then the source country (and, on exit, the country the
    cash goes to)."""

    key = "beneficiary"
    prefixes = ("beneficiary", "source_country", "country_to")
    absorbs = ("source_country",)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("4. Kaynak ülke ve adına nakit getirilen kişi"))
        self.setSubTitle(
            self.tr(
                "Kaynak ülke: adının bir kısmını veya ISO kodunu yazın (ör. “alm”, “DE”). Nakit "
                "kişinin kendisi için getirildiyse işaret kalsın."
            )
        )
        layout = QVBoxLayout(self)
        form = self.new_form(layout)
        # The country first: for the declarant's own cash it is all there is to type.
        self.country = CountryBox(self)
        self.country.setObjectName("source_country")
        self.add_row(form, self.tr("Nakdin kaynak ülke&si"), self.country, "source_country")
        # A declaration on exit names where the cash goes.
        self.destination = CountryBox(self)
        self.destination.setObjectName("country_to")
        self._form = form
        self.destination_row = self.add_row(
            form, self.tr("Gi&dilecek ülke"), self.destination, "country_to"
        )
        form.setRowVisible(self.destination_row, False)

        self.same = QCheckBox(self.tr("Beyanda bulunan kişinin &kendisi"), self)
        self.same.setObjectName("beneficiary_same")
        self.same.setChecked(True)
        self.same_row = self.add_row(
            form, self.tr("Adına getirilen"), self.same, "beneficiary", required=False
        )

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
        self.kind_box = kind_box
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

        for box in (self.country, self.destination):
            box.codeChanged.connect(self.changed)
            box.line_edit().textEdited.connect(self.changed)
        self.same.toggled.connect(self._same_toggled)
        self.legal.toggled.connect(self._legal_toggled)
        self._enable()
        self.name.textChanged.connect(self.changed)
        self.id_number.textChanged.connect(self.changed)
        self.id_kind.currentIndexChanged.connect(self.changed)
        self.nationality.codeChanged.connect(self.changed)
        self.nationality.line_edit().textEdited.connect(self.changed)

    def _legal_toggled(self, legal: bool) -> None:
        # A legal person has no nationality on the form and is named by its tax number; the
        # kind is only proposed here, the validator still checks what is chosen.
        self._enable()
        if legal:
            self.id_kind.setCurrentIndex(self.id_kind.findData("vkn"))
        elif self.id_kind.currentData() == "vkn":
            self.id_kind.setCurrentIndex(self.id_kind.findData("tckn"))
        self.changed.emit()

    def _same_toggled(self, same: bool) -> None:
        if same:
            self.natural.setChecked(True)
        self._enable()
        self._show_person()
        self.changed.emit()
        if not same and self.isVisible():
            self.natural.setFocus(Qt.FocusReason.OtherFocusReason)

    def _enable(self) -> None:
        same = self.same.isChecked()
        for widget in (self.kind_box, self.name, self.id_kind, self.id_number):
            widget.setEnabled(not same)
        self.nationality.setEnabled(not same and not self.legal.isChecked())

    def _show_person(self) -> None:
        """While "the declarant themselves" is ticked, the block shows the declarant."""
        if not self.same.isChecked() or self.wizard() is None:
            return
        block = self._person_block(self.ek1_wizard().record())
        self.name.setText(block["name"])
        self.nationality.set_code(block["nationality"])
        self.id_kind.setCurrentIndex(max(self.id_kind.findData(block["id_kind"]), 0))
        self.id_number.setText(block["id_number"])

    @staticmethod
    def _person_block(record: dict[str, Any]) -> dict[str, Any]:
        person = record.get("person") or {}
        name = f"{person.get('first_name') or ''} {person.get('last_name') or ''}".strip()
        return {
            "name": name,
            "legal_entity": False,
            "nationality": person.get("nationality"),
            "id_kind": person.get("id_kind"),
            "id_number": person.get("id_number") or "",
        }

    def is_legal(self) -> bool:
        return self.legal.isChecked() and not self.same.isChecked()

    def _exit(self) -> bool:
        wizard = self.wizard()
        return getattr(wizard, "direction", "entry") == "exit"

    def initializePage(self) -> None:
        super().initializePage()
        self._show_person()
        exit_ = self._exit()
        self._form.setRowVisible(self.destination_row, exit_)
        self.setTitle(
            self.tr("4. Kaynak ve gidilecek ülke, adına nakit getirilen kişi")
            if exit_
            else self.tr("4. Kaynak ülke ve adına nakit getirilen kişi")
        )

    def first_field(self) -> QWidget:
        return self.country

    def contribute(self, record: dict[str, Any]) -> None:
        if self.same.isChecked():
            record["beneficiary"] = self._person_block(record)
        else:
            legal = self.is_legal()
            record["beneficiary"] = {
                "name": self.name.text(),
                "legal_entity": legal,
                "nationality": None if legal else self.nationality.code(),
                "id_kind": self.id_kind.currentData(),
                "id_number": self.id_number.text(),
            }
        record["source_country"] = self.country.code()
        if self._exit():
            record["country_to"] = self.destination.code()
        else:
            record.pop("country_to", None)

    def load(self, record: dict[str, Any]) -> None:
        self.country.set_code(record.get("source_country"))
        self.destination.set_code(record.get("country_to"))
        block = record.get("beneficiary")
        if not isinstance(block, dict):
            return  # nothing said yet: the declarant themselves, as for a new form
        self.same.setChecked(self._same_as_person(block, record))
        block = block or {}
        (self.legal if block.get("legal_entity") else self.natural).setChecked(True)
        self.name.setText(str(block.get("name") or ""))
        self.nationality.set_code(block.get("nationality"))
        index = self.id_kind.findData(block.get("id_kind"))
        if index >= 0:
            self.id_kind.setCurrentIndex(index)
        self.id_number.setText(str(block.get("id_number") or ""))

    @staticmethod
    def _same_as_person(block: dict[str, Any], record: dict[str, Any]) -> bool:
        """Whether an input's beneficiary is its declarant (then the box is ticked)."""
        person = BeneficiaryPage._person_block(record)
        keys = ("name", "legal_entity", "id_kind", "id_number")
        return bool(person["id_number"]) and all(
            str(block.get(k) or "").upper() == str(person[k] or "").upper() for k in keys
        )

    def state(self) -> dict[str, Any]:
        return {
            "same": self.same.isChecked(),
            "legal": self.legal.isChecked(),
            "name": self.name.text(),
            "nationality": self.nationality.raw_text(),
            "id_kind": self.id_kind.currentData(),
            "id_number": self.id_number.text(),
            "source_country": {
                "country": self.country.raw_text(),
                "country_to": self.destination.raw_text(),
            },
        }

    def restore(self, state: dict[str, Any]) -> None:
        # A draft from before the box existed named its beneficiary in the fields.
        self.same.setChecked(bool(state.get("same", False)))
        countries = state.get("source_country")
        if isinstance(countries, dict):
            self.country.set_raw_text(str(countries.get("country") or ""))
            self.destination.set_raw_text(str(countries.get("country_to") or ""))
        (self.legal if state.get("legal") else self.natural).setChecked(True)
        self.name.setText(str(state.get("name") or ""))
        self.nationality.set_raw_text(str(state.get("nationality") or ""))
        index = self.id_kind.findData(state.get("id_kind"))
        if index >= 0:
            self.id_kind.setCurrentIndex(index)
        self.id_number.setText(str(state.get("id_number") or ""))

    def local_problems(self) -> list[Problem]:
        problems = []
        named_here = not self.same.isChecked() and not self.is_legal()
        if named_here and (message := self.nationality.problem()):
            problems.append(Problem("beneficiary.nationality", message))
        if message := self.country.problem():
            problems.append(Problem("source_country", message))
        if self._exit():
            if message := self.destination.problem():
                problems.append(Problem("country_to", message))
            elif not self.destination.code():
                problems.append(Problem("country_to", self.tr("Gidilecek ülkeyi yazın.")))
        return problems
