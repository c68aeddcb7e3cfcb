"""Vardiya sonu: the end of a shift, with or without the central system.

It always shows the shift summary (``Desk.shift_report`` of the officer's day), every record
still waiting for upload — each seizure with the time left of its 24 hours (Genelge 2019/1
Art. 4(2), SPEC §6) — and offers to print the summary for a paper handover. With a central
address it offers the upload (``send_requested``: the main window runs it); without one a
supervisor may set the address here, with their own password (audited in the chain, as
``Desk.set_central_url`` records every change).
"""

from __future__ import annotations

import datetime
from typing import Any

import httpx
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gumruk_desk.domain import vocabulary
from gumruk_desk.errors import RegisterError, StationError
from gumruk_desk.printing import fmt
from gumruk_desk.services import AuthError, Desk, Officer, RecordFilter, local_now
from gumruk_desk.ui.print_preview_dialog import PrintPreviewDialog
from gumruk_desk.ui.registers_dialog import (
    DoneLabel,
    SupervisorConfirm,
    fill_table,
    make_table,
    report_rows,
)
from gumruk_desk.ui.seizures_dialog import time_left_text
from gumruk_desk.ui.widgets import ErrorLabel

__all__ = ["PENDING_SHOWN", "CentralAddressDialog", "CentralAddressForm", "ShiftEndDialog"]

PENDING_SHOWN = 200
"""At most this many waiting records are listed (the count says how many there are)."""
REFRESH_MS = 60_000  # the 24-hour clocks move on while the dialog is open
RED = QColor("#b3261e")


class CentralAddressForm(QWidget):
    """The central address typed and saved by a supervisor with their own password.

    ``saved(url)`` once it is stored. Nothing is sent without a password (an empty field is
    no failed login); a wrong address or password is said under its own field."""

    saved = Signal(str)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setVerticalSpacing(2)
        self.url = QLineEdit(self)
        self.url.setObjectName("centralUrl")
        self.url.setPlaceholderText("https://merkez.gumruk.gov.tr")
        self.url_error = ErrorLabel(self)
        self.url_error.setObjectName("centralUrlError")
        self.url.textEdited.connect(lambda _t: self.url_error.clear_messages())
        caption = QLabel(self.tr("Merkez &adresi:"), self)
        caption.setBuddy(self.url)
        self.confirm = SupervisorConfirm(desk, "central", self)
        self.confirm.password.returnPressed.connect(self.save)
        self.url.returnPressed.connect(
            lambda: self.confirm.password.setFocus(Qt.FocusReason.OtherFocusReason)
        )
        self.save_button = QPushButton(self.tr("Adresi kay&det"), self)
        self.save_button.setObjectName("saveCentralUrl")
        self.save_button.clicked.connect(self.save)
        layout.addWidget(caption, 0, 0)
        layout.addWidget(self.url, 0, 1)
        layout.addWidget(self.url_error, 1, 1)
        layout.addWidget(self.confirm, 2, 0, 1, 2)
        layout.addWidget(self.save_button, 2, 2, Qt.AlignmentFlag.AlignTop)
        layout.setColumnStretch(1, 1)

    def save(self) -> bool:
        self.url_error.clear_messages()
        url = self.url.text().strip()
        if not url:
            self.url_error.set_message(self.tr("Merkezin adresini yazın (https://…)."))
            self.url.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        if not url.startswith(("https://", "http://")):
            self.url_error.set_message(
                self.tr("Merkez adresi https:// ile başlar (ör. https://merkez.gumruk.gov.tr).")
            )
            self.url.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        asked = self.confirm.ask()
        if asked is None:
            return False
        sicil, password = asked
        try:
            supervisor = self._desk.authenticate(sicil, password)
        except AuthError as exc:
            self.confirm.refused(exc)
            return False
        try:
            self._desk.set_central_url(url, supervisor)
        except (StationError, AuthError, httpx.InvalidURL) as exc:
            self.url_error.set_message(str(exc))
            self.url.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        except RegisterError as exc:
            self.url_error.set_message(str(exc))
            return False
        self.saved.emit(self._desk.central_url())
        return True


