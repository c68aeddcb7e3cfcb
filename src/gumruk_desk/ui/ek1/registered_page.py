"""After Kaydet — the number, what the register decided, and printing.

The outcome speaks in colour and words together: green for a declaration, red for a seizure
(with the legal ground the register returned).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from gumruk_desk.domain.evaluation import OutcomeCode
from gumruk_desk.domain.registered import RegisteredRecord
from gumruk_desk.printing import fmt
from gumruk_desk.printing.documents import COLUMN_TR
from gumruk_desk.ui.ek1.base import Ek1Page
from gumruk_desk.ui.form_wizard.registered_page import GREEN, RED, RegisteredPageBase


class RegisteredPage(RegisteredPageBase, Ek1Page):
    """The registered declaration (or seizure record) with its TL value and rates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("RegisteredPage", "&Yazdır (form, 3 nüsha)…"), parent
        )
        self.setTitle(self.tr("Kaydedildi"))
        self.valuation = self.detail_label("valuation")

    def show_record(self, content: RegisteredRecord) -> None:
        outcome = content.outcome
        valuation = content.valuation
        seized = outcome.code is OutcomeCode.PROHIBITED_SOURCE
        self.setTitle(self.tr("El koyma kaydedildi") if seized else self.tr("Form kaydedildi"))
        grounds = " ".join(outcome.grounds)
        if seized:
            custody = ", ".join(f"{fmt.line_amount(x)} {x.currency}" for x in outcome.custody)
            text = self.tr(
                "EL KOYMA: bu nakit beyan edilmedi; nakde el konuldu ({custody}) ve Cumhuriyet "
                "Savcılığına bildirilecek. {grounds}"
            ).format(custody=custody, grounds=grounds)
        else:
            text = self.tr("Beyan kaydedildi. {grounds}").format(grounds=grounds)
        self.outcome.setText(text)
        self.outcome.setStyleSheet(RED if seized else GREEN)
        listed = ", ".join(
            f"{code} {fmt.amount(rate.try_per_unit)} ({COLUMN_TR.get(rate.column, '')})"
            for code, rate in valuation.rates.items()
        )
        total = valuation.declared_try
        parts = []
        if total is not None:
            parts.append(self.tr("TL karşılığı: {total} TL").format(total=fmt.amount(total)))
        if listed:
            parts.append(
                self.tr("TCMB {day} kurları: {rates}").format(
                    day=fmt.date(valuation.rate_date), rates=listed
                )
            )
        self.valuation.setText(" · ".join(parts))
        self.show_common(content, seizure=seized)
        # What may not be declared is never printed as a declaration: the seizure report is.
        self.print_form.setVisible(not seized)
        if seized:
            self.print_seizure.setDefault(True)
