"""Screenshots of the first-run wizard, login, lock, settings and drafts screens.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screens_setup.py [--part PART…]
Writes docs/screens/*.png, each built on a throwaway register under a temporary folder;
``--part wizard`` (or ``login``, ``settings``) makes only that group's screens again.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
from keyring.backends import null
from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import QWidget, QWizard

from gumruk_desk.services import Desk
from gumruk_desk.ui.app import application

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screens"
SAMPLE_BULLETIN = ROOT / "tests" / "data" / "tcmb-bulletin-sample.xml"
TEST_RULESET = ROOT / "tests" / "data" / "ruleset-test-2025.json"

SUPERVISOR = {
    "supervisor_sicil": "90001",
    "supervisor_name": "Zeynep Kaya",
    "supervisor_title": "Gümrük Muhafaza Müdür Yardımcısı",
    "supervisor_password": "amir-parola-1",
}
STATION = {
    "office_code": "GM01",
    "office_name": "İstanbul Havalimanı Gümrük Müdürlüğü",
    "desk": "M1",
    "customs_area": "Dış Hatlar Geliş Salonu",
    "central_url": "https://merkez.example.gov.tr/nakit",
}


def save(widget: QWidget, name: str) -> None:
    widget.show()
    for _ in range(5):
        QCoreApplication.processEvents()
    path = OUT / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path.relative_to(ROOT))


def real_desk(home: Path) -> Desk:
    desk = Desk(home, create=True)
    desk.setup_station(**STATION, **SUPERVISOR)
    desk.add_officer(
        sicil="12345", name="Ayşe Yılmaz", title="Gümrük Muhafaza Memuru", password="parola-12345"
    )
    return desk


def wizard_screens(tmp: Path) -> None:
    from gumruk_desk.ui.setup_wizard import SetupWizard

    # Real path, page by page, with what an officer would type.
    desk = Desk(tmp / "wizard-real", create=True)
    wizard = SetupWizard(desk)
    wizard.resize(760, 600)
    save(wizard, "setup-1-choice")
    wizard.choice_page.real_button.setChecked(True)
    wizard.next()
    page = wizard.station_page
    page.validatePage()  # every required field empty: the errors under the fields
    save(wizard, "setup-2-station-required")
    for key, value in STATION.items():
        page.fields()[key].setText(value)
    page.office_code.setText("gm 01")  # the service explains what a code may hold
    wizard.next()
    sup = wizard.supervisor_page
    sup.sicil.setText(SUPERVISOR["supervisor_sicil"])
    sup.name.setText(SUPERVISOR["supervisor_name"])
    sup.officer_title.setText(SUPERVISOR["supervisor_title"])
    sup.password.setText(SUPERVISOR["supervisor_password"])
    sup.password_again.setText(SUPERVISOR["supervisor_password"])
    wizard.next()  # the station error sends the officer back to the station page
    save(wizard, "setup-2-station-error")
    page.office_code.setText(STATION["office_code"])
    wizard.next()
    sup.password.setText("kısa")
    sup.password_again.setText("kısa")
    wizard.next()
    save(wizard, "setup-3-supervisor-error")
    sup.password.setText(SUPERVISOR["supervisor_password"])
    sup.password_again.setText(SUPERVISOR["supervisor_password"])
    wizard.next()
    save(wizard, "setup-4-done-real")
    wizard.close()
    desk.close()

    desk = Desk(tmp / "wizard-demo", create=True)
    wizard = SetupWizard(desk)
    wizard.resize(760, 600)
    wizard.choice_page.demo_button.setChecked(True)
    save(wizard, "setup-1-choice-demo")
    wizard.button(QWizard.WizardButton.CommitButton).click()
    save(wizard, "setup-4-done-demo")
    wizard.close()
    desk.close()


def login_and_lock_screens(tmp: Path) -> None:
    from gumruk_desk.ui.idle_lock import LockDialog
    from gumruk_desk.ui.login_dialog import LoginDialog

    opening = LoginDialog(None)  # painted before the register is open (see ui/app.py)
    save(opening, "login-opening")
    opening.close()

    desk = real_desk(tmp / "login")
    dialog = LoginDialog(desk)
    save(dialog, "login")
    dialog.sicil.setText("12345")
    dialog.password.setText("yanlis-parola")
    dialog.try_login()
    save(dialog, "login-wrong-password")
    dialog.close()

    officer = desk.authenticate("12345", "parola-12345")
    lock = LockDialog(desk, officer, idle_minutes=5)
    save(lock, "lock")
    lock.password.setText("yanlis-parola")
    lock.try_unlock()
    save(lock, "lock-wrong-password")
    lock._may_close = True
    lock.close()
    desk.close()

    demo = Desk(tmp / "login-demo", create=True)
    demo.init_demo()
    dialog = LoginDialog(demo)
    save(dialog, "login-demo")
    dialog.close()
    demo.close()


def settings_and_drafts_screens(tmp: Path) -> None:
    from gumruk_desk.ui.drafts_dialog import DraftsDialog
    from gumruk_desk.ui.settings_dialog import SettingsDialog

    desk = real_desk(tmp / "settings")
    supervisor = desk.authenticate("90001", SUPERVISOR["supervisor_password"])
    settings = SettingsDialog(desk, supervisor)
    settings.resize(980, 640)
    settings.import_rates_file(SAMPLE_BULLETIN)
    rates = settings.rates_tab
    rates.currency.setCurrentIndex(rates.currency.findData("UAH"))
    rates.rate.setText("0,7812")
    rates.add_manual_rate()
    rates.currency.setCurrentIndex(rates.currency.findData("USD"))
    rates.rate.setText("32,5")
    rates.day.setDate(QDate.currentDate())
    rates.add_manual_rate()  # refused: the bulletin in force has a USD rate
    save(settings, "settings-rates")
    tabs = settings.tabs
    assert tabs is not None  # a supervisor's settings have their tabs
    tabs.setCurrentIndex(1)
    tab = settings.rulesets_tab
    tab.table.selectRow(tab.ruleset_ids().index("2024/1"))
    save(settings, "settings-rulesets-draft")
    settings.load_ruleset_file(TEST_RULESET)
    save(settings, "settings-rulesets")
    tabs.setCurrentIndex(2)
    save(settings, "settings-session")
    settings.close()

    officer = desk.authenticate("12345", "parola-12345")
    refused = SettingsDialog(desk, officer)
    save(refused, "settings-refused")
    refused.close()

    desk.save_draft(
        None,
        kind="nakit_beyan",
        officer="12345",
        page=2,
        data={"person": {"first_name": "Anna Maria", "last_name": "Eriksson"}},
    )
    desk.save_draft(None, kind="nakit_beyan", officer="12345", page=0, data={})
    drafts = DraftsDialog(desk, officer)
    drafts.resize(860, 340)
    save(drafts, "drafts")
    drafts.ask_discard()
    save(drafts, "drafts-discard")
    drafts.close()
    desk.close()


PARTS = {
    "wizard": wizard_screens,
    "login": login_and_lock_screens,
    "settings": settings_and_drafts_screens,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", nargs="*", choices=sorted(PARTS), default=list(PARTS))
    parts = parser.parse_args().part
    keyring.set_keyring(null.Keyring())
    app = application()
    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gumruk-screens-") as folder:
        tmp = Path(folder)
        for part in parts:
            PARTS[part](tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
