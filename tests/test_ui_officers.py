"""The officer's day in the window, driven by keyboard over a real register: logging out and
another officer logging in without a restart (open forms asked about and kept as drafts, the
idle lock for the new officer), the supervisors' Memurlar dialog, and the login's answers."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from ek1_keys import focus_widget, key_target, press, type_text
from factories import ek1
from gumruk_desk.register.officers import MAX_FAILED_ATTEMPTS, AuthError
from gumruk_desk.register.settings import MAX_IDLE_LOCK_MINUTES
from gumruk_desk.services import Desk
from gumruk_desk.ui.app import DeskSession, application
from gumruk_desk.ui.drafts_dialog import DraftsDialog
from gumruk_desk.ui.form_wizard.wizard import FormWizard
from gumruk_desk.ui.idle_lock import LockDialog
from gumruk_desk.ui.login_dialog import LoginDialog
from gumruk_desk.ui.main_window import MainWindow
from gumruk_desk.ui.officers_dialog import OfficerActionDialog, OfficersDialog
from register_fixtures import (
    OFFICER,
    OFFICER_PW,
    SUPERVISOR,
    SUPERVISOR_PW,
    WITNESS,
    WITNESS_PW,
    officer_of,
)
from test_officers import add_supervisor
from widget_support import cell, child, row_cells
from wizard_support import show_active

K = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
#: An idle-lock "minute" in the session tests: long enough that typing never races it.
MINUTE_MS = 400


@pytest.fixture(autouse=True)
def app() -> QApplication:
    return application()


@pytest.fixture
def supervisor(desk: Desk) -> Any:
    return desk.authenticate(SUPERVISOR, SUPERVISOR_PW)


def active(qtbot: QtBot, widget: QWidget) -> None:
    """Wait until ``widget`` has the keyboard, as a window manager would give it."""
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def alt(qtbot: QtBot, key: Qt.Key, done: Any) -> None:
    """Alt+letter: Qt animates the button's press before it clicks."""
    press(key, ALT)
    qtbot.waitUntil(done)


# -- logging out -----------------------------------------------------------------------------------


@pytest.fixture
def session(qtbot: QtBot, desk: Desk, supervisor: Any) -> Iterator[DeskSession]:
    desk.set_idle_lock_minutes(MAX_IDLE_LOCK_MINUTES, supervisor)  # no lock until asked
    ended: list[int] = []
    opened = DeskSession(desk, idle_minute_ms=MINUTE_MS, on_finished=ended.append)
    opened.start()
    yield opened
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, FormWizard) and widget.isVisible():
            widget.reject()
    if opened.idle_lock is not None:
        opened.idle_lock.end()
    window = opened.main_window
    if window is not None:
        window.close()
    if isinstance(opened.dialog, LoginDialog):
        opened.dialog.hide()


def log_in(qtbot: QtBot, session: DeskSession, sicil: str, password: str) -> MainWindow:
    login = session.dialog
    assert isinstance(login, LoginDialog)
    active(qtbot, login)
    type_text(sicil + "\n")
    type_text(password + "\n")
    window = session.main_window
    assert isinstance(window, MainWindow)
    active(qtbot, window)
    return window


def logged_in_name(window: MainWindow) -> str:
    return window.status.officer_label.text()


def test_an_officer_logs_out_with_ctrl_shift_l_and_another_logs_in(
    qtbot: QtBot, session: DeskSession, desk: Desk
) -> None:
    first = desk.authenticate(OFFICER, OFFICER_PW)
    desk.register(ek1(), officer=first)
    pending = desk.status().pending_upload
    assert pending == 1
    window = log_in(qtbot, session, OFFICER, OFFICER_PW)
    assert "Ayşe Yılmaz" in logged_in_name(window)
    with qtbot.waitSignal(window.destroyed):
        press(K.Key_L, CTRL_SHIFT)  # no form open: nothing to ask
        qtbot.waitUntil(lambda: isinstance(session.dialog, LoginDialog))
    assert session.main_window is None and session.officer is None
    second = log_in(qtbot, session, WITNESS, WITNESS_PW)
    assert second is not window
    assert "Mehmet Öztürk" in logged_in_name(second)
    assert session.officer is not None and session.officer.sicil == WITNESS
    assert session.idle_lock is not None and session.idle_lock.officer.sicil == WITNESS
    # Nothing registered is lost; what waits for upload still waits.
    assert desk.status().pending_upload == pending
    assert desk.verify().ok


