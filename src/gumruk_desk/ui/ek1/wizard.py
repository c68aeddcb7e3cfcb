"""The Nakit Beyan Formu (EK-1) wizard: one page per step, one file per page.

Steps (SPEC §3): 1 source of the cash, 2 identity (MRZ), 3 identity document seen, 4 reason
of arrival, 5 cash lines, 6 the person in Turkey the cash is for, 7 source country, 8 review
and Kaydet; then the registered record with printing.

The wizard assembles exactly the interchange input of SPEC §9 (``record()``), lets the
domain validator judge it page by page, and registers it through ``Desk.register`` — the
same service ``gumruk-desk record create`` calls, so both give the same record. A prohibited
source is not declared: the officer may go on to record the seizure, which the register
stores as an EK-1 whose outcome is ``prohibited_source``.

Drafts: saved through ``Desk.save_draft`` on every page change and every few seconds when
something changed, removed by the registration itself (``draft_id``); opening the wizard on a
draft restores every field as typed and the page.
"""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget, QWizard

from gumruk_desk.domain.problems import InvalidRecord, Problem
from gumruk_desk.domain.rules import RuleSetError
from gumruk_desk.domain.validation import validate_record
from gumruk_desk.printing.documents import DocumentError
from gumruk_desk.printing.painter import LayoutOverflow
from gumruk_desk.register.db import RegisterError
from gumruk_desk.register.models import Officer
from gumruk_desk.services import Desk
from gumruk_desk.ui.ek1.arrival_reason_page import ArrivalReasonPage
from gumruk_desk.ui.ek1.base import Ek1Page
from gumruk_desk.ui.ek1.beneficiary_page import BeneficiaryPage
from gumruk_desk.ui.ek1.cash_page import CashPage
from gumruk_desk.ui.ek1.document_page import DocumentSeenPage
from gumruk_desk.ui.ek1.identity_page import IdentityPage
from gumruk_desk.ui.ek1.recorded_preview import RecordedPrintPreview
from gumruk_desk.ui.ek1.registered_page import RegisteredPage
from gumruk_desk.ui.ek1.review_page import ReviewPage
from gumruk_desk.ui.ek1.source_country_page import SourceCountryPage
from gumruk_desk.ui.ek1.source_page import SourcePage

KIND = "nakit_beyan"
#: The keys of an EK-1 input (SPEC §9), in the order the record is written.
RECORD_KEYS = (
    "kind",
    "direction",
    "person",
    "id_document_seen",
    "source_category",
    "arrival_reason",
    "cash",
    "beneficiary",
    "source_country",
)
DRAFT_STATE_KEY = "_wizard"
AUTOSAVE_MS = 5000

SOURCE, IDENTITY, DOCUMENT, ARRIVAL, CASH, BENEFICIARY, COUNTRY, REVIEW, REGISTERED = range(9)


def entry_rules(desk: Desk, today: datetime.date) -> tuple[frozenset[str], frozenset[str]]:
    """(directions a Nakit Beyan Formu may be made in, sources prohibited on entry) from the
    rule set in force in this register (shipped or loaded by a supervisor), so that the
    wizard stops where the rules say, not where code says. Without a rule set in force the
    circular's own reading applies; registration refuses such a record anyway.
    """
    try:
        ruleset = desk.ruleset_in_force(today)
    except RuleSetError:
        return frozenset({"entry"}), frozenset({"loan_from_abroad", "personal_capital"})
    return ruleset.declaration_directions, ruleset.prohibited_sources_on_entry


