"""Qt's own dialogs and buttons speak Turkish: the file dialog the settings open, the
standard buttons, the wizard's buttons."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QWizard,
)
from pytestqt.qtbot import QtBot

from gumruk_desk.services import Desk
from gumruk_desk.ui import translations
from gumruk_desk.ui.app import application
from gumruk_desk.ui.settings_dialog import SettingsDialog
from register_fixtures import SUPERVISOR, SUPERVISOR_PW


@pytest.fixture(autouse=True)
def app() -> QApplication:
    return application()


def while_open(qtbot: QtBot, look: Callable[[QFileDialog], None]) -> list[QFileDialog]:
    """Once a file dialog is the modal window, ``look`` at it and close it."""
    seen: list[QFileDialog] = []

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QFileDialog) and modal.isVisible():
            seen.append(modal)
            look(modal)
            modal.reject()
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def test_the_file_dialog_of_the_settings_is_qts_own_and_turkish(qtbot: QtBot, desk: Desk) -> None:
    dialog = SettingsDialog(desk, desk.authenticate(SUPERVISOR, SUPERVISOR_PW))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    labels: dict[str, str] = {}
    buttons: list[str] = []

    def look(file_dialog: QFileDialog) -> None:
        for label in file_dialog.findChildren(QLabel):
            if label.objectName():
                labels[label.objectName()] = label.text()
        buttons.extend(b.text() for b in file_dialog.findChildren(QPushButton) if b.isVisible())

    seen = while_open(qtbot, look)
    dialog.rates_tab.import_button.click()  # returns once the dialog is closed
    # No native dialog on this platform: Qt's widget dialog, which the catalogue translates.
    assert len(seen) == 1
    assert labels["lookInLabel"] == "Ara&ma konumu:"
    assert labels["fileNameLabel"] == "Dosya a&dı:"
    assert labels["fileTypeLabel"] == "Dosya &türü:"
    assert sorted(buttons) == ["&Aç", "İptal"]
    assert not dialog.rates_tab.import_result.isVisible()  # cancelled: nothing imported


def test_standard_buttons_are_turkish(qtbot: QtBot) -> None:
    standard = QDialogButtonBox.StandardButton
    box = QDialogButtonBox(
        standard.Ok
        | standard.Cancel
        | standard.Yes
        | standard.No
        | standard.Save
        | standard.Close
        | standard.Apply
    )
    qtbot.addWidget(box)
    texts = {b.text() for b in box.buttons()}
    assert texts == {"Tamam", "İptal", "&Evet", "&Hayır", "Kaydet", "Kapat", "Uygula"}
    message = QMessageBox(QMessageBox.Icon.Question, "Soru", "Devam edilsin mi?")
    message.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(message)
    assert {b.text() for b in message.buttons()} == {"&Evet", "&Hayır"}
    wizard = QWizard()
    qtbot.addWidget(wizard)
    names = (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton)
    assert [wizard.buttonText(n) for n in names] == ["< &Geri", "&Sonraki >"]
    assert wizard.buttonText(QWizard.WizardButton.CancelButton) == "İptal"
    assert wizard.buttonText(QWizard.WizardButton.FinishButton) == "&Bitir"


def test_installed_once_and_only_what_the_catalogue_misses_is_filled_in() -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    first = translations.translators()
    assert first and translations.install(app) == first  # a second call adds nothing
    # A text the catalogue knows only without its mnemonic gets one on the Turkish text.
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "Ara&ma konumu:"
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Arama konumu:"
    assert QCoreApplication.translate("QFileDialog", "&Detail View") == "&Ayrıntılı Görünüm"
    # The desk's own texts are Turkish already and pass through untouched.
    assert QCoreApplication.translate("MainWindow", "Kayıt &defteri") == "Kayıt &defteri"
    assert translations.with_mnemonic("Kenar Çubuğu") == "&Kenar Çubuğu"
    assert translations.with_mnemonic("&Sil") == "&Sil"
