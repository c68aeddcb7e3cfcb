"""First run, login, the idle lock, the drafts offer and the whole start-up flow — driven with
key events on real widgets over a real register in a temporary home."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget, QWizard
from pytestqt.qtbot import QtBot

from factories import ek1
from gumruk_desk.domain.problems import Problem
from gumruk_desk.register import settings
from gumruk_desk.register.demo import DEMO_OFFICERS
from gumruk_desk.register.models import Officer
from gumruk_desk.register.officers import OfficerError
from gumruk_desk.register.settings import MAX_IDLE_LOCK_MINUTES, SettingError
from gumruk_desk.register.station import StationError
from gumruk_desk.services import Desk
from gumruk_desk.ui.app import DeskSession, application
from gumruk_desk.ui.drafts_dialog import DraftsDialog
from gumruk_desk.ui.form_wizard.wizard import FormWizard
from gumruk_desk.ui.idle_lock import IdleLock, LockDialog
from gumruk_desk.ui.login_dialog import LoginDialog
from gumruk_desk.ui.main_window import MainWindow
from gumruk_desk.ui.setup_wizard import SetupWizard
from register_fixtures import (
    OFFICER,
    OFFICER_PW,
    SUPERVISOR,
    SUPERVISOR_PW,
    WITNESS,
    WITNESS_PW,
)
from widget_support import cell, row_cells

PASSWORD = "amir-parola-9"


@pytest.fixture(autouse=True)
def app() -> QApplication:
    return application()


@pytest.fixture
def fresh_desk(tmp_path: Path) -> Iterator[Desk]:
    """A register that has never been set up (the first run)."""
    with Desk(tmp_path / "first-run", create=True) as desk:
        yield desk


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_text(qtbot: QtBot, text: str) -> None:
    """Type into whatever has the focus, like an officer at the keyboard.

    QTest can only type ASCII (it asserts on ş, İ …); other letters are sent as the key
    events a Turkish keyboard layout produces: an unknown key code carrying the text."""
    for char in text:
        widget = focused()
        if char.isascii():
            QTest.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(focused(), key, modifier)


def show_active(qtbot: QtBot, widget: QWidget) -> None:
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def open_wizard(qtbot: QtBot, desk: Desk) -> SetupWizard:
    wizard = SetupWizard(desk)
    qtbot.addWidget(wizard)
    show_active(qtbot, wizard)
    return wizard


def choose(qtbot: QtBot, wizard: SetupWizard, mnemonic: Qt.Key) -> None:
    """Alt+D (demo) or Alt+G (real) on the first page; a mnemonic clicks after a short
    animation, so wait for the choice to register."""
    assert focused() is wizard.choice_page.demo_button  # focus lands on the first choice
    press(qtbot, mnemonic, Qt.KeyboardModifier.AltModifier)
    button = (
        wizard.choice_page.demo_button
        if mnemonic == Qt.Key.Key_D
        else wizard.choice_page.real_button
    )
    qtbot.waitUntil(button.isChecked)


def fill_station(
    qtbot: QtBot,
    wizard: SetupWizard,
    code: str = "GM01",
    url: str = "https://merkez.example.gov.tr/nakit",
) -> None:
    assert wizard.currentId() == SetupWizard.PAGE_STATION
    assert focused() is wizard.station_page.office_code
    for text in (code, "İstanbul Havalimanı Gümrük Müdürlüğü", "M1", "Dış Hatlar Geliş Salonu"):
        type_text(qtbot, text)
        press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, url)


def fill_supervisor(qtbot: QtBot, wizard: SetupWizard, again: str = PASSWORD) -> None:
    assert wizard.currentId() == SetupWizard.PAGE_SUPERVISOR
    assert focused() is wizard.supervisor_page.sicil
    for text in ("90009", "Şükran Işıkoğlu", "Gümrük Muhafaza Müdür Yardımcısı", PASSWORD):
        type_text(qtbot, text)
        press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, again)


def keep_recovery(qtbot: QtBot, wizard: SetupWizard) -> None:
    """On the last page: the recovery key is shown and Bitir waits for the tick (Alt+N)."""
    assert wizard.currentId() == SetupWizard.PAGE_DONE
    page = wizard.done_page
    assert page.recovery and page.recovery_key.isVisible()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.kept.isChecked)
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


# -- application -------------------------------------------------------------------------------


def test_the_application_font_is_the_bundled_dejavu_sans(app: QApplication) -> None:
    from PySide6.QtGui import QFontDatabase, QFontInfo

    from gumruk_desk.resources import resource_path
    from gumruk_desk.ui.app import fonts_dir

    assert fonts_dir() == resource_path("fonts")
    assert "DejaVu Sans" in QFontDatabase.families()
    info = QFontInfo(app.font())
    assert info.family() == "DejaVu Sans"
    assert app.font().pointSize() == 10
    assert app.style().name().lower() == "fusion"
    # Every Turkish letter is drawn by the font itself, not by a fallback.
    from PySide6.QtGui import QRawFont

    raw = QRawFont.fromFont(app.font())
    assert all(raw.supportsCharacter(ord(c)) for c in "ğĞşŞıİçÇöÖüÜ")


# -- set-up wizard -------------------------------------------------------------------------------


def test_demo_station_in_one_step_with_keys(qtbot: QtBot, fresh_desk: Desk) -> None:
    wizard = open_wizard(qtbot, fresh_desk)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # a deliberate choice
    choose(qtbot, wizard, Qt.Key.Key_D)
    press(qtbot, Qt.Key.Key_Return)

    assert wizard.currentId() == SetupWizard.PAGE_DONE
    station = fresh_desk.station()
    assert station.demo
    assert station.office_code == "DEMO"
    assert {o.sicil for o in fresh_desk.officers()} == {o.sicil for o in DEMO_OFFICERS}
    assert fresh_desk.latest_bulletin_date() is not None
    # The final page shows who can log in, with the passwords.
    table = wizard.done_page.officers
    shown = {(cell(table, r, 0), cell(table, r, 4)) for r in range(table.rowCount())}
    assert shown == {(o.sicil, o.password) for o in DEMO_OFFICERS}
    assert "DEMO" in wizard.done_page.summary.text()
    first = DEMO_OFFICERS[0]
    assert fresh_desk.authenticate(first.sicil, first.password).sicil == first.sicil

    keep_recovery(qtbot, wizard)
    press(qtbot, Qt.Key.Key_Return)  # "Giriş ekranına geç"
    assert wizard.result() == QDialog.DialogCode.Accepted


def test_real_station_and_first_supervisor_with_keys(qtbot: QtBot, fresh_desk: Desk) -> None:
    wizard = open_wizard(qtbot, fresh_desk)
    choose(qtbot, wizard, Qt.Key.Key_G)
    press(qtbot, Qt.Key.Key_Return)
    fill_station(qtbot, wizard)
    press(qtbot, Qt.Key.Key_Return)
    assert not fresh_desk.is_set_up()  # nothing is stored before the last step
    fill_supervisor(qtbot, wizard)
    press(qtbot, Qt.Key.Key_Return)

    assert wizard.currentId() == SetupWizard.PAGE_DONE
    station = fresh_desk.station()
    assert (station.office_code, station.desk_code, station.demo) == ("GM01", "M1", False)
    assert station.office_name == "İstanbul Havalimanı Gümrük Müdürlüğü"
    assert station.customs_area == "Dış Hatlar Geliş Salonu"
    assert station.central_url == "https://merkez.example.gov.tr/nakit"
    supervisor = fresh_desk.authenticate("90009", PASSWORD)
    assert supervisor.role == "supervisor"
    assert supervisor.name == "Şükran Işıkoğlu"
    assert "90009" in wizard.done_page.summary.text()
    assert not wizard.done_page.officers.isVisibleTo(wizard)


def test_required_station_fields_are_named_under_each_field(qtbot: QtBot, fresh_desk: Desk) -> None:
    wizard = open_wizard(qtbot, fresh_desk)
    choose(qtbot, wizard, Qt.Key.Key_G)
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "GM01")
    press(qtbot, Qt.Key.Key_Return)

    page = wizard.station_page
    assert wizard.currentId() == SetupWizard.PAGE_STATION
    assert page.errors["office_name"].isVisibleTo(wizard)
    assert page.errors["office_name"].text() == "Bu alan zorunludur."
    assert page.errors["desk"].text() == "Bu alan zorunludur."
    assert not page.errors["office_code"].isVisibleTo(wizard)
    assert not page.errors["customs_area"].isVisibleTo(wizard)
    assert focused() is page.office_name  # straight to the first field to fix


def test_station_error_from_the_service_goes_back_under_its_field(
    qtbot: QtBot, fresh_desk: Desk
) -> None:
    wizard = open_wizard(qtbot, fresh_desk)
    choose(qtbot, wizard, Qt.Key.Key_G)
    press(qtbot, Qt.Key.Key_Return)
    fill_station(qtbot, wizard, code="GM 01!", url="merkez")  # a URL that is none
    press(qtbot, Qt.Key.Key_Return)
    fill_supervisor(qtbot, wizard)
    press(qtbot, Qt.Key.Key_Return)

    page = wizard.station_page
    assert wizard.currentId() == SetupWizard.PAGE_STATION
    assert "Gümrük idaresi kodu" in page.errors["office_code"].text()
    assert "Merkez adresi" in page.errors["central_url"].text()
    assert not page.errors["desk"].isVisibleTo(wizard)
    assert focused() is page.office_code
    assert not fresh_desk.is_set_up()

    # Fixed, the same supervisor (kept as typed) completes the set-up.
    page.office_code.selectAll()
    type_text(qtbot, "GM01")
    page.central_url.clear()
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.supervisor_page.sicil.text() == "90009"
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == SetupWizard.PAGE_DONE
    assert fresh_desk.station().office_code == "GM01"


def test_supervisor_errors_appear_under_their_fields(qtbot: QtBot, fresh_desk: Desk) -> None:
    wizard = open_wizard(qtbot, fresh_desk)
    choose(qtbot, wizard, Qt.Key.Key_G)
    press(qtbot, Qt.Key.Key_Return)
    fill_station(qtbot, wizard)
    press(qtbot, Qt.Key.Key_Return)
    fill_supervisor(qtbot, wizard, again="başka-parola")
    press(qtbot, Qt.Key.Key_Return)

    page = wizard.supervisor_page
    assert page.errors["password_again"].text() == "İki parola aynı değil."
    assert wizard.currentId() == SetupWizard.PAGE_SUPERVISOR

    # A password the service refuses: its Turkish reason under the password field.
    for field in (page.password, page.password_again):
        field.setText("kısa")
    page.sicil.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert "Parola en az 8 karakter" in page.errors["password"].text()
    assert not page.errors["password_again"].isVisibleTo(wizard)
    assert not page.errors["sicil"].isVisibleTo(wizard)
    assert focused() is page.password
    assert not fresh_desk.is_set_up()  # neither the station nor the supervisor was stored


def test_every_problem_the_service_finds_has_a_field_on_its_page(
    qtbot: QtBot, fresh_desk: Desk
) -> None:
    """Messages go to fields by their paths, not their wording: every path the service gives
    for a station or a supervisor is a field the set-up pages show it under."""
    wizard = SetupWizard(fresh_desk)
    qtbot.addWidget(wizard)
    with pytest.raises(StationError) as station:
        fresh_desk.setup_station(
            office_code="gm 01",
            office_name="",
            desk="m-1",
            customs_area="S" * 101,
            central_url="ftp://merkez",
            supervisor_sicil="90001",
            supervisor_name="Zeynep Kaya",
            supervisor_title="Müdür Yardımcısı",
            supervisor_password="amir-parola-1",
        )
    paths = {p.path for p in station.value.problems}
    assert paths == {"office_code", "office_name", "desk", "customs_area", "central_url"}
    routed = station.value.by_field(wizard.station_page.errors)
    assert "" not in routed and set(routed) == paths
    with pytest.raises(OfficerError) as officer:
        fresh_desk.setup_station(
            office_code="GM01",
            office_name="İstanbul Havalimanı Gümrük Müdürlüğü",
            desk="M1",
            supervisor_sicil="9000-1",
            supervisor_name=" ",
            supervisor_title="T" * 61,
            supervisor_password="kısa",
        )
    paths = {p.path for p in officer.value.problems}
    assert paths == {"sicil", "name", "title", "password"}
    assert set(officer.value.by_field(wizard.supervisor_page.errors)) == paths
    assert not fresh_desk.is_set_up()


def test_problems_go_to_their_fields_whatever_their_words() -> None:
    error = StationError(
        [
            Problem("desk", "Bambaşka bir cümle."),
            Problem("office_code", "İkinci."),
            Problem("desk", "Üçüncü."),
            Problem("rate_column", "Bu sayfada alanı yok."),
        ]
    )
    assert error.by_field({"desk", "office_code"}) == {
        "desk": ["Bambaşka bir cümle.", "Üçüncü."],
        "office_code": ["İkinci."],
        "": ["Bu sayfada alanı yok."],
    }
    assert str(error) == "Bambaşka bir cümle. İkinci. Üçüncü. Bu sayfada alanı yok."


# -- login -----------------------------------------------------------------------------------------


def open_login(qtbot: QtBot, desk: Desk) -> LoginDialog:
    dialog = LoginDialog(desk)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    return dialog


def test_login_with_enter_from_field_to_field(qtbot: QtBot, desk: Desk) -> None:
    dialog = open_login(qtbot, desk)
    assert focused() is dialog.sicil
    type_text(qtbot, OFFICER)
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is dialog.password  # Enter moves on; it does not log in half-typed
    assert dialog.isVisible()
    type_text(qtbot, OFFICER_PW)
    with qtbot.waitSignal(dialog.accepted):
        press(qtbot, Qt.Key.Key_Return)
    assert dialog.officer is not None
    assert dialog.officer.sicil == OFFICER
    assert dialog.password.text() == ""


def test_wrong_password_is_answered_under_the_field(qtbot: QtBot, desk: Desk) -> None:
    dialog = open_login(qtbot, desk)
    type_text(qtbot, OFFICER)
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "yanlış-parola")
    press(qtbot, Qt.Key.Key_Return)

    assert dialog.isVisible()
    assert dialog.officer is None
    assert dialog.error.isVisibleTo(dialog)
    assert dialog.error.text() == (
        f"Sicil veya parola hatalı ({OFFICER}). Hesap kilitlenmeden önce 4 deneme hakkınız kaldı."
    )
    assert dialog.password.text() == ""
    assert focused() is dialog.password


def test_five_wrong_passwords_lock_the_account(qtbot: QtBot, desk: Desk) -> None:
    dialog = open_login(qtbot, desk)
    type_text(qtbot, OFFICER)
    press(qtbot, Qt.Key.Key_Return)
    for _ in range(5):
        type_text(qtbot, "yanlış-parola")
        press(qtbot, Qt.Key.Key_Return)
    assert "kilitli" in dialog.error.text()
    assert "idare amiri" in dialog.error.text()
    # Locked means locked: the right password is refused too.
    type_text(qtbot, OFFICER_PW)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.officer is None
    assert "kilitli" in dialog.error.text()


def test_empty_sicil_is_asked_for(qtbot: QtBot, desk: Desk) -> None:
    dialog = open_login(qtbot, desk)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.sicil_error.text() == "Sicil numaranızı yazın."
    assert dialog.isVisible()


def test_demo_station_login_shows_the_demo_accounts(qtbot: QtBot, fresh_desk: Desk) -> None:
    fresh_desk.init_demo()
    dialog = open_login(qtbot, fresh_desk)
    assert dialog.demo_banner.isVisible()
    assert dialog.demo_hint.isVisible()
    for officer in DEMO_OFFICERS:
        assert f"{officer.sicil} / {officer.password}" in dialog.demo_hint.text()
    type_text(qtbot, DEMO_OFFICERS[0].sicil)
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, DEMO_OFFICERS[0].password)
    with qtbot.waitSignal(dialog.accepted):
        press(qtbot, Qt.Key.Key_Return)


def test_real_station_login_has_no_demo_hint(qtbot: QtBot, desk: Desk) -> None:
    dialog = open_login(qtbot, desk)
    assert not dialog.demo_banner.isVisibleTo(dialog)
    assert not dialog.demo_hint.isVisibleTo(dialog)
    assert dialog.heading.text() == "<b>İstanbul Havalimanı Gümrük Müdürlüğü</b>"


# -- idle lock -------------------------------------------------------------------------------------


@pytest.fixture
def supervisor(desk: Desk) -> Officer:
    return desk.authenticate(SUPERVISOR, SUPERVISOR_PW)


def start_lock(
    qtbot: QtBot, desk: Desk, minute_ms: int = 40, extra_window: bool = False
) -> tuple[IdleLock, QMainWindow]:
    """A window (and optionally a dialog over it, as a wizard would be) and a running lock."""
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(600, 400)
    show_active(qtbot, window)
    if extra_window:
        other = QDialog(window)
        other.setObjectName("other")
        other.show()
        qtbot.waitExposed(other)
    lock = IdleLock(desk, officer, window, minute_ms=minute_ms)
    lock.start()
    return lock, window


def test_idle_lock_engages_after_the_configured_time_and_covers_every_window(
    qtbot: QtBot, desk: Desk, supervisor: Officer
) -> None:
    desk.set_idle_lock_minutes(2, supervisor)
    lock, window = start_lock(qtbot, desk, extra_window=True)
    other = window.findChild(QDialog, "other")  # e.g. a wizard open over the register
    assert other is not None
    qtbot.waitUntil(lambda: lock.is_locked, timeout=5000)
    try:
        assert lock.is_locked
        dialog = lock.dialog
        assert isinstance(dialog, LockDialog)
        assert dialog.isVisible()
        assert dialog.isModal()
        assert "2 dakika işlem yapılmadığı için" in dialog.message.text()
        assert "Ayşe Yılmaz" in dialog.message.text()
        for covered in (window, other):
            cover = covered.findChild(QWidget, "lock_cover")
            assert cover is not None and cover.isVisible()
            assert cover.geometry() == covered.rect()
    finally:
        lock.stop()


def test_idle_lock_unlocks_only_with_the_same_officers_password(
    qtbot: QtBot, desk: Desk, supervisor: Officer
) -> None:
    desk.set_idle_lock_minutes(1, supervisor)
    lock, window = start_lock(qtbot, desk)
    qtbot.waitUntil(lambda: lock.is_locked, timeout=5000)
    # The longest idle time: no second lock while the test types.
    desk.set_idle_lock_minutes(MAX_IDLE_LOCK_MINUTES, supervisor)
    dialog = lock.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert focused() is dialog.password

    # Escape does not close it.
    press(qtbot, Qt.Key.Key_Escape)
    assert dialog.isVisible() and lock.is_locked

    # Another officer's valid password does not open this officer's session.
    type_text(qtbot, WITNESS_PW)
    press(qtbot, Qt.Key.Key_Return)
    assert lock.is_locked
    assert dialog.error.text().startswith(f"Sicil veya parola hatalı ({OFFICER}).")
    assert "4 deneme hakkınız kaldı" in dialog.error.text()

    type_text(qtbot, OFFICER_PW)
    with qtbot.waitSignal(lock.unlocked):
        press(qtbot, Qt.Key.Key_Return)
    assert not lock.is_locked
    qtbot.waitUntil(lambda: window.findChild(QWidget, "lock_cover") is None)
    lock.stop()


def test_wrong_passwords_at_the_lock_count_toward_the_lockout(
    qtbot: QtBot, desk: Desk, supervisor: Officer
) -> None:
    lock, _window = start_lock(qtbot, desk)
    lock.lock()  # as Ctrl+L does
    dialog = lock.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert not dialog.exit_button.isVisible()
    for _ in range(5):
        type_text(qtbot, "yanlış-parola")
        press(qtbot, Qt.Key.Key_Return)
    officer = desk.officer(OFFICER)
    assert officer is not None and officer.locked
    assert "kilitli" in dialog.error.text()
    assert not dialog.password.isEnabled()
    assert dialog.exit_button.isVisible()
    assert lock.is_locked
    with qtbot.waitSignal(lock.exit_requested):
        QTest.mouseClick(dialog.exit_button, Qt.MouseButton.LeftButton)
    lock.stop()


def test_the_idle_lock_cannot_be_switched_off(
    qtbot: QtBot, desk: Desk, supervisor: Officer
) -> None:
    with pytest.raises(SettingError, match="kapatılamaz"):
        desk.set_idle_lock_minutes(0, supervisor)
    # An older desk's "0: never" is not obeyed: the default of five minutes applies.
    with desk.db.transaction() as session:
        settings.put(session, settings.IDLE_LOCK_MINUTES, "0", supervisor.sicil)
    assert desk.idle_lock_minutes() == settings.DEFAULT_IDLE_LOCK_MINUTES == 5
    lock, _window = start_lock(qtbot, desk, minute_ms=20)
    qtbot.waitUntil(lambda: lock.is_locked, timeout=5000)  # after five "minutes" of 20 ms
    lock.stop()


def test_a_changed_idle_time_applies_while_running(
    qtbot: QtBot, desk: Desk, supervisor: Officer
) -> None:
    desk.set_idle_lock_minutes(MAX_IDLE_LOCK_MINUTES, supervisor)
    lock, _window = start_lock(qtbot, desk, minute_ms=20)
    qtbot.wait(200)  # ten times the idle time of a one-minute setting
    assert not lock.is_locked
    # The setting is read again while running: a supervisor's change applies at once.
    desk.set_idle_lock_minutes(1, supervisor)
    qtbot.waitUntil(lambda: lock.is_locked, timeout=5000)
    lock.stop()


# -- drafts ----------------------------------------------------------------------------------------


def save_drafts(desk: Desk) -> tuple[str, str, str]:
    first = desk.save_draft(
        None,
        kind="nakit_beyan",
        officer=OFFICER,
        page=2,
        data={"person": {"first_name": "Anna Maria", "last_name": "Eriksson"}},
    )
    second = desk.save_draft(None, kind="nakit_beyan", officer=OFFICER, page=0, data={})
    others = desk.save_draft(None, kind="nakit_beyan", officer=WITNESS, page=1, data={})
    return first, second, others


def open_drafts(qtbot: QtBot, desk: Desk, sicil: str, password: str) -> DraftsDialog:
    dialog = DraftsDialog(desk, desk.authenticate(sicil, password))
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    return dialog


def rows(dialog: DraftsDialog) -> list[list[str]]:
    table = dialog.table
    return [row_cells(table, r) for r in range(table.rowCount())]


def test_drafts_dialog_lists_the_officers_drafts_and_resumes_with_enter(
    qtbot: QtBot, desk: Desk
) -> None:
    first, _second, _others = save_drafts(desk)
    dialog = open_drafts(qtbot, desk, OFFICER, OFFICER_PW)
    listed = rows(dialog)
    assert len(listed) == 2  # only this officer's own drafts
    named = next(r for r in listed if r[4])
    assert named[0] == "Nakit Beyan Formu (EK-1)"
    assert named[1] == f"{OFFICER} Ayşe Yılmaz"
    assert named[3] == "3. adım"
    assert named[4] == "Anna Maria Eriksson"
    day, time = named[2].split(" ")
    assert len(day) == 10 and day[2] == day[5] == "." and time[2] == ":"

    assert focused() is dialog.table
    dialog.table.selectRow(listed.index(named))
    with qtbot.waitSignal(dialog.accepted):
        press(qtbot, Qt.Key.Key_Return)
    assert dialog.draft_id == first


def test_drafts_dialog_discards_after_confirmation(qtbot: QtBot, desk: Desk) -> None:
    save_drafts(desk)
    dialog = open_drafts(qtbot, desk, OFFICER, OFFICER_PW)
    chosen = dialog.selected()
    assert chosen is not None

    press(qtbot, Qt.Key.Key_Delete)
    assert dialog.confirm.isVisible()
    assert focused() is dialog.confirm_no  # a stray Enter discards nothing
    press(qtbot, Qt.Key.Key_Escape)  # Escape answers "Vazgeç"
    assert not dialog.confirm.isVisible()
    assert dialog.isVisible()
    assert len(desk.drafts(OFFICER)) == 2

    press(qtbot, Qt.Key.Key_Delete)
    press(qtbot, Qt.Key.Key_Return)  # "Vazgeç" has the focus
    assert len(desk.drafts(OFFICER)) == 2

    press(qtbot, Qt.Key.Key_Delete)
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # "Evet, sil"
    qtbot.waitUntil(lambda: len(desk.drafts(OFFICER)) == 1)
    assert chosen.id not in {d.id for d in desk.drafts(OFFICER)}
    assert len(rows(dialog)) == 1

    press(qtbot, Qt.Key.Key_Delete)
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not desk.drafts(OFFICER))
    assert dialog.empty.isVisible()
    assert not dialog.resume_button.isEnabled()


def test_supervisor_sees_every_draft_but_resumes_only_own(qtbot: QtBot, desk: Desk) -> None:
    _first, _second, others = save_drafts(desk)
    dialog = open_drafts(qtbot, desk, SUPERVISOR, SUPERVISOR_PW)
    assert len(rows(dialog)) == 3
    row = next(i for i, d in enumerate(dialog._drafts) if d.id == others)
    dialog.table.selectRow(row)
    assert not dialog.resume_button.isEnabled()
    assert WITNESS in dialog.hint.text()
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.draft_id is None
    assert dialog.discard_button.isEnabled()


# -- the whole start-up flow -----------------------------------------------------------------------


@pytest.fixture
def finished() -> list[int]:
    return []


def start_session(
    qtbot: QtBot, desk: Desk, finished: list[int], minute_ms: int | None = None
) -> DeskSession:
    session = DeskSession(desk, idle_minute_ms=minute_ms, on_finished=finished.append)
    session.start()
    assert session.dialog is not None
    qtbot.addWidget(session.dialog)
    qtbot.waitExposed(session.dialog)
    session.dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is session.dialog)
    return session


def window_of(session: DeskSession) -> MainWindow:
    """The session's main window, which the test has just seen open."""
    window = session.main_window
    assert isinstance(window, MainWindow)
    return window


