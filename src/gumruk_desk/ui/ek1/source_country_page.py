"""Step 7 — Nakdin Kaynak Ülkesi, the country the cash comes from."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from gumruk_desk.domain.problems import Problem
from gumruk_desk.ui.ek1.base import Ek1Page
from gumruk_desk.ui.widgets import CountryBox


class SourceCountryPage(Ek1Page):
    key = "source_country"
    prefixes = ("source_country",)

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
        layout.addWidget(self.page_error)
        layout.addStretch(1)
        self.country.codeChanged.connect(self.changed)
        self.country.line_edit().textEdited.connect(self.changed)

    def first_field(self) -> QWidget:
        return self.country

    def contribute(self, record: dict[str, Any]) -> None:
        record["source_country"] = self.country.code()

    def load(self, record: dict[str, Any]) -> None:
        self.country.set_code(record.get("source_country"))

    def state(self) -> dict[str, Any]:
        return {"country": self.country.raw_text()}

    def restore(self, state: dict[str, Any]) -> None:
        self.country.set_raw_text(str(state.get("country") or ""))

    def local_problems(self) -> list[Problem]:
        message = self.country.problem()
        return [Problem("source_country", message)] if message else []
