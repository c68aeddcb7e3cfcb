"""Step 3 — the declared cash: one line per currency or payment instrument (Cinsi, Tutarı)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gumruk_desk.domain.problems import Problem
from gumruk_desk.domain.validation import NON_CASH_CURRENCIES
from gumruk_desk.printing import fmt
from gumruk_desk.ui.ek1.base import Ek1Page
from gumruk_desk.ui.form_wizard.lines import LinesField
from gumruk_desk.ui.widgets import MoneyLinesEditor


class CashPage(Ek1Page):
    """The money lines editor; problems at ``cash[i]…`` appear under row i."""

    key = "cash"
    prefixes = ("cash",)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("3. Beyan edilen nakit"))
        self.setSubTitle(
            self.tr(
                "Her para birimi veya ödeme belgesi için bir satır; çek, bono, poliçe için "
                "Shift+Tab ile Cinsi'ni seçin. Yeni satır: Ctrl+N veya Alt+E; satırı silmek: "
                "Ctrl+Shift+Delete veya Alt+S."
            )
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.seizure_banner)
        self.editor = MoneyLinesEditor(self, exclude_currencies=NON_CASH_CURRENCIES)
        self.editor.setObjectName("cashEditor")
        self.editor.changed.connect(self.changed)
        self.lines = LinesField("cash", self.editor)
        layout.addWidget(self.editor)
        self.valuation_note = QLabel(self)
        self.valuation_note.setObjectName("valuationNote")
        self.valuation_note.setWordWrap(True)
        self.editor.changed.connect(self.update_total)
        layout.addWidget(self.valuation_note)
        layout.addWidget(self.page_error)
        layout.addStretch(1)

    def first_field(self) -> QWidget:
        return self.editor.first_field()

    def initializePage(self) -> None:
        super().initializePage()
        self.update_total()

    def update_total(self) -> None:
        """The running TL total with the rates in force (the register computes the value that
        is printed, with the same rates, at registration)."""
        wizard = self.wizard()
        if wizard is None:
            return
        ek1 = self.ek1_wizard()
        value = ek1.desk.value_in_try(self.editor.lines(), ek1.record_date())
        text = self.tr("Toplam TL karşılığı: {amount} TL").format(
            amount=fmt.amount(value.total_try)
        )
        if value.rate_date is not None:
            text += self.tr(" (TCMB kurları, {date})").format(date=f"{value.rate_date:%d.%m.%Y}")
        if value.missing:
            text += self.tr(" — kuru olmayan: {codes} (amir elle kur girebilir)").format(
                codes=", ".join(value.missing)
            )
        self.valuation_note.setText(text)

    def contribute(self, record: dict[str, Any]) -> None:
        record["cash"] = self.editor.lines()

    def load(self, record: dict[str, Any]) -> None:
        self.editor.set_lines(list(record.get("cash") or []))

    def state(self) -> dict[str, Any]:
        return {"rows": self.editor.state()}

    def restore(self, state: dict[str, Any]) -> None:
        self.editor.set_state(list(state.get("rows") or []))

    def local_problems(self) -> list[Problem]:
        return self.lines.local_problems()

    def current_problems(self) -> list[Problem]:
        found = [p for p in self.ek1_wizard().validation_problems() if self.owns(p.path)]
        return self.lines.current_problems(found)

    def show_problems(self, problems: list[Problem]) -> None:  # type: ignore[override]
        self.lines.show(problems, self.page_error)

    def focus_first_problem(self) -> None:
        self.lines.focus_first_problem()
