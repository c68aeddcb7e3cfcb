"""Step 7 — Nakdin Kaynak Ülkesi, the country the cash comes from."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from gumruk_desk.domain.problems import Problem
from gumruk_desk.ui.ek1.base import Ek1Page
from gumruk_desk.ui.widgets import CountryBox


class SourceCountryPage(Ek1Page):
    key = "source_country"
    prefixes = ("source_country", "country_to")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("7. Nakdin kaynak ülkesi"))
        self.setSubTitle(
            self.tr("Ülke adının bir kısmını veya ISO kodunu yazın (ör. “alm”, “DE”).")
        )
        layout = QVBoxLayout(self)
        form = self.new_form(layout)
        self.country = CountryBox(self)
        self.country.setObjectName("source_country")
        self.add_row(form, self.tr("&Kaynak ülke"), self.country, "source_country")
        # A declaration on exit names where the cash goes.
        self.destination = CountryBox(self)
        self.destination.setObjectName("country_to")
        self._form = form
        self.destination_row = self.add_row(
            form, self.tr("&Gidilecek ülke"), self.destination, "country_to"
        )
        form.setRowVisible(self.destination_row, False)
        self.destination.codeChanged.connect(self.changed)
        self.destination.line_edit().textEdited.connect(self.changed)
        layout.addWidget(self.page_error)
        layout.addStretch(1)
        self.country.codeChanged.connect(self.changed)
        self.country.line_edit().textEdited.connect(self.changed)

    def first_field(self) -> QWidget:
        return self.country

    def _exit(self) -> bool:
        wizard = self.wizard()
        return getattr(wizard, "direction", "entry") == "exit"

    def initializePage(self) -> None:
        super().initializePage()
        exit_ = self._exit()
        self._form.setRowVisible(self.destination_row, exit_)
        self.setTitle(
            self.tr("7. Nakdin kaynak ülkesi ve gidilecek ülke")
            if exit_
            else self.tr("7. Nakdin kaynak ülkesi")
        )

    def contribute(self, record: dict[str, Any]) -> None:
        record["source_country"] = self.country.code()
        if self._exit():
            record["country_to"] = self.destination.code()
        else:
            record.pop("country_to", None)

    def load(self, record: dict[str, Any]) -> None:
        self.country.set_code(record.get("source_country"))
        self.destination.set_code(record.get("country_to"))

    def state(self) -> dict[str, Any]:
        return {"country": self.country.raw_text(), "country_to": self.destination.raw_text()}

    def restore(self, state: dict[str, Any]) -> None:
        self.country.set_raw_text(str(state.get("country") or ""))
        self.destination.set_raw_text(str(state.get("country_to") or ""))

    def local_problems(self) -> list[Problem]:
        problems = []
        message = self.country.problem()
        if message:
            problems.append(Problem("source_country", message))
        if self._exit():
            message = self.destination.problem()
            if message:
                problems.append(Problem("country_to", message))
            elif not self.destination.code():
                problems.append(Problem("country_to", self.tr("Gidilecek ülkeyi yazın.")))
        return problems
