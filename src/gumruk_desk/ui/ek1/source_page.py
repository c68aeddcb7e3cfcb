"""Step 1 — the source of the cash (Genelge 2013/1, Yurt içine nakit girişi 1.1 and 1.2/a)
and, beside it, the reason of arrival it proposes.

The source is asked first because it decides everything else: cash from a loan taken abroad or from
personal capital cannot be brought in outside the banking system and cannot be declared. The
page then stops the declaration, quotes the circular, and offers the one thing left to do:
record the seizure (the register stores it as an EK-1 whose outcome is ``prohibited_source``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gumruk_desk.domain.problems import Problem
from gumruk_desk.ui.ek1.arrival_reason import ArrivalReasonBox
from gumruk_desk.ui.ek1.base import Ek1Page
from gumruk_desk.ui.form_wizard.labels import SOURCE_ORDER, source_labels
from gumruk_desk.ui.widgets import ErrorLabel


class SourcePage(Ek1Page):
    """Radio buttons for the source category; the stop and the seizure choice below them;
    then the reason of arrival (proposed from the source)."""

    key = "source"
    prefixes = ("source_category", "direction", "arrival_reason")
    absorbs = ("arrival_reason",)

    def __init__(
        self,
        prohibited: frozenset[str],
        parent: QWidget | None = None,
        *,
        directions: frozenset[str] = frozenset({"entry"}),
    ) -> None:
        super().__init__(parent)
        self._prohibited = prohibited
        self.setTitle(self.tr("1. Nakdin kaynağı ve geliş sebebi"))
        self.setSubTitle(
            self.tr(
                "Kişiye taşıdığı nakdin kaynağını sorun. Kaynak, formun düzenlenip "
                "düzenlenemeyeceğini belirler (Genelge 2013/1, Yurt içine nakit girişi 1.1)."
            )
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.seizure_banner)

        # The refusal of an exit direction is this page's message for "direction": shown at
        # once when the page opens on such data, and again by every validation.
        self.exit_refusal = ErrorLabel(self)
        self.exit_refusal.setObjectName("exitRefusal")
        self.exit_refusal.setStyleSheet(
            "QLabel { background: #fbe9e7; border: 1px solid #b3261e; padding: 6px; }"
        )
        layout.addWidget(self.exit_refusal)
        self.register_error("direction", self.exit_refusal)

        # Where the rule set in force allows a declaration on exit too, the officer says which
        # way the cash goes; otherwise there is nothing to choose.
        self.direction_group = QButtonGroup(self)
        self.direction_buttons: dict[str, QRadioButton] = {}
        self.buttons: dict[str, QRadioButton] = {}  # the sources, below
        if "exit" in directions:
            for code, text in (
                ("entry", self.tr("Yurda &giriş — getirilen nakit")),
                ("exit", self.tr("Yurt &dışına çıkış — çıkarılan nakit")),
            ):
                button = QRadioButton(text, self)
                button.setObjectName(f"direction_{code}")
                self.direction_group.addButton(button)
                self.direction_buttons[code] = button
                layout.addWidget(button)
                button.toggled.connect(self._on_direction_toggled)
            self.direction_buttons["entry"].setChecked(True)

        self.group = QButtonGroup(self)
        box = QWidget(self)
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        labels = source_labels()
        free = [c for c in SOURCE_ORDER if c not in prohibited]
        banned = [c for c in SOURCE_ORDER if c in prohibited]
        for heading, codes in (
            (self.tr("Getirilmesi serbest — beyan edilebilir (1.2/a)"), free),
            (self.tr("Kaynağı itibariyle yasak — beyan edilemez (1.1/a)"), banned),
        ):
            if not codes:
                continue
            title = QLabel(heading, box)
            title.setFont(self.heading_font(title))
            box_layout.addWidget(title)
            for code in codes:
                button = QRadioButton(box)
                button.setObjectName(f"source_{code}")
                button.setText(labels[code].replace("&", "&&"))
                self.group.addButton(button)
                self.buttons[code] = button
                box_layout.addWidget(button)
                button.toggled.connect(self._on_toggled)
        layout.addWidget(box)
        self.source_error = ErrorLabel(self)
        layout.addWidget(self.source_error)
        first = self.buttons.get(SOURCE_ORDER[0])
        self.register_error("source_category", self.source_error, first)

        self.stop_frame = QFrame(self)
        self.stop_frame.setObjectName("prohibitedStop")
        self.stop_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.stop_frame.setStyleSheet(
            "QFrame#prohibitedStop { background: #fbe9e7; border: 1px solid #b3261e; }"
        )
        stop_layout = QVBoxLayout(self.stop_frame)
        self.stop_title = QLabel(
            self.tr("Bu nakit için Nakit Beyan Formu düzenlenemez."), self.stop_frame
        )
        self.stop_title.setFont(self.heading_font(self.stop_title))
        self.stop_title.setStyleSheet("color: #8c1d18;")
        self.stop_text = QLabel(self.stop_frame)
        self.stop_text.setObjectName("prohibitedReason")
        self.stop_text.setWordWrap(True)
        self.stop_text.setTextFormat(Qt.TextFormat.PlainText)
        self.stop_text.setText(
            self.tr(
                "Yurt dışından alınan kredi veya kişisel sermaye niteliğindeki nakit (kişisel "
                "borçlar, armağan, hediye, bağış, çeyiz, miras, göçmen işçilerin kendi "
                "ülkelerindeki borçlarını ödemeleri, göçmenlerin varlıkları) bankacılık sistemi "
                "dışında yurda getirilemez; böyle bir nakit beyan da edilemez "
                "(Genelge 2013/1, Yurt içine nakit girişi 1.1/a).\n"
                "Kaynağın kredi veya kişisel sermaye olduğu beyan edildiğinde nakde el konulur "
                "ve durum Cumhuriyet Savcılığına bildirilir (1.1/b; Yurt dışına nakit çıkışı "
                "1/f)."
            )
        )
        self.seizure_check = QCheckBox(
            self.tr("&El koyma kaydı düzenle (nakde el konulur, Savcılığa bildirilir)"),
            self.stop_frame,
        )
        self.seizure_check.setObjectName("seizureCheck")
        self.seizure_check.toggled.connect(self._on_seizure_toggled)
        self.seizure_error = ErrorLabel(self.stop_frame)
        stop_layout.addWidget(self.stop_title)
        stop_layout.addWidget(self.stop_text)
        stop_layout.addWidget(self.seizure_check)
        stop_layout.addWidget(self.seizure_error)
        self.register_error("seizure", self.seizure_error, self.seizure_check)
        self.stop_frame.setVisible(False)
        layout.addWidget(self.stop_frame)

        self.reason = ArrivalReasonBox(self)
        self.reason.setObjectName("arrivalReason")
        self.reason.changed.connect(self.changed)
        layout.addWidget(self.reason)
        self.register_error("arrival_reason.code", self.reason.code_error, self.reason.first())
        self.register_error("arrival_reason.text", self.reason.text_error, self.reason.text)
        layout.addWidget(self.page_error)
        layout.addStretch(1)

    # -- values ------------------------------------------------------------------------------
    def category(self) -> str | None:
        for code, button in self.buttons.items():
            if button.isChecked():
                return code
        return None

    def set_category(self, code: str | None) -> None:
        button = self.buttons.get(code or "")
        if button is None:
            self.group.setExclusive(False)
            for b in self.buttons.values():
                b.setChecked(False)
            self.group.setExclusive(True)
        else:
            button.setChecked(True)
        self._update_stop()

    def direction(self) -> str:
        """The direction chosen here; without a choice, the record's own (the wizard's)."""
        if not self.direction_buttons:
            wizard = self.wizard()
            return str(getattr(wizard, "direction", "entry") or "entry")
        return "exit" if self.direction_buttons["exit"].isChecked() else "entry"

    def set_direction(self, direction: str) -> None:
        button = self.direction_buttons.get(direction)
        if button is not None:
            button.setChecked(True)

    def is_prohibited(self) -> bool:
        # The sources that make cash undeclarable are the entry's (Yurt içine nakit girişi).
        return self.direction() == "entry" and self.category() in self._prohibited

    def is_seizure(self) -> bool:
        """The officer goes on to record a seizure (a prohibited source, confirmed)."""
        return self.is_prohibited() and self.seizure_check.isChecked()

    def first_field(self) -> QWidget:
        checked = self.group.checkedButton()
        return checked or self.buttons[SOURCE_ORDER[0]]

    def contribute(self, record: dict[str, Any]) -> None:
        record["source_category"] = self.category()
        record["arrival_reason"] = self.reason.value()

    def load(self, record: dict[str, Any]) -> None:
        self.reason.load(record.get("arrival_reason") or {})
        self.set_category(record.get("source_category"))

    def state(self) -> dict[str, Any]:
        return {
            "category": self.category(),
            "seizure": self.seizure_check.isChecked(),
            "arrival_reason": self.reason.value(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        reason = state.get("arrival_reason")
        self.reason.load(reason if isinstance(reason, dict) else {})
        self.set_category(state.get("category"))
        self.seizure_check.setChecked(bool(state.get("seizure")))

    def local_problems(self) -> list[Problem]:
        problems: list[Problem] = []
        if self.ek1_wizard().direction_refused():
            problems.append(Problem("direction", self.exit_refusal_text()))
        if self.category() is None:
            problems.append(Problem("source_category", self.tr("Nakdin kaynağını seçin.")))
        elif self.is_prohibited() and not self.seizure_check.isChecked():
            problems.append(
                Problem(
                    "seizure",
                    self.tr(
                        "Bu kaynaktan gelen nakit beyan edilemez: kaynağı düzeltin ya da el "
                        "koyma kaydını seçin."
                    ),
                )
            )
        return problems

    def exit_refusal_text(self) -> str:
        return self.tr(
            "Bu kayıt çıkış yönünde. Yurt dışına çıkarılan nakit ile ilgili Nakit Beyan Formu "
            "düzenlenmez (Genelge 2013/1, Yurt içine nakit girişi 1.2/a). Bu form yalnızca "
            "yurda girişte düzenlenir."
        )

    def initializePage(self) -> None:
        refused = self.ek1_wizard().direction_refused()
        self.exit_refusal.set_message(self.exit_refusal_text() if refused else None)

    # -- reactions ---------------------------------------------------------------------------
    def _on_toggled(self, checked: bool) -> None:
        if checked:
            self._update_stop()
            code = self.category()
            self.reason.propose(code, source_labels().get(code or "", ""))
            self.changed.emit()

    def _on_direction_toggled(self, checked: bool) -> None:
        if checked and hasattr(self, "stop_frame"):  # not while the page is being built
            wizard = self.wizard()
            if wizard is not None and hasattr(wizard, "direction"):
                wizard.direction = self.direction()
            self._update_stop()
            self.changed.emit()

    def _on_seizure_toggled(self, _checked: bool) -> None:
        self.changed.emit()

    def _update_stop(self) -> None:
        prohibited = self.is_prohibited()
        self.stop_frame.setVisible(prohibited)
        if not prohibited and self.seizure_check.isChecked():
            self.seizure_check.setChecked(False)
