"""Unfinished drafts, offered after a crash or power cut: resume one, or discard it.

Keyboard: the list has the focus, Enter resumes the selected draft, Delete asks to discard
it (the question appears inside the dialog, with "Vazgeç" focused so a stray Enter discards
nothing), Escape closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gumruk_desk.domain import vocabulary
from gumruk_desk.printing import fmt
from gumruk_desk.ui.widgets.list_table import list_table

if TYPE_CHECKING:
    from gumruk_desk.services import Desk, Draft, Officer

KIND_LABELS = vocabulary.KIND_WITH_ANNEX


def visible_drafts(desk: Desk, officer: Officer) -> list[Draft]:
    """An officer sees their own drafts; a supervisor sees every draft of the desk (to clear
    what an officer left behind), the own ones first."""
    if officer.role == "supervisor":
        drafts = desk.drafts()
        return sorted(drafts, key=lambda d: d.officer_sicil != officer.sicil)
    return desk.drafts(officer.sicil)


def typed_name(data: dict[str, Any]) -> str:
    """The declarant's name as typed so far ("" when none): helps tell drafts apart."""
    person = data.get("person")
    if not isinstance(person, dict):
        return ""
    parts = [person.get("first_name"), person.get("last_name")]
    return " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())


def paper_number(data: dict[str, Any]) -> str:
    """The paper form a back-entry draft is for ("" for a form filled at the desk)."""
    paper = data.get("paper")
    number = paper.get("number") if isinstance(paper, dict) else None
    return number.strip().upper() if isinstance(number, str) else ""


def draft_kind(draft: Draft) -> str:
    """ "Nakit Beyan Formu (EK-1)", and for a back-entry the paper form's number with it."""
    label = KIND_LABELS.get(draft.kind, draft.kind)
    number = paper_number(draft.data)
    return f"{label} — kâğıt form {number}" if number else label


def saved_at(value: str) -> str:
    """GG.AA.YYYY SS:DD in local time."""
    return fmt.moment(value)


class DraftsDialog(QDialog):
    """Lists unfinished drafts. After ``accepted``, ``draft_id`` is the draft to resume;
    discarding happens inside the dialog (``Desk.discard_draft``)."""

    COLUMNS = ("Tür", "Memur", "Son kayıt", "Adım", "Beyan sahibi")

    def __init__(self, desk: Desk, officer: Officer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.officer = officer
        self.draft_id: str | None = None
        self._drafts: list[Draft] = []
        self.setWindowTitle(self.tr("Bitmemiş taslaklar"))
        intro = QLabel(
            self.tr(
                "Yarım kalmış formlar var. Devam etmek istediğinizi seçip Enter'a basın; "
                "gerekmeyeni Sil (Delete) ile atın."
            )
        )
        intro.setWordWrap(True)
        self.table = list_table([self.tr(c) for c in self.COLUMNS], "drafts")
        self.table.doubleClicked.connect(lambda _index: self.resume())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.empty = QLabel(self.tr("Bitmemiş taslak yok."))
        self.empty.hide()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.hide()

        self.confirm = QFrame()
        self.confirm.setObjectName("confirm")
        self.confirm.setFrameShape(QFrame.Shape.StyledPanel)
        self.confirm_text = QLabel()
        self.confirm_text.setWordWrap(True)
        self.confirm_yes = QPushButton(self.tr("&Evet, sil"))
        self.confirm_yes.setObjectName("confirm_yes")
        self.confirm_no = QPushButton(self.tr("&Vazgeç"))
        self.confirm_no.setObjectName("confirm_no")
        self.confirm_yes.clicked.connect(self.discard_selected)
        self.confirm_no.clicked.connect(self._cancel_discard)
        row = QHBoxLayout(self.confirm)
        row.addWidget(self.confirm_text, 1)
        row.addWidget(self.confirm_yes)
        row.addWidget(self.confirm_no)
        self.confirm.hide()

        self.resume_button = QPushButton(self.tr("&Devam et"))
        self.resume_button.setObjectName("resume")
        self.resume_button.setDefault(True)
        self.discard_button = QPushButton(self.tr("&Sil…"))
        self.discard_button.setObjectName("discard")
        self.close_button = QPushButton(self.tr("&Kapat"))
        self.close_button.setObjectName("close")
        self.resume_button.clicked.connect(self.resume)
        self.discard_button.clicked.connect(self.ask_discard)
        self.close_button.clicked.connect(self.reject)
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.table,
            self.ask_discard,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.resume_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.hint)
        layout.addWidget(self.confirm)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 100)
        self.refresh()

    @staticmethod
    def has_drafts(desk: Desk, officer: Officer) -> bool:
        return bool(visible_drafts(desk, officer))

    # -- content -------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._drafts = visible_drafts(self.desk, self.officer)
        names = {o.sicil: o.name for o in self.desk.officers()}
        self.table.setRowCount(len(self._drafts))
        for row, draft in enumerate(self._drafts):
            officer = f"{draft.officer_sicil} {names.get(draft.officer_sicil, '')}".strip()
            cells = (
                draft_kind(draft),
                officer,
                saved_at(draft.updated_at),
                self.tr("{page}. adım").format(page=draft.page + 1),
                typed_name(draft.data),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        empty = not self._drafts
        self.table.setVisible(not empty)
        self.empty.setVisible(empty)
        if empty:
            self.close_button.setDefault(True)
            self.close_button.setFocus()
        else:
            self.table.selectRow(0)
            self.table.setFocus()
        self._update_buttons()

    def selected(self) -> Draft | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not self._drafts:
            return None
        return self._drafts[rows[0].row()]

    def _update_buttons(self) -> None:
        draft = self.selected()
        own = draft is not None and draft.officer_sicil == self.officer.sicil
        self.resume_button.setEnabled(own and not self.confirm.isVisible())
        self.discard_button.setEnabled(draft is not None and not self.confirm.isVisible())
        if draft is not None and not own:
            self.hint.setText(
                self.tr(
                    "Bu taslağı {sicil} sicilli memur başlattı; yalnızca o devam edebilir. "
                    "Gerekmiyorsa silebilirsiniz."
                ).format(sicil=draft.officer_sicil)
            )
            self.hint.show()
        else:
            self.hint.hide()

    # -- actions -------------------------------------------------------------------------------
    def resume(self) -> None:
        draft = self.selected()
        if draft is None or draft.officer_sicil != self.officer.sicil or self.confirm.isVisible():
            return
        self.draft_id = draft.id
        self.accept()

    def ask_discard(self) -> None:
        draft = self.selected()
        if draft is None:
            return
        name = typed_name(draft.data)
        what = draft_kind(draft)
        self.confirm_text.setText(
            self.tr("{what}{name} taslağı silinsin mi? Yazılanlar geri getirilemez.").format(
                what=what, name=f" — {name}" if name else ""
            )
        )
        self.confirm.show()
        self._update_buttons()
        self.confirm_no.setFocus()

    def discard_selected(self) -> None:
        draft = self.selected()
        self.confirm.hide()
        if draft is not None:
            self.desk.discard_draft(draft.id)
        self.refresh()

    def _cancel_discard(self) -> None:
        self.confirm.hide()
        self._update_buttons()
        self.table.setFocus()

    def reject(self) -> None:
        # Escape while the question is shown answers "Vazgeç", it does not close the list.
        if self.confirm.isVisible():
            self._cancel_discard()
            return
        super().reject()
