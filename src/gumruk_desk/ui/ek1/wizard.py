"""The Nakit Beyan Formu (EK-1) wizard: one page per step, one file per page.

Steps (SPEC §3): 1 source of the cash and the reason of arrival it proposes, 2 identity
(MRZ) and the original document seen, 3 cash lines, 4 the person in Turkey the cash is for
(the declarant themselves unless the officer says otherwise) and the source country, 5
review and Kaydet; then the registered record with printing. Every box of the circular's
form is asked; the pages hold neighbouring boxes, so the common case is a few keys a page.

The wizard assembles exactly the interchange input of SPEC §9 (``record()``), lets the
domain validator judge it page by page, and registers it through ``Desk.register`` — the
same service ``gumruk-desk record create`` calls, so both give the same record. A prohibited
source is not declared: the officer may go on to record the seizure, which the register
stores as an EK-1 whose outcome is ``prohibited_source``. Drafts, registration and printing
are the shared :class:`FormWizard`'s.
"""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtWidgets import QWidget

from gumruk_desk.domain.rules import RuleSetError
from gumruk_desk.services import Desk, Officer
from gumruk_desk.ui.ek1.base import seizure_text
from gumruk_desk.ui.ek1.beneficiary_page import BeneficiaryPage
from gumruk_desk.ui.ek1.cash_page import CashPage
from gumruk_desk.ui.ek1.registered_page import RegisteredPage
from gumruk_desk.ui.ek1.review_page import ReviewPage
from gumruk_desk.ui.ek1.source_page import SourcePage
from gumruk_desk.ui.form_wizard.identity_page import IdentityPage
from gumruk_desk.ui.form_wizard.seizure_page import SeizurePage
from gumruk_desk.ui.form_wizard.wizard import AUTOSAVE_MS, DRAFT_STATE_KEY, FormWizard

__all__ = ["AUTOSAVE_MS", "DRAFT_STATE_KEY", "KIND", "NakitBeyanWizard", "entry_rules"]

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
    "country_to",  # a declaration on exit, where the rule set allows one
    "paper",
    "seizure",
)

(
    SOURCE,
    IDENTITY,
    CASH,
    BENEFICIARY,
    SEIZURE,
    REVIEW,
    REGISTERED,
) = range(7)


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


class NakitBeyanWizard(FormWizard):
    """The EK-1 wizard for ``officer`` (from ``Desk.authenticate``).

    ``draft_id``: resume that draft (fields, page). ``data``: start from an interchange input
    instead (e.g. an imported record); a ``direction`` other than entry is refused on the
    first page with the circular's reason. ``registered(number)`` is emitted once the record
    is stored; ``registered_record`` then holds it.
    """

    KIND = KIND
    RECORD_KEYS = RECORD_KEYS
    FORM_TITLE = "Nakit Beyan Formu"

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
        self.directions, prohibited = entry_rules(desk, self.today())
        self.direction = "entry"

        self.setObjectName("nakitBeyanWizard")
        self.setWindowTitle(self.tr("Nakit Beyan Formu (EK-1)"))
        self.resize(820, 680)

        self.source_page = SourcePage(prohibited, self, directions=self.directions)
        self.identity_page = IdentityPage(
            self, today=self.today, title=self.tr("2. Beyanda bulunan kişi")
        )
        self.cash_page = CashPage(self)
        self.beneficiary_page = BeneficiaryPage(self)
        self.seizure_page = SeizurePage(self)
        self.review_page = ReviewPage(self)
        self.registered_page = RegisteredPage(self)
        self.data_pages = (
            self.source_page,
            self.identity_page,
            self.cash_page,
            self.beneficiary_page,
            self.seizure_page,
        )
        self.add_pages(
            (*self.data_pages, self.review_page, self.registered_page), self.registered_page
        )
        self.source_page.changed.connect(self._source_changed)
        self.start(data)

    # -- the record ------------------------------------------------------------------------
    def base_record(self) -> dict[str, Any]:
        return {**super().base_record(), "direction": self.direction}

    def apply(self, data: dict[str, Any]) -> None:
        direction = data.get("direction")
        self.direction = direction if isinstance(direction, str) and direction else "entry"
        self.source_page.set_direction(self.direction)
        super().apply(data)
        self._source_changed()

    def direction_refused(self) -> bool:
        """True when the record's direction is one the rule set makes no such form for (the
        wizard itself only ever writes "entry"; imported data or an old draft may say exit)."""
        return self.direction not in self.directions

    # -- seizure ---------------------------------------------------------------------------
    def is_seizure(self) -> bool:
        return self.source_page.is_seizure()

    def seizes_cash(self) -> bool:
        return self.is_seizure()

    def nextId(self) -> int:
        following = super().nextId()
        if following == SEIZURE and not self.seizes_cash():
            return REVIEW
        return following

    def _source_changed(self) -> None:
        seizure = self.is_seizure()
        for page in (*self.data_pages, self.review_page):
            page.set_seizure(seizure, seizure_text())
        self.setWindowTitle(
            self.tr("El koyma — kaynağı yasak nakit (EK-1 kaydı)")
            if seizure
            else self.tr("Nakit Beyan Formu (EK-1)")
        )
