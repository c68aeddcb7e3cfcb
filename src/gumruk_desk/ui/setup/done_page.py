"""The last step: what was set up, and — for a demo station — who can log in.

A register made by this set-up also shows its recovery key, once: the wizard cannot be
finished before the supervisor says it was printed or written down, since nothing shows it
again and without it a lost keyring loses the register."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from gumruk_desk.ui.recovery_key import RecoveryKeyPanel

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
        self.recovery_panel = RecoveryKeyPanel(self._station_code, self._data_folder)
        self.recovery_panel.kept_changed.connect(self.completeChanged)
        # The panel's parts, by the names the page has always offered.
        panel = self.recovery_panel
        self.recovery_text, self.recovery_key = panel.recovery_text, panel.recovery_key
        self.print_button, self.print_result = panel.print_button, panel.print_result
        self.print_error, self.kept = panel.print_error, panel.kept
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.officers)
        layout.addWidget(self.next_steps)
        layout.addSpacing(8)
        layout.addWidget(self.recovery_panel)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wizard: SetupWizard = self.wizard()  # type: ignore[assignment]
        station = wizard.desk.station()
        place = f"{station.office_name} — {self.tr('masa')} {station.desk_code}"
        if wizard.demo:
            self._show_demo(place)
        else:
            self._show_real(place, wizard.supervisor_sicil)
        # Taken once from the register: kept on the page so that nothing asks it again.
        if not self.recovery:
            self.recovery_panel.show_recovery(wizard.desk.take_recovery_key() or "")
        if self.recovery:
            self.print_button.setFocus()

    @property
    def recovery(self) -> str:
        return self.recovery_panel.recovery

    def _station_code(self) -> str:
        wizard: SetupWizard = self.wizard()  # type: ignore[assignment]
        station = wizard.desk.station()
        return f"{station.office_code}/{station.desk_code}"

    def _data_folder(self) -> Path:
        wizard: SetupWizard = self.wizard()  # type: ignore[assignment]
        return wizard.desk.db.home

    def isComplete(self) -> bool:
        return self.recovery_panel.is_kept()

    def save_recovery(self, target: str) -> bool:
        return self.recovery_panel.save_recovery(target)

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
