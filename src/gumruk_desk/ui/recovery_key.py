"""The register's recovery key in the window: shown once where a key is made (set-up, an old
plain register encrypted at its first open, a rotation), and typed in where the key is lost
(a new machine, an emptied keyring, a forgotten station passphrase).

A key that is shown is kept on screen until the supervisor ticks that it was printed or
written down: nothing shows it again, and without it a lost keyring loses the register.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QFontDatabase, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gumruk_desk.ui.setup.fields import ErrorLabel, add_field, new_form, open_or_quit


def _key_font(base: QFont) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(max(font.pointSizeF(), base.pointSizeF()) * 1.5)
    font.setBold(True)
    return font


class RecoveryKeyPanel(QWidget):
    """The recovery key in large groups, a button saving its printable page (never inside
    the data folder) and the tick that it was kept. ``kept_changed`` follows the tick.

    ``station`` gives the station's "office/desk" for the page and ``data_folder`` the
    register's folder, when asked (the register may not be open when the panel is made)."""

    kept_changed = Signal()

    def __init__(
        self,
        station: Callable[[], str],
        data_folder: Callable[[], Path],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._station = station
        self._data_folder = data_folder
        self.recovery = ""
        self.recovery_text = QLabel(
            self.tr(
                "Kurtarma anahtarı: kayıt defterinin anahtarı kaybolursa (bilgisayar değişir, "
                "anahtarlık silinir) kayıtları yalnızca bu anahtar açar. Yazdırın ve "
                "amirinizin kasasında saklayın; bir daha gösterilmez."
            )
        )
        self.recovery_text.setWordWrap(True)
        self.recovery_key = QLabel()
        self.recovery_key.setObjectName("recovery_key")
        self.recovery_key.setFont(_key_font(self.font()))
        self.recovery_key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton(self.tr("Kurtarma anahtarını &yazdır…"))
        self.print_button.setObjectName("print_recovery")
        # Enter finishes (once the box is ticked), never opens the file dialog by surprise.
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self._print_recovery)
        self.print_result = QLabel()
        self.print_result.setWordWrap(True)
        self.print_result.hide()
        self.print_error = ErrorLabel()
        self.kept = QCheckBox(self.tr("Kurtarma anahtarını yazdırdım / &not ettim"))
        self.kept.setObjectName("recovery_kept")
        self.kept.toggled.connect(self.kept_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.recovery_text)
        layout.addWidget(self.recovery_key)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.print_result)
        layout.addWidget(self.print_error)
        layout.addWidget(self.kept)
        self.show_recovery("")

    def show_recovery(self, recovery: str) -> None:
        self.recovery = recovery
        groups = recovery.split("-") if recovery else []
        # Four groups a line, as on the printed page and as read aloud.
        lines = ["  ".join(groups[i : i + 4]) for i in range(0, len(groups), 4)]
        self.recovery_key.setText("\n".join(lines))
        self.kept.setChecked(False)
        self.print_result.hide()
        self.print_error.clear_error()
        self.setVisible(bool(recovery))
        self.kept_changed.emit()

    def is_kept(self) -> bool:
        return not self.recovery or self.kept.isChecked()

    def _print_recovery(self) -> None:
        target, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Kurtarma anahtarı sayfasını kaydet"),
            str(Path.home() / "kurtarma-anahtari.pdf"),
            self.tr("PDF (*.pdf)"),
        )
        if target:
            self.save_recovery(target)

    def save_recovery(self, target: str) -> bool:
        """The recovery page as a PDF at ``target``, never inside the data folder: the
        printout and the register must not travel together."""
        from gumruk_desk.printing.placement import INSIDE_DATA_FOLDER, inside_data_folder
        from gumruk_desk.printing.recovery import write_recovery_page

        self.print_result.hide()
        if inside_data_folder(target, self._data_folder()):
            self.print_error.show_error(INSIDE_DATA_FOLDER)
            return False
        path = Path(target).resolve()
        try:
            write_recovery_page(path, self.recovery, station=self._station())
        except OSError as exc:
            self.print_error.show_error(
                self.tr("Kurtarma sayfası yazılamadı ({path}): {reason}").format(
                    path=path, reason=exc.strerror or exc
                )
            )
            return False
        self.print_error.clear_error()
        self.print_result.setText(
            self.tr("Kurtarma anahtarı sayfası kaydedildi: {path}. Yazdırıp dosyayı silin.").format(
                path=path
            )
        )
        self.print_result.show()
        return True


