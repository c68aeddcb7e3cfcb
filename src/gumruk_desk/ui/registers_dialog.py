"""Defter ve raporlar: the numbered ledger (§O4), the shift report, the paper fallback
(§O4, §O6) and the bank's verification (§G1.2a), one tab each.

Everything here calls the same services as the command line (``ledger``, ``report``,
``paper``, ``record verify``); every action that changes the register asks for a supervisor's
own password, which is cleared after each attempt.
"""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
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

from gumruk_desk.domain import vocabulary
from gumruk_desk.printing import fmt
from gumruk_desk.register.db import RegisterError
from gumruk_desk.register.ledger import LedgerError
from gumruk_desk.register.models import Officer
from gumruk_desk.register.officers import ROLE_SUPERVISOR
from gumruk_desk.register.paper import PaperError
from gumruk_desk.services import AuthError, Desk, local_now
from gumruk_desk.ui.print_preview_dialog import PrintPreviewDialog
from gumruk_desk.ui.widgets import DateEdit, ErrorLabel

_ERRORS = (AuthError, LedgerError, PaperError, RegisterError, ValueError)


def _table(parent: QWidget, headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], keys: list[Any] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if keys is not None:
                item.setData(Qt.ItemDataRole.UserRole, keys[r])
            table.setItem(r, c, item)


