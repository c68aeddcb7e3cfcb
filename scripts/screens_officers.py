"""Screenshots of the officer's day: the Memurlar dialog and its changes, the login's answers
(attempts left, locked, deactivated), the lock screen's "Oturumu kapat" and its question.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screens_officers.py
Writes docs/screens/officers*.png and docs/screens/login-*.png, each built on a throwaway
register under a temporary folder.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
from keyring.backends import null
from screens_setup import OUT, save  # scripts/ is on the path of a script run from it

from gumruk_desk.register.officers import MAX_FAILED_ATTEMPTS, AuthError
from gumruk_desk.services import Desk
from gumruk_desk.ui.app import application

SUPERVISOR, SUPERVISOR_PW = "90001", "amir-parola-1"


def a_desk(home: Path) -> Desk:
    desk = Desk(home, create=True)
    desk.setup_station(
        office_code="GM01",
        office_name="İstanbul Havalimanı Gümrük Müdürlüğü",
        desk="M1",
        customs_area="Dış Hatlar Geliş Salonu",
        supervisor_sicil=SUPERVISOR,
        supervisor_name="Zeynep Kaya",
        supervisor_title="Gümrük Muhafaza Müdür Yardımcısı",
        supervisor_password=SUPERVISOR_PW,
    )
    for sicil, name in (
        ("12345", "Ayşe Yılmaz"),
        ("12346", "Mehmet Öztürk"),
        ("12347", "Elif Aydın"),
    ):
        desk.add_officer(
            sicil=sicil, name=name, title="Gümrük Muhafaza Memuru", password=f"parola-{sicil}"
        )
    return desk


def fail(desk: Desk, sicil: str, times: int) -> None:
    for _ in range(times):
        with contextlib.suppress(AuthError):
            desk.authenticate(sicil, "yanlış-parola")


def officers_screens(desk: Desk) -> None:
    from gumruk_desk.ui.officers_dialog import OfficersDialog

    fail(desk, "12345", MAX_FAILED_ATTEMPTS)  # locked
    fail(desk, "12347", 2)
    desk.deactivate_officer("12346", SUPERVISOR, SUPERVISOR_PW, reason="Tayin")
    supervisor = desk.authenticate(SUPERVISOR, SUPERVISOR_PW)
    dialog = OfficersDialog(desk, supervisor)
    dialog.select("12345")
    save(dialog, "officers-list")

    add = dialog.add_officer()
    add.inputs["sicil"].setText("12348")
    add.inputs["name"].setText("Can Demir")
    add.inputs["title"].setText("Gümrük Muhafaza Memuru")
    add.inputs["password"].setText("parola-1")
    add.inputs["password2"].setText("parola-2")
    add.password.setText(SUPERVISOR_PW)
    add.submit()  # the two passwords differ: said under the second
    save(add, "officers-add-mismatch")
    add.reject()

    dialog.select("12345")
    reset = dialog.reset_password()
    assert reset is not None
    save(reset, "officers-reset-password")
    reset.reject()

    unlock = dialog.unlock()
    assert unlock is not None
    unlock.password.setText("yanlış-parola")
    unlock.submit()
    save(unlock, "officers-unlock-wrong-password")
    unlock.reject()

    dialog.select("12347")
    deactivate = dialog.deactivate()
    assert deactivate is not None
    deactivate.inputs["reason"].setText("Emeklilik")
    save(deactivate, "officers-deactivate")
    deactivate.reject()

    desk.reset_password("12345", "yeni-parola-1", SUPERVISOR, SUPERVISOR_PW)
    dialog.refresh(select="12345")
    dialog.message.setText("12345 sicilli memurun parolası yenilendi; hesap açık.")
    dialog.message.show()
    save(dialog, "officers-after-reset")
    dialog.reject()


def login_screens(desk: Desk) -> None:
    from gumruk_desk.ui.login_dialog import LoginDialog

    def login(name: str, sicil: str, password: str) -> None:
        dialog = LoginDialog(desk)
        dialog.sicil.setText(sicil)
        dialog.password.setText(password)
        dialog.try_login()
        save(dialog, name)
        dialog.hide()

    login("login-attempts-left", "12347", "yanlış-parola")  # its third failure
    fail(desk, "12347", 1)
    login("login-locked", "12347", "yanlış-parola")
    login("login-unknown-sicil", "55555", "yanlış-parola")
    login("login-deactivated", "12346", "parola-12346")


def lock_screens(desk: Desk) -> None:
    from PySide6.QtWidgets import QMainWindow

    from gumruk_desk.ui.app import logout_question
    from gumruk_desk.ui.idle_lock import LockDialog

    window = QMainWindow()
    window.resize(900, 600)
    window.show()
    officer = desk.authenticate("12345", "yeni-parola-1")
    lock = LockDialog(desk, officer, 5, parent=window)
    save(lock, "login-lock-logout")
    question = logout_question(lock, ["Nakit Beyan Formu"], officer.name, lambda: None)
    save(question, "login-logout-question")
    lock.dismiss()
    window.close()


def main() -> None:
    keyring.set_keyring(null.Keyring())
    application()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        desk = a_desk(Path(tmp) / "desk")
        try:
            officers_screens(desk)
            login_screens(desk)
            lock_screens(desk)
        finally:
            desk.close()


if __name__ == "__main__":
    main()
