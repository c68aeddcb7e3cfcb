"""Defter ve raporlar: the numbered ledger (§O4), the shift report, the paper fallback
(§O4, §O6) and the bank's verification (§G1.2a), one tab each.

Everything here calls the same services as the command line (``ledger``, ``report``,
``paper``, ``record verify``); every action that changes the register asks for a supervisor's
own password, which is cleared after each attempt. An empty password is never sent: it would
count as a failed login towards the lock-out. Errors are red and said under the field they
concern; a success is green and clears them.
"""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gumruk_desk.domain import iso, vocabulary
from gumruk_desk.domain.chainspec import ROLE_SUPERVISOR
from gumruk_desk.domain.registered import RegisteredRecord
from gumruk_desk.errors import LedgerError, PaperError, RegisterError
from gumruk_desk.printing import fmt
from gumruk_desk.services import MAX_FAILED_ATTEMPTS, AuthError, Desk, Draft, Officer, local_now
from gumruk_desk.ui import record_text
from gumruk_desk.ui.drafts_dialog import saved_at
from gumruk_desk.ui.print_preview_dialog import PrintPreviewDialog
from gumruk_desk.ui.widgets import DateEdit, ErrorLabel

_ERRORS = (AuthError, LedgerError, PaperError, RegisterError, ValueError)
SUCCESS_STYLE = "QLabel { color: #1e6b34; }"
_ANSWER_OK = (
    "QLabel { background: #e8f5e9; color: #1b5e20; border: 1px solid #2e7d32; padding: 6px; }"
)
_ANSWER_BAD = (
    "QLabel { background: #fbe9e7; color: #8c1d18; border: 1px solid #b3261e; padding: 6px; }"
)

# The states of a reserved paper number in the list.
PAPER_FREE, PAPER_DRAFT, PAPER_USED, PAPER_VOIDED = "free", "draft", "used", "voided"


