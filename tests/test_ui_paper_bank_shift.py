"""What an officer meets around the paper forms, the bank's check and the end of a shift,
driven by keys on real widgets: the paper-forms list that follows every entry, reservation
and void; used and voided numbers refused at once; back-entry drafts and review pages that
name their paper form; supervisor actions never sent without a password; the bank's answer
on Enter in Turkish formats; Vardiya sonu offline; the idle lock that cannot be switched
off; amounts in messages through the one Turkish formatter."""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

import ek2_keys
import keyed_sqlite3 as sqlite3
from ek1_keys import focus_widget, press, type_text
from factories import cash, ek1, ek2
from gumruk_desk.domain import money
from gumruk_desk.register import settings
from gumruk_desk.services import Desk
from gumruk_desk.ui.app import application
from gumruk_desk.ui.drafts_dialog import DraftsDialog
from gumruk_desk.ui.ek1 import wizard as ek1_wizard
from gumruk_desk.ui.ek2 import wizard as ek2_wizard
from gumruk_desk.ui.ek2.wizard import NakitAciklamaWizard
from gumruk_desk.ui.form_wizard.page import FormPage
from gumruk_desk.ui.main_window import MainWindow
from gumruk_desk.ui.print_preview_dialog import PrintPreviewDialog
from gumruk_desk.ui.registers_dialog import RegistersDialog
from gumruk_desk.ui.settings_dialog import SettingsDialog
from gumruk_desk.ui.shift_end_dialog import CentralAddressDialog, ShiftEndDialog
from gumruk_desk.ui.sync_dialog import TokenDialog
from gumruk_desk.ui.widgets import ErrorLabel
from register_fixtures import (
    OFFICER,
    OFFICER_PW,
    SUPERVISOR,
    SUPERVISOR_PW,
    WITNESS,
    WITNESS_PW,
    officer_of,
)
from widget_support import cell, column_cells
from wizard_support import show_active

K = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
RED_HEX = "#b3261e"
GREEN_HEX = "#1e6b34"


@pytest.fixture(scope="session")
def qapp() -> QApplication:
    return application()


@pytest.fixture(autouse=True)
def no_window_left_open(qapp: QApplication) -> None:
    """The keys go to this test's windows only: a window an earlier test left open (a modal
    login dialog would take them) is closed first."""
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()
    QApplication.processEvents()


@pytest.fixture
def officer(desk: Desk) -> Any:
    return desk.authenticate(OFFICER, OFFICER_PW)


