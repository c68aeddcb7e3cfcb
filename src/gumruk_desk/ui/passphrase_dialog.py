"""The station passphrase, asked once at start where no keyring keeps the register's key.

The register cannot be opened without it, so the only ways out are the right passphrase or
quitting; a wrong one is said under the field and may be typed again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gumruk_desk.services import station_passphrase_protects
from gumruk_desk.ui.setup.fields import add_field, new_form, open_or_quit


class PassphraseDialog(QDialog):
    """Accepted once the passphrase given has unlocked the register's key at ``home``;
    ``forgotten`` when the supervisor says the passphrase is lost (the recovery key is asked
    next)."""

    forgotten = Signal()

    def __init__(self, home: str | Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.setWindowTitle(self.tr("Gümrük Masası — istasyon parolası"))
        note = QLabel(
            self.tr(
                "Kayıt defterinin anahtarı bu bilgisayarda istasyon parolasıyla korunuyor. "
                "İdare amirinin belirlediği istasyon parolasını girin."
            )
        )
        note.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("station_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form = new_form()
        self.error = add_field(form, self.tr("İstasyon &parolası"), self.passphrase)
        buttons, self.open_button, self.quit_button = open_or_quit(self, self.try_passphrase)
        self.forgot_button = QPushButton(self.tr("Parolayı &unuttum…"))
        self.forgot_button.setObjectName("forgot_passphrase")
        self.forgot_button.setAutoDefault(False)
        self.forgot_button.clicked.connect(self._forgot)
        buttons.addButton(self.forgot_button, QDialogButtonBox.ButtonRole.ResetRole)
        # Only a passphrase already set can be forgotten (one being set now has nothing to
        # recover).
        self.forgot_button.setVisible(station_passphrase_protects(home))
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.passphrase.setFocus()

    def try_passphrase(self) -> None:
        from gumruk_desk.errors import RegisterError
        from gumruk_desk.services import give_station_passphrase

        try:
            give_station_passphrase(self.passphrase.text(), self.home)
        except RegisterError as exc:
            if station_passphrase_protects(self.home):
                # The service's words name the register; only the passphrase is in question.
                self.error.show_error(self.tr("İstasyon parolası yanlış."))
            else:
                # An old plain register about to be encrypted: this sets the passphrase, so
                # the service says what it needs (its length).
                self.error.show_error(str(exc))
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        self.error.clear_error()
        self.accept()

    def _forgot(self) -> None:
        # Neither accepted nor rejected: the session goes on to the recovery key.
        self.hide()
        self.forgotten.emit()
        self.deleteLater()