class CentralAddressDialog(QDialog):
    """ "Merkeze gönder" on a desk without a central address: set it here, then send."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("centralAddressDialog")
        self.setWindowTitle(self.tr("Merkez adresi"))
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "Bu masada merkez adresi tanımlı değil. Bir amir adresi burada yazıp kendi "
                "parolasıyla kaydedebilir; değişiklik zincire kaydedilir. Merkeze ulaşılamıyorsa "
                "kayıtlar masada kalır ve bağlantı gelince gönderilir."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.form = CentralAddressForm(desk, self)
        self.form.saved.connect(lambda _url: self.accept())
        layout.addWidget(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Vazgeç"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        self.form.url.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not _enter_to_focus(event):
            super().keyPressEvent(event)


def _enter_to_focus(event: QKeyEvent) -> bool:
    """Enter belongs to the focused field (the address moves on, the password saves) or the
    focused button; QDialog must not also click a default button. True when swallowed."""
    if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        event.accept()
        return True
    return False


class ShiftEndDialog(QDialog):
    """The end of ``officer``'s shift. ``send_requested`` asks the main window to upload."""

    send_requested = Signal()

    def __init__(
        self,
        desk: Desk,
        officer: Officer,
        parent: QWidget | None = None,
        *,
        today: datetime.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shiftEndDialog")
        self.setWindowTitle(
            self.tr("Vardiya sonu — {name} (sicil {sicil})").format(
                name=officer.name, sicil=officer.sicil
            )
        )
        self._desk = desk
        self._officer = officer
        self._today = today
        self.report: dict[str, Any] | None = None
        self.preview: PrintPreviewDialog | None = None
        layout = QVBoxLayout(self)

        summary = QGroupBox(self.tr("Vardiya özeti"), self)
        self.summary_box = summary
        summary_layout = QVBoxLayout(summary)
        self.report_table = make_table(summary, [self.tr("Kalem"), self.tr("Değer")], "shiftReport")
        summary_layout.addWidget(self.report_table)
        layout.addWidget(summary, 3)

        waiting = QGroupBox(self.tr("Merkeze gönderilmeyi bekleyenler"), self)
        waiting_layout = QVBoxLayout(waiting)
        self.pending_summary = QLabel(waiting)
        self.pending_summary.setObjectName("pendingSummary")
        self.pending_summary.setWordWrap(True)
        waiting_layout.addWidget(self.pending_summary)
        self.pending_table = make_table(
            waiting,
            [
                self.tr("Kayıt no"),
                self.tr("Tür"),
                self.tr("Kişi"),
                self.tr("Kayıt anı"),
                self.tr("24 saatten kalan"),
            ],
            "pendingRecords",
        )
        waiting_layout.addWidget(self.pending_table)
        layout.addWidget(waiting, 2)

        central = QGroupBox(self.tr("Merkez"), self)
        central_layout = QVBoxLayout(central)
        self.central_note = QLabel(central)
        self.central_note.setObjectName("centralNote")
        self.central_note.setWordWrap(True)
        central_layout.addWidget(self.central_note)
        self.address_form = CentralAddressForm(desk, central)
        self.address_form.saved.connect(self._address_saved)
        central_layout.addWidget(self.address_form)
        self.central_done = DoneLabel(central)
        self.central_done.setObjectName("centralDone")
        central_layout.addWidget(self.central_done)
        layout.addWidget(central)

        self.message = ErrorLabel(self)
        self.message.setObjectName("shiftEndMessage")
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.print_button = QPushButton(self.tr("Özeti &yazdır (kâğıtla devir)…"), self)
        self.print_button.setObjectName("printShiftSummary")
        self.print_button.clicked.connect(self.print_summary)
        self.send_button = QPushButton(self.tr("Merkeze &gönder…"), self)
        self.send_button.setObjectName("sendShiftEnd")
        self.send_button.clicked.connect(self._send)
        self.close_button = QPushButton(self.tr("&Kapat"), self)
        self.close_button.setObjectName("closeShiftEnd")
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh_pending)
        self._timer.start()
        self.resize(960, 720)
        self.refresh()

    # -- content -----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.refresh_report()
        self.refresh_pending()
        self.refresh_central()

    def refresh_report(self) -> dict[str, Any] | None:
        day = self._today or local_now().date()
        try:
            report = self._desk.shift_report(day, self._officer.sicil)
        except (RegisterError, ValueError) as exc:
            self.message.set_message(self.tr("Vardiya özeti okunamadı: {error}").format(error=exc))
            return None
        fill_table(self.report_table, report_rows(report, title=False))
        self.summary_box.setTitle(self.tr("Vardiya özeti — {title}").format(title=report["title"]))
        self.report = report
        return report

    def refresh_pending(self, now: datetime.datetime | None = None) -> None:
        """Every record of the desk the centre has not acknowledged: seizures first, by the
        deadline of their 24 hours, then the others newest first."""
        now = now or local_now()
        try:
            waiting = RecordFilter(synced=False)
            total = self._desk.count_records(waiting)
            rows = self._desk.browse(waiting, limit=PENDING_SHOWN)
            seizures = {s.number: s for s in self._desk.pending_seizures()}
            # Every seizure whose 24 hours run is listed, even one older than the newest page.
            listed = {r.number for r in rows}
            for number in seizures:
                if number not in listed:
                    rows += self._desk.browse(RecordFilter(text=number, synced=False), limit=1)
        except RegisterError as exc:
            self.message.set_message(
                self.tr("Bekleyen kayıtlar okunamadı: {error}").format(error=exc)
            )
            return
        overdue = sum(1 for s in seizures.values() if s.time_left(now).total_seconds() <= 0)
        if not total:
            text = self.tr("Merkeze gönderilmeyi bekleyen kayıt yok.")
        else:
            text = self.tr("{count} kayıt merkeze gönderilmeyi bekliyor").format(
                count=fmt.count(total)
            )
            if seizures:
                text += self.tr("; {seizures} el koymanın 24 saati işliyor").format(
                    seizures=len(seizures)
                )
                if overdue:
                    text += self.tr(", {overdue} tanesinin süresi GEÇTİ").format(overdue=overdue)
            text += "."
            if total > len(rows):
                text += self.tr(" İlk {shown} tanesi aşağıda.").format(shown=len(rows))
        self.pending_summary.setText(text)
        self.pending_summary.setStyleSheet(
            "QLabel { color: #b3261e; font-weight: bold; }" if overdue else ""
        )
        ordered = sorted(
            rows, key=lambda r: (r.number not in seizures, _deadline_key(seizures.get(r.number)))
        )
        cells: list[list[str]] = []
        late: list[bool] = []
        for row in ordered:
            seizure = seizures.get(row.number)
            if seizure is None:
                left_text, is_late = "—", False
            else:
                left = seizure.time_left(now)
                left_text, is_late = time_left_text(left), left.total_seconds() <= 0
            cells.append(
                [
                    row.number,
                    vocabulary.KIND.get(row.kind, row.kind)
                    + (self.tr(" (el koyma)") if seizure is not None else ""),
                    f"{row.first_name} {row.last_name}".strip(),
                    fmt.moment(row.registered_at),
                    left_text,
                ]
            )
            late.append(is_late)
        fill_table(self.pending_table, cells)
        for r, is_late in enumerate(late):
            if not is_late:
                continue
            for c in range(self.pending_table.columnCount()):
                item = self.pending_table.item(r, c)
                if item is None:
                    continue
                item.setForeground(QBrush(RED))
                font = item.font()
                font.setBold(True)
                item.setFont(font)

    def refresh_central(self) -> None:
        try:
            url = self._desk.central_url()
        except RegisterError as exc:
            self.message.set_message(str(exc))
            url = ""
        if url:
            self.central_note.setText(
                self.tr(
                    "Kayıtlar {url} adresine gönderilir; gönderim bitince makbuz gösterilir. "
                    "Merkeze ulaşılamıyorsa kayıtlar masada kalır: özeti yazdırıp vardiyayı "
                    "kâğıtla devredin."
                ).format(url=url)
            )
        else:
            self.central_note.setText(
                self.tr(
                    "Bu masada merkez adresi tanımlı değil: kayıtlar şimdilik masada kalır. "
                    "Bir amir adresi aşağıya yazıp kendi parolasıyla kaydedebilir (zincire "
                    "kaydedilir); ya da özeti yazdırıp vardiyayı kâğıtla devredin."
                )
            )
        self.address_form.setVisible(not url)
        self.send_button.setEnabled(bool(url))

    # -- actions -----------------------------------------------------------------------------
    def _address_saved(self, url: str) -> None:
        self.refresh_central()
        self.central_done.say(
            self.tr("Merkez adresi kaydedildi: {url}. Şimdi gönderebilirsiniz.").format(url=url)
        )
        self.send_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _send(self) -> None:
        if self._desk.central_url():
            self.send_requested.emit()

    def print_summary(self) -> PrintPreviewDialog | None:
        """The summary on paper (with the waiting records) for the handover."""
        report = self.refresh_report()
        if report is None:
            return None
        try:
            pdf = self._desk.shift_report_pdf(report)
        except (RegisterError, ValueError) as exc:
            self.message.set_message(self.tr("Özet yazdırılamadı: {error}").format(error=exc))
            return None
        dialog = PrintPreviewDialog(
            pdf,
            self.tr("Vardiya özeti"),
            "vardiya-ozeti.pdf",
            self,
            data_folder=self._desk.db.home,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resize(860, 1000)
        self.preview = dialog
        dialog.open()
        return dialog

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not _enter_to_focus(event):
            super().keyPressEvent(event)

    def done(self, result: int) -> None:
        self._timer.stop()
        super().done(result)


def _deadline_key(seizure: Any) -> datetime.datetime:
    return (
        seizure.deadline
        if seizure is not None
        else datetime.datetime.max.replace(tzinfo=datetime.UTC)
    )