def start_form(qtbot: QtBot, window: MainWindow) -> FormWizard:
    press(K.Key_N, Qt.KeyboardModifier.ControlModifier)
    wizard = window.wizard
    assert isinstance(wizard, FormWizard)
    active(qtbot, wizard)
    press(K.Key_Space)  # the first choice of the first page: the form now holds data
    assert wizard.holds_data()
    return wizard


def idle_until_locked(
    qtbot: QtBot, session: DeskSession, desk: Desk, supervisor: Any
) -> LockDialog:
    desk.set_idle_lock_minutes(1, supervisor)  # read again within half a "minute"
    lock = session.idle_lock
    assert lock is not None
    qtbot.waitUntil(lambda: lock.is_locked, timeout=10_000)
    desk.set_idle_lock_minutes(MAX_IDLE_LOCK_MINUTES, supervisor)
    dialog = lock.dialog
    assert isinstance(dialog, LockDialog)
    active(qtbot, dialog)
    return dialog


def logout_question(qtbot: QtBot, session: DeskSession) -> QMessageBox:
    qtbot.waitUntil(lambda: session.logout_question is not None)
    box = session.logout_question
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    active(qtbot, box)
    return box


def test_at_the_lock_screen_the_session_is_closed_and_the_form_kept_as_a_draft(
    qtbot: QtBot, session: DeskSession, desk: Desk, supervisor: Any
) -> None:
    window = log_in(qtbot, session, OFFICER, OFFICER_PW)
    start_form(qtbot, window)
    lock_dialog = idle_until_locked(qtbot, session, desk, supervisor)
    assert lock_dialog.logout_button.isVisible()
    press(K.Key_O, ALT)  # Oturumu kapat: the open form is asked about first
    box = logout_question(qtbot, session)
    assert "Nakit Beyan Formu" in box.text() and "taslak" in box.text()
    assert box.defaultButton() is not None and box.defaultButton().objectName() == "confirmNo"
    press(K.Key_O, ALT)  # "Oturumu kapat (taslak saklanır)"
    qtbot.waitUntil(lambda: isinstance(session.dialog, LoginDialog), timeout=5000)
    assert [d.officer_sicil for d in desk.drafts()] == [OFFICER]  # the form is a draft
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, LockDialog) and w.isVisible()
    ]

    # The next officer works in a new window, and the idle lock watches over them now.
    second = log_in(qtbot, session, WITNESS, WITNESS_PW)
    assert "Mehmet Öztürk" in logged_in_name(second)
    assert session.drafts_dialog is None  # the first officer's draft is not offered to them
    lock_dialog = idle_until_locked(qtbot, session, desk, supervisor)
    assert "Mehmet Öztürk" in lock_dialog.message.text()
    type_text(OFFICER_PW + "\n")  # the previous officer's password opens nothing
    assert session.idle_lock is not None and session.idle_lock.is_locked
    type_text(WITNESS_PW)
    with qtbot.waitSignal(session.idle_lock.unlocked):
        press(K.Key_Return)

    # Back to the first officer: their draft is offered at login.
    active(qtbot, second)
    press(K.Key_L, CTRL_SHIFT)
    qtbot.waitUntil(lambda: isinstance(session.dialog, LoginDialog))
    log_in(qtbot, session, OFFICER, OFFICER_PW)
    qtbot.waitUntil(lambda: isinstance(session.drafts_dialog, DraftsDialog))
    assert desk.verify().ok


