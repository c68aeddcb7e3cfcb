"""The last step: what was set up, and — for a demo station — who can log in.

A register made by this set-up also shows its recovery key, once: the wizard cannot be
finished before the supervisor says it was printed or written down, since nothing shows it
again and without it a lost keyring loses the register."""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from gumruk_desk.ui.setup.fields import ErrorLabel

if TYPE_CHECKING:
    from gumruk_desk.ui.setup_wizard import SetupWizard


class DonePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.officers = QTableWidget(0, 5)
        self.officers.setObjectName("demo_officers")
        self.officers.setHorizontalHeaderLabels(
            [
                self.tr("Sicil"),
                self.tr("Adı soyadı"),
                self.tr("Unvanı"),
                self.tr("Yetki"),
                self.tr("Parola"),
            ]
        )
        self.officers.verticalHeader().hide()
        self.officers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.officers.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.officers.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.officers.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.next_steps = QLabel()
        self.next_steps.setWordWrap(True)
        self.recovery = ""
        self.recovery_text = QLabel(
            self.tr(
                "Kurtarma anahtarı: kayıt defterinin anahtarı kaybolursa (bilgisayar değişir, "
                "anahtar deposu silinir) kayıtları yalnızca bu anahtar açar. Yazdırın ve "
                "amirinizin kasasında saklayın; bir daha gösterilmez."
            )
        )
        self.recovery_text.setWordWrap(True)
        self.recovery_key = QLabel()
        self.recovery_key.setObjectName("recovery_key")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(max(font.pointSizeF(), self.font().pointSizeF()) * 1.5)
        font.setBold(True)
        self.recovery_key.setFont(font)
        self.recovery_key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton(self.tr("Kurtarma anahtarını &yazdır…"))
        self.print_button.setObjectName("print_recovery")
        # Enter on the page finishes the wizard (once the box is ticked), never opens the
        # file dialog by surprise.
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self._print_recovery)
        self.print_result = QLabel()
        self.print_result.setWordWrap(True)
        self.print_result.hide()
        self.print_error = ErrorLabel()
        self.kept = QCheckBox(self.tr("Kurtarma anahtarını yazdırdım / &not ettim"))
        self.kept.setObjectName("recovery_kept")
        self.kept.toggled.connect(self.completeChanged)
        self._recovery_widgets = (
            self.recovery_text,
            self.recovery_key,
            self.print_button,
            self.kept,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.officers)
        layout.addWidget(self.next_steps)
        layout.addSpacing(8)
        layout.addWidget(self.recovery_text)
        layout.addWidget(self.recovery_key)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.print_result)
        layout.addWidget(self.print_error)
        layout.addWidget(self.kept)
        layout.addStretch(1)
        self._show_recovery("")

    def initializePage(self) -> None:
        wizard: SetupWizard = self.wizard()  # type: ignore[assignment]
        station = wizard.desk.station()
        place = f"{station.office_name} — {self.tr('masa')} {station.desk_code}"
        if wizard.demo:
            self._show_demo(place)
        else:
            self._show_real(place, wizard.supervisor_sicil)
        # Taken once from the register: kept on the page so that nothing asks it again.
        self._show_recovery(self.recovery or wizard.desk.take_recovery_key() or "")
        if self.recovery:
            self.print_button.setFocus()

    def _show_recovery(self, recovery: str) -> None:
        self.recovery = recovery
        groups = recovery.split("-") if recovery else []
        # Four groups a line, as on the printed page and as read aloud.
        lines = ["  ".join(groups[i : i + 4]) for i in range(0, len(groups), 4)]
        self.recovery_key.setText("\n".join(lines))
        for widget in self._recovery_widgets:
            widget.setVisible(bool(recovery))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
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
        from gumruk_desk.printing.recovery import (
            INSIDE_DATA_FOLDER,
            inside_data_folder,
            recovery_page,
        )

        wizard: SetupWizard = self.wizard()  # type: ignore[assignment]
        desk = wizard.desk
        self.print_result.hide()
        if inside_data_folder(target, desk.db.home):
            self.print_error.show_error(INSIDE_DATA_FOLDER)
            return False
        station = desk.station()
        made_at = datetime.datetime.now().strftime("%d.%m.%Y %H:%M")
        data = recovery_page(
            self.recovery, station=f"{station.office_code}/{station.desk_code}", made_at=made_at
        )
        path = Path(target).resolve()
        try:
            # Owner-only, like the command line's: the page opens the register.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
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

    def _show_demo(self, place: str) -> None:
        from gumruk_desk.services import DEMO_OFFICERS

        self.setTitle(self.tr("Demo istasyonu hazır"))
        self.setSubTitle(place)
        self.summary.setText(
            self.tr(
                "Örnek memurlar ve örnek kur bülteni yüklendi. Aşağıdaki hesaplardan biriyle "
                "giriş yapın. Bu bir DEMO istasyonudur: ekranda ve her çıktıda DEMO yazar, "
                "kayıtlar gerçek değildir."
            )
        )
        self.officers.setRowCount(len(DEMO_OFFICERS))
        for row, officer in enumerate(DEMO_OFFICERS):
            role = self.tr("İdare amiri") if officer.supervisor else self.tr("Memur")
            cells = (officer.sicil, officer.name, officer.title, role, officer.password)
            for column, text in enumerate(cells):
                self.officers.setItem(row, column, QTableWidgetItem(text))
        self.officers.show()
        self.officers.resizeRowsToContents()
        self.officers.setFixedHeight(
            self.officers.horizontalHeader().sizeHint().height()
            + sum(self.officers.rowHeight(r) for r in range(len(DEMO_OFFICERS)))
            + 2 * self.officers.frameWidth()
        )
        self.next_steps.setText(
            self.tr("İdare amiri hesabı ayarları (kurlar, kural setleri, oturum kilidi) açabilir.")
        )

    def _show_real(self, place: str, supervisor_sicil: str) -> None:
        self.setTitle(self.tr("Masa kuruldu"))
        self.setSubTitle(place)
        self.summary.setText(
            self.tr(
                "Masa ve ilk idare amirinin hesabı kaydedildi. Giriş ekranında {sicil} sicil "
                "numarası ve belirlediğiniz parola ile giriş yapın."
            ).format(sicil=supervisor_sicil)
        )
        self.officers.hide()
        self.next_steps.setText(
            self.tr(
                "Sonraki adımlar: Ayarlar'dan TCMB kur bültenini yükleyin. Memur hesapları "
                "şimdilik komut satırından eklenir: gumruk-desk officer add --sicil … "
                "--name … --title …"
            )
        )
