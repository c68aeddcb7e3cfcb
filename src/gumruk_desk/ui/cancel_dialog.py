"""Cancelling a record (Genelge 2013/1, Ortak hükümler 3): the officer's reason, every signed
copy collected back, the officer's own password and a supervisor's approval with theirs.

Nothing is cancelled until the register accepts both passwords in one transaction; the
passwords are cleared after every attempt and kept nowhere.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gumruk_desk.domain.chainspec import ROLE_SUPERVISOR
from gumruk_desk.domain.registered import RegisteredRecord
from gumruk_desk.errors import RegisterError
from gumruk_desk.services import AuthError, CancellationError, Desk, Officer
from gumruk_desk.ui.widgets import ErrorLabel


class CancelDialog(QDialog):
    """For the record ``content`` (as shown); ``cancelled`` holds it once cancelled."""

    def __init__(
        self,
        desk: Desk,
        officer: Officer,
        content: RegisteredRecord,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cancelDialog")
        self._desk = desk
        self._officer = officer
        self.number = content.number
        self.copies = content.outcome.copies
        self.cancelled: RegisteredRecord | None = None
        self.setWindowTitle(self.tr("Kaydı iptal et — {number}").format(number=self.number))
        layout = QVBoxLayout(self)
        person = content.person
        intro = QLabel(
            self.tr(
                "{number} ({name}) iptal edilecek. İptal edilen kayıt numarasını korur, her "
                "baskısında İPTAL yazar ve geri alınamaz. İptal ancak bir amirin kendi "
                "parolasıyla onayıyla geçerli olur (Genelge 2013/1 Ortak hükümler 3)."
            ).format(
                number=self.number,
                name=person.full_name,
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("cancelReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        form.addRow(self.tr("İptal &gerekçesi *"), self.reason)
        self.collected = QCheckBox(
            self.tr("İmzalı {n} nüshanın &tamamı geri toplandı").format(n=self.copies), self
        )
        self.collected.setObjectName("copiesCollected")
        form.addRow("", self.collected)
        self.officer_password = QLineEdit(self)
        self.officer_password.setObjectName("officerPassword")
        self.officer_password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("{name} — &parolanız").format(name=officer.name), self.officer_password)
        self.approver = QComboBox(self)
        self.approver.setObjectName("approver")
        for other in desk.officers():
            if other.role == ROLE_SUPERVISOR and other.sicil != officer.sicil and other.can_sign:
                self.approver.addItem(f"{other.name} ({other.sicil})", other.sicil)
        form.addRow(self.tr("Onaylayan &amir"), self.approver)
        self.approver_password = QLineEdit(self)
        self.approver_password.setObjectName("approverPassword")
        self.approver_password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Amirin pa&rolası"), self.approver_password)
        layout.addLayout(form)
        self.error = ErrorLabel(self)
        self.error.setObjectName("cancelError")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton(self.tr("İptal &et"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("confirmCancel")
        close = buttons.addButton(self.tr("&Vazgeç"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("abandonCancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.approver.count() == 0:
            self.error.set_message(self.tr("Kayıtlı başka bir amir yok: iptal onaylanamaz."))
            self.ok.setEnabled(False)
        self.reason.setFocus()

    def accept(self) -> None:
        problems = []
        if not self.reason.toPlainText().strip():
            problems.append(self.tr("İptal gerekçesini yazın."))
        if not self.collected.isChecked():
            problems.append(self.tr("İmzalı nüshaların tamamı toplanmadan form iptal edilemez."))
        if not self.officer_password.text():
            problems.append(self.tr("Kendi parolanızı yazın."))
        if not self.approver_password.text():
            problems.append(self.tr("Onaylayan amir kendi parolasını yazmalı."))
        if problems:
            self.error.set_messages(problems)
            return
        try:
            self.cancelled = self._desk.cancel(
                self.number,
                reason=self.reason.toPlainText(),
                officer_sicil=self._officer.sicil,
                officer_password=self.officer_password.text(),
                approver_sicil=str(self.approver.currentData()),
                approver_password=self.approver_password.text(),
                copies_collected=self.copies,
            )
        except (AuthError, CancellationError, RegisterError) as exc:
            self.error.set_message(str(exc))
            return
        finally:
            self.officer_password.clear()
            self.approver_password.clear()
        super().accept()