class SupervisorConfirm(QWidget):
    """A supervisor chosen from the list and their own password."""

    def __init__(self, desk: Desk, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.sicil = QComboBox(self)
        self.sicil.setObjectName(f"{name}Supervisor")
        for officer in desk.officers():
            if officer.role == ROLE_SUPERVISOR and not officer.locked:
                self.sicil.addItem(f"{officer.name} ({officer.sicil})", officer.sicil)
        self.password = QLineEdit(self)
        self.password.setObjectName(f"{name}Password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("amirin parolası"))
        layout.addWidget(QLabel(self.tr("Amir:"), self))
        layout.addWidget(self.sicil, 1)
        layout.addWidget(self.password, 1)

    def take(self) -> tuple[str, str]:
        """(sicil, password); the field is emptied."""
        password = self.password.text()
        self.password.clear()
        return str(self.sicil.currentData() or ""), password


class RegistersDialog(QDialog):
    """``back_entry(kind, paper)`` asks the main window to open the wizard for a paper form."""

    back_entry = Signal(str, dict)

    def __init__(self, desk: Desk, officer: Officer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registersDialog")
        self.setWindowTitle(self.tr("Defter ve raporlar"))
        self._desk = desk
        self._officer = officer
        self.preview: PrintPreviewDialog | None = None
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._ledger_tab(), self.tr("&Defter"))
        self.tabs.addTab(self._report_tab(), self.tr("&Vardiya raporu"))
        self.tabs.addTab(self._paper_tab(), self.tr("&Kâğıt formlar"))
        self.tabs.addTab(self._bank_tab(), self.tr("&Banka doğrulaması"))
        layout.addWidget(self.tabs)
        self.resize(980, 620)
        self.refresh_ledger()
        self.refresh_paper()

    def _preview(self, pdf: bytes, title: str, name: str) -> PrintPreviewDialog:
        dialog = PrintPreviewDialog(pdf, title, name, self)
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
        self.pages = _table(
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
        self.approve_button = QPushButton(self.tr("İlk onaysız sayfayı &onayla"), tab)
        self.approve_button.setObjectName("approveLedgerPage")
        self.approve_button.clicked.connect(self.approve_page)
        approve.addWidget(self.ledger_confirm, 1)
        approve.addWidget(self.approve_button)
        layout.addLayout(approve)
        self.ledger_message = ErrorLabel(tab)
        self.ledger_message.setObjectName("ledgerMessage")
        layout.addWidget(self.ledger_message)
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
                    at=page.approval["approved_at"][:16].replace("T", " "),
                )
            rows.append([str(page.page), str(len(page.lines)), status])
        _fill(self.pages, rows, [p.page for p in pages])
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
        pages = self._desk.ledger_pages(self.year.value())
        first = next((p.page for p in pages if p.approval is None), None)
        sicil, password = self.ledger_confirm.take()
        if first is None:
            self.ledger_message.set_message(self.tr("Onay bekleyen sayfa yok."))
            return
        try:
            self._desk.approve_ledger_page(
                first,
                approver_sicil=sicil,
                approver_password=password,
                year=self.year.value(),
                expected_digest=getattr(self, "_shown_digests", {}).get(first),
            )
        except _ERRORS as exc:
            self.ledger_message.set_message(str(exc))
            self.refresh_ledger()  # show what it reads now
            return
        self.ledger_message.set_message(
            self.tr("{page}. sayfa onaylandı ve donduruldu.").format(page=first)
        )
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
        show = QPushButton(self.tr("&Göster"), tab)
        show.setObjectName("showReport")
        show.clicked.connect(self.show_report)
        pdf = QPushButton(self.tr("&PDF / yazdır…"), tab)
        pdf.setObjectName("printReport")
        pdf.clicked.connect(self.print_report)
        buttons.addWidget(show)
        buttons.addWidget(pdf)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.report_table = _table(tab, [self.tr("Kalem"), self.tr("Değer")], "reportTable")
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
        rows: list[list[str]] = [[report["title"], ""]]
        for title, key in (
            (self.tr("Kayıtlar"), "counts"),
            (self.tr("Nakit (beyan · tespit)"), "totals"),
            (self.tr("Yaptırımlar"), "sanctions"),
            (self.tr("İptaller"), "cancellations"),
            (self.tr("Yüklenmeyi bekleyen"), "pending"),
        ):
            rows.append([f"— {title} —", ""])
            rows += [[left, right] for left, right in report[key]]
        _fill(self.report_table, rows)
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
        reserve.addWidget(self.paper_kind)
        reserve.addWidget(self.paper_count)
        self.paper_confirm = SupervisorConfirm(self._desk, "paper", tab)
        reserve.addWidget(self.paper_confirm, 1)
        self.reserve_button = QPushButton(self.tr("Numara &ayır ve boş formları yazdır…"), tab)
        self.reserve_button.setObjectName("reservePaper")
        self.reserve_button.clicked.connect(self.reserve_paper)
        reserve.addWidget(self.reserve_button)
        layout.addLayout(reserve)
        self.paper_table = _table(tab, [self.tr("Kâğıt form no"), self.tr("Durum")], "paperNumbers")
        layout.addWidget(self.paper_table, 1)
        actions = QHBoxLayout()
        self.enter_button = QPushButton(self.tr("Seçili numaradaki formu kayda &gir…"), tab)
        self.enter_button.setObjectName("enterPaperForm")
        self.enter_button.clicked.connect(self.enter_paper_form)
        self.void_reason = QLineEdit(tab)
        self.void_reason.setObjectName("voidReason")
        self.void_reason.setPlaceholderText(self.tr("boşa çıkarma gerekçesi"))
        self.void_button = QPushButton(self.tr("Seçili numarayı &boşa çıkar"), tab)
        self.void_button.setObjectName("voidPaper")
        self.void_button.clicked.connect(self.void_paper)
        self.blank_button = QPushButton(self.tr("Boş formunu ya&zdır…"), tab)
        self.blank_button.setObjectName("printBlank")
        self.blank_button.clicked.connect(self.print_blank)
        actions.addWidget(self.enter_button)
        actions.addWidget(self.blank_button)
        actions.addWidget(self.void_reason, 1)
        actions.addWidget(self.void_button)
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
            (self.tr("Doldurulduğu gün"), self.filled_day),
            (self.tr("saat"), self.filled_time),
            (self.tr("defter sayfası"), self.ledger_page_no),
            (self.tr("satırı"), self.ledger_line_no),
        ):
            entry.addWidget(QLabel(label, tab))
            entry.addWidget(widget)
        layout.addLayout(entry)
        self.paper_message = ErrorLabel(tab)
        self.paper_message.setObjectName("paperMessage")
        layout.addWidget(self.paper_message)
        return tab

    def refresh_paper(self) -> None:
        try:
            blocks = self._desk.paper_reconciliation()
        except _ERRORS as exc:
            self.paper_message.set_message(str(exc))
            return
        rows: list[list[str]] = []
        keys: list[Any] = []
        for block in blocks:
            for number in block.numbers:
                if number in block.used:
                    status = self.tr("kayda girildi")
                elif number in block.voided:
                    status = self.tr("boşa çıkarıldı: {reason}").format(reason=block.voided[number])
                else:
                    status = self.tr("EKSİK — kayda girilmedi")
                rows.append([number, status])
                keys.append((block.kind, number, number in block.missing))
        _fill(self.paper_table, rows, keys)

    def _selected_paper(self) -> tuple[str, str, bool] | None:
        item = self.paper_table.item(self.paper_table.currentRow(), 0)
        if item is None:
            self.paper_message.set_message(self.tr("Listeden bir numara seçin."))
            return None
        kind, number, missing = item.data(Qt.ItemDataRole.UserRole)
        return str(kind), str(number), bool(missing)

    def reserve_paper(self) -> PrintPreviewDialog | None:
        sicil, password = self.paper_confirm.take()
        try:
            block = self._desk.reserve_paper_block(
                str(self.paper_kind.currentData()),
                self.paper_count.value(),
                supervisor_sicil=sicil,
                supervisor_password=password,
            )
        except _ERRORS as exc:
            self.paper_message.set_message(str(exc))
            return None
        self.refresh_paper()
        try:
            pdf = self._desk.blank_forms_pdf(block.numbers)
        except _ERRORS as exc:
            self.paper_message.set_message(
                self.tr(
                    "{first} – {last} ayrıldı ama boş formlar yazdırılamadı: {error}. Listeden "
                    "seçip 'Boş formunu yazdır' ile yeniden deneyin."
                ).format(first=block.numbers[0], last=block.numbers[-1], error=exc)
            )
            return None
        self.paper_message.set_message(
            self.tr("{first} – {last} ayrıldı.").format(
                first=block.numbers[0], last=block.numbers[-1]
            )
        )
        return self._preview(pdf, self.tr("Boş kâğıt formlar"), "bos-formlar.pdf")

    def print_blank(self) -> PrintPreviewDialog | None:
        """The blank form of a reserved number again (a spoilt print, a failed first print)."""
        chosen = self._selected_paper()
        if chosen is None:
            return None
        try:
            pdf = self._desk.blank_forms_pdf([chosen[1]])
        except _ERRORS as exc:
            self.paper_message.set_message(str(exc))
            return None
        return self._preview(pdf, self.tr("Boş kâğıt form"), f"bos-form-{chosen[1]}.pdf")

    def void_paper(self) -> None:
        chosen = self._selected_paper()
        if chosen is None:
            return
        sicil, password = self.paper_confirm.take()
        try:
            self._desk.void_paper_number(
                chosen[1],
                reason=self.void_reason.text(),
                supervisor_sicil=sicil,
                supervisor_password=password,
            )
        except _ERRORS as exc:
            self.paper_message.set_message(str(exc))
            return
        self.void_reason.clear()
        self.refresh_paper()

    def enter_paper_form(self) -> dict[str, Any] | None:
        """Ask the main window to open the wizard for the chosen paper form (back-entry)."""
        chosen = self._selected_paper()
        if chosen is None:
            return None
        kind, number, missing = chosen
        if not missing:
            self.paper_message.set_message(
                self.tr("{number} eksik değil: kayda girilmiş ya da boşa çıkarılmış.").format(
                    number=number
                )
            )
            return None
        day = self.filled_day.date()
        try:
            hour, minute = (int(x) for x in self.filled_time.text().split(":"))
            filled = datetime.datetime.combine(day, datetime.time(hour, minute)) if day else None
        except ValueError:
            filled = None
        if filled is None:
            self.paper_message.set_message(
                self.tr("Kâğıt formun doldurulduğu günü ve saati yazın (GG.AA.YYYY, SS:DD).")
            )
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
                "edenin belge numarasını yazın. Numara ile belge numarası birlikte "
                "eşleşmedikçe yanıt 'bulunamadı'dır."
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
        form.addRow(self.tr("Form &numarası / karekod"), self.bank_number)
        form.addRow(self.tr("Belge n&umarası"), self.bank_document)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        check = QPushButton(self.tr("&Doğrula"), tab)
        check.setObjectName("verifyDeclaration")
        check.clicked.connect(self.verify)
        answer = QPushButton(self.tr("&Yanıtı yazdır…"), tab)
        answer.setObjectName("printVerification")
        answer.clicked.connect(self.print_verification)
        buttons.addWidget(check)
        buttons.addWidget(answer)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.bank_result = QLabel(tab)
        self.bank_result.setObjectName("bankResult")
        self.bank_result.setWordWrap(True)
        layout.addWidget(self.bank_result)
        layout.addStretch(1)
        return tab

    def _bank_number(self) -> str:
        """The form number, or a scanned QR code whole ("GMASA1|number|date|total|hash"): the
        register compares what the QR carries as well."""
        return self.bank_number.text().strip()

    def verify(self) -> dict[str, Any] | None:
        try:
            answer = self._desk.verify_declaration(self._bank_number(), self.bank_document.text())
        except _ERRORS as exc:
            self.bank_result.setText(str(exc))
            return None
        status = answer["status"]
        if status == "genuine":
            declared = "; ".join(
                f"{fmt.line_amount(line)} {line['currency']}" for line in answer["cash"]
            )
            text = self.tr(
                "GEÇERLİ: {number} ({date}), beyan edilen {declared} ({total} TL)."
            ).format(
                number=answer["number"],
                date=fmt.date(answer["date"]),
                declared=declared,
                total=fmt.amount(answer["declared_try"]),
            )
            style = "color: #1b5e20; font-weight: bold;"
        elif status == "mismatch":
            text = self.tr(
                "UYUŞMUYOR: {number} kayıtlı, ama karekodun taşıdığı bilgi ({fields}) kayıtla "
                "aynı değil. Belge değiştirilmiş olabilir; gümrük idaresine danışın."
            ).format(
                number=answer["number"],
                fields=", ".join(
                    vocabulary.QR_MISMATCH.get(f, f) for f in answer.get("mismatch", [])
                ),
            )
            style = "color: #8c1d18; font-weight: bold;"
        elif status == "cancelled":
            text = self.tr("İPTAL EDİLMİŞ: {number} geçerli bir beyan değildir.").format(
                number=answer["number"]
            )
            style = "color: #8c1d18; font-weight: bold;"
        else:
            text = self.tr("BULUNAMADI: bu numara ve belge numarasıyla kayıtlı bir form yok.")
            style = "color: #8c1d18; font-weight: bold;"
        self.bank_result.setText(text)
        self.bank_result.setStyleSheet(style)
        return answer

    def print_verification(self) -> PrintPreviewDialog | None:
        try:
            answer, pdf = self._desk.verification_pdf(
                self._bank_number(), self.bank_document.text()
            )
        except _ERRORS as exc:
            self.bank_result.setText(str(exc))
            return None
        return self._preview(pdf, self.tr("Doğrulama yanıtı"), f"dogrulama-{answer['number']}.pdf")
