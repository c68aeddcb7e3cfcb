"""Step 3 — fields 6 and 8-14 of the tutanak: mother's name, occupation, addresses and phones
in Turkey and abroad, and the country come from (13, entry) or going to (14, exit)."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from gumruk_desk.domain.problems import Problem
from gumruk_desk.ui.ek2.base import Ek2Page
from gumruk_desk.ui.widgets import CountryBox

#: The person's keys this page writes (the identity page writes the others).
PERSON_KEYS = (
    "mother_name",
    "occupation",
    "address",
    "phone",
    "destination_address",
    "destination_phone",
)


class PlainText(QPlainTextEdit):
    """A short multi-line text where Tab moves on (it never types a tab into an address)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * 3 + 12)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # the QLineEdit spelling, on purpose
        self.setPlainText(text)


class PersonalPage(Ek2Page):
    """Six person fields and the country of field 13 or 14 (by direction)."""

    key = "personal"
    prefixes = (
        *(f"person.{k}" for k in PERSON_KEYS),
        "country_from",
        "country_to",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("3. Kişinin diğer bilgileri (6, 8-14)"))
        self.setSubTitle(
            self.tr(
                "Kişiye sorarak yazın. Telefonlar ve gidiş yeri adresi (10-12) varsa yazılır; "
                "formda yerlerinde basılır."
            )
        )
        layout = QVBoxLayout(self)
        form = self.new_form(layout, banner=False)
        self._form = form
        self.mother_name = QLineEdit(self)
        self.mother_name.setObjectName("mother_name")
        self.occupation = QLineEdit(self)
        self.occupation.setObjectName("occupation")
        self.address = PlainText(self)
        self.address.setObjectName("address")
        self.phone = QLineEdit(self)
        self.phone.setObjectName("phone")
        self.destination_address = PlainText(self)
        self.destination_address.setObjectName("destination_address")
        self.destination_phone = QLineEdit(self)
        self.destination_phone.setObjectName("destination_phone")
        self.country = CountryBox(self)
        self.country.setObjectName("country")
        self.add_row(form, self.tr("6. A&nne adı"), self.mother_name, "person.mother_name")
        self.add_row(
            form, self.tr("8. &Mesleği / iştigal konusu"), self.occupation, "person.occupation"
        )
        self.add_row(form, self.tr("9. &Yerleşim yeri adresi"), self.address, "person.address")
        # What every tutanak needs first; what the person may not have (10-12, "varsa")
        # after it, so that an empty one costs no key.
        self.country_row = self.add_row(
            form, self.tr("13. Gelinen &ülke"), self.country, "country_from"
        )
        self.add_row(form, self.tr("10. &Telefon"), self.phone, "person.phone", required=False)
        self.add_row(
            form,
            self.tr("11. Gi&diş yeri adresi"),
            self.destination_address,
            "person.destination_address",
            required=False,
        )
        self.add_row(
            form,
            self.tr("12. Gidiş yeri telef&onu"),
            self.destination_phone,
            "person.destination_phone",
            required=False,
        )
        chain = (
            self.mother_name,
            self.occupation,
            self.address,
            self.country,
            self.phone,
            self.destination_address,
            self.destination_phone,
        )
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        # Both country paths land under the one country field.
        self.register_error("country_to", self.country_row.error, self.country)
        self.register_error("country_from", self.country_row.error, self.country)
        layout.addWidget(self.page_error)
        layout.addStretch(1)
        for edit in (self.mother_name, self.occupation, self.phone, self.destination_phone):
            edit.textChanged.connect(self.changed)
        for text in (self.address, self.destination_address):
            text.textChanged.connect(self.changed)
        self.country.codeChanged.connect(self.changed)
        self.country.line_edit().textEdited.connect(self.changed)

    def _exit(self) -> bool:
        wizard = self.wizard()
        return wizard is not None and self.ek2_wizard().direction() == "exit"

    def initializePage(self) -> None:
        caption = self._form.labelForField(self.country_row)
        if isinstance(caption, QLabel):
            caption.setText(
                self.tr("14. Çıkış yapılacak &ülke *")
                if self._exit()
                else self.tr("13. Gelinen &ülke *")
            )

    def first_field(self) -> QWidget:
        return self.mother_name

    def clear_person(self) -> None:
        """A scan brought another person: what was typed here was the previous one's."""
        for edit in (
            self.mother_name,
            self.occupation,
            self.address,
            self.phone,
            self.destination_address,
            self.destination_phone,
        ):
            edit.setText("")

    def contribute(self, record: dict[str, Any]) -> None:
        person = record.setdefault("person", {})
        person["mother_name"] = self.mother_name.text()
        person["occupation"] = self.occupation.text()
        person["address"] = self.address.text()
        # Optional boxes left empty are absent from the record, as `record create` writes them.
        for key, edit in (
            ("phone", self.phone),
            ("destination_address", self.destination_address),
            ("destination_phone", self.destination_phone),
        ):
            text = edit.text()
            if text.strip():
                person[key] = text
        code = self.country.code()
        if self._exit():
            record["country_from"], record["country_to"] = None, code
        else:
            record["country_from"], record["country_to"] = code, None

    def load(self, record: dict[str, Any]) -> None:
        person = record.get("person") or {}
        self.mother_name.setText(str(person.get("mother_name") or ""))
        self.occupation.setText(str(person.get("occupation") or ""))
        self.address.setText(str(person.get("address") or ""))
        self.phone.setText(str(person.get("phone") or ""))
        self.destination_address.setText(str(person.get("destination_address") or ""))
        self.destination_phone.setText(str(person.get("destination_phone") or ""))
        self.country.set_code(record.get("country_to") or record.get("country_from"))

    def state(self) -> dict[str, Any]:
        return {
            "mother_name": self.mother_name.text(),
            "occupation": self.occupation.text(),
            "address": self.address.text(),
            "phone": self.phone.text(),
            "destination_address": self.destination_address.text(),
            "destination_phone": self.destination_phone.text(),
            "country": self.country.raw_text(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.mother_name.setText(str(state.get("mother_name") or ""))
        self.occupation.setText(str(state.get("occupation") or ""))
        self.address.setText(str(state.get("address") or ""))
        self.phone.setText(str(state.get("phone") or ""))
        self.destination_address.setText(str(state.get("destination_address") or ""))
        self.destination_phone.setText(str(state.get("destination_phone") or ""))
        self.country.set_raw_text(str(state.get("country") or ""))

    def local_problems(self) -> list[Problem]:
        if message := self.country.problem():
            return [Problem("country_to" if self._exit() else "country_from", message)]
        return []