class NakitBeyanWizard(QWizard):
    """The EK-1 wizard for ``officer`` (from ``Desk.authenticate``).

    ``draft_id``: resume that draft (fields, page). ``data``: start from an interchange input
    instead (e.g. an imported record); a ``direction`` other than entry is refused on the
    first page with the circular's reason. ``registered(number)`` is emitted once the record
    is stored; ``registered_record`` then holds it.
    """

    registered = Signal(str)

    def __init__(
        self,
        desk: Desk,
        officer: Officer,
        draft_id: str | None = None,
        parent: QWidget | None = None,
        *,
        data: dict[str, Any] | None = None,
        autosave_ms: int = AUTOSAVE_MS,
        today: datetime.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.officer = officer
        self.draft_id = draft_id
        self.registered_record: dict[str, Any] | None = None
        self.print_dialog: RecordedPrintPreview | None = None
        self.autosave_error: str | None = None
        self._today = today
        self.directions, prohibited = entry_rules(desk, self.today())
        self.direction = "entry"

        self.setObjectName("nakitBeyanWizard")
        self.setWindowTitle(self.tr("Nakit Beyan Formu (EK-1)"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Kaydet"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Kapat"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("İ&leri >"))
        self.resize(820, 680)

        self.source_page = SourcePage(prohibited, self)
        self.identity_page = IdentityPage(self, today=self.today)
        self.document_page = DocumentSeenPage(self)
        self.arrival_page = ArrivalReasonPage(self)
        self.cash_page = CashPage(self)
        self.beneficiary_page = BeneficiaryPage(self)
        self.country_page = SourceCountryPage(self)
        self.review_page = ReviewPage(self)
        self.registered_page = RegisteredPage(self)
        self.data_pages: tuple[Ek1Page, ...] = (
            self.source_page,
            self.identity_page,
            self.document_page,
            self.arrival_page,
            self.cash_page,
            self.beneficiary_page,
            self.country_page,
        )
        for page_id, page in enumerate((*self.data_pages, self.review_page, self.registered_page)):
            self.setPage(page_id, page)
        self.source_page.changed.connect(self._source_changed)

        self._timer = QTimer(self)
        self._timer.setInterval(autosave_ms)
        self._timer.timeout.connect(self.autosave)
        self.currentIdChanged.connect(self._page_changed)

        self._pristine = self.draft_data()
        self._last_saved: tuple[int, dict[str, Any]] | None = None
        start = SOURCE
        if draft_id is not None:
            draft = desk.draft(draft_id)
            if draft is not None and draft.kind == KIND:
                data = draft.data
                start = draft.page
                self._last_saved = (draft.page, draft.data)
        if data is not None:
            self._apply(data)
        self.restart()
        self.advance_to(min(max(start, SOURCE), REVIEW))
        self._timer.start()

    # -- dates -----------------------------------------------------------------------------
    def today(self) -> datetime.date:
        return self._today or datetime.date.today()

    # -- the record ------------------------------------------------------------------------
    def record(self) -> dict[str, Any]:
        """The EK-1 input (SPEC §9) as typed so far; unfinished values are None or ""."""
        record: dict[str, Any] = {"kind": KIND, "direction": self.direction}
        for page in self.data_pages:
            page.contribute(record)
        return {key: record[key] for key in RECORD_KEYS if key in record}

    def draft_data(self) -> dict[str, Any]:
        """The record plus every page's fields as typed (for a faithful restore)."""
        return {
            **self.record(),
            DRAFT_STATE_KEY: {page.key: page.state() for page in self.data_pages},
        }

    def _apply(self, data: dict[str, Any]) -> None:
        direction = data.get("direction")
        self.direction = direction if isinstance(direction, str) and direction else "entry"
        states = data.get(DRAFT_STATE_KEY) or {}
        for page in self.data_pages:
            state = states.get(page.key) if isinstance(states, dict) else None
            if isinstance(state, dict):
                page.restore(state)
            else:
                page.load(data)
        self._source_changed()

    def advance_to(self, target: int) -> None:
        """Walk forward to ``target`` through every page's own validation (a restored draft
        reopens where it was left, with the earlier pages in the Back history)."""
        while self.currentId() < target:
            before = self.currentId()
            self.next()
            if self.currentId() == before:
                break

    def direction_refused(self) -> bool:
        """True when the record's direction is one the rule set makes no such form for (the
        wizard itself only ever writes "entry"; imported data or an old draft may say exit)."""
        return self.direction not in self.directions

    # -- seizure ---------------------------------------------------------------------------
    def is_seizure(self) -> bool:
        return self.source_page.is_seizure()

    def _source_changed(self) -> None:
        seizure = self.is_seizure()
        for page in (*self.data_pages, self.review_page):
            page.set_seizure(seizure)
        self.setWindowTitle(
            self.tr("El koyma — kaynağı yasak nakit (EK-1 kaydı)")
            if seizure
            else self.tr("Nakit Beyan Formu (EK-1)")
        )

    # -- validation ------------------------------------------------------------------------
    def validation_problems(self) -> list[Problem]:
        """The domain validator's problems with the whole record as it stands."""
        try:
            validate_record(self.record(), self.today())
        except InvalidRecord as exc:
            return list(exc.problems)
        return []

    def all_problems(self) -> list[Problem]:
        """Every page's problems (what the review page must clear before Kaydet)."""
        found: list[Problem] = []
        for page in self.data_pages:
            for problem in page.current_problems():
                if problem not in found:
                    found.append(problem)
        return found

    def where(self, path: str) -> str:
        """The title of the page that owns ``path`` (for messages listed on the review)."""
        for page in self.data_pages:
            if page.owns(path) or (page is self.cash_page and path.startswith("cash")):
                return page.title()
        return path

    # -- registration and printing ---------------------------------------------------------
    def customs_area(self) -> str:
        station = self.desk.station()
        return station.customs_area or station.office_name

    def officer_info(self) -> dict[str, str]:
        return {"name": self.officer.name, "title": self.officer.title, "sicil": self.officer.sicil}

    def register_now(self) -> list[Problem]:
        """Register the record (and drop the draft in the same transaction); the problems
        that stopped it, or ``[]`` once it is stored."""
        try:
            content = self.desk.register(
                self.record(), officer=self.officer, draft_id=self.draft_id
            )
        except InvalidRecord as exc:  # includes EvaluationError (rule set, missing rate)
            return list(exc.problems)
        except RegisterError as exc:
            return [Problem("", str(exc))]
        self._timer.stop()
        self.draft_id = None
        self.registered_record = content
        self.registered_page.show_record(content)
        self.registered.emit(str(content["number"]))
        return []

    def open_print(self, document: str = "form") -> RecordedPrintPreview | None:
        """Open the print preview of a document of the registered record (non-modal)."""
        if self.registered_record is None:
            return None
        number = str(self.registered_record["number"])
        try:
            rendered = self.desk.render_document(number, document)
            dialog = RecordedPrintPreview(self.desk, rendered, self.officer.sicil, self)
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
        page = max(self.currentId(), SOURCE)
        if page > REVIEW:
            return
        data = self.draft_data()
        if self._last_saved == (page, data):
            return
        if self.draft_id is None and data == self._pristine:
            return
        try:
            self.draft_id = self.desk.save_draft(
                self.draft_id, kind=KIND, officer=self.officer.sicil, page=page, data=data
            )
        except (ValueError, RegisterError) as exc:
            self.autosave_error = str(exc)
            current = self.currentPage()
            if isinstance(current, Ek1Page):
                current.page_error.set_message(
                    self.tr("Taslak kaydedilemedi: {reason}").format(reason=exc)
                )
            return
        self.autosave_error = None
        self._last_saved = (page, data)

    def _page_changed(self, page_id: int) -> None:
        page = self.page(page_id)
        if isinstance(page, Ek1Page):
            page.first_field().setFocus(Qt.FocusReason.TabFocusReason)
        self.autosave()

    def done(self, result: int) -> None:
        # Closing keeps what was typed: the draft stays until registered or discarded.
        self.autosave()
        self._timer.stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.autosave()
        super().closeEvent(event)
