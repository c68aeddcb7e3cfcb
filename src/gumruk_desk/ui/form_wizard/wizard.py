"""What both form wizards (EK-1, EK-2) share: the record assembled from the pages, the domain
validator's judgement, drafts, registration through ``Desk.register`` and printing.

A subclass sets ``KIND`` and ``RECORD_KEYS``, builds its pages, lists the ones that hold
record data in ``data_pages``, calls :meth:`add_pages` and then :meth:`start`. Its commit page
(the last data-less page before the registered page) has the id ``commit_id``.

Drafts are saved through ``Desk.save_draft`` on every page change and every few seconds when
something changed, and removed by the registration itself (``draft_id``); opening a wizard on
a draft restores every field as typed, and the page.
"""

from __future__ import annotations

import datetime
from typing import Any, ClassVar, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QRadioButton, QWidget, QWizard

from gumruk_desk.domain.problems import InvalidRecord, Problem
from gumruk_desk.domain.registered import RegisteredRecord
from gumruk_desk.domain.validation import validate_record
from gumruk_desk.errors import RegisterError
from gumruk_desk.printing import fmt
from gumruk_desk.printing.documents import DocumentError
from gumruk_desk.printing.painter import LayoutOverflow
from gumruk_desk.services import Desk, Officer
from gumruk_desk.ui.form_wizard.confirm import Confirmation
from gumruk_desk.ui.form_wizard.page import FormPage
from gumruk_desk.ui.form_wizard.recorded_preview import RecordedPrintPreview
from gumruk_desk.ui.widgets import ErrorLabel

#: The control holding the keyboard is unmistakable on every page: Fusion marks a focused
#: line edit or combo box, but a radio button, a check box, a multi-line text or the review's
#: scroll area only faintly or not at all.
FOCUS_STYLE = """
QRadioButton, QCheckBox { border: 1px solid transparent; border-radius: 3px; padding: 1px 4px; }
QRadioButton:focus, QCheckBox:focus { border: 1px solid #1f5fbf; background: #e3ecfa; }
QScrollArea#reviewScroll:focus, QScrollArea#resultScroll:focus { border: 2px solid #1f5fbf; }
QPlainTextEdit:focus { border: 1px solid #1f5fbf; }
"""

DRAFT_STATE_KEY = "_wizard"
REPLACES_KEY = "_replaces"
AUTOSAVE_MS = 5000


_ARROWS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right)


