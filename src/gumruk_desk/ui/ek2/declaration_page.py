"""Step 4 — field 15: what the person says they carry, taken down before anything is counted.

The order is the safeguard of Genelge 2013/1 G 2/b-c: İleri asks first, showing what the
person stated; once the officer confirms, the statement is locked and the count begins —
shown, never editable again, in this wizard or in its draft.
"""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gumruk_desk.domain.problems import Problem
from gumruk_desk.domain.validation import NON_CASH_CURRENCIES
from gumruk_desk.ui.ek2.base import Choice, Ek2Page
from gumruk_desk.ui.ek2.exit_page import lines_text
from gumruk_desk.ui.form_wizard.confirm import Confirmation
from gumruk_desk.ui.form_wizard.lines import LinesField
from gumruk_desk.ui.widgets import MoneyLinesEditor

_LOCKED_STYLE = (
    "QLabel { background: #fff4e5; color: #663c00; border: 1px solid #b26a00; padding: 6px; "
    "font-weight: bold; }"
)


AMOUNTS, NONE_CARRIED, NO_EXPLANATION = "amounts", "none_carried", "no_explanation"


class DeclarationPage(Ek2Page):
    """The person's oral statement: money lines, "carries no cash" (``[]``) or "made no
    explanation" (``None``)."""

    key = "declaration"
    prefixes = ("declared",)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("4. Kişinin açıklaması (15)"))
        self.setSubTitle(
            self.tr(
                "Kişiye beraberindeki nakdin (Türk parası, yabancı para, çek, senet …) "
                "miktarını sorun ve söylediğini yazın. Sayıma geçildiğinde açıklama kilitlenir "
                "ve değiştirilemez (Genelge 2013/1 G 2/b-c)."
            )
        )
        self.locked_at: str | None = None
        self.confirmation: Confirmation | None = None
        layout = QVBoxLayout(self)
        self.lock_banner = QLabel(self)
        self.lock_banner.setObjectName("declarationLocked")
        self.lock_banner.setWordWrap(True)
        self.lock_banner.setStyleSheet(_LOCKED_STYLE)
        self.lock_banner.setVisible(False)
        layout.addWidget(self.lock_banner)
        # The amounts first (what most people state); below them, the two statements that
        # have none.
        self.editor = MoneyLinesEditor(
            self, exclude_currencies=NON_CASH_CURRENCIES, object_prefix="declared_"
        )
        self.editor.setObjectName("declaredEditor")
        self.editor.changed.connect(self.changed)
        self.lines = LinesField("declared", self.editor)
        layout.addWidget(self.editor)
        self.kind = Choice(
            {
                AMOUNTS: self.tr("Kişi &miktar açıkladı (yukarıya yazın)"),
                NONE_CARRIED: self.tr("Kişi nakit &taşımadığını söyledi"),
                NO_EXPLANATION: self.tr("Kişi &açıklama yapmadı"),
            },
            "statement",
            self,
            mnemonics=True,
        )
        self.kind.set_value(AMOUNTS)
        self.kind.changed.connect(self._kind_changed)
        layout.addWidget(self.kind)
        layout.addWidget(self.page_error)
        layout.addStretch(1)

    # -- the lock ----------------------------------------------------------------------------
    def is_locked(self) -> bool:
        return self.locked_at is not None

    def lock(self, at: str | None = None) -> None:
        """Fix the statement (on entering the count page); idempotent."""
        if self.locked_at is None:
            self.locked_at = at or datetime.datetime.now().strftime("%d.%m.%Y %H:%M")
        self.kind.setEnabled(False)
        self.editor.setEnabled(False)
        self.lock_banner.setText(
            self.tr(
                "Açıklama {at} itibarıyla kilitlendi: sayım başladı. Kişinin açıklaması artık "
                "değiştirilemez (Genelge 2013/1 G 2/b-c)."
            ).format(at=self.locked_at)
        )
        self.lock_banner.setVisible(True)

    def stated_text(self) -> str:
        """What the person stated, in words (what the confirmation shows and locks)."""
        kind = self.statement_kind()
        if kind == NO_EXPLANATION:
            return self.tr("Kişi açıklama yapmadı.")
        if kind == NONE_CARRIED:
            return self.tr("Kişi nakit taşımadığını söyledi.")
        return lines_text(self.editor.lines()).replace("; ", "\n")

    def ask_to_lock(self) -> Confirmation:
        """The confirmation before the lock: the statement as it will be kept."""
        wizard = self.ek2_wizard()

        def lock_and_count() -> None:
            self.lock()
            wizard.next()

        Confirmation.replace(self.confirmation)
        box = Confirmation(
            wizard,
            self.tr("Açıklama kilitlensin mi?"),
            self.tr(
                "Kişinin açıklaması (15) kilitlenecek:\n\n{stated}\n\nKilitlendikten sonra "
                "değiştirilemez; sayım başlar. Düzeltmek için Düzelt."
            ).format(stated=self.stated_text()),
            yes=self.tr("&Kilitle ve sayıma geç"),
            no=self.tr("&Düzelt"),
            on_yes=lock_and_count,
        )
        box.setObjectName("lockConfirmation")
        self.confirmation = box
        box.open()
        return box

    def validatePage(self) -> bool:
        if self.is_locked():
            return True  # nothing here can change any more
        if not super().validatePage():
            return False
        if self.ek2_wizard().walking:
            self.lock()  # a draft or an input walked through: its statement was taken
            return True
        self.ask_to_lock()
        return False

    def statement_kind(self) -> str:
        return self.kind.value() or AMOUNTS

    def _kind_changed(self) -> None:
        self.editor.setEnabled(self.statement_kind() == AMOUNTS and not self.is_locked())
        self.changed.emit()

    # -- page contract -----------------------------------------------------------------------
    def first_field(self) -> QWidget:
        if self.is_locked():
            return self.lock_banner
        if self.statement_kind() == AMOUNTS:
            return self.editor.first_field()
        return self.kind.first()

    def contribute(self, record: dict[str, Any]) -> None:
        kind = self.statement_kind()
        record["declared"] = (
            None if kind == NO_EXPLANATION else [] if kind == NONE_CARRIED else self.editor.lines()
        )

    def load(self, record: dict[str, Any]) -> None:
        declared = record.get("declared")
        if "declared" in record and declared is None:
            self.kind.set_value(NO_EXPLANATION)
        elif declared == []:
            self.kind.set_value(NONE_CARRIED)
        else:
            self.kind.set_value(AMOUNTS)
        self.editor.set_lines(list(declared or []))

    def state(self) -> dict[str, Any]:
        return {
            "statement": self.statement_kind(),
            "rows": self.editor.state(),
            "locked_at": self.locked_at,
        }

    def restore(self, state: dict[str, Any]) -> None:
        kind = state.get("statement")
        self.kind.set_value(kind if kind in (AMOUNTS, NONE_CARRIED, NO_EXPLANATION) else AMOUNTS)
        self.editor.set_state(list(state.get("rows") or []))
        locked = state.get("locked_at")
        if isinstance(locked, str) and locked:
            self.lock(locked)

    def local_problems(self) -> list[Problem]:
        if self.statement_kind() != AMOUNTS:
            return []
        problems = self.lines.local_problems()
        if not problems and not self.editor.lines():
            problems.append(
                Problem(
                    "declared",
                    self.tr(
                        "Kişinin açıkladığı nakdi yazın; nakit taşımadığını söylediyse ya da "
                        "açıklama yapmadıysa onu işaretleyin."
                    ),
                )
            )
        return problems

    def current_problems(self) -> list[Problem]:
        found = [p for p in self.form_wizard().validation_problems() if self.owns(p.path)]
        if self.statement_kind() != AMOUNTS:
            return found
        local = self.local_problems()
        if any(p.path == "declared" for p in local):
            return local
        return self.lines.current_problems(found)

    def show_problems(self, problems: list[Problem]) -> None:  # type: ignore[override]
        self.lines.show(problems, self.page_error)

    def focus_first_problem(self) -> None:
        if not self.is_locked():
            self.lines.focus_first_problem()
