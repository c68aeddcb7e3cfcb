"""The seizure report's own facts (Law 1918 Art. 54), asked only when cash is seized: where
and how the cash was found, what happened in the officers' own words, the person's own
statement, a written order where the act needs one, and the two persons present.

The register writes the rest of the report itself (date, place, officers, the cash seized,
the person); what only the officers can say is asked here, so that the printed report never
composes a statement the person did not make.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from gumruk_desk.domain.problems import Problem
from gumruk_desk.ui.ek2.personal_page import PlainText
from gumruk_desk.ui.form_wizard.page import FormPage
from gumruk_desk.ui.widgets import DateEdit


class SeizurePage(FormPage):
    """Fields of the seizure report that only the officers can fill in."""

    key = "seizure"
    prefixes = ("seizure",)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Zabıt varakası (1918 s. Kanun m.54)"))
        self.setSubTitle(
            self.tr(
                "Nakde el konuluyor: zabıt varakasına yazılacakları memurun ve kişinin kendi "
                "sözleriyle yazın. Hazır bulunanlar kâğıda elle de yazılabilir."
            )
        )
        layout = QVBoxLayout(self)
        form = self.new_form(layout)
        self.found = QComboBox(self)
        self.found.setObjectName("seizure_found")
        self.found.addItem(self.tr("— seçin —"), "")
        for code, label in (
            ("on_person", self.tr("Kişinin üzerinde")),
            ("baggage", self.tr("Bagajında / eşyası arasında")),
            ("vehicle", self.tr("Aracında")),
            ("other", self.tr("Başka bir yerde")),
        ):
            self.found.addItem(label, code)
        self.add_row(form, self.tr("Nakit &nerede bulundu"), self.found, "seizure.found")
        self.found_detail = QLineEdit(self)
        self.found_detail.setObjectName("seizure_found_detail")
        self.found_detail.setPlaceholderText(self.tr("ör. valizin astarına dikilmiş zarfta"))
        self.add_row(
            form,
            self.tr("Ne &suretle bulundu"),
            self.found_detail,
            "seizure.found_detail",
            required=False,
        )
        self.facts = PlainText(self)
        self.facts.setObjectName("seizure_facts")
        self.add_row(form, self.tr("&Vaka (memurun anlatımı)"), self.facts, "seizure.facts")
        self.statement = PlainText(self)
        self.statement.setObjectName("seizure_statement")
        self.add_row(
            form,
            self.tr("Kişinin &ifadesi (kendi sözleriyle)"),
            self.statement,
            "seizure.statement",
            required=False,
        )
        self.order_date = DateEdit(self)
        self.order_date.setObjectName("seizure_order_date")
        self.order_number = QLineEdit(self)
        self.order_number.setObjectName("seizure_order_number")
        self.add_row(
            form,
            self.tr("Yazılı izin &tarihi"),
            self.order_date,
            "seizure.order.date",
            required=False,
        )
        self.add_row(
            form,
            self.tr("Yazılı izin n&umarası"),
            self.order_number,
            "seizure.order.number",
            required=False,
        )
        self.register_error("seizure.order", self.error_label("seizure.order.number"))
        self.present: list[tuple[QLineEdit, QLineEdit]] = []
        for i in range(2):
            name, number = QLineEdit(self), QLineEdit(self)
            name.setObjectName(f"seizure_present_{i}_name")
            number.setObjectName(f"seizure_present_{i}_id")
            self.add_row(
                form,
                self.tr("Hazır bulunan ({n}) adı soyadı").format(n=i + 1),
                name,
                f"seizure.present[{i}].name",
                required=False,
            )
            self.add_row(
                form,
                self.tr("Hazır bulunan ({n}) kimlik no").format(n=i + 1),
                number,
                f"seizure.present[{i}].id_number",
                required=False,
            )
            self.present.append((name, number))
        self.register_error("seizure.present", self.error_label("seizure.present[0].name"))
        note = QLabel(
            self.tr(
                "Kişi imzadan kaçınırsa sebebini basılı varakaya kendi el yazısıyla yazar; "
                "imza sayfasında işaretleyin."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.page_error)
        layout.addStretch(1)

        self.found.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for edit in (self.found_detail, self.order_date, self.order_number):
            edit.textChanged.connect(self.changed)
        for text in (self.facts, self.statement):
            text.textChanged.connect(self.changed)
        for name, number in self.present:
            name.textChanged.connect(self.changed)
            number.textChanged.connect(self.changed)

    # -- page contract -----------------------------------------------------------------------
    def first_field(self) -> QWidget:
        return self.found

    def active(self) -> bool:
        """Asked only when the record seizes cash (the wizard knows)."""
        wizard = self.form_wizard()
        return bool(wizard is not None and wizard.seizes_cash())

    def contribute(self, record: dict[str, Any]) -> None:
        if not self.active():
            return
        order = None
        if not self.order_date.is_empty() or self.order_number.text().strip():
            order = {"date": self.order_date.iso(), "number": self.order_number.text()}
        present = [
            {"name": name.text(), "id_number": number.text()}
            for name, number in self.present
            if name.text().strip() or number.text().strip()
        ]
        record["seizure"] = {
            "found": self.found.currentData() or None,
            "found_detail": self.found_detail.text().strip() or None,
            "facts": self.facts.text(),
            "statement": self.statement.text().strip() or None,
            "order": order,
            "present": present,
        }

    def load(self, record: dict[str, Any]) -> None:
        seizure = record.get("seizure") or {}
        index = self.found.findData(seizure.get("found") or "")
        self.found.setCurrentIndex(max(index, 0))
        self.found_detail.setText(str(seizure.get("found_detail") or ""))
        self.facts.setText(str(seizure.get("facts") or ""))
        self.statement.setText(str(seizure.get("statement") or ""))
        order = seizure.get("order") or {}
        self.order_date.set_iso(order.get("date"))
        self.order_number.setText(str(order.get("number") or ""))
        people = list(seizure.get("present") or [])
        for i, (name, number) in enumerate(self.present):
            who = people[i] if i < len(people) else {}
            name.setText(str(who.get("name") or ""))
            number.setText(str(who.get("id_number") or ""))

    def state(self) -> dict[str, Any]:
        return {
            "found": self.found.currentData(),
            "found_detail": self.found_detail.text(),
            "facts": self.facts.text(),
            "statement": self.statement.text(),
            "order_date": self.order_date.text(),
            "order_number": self.order_number.text(),
            "present": [[name.text(), number.text()] for name, number in self.present],
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.found.setCurrentIndex(max(self.found.findData(state.get("found") or ""), 0))
        self.found_detail.setText(str(state.get("found_detail") or ""))
        self.facts.setText(str(state.get("facts") or ""))
        self.statement.setText(str(state.get("statement") or ""))
        self.order_date.setText(str(state.get("order_date") or ""))
        self.order_number.setText(str(state.get("order_number") or ""))
        for (name, number), (typed_name, typed_id) in zip(
            self.present, list(state.get("present") or [["", ""], ["", ""]]), strict=False
        ):
            name.setText(str(typed_name))
            number.setText(str(typed_id))

    def local_problems(self) -> list[Problem]:
        if not self.active():
            return []
        problems: list[Problem] = []
        if not self.found.currentData():
            problems.append(Problem("seizure.found", self.tr("Nakdin nerede bulunduğunu seçin.")))
        if not self.facts.text().strip():
            problems.append(
                Problem("seizure.facts", self.tr("Vakayı memurun kendi sözleriyle yazın."))
            )
        if self.order_date.problem():
            problems.append(Problem("seizure.order.date", str(self.order_date.problem())))
        if self.order_date.is_empty() == bool(self.order_number.text().strip()):
            problems.append(
                Problem(
                    "seizure.order.number",
                    self.tr("Yazılı iznin tarihini ve numarasını birlikte yazın."),
                )
            )
        filled = [bool(n.text().strip() or i.text().strip()) for n, i in self.present]
        if any(filled) and not all(filled):
            problems.append(
                Problem(
                    "seizure.present[1].name",
                    self.tr(
                        "Hazır bulunanlar iki kişidir: ikisini de yazın ya da ikisini de "
                        "boş bırakıp kâğıda elle yazdırın."
                    ),
                )
            )
        for i, (name, number) in enumerate(self.present):
            if name.text().strip() and not number.text().strip():
                problems.append(
                    Problem(
                        f"seizure.present[{i}].id_number",
                        self.tr("Hazır bulunanın kimlik numarasını yazın."),
                    )
                )
        return problems
