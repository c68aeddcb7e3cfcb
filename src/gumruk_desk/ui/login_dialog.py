"""Login: sicil and password. Wrong passwords and locked accounts are answered under the
password field in the service's Turkish words (every failure is recorded in the chain).

The dialog can appear before the register is open (``desk=None``): the application shows it
at once and opens the register behind it (see ``ui/app.py``). The officer can already type;
the station's name appears and the login goes through as soon as ``set_desk`` is called —
an Enter pressed before that is remembered, not lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gumruk_desk.ui.setup.fields import ErrorLabel, add_field, new_form

if TYPE_CHECKING:
    from gumruk_desk.services import Desk, Officer


class LoginDialog(QDialog):
    """``officer`` holds the authenticated officer after ``accepted``.

    Enter in the sicil field moves to the password; Enter in the password logs in.
    ``ready`` is emitted once the dialog has its register (at once when given one).
    """

    ready = Signal()

    def __init__(self, desk: Desk | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk: Desk | None = None
        self.officer: Officer | None = None
        self._login_waiting = False
        self.setWindowTitle(self.tr("Gümrük Masası — giriş"))
        self.demo_banner = QLabel(self.tr("DEMO İSTASYONU"))
        self.demo_banner.setObjectName("demo_banner")
        self.demo_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_banner.setStyleSheet(
            "background: #8a5a00; color: white; font-weight: bold; padding: 4px;"
            " border-radius: 3px;"
        )
        self.demo_banner.hide()
        self.heading = QLabel(self.tr("<b>Gümrük Masası</b>"))
        self.heading.setWordWrap(True)
        self.place = QLabel(self.tr("Kayıt defteri açılıyor…"))
        self.place.setWordWrap(True)

        self.sicil = QLineEdit()
        self.sicil.setObjectName("sicil")
        self.sicil.setMaxLength(20)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = new_form()
        self.sicil_error = add_field(form, self.tr("&Sicil"), self.sicil)
        self.error = add_field(form, self.tr("&Parola"), self.password)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.login_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.login_button.setText(self.tr("&Giriş"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Kapat"))
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        # Enter is handled per field (sicil → password → log in), not by a default button.
        self.sicil.returnPressed.connect(self._sicil_entered)
        self.password.returnPressed.connect(self.try_login)

        self.demo_hint = QLabel()
        self.demo_hint.setObjectName("demo_hint")
        self.demo_hint.setWordWrap(True)
        self.demo_hint.hide()
        self.fatal = ErrorLabel()
        self.fatal.setObjectName("fatal")

        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_banner)
        layout.addWidget(self.heading)
        layout.addWidget(self.place)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.demo_hint)
        layout.addWidget(self.fatal)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.sicil.setFocus()
        if desk is not None:
            self.set_desk(desk)

    # -- the register --------------------------------------------------------------------------
    def set_desk(self, desk: Desk) -> None:
        """Show the station this register belongs to and accept logins from now on."""
        self.desk = desk
        station = desk.station()
        self.heading.setText(f"<b>{_html(station.office_name)}</b>")
        place = self.tr("Masa {desk}").format(desk=station.desk_code)
        if station.customs_area:
            place = f"{place} · {station.customs_area}"
        self.place.setText(place)
        if station.demo:
            self.demo_banner.show()
            self.demo_hint.setText(self._demo_hint())
            self.demo_hint.show()
        self.ready.emit()
        if self._login_waiting:
            self._login_waiting = False
            self.try_login()

    def show_fatal(self, message: str) -> None:
        """The register cannot be opened: say why; only closing is left."""
        self.place.setText(self.tr("Kayıt defteri açılamadı."))
        self.fatal.show_error(message)
        for widget in (self.sicil, self.password, self.login_button):
            widget.setEnabled(False)

    def _demo_hint(self) -> str:
        from gumruk_desk.services import DEMO_OFFICERS

        accounts = ", ".join(f"{o.sicil} / {o.password}" for o in DEMO_OFFICERS)
        return self.tr("Deneme hesapları (sicil / parola): {accounts}").format(accounts=accounts)

    # -- keys and login ------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter belongs to the fields (sicil → password → log in); QDialog would otherwise
        # also click the default button, logging in with an empty password.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def _sicil_entered(self) -> None:
        if self.sicil.text().strip():
            self.password.setFocus()
        else:
            self.sicil_error.show_error(self.tr("Sicil numaranızı yazın."))

    def try_login(self) -> None:
        """Authenticate; on success accept, else show why under the field and stay."""
        sicil = self.sicil.text().strip()
        self.sicil_error.clear_error()
        self.error.clear_error()
        if not sicil:
            self.sicil_error.show_error(self.tr("Sicil numaranızı yazın."))
            self.sicil.setFocus()
            return
        if not self.password.text():
            self.error.show_error(self.tr("Parolanızı yazın."))
            self.password.setFocus()
            return
        if self.desk is None:
            self._login_waiting = True  # logs in as soon as the register is open
            return
        from gumruk_desk.errors import AuthError

        try:
            self.officer = self.desk.authenticate(sicil, self.password.text())
        except AuthError as exc:
            self.password.clear()
            self.error.show_error(str(exc))
            self.password.setFocus()
            return
        self.password.clear()
        self.accept()


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
