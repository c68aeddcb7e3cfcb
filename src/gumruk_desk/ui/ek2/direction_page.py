"""Step 2 — entering or leaving Turkey: decides field 13 or 14 and whether the exit limits
apply (Genelge 2013/1 G 2, Ç 1-2)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gumruk_desk.domain.problems import Problem
from gumruk_desk.ui.ek2.base import Choice, Ek2Page
from gumruk_desk.ui.widgets import ErrorLabel


class DirectionPage(Ek2Page):
    """Giriş / Çıkış."""

    key = "direction"
    prefixes = ("direction",)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("2. Yön"))
        self.setSubTitle(self.tr("Kişi yurda mı giriyor, yurt dışına mı çıkıyor?"))
        layout = QVBoxLayout(self)
        self.choice = Choice(
            {
                "entry": self.tr("Yurda giriş"),
                "exit": self.tr("Yurt dışına çıkış"),
            },
            "direction",
            self,
        )
        self.choice.changed.connect(self.changed)
        layout.addWidget(self.choice)
        note = QLabel(
            self.tr(
                "Çıkışta Türk parası ve yabancı para için çıkış sınırları da denetlenir; "
                "sınırı aşan ve istisnası olmayan nakde el konulur (Genelge 2013/1 Ç 1)."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        error = ErrorLabel(self)
        layout.addWidget(error)
        self.register_error("direction", error, self.choice.first())
        layout.addWidget(self.page_error)
        layout.addStretch(1)

    def first_field(self) -> QWidget:
        return self.choice.first()

    def contribute(self, record: dict[str, Any]) -> None:
        record["direction"] = self.choice.value()

    def load(self, record: dict[str, Any]) -> None:
        self.choice.set_value(record.get("direction"))

    def state(self) -> dict[str, Any]:
        return {"direction": self.choice.value()}

    def restore(self, state: dict[str, Any]) -> None:
        self.choice.set_value(state.get("direction"))

    def local_problems(self) -> list[Problem]:
        if self.choice.value() is None:
            return [Problem("direction", self.tr("Girişi ya da çıkışı işaretleyin."))]
        return []