def desk_of(session: DeskSession) -> Desk:
    """The register the session opened, which the test has just seen open."""
    assert session.desk is not None
    return session.desk


def log_in(qtbot: QtBot, session: DeskSession, sicil: str, password: str) -> MainWindow:
    dialog = session.dialog
    assert isinstance(dialog, LoginDialog)
    type_text(qtbot, sicil)
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, password)
    press(qtbot, Qt.Key.Key_Return)
    window = window_of(session)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window


def test_first_run_demo_then_login_then_main_window(
    qtbot: QtBot, fresh_desk: Desk, finished: list[int]
) -> None:
    session = start_session(qtbot, fresh_desk, finished)
    wizard = session.dialog
    assert isinstance(wizard, SetupWizard)
    choose(qtbot, wizard, Qt.Key.Key_D)
    press(qtbot, Qt.Key.Key_Return)
    keep_recovery(qtbot, wizard)
    press(qtbot, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: isinstance(session.dialog, LoginDialog))
    login = session.dialog
    assert isinstance(login, LoginDialog)
    qtbot.addWidget(login)
    qtbot.waitExposed(login)
    login.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is login)
    supervisor = DEMO_OFFICERS[-1]
    window = log_in(qtbot, session, supervisor.sicil, supervisor.password)
    assert "DEMO" in window.windowTitle()
    assert session.drafts_dialog is None  # nothing to resume on a new desk
    assert session.idle_lock is not None
    assert finished == []

    window.close()
    qtbot.waitUntil(lambda: finished == [0])


