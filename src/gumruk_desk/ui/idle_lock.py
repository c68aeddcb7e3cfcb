"""The idle lock: after the configured idle time the desk's windows are covered and only the
same officer's password opens them again.

Why covers and a modal dialog rather than hiding the windows: a wizard in the middle of a
form may run its own event loop, and hiding a dialog ends that loop (Qt treats it as closed).
Covering every window with an opaque panel keeps the traveller's data out of sight, keeps the
half-typed form exactly as it was, and the application-modal lock dialog takes all input.

The lock dialog also lets the session be closed without the password (``logout_requested``):
another officer takes the desk at the change of shift, and the locked officer's open forms
are kept as drafts. Closing reveals nothing and loses nothing, as quitting would not either.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gumruk_desk.services import MIN_IDLE_LOCK_MINUTES
from gumruk_desk.ui.setup.fields import add_field, new_form

if TYPE_CHECKING:
    from gumruk_desk.services import Desk, Officer

MINUTE_MS = 60_000

# What counts as the officer being at the desk.
_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleLock(QObject):
    """Watches key and mouse input application-wide and locks after the idle time.

    The idle time is read from the register (``Desk.idle_lock_minutes()``, at least one
    minute: there is no "never") each time the timer wakes, at least every half minute, so
    a supervisor's change applies without a restart. ``minute_ms`` is the length of a minute
    in milliseconds: 60 000, or a few milliseconds in tests.
    """

    locked = Signal()
    unlocked = Signal()
    exit_requested = Signal()
    logout_requested = Signal()

    def __init__(
        self,
        desk: Desk,
        officer: Officer,
        window: QWidget,
        *,
        minute_ms: int = MINUTE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.officer = officer
        self.window = window
        self.minute_ms = minute_ms
        self.dialog: LockDialog | None = None
        self._covers: dict[QWidget, _Cover] = {}
        self._last_input = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._wake)

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def start(self) -> None:
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self._last_input = time.monotonic()
        self._wake()

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()

    def end(self) -> None:
        """The session ends (log out): stop watching, and take the covers and the lock dialog
        away without unlocking (no ``unlocked``)."""
        self.stop()
        for cover in self._covers.values():
            cover.deleteLater()
        self._covers.clear()
        if self.dialog is not None:
            self.dialog.dismiss()
            self.dialog.deleteLater()
        self.dialog = None

    def idle_limit_ms(self) -> int:
        """The idle time in ms (never under a minute, whatever the register says)."""
        minutes = max(self.desk.idle_lock_minutes(), MIN_IDLE_LOCK_MINUTES)
        return minutes * self.minute_ms

    def _wake(self) -> None:
        if self.is_locked:
            return
        limit = self.idle_limit_ms()
        poll = max(1, self.minute_ms // 2)  # a changed setting is seen within half a minute
        remaining = limit - int((time.monotonic() - self._last_input) * 1000)
        if remaining <= 0:
            self.lock(idle_minutes=limit // self.minute_ms)
            return
        self._timer.start(min(remaining, poll))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _INPUT_EVENTS:
            if not self.is_locked:
                self._last_input = time.monotonic()
        elif kind == QEvent.Type.Resize and watched in self._covers:
            self._covers[watched].fit()
        return False

    # -- locking -------------------------------------------------------------------------------
    def lock(self, idle_minutes: int | None = None) -> None:
        """Cover every window and ask for the officer's password (no-op when locked)."""
        if self.is_locked:
            return
        self._timer.stop()
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
        for window in QApplication.topLevelWidgets():
            if window.isVisible() and not isinstance(window, LockDialog):
                self._covers[window] = _Cover(window, self.officer)
        self.dialog = LockDialog(self.desk, self.officer, idle_minutes, parent=self.window)
        self.dialog.accepted.connect(self._unlocked)
        self.dialog.exit_chosen.connect(self.exit_requested)
        self.dialog.logout_chosen.connect(self.logout_requested)
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        self.locked.emit()

    def _unlocked(self) -> None:
        for cover in self._covers.values():
            cover.deleteLater()
        self._covers.clear()
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self._last_input = time.monotonic()
        self.unlocked.emit()
        self._wake()