def make_table(parent: QWidget, headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside it
    table.verticalHeader().setVisible(False)
    # One line of text per row: rows as high as the font needs, so more of the list shows.
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill_table(table: QTableWidget, rows: list[list[str]], keys: list[Any] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if keys is not None:
                item.setData(Qt.ItemDataRole.UserRole, keys[r])
            table.setItem(r, c, item)


class DoneLabel(QLabel):
    """What an action achieved, in green (a success is never shown in red)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(SUCCESS_STYLE)
        self.setVisible(False)

    def say(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.say("")


class SupervisorConfirm(QWidget):
    """A supervisor chosen from the list and their own password, with its error under it.

    :meth:`ask` gives (sicil, password) only when a password is typed; an empty field is said
    under it and nothing is sent, so it never counts towards the five-in-a-row lock-out.
    :meth:`refused` says under the field whose password was wrong and how many tries are left.
    """

    def __init__(self, desk: Desk, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._asked = ""
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setVerticalSpacing(2)
        self.sicil = QComboBox(self)
        self.sicil.setObjectName(f"{name}Supervisor")
        self.password = QLineEdit(self)
        self.password.setObjectName(f"{name}Password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("amirin parolası"))
        self.password.textEdited.connect(lambda _text: self.clear_error())
        self.error = ErrorLabel(self)
        self.error.setObjectName(f"{name}PasswordError")
        self.fill()
        caption = QLabel(self.tr("A&mir:"), self)
        caption.setBuddy(self.sicil)
        layout.addWidget(caption, 0, 0)
        layout.addWidget(self.sicil, 0, 1)
        layout.addWidget(self.password, 0, 2)
        layout.addWidget(self.error, 1, 2)
        layout.setColumnStretch(1, 1)
        layout.setColumnStretch(2, 1)

    def fill(self) -> None:
        """The supervisors who may approve now (a locked account is left out)."""
        current = self.sicil.currentData()
        self.sicil.clear()
        for officer in self._desk.officers():
            if officer.role == ROLE_SUPERVISOR and officer.can_sign:
                self.sicil.addItem(f"{officer.name} ({officer.sicil})", officer.sicil)
        self.sicil.setCurrentIndex(max(self.sicil.findData(current), 0))

    def take(self) -> tuple[str, str]:
        """(sicil, password); the field is emptied."""
        password = self.password.text()
        self.password.clear()
        return str(self.sicil.currentData() or ""), password

    def ask(self) -> tuple[str, str] | None:
        """(sicil, password), the field emptied; None, said under the field, when there is no
        supervisor to choose or no password typed (nothing is sent then)."""
        self.clear_error()
        if not self.sicil.currentData():
            self.error.set_message(
                self.tr("Bu masada onay verebilecek (kilitli olmayan) amir yok.")
            )
            return None
        if not self.password.text():
            self.error.set_message(self.tr("Amirin parolasını yazın."))
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        sicil, password = self.take()
        self._asked = sicil
        return sicil, password

    def refused(self, exc: AuthError) -> None:
        """The password of the supervisor asked last was refused: said under the field."""
        sicil = self._asked
        officer = self._desk.officer(sicil) if sicil else None
        if officer is None or not officer.can_sign:
            self.error.set_message(str(exc))
            self.fill()  # a locked account cannot approve any more
        else:
            left = max(MAX_FAILED_ATTEMPTS - officer.failed_attempts, 0)
            self.error.set_message(
                self.tr(
                    "Amirin parolası hatalı: {name} (sicil {sicil}). Art arda {left} hatalı "
                    "denemede daha hesap kilitlenir."
                ).format(name=officer.name, sicil=sicil, left=left)
            )
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_error(self) -> None:
        self.error.clear_messages()


def paper_record_text(record: RegisteredRecord) -> str:
    """What a paper number became: "Hans Müller, kâğıt form 11.03.2026 14:05, kayıt
    12.03.2026 09:10 (sicil 12345)"; "İPTAL EDİLDİ" when it was cancelled since."""
    name = record.person.full_name
    parts = [name] if name else []
    if record.paper is not None:
        parts.append(f"kâğıt form {fmt.date_time(record.paper.filled_at)}")
    parts.append(f"kayıt {fmt.date_time(record.registered_at)} (sicil {record.officer})")
    text = ", ".join(parts)
    if record.cancelled:
        text += " — İPTAL EDİLDİ"
    return text


class RegistersDialog(QDialog):
    """``back_entry(kind, paper)`` asks the main window to open the wizard for a paper form;
    ``resume_draft(draft_id)`` to reopen the draft already begun for one. The main window
    calls :meth:`paper_changed` when such a wizard registers or closes."""

    back_entry = Signal(str, dict)
    resume_draft = Signal(str)

    def __init__(self, desk: Desk, officer: Officer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registersDialog")
        self.setWindowTitle(self.tr("Defter ve raporlar"))
        self._desk = desk
        self._officer = officer
        self.preview: PrintPreviewDialog | None = None
        self.bank_answer: dict[str, Any] | None = None
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._ledger_tab(), self.tr("&Defter"))
        self.tabs.addTab(self._report_tab(), self.tr("&Vardiya raporu"))
        self.tabs.addTab(self._paper_tab(), self.tr("&Kâğıt formlar"))
        self.tabs.addTab(self._bank_tab(), self.tr("&Banka doğrulaması"))
        layout.addWidget(self.tabs)
        self.resize(1040, 660)
        self.refresh_ledger()
        self.refresh_paper()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter belongs to the field that has the focus (the document number answers, a
        # focused button clicks itself); QDialog would also click some default button.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def _preview(self, pdf: bytes, title: str, name: str) -> PrintPreviewDialog:
        dialog = PrintPreviewDialog(pdf, title, name, self, data_folder=self._desk.db.home)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resize(860, 1000)
        self.preview = dialog
        dialog.open()
        return dialog

    # -- the ledger ------------------------------------------------------------------------------
    def _ledger_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        top = QHBoxLayout()
        self.year = QSpinBox(tab)
        self.year.setObjectName("ledgerYear")
        self.year.setRange(2013, 2100)
        self.year.setValue(local_now().year)
        self.year.valueChanged.connect(self.refresh_ledger)
        top.addWidget(QLabel(self.tr("Yıl:"), tab))
        top.addWidget(self.year)
        top.addStretch(1)
        layout.addLayout(top)
        self.pages = make_table(
            tab, [self.tr("Sayfa"), self.tr("Satır"), self.tr("Durum")], "ledgerPages"
        )
        layout.addWidget(self.pages, 1)
        buttons = QHBoxLayout()
        self.print_page = QPushButton(self.tr("Sayfayı &önizle / yazdır…"), tab)
        self.print_page.setObjectName("printLedgerPage")
        self.print_page.clicked.connect(self.print_ledger_page)
        self.print_all = QPushButton(self.tr("&Tüm defter…"), tab)
        self.print_all.setObjectName("printLedger")
        self.print_all.clicked.connect(lambda: self.print_ledger_page(all_pages=True))
        buttons.addWidget(self.print_page)
        buttons.addWidget(self.print_all)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        approve = QHBoxLayout()
        self.ledger_confirm = SupervisorConfirm(self._desk, "ledger", tab)
        self.ledger_confirm.password.returnPressed.connect(self.approve_page)
        self.approve_button = QPushButton(self.tr("İlk onaysız sayfayı &onayla"), tab)
        self.approve_button.setObjectName("approveLedgerPage")
        self.approve_button.clicked.connect(self.approve_page)
        approve.addWidget(self.ledger_confirm, 1)
        approve.addWidget(self.approve_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(approve)
        self.ledger_message = ErrorLabel(tab)
        self.ledger_message.setObjectName("ledgerMessage")
        layout.addWidget(self.ledger_message)
        self.ledger_done = DoneLabel(tab)
        self.ledger_done.setObjectName("ledgerDone")
        layout.addWidget(self.ledger_done)
        return tab

    def refresh_ledger(self) -> None:
        try:
            pages = self._desk.ledger_pages(self.year.value())
        except _ERRORS as exc:
            self.ledger_message.set_message(str(exc))
            return
        rows = []
        for page in pages:
            if page.approval is None:
                status = self.tr("Onay bekliyor (taslak)")
            else:
                status = self.tr("Onaylandı: {name} ({sicil}), {at}").format(
                    name=page.approval.get("approved_by_name", ""),
                    sicil=page.approval["approved_by"],
                    at=record_text.moment(page.approval["approved_at"][:16]),
                )
            rows.append([str(page.page), str(len(page.lines)), status])
        fill_table(self.pages, rows, [p.page for p in pages])
        # What the supervisor is shown is what an approval freezes.
        self._shown_digests = {p.page: p.digest for p in pages if p.approval is None}
        if pages and self.pages.currentRow() < 0:
            self.pages.selectRow(len(pages) - 1)

    def _selected_page(self) -> int | None:
        item = self.pages.item(self.pages.currentRow(), 0)
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def print_ledger_page(self, *, all_pages: bool = False) -> PrintPreviewDialog | None:
        page = None if all_pages else self._selected_page()
        try:
            pdf = self._desk.ledger_pdf(self.year.value(), page)
        except _ERRORS as exc:
            self.ledger_message.set_message(str(exc))
            return None
        name = f"defter-{self.year.value()}" + (f"-sayfa-{page}" if page else "") + ".pdf"
        return self._preview(pdf, self.tr("Defter {year}").format(year=self.year.value()), name)

    def approve_page(self) -> None:
        self.ledger_message.clear_messages()
        self.ledger_done.clear()
        pages = self._desk.ledger_pages(self.year.value())
        first = next((p.page for p in pages if p.approval is None), None)
        if first is None:
            self.ledger_confirm.password.clear()
            self.ledger_done.say(self.tr("Onay bekleyen sayfa yok."))
            return
        asked = self.ledger_confirm.ask()
        if asked is None:
            return
        sicil, password = asked
        try:
            self._desk.approve_ledger_page(
                first,
                approver_sicil=sicil,
                approver_password=password,
                year=self.year.value(),
                expected_digest=getattr(self, "_shown_digests", {}).get(first),
            )
        except AuthError as exc:
            self.ledger_confirm.refused(exc)
            return
        except _ERRORS as exc:
            self.ledger_message.set_message(str(exc))
            self.refresh_ledger()  # show what it reads now
            return
        self.ledger_done.say(self.tr("{page}. sayfa onaylandı ve donduruldu.").format(page=first))
        self.refresh_ledger()

    # -- the shift report --------------------------------------------------------------------------
    def _report_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        form = QFormLayout()
        self.report_day = DateEdit(tab)
        self.report_day.setObjectName("reportDay")
        self.report_day.set_date(local_now().date())
        self.report_officer = QComboBox(tab)
        self.report_officer.setObjectName("reportOfficer")
        self.report_officer.addItem(self.tr("Masanın tüm kayıtları"), "")
        for officer in self._desk.officers():
            self.report_officer.addItem(f"{officer.name} ({officer.sicil})", officer.sicil)
        self.report_officer.setCurrentIndex(
            max(self.report_officer.findData(self._officer.sicil), 0)
        )
        form.addRow(self.tr("&Gün"), self.report_day)
        form.addRow(self.tr("&Memur"), self.report_officer)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        show = QPushButton(self.tr("Gö&ster"), tab)
        show.setObjectName("showReport")
        show.clicked.connect(self.show_report)
        pdf = QPushButton(self.tr("&PDF / yazdır…"), tab)
        pdf.setObjectName("printReport")
        pdf.clicked.connect(self.print_report)
        buttons.addWidget(show)
        buttons.addWidget(pdf)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.report_table = make_table(tab, [self.tr("Kalem"), self.tr("Değer")], "reportTable")
        layout.addWidget(self.report_table, 1)
        self.report_message = ErrorLabel(tab)
        layout.addWidget(self.report_message)
        self.report: dict[str, Any] | None = None
        return tab

    def show_report(self) -> dict[str, Any] | None:
        day = self.report_day.date()
        if day is None:
            self.report_message.set_message(
                self.report_day.problem() or self.tr("Günü GG.AA.YYYY biçiminde yazın.")
            )
            return None
        try:
            report = self._desk.shift_report(day, self.report_officer.currentData() or None)
        except _ERRORS as exc:
            self.report_message.set_message(str(exc))
            return None
        self.report_message.clear_messages()
        fill_table(self.report_table, report_rows(report))
        self.report = report
        return report

    def print_report(self) -> PrintPreviewDialog | None:
        report = self.show_report()
        if report is None:
            return None
        return self._preview(
            self._desk.shift_report_pdf(report), self.tr("Vardiya raporu"), "vardiya-raporu.pdf"
        )

    # -- the paper fallback ------------------------------------------------------------------------
    def _paper_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        reserve = QHBoxLayout()
        self.paper_kind = QComboBox(tab)
        self.paper_kind.setObjectName("paperKind")
        self.paper_kind.addItem(self.tr("Nakit Beyan Formu (KB)"), "nakit_beyan")
        self.paper_kind.addItem(self.tr("Nakit Açıklama Tutanağı (KA)"), "nakit_aciklama")
        self.paper_count = QSpinBox(tab)
        self.paper_count.setObjectName("paperCount")
        self.paper_count.setRange(1, 500)
        self.paper_count.setValue(20)
        self.paper_count.setSuffix(self.tr(" numara"))
        self.reserve_button = QPushButton(self.tr("Numara &ayır ve boş formları yazdır…"), tab)
        self.reserve_button.setObjectName("reservePaper")
        self.reserve_button.clicked.connect(self.reserve_paper)
        block_caption = QLabel(self.tr("Yeni b&lok:"), tab)
        block_caption.setBuddy(self.paper_kind)
        reserve.addWidget(block_caption)
        reserve.addWidget(self.paper_kind)
        reserve.addWidget(self.paper_count)
        reserve.addWidget(self.reserve_button)
        reserve.addStretch(1)
        layout.addLayout(reserve)
        self.paper_table = make_table(
            tab, [self.tr("Kâğıt form no"), self.tr("Durum"), self.tr("Ayrıntı")], "paperNumbers"
        )
        self.paper_table.currentCellChanged.connect(lambda *_: self._clear_paper_messages())
        layout.addWidget(self.paper_table, 1)
        actions = QHBoxLayout()
        self.enter_button = QPushButton(self.tr("Seçili numaradaki formu kayda g&ir…"), tab)
        self.enter_button.setObjectName("enterPaperForm")
        self.enter_button.clicked.connect(self.enter_paper_form)
        self.blank_button = QPushButton(self.tr("Boş formunu ya&zdır…"), tab)
        self.blank_button.setObjectName("printBlank")
        self.blank_button.clicked.connect(self.print_blank)
        actions.addWidget(self.enter_button)
        actions.addWidget(self.blank_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        entry = QHBoxLayout()
        self.filled_day = DateEdit(tab)
        self.filled_day.setObjectName("paperFilledDay")
        self.filled_time = QLineEdit(tab)
        self.filled_time.setObjectName("paperFilledTime")
        self.filled_time.setPlaceholderText("SS:DD")
        self.filled_time.setInputMask("99:99")
        self.ledger_page_no = QSpinBox(tab)
        self.ledger_page_no.setObjectName("paperLedgerPage")
        self.ledger_page_no.setRange(1, 100000)
        self.ledger_line_no = QSpinBox(tab)
        self.ledger_line_no.setObjectName("paperLedgerLine")
        self.ledger_line_no.setRange(1, 1000)
        for label, widget in (
            (self.tr("Kâğıt formun doldurulduğu &gün"), self.filled_day),
            (self.tr("&saat"), self.filled_time),
            (self.tr("defter sa&yfası"), self.ledger_page_no),
            (self.tr("satı&rı"), self.ledger_line_no),
        ):
            caption = QLabel(label, tab)
            caption.setBuddy(widget)
            entry.addWidget(caption)
            entry.addWidget(widget)
        entry.addStretch(1)
        layout.addLayout(entry)
        self.entry_error = ErrorLabel(tab)
        self.entry_error.setObjectName("paperEntryError")
        layout.addWidget(self.entry_error)
        void = QGridLayout()
        void.setVerticalSpacing(2)
        self.void_reason = QLineEdit(tab)
        self.void_reason.setObjectName("voidReason")
        self.void_reason.setPlaceholderText(self.tr("boşa çıkarma gerekçesi (ör. form yırtıldı)"))
        self.void_error = ErrorLabel(tab)
        self.void_error.setObjectName("voidReasonError")
        self.void_reason.textEdited.connect(lambda _t: self.void_error.clear_messages())
        self.void_button = QPushButton(self.tr("Seçili numarayı b&oşa çıkar"), tab)
        self.void_button.setObjectName("voidPaper")
        self.void_button.clicked.connect(self.void_paper)
        reason_caption = QLabel(self.tr("Boşa çıkarma g&erekçesi:"), tab)
        reason_caption.setBuddy(self.void_reason)
        void.addWidget(reason_caption, 0, 0)
        void.addWidget(self.void_reason, 0, 1)
        void.addWidget(self.void_button, 0, 2)
        void.addWidget(self.void_error, 1, 1)
        void.setColumnStretch(1, 1)
        layout.addLayout(void)
        confirm = QHBoxLayout()
        note = QLabel(self.tr("Ayırma ve boşa çıkarma amir onayıyla —"), tab)
        self.paper_confirm = SupervisorConfirm(self._desk, "paper", tab)
        confirm.addWidget(note, 0, Qt.AlignmentFlag.AlignTop)
        confirm.addWidget(self.paper_confirm, 1)
        layout.addLayout(confirm)
        self.paper_message = ErrorLabel(tab)
        self.paper_message.setObjectName("paperMessage")
        layout.addWidget(self.paper_message)
        self.paper_done = DoneLabel(tab)
        self.paper_done.setObjectName("paperDone")
        layout.addWidget(self.paper_done)
        return tab

    def _clear_paper_messages(self) -> None:
        for label in (self.paper_message, self.entry_error, self.void_error):
            label.clear_messages()
        self.paper_confirm.clear_error()
        self.paper_done.clear()

    def paper_changed(self, *_args: object) -> None:
        """A back-entry registered or its wizard closed: the list as the register holds it."""
        self.refresh_paper()

    def refresh_paper(self) -> None:
        """Every reserved number with what became of it (the current row is kept)."""
        try:
            blocks = self._desk.paper_reconciliation()
            drafts: dict[str, Draft] = {}
            for draft in self._desk.drafts():
                number = (draft.data.get("paper") or {}).get("number")
                if isinstance(number, str):
                    drafts.setdefault(number.strip().upper(), draft)
            names = {o.sicil: o.name for o in self._desk.officers()}
        except _ERRORS as exc:
            self.paper_message.set_message(str(exc))
            return
        kept = self._selected_paper(quiet=True)
        rows: list[list[str]] = []
        keys: list[Any] = []
        for block in blocks:
            reserved = self.tr("{at} tarihinde ayrıldı (amir {sicil})").format(
                at=record_text.moment(block.reserved_at[:16]), sicil=block.reserved_by
            )
            for number in block.numbers:
                draft_id = ""
                if number in block.used:
                    state, status = PAPER_USED, self.tr("kayda girildi")
                    record = self._desk.show(number)
                    detail = paper_record_text(record) if record else ""
                elif number in block.voided:
                    state, status = PAPER_VOIDED, self.tr("boşa çıkarıldı")
                    detail = self.tr("gerekçe: {reason}").format(reason=block.voided[number])
                elif number in drafts:
                    draft = drafts[number]
                    draft_id = draft.id
                    state, status = PAPER_DRAFT, self.tr("ayrıldı, taslakta")
                    detail = self.tr("taslak: {name} (sicil {sicil}), son kayıt {at}").format(
                        name=names.get(draft.officer_sicil, ""),
                        sicil=draft.officer_sicil,
                        at=saved_at(draft.updated_at),
                    )
                else:
                    state, status = PAPER_FREE, self.tr("ayrıldı, kullanılmadı")
                    detail = reserved
                rows.append([number, status, detail])
                keys.append((block.kind, number, state, draft_id))
        self.paper_table.blockSignals(True)
        try:
            fill_table(self.paper_table, rows, keys)
            if kept is not None:
                for row, key in enumerate(keys):
                    if key[1] == kept[1]:
                        self.paper_table.setCurrentCell(row, 0)
                        self.paper_table.selectRow(row)
                        break
        finally:
            self.paper_table.blockSignals(False)

    def _selected_paper(self, *, quiet: bool = False) -> tuple[str, str, str, str] | None:
        """(kind, number, state, draft id) of the chosen row."""
        item = self.paper_table.item(self.paper_table.currentRow(), 0)
        if item is None:
            if not quiet:
                self.paper_message.set_message(self.tr("Listeden bir numara seçin."))
            return None
        kind, number, state, draft_id = item.data(Qt.ItemDataRole.UserRole)
        return str(kind), str(number), str(state), str(draft_id)

    def paper_state(self, number: str) -> str | None:
        """What the list says of ``number`` now (``PAPER_FREE``, …)."""
        for row in range(self.paper_table.rowCount()):
            item = self.paper_table.item(row, 0)
            if item is not None and item.text() == number:
                return str(item.data(Qt.ItemDataRole.UserRole)[2])
        return None

    def reserve_paper(self) -> PrintPreviewDialog | None:
        self._clear_paper_messages()
        asked = self.paper_confirm.ask()
        if asked is None:
            return None
        sicil, password = asked
        try:
            block = self._desk.reserve_paper_block(
                str(self.paper_kind.currentData()),
                self.paper_count.value(),
                supervisor_sicil=sicil,
                supervisor_password=password,
            )
        except AuthError as exc:
            self.paper_confirm.refused(exc)
            return None
        except _ERRORS as exc:
            self.paper_message.set_message(str(exc))
            return None
        self.refresh_paper()
        first, last = block.numbers[0], block.numbers[-1]
        try:
            pdf = self._desk.blank_forms_pdf(block.numbers)
        except _ERRORS as exc:
            self.paper_message.set_message(
                self.tr(
                    "{first} – {last} ayrıldı ama boş formlar yazdırılamadı: {error}. Listeden "
                    "seçip 'Boş formunu yazdır' ile yeniden deneyin."
                ).format(first=first, last=last, error=exc)
            )
            return None
        self.paper_done.say(
            self.tr("{first} – {last} ayrıldı ({count} numara).").format(
                first=first, last=last, count=len(block.numbers)
            )
        )
        return self._preview(pdf, self.tr("Boş kâğıt formlar"), "bos-formlar.pdf")

    def print_blank(self) -> PrintPreviewDialog | None:
        """The blank form of a reserved number again (a spoilt print, a failed first print)."""
        self._clear_paper_messages()
        chosen = self._selected_paper()
        if chosen is None:
            return None
        if self._refuse_taken(chosen[1], self.tr("Boş formu yeniden yazdırılamaz.")):
            return None
        try:
            pdf = self._desk.blank_forms_pdf([chosen[1]])
        except _ERRORS as exc:
            self.paper_message.set_message(str(exc))
            return None
        return self._preview(pdf, self.tr("Boş kâğıt form"), f"bos-form-{chosen[1]}.pdf")

    def _refuse_taken(self, number: str, consequence: str) -> bool:
        """Said at once when ``number`` is used or voided (as the register reads now)."""
        self.refresh_paper()
        state = self.paper_state(number)
        if state == PAPER_USED:
            record = self._desk.show(number)
            self.paper_message.set_message(
                self.tr("{number} kayda girilmiş: {record}. {consequence}").format(
                    number=number,
                    record=paper_record_text(record) if record else number,
                    consequence=consequence,
                )
            )
            return True
        if state == PAPER_VOIDED:
            item = self.paper_table.item(self.paper_table.currentRow(), 2)
            self.paper_message.set_message(
                self.tr("{number} boşa çıkarılmış ({detail}). {consequence}").format(
                    number=number, detail=item.text() if item else "", consequence=consequence
                )
            )
            return True
        return False

    def void_paper(self) -> None:
        self._clear_paper_messages()
        chosen = self._selected_paper()
        if chosen is None:
            return
        number = chosen[1]
        if self._refuse_taken(number, self.tr("Boşa çıkarılamaz.")):
            return
        if not " ".join(self.void_reason.text().split()):
            self.void_error.set_message(self.tr("Numaranın neden kullanılmayacağını yazın."))
            self.void_reason.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        asked = self.paper_confirm.ask()
        if asked is None:
            return
        sicil, password = asked
        try:
            self._desk.void_paper_number(
                number,
                reason=self.void_reason.text(),
                supervisor_sicil=sicil,
                supervisor_password=password,
            )
        except AuthError as exc:
            self.paper_confirm.refused(exc)
            return
        except _ERRORS as exc:
            self.paper_message.set_message(str(exc))
            return
        self.void_reason.clear()
        self.refresh_paper()
        self.paper_done.say(self.tr("{number} boşa çıkarıldı.").format(number=number))

    def enter_paper_form(self) -> dict[str, Any] | None:
        """Ask the main window to open the wizard for the chosen paper form (back-entry), or
        to reopen the draft this officer already began for it."""
        self._clear_paper_messages()
        chosen = self._selected_paper()
        if chosen is None:
            return None
        kind, number, _state, _draft = chosen
        if self._refuse_taken(number, self.tr("Aynı kâğıt form ikinci kez kayda girilemez.")):
            return None
        chosen = self._selected_paper(quiet=True) or chosen  # as refreshed just now
        if chosen[2] == PAPER_DRAFT:
            draft = self._desk.draft(chosen[3])
            if draft is not None and draft.officer_sicil == self._officer.sicil:
                self.resume_draft.emit(draft.id)
                paper = draft.data.get("paper")
                return dict(paper) if isinstance(paper, dict) else None
            if draft is not None:
                self.paper_message.set_message(
                    self.tr(
                        "{number} için {sicil} sicilli memur bir taslak başlattı; o memur "
                        "Taslaklar'dan devam eder ya da taslak silinir."
                    ).format(number=number, sicil=draft.officer_sicil)
                )
                return None
        day = self.filled_day.date()
        try:
            hour, minute = (int(x) for x in self.filled_time.text().split(":"))
            filled = datetime.datetime.combine(day, datetime.time(hour, minute)) if day else None
        except ValueError:
            filled = None
        if filled is None:
            self.entry_error.set_message(
                self.tr("Kâğıt formun doldurulduğu günü ve saati yazın (GG.AA.YYYY, SS:DD).")
            )
            self.filled_day.setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        if filled > local_now().replace(tzinfo=None):
            self.entry_error.set_message(
                self.tr("Kâğıt formun doldurulduğu an ({at}) henüz gelmedi.").format(
                    at=f"{filled:%d.%m.%Y %H:%M}"
                )
            )
            self.filled_day.setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        paper = {
            "number": number,
            "ledger_page": self.ledger_page_no.value(),
            "ledger_line": self.ledger_line_no.value(),
            "filled_at": filled.isoformat(timespec="minutes"),
        }
        self.back_entry.emit(kind, paper)
        return paper

    # -- the bank's verification -------------------------------------------------------------------
    def _bank_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        note = QLabel(
            self.tr(
                "Bankanın sorduğu form numarasını (ya da formdaki karekodu okutun) ve beyan "
                "edenin belge numarasını yazın; belge numarasında Enter yanıtı verir. Numara "
                "ile belge numarası birlikte eşleşmedikçe yanıt 'bulunamadı'dır."
            ),
            tab,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.bank_number = QLineEdit(tab)
        self.bank_number.setObjectName("bankNumber")
        self.bank_document = QLineEdit(tab)
        self.bank_document.setObjectName("bankDocument")
        self.bank_error = ErrorLabel(tab)
        self.bank_error.setObjectName("bankError")
        form.addRow(self.tr("Form &numarası / karekod"), self.bank_number)
        form.addRow(self.tr("Belge n&umarası"), self.bank_document)
        form.addRow("", self.bank_error)
        layout.addLayout(form)
        # A scanner types the QR code and Enter: the document number comes next.
        self.bank_number.returnPressed.connect(self._number_entered)
        self.bank_document.returnPressed.connect(self.verify)
        for field in (self.bank_number, self.bank_document):
            field.textEdited.connect(lambda _t: self._bank_edited())
        buttons = QHBoxLayout()
        self.verify_button = QPushButton(self.tr("Doğru&la"), tab)
        self.verify_button.setObjectName("verifyDeclaration")
        self.verify_button.clicked.connect(self.verify)
        self.print_answer_button = QPushButton(self.tr("&Yanıtı yazdır…"), tab)
        self.print_answer_button.setObjectName("printVerification")
        self.print_answer_button.clicked.connect(self.print_verification)
        self.print_answer_button.setEnabled(False)
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.print_answer_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.bank_result = QLabel(tab)
        self.bank_result.setObjectName("bankResult")
        self.bank_result.setWordWrap(True)
        self.bank_result.setTextFormat(Qt.TextFormat.PlainText)
        self.bank_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bank_result.setVisible(False)
        layout.addWidget(self.bank_result)
        layout.addStretch(1)
        return tab

    def _bank_number(self) -> str:
        """The form number, or a scanned QR code whole ("GMASA1|number|date|total|hash"): the
        register compares what the QR carries as well."""
        return self.bank_number.text().strip()

    def _number_entered(self) -> None:
        if self.bank_document.text().strip():
            self.verify()
        else:
            self.bank_document.setFocus(Qt.FocusReason.OtherFocusReason)

    def _bank_edited(self) -> None:
        # The answer shown is for the numbers asked; a changed question has none yet.
        self.bank_error.clear_messages()
        self.bank_result.clear()
        self.bank_result.setVisible(False)
        self.bank_answer = None
        self.print_answer_button.setEnabled(False)

    def _bank_question(self) -> tuple[str, str] | None:
        number, document = self._bank_number(), self.bank_document.text().strip()
        missing = []
        if not number:
            missing.append(self.tr("Form numarasını yazın ya da karekodu okutun."))
        if not document:
            missing.append(self.tr("Beyan edenin belge numarasını yazın."))
        if missing:
            self.bank_error.set_messages(missing)
            (self.bank_number if not number else self.bank_document).setFocus(
                Qt.FocusReason.OtherFocusReason
            )
            return None
        return number, document

    def verify(self) -> dict[str, Any] | None:
        self._bank_edited()
        question = self._bank_question()
        if question is None:
            return None
        try:
            answer = self._desk.verify_declaration(*question)
        except _ERRORS as exc:
            self.bank_error.set_message(str(exc))
            return None
        self.bank_result.setText(verification_text(answer))
        self.bank_result.setStyleSheet(_ANSWER_OK if answer["status"] == "genuine" else _ANSWER_BAD)
        self.bank_result.setVisible(True)
        self.bank_answer = answer
        # The answer may be handed to the bank on paper: offered at once (Enter prints).
        self.print_answer_button.setEnabled(True)
        self.print_answer_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return answer

    def print_verification(self) -> PrintPreviewDialog | None:
        question = self._bank_question()
        if question is None:
            return None
        try:
            answer, pdf = self._desk.verification_pdf(*question)
        except _ERRORS as exc:
            self.bank_error.set_message(str(exc))
            return None
        return self._preview(pdf, self.tr("Doğrulama yanıtı"), f"dogrulama-{answer['number']}.pdf")


def report_rows(report: dict[str, Any], *, title: bool = True) -> list[list[str]]:
    """The shift report as (item, value) rows under headed sections (``title``: its period
    and officer first)."""
    rows: list[list[str]] = [[report["title"], ""]] if title else []
    for heading, key in (
        ("Kayıtlar", "counts"),
        ("Nakit (beyan · tespit)", "totals"),
        ("Ödeme araçları", "instruments"),
        ("Yaptırımlar", "sanctions"),
        ("İptaller", "cancellations"),
        ("Yüklenmeyi bekleyen", "pending"),
    ):
        entries = report.get(key) or []
        if not entries and key == "instruments":
            continue
        rows.append([f"— {heading} —", ""])
        rows += [[left, right] for left, right in entries] or [["yok", ""]]
    return rows


def cash_lines_text(lines: list[dict[str, Any]]) -> list[str]:
    """ "10.000,00 EUR (Euro)", "Çek (TRY) 5.000,00 TRY": one line per declared amount."""
    out = []
    for line in record_text.money_lines(lines):
        amount = f"{fmt.line_amount(line)} {line.currency}"
        if line.instrument is not None:
            out.append(f"{fmt.line_kind(line)} {amount}")
        else:
            out.append(f"{amount} ({iso.currency_name_tr(line.currency)})")
    return out


def _office(answer: dict[str, Any]) -> str:
    name, code = str(answer.get("office_name") or ""), str(answer.get("office") or "")
    return name if not code or f"({code})" in name else f"{name} ({code})"


def verification_text(answer: dict[str, Any]) -> str:
    """The bank's answer in Turkish formats: the verdict first, then the form's facts, the
    declared lines one by one and whether the form was cancelled."""
    status = answer["status"]
    number = answer["number"]
    if status == "unknown":
        return "BULUNAMADI: bu numara ve belge numarasıyla kayıtlı bir form yok."
    cash = answer.get("cash") or []
    declared = record_text.lines_text(record_text.money_lines(cash))
    total = record_text.amount(answer.get("declared_try") or "0")
    date = record_text.day(answer.get("date"))
    if status == "genuine":
        head = f"GEÇERLİ: {number} ({date}), beyan edilen {declared} ({total} TL)."
    elif status == "cancelled":
        head = f"İPTAL EDİLMİŞ: {number} ({date}) geçerli bir beyan değildir."
    else:
        fields = ", ".join(vocabulary.QR_MISMATCH.get(f, f) for f in answer.get("mismatch", []))
        head = (
            f"UYUŞMUYOR: {number} kayıtlı, ama karekodun taşıdığı bilgi ({fields}) kayıtla "
            "aynı değil. Belge değiştirilmiş olabilir; gümrük idaresine danışın."
        )
    person = answer.get("person") or {}
    lines = [
        head,
        "",
        f"Formun tarihi: {date}",
        f"Gümrük idaresi: {_office(answer)}",
        f"Beyan eden: {person.get('first_name', '')} {person.get('last_name', '')}".rstrip(),
        "Beyan edilen nakit:",
        *(f"  • {text}" for text in cash_lines_text(cash)),
        f"TL karşılığı: {total} TL",
    ]
    if status == "cancelled" or answer.get("cancelled_at"):
        at = record_text.moment(str(answer.get("cancelled_at") or "")[:16])
        cancelled = f"İptal: EVET — {at} tarihinde iptal edildi"
        if answer.get("replaced_by"):
            cancelled += f"; yerine {answer['replaced_by']} düzenlendi"
        lines.append(cancelled + ".")
    else:
        lines.append("İptal: hayır, form iptal edilmemiş.")
    return "\n".join(lines)