def events(desk: Desk, kind: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(desk.db.path) as conn:
        return conn.execute("SELECT actor, payload FROM event WHERE kind = ?", (kind,)).fetchall()


def failed_logins(desk: Desk) -> int:
    return len(events(desk, "login_failed"))


def open_registers(qtbot: QtBot, window: MainWindow) -> RegistersDialog:
    """Ctrl+Shift+D, as the officer opens 'Defter ve raporlar'."""
    QTest.keyClick(window, K.Key_D, CTRL_SHIFT)
    dialog = window.registers_dialog
    assert isinstance(dialog, RegistersDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def wait_active(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=5000)


def close_preview(qtbot: QtBot, dialog: RegistersDialog | QWidget) -> None:
    preview = getattr(dialog, "preview", None)
    assert isinstance(preview, PrintPreviewDialog)
    wait_active(qtbot, preview)
    press(K.Key_Escape)
    qtbot.waitUntil(lambda: not preview.isVisible())
    back_to(qtbot, dialog)


def back_to(qtbot: QtBot, widget: QWidget) -> None:
    """The window under a closed one takes the keys again (the offscreen platform does not
    reactivate it by itself, as a desktop's window manager does)."""
    widget.activateWindow()
    wait_active(qtbot, widget)


def statuses(dialog: RegistersDialog) -> list[str]:
    table = dialog.paper_table
    return column_cells(table, 1)


def select_paper_row(qtbot: QtBot, dialog: RegistersDialog, row: int) -> None:
    dialog.paper_table.setFocus(Qt.FocusReason.OtherFocusReason)
    press(K.Key_Home)
    for _ in range(row):
        press(K.Key_Down)
    assert dialog.paper_table.currentRow() == row


def type_filled_moment(day: datetime.date, time: str) -> None:
    press(K.Key_G, ALT)  # Kâğıt formun doldurulduğu &gün
    type_text(f"{day:%d%m%Y}")
    press(K.Key_S, ALT)  # &saat
    type_text(time.replace(":", ""))


def click(qtbot: QtBot, button: QAbstractButton, key: Qt.Key) -> None:
    """Alt+``key``, the button's mnemonic (Qt animates the click: it lands a moment later)."""
    with qtbot.waitSignal(button.clicked, timeout=5000):
        press(key, ALT)


def is_green(label: QLabel) -> bool:
    return GREEN_HEX in label.styleSheet() and RED_HEX not in label.styleSheet()


# -- the paper forms ------------------------------------------------------------------------------


def test_the_paper_list_follows_every_reservation_entry_and_void(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    window = show_active(qtbot, MainWindow(desk, officer))
    dialog = open_registers(qtbot, window)
    press(K.Key_K, ALT)  # &Kâğıt formlar
    press(K.Key_L, ALT)  # Yeni b&lok: the kind, then the count
    press(K.Key_Tab)
    assert focus_widget() is dialog.paper_count
    press(K.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text("3")

    # Numara &ayır without a password: said under the field, nothing sent, no failed login.
    click(qtbot, dialog.reserve_button, K.Key_A)
    assert dialog.paper_confirm.error.messages() == ("Amirin parolasını yazın.",)
    assert focus_widget() is dialog.paper_confirm.password
    assert desk.paper_reconciliation() == [] and failed_logins(desk) == 0

    # A wrong password: which field, whose, and how many tries are left.
    type_text("yanlış")
    click(qtbot, dialog.reserve_button, K.Key_A)
    (said,) = dialog.paper_confirm.error.messages()
    assert "Amirin parolası hatalı" in said and f"sicil {SUPERVISOR}" in said
    assert "4 hatalı denemede" in said
    assert dialog.paper_confirm.password.text() == "" and failed_logins(desk) == 1

    # The right one: reserved, the error gone, the success in green, the list at once.
    type_text(SUPERVISOR_PW)
    click(qtbot, dialog.reserve_button, K.Key_A)
    close_preview(qtbot, dialog)
    assert not dialog.paper_confirm.error.messages()
    assert not dialog.paper_message.isVisible()
    assert dialog.paper_done.text().endswith("ayrıldı (3 numara).") and is_green(dialog.paper_done)
    assert statuses(dialog) == ["ayrıldı, kullanılmadı"] * 3
    assert not any("EKSİK" in s or "eksik" in s for s in statuses(dialog))
    numbers = [cell(dialog.paper_table, r, 0) for r in range(3)]
    assert officer_of(desk, SUPERVISOR).failed_attempts == 0

    # Back-entry of the first sheet, filled yesterday at 14:05.
    select_paper_row(qtbot, dialog, 0)
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    type_filled_moment(yesterday, "14:05")
    click(qtbot, dialog.enter_button, K.Key_I)  # Seçili numaradaki formu kayda g&ir
    wizard = window.wizard
    assert isinstance(wizard, ek1_wizard.NakitBeyanWizard) and wizard.paper is not None
    wait_active(qtbot, wizard)
    wizard.apply(ek1())
    wizard.advance_to(ek1_wizard.REVIEW)
    review = wizard.review_page
    # The review shows the paper's number and the moment it was filled, not "kayıtta".
    number_label = review.findChild(QLabel, "review:number")
    date_label = review.findChild(QLabel, "review:date")
    assert number_label is not None and date_label is not None
    assert number_label.text() == f"NO: {numbers[0]} (kâğıt form)"
    assert f"{yesterday:%d.%m.%Y} 14:05" in date_label.text()
    assert f"{datetime.date.today():%d.%m.%Y}" not in date_label.text()
    press(K.Key_Return)  # Kaydet
    qtbot.waitUntil(lambda: wizard.registered_record is not None)
    # The list follows at once, without reopening the dialog.
    assert statuses(dialog)[0] == "kayda girildi"
    assert "Hans Müller" in cell(dialog.paper_table, 0, 2)
    press(K.Key_Escape)  # the registered page: closed
    qtbot.waitUntil(lambda: not wizard.isVisible())
    back_to(qtbot, dialog)

    # The same number again: refused at once, in Turkish, with the record it became.
    select_paper_row(qtbot, dialog, 0)
    with qtbot.assertNotEmitted(dialog.back_entry), qtbot.assertNotEmitted(dialog.resume_draft):
        click(qtbot, dialog.enter_button, K.Key_I)
    (refusal,) = dialog.paper_message.messages()
    assert refusal.startswith(f"{numbers[0]} kayda girilmiş: Hans Müller")
    assert f"kâğıt form {yesterday:%d.%m.%Y} 14:05" in refusal
    assert "ikinci kez kayda girilemez" in refusal and "paper." not in refusal

    # Void the third: a reason first, then a password — neither sent empty.
    select_paper_row(qtbot, dialog, 2)
    click(qtbot, dialog.void_button, K.Key_O)  # Seçili numarayı b&oşa çıkar
    assert dialog.void_error.messages() == ("Numaranın neden kullanılmayacağını yazın.",)
    assert focus_widget() is dialog.void_reason
    type_text("Form yırtıldı")
    click(qtbot, dialog.void_button, K.Key_O)
    assert dialog.paper_confirm.error.messages() == ("Amirin parolasını yazın.",)
    assert events(desk, "paper_number_voided") == [] and failed_logins(desk) == 1
    type_text(SUPERVISOR_PW)
    click(qtbot, dialog.void_button, K.Key_O)
    assert statuses(dialog)[2] == "boşa çıkarıldı"
    assert cell(dialog.paper_table, 2, 2) == "gerekçe: Form yırtıldı"
    assert dialog.paper_done.text() == f"{numbers[2]} boşa çıkarıldı." and is_green(
        dialog.paper_done
    )
    assert not dialog.void_error.messages() and not dialog.paper_confirm.error.messages()
    # A voided number cannot be opened either.
    with qtbot.assertNotEmitted(dialog.back_entry):
        click(qtbot, dialog.enter_button, K.Key_I)
    (refusal,) = dialog.paper_message.messages()
    assert refusal.startswith(f"{numbers[2]} boşa çıkarılmış (gerekçe: Form yırtıldı)")
    assert not dialog.paper_done.isVisible()  # an error replaces the earlier success


def test_a_back_entry_draft_names_its_paper_number_and_reopens_from_the_list(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    block = desk.reserve_paper_block(
        "nakit_beyan", 2, supervisor_sicil=SUPERVISOR, supervisor_password=SUPERVISOR_PW
    )
    window = show_active(qtbot, MainWindow(desk, officer))
    dialog = open_registers(qtbot, window)
    press(K.Key_K, ALT)
    select_paper_row(qtbot, dialog, 1)
    type_filled_moment(datetime.date.today() - datetime.timedelta(days=1), "09:30")
    click(qtbot, dialog.enter_button, K.Key_I)
    wizard = window.wizard
    assert isinstance(wizard, ek1_wizard.NakitBeyanWizard)
    wait_active(qtbot, wizard)
    wizard.apply({**ek1(), "person": {**ek1()["person"], "first_name": "Olga"}})  # then left
    press(K.Key_Escape)  # a wizard holding data asks first; the draft is kept either way
    qtbot.waitUntil(lambda: wizard.close_question is not None and wizard.close_question.isVisible())
    press(K.Key_K, ALT)  # Kapat (taslak saklanır): the window closes and is deleted
    qtbot.waitUntil(lambda: not shiboken6.isValid(wizard) or not wizard.isVisible())
    back_to(qtbot, dialog)
    # The list says a draft holds the number, and whose it is.
    assert statuses(dialog)[1] == "ayrıldı, taslakta"
    assert f"(sicil {OFFICER})" in cell(dialog.paper_table, 1, 2)
    (draft,) = desk.drafts(OFFICER)
    assert draft.data["paper"]["number"] == block.numbers[1]

    # The drafts list names the paper number.
    drafts = show_active(qtbot, DraftsDialog(desk, officer))
    assert cell(drafts.table, 0, 0) == (f"Nakit Beyan Formu (EK-1) — kâğıt form {block.numbers[1]}")
    drafts.close()
    back_to(qtbot, dialog)

    # Entering the same number resumes that draft instead of starting a second one.
    select_paper_row(qtbot, dialog, 1)
    with qtbot.waitSignal(dialog.resume_draft) as resumed:
        click(qtbot, dialog.enter_button, K.Key_I)
    assert resumed.args == [draft.id]
    again = window.wizard
    assert isinstance(again, ek1_wizard.NakitBeyanWizard) and again is not wizard
    assert again.draft_id == draft.id and again.paper == draft.data["paper"]
    assert block.numbers[1] in again.windowTitle()
    assert len(desk.drafts()) == 1


def test_a_draft_whose_paper_form_was_registered_says_so_when_it_opens(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    block = desk.reserve_paper_block(
        "nakit_beyan", 1, supervisor_sicil=SUPERVISOR, supervisor_password=SUPERVISOR_PW
    )
    paper = {
        "number": block.numbers[0],
        "ledger_page": 1,
        "ledger_line": 1,
        "filled_at": f"{datetime.date.today():%Y-%m-%d}T00:01",
    }
    stale = desk.save_draft(
        None, kind="nakit_beyan", officer=OFFICER, page=1, data={**ek1(), "paper": paper}
    )
    desk.register({**ek1(), "paper": paper}, officer=officer)
    window = show_active(qtbot, MainWindow(desk, officer))
    wizard = window.open_draft(stale)
    assert isinstance(wizard, ek1_wizard.NakitBeyanWizard)
    problem = wizard.paper_problem or ""
    assert problem.startswith(f"{block.numbers[0]} numaralı kâğıt form")
    assert "kayda girilmiş (Hans Müller)" in problem
    page = wizard.currentPage()
    assert isinstance(page, FormPage)
    assert problem in page.page_error.messages()
    # Kaydet names the paper form, never the internal path "paper.number".
    wizard.advance_to(ek1_wizard.REVIEW)
    wizard.next()
    messages = wizard.review_page.page_error.messages()
    assert messages and all(not m.startswith("paper") for m in messages)
    assert any(m.startswith(f"Kâğıt form {block.numbers[0]}: ") for m in messages)


# -- supervisor actions in the ledger -------------------------------------------------------------


def test_ledger_approval_is_never_sent_without_a_password(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    desk.register(ek1(), officer=officer)
    window = show_active(qtbot, MainWindow(desk, officer))
    dialog = open_registers(qtbot, window)
    press(K.Key_M, ALT)  # A&mir (the ledger tab is the first)
    press(K.Key_Tab)
    assert focus_widget() is dialog.ledger_confirm.password
    for _ in range(6):  # more than the lock-out's five: an empty field is no attempt
        press(K.Key_Return)
    assert dialog.ledger_confirm.error.messages() == ("Amirin parolasını yazın.",)
    assert failed_logins(desk) == 0
    assert not officer_of(desk, SUPERVISOR).locked
    type_text("yanlış")
    press(K.Key_Return)
    assert "Amirin parolası hatalı" in dialog.ledger_confirm.error.messages()[0]
    assert failed_logins(desk) == 1
    type_text(SUPERVISOR_PW)
    press(K.Key_Return)
    assert dialog.ledger_done.text() == "1. sayfa onaylandı ve donduruldu."
    assert is_green(dialog.ledger_done) and not dialog.ledger_confirm.error.messages()
    assert not dialog.ledger_message.isVisible()


# -- the bank's check -----------------------------------------------------------------------------


def test_the_bank_check_answers_on_enter_in_turkish_and_offers_to_print(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    record = desk.register(
        ek1(cash=[cash("EUR", "12000.00"), cash("USD", "2500.00")]), officer=officer
    )
    window = show_active(qtbot, MainWindow(desk, officer))
    dialog = open_registers(qtbot, window)
    press(K.Key_B, ALT)  # &Banka doğrulaması
    press(K.Key_N, ALT)  # Form &numarası
    type_text(record.number)
    press(K.Key_Return)  # the number alone: on to the document number, no answer yet
    assert focus_widget() is dialog.bank_document and not dialog.bank_result.isVisible()
    type_text(record.person.id_number)
    press(K.Key_Return)
    answer = dialog.bank_answer
    assert answer is not None and answer["status"] == "genuine"
    text = dialog.bank_result.text()
    day = record.registered_at.date()
    declared = record.valuation.declared_try
    assert declared is not None
    total = money.format_tr(declared)
    assert text.startswith(f"GEÇERLİ: {record.number} ({day:%d.%m.%Y})")
    assert "  • 12.000,00 EUR (Euro)" in text.splitlines()
    assert any(line.startswith("  • 2.500,00 USD") for line in text.splitlines())
    assert f"TL karşılığı: {total} TL" in text and re.search(r"\d\.\d{3},\d{2} TL", total + " TL")
    assert money.format_amount(declared) not in text  # never the raw "483000.00"
    assert day.isoformat() not in text  # never the ISO date
    assert "İptal: hayır, form iptal edilmemiş." in text
    # The print is offered at once: Enter on it opens the printable answer.
    assert dialog.print_answer_button.isEnabled() and dialog.print_answer_button.hasFocus()
    press(K.Key_Return)
    preview = dialog.preview
    assert isinstance(preview, PrintPreviewDialog) and preview.page_count == 1
    close_preview(qtbot, dialog)

    # A changed question has no answer (nor a print) until asked.
    press(K.Key_U, ALT)  # Belge n&umarası
    press(K.Key_End)
    type_text("X")
    assert not dialog.bank_result.isVisible() and not dialog.print_answer_button.isEnabled()

    # A cancelled form says so, with its lines and the moment of the cancellation.
    desk.cancel(
        record.number,
        reason="Yanlış kişi",
        officer_sicil=OFFICER,
        officer_password=OFFICER_PW,
        approver_sicil=SUPERVISOR,
        approver_password=SUPERVISOR_PW,
    )
    press(K.Key_Backspace)
    press(K.Key_Return)
    text = dialog.bank_result.text()
    assert text.startswith(f"İPTAL EDİLMİŞ: {record.number} ({day:%d.%m.%Y})")
    assert "  • 12.000,00 EUR (Euro)" in text.splitlines()
    (cancelled,) = [line for line in text.splitlines() if line.startswith("İptal:")]
    assert re.fullmatch(
        r"İptal: EVET — \d{2}\.\d{2}\.\d{4} \d{2}:\d{2} tarihinde iptal edildi\.", cancelled
    )
    assert RED_HEX in dialog.bank_result.styleSheet()

    # Nothing typed in the document field: said under it, nothing asked.
    press(K.Key_U, ALT)
    press(K.Key_A, Qt.KeyboardModifier.ControlModifier)
    press(K.Key_Delete)
    press(K.Key_Return)
    assert dialog.bank_error.messages() == ("Beyan edenin belge numarasını yazın.",)
    assert dialog.bank_answer is None


# -- the end of a shift ---------------------------------------------------------------------------


def test_shift_end_offline_shows_the_summary_and_the_24_hours_and_sets_the_centre(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    witness = desk.authenticate(WITNESS, WITNESS_PW)
    desk.register(ek1(), officer=officer)
    seized = desk.register(
        ek2(declared=None, detected=[cash("EUR", "9000.00")]), officer=officer, witness=witness
    )
    assert desk.central_url() == ""  # this desk was set up without a central address
    window = show_active(qtbot, MainWindow(desk, officer))
    QTest.keyClick(window, K.Key_V, CTRL_SHIFT)  # Vardiya sonu
    dialog = window.shift_end_dialog
    assert isinstance(dialog, ShiftEndDialog)
    wait_active(qtbot, dialog)

    # The shift summary, always: the officer's day.
    assert f"{datetime.date.today():%d.%m.%Y}" in dialog.summary_box.title()
    assert "Ayşe Yılmaz" in dialog.summary_box.title()
    items = column_cells(dialog.report_table, 0)
    assert "Nakit Beyan Formu — Beyan edildi" in items
    assert "Toplam kayıt (iptal edilenler hariç)" in items

    # What waits for upload, the seizure first with the time left of its 24 hours.
    assert dialog.pending_summary.text() == (
        "2 kayıt merkeze gönderilmeyi bekliyor; 1 el koymanın 24 saati işliyor."
    )
    table = dialog.pending_table
    assert cell(table, 0, 0) == seized.number
    assert cell(table, 0, 1) == "Nakit Açıklama Tutanağı (el koyma)"
    assert re.fullmatch(r"2[34] sa \d+ dk kaldı", cell(table, 0, 4))
    assert cell(table, 1, 4) == "—"
    made = seized.registered_at
    dialog.refresh_pending(now=made + datetime.timedelta(hours=25))
    assert cell(table, 0, 4).startswith("SÜRE GEÇTİ (1 sa")
    assert "1 tanesinin süresi GEÇTİ" in dialog.pending_summary.text()
    dialog.refresh_pending()

    # No address: nothing to send to; a supervisor sets it here, field by field.
    assert not dialog.send_button.isEnabled() and dialog.address_form.isVisible()
    form = dialog.address_form
    press(K.Key_A, ALT)  # Merkez &adresi
    type_text("ftp://merkez.example.org")
    press(K.Key_Return)  # on to the password
    assert focus_widget() is form.confirm.password
    press(K.Key_Return)  # nothing typed: the address is judged first, nothing is sent
    assert form.url_error.messages() == (
        "Merkez adresi https:// ile başlar (ör. https://merkez.gumruk.gov.tr).",
    )
    assert focus_widget() is form.url and failed_logins(desk) == 0
    press(K.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text("https://merkez.example.org")
    press(K.Key_Return)
    press(K.Key_Return)  # still no password: said under it, no failed login
    assert form.confirm.error.messages() == ("Amirin parolasını yazın.",)
    assert failed_logins(desk) == 0 and desk.central_url() == ""
    type_text("yanlış")
    press(K.Key_Return)
    assert "Amirin parolası hatalı" in form.confirm.error.messages()[0]
    assert not form.url_error.messages() and desk.central_url() == ""
    type_text(SUPERVISOR_PW)
    press(K.Key_Return)
    assert desk.central_url() == "https://merkez.example.org"
    assert not form.isVisible() and dialog.send_button.isEnabled()
    assert dialog.central_done.text().startswith("Merkez adresi kaydedildi")
    assert is_green(dialog.central_done)
    # Audited: the change is an event of the chain with the supervisor as its actor.
    changes = [
        (actor, json.loads(payload))
        for actor, payload in events(desk, "setting_changed")
        if json.loads(payload)["key"] == "central_url"
    ]
    assert changes == [(SUPERVISOR, {"key": "central_url", "value": "https://merkez.example.org"})]

    # The summary on paper, for the handover when the centre cannot be reached.
    click(qtbot, dialog.print_button, K.Key_Y)  # Özeti &yazdır
    preview = dialog.preview
    assert isinstance(preview, PrintPreviewDialog) and preview.page_count >= 1
    close_preview(qtbot, dialog)

    # Merkeze &gönder now asks for the desk's token, then uploads.
    click(qtbot, dialog.send_button, K.Key_G)
    assert isinstance(window.token_dialog, TokenDialog)
    window.token_dialog.reject()


def test_send_without_a_central_address_lets_a_supervisor_give_it(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    window = show_active(qtbot, MainWindow(desk, officer))
    QTest.keyClick(window, K.Key_G, CTRL_SHIFT)  # Merkeze gönder
    address = window.address_dialog
    assert isinstance(address, CentralAddressDialog)
    wait_active(qtbot, address)
    assert focus_widget() is address.form.url
    type_text("https://merkez.example.org")
    press(K.Key_Return)
    type_text(SUPERVISOR_PW)
    press(K.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.token_dialog, TokenDialog))
    assert desk.central_url() == "https://merkez.example.org"
    assert window.token_dialog is not None
    window.token_dialog.reject()


# -- the idle lock --------------------------------------------------------------------------------


def test_an_idle_lock_switched_off_on_an_older_desk_is_said_and_not_obeyed(
    qtbot: QtBot, desk: Desk
) -> None:
    supervisor = desk.authenticate(SUPERVISOR, SUPERVISOR_PW)
    with desk.db.transaction() as session:  # as an older version let a supervisor store it
        settings.put(session, settings.IDLE_LOCK_MINUTES, "0", supervisor.sicil)
    assert desk.idle_lock_minutes() == 5
    dialog = show_active(qtbot, SettingsDialog(desk, supervisor))
    press(K.Key_O, ALT)  # &Oturum
    tab = dialog.session_tab
    assert tab.minutes.value() == 5 and tab.minutes.minimum() == 1
    assert tab.overridden.isVisible()
    assert "“0” kayıtlıydı" in tab.overridden.text()
    assert "varsayılan 5 dakika uygulanıyor" in tab.overridden.text()
    # "Off" is not offered: typing 0 leaves the field at its floor of one minute.
    press(K.Key_L, ALT)  # Ki&lit süresi
    press(K.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text("0")
    press(K.Key_Return)
    assert tab.minutes.value() >= 1 and desk.idle_lock_minutes() >= 1
    assert "Kilitlenmez" not in tab.minutes.text()
    press(K.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text("3")
    press(K.Key_Return)
    assert desk.idle_lock_minutes() == 3 and desk.setting(settings.IDLE_LOCK_MINUTES) == "3"
    assert tab.result.text() == "Kaydedildi: masa 3 dakika işlem yapılmazsa kilitlenir."
    assert not tab.overridden.isVisible()
    with pytest.raises(settings.SettingError, match="kapatılamaz"):
        desk.set_idle_lock_minutes(0, supervisor)


# -- amounts in messages --------------------------------------------------------------------------


def test_the_exit_limits_page_before_a_residence_and_its_amounts_in_turkish(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    data = ek2_keys.expected_input(
        direction="exit",
        source_category="other_free",
        declared=[ek2_keys.cash("EUR", "8000.00")],
        detected=[ek2_keys.cash("EUR", "8000.00")],
    )
    wizard = show_active(qtbot, NakitAciklamaWizard(desk, officer, data=data))
    wizard.advance_to(ek2_wizard.STATEMENT)
    wizard.statement_page.told.setChecked(True)
    wizard.advance_to(ek2_wizard.EXIT)
    page = wizard.exit_page
    assert wizard.currentId() == ek2_wizard.EXIT
    # Before a residence is chosen the page says what it waits for, once, in plain words.
    assert page.check.text() == (
        "Yerleşiklik seçilince Türk parası ve yabancı para sınırları burada denetlenir."
    )
    press(K.Key_Return)  # İleri without a residence: refused, said under the field
    assert wizard.currentId() == ek2_wizard.EXIT
    shown = [m for label in page.findChildren(ErrorLabel) for m in label.messages()]
    assert [m for m in shown if "yerleşiklik" in m.lower()] == [
        "Kişinin yerleşiklik durumunu seçin."
    ]
    everything = " ".join([*shown, page.check.text()])
    assert "Boş bırakılamaz" not in everything and "zorunlu" not in everything

    # Türkiye'de yerleşik: the check runs, its amounts in Turkish.
    press(K.Key_Y, ALT)  # &Yerleşiklik
    press(K.Key_Space)
    assert page.residence.value() == "resident"
    check = page.check.text()
    assert "SINIR AŞILDI" in check and "3.714,29 EUR" in check and "3714.29" not in check
    assert re.search(r"Yabancı para: \d{1,3}(\.\d{3})*,\d{2} TL", check)

    # Narrowing the proposed custody is refused, the least amount said the Turkish way.
    click(qtbot, page.widen, K.Key_N)  # El konulacak nakdi ge&nişlet
    assert page.widen.isChecked()
    page.custody_editor.set_lines([{"currency": "EUR", "amount": "3000.00"}])
    wizard.next()
    assert wizard.currentId() == ek2_wizard.EXIT
    (narrowed,) = [m for m in page.custody_error.messages() if "daraltılamaz" in m]
    assert "en az 3.714,29 EUR el konulmalı" in narrowed and "3714.29" not in narrowed


def test_rates_in_the_detail_pane_and_on_the_result_page_are_turkish(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    record = desk.register(ek1(cash=[cash("EUR", "1234.56")]), officer=officer)
    rate = record.valuation.rates["EUR"].try_per_unit
    window = show_active(qtbot, MainWindow(desk, officer))
    assert window.select_number(record.number)
    text = window.detail.browser.toPlainText()
    assert f"EUR {money.format_tr(rate)} (" in text
    assert f"EUR {rate} (" not in text and "1.234,56" in text
    wizard = show_active(
        qtbot,
        NakitAciklamaWizard(
            desk,
            officer,
            data=ek2_keys.expected_input(
                declared=[ek2_keys.cash("EUR", "1000.00")],
                detected=[ek2_keys.cash("EUR", "1000.00")],
            ),
        ),
    )
    wizard.advance_to(ek2_wizard.STATEMENT)
    wizard.statement_page.told.setChecked(True)
    wizard.advance_to(ek2_wizard.RESULT)
    rates = wizard.result_page.values["rates"].text()
    assert f"EUR {money.format_tr(Decimal(rate))}" in rates


def test_an_ek2_back_entry_shows_its_paper_number_and_moment_on_the_result_page(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    block = desk.reserve_paper_block(
        "nakit_aciklama", 1, supervisor_sicil=SUPERVISOR, supervisor_password=SUPERVISOR_PW
    )
    filled = datetime.datetime.now().replace(second=0, microsecond=0) - datetime.timedelta(hours=2)
    paper = {
        "number": block.numbers[0],
        "ledger_page": 4,
        "ledger_line": 9,
        "filled_at": filled.isoformat(timespec="minutes"),
    }
    data = ek2_keys.expected_input(
        declared=[ek2_keys.cash("EUR", "1000.00")], detected=[ek2_keys.cash("EUR", "1000.00")]
    )
    wizard = show_active(qtbot, NakitAciklamaWizard(desk, officer, data=data, paper=paper))
    wizard.advance_to(ek2_wizard.STATEMENT)
    wizard.statement_page.told.setChecked(True)
    wizard.advance_to(ek2_wizard.RESULT)
    shown = wizard.result_page.values["paper"]
    assert shown.isVisible()
    assert shown.text() == (
        f"NO: {block.numbers[0]} — {filled:%d.%m.%Y %H:%M} tarihinde dolduruldu "
        "(defter sayfa 4, satır 9)"
    )
    # A form filled at the desk has no such row.
    other = show_active(qtbot, NakitAciklamaWizard(desk, officer, data=data))
    other.advance_to(ek2_wizard.STATEMENT)
    other.statement_page.told.setChecked(True)
    other.advance_to(ek2_wizard.RESULT)
    assert not other.result_page.values["paper"].isVisible()


def test_a_sync_after_vardiya_sonu_was_closed_does_not_reach_for_it(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    window = show_active(qtbot, MainWindow(desk, officer))
    dialog = window.end_shift()
    qtbot.waitExposed(dialog)
    dialog.close()  # deleted on close
    qtbot.waitUntil(lambda: window.shift_end_dialog is None)
    window._after_sync()  # what every later upload runs: no deleted dialog is touched