class _Cover(QWidget):
    """An opaque panel over a whole window while the desk is locked."""

    def __init__(self, window: QWidget, officer: Officer) -> None:
        super().__init__(window)
        self.setAutoFillBackground(True)
        self.setObjectName("lock_cover")
        label = QLabel(self.tr("Oturum kilitli — {name}").format(name=officer.name))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.fit()
        self.show()

    def fit(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
            self.raise_()


class LockDialog(QDialog):
    """Asks the locked-out officer's password; only that officer's password unlocks.

    Every wrong password goes through ``Desk.authenticate`` and so counts toward the account
    lock-out like anywhere else. Once the account is locked the dialog offers only to close
    the session or exit the application (a supervisor must unlock the account). "Oturumu
    kapat" is there throughout (``logout_chosen``): the session's owner decides nothing by
    it, and the next officer logs in. Escape and the window's close button do nothing.
    """

    exit_chosen = Signal()
    logout_chosen = Signal()

    def __init__(
        self,
        desk: Desk,
        officer: Officer,
        idle_minutes: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.officer = officer
        self._may_close = False
        self.setWindowTitle(self.tr("Gümrük Masası — oturum kilitli"))
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        title = QLabel(self.tr("<b>Oturum kilitli</b>"))
        if idle_minutes:
            why = self.tr("{minutes} dakika işlem yapılmadığı için kilitlendi.").format(
                minutes=idle_minutes
            )
        else:
            why = self.tr("Oturum kilitlendi.")
        who = QLabel(
            self.tr(
                "{name} (sicil {sicil}) adına açık oturum {why} Devam etmek için parolanızı yazın."
            ).format(name=officer.name, sicil=officer.sicil, why=why)
        )
        who.setWordWrap(True)
        self.message = who
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = new_form()
        self.error = add_field(form, self.tr("&Parola"), self.password)
        self.unlock_button = QPushButton(self.tr("&Kilidi aç"))
        self.unlock_button.setObjectName("unlock")
        self.exit_button = QPushButton(self.tr("Uygulamadan &çık"))
        self.exit_button.setObjectName("exit")
        self.exit_button.hide()
        self.logout_button = QPushButton(self.tr("&Oturumu kapat (memur değiştir)"))
        self.logout_button.setObjectName("logout")
        self.logout_button.setAutoDefault(False)
        self.logout_button.setToolTip(
            self.tr("Oturumu kapatır ve giriş ekranına döner; açık formlar taslak olarak saklanır.")
        )
        self.unlock_button.clicked.connect(self.try_unlock)
        self.exit_button.clicked.connect(self._exit)
        self.logout_button.clicked.connect(self.logout_chosen)
        self.password.returnPressed.connect(self.try_unlock)
        buttons = QHBoxLayout()
        buttons.addWidget(self.logout_button)
        buttons.addStretch(1)
        buttons.addWidget(self.exit_button)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(who)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.password.setFocus()

    def try_unlock(self) -> None:
        from gumruk_desk.errors import AuthError

        if not self.password.isEnabled():
            return
        if not self.password.text():
            self.error.show_error(self.tr("Parolanızı yazın."))
            return
        try:
            self.desk.authenticate(self.officer.sicil, self.password.text())
        except AuthError as exc:
            self.password.clear()
            self.error.show_error(str(exc))
            current = self.desk.officer(self.officer.sicil)
            if current is None or current.locked:
                self._locked_out()
            else:
                self.password.setFocus()
            return
        self.password.clear()
        self._may_close = True
        self.accept()

    def _locked_out(self) -> None:
        self.password.setEnabled(False)
        self.unlock_button.setEnabled(False)
        self.exit_button.show()
        self.exit_button.setDefault(True)
        self.exit_button.setFocus()

    def dismiss(self) -> None:
        """Close without unlocking (the session is over)."""
        self._may_close = True
        self.done(QDialog.DialogCode.Rejected)

    def _exit(self) -> None:
        self._may_close = True
        self.exit_chosen.emit()
        self.done(QDialog.DialogCode.Rejected)

    def reject(self) -> None:
        if self._may_close:
            super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Enter in the password field was handled by returnPressed (a focused button
            # handles its own); QDialog must not also click the default button, which after
            # a lock-out is "exit".
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close:
            super().closeEvent(event)
        else:
            event.ignore()
