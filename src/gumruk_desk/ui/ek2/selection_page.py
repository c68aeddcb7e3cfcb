"""Step 1 — why this person was asked (Genelge 2013/1 G 1.1/c, G 2/a: the record keeps it)
and which way they cross: entering or leaving Turkey decides field 13 or 14 and whether the
exit limits apply (G 2, Ç 1-2)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gumruk_desk.domain.problems import Problem
from gumruk_desk.ui.ek2.base import Choice, Ek2Page
from gumruk_desk.ui.widgets import ErrorLabel


class SelectionPage(Ek2Page):
    """Risk analysis, random sampling or the officer's assessment; Giriş / Çıkış."""

    key = "selection"
    prefixes = ("selection_basis", "direction")
    absorbs = ("direction",)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("1. Kişi neden seçildi, hangi yönde?"))
        self.setSubTitle(
            self.tr(
                "Seçilme gerekçesi tutanakla birlikte kaydedilir (Genelge 2013/1 G 1.1/c, "
                "G 2/a). Oklar ve Boşluk seçer, Tab sonraki soruya geçer, Enter ilerler."
            )
        )
        layout = QVBoxLayout(self)
        self.choice = self._question(
            layout,
            self.tr("Seçilme gerekçesi *"),
            {
                "risk_analysis": self.tr("Risk analizi sonucu"),
                "random": self.tr("Rastgele seçim (örnekleme)"),
                "officer_assessment": self.tr("Görevli personelin değerlendirmesi"),
            },
            "selection",
            "selection_basis",
        )
        layout.addSpacing(8)
        self.direction = self._question(
            layout,
            self.tr("Yön *"),
            {"entry": self.tr("Yurda giriş"), "exit": self.tr("Yurt dışına çıkış")},
            "direction",
            "direction",
        )
        note = QLabel(
            self.tr(
                "Çıkışta Türk parası ve yabancı para için çıkış sınırları da denetlenir; "
                "sınırı aşan ve istisnası olmayan nakde el konulur (Genelge 2013/1 Ç 1)."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.page_error)
        layout.addStretch(1)

    def _question(
        self, layout: QVBoxLayout, title: str, options: dict[str, str], name: str, path: str
    ) -> Choice:
        """A heading, its radio buttons (object names ``name_<code>``) and the error label of
        the record's ``path`` under them."""
        heading = QLabel(title, self)
        heading.setFont(self.heading_font(heading))
        layout.addWidget(heading)
        choice = Choice(options, name, self)
        choice.changed.connect(self.changed)
        layout.addWidget(choice)
        error = ErrorLabel(self)
        layout.addWidget(error)
        self.register_error(path, error, choice.first())
        return choice

    def first_field(self) -> QWidget:
        return self.choice.first()

    def contribute(self, record: dict[str, Any]) -> None:
        record["selection_basis"] = self.choice.value()
        record["direction"] = self.direction.value()

    def load(self, record: dict[str, Any]) -> None:
        self.choice.set_value(record.get("selection_basis"))
        self.direction.set_value(record.get("direction"))

    def state(self) -> dict[str, Any]:
        return {"basis": self.choice.value(), "direction": {"direction": self.direction.value()}}

    def restore(self, state: dict[str, Any]) -> None:
        self.choice.set_value(state.get("basis"))
        direction = state.get("direction")
        self.direction.set_value(
            direction.get("direction") if isinstance(direction, dict) else None
        )

    def local_problems(self) -> list[Problem]:
        problems = []
        if self.choice.value() is None:
            problems.append(Problem("selection_basis", self.tr("Seçilme gerekçesini işaretleyin.")))
        if self.direction.value() is None:
            problems.append(Problem("direction", self.tr("Girişi ya da çıkışı işaretleyin.")))
        return problems
