"""The desk window's side of issue #7, driving real widgets: cancellation only with a
supervisor's password, the record filled in its place, the ledger tab, the shift report,
the paper fallback with back-entry through the wizard, the bank's verification."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from factories import ek1, scan_qr
from gumruk_desk.domain.registered import RegisteredRecord
from gumruk_desk.services import Desk
from gumruk_desk.ui.app import application
from gumruk_desk.ui.cancel_dialog import CancelDialog
from gumruk_desk.ui.ek1 import wizard as ek1_wizard
from gumruk_desk.ui.main_window import MainWindow
from gumruk_desk.ui.registers_dialog import RegistersDialog
from register_fixtures import OFFICER, OFFICER_PW, SUPERVISOR_PW
from widget_support import cell, column_cells
from wizard_support import show_active


@pytest.fixture(scope="session")
def qapp() -> QApplication:
    return application()


@pytest.fixture
def officer(desk: Desk) -> Any:
    return desk.authenticate(OFFICER, OFFICER_PW)


def desk_record(desk: Desk, number: str) -> RegisteredRecord:
    """The record as the register holds it now, for a test that knows it was registered."""
    record = desk.show(number)
    assert record is not None, f"{number} kayıtta yok"
    return record


def bank_status(dialog: RegistersDialog) -> str | None:
    """The bank check's verdict on what is typed, None when nothing can be asked yet."""
    answer = dialog.verify()
    return None if answer is None else str(answer["status"])


def window_on(qtbot: QtBot, desk: Desk, officer: Any, number: str) -> MainWindow:
    window = show_active(qtbot, MainWindow(desk, officer))
    assert window.select_number(number)
    return window