def test_declining_the_question_keeps_the_session_and_the_form(
    qtbot: QtBot, session: DeskSession, desk: Desk, supervisor: Any
) -> None:
    window = log_in(qtbot, session, OFFICER, OFFICER_PW)
    wizard = start_form(qtbot, window)
    lock_dialog = idle_until_locked(qtbot, session, desk, supervisor)
    press(K.Key_O, ALT)
    box = logout_question(qtbot, session)
    press(K.Key_Escape)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert session.main_window is window and session.idle_lock is not None
    assert session.idle_lock.is_locked  # still locked: only the password opens it
    active(qtbot, lock_dialog)
    type_text(OFFICER_PW)
    with qtbot.waitSignal(session.idle_lock.unlocked):
        press(K.Key_Return)
    assert wizard.isVisible() and wizard.holds_data()


# -- Memurlar ------------------------------------------------------------------------------------


def open_officers(qtbot: QtBot, desk: Desk, sicil: str, password: str) -> OfficersDialog:
    """The dialog from the menu of a main window of ``sicil``: Alt+Y opens Kayıt, → moves on
    to Yönetim (whose own letter, Ö, QTest cannot type), M chooses Memurlar."""
    window = MainWindow(desk, desk.authenticate(sicil, password))
    show_active(qtbot, window)
    press(K.Key_Y, ALT)
    for _ in range(len(window.menuBar().actions())):
        qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        if menu.title().replace("&", "") == "Yönetim":
            break
        press(K.Key_Right)
        qtbot.waitUntil(partial(_replaced, menu))
    press(K.Key_M)
    qtbot.waitUntil(lambda: isinstance(window.officers_dialog, OfficersDialog))
    dialog = window.officers_dialog
    assert isinstance(dialog, OfficersDialog)
    active(qtbot, dialog)
    assert focus_widget() is dialog.table
    return dialog


def selected_sicil(dialog: OfficersDialog) -> str | None:
    selected = dialog.selected()
    return None if selected is None else selected.sicil


def _replaced(popup: QWidget) -> bool:
    return QApplication.activePopupWidget() is not popup


def cells(dialog: OfficersDialog) -> dict[str, list[str]]:
    table = dialog.table
    return {cell(table, r, 0): row_cells(table, r) for r in range(table.rowCount())}


def choose(qtbot: QtBot, dialog: OfficersDialog, sicil: str) -> None:
    """Arrow keys to the officer's row."""
    press(K.Key_Home, Qt.KeyboardModifier.ControlModifier)  # the first row
    while (selected := dialog.selected()) is None or selected.sicil != sicil:
        before = selected
        press(K.Key_Down)
        assert dialog.selected() is not before, f"{sicil} is not in the list"


def action(qtbot: QtBot, dialog: OfficersDialog, key: Qt.Key) -> OfficerActionDialog:
    previous = dialog.action_dialog
    alt(qtbot, key, lambda: dialog.action_dialog is not previous)
    opened = dialog.action_dialog
    assert isinstance(opened, OfficerActionDialog)
    active(qtbot, opened)
    return opened


def test_the_list_shows_each_officers_role_state_and_failures(qtbot: QtBot, desk: Desk) -> None:
    for _ in range(2):
        with pytest.raises(AuthError):
            desk.authenticate(OFFICER, "yanlış-parola")
    dialog = open_officers(qtbot, desk, SUPERVISOR, SUPERVISOR_PW)
    rows = cells(dialog)
    assert rows[OFFICER] == [
        OFFICER,
        "Ayşe Yılmaz",
        "Gümrük Muhafaza Memuru",
        "Memur",
        "etkin",
        f"2 / {MAX_FAILED_ATTEMPTS}",
    ]
    assert rows[SUPERVISOR][3:5] == ["İdare amiri", "etkin · oturum açık"]
    # The logged-in supervisor's own row: no deactivation, and the hint says why.
    assert selected_sicil(dialog) == SUPERVISOR
    assert not dialog.deactivate_button.isEnabled()
    assert "oturumu açık olan hesap devre dışı bırakılamaz" in dialog.hint.text()
    choose(qtbot, dialog, OFFICER)
    assert dialog.deactivate_button.isEnabled() and dialog.unlock_button.isEnabled()
    assert "3 hatalı giriş daha hesabı kilitler" in dialog.hint.text()


