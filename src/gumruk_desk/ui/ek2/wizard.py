"""The Nakit Açıklama Tutanağı (EK-2) wizard: one page per step, one file per page.

Steps (SPEC §4-§6): 1 why the person was selected, 2 direction, 3 identity (MRZ; fields 1-5
and 7), 4 identity document seen, 5 fields 6 and 8-14, 6 the person's statement (15), locked
once 7 the count (16, with banknote counting) begins, 8 sender, purpose, source and the
obligation told (17-21), 9 the exit limits (exit only), 10 the result (22) as the register
computes it, 11 signatures — a second officer confirms with their password when the result
is not "correct"; the person may refuse to sign — and Kaydet; then the registered record
with printing of the tutanak, the seizure report and the receipt.

The wizard assembles exactly the interchange input of SPEC §9 and registers it through
``Desk.register``, the service ``gumruk-desk record create`` calls, so both give the same
record for the same input.
"""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtWidgets import QWidget

from gumruk_desk.services import Desk, Officer, local_now
from gumruk_desk.ui.ek2.count_page import CountPage
from gumruk_desk.ui.ek2.declaration_page import DeclarationPage
from gumruk_desk.ui.ek2.exit_page import ExitPage
from gumruk_desk.ui.ek2.personal_page import PersonalPage
from gumruk_desk.ui.ek2.registered_page import RegisteredPage
from gumruk_desk.ui.ek2.result_page import ResultPage
from gumruk_desk.ui.ek2.selection_page import SelectionPage
from gumruk_desk.ui.ek2.signatures_page import SignaturesPage
from gumruk_desk.ui.ek2.statement_page import StatementPage
from gumruk_desk.ui.form_wizard.identity_page import IdentityPage
from gumruk_desk.ui.form_wizard.seizure_page import SeizurePage
from gumruk_desk.ui.form_wizard.wizard import AUTOSAVE_MS, FormWizard

KIND = "nakit_aciklama"
#: The keys of an EK-2 input (SPEC §9), in the order the record is written.
RECORD_KEYS = (
    "kind",
    "direction",
    "person",
    "id_document_seen",
    "source_category",
    "selection_basis",
    "country_from",
    "country_to",
    "declared",
    "detected",
    "sender",
    "purpose",
    "source",
    "witness_officer",
    "residence",
    "exit_exception",
    "signature_refused",
    "custody_override",
    "paper",
    "seizure",
)
#: The person's keys the identity page owns (the personal page owns the rest).
IDENTITY_PATHS = tuple(
    f"person.{k}"
    for k in (
        "first_name",
        "last_name",
        "id_kind",
        "id_number",
        "birth_place",
        "birth_date",
        "nationality",
        "father_name",
    )
)

(
    SELECTION,
    IDENTITY,
    PERSONAL,
    DECLARATION,
    COUNT,
    STATEMENT,
    EXIT,
    RESULT,
    SEIZURE,
    SIGNATURES,
    REGISTERED,
) = range(11)


class NakitAciklamaWizard(FormWizard):
    """The EK-2 wizard for ``officer`` (from ``Desk.authenticate``).

    ``draft_id``: resume that draft (fields, page, and the lock of the statement).
    ``registered(number)`` is emitted once the tutanak is stored.
    """

    KIND = KIND
    RECORD_KEYS = RECORD_KEYS
    FORM_TITLE = "Nakit Açıklama Tutanağı"

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
        replaces: str | None = None,
        paper: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(
            desk,
            officer,
            draft_id,
            parent,
            autosave_ms=autosave_ms,
            today=today,
            replaces=replaces,
            paper=paper,
        )
        self.setObjectName("nakitAciklamaWizard")
        self.setWindowTitle(self.tr("Nakit Açıklama Tutanağı (EK-2)"))
        self.resize(860, 720)

        self.selection_page = SelectionPage(self)
        self.identity_page = IdentityPage(
            self,
            today=self.today,
            title=self.tr("2. Açıklama yapan kişi (1-5, 7)"),
            paths=IDENTITY_PATHS,
        )
        self.personal_page = PersonalPage(self)
        self.declaration_page = DeclarationPage(self)
        self.count_page = CountPage(self)
        self.statement_page = StatementPage(self)
        self.exit_page = ExitPage(self)
        self.result_page = ResultPage(self)
        self.seizure_page = SeizurePage(self)
        self.signatures_page = SignaturesPage(self)
        self.registered_page = RegisteredPage(self)
        pages = (
            self.selection_page,
            self.identity_page,
            self.personal_page,
            self.declaration_page,
            self.count_page,
            self.statement_page,
            self.exit_page,
            self.result_page,
            self.seizure_page,
            self.signatures_page,
            self.registered_page,
        )
        self.data_pages = tuple(
            p for p in pages if p not in (self.result_page, self.registered_page)
        )
        self.add_pages(pages, self.registered_page)
        self.identity_page.person_replaced.connect(self.personal_page.clear_person)
        self.start(data)

    # -- moments -----------------------------------------------------------------------------
    def now(self) -> datetime.datetime:
        """The moment the result is computed for (registration uses its own, a moment later)."""
        return local_now()

    # -- the record --------------------------------------------------------------------------
    def direction(self) -> str | None:
        return self.selection_page.direction.value()

    def after_statement(self) -> int:
        return EXIT if self.direction() == "exit" else RESULT

    def seizes_cash(self) -> bool:
        """The result the officer saw puts cash into custody: the seizure report is asked."""
        evaluation = self.result_page.evaluation
        return evaluation is not None and bool(evaluation.outcome.custody)

    def nextId(self) -> int:
        following = super().nextId()
        if following == SEIZURE and not self.seizes_cash():
            return SIGNATURES
        return following

    def lock_declaration(self) -> None:
        """The count has begun: the statement (15) can no longer change (§G2b-c)."""
        self.declaration_page.lock()

    def witness(self) -> Officer | None:
        return self.signatures_page.witness_officer
