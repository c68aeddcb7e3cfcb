"""The register's key in the window: the recovery key on set-up's last page (printed to a PDF
outside the data folder, ticked before Bitir), and the station passphrase where no keyring
keeps the key — set in the wizard, asked at every later start."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import null
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from gumruk_desk.register import keys
from gumruk_desk.services import Desk, give_station_passphrase
from gumruk_desk.ui.app import DeskSession, application
from gumruk_desk.ui.login_dialog import LoginDialog
from gumruk_desk.ui.passphrase_dialog import PassphraseDialog
from gumruk_desk.ui.setup_wizard import SetupWizard
from register_fixtures import setup_register
from test_ui_setup import (
    choose,
    fill_station,
    fill_supervisor,
    keep_recovery,
    press,
    show_active,
    type_text,
)

PASSPHRASE = "istasyon-parolasi-1"


@pytest.fixture(autouse=True)
def app() -> QApplication:
    return application()


def test_the_recovery_key_is_shown_printed_outside_the_data_folder_and_ticked(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "first-run"
    with Desk(home, create=True) as desk:
        wizard = SetupWizard(desk)
        qtbot.addWidget(wizard)
        show_active(qtbot, wizard)
        choose(qtbot, wizard, Qt.Key.Key_D)
        press(qtbot, Qt.Key.Key_Return)
        page = wizard.done_page
        groups = page.recovery.split("-")
        assert len(groups) == 14 and page.recovery_key.text().count("\n") == 3
        assert keys.parse_recovery(page.recovery) == keys.register_key(home)
        assert "bir daha gösterilmez" in page.recovery_text.text()
        assert desk.take_recovery_key() is None  # once: the page holds it now
        # Inside the data folder: refused, in the code's own words.
        inside = home / "kurtarma.pdf"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(inside), ""))
        page.print_button.click()
        assert not inside.exists()
        assert page.print_error.isVisible() and "veri klasörüne" in page.print_error.text()
        outside = tmp_path / "kasa" / "kurtarma.pdf"
        outside.parent.mkdir()
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(outside), ""))
        page.print_button.click()
        assert outside.read_bytes().startswith(b"%PDF")
        assert outside.stat().st_mode & 0o077 == 0
        assert not page.print_error.isVisible() and page.print_result.isVisible()
        keep_recovery(qtbot, wizard)
        press(qtbot, Qt.Key.Key_Return)
        assert wizard.isHidden()


def test_without_a_keyring_set_up_asks_the_station_passphrase_first(
    qtbot: QtBot, tmp_path: Path
) -> None:
    keyring.set_keyring(null.Keyring())  # accepts every key and keeps none
    home = tmp_path / "first-run"
    finished: list[int] = []
    session = DeskSession(home=home, on_finished=finished.append)
    session.start()
    wizard = session.dialog
    assert isinstance(wizard, SetupWizard)
    qtbot.addWidget(wizard)
    page = wizard.choice_page
    # The register is not made behind the wizard: the first page asks the passphrase.
    qtbot.waitUntil(page.passphrase_box.isVisible, timeout=20_000)
    assert session.desk is None and not (home / keys.KEY_FILE).exists()
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    choose(qtbot, wizard, Qt.Key.Key_D)
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    type_text(qtbot, "kisa")
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == SetupWizard.PAGE_CHOICE
    assert "en az" in page.passphrase_error.text()
    page.passphrase.setText(PASSPHRASE)
    page.passphrase_again.setText(PASSPHRASE + "x")
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == SetupWizard.PAGE_CHOICE
    assert page.passphrase_again_error.isVisible()
    page.passphrase_again.setText(PASSPHRASE)
    press(qtbot, Qt.Key.Key_Return)  # the demo station, its key under the passphrase
    assert wizard.currentId() == SetupWizard.PAGE_DONE
    info = keys.read_info(home)
    assert info is not None and info.protector == keys.PASSPHRASE
    keep_recovery(qtbot, wizard)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(session.dialog, LoginDialog))
    login = session.dialog
    assert isinstance(login, LoginDialog)
    qtbot.addWidget(login)
    login.reject()
    qtbot.waitUntil(lambda: finished == [0])
    assert session.desk is not None
    session.desk.close()


def test_at_start_the_station_passphrase_is_asked_until_right(qtbot: QtBot, tmp_path: Path) -> None:
    keyring.set_keyring(null.Keyring())
    home = tmp_path / "desk"
    give_station_passphrase(PASSPHRASE, home)
    setup_register(home)
    keys.forget(home)  # a new start of the program
    finished: list[int] = []
    session = DeskSession(home=home, on_finished=finished.append)
    session.start()
    login = session.dialog
    assert isinstance(login, LoginDialog)
    qtbot.addWidget(login)
    qtbot.waitUntil(lambda: session.passphrase_dialog is not None, timeout=20_000)
    dialog = session.passphrase_dialog
    assert isinstance(dialog, PassphraseDialog)
    qtbot.addWidget(dialog)
    assert dialog.passphrase.echoMode() == dialog.passphrase.EchoMode.Password
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.passphrase.setFocus()
    type_text(qtbot, "yanlis-parola-1")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.text() == "İstasyon parolası yanlış."
    assert session.desk is None
    dialog.passphrase.setText(PASSPHRASE)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: login.desk is not None)
    assert session.desk is not None and session.desk.is_set_up()
    login.reject()
    qtbot.waitUntil(lambda: finished == [0])
    session.desk.close()


def test_quitting_at_the_station_passphrase_ends_the_session(qtbot: QtBot, tmp_path: Path) -> None:
    keyring.set_keyring(null.Keyring())
    home = tmp_path / "desk"
    give_station_passphrase(PASSPHRASE, home)
    setup_register(home)
    keys.forget(home)
    finished: list[int] = []
    session = DeskSession(home=home, on_finished=finished.append)
    session.start()
    assert session.dialog is not None
    qtbot.addWidget(session.dialog)
    qtbot.waitUntil(lambda: session.passphrase_dialog is not None, timeout=20_000)
    dialog = session.passphrase_dialog
    assert isinstance(dialog, PassphraseDialog)
    dialog.quit_button.click()
    qtbot.waitUntil(lambda: finished == [0])
    assert session.desk is None


def test_a_passphrase_set_at_start_says_what_it_needs_not_that_it_is_wrong(
    qtbot: QtBot, tmp_path: Path
) -> None:
    keyring.set_keyring(null.Keyring())
    home = tmp_path / "old-plain-desk"  # no key yet: the passphrase given now will keep it
    dialog = PassphraseDialog(home)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.passphrase.setText("kisa")
    dialog.open_button.click()
    assert dialog.isVisible() and "en az" in dialog.error.text()
    dialog.passphrase.setText(PASSPHRASE)
    dialog.open_button.click()
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted
    assert not keys.needs_passphrase(home)
    keys.forget(home)


def test_without_a_keyring_the_real_station_is_made_under_the_passphrase(
    qtbot: QtBot, tmp_path: Path
) -> None:
    keyring.set_keyring(null.Keyring())
    home = tmp_path / "first-run"
    finished: list[int] = []
    session = DeskSession(home=home, on_finished=finished.append)
    session.start()
    wizard = session.dialog
    assert isinstance(wizard, SetupWizard)
    qtbot.addWidget(wizard)
    qtbot.waitUntil(wizard.choice_page.passphrase_box.isVisible, timeout=20_000)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    choose(qtbot, wizard, Qt.Key.Key_G)
    wizard.choice_page.passphrase.setText(PASSPHRASE)
    wizard.choice_page.passphrase_again.setText(PASSPHRASE)
    press(qtbot, Qt.Key.Key_Return)
    fill_station(qtbot, wizard)
    press(qtbot, Qt.Key.Key_Return)
    fill_supervisor(qtbot, wizard)
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == SetupWizard.PAGE_DONE
    info = keys.read_info(home)
    assert info is not None and info.protector == keys.PASSPHRASE
    assert wizard.done_page.recovery
    keep_recovery(qtbot, wizard)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(session.dialog, LoginDialog))
    login = session.dialog
    assert isinstance(login, LoginDialog)
    qtbot.addWidget(login)
    login.reject()
    qtbot.waitUntil(lambda: finished == [0])
    assert session.desk is not None
    session.desk.close()