def test_cancelled_first_run_ends_the_session_and_stores_nothing(
    qtbot: QtBot, fresh_desk: Desk, finished: list[int]
) -> None:
    start_session(qtbot, fresh_desk, finished)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: finished == [0])
    assert not fresh_desk.is_set_up()


def test_after_login_unfinished_drafts_are_offered(
    qtbot: QtBot, desk: Desk, finished: list[int]
) -> None:
    save_drafts(desk)
    session = start_session(qtbot, desk, finished)
    window = log_in(qtbot, session, OFFICER, OFFICER_PW)
    dialog = session.drafts_dialog
    assert isinstance(dialog, DraftsDialog)
    qtbot.waitExposed(dialog)
    assert len(rows(dialog)) == 2
    assert dialog.parent() is window
    dialog.reject()
    window.close()
    qtbot.waitUntil(lambda: finished == [0])


def test_ctrl_l_locks_and_the_idle_time_comes_from_the_register(
    qtbot: QtBot, desk: Desk, supervisor: Officer, finished: list[int]
) -> None:
    session = start_session(qtbot, desk, finished, minute_ms=60_000)
    window = log_in(qtbot, session, OFFICER, OFFICER_PW)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    lock = session.idle_lock
    assert lock is not None and not lock.is_locked
    with qtbot.waitSignal(lock.locked):
        press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = lock.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    type_text(qtbot, OFFICER_PW)
    with qtbot.waitSignal(lock.unlocked):
        press(qtbot, Qt.Key.Key_Return)
    window.close()
    qtbot.waitUntil(lambda: finished == [0])