def test_a_supervisor_adds_an_officer(qtbot: QtBot, desk: Desk) -> None:
    dialog = open_officers(qtbot, desk, SUPERVISOR, SUPERVISOR_PW)
    add = action(qtbot, dialog, K.Key_E)
    assert focus_widget() is add.inputs["sicil"]
    assert add.supervisor.currentData() == SUPERVISOR  # the logged-in supervisor, preselected
    type_text("12347\nElif Aydın\nGümrük Muhafaza Memuru\n")
    assert focus_widget() is add.inputs["supervisor"]  # the role box: Enter moves on
    type_text("\nparola-12347\nparola-1234X\n")
    assert focus_widget() is add.password  # the supervisor is chosen already: passed over
    type_text(SUPERVISOR_PW + "\n")
    # The two passwords differ: said under the second, nothing asked of the register.
    assert add.isVisible()
    assert add.errors["password2"].text().startswith("Parolalar aynı değil")
    # Every password is cleared; the new one is typed again from its first field.
    assert [add.password.text(), add.inputs["password"].text()] == ["", ""]
    assert desk.officer("12347") is None
    assert focus_widget() is add.inputs["password"]
    type_text("kısa\nkısa\n" + SUPERVISOR_PW + "\n")
    assert add.errors["password"].text() == "Parola en az 8 karakter olmalı."
    assert focus_widget() is add.inputs["password"]
    type_text("parola-12347\nparola-12347\nyanlış-parola\n")
    assert "4 deneme hakkınız kaldı" in add.password_error.text()
    # A wrong supervisor's password: only that one is asked again.
    assert focus_widget() is add.password
    assert add.inputs["password"].text() == "parola-12347"
    type_text(SUPERVISOR_PW + "\n")
    qtbot.waitUntil(lambda: not add.isVisible())
    assert dialog.message.text() == "12347 sicilli memur eklendi: Elif Aydın."
    assert cells(dialog)["12347"][1:5] == ["Elif Aydın", "Gümrük Muhafaza Memuru", "Memur", "etkin"]
    assert selected_sicil(dialog) == "12347"
    assert desk.authenticate("12347", "parola-12347").name == "Elif Aydın"
    assert desk.verify().ok


def test_a_supervisor_resets_a_forgotten_password(qtbot: QtBot, desk: Desk) -> None:
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthError):
            desk.authenticate(OFFICER, "yanlış-parola")
    dialog = open_officers(qtbot, desk, SUPERVISOR, SUPERVISOR_PW)
    choose(qtbot, dialog, OFFICER)
    assert cells(dialog)[OFFICER][4] == "kilitli"
    assert "kilitli" in dialog.hint.text()
    reset = action(qtbot, dialog, K.Key_P)
    assert "Ayşe Yılmaz (12345)" in child(reset, QLabel, "intro").text()
    type_text("yeni-parola-1\nyeni-parola-1\n" + SUPERVISOR_PW + "\n")
    qtbot.waitUntil(lambda: not reset.isVisible())
    assert dialog.message.text() == "12345 sicilli memurun parolası yenilendi; hesap açık."
    assert cells(dialog)[OFFICER][4:] == ["etkin", f"0 / {MAX_FAILED_ATTEMPTS}"]
    assert desk.authenticate(OFFICER, "yeni-parola-1").sicil == OFFICER
    assert desk.verify().ok


def test_an_officer_calls_a_supervisor_to_unlock_their_account(qtbot: QtBot, desk: Desk) -> None:
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthError):
            desk.authenticate(WITNESS, "yanlış-parola")
    # Any officer may open the list; the change needs a supervisor's password all the same.
    dialog = open_officers(qtbot, desk, OFFICER, OFFICER_PW)
    choose(qtbot, dialog, WITNESS)
    unlock = action(qtbot, dialog, K.Key_K)
    assert unlock.supervisor.currentData() == SUPERVISOR  # the only one who can sign
    assert focus_widget() is unlock.password
    type_text(OFFICER_PW + "\n")  # an officer's own password does not do
    assert "Sicil veya parola hatalı (90001)" in unlock.password_error.text()
    type_text(SUPERVISOR_PW + "\n")
    qtbot.waitUntil(lambda: not unlock.isVisible())
    assert dialog.message.text() == "12346 sicilli memurun kilidi açıldı."
    assert cells(dialog)[WITNESS][4] == "etkin"
    assert not dialog.unlock_button.isEnabled()  # nothing left to unlock
    assert desk.authenticate(WITNESS, WITNESS_PW).sicil == WITNESS
    assert desk.verify().ok


