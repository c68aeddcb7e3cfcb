"""Step 5 — field 16: the cash found on the physical check, counted line by line; a cash line
may be counted by banknotes (value × count → amount, Ctrl+K).

The statement (field 15) was locked when the officer confirmed it on its page; entering this
page locks it too (idempotent), so no way onto the count leaves it open.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gumruk_desk.domain.problems import Problem
from gumruk_desk.domain.validation import NON_CASH_CURRENCIES
from gumruk_desk.printing import fmt
from gumruk_desk.ui import record_text
from gumruk_desk.ui.ek2.base import Ek2Page
from gumruk_desk.ui.form_wizard.lines import LinesField
from gumruk_desk.ui.widgets import MoneyLinesEditor


class CountPage(Ek2Page):
    """The money lines found, with the statement above them for comparison."""

    key = "count"
    prefixes = ("detected",)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("5. Fiziki kontrolde bulunan nakit (16)"))
        self.setSubTitle(
            self.tr(
                "Bulunan nakdi sayın: her para birimi ve ödeme belgesi için bir satır. Nakit "
                "satırında Ctrl+K kupür sayımını açar (kupür × adet). Yeni satır Ctrl+N."
            )
        )
        layout = QVBoxLayout(self)
        self.statement = QLabel(self)
        self.statement.setObjectName("lockedStatement")
        self.statement.setWordWrap(True)
        layout.addWidget(self.statement)
        self.editor = MoneyLinesEditor(
            self,
            exclude_currencies=NON_CASH_CURRENCIES,
            object_prefix="detected_",
            count_banknotes=True,
        )
        self.editor.setObjectName("detectedEditor")
        self.editor.changed.connect(self.changed)
        self.editor.changed.connect(self.update_total)
        self.lines = LinesField("detected", self.editor)
        layout.addWidget(self.editor)
        # When the count agrees with the statement, the officer takes its lines over with one
        # key and checks them against the cash, rather than typing them again.
        self.copy_declared = QPushButton(
            self.tr("Sayım açıklamaya uyuyor: &açıklananı aktar"), self
        )
        self.copy_declared.setObjectName("copyDeclared")
        self.copy_declared.setAutoDefault(False)
        self.copy_declared.setToolTip(
            self.tr("Kişinin açıkladığı satırları sayıma yazar; tutarları nakitle karşılaştırın.")
        )
        self.copy_declared.clicked.connect(self.take_declared)
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.copy_declared)
        copy_row.addStretch(1)
        layout.addLayout(copy_row)
        self.nothing_found = QCheckBox(self.tr("Sayımda nakit &bulunmadı"), self)
        self.nothing_found.setObjectName("nothing_found")
        self.nothing_found.toggled.connect(self._nothing_found_toggled)
        layout.addWidget(self.nothing_found)
        self.valuation_note = QLabel(self)
        self.valuation_note.setObjectName("detectedTotal")
        self.valuation_note.setWordWrap(True)
        layout.addWidget(self.valuation_note)
        layout.addWidget(self.page_error)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wizard = self.ek2_wizard()
        wizard.lock_declaration()
        declared = wizard.record().get("declared")
        if declared is None:
            text = self.tr("Kişinin açıklaması (kilitli): açıklama yapmadı.")
        else:
            parts = [
                f"{fmt.line_kind(line)} {fmt.line_amount(line)} {line.currency}"
                for line in record_text.money_lines(declared)
            ]
            text = self.tr("Kişinin açıklaması (kilitli): {lines}").format(
                lines="; ".join(parts) or "—"
            )
        self.statement.setText(text)
        self.copy_declared.setEnabled(bool(declared))
        self.update_total()

    def take_declared(self) -> None:
        """Write the locked statement's lines into the count (the officer then checks them)."""
        declared = self.ek2_wizard().record().get("declared") or []
        if not declared:
            return
        self.nothing_found.setChecked(False)
        self.editor.set_lines(list(declared))
        _kind, _currency, amount, _error = self.editor.row_widgets(0)
        amount.setFocus(Qt.FocusReason.OtherFocusReason)

    def update_total(self) -> None:
        if self.wizard() is None:
            return
        wizard = self.ek2_wizard()
        value = wizard.desk.value_in_try(self.editor.lines(), wizard.record_date())
        text = self.tr("Bulunan nakdin TL karşılığı: {amount} TL").format(
            amount=fmt.amount(value.total_try)
        )
        if value.missing:
            text += self.tr(" — kuru olmayan: {codes}").format(codes=", ".join(value.missing))
        self.valuation_note.setText(text)

    def _nothing_found_toggled(self, on: bool) -> None:
        self.editor.setEnabled(not on)
        self.changed.emit()

    def first_field(self) -> QWidget:
        if not self.nothing_found.isChecked():
            return self.editor.first_field()
        return self.copy_declared if self.copy_declared.isEnabled() else self.nothing_found

    def contribute(self, record: dict[str, Any]) -> None:
        # A tutanak is made for every explanation asked for, also when nothing is found
        # (G 2/c): then the count is an explicit "nothing", never an empty form by mistake.
        record["detected"] = [] if self.nothing_found.isChecked() else self.editor.lines()

    def load(self, record: dict[str, Any]) -> None:
        detected = record.get("detected")
        self.nothing_found.setChecked(detected == [])
        self.editor.set_lines(list(detected or []))

    def state(self) -> dict[str, Any]:
        return {"rows": self.editor.state(), "nothing_found": self.nothing_found.isChecked()}

    def restore(self, state: dict[str, Any]) -> None:
        self.editor.set_state(list(state.get("rows") or []))
        self.nothing_found.setChecked(bool(state.get("nothing_found")))

    def local_problems(self) -> list[Problem]:
        if self.nothing_found.isChecked():
            return []
        problems = self.lines.local_problems()
        if not problems and not self.editor.lines():
            problems.append(
                Problem(
                    "detected",
                    self.tr(
                        "Sayımda bulunan nakdi yazın; hiç nakit bulunmadıysa 'Sayımda nakit "
                        "bulunmadı'yı işaretleyin."
                    ),
                )
            )
        return problems

    def current_problems(self) -> list[Problem]:
        found = [p for p in self.form_wizard().validation_problems() if self.owns(p.path)]
        if self.nothing_found.isChecked():
            return found
        local = self.local_problems()
        if any(p.path == "detected" for p in local):
            return local
        return self.lines.current_problems(found)

    def show_problems(self, problems: list[Problem]) -> None:  # type: ignore[override]
        self.lines.show(problems, self.page_error)

    def focus_first_problem(self) -> None:
        self.lines.focus_first_problem()