def test_run_paints_the_login_first_and_opens_the_register_behind_it(
    qtbot: QtBot, home: Path, finished: list[int]
) -> None:
    session = DeskSession(home=home, on_finished=finished.append)
    session.start()
    login = session.dialog
    assert isinstance(login, LoginDialog)
    qtbot.addWidget(login)
    qtbot.waitExposed(login)
    login.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is login)
    # The officer types at once; Enter before the register is open is kept, not lost.
    type_text(qtbot, OFFICER)
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, OFFICER_PW)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: session.main_window is not None, timeout=20_000)
    assert session.desk is not None
    assert session.officer is not None and session.officer.sicil == OFFICER
    window = window_of(session)
    qtbot.addWidget(window)
    window.close()
    qtbot.waitUntil(lambda: finished == [0])
    desk_of(session).close()


class _Opened(QObject):
    """Every dialog shown, in order (an application-wide event filter)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog):
            self.names.append(type(watched).__name__)
        return False


def test_a_first_start_shows_the_wizard_and_never_a_login_box(
    qtbot: QtBot, tmp_path: Path, finished: list[int]
) -> None:
    opened = _Opened()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(opened)
    try:
        session = DeskSession(home=tmp_path / "new-desk", on_finished=finished.append)
        session.start()
        wizard = session.dialog
        assert isinstance(wizard, SetupWizard)  # at once, before the register is open
        qtbot.addWidget(wizard)
        qtbot.waitExposed(wizard)
        # The register is opened behind the wizard and handed to it.
        qtbot.waitUntil(lambda: session.desk is not None, timeout=20_000)
        assert session.dialog is wizard
        assert wizard.desk is session.desk
        wizard.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
        choose(qtbot, wizard, Qt.Key.Key_D)
        press(qtbot, Qt.Key.Key_Return)  # the demo station is set up here
        keep_recovery(qtbot, wizard)
        press(qtbot, Qt.Key.Key_Return)  # "Giriş ekranına geç"
        qtbot.waitUntil(lambda: isinstance(session.dialog, LoginDialog))
        qtbot.addWidget(session.dialog)
        assert opened.names[0] == "SetupWizard"
        assert "LoginDialog" not in opened.names[: opened.names.index("SetupWizard") + 1]
        assert session.desk.is_set_up()
        session.dialog.reject()
        qtbot.waitUntil(lambda: finished == [0])
    finally:
        app.removeEventFilter(opened)
        if session.desk is not None:
            session.desk.close()


def test_the_wizard_opens_the_register_itself_when_needed_first(
    qtbot: QtBot, tmp_path: Path, finished: list[int]
) -> None:
    """The officer chooses the demo before the loader has opened the register: the wizard
    opens it then (waiting for the imports), and the demo station is made."""
    session = DeskSession(home=tmp_path / "new-desk", on_finished=finished.append)
    session.start()
    wizard = session.dialog
    assert isinstance(wizard, SetupWizard)
    qtbot.addWidget(wizard)
    assert session.desk is None
    wizard.choice_page.demo_button.setChecked(True)
    assert wizard.create_demo() == ""
    assert session.desk is not None and session.desk.is_set_up()
    # The loader's later "loaded" does not open a second register.
    desk = session.desk
    qtbot.wait(50)
    assert session.desk is desk
    wizard.reject()  # the station exists: the session goes on to the login
    qtbot.waitUntil(lambda: isinstance(session.dialog, LoginDialog))
    qtbot.addWidget(session.dialog)
    session.dialog.reject()  # no modal window is left for the next test
    qtbot.waitUntil(lambda: finished == [0])
    desk_of(session).close()


def test_a_register_that_cannot_be_opened_is_said_on_the_wizard(
    qtbot: QtBot, tmp_path: Path, finished: list[int]
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be")
    session = DeskSession(home=blocked / "desk", on_finished=finished.append)
    session.start()
    wizard = session.dialog
    assert isinstance(wizard, SetupWizard)
    qtbot.addWidget(wizard)
    qtbot.waitUntil(lambda: bool(wizard.choice_page.fatal), timeout=20_000)
    assert "Veri klasörü oluşturulamadı" in wizard.choice_page.error.text()
    assert not wizard.choice_page.isComplete()
    assert not wizard.choice_page.demo_button.isEnabled()
    wizard.reject()
    qtbot.waitUntil(lambda: finished == [0])


def test_a_resumed_draft_opens_in_the_wizard_and_the_next_one_is_offered_after(
    qtbot: QtBot, desk: Desk, finished: list[int]
) -> None:
    first, second, _others = save_drafts(desk)
    session = start_session(qtbot, desk, finished)
    window = log_in(qtbot, session, OFFICER, OFFICER_PW)
    dialog = session.drafts_dialog
    assert isinstance(dialog, DraftsDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.table.selectRow(next(i for i, d in enumerate(dialog._drafts) if d.id == first))
    dialog.table.setFocus()
    press(qtbot, Qt.Key.Key_Return)

    wizard = window.wizard
    assert isinstance(wizard, FormWizard)
    assert wizard.draft_id == first
    qtbot.waitExposed(wizard)

    wizard.reject()  # put aside again: the draft stays, the other one is offered
    qtbot.waitUntil(lambda: session.drafts_dialog is not dialog)
    again = session.drafts_dialog
    assert isinstance(again, DraftsDialog)
    qtbot.waitExposed(again)
    assert {d.id for d in again._drafts} == {first, second}
    again.reject()
    window.close()
    qtbot.waitUntil(lambda: finished == [0])


def _log_in_through_run(qtbot: QtBot, home: Path, finished: list[int]) -> DeskSession:
    session = DeskSession(home=home, on_finished=finished.append)
    session.start()
    login = session.dialog
    assert isinstance(login, LoginDialog)
    qtbot.addWidget(login)
    qtbot.waitUntil(lambda: session.desk is not None, timeout=20_000)
    show_active(qtbot, login)
    type_text(qtbot, OFFICER)
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, OFFICER_PW)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: session.main_window is not None, timeout=20_000)
    qtbot.addWidget(window_of(session))
    return session


def test_after_login_the_whole_file_is_checked_and_then_backed_up(
    qtbot: QtBot, home: Path, finished: list[int]
) -> None:
    session = _log_in_through_run(qtbot, home, finished)
    check = session.file_check
    assert check is not None and check.wait(30)
    window = window_of(session)
    qtbot.waitUntil(lambda: "denetlendi: sağlam" in window.statusBar().currentMessage())
    backup = session.backup  # started once the check found the file intact
    assert backup is not None and backup.wait(30)
    assert list((home / "backups").glob("daily-*.sqlite3"))
    window.close()
    qtbot.waitUntil(lambda: finished == [0])
    desk_of(session).close()


def test_a_damaged_register_found_behind_the_window_is_said_and_not_backed_up(
    qtbot: QtBot, home: Path, finished: list[int], caplog: pytest.LogCaptureFixture
) -> None:
    from test_start import grow, zero_page

    with Desk(home) as desk:
        officer = desk.authenticate(OFFICER, OFFICER_PW)
        desk.register(ek1(), officer=officer)
    grow(home, 3_000)
    zero_page(home, "record")
    session = _log_in_through_run(qtbot, home, finished)
    assert session.file_check is not None and session.file_check.wait(30)
    qtbot.waitUntil(lambda: getattr(session, "check_box", None) is not None)
    assert session.backup is None  # a damaged file is never backed up
    box = session.check_box
    assert box.isVisible() and "bozulma bulundu" in box.text()
    assert "yedeği alınmadı" in box.text()
    assert not list((home / "backups").glob("daily-*.sqlite3"))
    assert "register file check: damaged" in caplog.text
    box.close()
    window_of(session).close()
    qtbot.waitUntil(lambda: finished == [0])
    desk_of(session).close()


def test_a_set_up_register_the_quick_look_missed_goes_to_the_login(
    qtbot: QtBot, home: Path, finished: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from gumruk_desk.register import files

    # As if the station could not be read before painting (the file busy for a moment).
    monkeypatch.setattr(files, "is_set_up", lambda _home: False)
    session = DeskSession(home=home, on_finished=finished.append)
    session.start()
    assert isinstance(session.dialog, SetupWizard)
    qtbot.addWidget(session.dialog)
    qtbot.waitUntil(lambda: isinstance(session.dialog, LoginDialog), timeout=20_000)
    qtbot.addWidget(session.dialog)
    assert finished == []
    session.dialog.reject()
    qtbot.waitUntil(lambda: finished == [0])
    desk_of(session).close()
