"""Settings → Anahtar: where the register's key is kept, and a new key for a supervisor.

A new key re-encrypts the register in place and is recorded in the chain; the recovery key
in the safe no longer opens it, so the new one is shown at once and kept on screen until it
is ticked as printed or written down. A supervisor renews the key when the paper in the safe
is lost or may have been seen, or when the key of an encrypted-at-upgrade register was never
printed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from gumruk_desk.ui.background import Op
from gumruk_desk.ui.setup.fields import add_field, new_form

if TYPE_CHECKING:
    from gumruk_desk.services import Desk, Officer
    from gumruk_desk.ui.recovery_key import RecoveryKeyDialog


class KeyTab(QWidget):
    def __init__(self, desk: Desk, officer: Officer) -> None:
        super().__init__()
        from gumruk_desk.services import station_passphrase_protects

        self.desk = desk
        self.officer = officer
        where = (
            self.tr("istasyon parolasıyla korunuyor (her açılışta sorulur)")
            if station_passphrase_protects(desk.db.home)
            else self.tr("işletim sisteminin anahtarlığında duruyor")
        )
        self.status = QLabel(
            self.tr(
                "Kayıt defteri, yedekleri ve taslakları bu bilgisayarda şifreli (SQLCipher, "
                "AES-256). Anahtarı {where}. Bilgisayar değişir ya da anahtar kaybolursa "
                "kayıtları idare amirinin kasasındaki kurtarma anahtarı açar."
            ).format(where=where)
        )
        self.status.setObjectName("key_status")
        self.status.setWordWrap(True)
        note = QLabel(
            self.tr(
                "Anahtarı yenilemek kayıt defterini yeni bir anahtarla şifreler ve bunu "
                "zincire kaydeder; kasadaki kurtarma anahtarı artık açmaz, yenisi hemen "
                "gösterilir. Kurtarma anahtarı kaybolduysa ya da başkası görmüş olabilirse "
                "yenileyin. Bu sırada kayıt defteri başka bir pencerede ya da komutta açık "
                "olmamalı."
            )
        )
        note.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("rotate_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = new_form()
        self.error = add_field(
            form,
            self.tr("{name} — pa&rolanız").format(name=officer.name),
            self.password,
        )
        self.rotate_button = QPushButton(self.tr("Anahtarı &yenile"))
        self.rotate_button.setObjectName("rotate_key")
        self.rotate_button.clicked.connect(self.rotate)
        self.password.returnPressed.connect(self.rotate)
        self.result = QLabel()
        self.result.setObjectName("rotate_result")
        self.result.setWordWrap(True)
        self.result.hide()
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.rotate_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addSpacing(8)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.recovery_dialog: RecoveryKeyDialog | None = None
        self.rotation: Op[tuple[str, list[Path]]] | None = None

    def rotate(self) -> None:
        """Re-encrypt under a new key, off the window's thread (every page of the file is
        rewritten); the new recovery key is shown when it is done."""
        if self.rotation is not None and self.rotation.is_running():
            return
        self.error.clear_error()
        self.result.hide()
        password = self.password.text()
        if not password:
            self.error.show_error(self.tr("Parolanızı yazın."))
            return
        self.password.clear()
        self.rotate_button.setEnabled(False)
        self.setCursor(Qt.CursorShape.BusyCursor)
        self.result.setText(self.tr("Kayıt defteri yeni anahtarla şifreleniyor…"))
        self.result.show()
        sicil = self.officer.sicil
        self.rotation = (
            Op(
                parent=self,
                name="rotate-key",
                work=lambda _task: self.desk.rotate_key(sicil, password),
                success=self._rotated,
            )
            .on_failure(self._failed)
            .on_done(self._over)
            .start()
        )

    def _over(self) -> None:
        self.rotate_button.setEnabled(True)
        self.unsetCursor()

    def _failed(self, exc: Exception) -> None:
        from gumruk_desk.errors import AuthError, RegisterError

        if not isinstance(exc, AuthError | RegisterError):
            raise exc
        self.result.hide()
        self.error.show_error(str(exc))
        self.password.setFocus()

    def _rotated(self, outcome: tuple[str, list[Path]]) -> None:
        from gumruk_desk.ui.recovery_key import RecoveryKeyDialog

        recovery, left = outcome
        lines = [
            self.tr("Kayıt defteri yeni anahtarla şifrelendi; eski kurtarma anahtarı artık açmaz.")
        ]
        lines += [
            self.tr(
                "Uyarı: bu yedek eski anahtarla kaldı (eski kurtarma anahtarıyla açılır): {path}"
            ).format(path=path)
            for path in left
        ]
        self.result.setText("\n".join(lines))
        self.result.show()
        station = self.desk.station()
        dialog = RecoveryKeyDialog(
            recovery,
            self.tr(
                "Kayıt defteri yeni anahtarla şifrelendi. Kasadaki eski kurtarma anahtarı "
                "artık açmaz: yenisini yazdırın, kasaya koyun ve eskisini imha edin."
            ),
            station=f"{station.office_code}/{station.desk_code}",
            data_folder=self.desk.db.home,
            parent=self,
        )
        self.recovery_dialog = dialog
        dialog.open()
