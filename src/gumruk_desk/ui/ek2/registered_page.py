"""After Kaydet — the number, the result, and printing: the tutanak (4 copies) and, when cash
was taken into custody, the seizure report and the receipt for the person, with the time
left to upload the seizure (24 hours, SPEC §6)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from gumruk_desk.domain.registered import RegisteredRecord
from gumruk_desk.printing import fmt
from gumruk_desk.services import UPLOAD_DEADLINE
from gumruk_desk.ui import record_text
from gumruk_desk.ui.ek2.base import Ek2Page
from gumruk_desk.ui.ek2.result_page import headline
from gumruk_desk.ui.form_wizard.registered_page import RegisteredPageBase


class RegisteredPage(RegisteredPageBase, Ek2Page):
    """The registered tutanak: result, grounds and, for a seizure, the upload deadline."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("RegisteredPage", "&Yazdır (tutanak, 4 nüsha)…"), parent
        )
        self.setTitle(self.tr("Tutanak kaydedildi"))
        self.grounds = self.detail_label("grounds")
        self.deadline = self.detail_label("uploadDeadline")

    def show_record(self, content: RegisteredRecord) -> None:
        outcome = content.outcome
        custody = outcome.custody
        text, style = headline(outcome)
        lines = [self.tr(text)]
        if outcome.fine_try:
            lines.append(
                self.tr("İdari para cezası: {fine} TL").format(fine=fmt.amount(outcome.fine_try))
            )
        if custody:
            lines.append(
                self.tr("Muhafaza altına alınan: {lines}").format(
                    lines=record_text.lines_text(custody)
                )
            )
        if outcome.prosecutor_referral:
            lines.append(self.tr("Cumhuriyet Savcılığına bildirilecek."))
        if outcome.masak_copy:
            lines.append(self.tr("Bir nüsha MASAK'a gönderilecek."))
        self.outcome.setText("\n".join(lines))
        self.outcome.setStyleSheet(style)
        self.grounds.setText(" ".join(outcome.grounds))
        if custody:
            due = content.registered_at + UPLOAD_DEADLINE
            self.deadline.setText(
                self.tr(
                    "El koyma kaydı en geç {due} tarihine kadar merkeze yüklenmeli (24 saat, "
                    "Genelge 2019/1 m. 4/2). 'Yükleme bekleyen el koymalar' listesinde görünür."
                ).format(due=f"{due:%d.%m.%Y %H:%M}")
            )
        self.deadline.setVisible(bool(custody))
        self.show_common(content, seizure=bool(custody))
