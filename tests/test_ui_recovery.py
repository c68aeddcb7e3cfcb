"""The register's key in the window: the recovery key on set-up's last page (printed to a PDF
outside the data folder, ticked before Bitir), and the station passphrase where no keyring
keeps the key — set in the wizard, asked at every later start."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import null
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from gumruk_desk.register import driver, keys
from gumruk_desk.register.files import DB_FILE
from gumruk_desk.services import Desk, give_station_passphrase
from gumruk_desk.ui.app import DeskSession, application
from gumruk_desk.ui.login_dialog import LoginDialog
from gumruk_desk.ui.passphrase_dialog import PassphraseDialog
from gumruk_desk.ui.recovery_key import RecoverDialog, RecoveryKeyDialog
from gumruk_desk.ui.setup_wizard import SetupWizard
from register_fixtures import setup_register
from test_encryption import plain_register
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


def _start(qtbot: QtBot, home: Path) -> tuple[DeskSession, list[int]]:
    finished: list[int] = []
    session = DeskSession(home=home, on_finished=finished.append)
    session.start()
    assert session.dialog is not None
    qtbot.addWidget(session.dialog)
    return session, finished


def _activate(qtbot: QtBot, dialog: QWidget) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def test_an_old_plain_register_encrypted_at_start_shows_its_key_before_login(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "old-desk"
    plain_register(home, monkeypatch)
    session, finished = _start(qtbot, home)
    login = session.dialog
    assert isinstance(login, LoginDialog)
    qtbot.waitUntil(lambda: session.recovery_dialog is not None, timeout=20_000)
    dialog = session.recovery_dialog
    assert isinstance(dialog, RecoveryKeyDialog)
    qtbot.addWidget(dialog)
    assert not driver.is_plain(home / DB_FILE)
    recovery = dialog.panel.recovery
    assert keys.parse_recovery(recovery) == keys.register_key(home)
    assert "şifrelendi" in dialog.why.text() and "anahtarlığında" in dialog.why.text()
    assert session.desk is not None and session.desk.take_recovery_key() is None  # once
    # Neither Escape nor Devam lets the key go before it is kept.
    _activate(qtbot, dialog)
    assert not dialog.done_button.isEnabled()
    press(qtbot, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    dialog.close()
    assert dialog.isVisible()
    outside = tmp_path / "kasa.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(outside), ""))
    dialog.panel.print_button.click()
    assert outside.read_bytes().startswith(b"%PDF")
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.panel.kept.isChecked)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert login.desk is session.desk
    login.reject()
    qtbot.waitUntil(lambda: finished == [0])
    session.desk.close()


def test_a_lost_keyring_asks_the_recovery_key_at_start(
    qtbot: QtBot, tmp_path: Path, memory_keyring: Any
) -> None:
    home = tmp_path / "desk"
    setup_register(home)
    recovery = keys.recovery_text(keys.register_key(home) or b"")
    memory_keyring.items.clear()  # a new machine, or a keyring emptied
    keys.forget(home)
    session, finished = _start(qtbot, home)
    qtbot.waitUntil(lambda: session.recover_dialog is not None, timeout=20_000)
    dialog = session.recover_dialog
    assert isinstance(dialog, RecoverDialog)
    qtbot.addWidget(dialog)
    assert "açılamıyor" in dialog.reason.text()
    assert dialog.needs_passphrase is False  # the keyring works: it keeps the key again
    _activate(qtbot, dialog)
    type_text(qtbot, "ABCD-EFGH")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and "geçersiz" in dialog.recovery_error.text()
    dialog.recovery.setText(keys.recovery_text(bytes(32)))  # well formed, another register's
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and "açmıyor" in dialog.recovery_error.text()
    assert session.desk is None
    dialog.recovery.setText(recovery.lower().replace("-", " "))  # as read off paper
    press(qtbot, Qt.Key.Key_Return)
    login = session.dialog
    assert isinstance(login, LoginDialog)
    qtbot.waitUntil(lambda: login.desk is not None)
    assert session.desk is not None and session.desk.is_set_up()
    login.reject()
    qtbot.waitUntil(lambda: finished == [0])
    session.desk.close()
    keys.forget(home)  # the next start finds the key in the keyring again
    with Desk(home) as desk:
        assert desk.verify().ok


def test_quitting_at_the_recovery_key_changes_nothing(
    qtbot: QtBot, tmp_path: Path, memory_keyring: Any
) -> None:
    home = tmp_path / "desk"
    setup_register(home)
    memory_keyring.items.clear()
    keys.forget(home)
    before = {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}
    session, finished = _start(qtbot, home)
    qtbot.waitUntil(lambda: session.recover_dialog is not None, timeout=20_000)
    dialog = session.recover_dialog
    assert isinstance(dialog, RecoverDialog)
    dialog.quit_button.click()
    qtbot.waitUntil(lambda: finished == [0])
    assert session.desk is None
    after = {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}
    assert after.keys() == before.keys()
    assert after[DB_FILE] == before[DB_FILE] and after[keys.KEY_FILE] == before[keys.KEY_FILE]


def test_a_forgotten_station_passphrase_is_replaced_through_the_recovery_key(
    qtbot: QtBot, tmp_path: Path
) -> None:
    keyring.set_keyring(null.Keyring())
    home = tmp_path / "desk"
    give_station_passphrase(PASSPHRASE, home)
    setup_register(home)
    recovery = keys.recovery_text(keys.register_key(home) or b"")
    keys.forget(home)
    session, finished = _start(qtbot, home)
    qtbot.waitUntil(lambda: session.passphrase_dialog is not None, timeout=20_000)
    asked = session.passphrase_dialog
    assert isinstance(asked, PassphraseDialog) and asked.forgot_button.isVisible()
    asked.forgot_button.click()
    qtbot.waitUntil(lambda: session.recover_dialog is not None)
    dialog = session.recover_dialog
    assert isinstance(dialog, RecoverDialog)
    qtbot.addWidget(dialog)
    assert "unutuldu" in dialog.reason.text() and dialog.passphrase.isVisible()
    new = "yeni-istasyon-parolasi"
    dialog.recovery.setText(recovery)
    dialog.passphrase.setText("kisa")
    dialog.passphrase_again.setText("kisa")
    dialog.open_button.click()
    assert dialog.isVisible() and "en az" in dialog.passphrase_error.text()
    dialog.passphrase.setText(new)
    dialog.passphrase_again.setText(new + "x")
    dialog.open_button.click()
    assert dialog.isVisible() and dialog.passphrase_again_error.isVisible()
    dialog.passphrase_again.setText(new)
    dialog.open_button.click()
    login = session.dialog
    assert isinstance(login, LoginDialog)
    qtbot.waitUntil(lambda: login.desk is not None)
    login.reject()
    qtbot.waitUntil(lambda: finished == [0])
    assert session.desk is not None
    session.desk.close()
    keys.forget(home)  # the next start: the new passphrase opens it, the old one no longer
    with pytest.raises(keys.KeyUnavailable, match="yanlış"):
        give_station_passphrase(PASSPHRASE, home)
    give_station_passphrase(new, home)
    with Desk(home) as desk:
        assert desk.verify().ok