def test_a_supervisor_deactivates_an_account_and_it_cannot_log_in(qtbot: QtBot, desk: Desk) -> None:
    dialog = open_officers(qtbot, desk, SUPERVISOR, SUPERVISOR_PW)
    choose(qtbot, dialog, WITNESS)
    deactivate = action(qtbot, dialog, K.Key_D)
    intro = child(deactivate, QLabel, "intro").text()
    assert "geri alınamaz" in intro and "taslakları silinmez" in intro
    type_text("Tayin\n" + SUPERVISOR_PW + "\n")
    qtbot.waitUntil(lambda: not deactivate.isVisible())
    today = datetime.date.today().strftime("%d.%m.%Y")
    assert cells(dialog)[WITNESS][4] == f"devre dışı ({today})"
    assert not dialog.reset_button.isEnabled() and not dialog.deactivate_button.isEnabled()
    assert "giriş yapamaz" in dialog.hint.text()
    assert desk.verify().ok
    press(K.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    login = LoginDialog(desk)
    show_active(qtbot, login)
    type_text(f"{WITNESS}\n{WITNESS_PW}\n")
    assert login.officer is None and login.isVisible()
    assert "devre dışı bırakıldı" in login.error.text()
    assert "giriş yapılamaz" in login.error.text()


def test_the_last_supervisor_stays(qtbot: QtBot, desk: Desk) -> None:
    dialog = open_officers(qtbot, desk, OFFICER, OFFICER_PW)
    choose(qtbot, dialog, SUPERVISOR)
    deactivate = action(qtbot, dialog, K.Key_D)
    type_text("\n" + SUPERVISOR_PW + "\n")  # no reason given
    assert deactivate.isVisible()
    assert "etkin son idare amiri" in deactivate.general.text()
    assert officer_of(desk, SUPERVISOR).active


# -- the login -----------------------------------------------------------------------------------


def test_the_login_counts_down_and_answers_an_unknown_sicil_alike(qtbot: QtBot, desk: Desk) -> None:
    def answers(sicil: str) -> list[str]:
        login = LoginDialog(desk)
        show_active(qtbot, login)
        type_text(sicil + "\n")
        said = []
        for _ in range(MAX_FAILED_ATTEMPTS + 1):
            type_text("yanlış-parola\n")
            assert key_target() is login.password
            said.append(login.error.text().replace(sicil, "S"))
        login.hide()
        return said

    known = answers(OFFICER)
    assert (
        known[0]
        == "Sicil veya parola hatalı (S). Hesap kilitlenmeden önce 4 deneme hakkınız kaldı."
    )
    assert "1 deneme hakkınız kaldı" in known[3]
    assert "kilitli" in known[4] and "Zeynep Kaya" in known[4]
    assert answers("55555") == known


def test_a_deactivated_supervisor_is_not_offered_to_approve(qtbot: QtBot, desk: Desk) -> None:
    from gumruk_desk.ui.cancel_dialog import CancelDialog

    officer = desk.authenticate(OFFICER, OFFICER_PW)
    content = desk.register(ek1(), officer=officer)
    add_supervisor(desk)  # 90002

    def approvers() -> list[str]:
        dialog = CancelDialog(desk, officer, content)
        qtbot.addWidget(dialog)
        return [dialog.approver.itemData(i) for i in range(dialog.approver.count())]

    assert approvers() == [SUPERVISOR, "90002"]
    desk.deactivate_officer("90002", SUPERVISOR, SUPERVISOR_PW)
    assert approvers() == [SUPERVISOR]
