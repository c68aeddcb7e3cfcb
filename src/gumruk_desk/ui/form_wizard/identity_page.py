"""The person's identity, read from the document's MRZ where there is one (EK-1 step 2,
EK-2 fields 1-5 and 7), and the officer's word that the original document was seen (Genelge
2013/1, Ortak hükümler 5: no form without it).

The scanner fills name, surname, document number, birth date and nationality; the officer
types what no MRZ holds (birth place, father's name) and whatever the MRZ could not give
(a nationality code that is no ISO country, such as the ICAO specimen's "UTO").
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from gumruk_desk.domain.identity import MrzData, is_valid_tckn
from gumruk_desk.domain.problems import Problem
from gumruk_desk.ui.form_wizard.page import FormPage, path_belongs
from gumruk_desk.ui.widgets import CountryBox, DateEdit, ErrorLabel, FieldWithError, MrzField


class IdentityPage(FormPage):
    """MRZ field first, then the eight identity fields both forms share (person.*), then the
    "original document seen" box (id_document_seen).

    ``title``: the step's title in its wizard; ``paths``: the person's record paths it
    answers for (all of ``person`` unless given: the EK-2 wizard asks the other person
    fields later).
    """

    key = "identity"
    prefixes = ("person", "id_document_seen")
    absorbs = ("document",)

    #: a scan brought another person than the one in the fields (what the scan does not fill
    #: has been emptied here; other pages empty theirs)
    person_replaced = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        today: Callable[[], datetime.date] | None = None,
        title: str = "",
        paths: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        self._paths = (*(paths or ("person",)), "id_document_seen")
        self.setTitle(title or self.tr("Kişinin kimliği"))
        self.setSubTitle(
            self.tr(
                "Pasaportu veya kimlik kartını okutun: MRZ satırları alanları doldurur. "
                "Doğum yerini ve baba adını siz yazın; belgenin aslını gördüğünüzü işaretleyin "
                "(Genelge 2013/1, Ortak hükümler 5)."
            )
        )
        layout = QVBoxLayout(self)
        form = self.new_form(layout)

        self.mrz = MrzField(self, today=today)
        self.mrz.setObjectName("mrz")
        # The MRZ's own messages are not record problems: kept apart from the validator's.
        mrz_row = FieldWithError(self.mrz, self)
        self.mrz_error = mrz_row.error
        self.mrz_error.setObjectName("mrzError")
        self.mrz_warnings = ErrorLabel(self, warning=True)
        self.mrz_warnings.setObjectName("mrzWarnings")
        mrz_layout = mrz_row.layout()
        assert mrz_layout is not None
        mrz_layout.addWidget(self.mrz_warnings)
        mrz_caption = QLabel(self.tr("&MRZ"), self)
        mrz_caption.setBuddy(self.mrz)
        form.addRow(mrz_caption, mrz_row)
        self.mrz.parsed.connect(self._fill_from_mrz)
        self.mrz.failed.connect(self._mrz_failed)

        self.first_name = QLineEdit(self)
        self.first_name.setObjectName("first_name")
        self.last_name = QLineEdit(self)
        self.last_name.setObjectName("last_name")
        self.id_kind = QComboBox(self)
        self.id_kind.setObjectName("id_kind")
        self.id_kind.addItem(self.tr("Pasaport"), "passport")
        self.id_kind.addItem(self.tr("T.C. Kimlik No"), "tckn")
        self.id_number = QLineEdit(self)
        self.id_number.setObjectName("id_number")
        self.birth_date = DateEdit(self)
        self.birth_date.setObjectName("birth_date")
        self.nationality = CountryBox(self)
        self.nationality.setObjectName("nationality")
        self.birth_place = QLineEdit(self)
        self.birth_place.setObjectName("birth_place")
        self.father_name = QLineEdit(self)
        self.father_name.setObjectName("father_name")

        self.add_row(form, self.tr("&Adı"), self.first_name, "person.first_name")
        self.add_row(form, self.tr("S&oyadı"), self.last_name, "person.last_name")
        self.add_row(form, self.tr("Belge tü&rü"), self.id_kind, "person.id_kind")
        self.add_row(
            form, self.tr("&Pasaport No / T.C. Kimlik No"), self.id_number, "person.id_number"
        )
        self.add_row(
            form, self.tr("Doğum &tarihi (GG.AA.YYYY)"), self.birth_date, "person.birth_date"
        )
        self.add_row(form, self.tr("&Uyruğu"), self.nationality, "person.nationality")
        self.add_row(form, self.tr("Doğum &yeri"), self.birth_place, "person.birth_place")
        self.add_row(form, self.tr("Baba a&dı"), self.father_name, "person.father_name")
        self.seen = QCheckBox(self.tr("Kimlik belgesinin a&slını gördüm"), self)
        self.seen.setObjectName("id_document_seen")
        self.seen.toggled.connect(self.changed)
        self.add_row(form, self.tr("Belgenin aslı"), self.seen, "id_document_seen")
        layout.addWidget(self.page_error)
        layout.addStretch(1)

        for edit in (
            self.first_name,
            self.last_name,
            self.id_number,
            self.birth_date,
            self.birth_place,
            self.father_name,
        ):
            edit.textChanged.connect(self.changed)
        self.id_kind.currentIndexChanged.connect(self.changed)
        self.nationality.codeChanged.connect(self.changed)
        self.nationality.line_edit().textEdited.connect(self.changed)
        self.mrz.textChanged.connect(self.changed)

    # -- MRZ ---------------------------------------------------------------------------------
    def _fill_from_mrz(self, data: MrzData) -> None:
        warnings = list(data.warnings)
        tckn = next((t for t in data.optional_data.split() if is_valid_tckn(t)), None)
        if data.document_type == "TD1" and data.issuing_state == "TUR" and tckn:
            kind, number = "tckn", tckn
        else:
            kind, number = "passport", data.document_number
            if data.document_type == "TD1":
                warnings.append(
                    self.tr(
                        "Kimlik kartı numarası pasaport numarası olarak yazıldı; formda "
                        "'Pasaport No' olarak basılır."
                    )
                )
        replaced = self._another_person(data.given_names, data.surname, number)
        if replaced:
            # What no MRZ holds belonged to the previous person: never left for this one,
            # nor the word that their document was seen.
            self.birth_place.clear()
            self.father_name.clear()
            self.seen.setChecked(False)
        self.first_name.setText(data.given_names)
        self.last_name.setText(data.surname)
        self.id_kind.setCurrentIndex(self.id_kind.findData(kind))
        self.id_number.setText(number)
        self.birth_date.set_date(data.birth_date)
        self.nationality.set_code(data.nationality)
        self.mrz_error.clear_messages()
        self.mrz_warnings.set_messages(warnings)
        if replaced:
            self.person_replaced.emit()
        # Straight to the first field the officer still has to fill.
        for field in (self.birth_date, self.nationality, self.birth_place, self.father_name):
            empty = (
                field.date() is None
                if isinstance(field, DateEdit)
                else field.code() is None
                if isinstance(field, CountryBox)
                else not field.text().strip()
            )
            if empty:
                field.setFocus(Qt.FocusReason.OtherFocusReason)
                break

    def _another_person(self, first_name: str, last_name: str, number: str) -> bool:
        """True when the fields hold someone else: not when they are still empty (the first
        scan keeps a birth place typed before it) or hold this very document (a second scan
        of the same passport keeps what the officer typed)."""
        before = (self.first_name.text(), self.last_name.text(), self.id_number.text())
        if not any(part.strip() for part in before):
            return False
        return tuple(p.strip().upper() for p in before) != (
            first_name.upper(),
            last_name.upper(),
            number.upper(),
        )

    def _mrz_failed(self, message: str) -> None:
        self.mrz_warnings.clear_messages()
        self.mrz_error.set_message(message)

    # -- page contract -----------------------------------------------------------------------
    def owns(self, path: str) -> bool:
        return any(path_belongs(path, prefix) for prefix in self._paths)

    def first_field(self) -> QWidget:
        return self.mrz

    def contribute(self, record: dict[str, Any]) -> None:
        record["person"] = {
            "first_name": self.first_name.text(),
            "last_name": self.last_name.text(),
            "id_kind": self.id_kind.currentData(),
            "id_number": self.id_number.text(),
            "birth_place": self.birth_place.text(),
            "birth_date": self.birth_date.iso(),
            "nationality": self.nationality.code(),
            "father_name": self.father_name.text(),
        }
        record["id_document_seen"] = self.seen.isChecked()

    def load(self, record: dict[str, Any]) -> None:
        person = record.get("person") or {}
        self.first_name.setText(str(person.get("first_name") or ""))
        self.last_name.setText(str(person.get("last_name") or ""))
        index = self.id_kind.findData(person.get("id_kind"))
        self.id_kind.setCurrentIndex(max(index, 0))
        self.id_number.setText(str(person.get("id_number") or ""))
        self.birth_date.set_iso(person.get("birth_date"))
        self.nationality.set_code(person.get("nationality"))
        self.birth_place.setText(str(person.get("birth_place") or ""))
        self.father_name.setText(str(person.get("father_name") or ""))
        self.seen.setChecked(record.get("id_document_seen") is True)

    def state(self) -> dict[str, Any]:
        return {
            "mrz": self.mrz.toPlainText(),
            "first_name": self.first_name.text(),
            "last_name": self.last_name.text(),
            "id_kind": self.id_kind.currentData(),
            "id_number": self.id_number.text(),
            "birth_date": self.birth_date.text(),
            "nationality": self.nationality.raw_text(),
            "birth_place": self.birth_place.text(),
            "father_name": self.father_name.text(),
            "document": {"seen": self.seen.isChecked()},
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.mrz.setPlainText(str(state.get("mrz") or ""))
        self.first_name.setText(str(state.get("first_name") or ""))
        self.last_name.setText(str(state.get("last_name") or ""))
        self.id_kind.setCurrentIndex(max(self.id_kind.findData(state.get("id_kind")), 0))
        self.id_number.setText(str(state.get("id_number") or ""))
        self.birth_date.setText(str(state.get("birth_date") or ""))
        self.nationality.set_raw_text(str(state.get("nationality") or ""))
        self.birth_place.setText(str(state.get("birth_place") or ""))
        self.father_name.setText(str(state.get("father_name") or ""))
        document = state.get("document")
        self.seen.setChecked(isinstance(document, dict) and bool(document.get("seen")))

    def local_problems(self) -> list[Problem]:
        problems = []
        if message := self.birth_date.problem():
            problems.append(Problem("person.birth_date", message))
        if message := self.nationality.problem():
            problems.append(Problem("person.nationality", message))
        return problems
