"""Seizures awaiting upload: every record that put cash into custody and that the central
system has not yet acknowledged, with the time left of the 24 hours (Genelge 2019/1 Art.
4(2), SPEC §6). Overdue ones are red and first. Enter opens the record in the register."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gumruk_desk.errors import RegisterError
from gumruk_desk.services import Desk, PendingSeizure, local_now
from gumruk_desk.ui.ek2.exit_page import lines_text

REFRESH_MS = 60_000
RED = QColor("#b3261e")


def time_left_text(left: datetime.timedelta) -> str:
    """ "5 sa 12 dk kaldı" / "SÜRE GEÇTİ (3 sa 4 dk)"."""
    minutes = int(abs(left.total_seconds()) // 60)
    hours, minutes = divmod(minutes, 60)
    span = f"{hours} sa {minutes} dk"
    return f"{span} kaldı" if left.total_seconds() > 0 else f"SÜRE GEÇTİ ({span} önce)"


class SeizuresDialog(QDialog):
    """The list; ``open_record(number)`` is emitted on Enter or a double click."""

    open_record = Signal(str)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("seizuresDialog")
        self.setWindowTitle(self.tr("Yükleme bekleyen el koymalar"))
        self._desk = desk
        self.seizures: list[PendingSeizure] = []
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("seizuresSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("seizuresTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Kayıt no"),
                self.tr("Kişi"),
                self.tr("El koyma anı"),
                self.tr("Kalan süre (24 saat)"),
                self.tr("El konulan"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self._open_current())
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("&Kapat"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.resize(900, 420)
        self.refresh()

    def refresh(self, now: datetime.datetime | None = None) -> None:
        now = now or local_now()
        try:
            self.seizures = self._desk.pending_seizures()
        except RegisterError as exc:
            self.summary.setText(self.tr("Liste okunamadı: {error}").format(error=exc))
            return
        overdue = [s for s in self.seizures if s.time_left(now).total_seconds() <= 0]
        if not self.seizures:
            self.summary.setText(self.tr("Yüklenmeyi bekleyen el koyma yok."))
        else:
            self.summary.setText(
                self.tr(
                    "{count} el koyma merkeze yüklenmeyi bekliyor; {overdue} tanesinin 24 saati "
                    "geçti. Merkeze bağlantı kurulduğunda gönderilmeli."
                ).format(count=len(self.seizures), overdue=len(overdue))
            )
        self.table.setRowCount(len(self.seizures))
        for row, seizure in enumerate(self.seizures):
            left = seizure.time_left(now)
            cells = (
                seizure.number,
                f"{seizure.first_name} {seizure.last_name}".strip(),
                f"{seizure.made_at:%d.%m.%Y %H:%M}",
                time_left_text(left),
                lines_text(seizure.custody),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, seizure.number)
                if left.total_seconds() <= 0:
                    item.setForeground(QBrush(RED))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        if self.seizures and self.table.currentRow() < 0:
            self.table.selectRow(0)

    def _open_current(self) -> None:
        item = self.table.item(self.table.currentRow(), 0)
        if item is not None:
            self.open_record.emit(str(item.data(Qt.ItemDataRole.UserRole)))
            self.accept()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            self._open_current()
            return
        super().keyPressEvent(event)
