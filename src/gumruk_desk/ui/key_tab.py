"""Settings → Anahtar: where the register's key is kept, and how a supervisor renews it.

A renewal rewrites every page of the register under a new key, so nothing else may read or
write it meanwhile — not another window, and not this one's own table, idle lock, file check
or daily backup. It is therefore done with the window closed, on the command line, which
shows the new recovery key once (or writes its page); the tab says how.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from gumruk_desk.services import Desk, Officer


class KeyTab(QWidget):
    def __init__(self, desk: Desk, officer: Officer) -> None:
        super().__init__()
        from gumruk_desk.errors import KeyUnavailable
        from gumruk_desk.services import station_passphrase_protects

        self.desk = desk
        try:
            protected = station_passphrase_protects(desk.db.home)
        except KeyUnavailable:
            protected = None  # a damaged side file: the register is open, so its key is known
        where = {
            True: self.tr("istasyon parolasıyla korunuyor (her açılışta sorulur)"),
            False: self.tr("işletim sisteminin anahtarlığında duruyor"),
            None: self.tr("bu açılışta bellekte; anahtar bilgisi dosyası okunamadı"),
        }[protected]
        self.status = QLabel(
            self.tr(
                "Kayıt defteri, yedekleri ve taslakları bu bilgisayarda şifreli (SQLCipher, "
                "AES-256). Anahtarı {where}. Bilgisayar değişir ya da anahtar kaybolursa "
                "kayıtları idare amirinin kasasındaki kurtarma anahtarı açar."
            ).format(where=where)
        )
        self.status.setObjectName("key_status")
        self.status.setWordWrap(True)
        self.renewal = QLabel(
            self.tr(
                "Kurtarma anahtarı kaybolduysa ya da başkası görmüş olabilirse anahtarı "
                "yenileyin: kayıt defteri yeni bir anahtarla şifrelenir, bu zincire kaydedilir "
                "ve kasadaki eski kurtarma anahtarı artık açmaz. Yenileme sırasında kayıt "
                "defterini hiçbir şey kullanmamalı; bu yüzden masa penceresi kapatılıp komut "
                "satırında yapılır:"
            )
        )
        self.renewal.setWordWrap(True)
        self.command = QLabel(
            f"gumruk-desk key rotate --supervisor {officer.sicil} "
            "--recovery-pdf /kasa/kurtarma-anahtari.pdf"
        )
        self.command.setObjectName("rotate_command")
        self.command.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.command.font()
        font.setFamily("monospace")
        self.command.setFont(font)
        after = QLabel(
            self.tr(
                "Komut amirin parolasını sorar ve yeni kurtarma anahtarını bir kez gösterir "
                "(ya da sayfasını verilen yere yazar; veri klasörüne yazmaz). Yazdırın, kasaya "
                "koyun, eskisini imha edin."
            )
        )
        after.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addSpacing(8)
        layout.addWidget(self.renewal)
        layout.addWidget(self.command)
        layout.addWidget(after)
        layout.addStretch(1)