class RecoveryKeyDialog(QDialog):
    """A new recovery key, outside the set-up wizard: ``why`` says where it comes from. It
    closes only once the tick says the key was kept (Escape and the window's close button
    wait for it too)."""

    def __init__(
        self,
        recovery: str,
        why: str,
        *,
        station: str,
        data_folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Gümrük Masası — kurtarma anahtarı"))
        self.why = QLabel(why)
        self.why.setObjectName("recovery_why")
        self.why.setWordWrap(True)
        self.panel = RecoveryKeyPanel(lambda: station, lambda: data_folder)
        self.panel.show_recovery(recovery)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.done_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.done_button.setText(self.tr("&Devam"))
        buttons.accepted.connect(self.accept)
        self.panel.kept_changed.connect(lambda: self.done_button.setEnabled(self.panel.is_kept()))
        self.done_button.setEnabled(self.panel.is_kept())
        layout = QVBoxLayout(self)
        layout.addWidget(self.why)
        layout.addSpacing(8)
        layout.addWidget(self.panel)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        self.panel.print_button.setFocus()

    def accept(self) -> None:
        if self.panel.is_kept():
            super().accept()

    def reject(self) -> None:
        # The key is shown once: leaving without keeping it would lose it.
        if self.panel.is_kept():
            super().accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not self.panel.is_kept():
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.panel.is_kept():
            super().closeEvent(event)
        else:
            event.ignore()


class RecoverDialog(QDialog):
    """The register's key is not on this machine (a new computer, an emptied keyring, a
    forgotten station passphrase): the recovery key opens it and the key is kept again —
    in the keyring, else under a new station passphrase typed twice. Accepted once the
    register opens with it; Çık ends the program and changes nothing."""

    def __init__(self, home: str | Path | None, reason: str, parent: QWidget | None = None) -> None:
        from gumruk_desk.services import keyring_keeps_keys

        super().__init__(parent)
        self.home = home
        self.setWindowTitle(self.tr("Gümrük Masası — kurtarma anahtarıyla aç"))
        self.reason = QLabel(reason)
        self.reason.setObjectName("recover_reason")
        self.reason.setWordWrap(True)
        note = QLabel(
            self.tr(
                "İdare amirinin kasasındaki kurtarma anahtarı sayfasındaki 56 karakteri girin "
                "(boşluk, tire ve büyük/küçük harf fark etmez). Kayıtlar değişmez."
            )
        )
        note.setWordWrap(True)
        self.recovery = QLineEdit()
        self.recovery.setObjectName("recovery_input")
        self.recovery.setFont(_key_font(self.font()))
        self.recovery.setPlaceholderText("XXXX-XXXX-XXXX-…")
        form = new_form()
        self.recovery_error = add_field(form, self.tr("&Kurtarma anahtarı"), self.recovery)
        self.needs_passphrase = not keyring_keeps_keys()
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("new_station_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_again = QLineEdit()
        self.passphrase_again.setObjectName("new_station_passphrase_again")
        self.passphrase_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_error = ErrorLabel()
        self.passphrase_again_error = ErrorLabel()
        if self.needs_passphrase:
            self.passphrase_error = add_field(
                form, self.tr("Yeni istasyon &parolası"), self.passphrase
            )
            self.passphrase_again_error = add_field(
                form, self.tr("Parola (&tekrar)"), self.passphrase_again
            )
        buttons, self.open_button, self.quit_button = open_or_quit(self, self.try_recovery)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason)
        layout.addWidget(note)
        layout.addLayout(form)
        if self.needs_passphrase:
            hint = QLabel(
                self.tr(
                    "Bu bilgisayarda anahtarlık yok: anahtar, idare amirinin belirleyeceği yeni "
                    "istasyon parolasıyla korunacak (her açılışta sorulur)."
                )
            )
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        self.recovery.setFocus()

    def try_recovery(self) -> None:
        from gumruk_desk.errors import PassphraseTooShort, RegisterError
        from gumruk_desk.services import recover_register

        for label in (self.recovery_error, self.passphrase_error, self.passphrase_again_error):
            label.clear_error()
        passphrase = None
        if self.needs_passphrase:
            passphrase = self.passphrase.text()
            if self.passphrase_again.text() != passphrase:
                self.passphrase_again_error.show_error(self.tr("İki parola aynı değil."))
                self.passphrase_again.selectAll()
                self.passphrase_again.setFocus()
                return
        try:
            recover_register(self.recovery.text(), passphrase=passphrase, home=self.home)
        except RegisterError as exc:
            if isinstance(exc, PassphraseTooShort):
                self.passphrase_error.show_error(str(exc))
                self.passphrase.setFocus()
            else:
                self.recovery_error.show_error(str(exc))
                self.recovery.selectAll()
                self.recovery.setFocus()
            return
        self.accept()
