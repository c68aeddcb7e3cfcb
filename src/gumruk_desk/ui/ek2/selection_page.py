"""Step 1 — why this person was asked (Genelge 2013/1 G 1.1/c, G 2/a): the record keeps it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from gumruk_desk.domain.problems import Problem
from gumruk_desk.ui.ek2.base import Choice, Ek2Page
from gumruk_desk.ui.widgets import ErrorLabel


class SelectionPage(Ek2Page):
    """Risk analysis, random sampling or the officer's assessment."""

    key = "selection"
    prefixes = ("selection_basis",)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("1. Kişi neden seçildi?"))
        self.setSubTitle(
            self.tr(
                "Nakit açıklaması istenen kişinin seçilme gerekçesi tutanakla birlikte "
                "kaydedilir (Genelge 2013/1 G 1.1/c, G 2/a)."
            )
        )
        layout = QVBoxLayout(self)
        self.choice = Choice(
            {
                "risk_analysis": self.tr("Risk analizi sonucu"),
                "random": self.tr("Rastgele seçim (örnekleme)"),
                "officer_assessment": self.tr("Görevli personelin değerlendirmesi"),
            },
            "selection",
            self,
        )
        self.choice.changed.connect(self.changed)
        layout.addWidget(self.choice)
        error = ErrorLabel(self)
        layout.addWidget(error)
        self.register_error("selection_basis", error, self.choice.first())
        layout.addWidget(self.page_error)
        layout.addStretch(1)

    def first_field(self) -> QWidget:
        return self.choice.first()

    def contribute(self, record: dict[str, Any]) -> None:
        record["selection_basis"] = self.choice.value()

    def load(self, record: dict[str, Any]) -> None:
        self.choice.set_value(record.get("selection_basis"))

    def state(self) -> dict[str, Any]:
        return {"basis": self.choice.value()}

    def restore(self, state: dict[str, Any]) -> None:
        self.choice.set_value(state.get("basis"))

    def local_problems(self) -> list[Problem]:
        if self.choice.value() is None:
            return [Problem("selection_basis", self.tr("Seçilme gerekçesini işaretleyin."))]
        return []