def test_the_gui_cannot_cancel_without_the_supervisors_password(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    record = desk.register(ek1(), officer=officer)
    window = window_on(qtbot, desk, officer, record.number)
    assert window.cancel_action.isEnabled()
    dialog = window.cancel_selected()
    assert isinstance(dialog, CancelDialog)  # owned by the window (deleted on close)
    dialog.reason.setPlainText("Yanlış kişi adına düzenlendi")
    dialog.collected.setChecked(True)
    dialog.officer_password.setText(OFFICER_PW)
    dialog.accept()  # no supervisor password
    assert dialog.isVisible() and dialog.cancelled is None
    assert any("amir" in m for m in dialog.error.messages())
    dialog.officer_password.setText(OFFICER_PW)
    dialog.approver_password.setText("yanlis")
    dialog.accept()
    assert dialog.cancelled is None and dialog.approver_password.text() == ""
    assert not desk_record(desk, record.number).cancelled
    # Copies not collected: refused too.
    dialog.collected.setChecked(False)
    dialog.officer_password.setText(OFFICER_PW)
    dialog.approver_password.setText(SUPERVISOR_PW)
    dialog.accept()
    assert dialog.cancelled is None
    # Everything given: cancelled, and the window offers the replacement.
    dialog.collected.setChecked(True)
    dialog.officer_password.setText(OFFICER_PW)
    dialog.approver_password.setText(SUPERVISOR_PW)
    dialog.accept()
    assert dialog.cancelled is not None and dialog.cancelled.cancelled
    qtbot.waitUntil(lambda: isinstance(window.message_box, QMessageBox))
    box = window.message_box
    assert isinstance(box, QMessageBox) and record.number in box.text()
    assert not window.cancel_action.isEnabled()  # the selected record is cancelled now
    box.button(QMessageBox.StandardButton.Yes).click()
    wizard = window.wizard
    assert isinstance(wizard, ek1_wizard.NakitBeyanWizard)
    assert wizard.replaces == record.number
    # The wizard is filled with the cancelled record's input, as it was filed (SPEC §9).
    assert wizard.record()["person"] == record.to_json()["person"]
    wizard.advance_to(ek1_wizard.REVIEW)
    assert wizard.currentId() == ek1_wizard.REVIEW
    wizard.next()
    replacement = wizard.registered_record
    assert replacement is not None and replacement.replaces == record.number
    cancellation = desk_record(desk, record.number).cancellation
    assert cancellation is not None and cancellation.replaced_by == replacement.number


def test_ledger_tab_prints_and_approves_in_order(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    desk.register(ek1(), officer=officer)
    dialog = show_active(qtbot, RegistersDialog(desk, officer))
    assert dialog.pages.rowCount() == 1
    assert "Onay bekliyor" in cell(dialog.pages, 0, 2)
    preview = dialog.print_ledger_page()
    assert preview is not None and preview.page_count == 1
    preview.close()
    dialog.ledger_confirm.password.setText("yanlis")
    dialog.approve_page()
    # The wrong password is said under its field; the field is emptied.
    assert dialog.ledger_confirm.error.messages() and dialog.ledger_confirm.password.text() == ""
    assert "Onay bekliyor" in cell(dialog.pages, 0, 2)
    dialog.ledger_confirm.password.setText(SUPERVISOR_PW)
    dialog.approve_page()
    assert cell(dialog.pages, 0, 2).startswith("Onaylandı: Zeynep Kaya (90001)")
    assert not dialog.ledger_confirm.error.messages()  # cleared by the success


def test_shift_report_tab_shows_the_summary(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    desk.register(ek1(), officer=officer)
    dialog = show_active(qtbot, RegistersDialog(desk, officer))
    report = dialog.show_report()
    assert report is not None and report["record_count"] == 1
    cells = column_cells(dialog.report_table, 0)
    assert "Nakit Beyan Formu — Beyan edildi" in cells
    dialog.report_day.setText("31.02.2026")
    assert dialog.show_report() is None and dialog.report_message.messages()


def test_paper_tab_reserves_and_enters_a_paper_form_through_the_wizard(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    window = show_active(qtbot, MainWindow(desk, officer))
    dialog = window.open_registers()
    assert isinstance(dialog, RegistersDialog)
    dialog.paper_count.setValue(3)
    dialog.paper_confirm.password.setText(SUPERVISOR_PW)
    preview = dialog.reserve_paper()
    assert preview is not None and preview.page_count == 9  # 3 forms × 3 copies
    preview.close()
    assert dialog.paper_table.rowCount() == 3
    assert all(cell(dialog.paper_table, r, 1) == "ayrıldı, kullanılmadı" for r in range(3))
    number = cell(dialog.paper_table, 1, 0)
    dialog.paper_table.selectRow(1)
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    dialog.filled_day.set_date(yesterday)
    dialog.filled_time.setText("14:05")
    dialog.ledger_page_no.setValue(7)
    dialog.ledger_line_no.setValue(12)
    paper = dialog.enter_paper_form()
    assert paper is not None and paper["number"] == number
    wizard = window.wizard
    assert isinstance(wizard, ek1_wizard.NakitBeyanWizard) and wizard.paper == paper
    assert number in wizard.windowTitle()
    wizard.apply(ek1())
    wizard.advance_to(ek1_wizard.REVIEW)
    wizard.next()
    record = wizard.registered_record
    assert record is not None and record.number == number
    assert record.paper is not None
    assert record.paper.filled_at == datetime.datetime.combine(yesterday, datetime.time(14, 5))
    assert record.valuation.rate_date is not None and record.valuation.rate_date <= yesterday
    dialog.refresh_paper()
    assert cell(dialog.paper_table, 1, 1) == "kayda girildi"
    dialog.paper_table.selectRow(0)
    again = dialog.print_blank()
    assert again is not None and again.page_count == 3
    again.close()
    assert cell(dialog.paper_table, 0, 1) == "ayrıldı, kullanılmadı"


def test_bank_tab_answers_from_the_number_or_the_qr_code(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    record = desk.register(ek1(), officer=officer)
    dialog = show_active(qtbot, RegistersDialog(desk, officer))
    (scanned,) = scan_qr(desk.render_document(record.number).pdf)
    dialog.bank_number.setText(scanned)
    dialog.bank_document.setText(record.person.id_number)
    answer = dialog.verify()
    assert answer is not None and answer["status"] == "genuine"
    assert dialog.bank_result.text().startswith("GEÇERLİ")
    # Turkish date and amounts, and the declared currencies.
    assert f"({datetime.date.today():%d.%m.%Y})" in dialog.bank_result.text()
    assert "10.000,00 EUR (350.000,00 TL)" in dialog.bank_result.text()
    dialog.bank_number.setText(scanned.replace("|350000.00|", "|35.00|"))
    assert bank_status(dialog) == "mismatch"
    assert dialog.bank_result.text().startswith("UYUŞMUYOR") and "TL toplamı" in (
        dialog.bank_result.text()
    )
    dialog.bank_number.setText(record.number)
    dialog.bank_document.setText("BAŞKA123")
    assert bank_status(dialog) == "unknown"
    assert dialog.bank_result.text().startswith("BULUNAMADI")
    preview = dialog.print_verification()
    assert preview is not None and preview.page_count == 1