class _CheckedRadioTakesFocus(QObject):
    """Tab into a group of radio buttons lands on the chosen one (where Space and the arrows
    go on from), not on the group's first button; and an arrow chooses even while nothing is
    chosen yet (Qt's own arrows only move the focus then)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(watched, QRadioButton)
            and isinstance(event, QKeyEvent)
            and event.key() in _ARROWS
            and not event.modifiers()
        ):
            group = watched.group()
            if group is not None and group.exclusive() and group.checkedButton() is None:
                # Qt moves on and checks the next button only from a checked one.
                watched.setChecked(True)
            return False
        if (
            event.type() == QEvent.Type.FocusIn
            and isinstance(watched, QRadioButton)
            and isinstance(event, QFocusEvent)
            and event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
            and not watched.isChecked()
        ):
            group = watched.group()
            checked = group.checkedButton() if group is not None else None
            if checked is not None and checked is not watched and checked.isEnabled():
                checked.setFocus(event.reason())
                return True
        return False


class RegisteredView(Protocol):
    """What the page shown after registration offers the wizard."""

    print_error: ErrorLabel

    def show_record(self, content: RegisteredRecord) -> None: ...


class FormWizard(QWizard):
    """The wizard of one record kind for ``officer`` (from ``Desk.authenticate``).

    ``registered(number)`` is emitted once the record is stored; ``registered_record`` then
    holds it.
    """

    KIND: ClassVar[str] = ""
    RECORD_KEYS: ClassVar[tuple[str, ...]] = ()
    FORM_TITLE: ClassVar[str] = ""

    registered = Signal(str)

    def __init__(
        self,
        desk: Desk,
        officer: Officer,
        draft_id: str | None = None,
        parent: QWidget | None = None,
        *,
        autosave_ms: int = AUTOSAVE_MS,
        today: datetime.date | None = None,
        replaces: str | None = None,
        paper: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self._currencies: frozenset[str] | None = None
        self.officer = officer
        self.draft_id = draft_id
        #: the cancelled record this one is filled in place of (§O3), linked at registration
        self.replaces = replaces
        #: a form first filled on paper (§O4, §O6): number, ledger page and line, filled_at
        self.paper = paper
        self.registered_record: RegisteredRecord | None = None
        self.print_dialog: RecordedPrintPreview | None = None
        self.autosave_error: str | None = None
        self._today = today
        self.data_pages: tuple[FormPage, ...] = ()
        self.commit_id = 0
        self.registered_page: RegisteredView | None = None
        #: what stops this back-entry before anything is typed (its paper form is registered)
        self.paper_problem: str | None = None
        #: True while :meth:`advance_to` walks over pages already filled (a draft, an input):
        #: a page asks nothing then that the officer answered when the data was taken
        self.walking = False
        #: the question before closing a wizard that holds data (İptal, Esc, the close button)
        self.close_question: Confirmation | None = None

        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setStyleSheet(FOCUS_STYLE)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Kaydet"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Kapat"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("İ&leri >"))
        cancel = self.button(QWizard.WizardButton.CancelButton)
        cancel.clicked.disconnect()  # QWizard's own reject(): İptal asks first instead
        cancel.clicked.connect(self.request_close)

        self._radio_focus = _CheckedRadioTakesFocus(self)
        self._timer = QTimer(self)
        self._timer.setInterval(autosave_ms)
        self._timer.timeout.connect(self.autosave)
        self._pristine: dict[str, Any] = {}
        self._last_saved: tuple[int, dict[str, Any]] | None = None

    def add_pages(self, pages: tuple[QWidget, ...], registered_page: RegisteredView) -> None:
        """Install ``pages`` in order (ids 0, 1, …); the last one is the registered page and
        the one before it the commit page."""
        for page_id, page in enumerate(pages):
            self.setPage(page_id, page)  # type: ignore[arg-type]
            for button in page.findChildren(QRadioButton):
                button.installEventFilter(self._radio_focus)
        self.commit_id = len(pages) - 2
        self.registered_page = registered_page

    def start(self, data: dict[str, Any] | None = None) -> None:
        """Show the first page, or the draft's page with its fields (``draft_id``), or
        ``data`` (an interchange input) in the fields; start autosaving."""
        self.currentIdChanged.connect(self._page_changed)
        self._pristine = self.draft_data()
        start = 0
        if self.draft_id is not None:
            draft = self.desk.draft(self.draft_id)
            if draft is not None and draft.kind == self.KIND:
                data = draft.data
                start = draft.page
                self._last_saved = (draft.page, draft.data)
        if data is not None:
            self.apply(data)
        notes = []
        if self.paper:
            notes.append(self.tr("kâğıt form {number}").format(number=self.paper.get("number")))
        if self.replaces:
            notes.append(self.tr("{number} yerine").format(number=self.replaces))
        if notes:
            self.setWindowTitle(f"{self.windowTitle()} — {' · '.join(notes)}")
        self.restart()
        self.advance_to(min(max(start, 0), self.commit_id))
        self._timer.start()
        self.paper_problem = self._paper_taken()
        current = self.currentPage()
        if self.paper_problem and isinstance(current, FormPage):
            current.page_error.set_message(self.paper_problem)

    def _paper_taken(self) -> str | None:
        """Said as soon as the wizard opens, not at Kaydet: the paper form this back-entry is
        for has been registered already (by another draft, or at another moment)."""
        number = str((self.paper or {}).get("number") or "").strip().upper()
        if not number:
            return None
        try:
            found = self.desk.show(number)
        except RegisterError:
            return None
        if found is None or found.paper is None or found.paper.number.upper() != number:
            return None
        return self.tr(
            "{number} numaralı kâğıt form {at} tarihinde kayda girilmiş ({name}); aynı form "
            "ikinci kez kaydedilemez. Bu taslağı kapatıp Taslaklar'dan silin."
        ).format(
            number=number,
            at=fmt.date_time(found.registered_at),
            name=found.person.full_name,
        )

    # -- dates -----------------------------------------------------------------------------
    def today(self) -> datetime.date:
        return self._today or datetime.date.today()

    def record_date(self) -> datetime.date:
        """The day the record is valued on: a paper form's ``filled_at``, else today."""
        filled = (self.paper or {}).get("filled_at")
        if isinstance(filled, str):
            try:
                return datetime.datetime.fromisoformat(filled).date()
            except ValueError:
                pass
        return self.today()

    # -- the record ------------------------------------------------------------------------
    def base_record(self) -> dict[str, Any]:
        """The keys no page owns (``kind``; the EK-1 wizard's fixed direction; ``paper``)."""
        return {"kind": self.KIND, **({"paper": self.paper} if self.paper else {})}

    def record(self) -> dict[str, Any]:
        """The interchange input (SPEC §9) as typed so far; unfinished values are None/""."""
        record = self.base_record()
        for page in self.data_pages:
            page.contribute(record)
        return {key: record[key] for key in self.RECORD_KEYS if key in record}

    def draft_data(self) -> dict[str, Any]:
        """The record plus every page's fields as typed (for a faithful restore)."""
        return {
            **self.record(),
            DRAFT_STATE_KEY: {page.key: page.state() for page in self.data_pages},
            REPLACES_KEY: self.replaces,
        }

    def apply(self, data: dict[str, Any]) -> None:
        """Fill the pages from a draft (fields as typed) or an interchange input."""
        if isinstance(data.get("paper"), dict):
            self.paper = data["paper"]
        if isinstance(data.get(REPLACES_KEY), str):
            self.replaces = data[REPLACES_KEY]
        states = data.get(DRAFT_STATE_KEY) or {}
        for page in self.data_pages:
            state = states.get(page.key) if isinstance(states, dict) else None
            if isinstance(state, dict):
                for absorbed in page.absorbs:
                    older = states.get(absorbed)
                    if absorbed not in state and isinstance(older, dict):
                        state = {**state, absorbed: older}
                page.restore(state)
            else:
                page.load(data)

    def advance_to(self, target: int) -> None:
        """Walk forward to ``target`` through every page's own validation (a restored draft
        reopens where it was left, with the earlier pages in the Back history)."""
        self.walking = True
        try:
            while self.currentId() < target:
                before = self.currentId()
                self.next()
                if self.currentId() == before:
                    break
        finally:
            self.walking = False

    # -- validation ------------------------------------------------------------------------
    def validation_problems(self) -> list[Problem]:
        """The domain validator's problems with the whole record as it stands."""
        if self._currencies is None:  # the bulletin in force, read once per form
            self._currencies = self.desk.bulletin_currencies()
        try:
            validate_record(self.record(), self.today(), currencies=self._currencies)
        except InvalidRecord as exc:
            return list(exc.problems)
        return []

    def all_problems(self) -> list[Problem]:
        """Every page's problems (what the commit page must clear before Kaydet)."""
        found: list[Problem] = []
        for page in self.data_pages:
            for problem in page.current_problems():
                if problem not in found:
                    found.append(problem)
        return found

    def where(self, path: str) -> str:
        """The title of the page that owns ``path`` (for messages listed on the commit page);
        never the internal path itself, which means nothing to the officer."""
        for page in self.data_pages:
            if page.owns(path):
                return page.title()
        if path == "paper" or path.startswith("paper."):
            return self.tr("Kâğıt form {number}").format(number=(self.paper or {}).get("number"))
        return self.tr("Form")

    # -- registration and printing ---------------------------------------------------------
    def customs_area(self) -> str:
        station = self.desk.station()
        return station.customs_area or station.office_name

    def officer_info(self) -> dict[str, str]:
        return {"name": self.officer.name, "title": self.officer.title, "sicil": self.officer.sicil}

    def seizes_cash(self) -> bool:
        """Whether the record puts cash into custody (the seizure report's page is asked)."""
        return False

    def witness(self) -> Officer | None:
        """The second officer, authenticated, where the form has one."""
        return None

    def register_now(self) -> list[Problem]:
        """Register the record (and drop the draft in the same transaction); the problems
        that stopped it, or ``[]`` once it is stored."""
        try:
            content = self.desk.register(
                self.record(),
                officer=self.officer,
                witness=self.witness(),
                draft_id=self.draft_id,
                replaces=self.replaces,
            )
        except InvalidRecord as exc:  # includes EvaluationError (rule set, missing rate)
            return list(exc.problems)
        except RegisterError as exc:
            return [Problem("", str(exc))]
        self._timer.stop()
        self.draft_id = None
        self.registered_record = content
        if self.registered_page is not None:
            self.registered_page.show_record(content)
        self.registered.emit(content.number)
        return []

    def open_print(self, document: str = "form") -> RecordedPrintPreview | None:
        """Open the print preview of a document of the registered record (non-modal)."""
        if self.registered_record is None or self.registered_page is None:
            return None
        number = self.registered_record.number
        try:
            rendered = self.desk.render_document(number, document)
            dialog = RecordedPrintPreview(
                self.desk, rendered, self.officer.sicil, self, form_title=self.FORM_TITLE
            )
        except (RegisterError, DocumentError, LayoutOverflow, ValueError) as exc:
            self.registered_page.print_error.set_message(str(exc))
            return None
        self.registered_page.print_error.clear_messages()
        dialog.resize(860, 1000)
        dialog.open()
        self.print_dialog = dialog
        return dialog

    # -- drafts ----------------------------------------------------------------------------
    def autosave(self) -> None:
        """Save the draft if anything changed since the last save (nothing typed: no draft)."""
        if self.registered_record is not None:
            return
        page = self.currentId()
        if page < 0 and self._last_saved is not None:
            page = self._last_saved[0]  # the wizard is closing: the draft keeps its page
        page = max(page, 0)
        if page > self.commit_id:
            return
        data = self.draft_data()
        if self._last_saved == (page, data):
            return
        if self.draft_id is None and data == self._pristine:
            return
        try:
            self.draft_id = self.desk.save_draft(
                self.draft_id, kind=self.KIND, officer=self.officer.sicil, page=page, data=data
            )
        except (ValueError, RegisterError) as exc:
            self.autosave_error = str(exc)
            current = self.currentPage()
            if isinstance(current, FormPage):
                current.page_error.set_message(
                    self.tr("Taslak kaydedilemedi: {reason}").format(reason=exc)
                )
            return
        self.autosave_error = None
        self._last_saved = (page, data)

    def _page_changed(self, page_id: int) -> None:
        page = self.page(page_id)
        if isinstance(page, FormPage):
            page.first_field().setFocus(Qt.FocusReason.TabFocusReason)
        self.autosave()

    # -- closing ---------------------------------------------------------------------------
    def holds_data(self) -> bool:
        """Something was typed or resumed and is not registered yet (closing asks first)."""
        if self.registered_record is not None:
            return False
        return self.draft_id is not None or self.draft_data() != self._pristine

    def request_close(self) -> None:
        """İptal, Esc or the window's close button: an empty (or registered) form closes at
        once; one holding data asks first. The draft is kept either way. (``reject()`` itself
        closes without asking: the program's own way to put a form aside.)"""
        if self.holds_data():
            self.ask_to_close()
        else:
            self.reject()

    def ask_to_close(self) -> Confirmation:
        if self.close_question is not None and self.close_question.isVisible():
            return self.close_question
        Confirmation.replace(self.close_question)
        box = Confirmation(
            self,
            self.tr("Form kapatılsın mı?"),
            self.tr(
                "Form kapatılsın mı? Taslak saklanır: yazılanlar kaybolmaz, Taslaklar'dan "
                "kaldığınız yerden devam edebilirsiniz."
            ),
            yes=self.tr("&Kapat (taslak saklanır)"),
            no=self.tr("&Forma dön"),
            on_yes=self.reject,
            default_yes=False,
        )
        box.setObjectName("closeQuestion")
        self.close_question = box
        box.open()
        return box

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.request_close()
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        # Closing keeps what was typed: the draft stays until registered or discarded.
        self.autosave()
        self._timer.stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isVisible() and self.holds_data():
            event.ignore()  # the window's close button: asked like İptal
            self.ask_to_close()
            return
        self.autosave()
        super().closeEvent(event)
