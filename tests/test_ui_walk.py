"""Every window and page of the desk, reached the way an officer reaches it, checked for what
makes a screen fail at the counter (tests/walk_support.py): two controls answering one
Alt+letter, a wizard page opening without its first control focused, and text cut off at
1366×768 or 1920×1080. One test case per screen, so one screen's failure hides no other's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from pytestqt.qtbot import QtBot

from gumruk_desk.ui.app import application
from gumruk_desk.ui.status import ElidedLabel
from walk_support import (
    SIZES,
    Screen,
    Walk,
    clipping,
    fit,
    focus_problem,
    mnemonic_clashes,
    problems,
    screens,
    settle,
)


def cases() -> list[object]:
    return [pytest.param(screen, id=screen.name) for screen in screens()]


@pytest.fixture(scope="session")
def qapp() -> QApplication:
    return application()


@pytest.fixture
def walk(qapp: QApplication, home: Path, tmp_path: Path) -> Iterator[Walk]:
    walking = Walk(home, tmp_path)
    try:
        yield walking
    finally:
        walking.close()


@pytest.mark.parametrize("screen", cases())
def test_screen(screen: Screen, walk: Walk) -> None:
    found = problems(screen.reach(walk))
    assert not found, f"{screen.name}:\n" + "\n".join(found)


def test_every_screen_has_its_own_name() -> None:
    names = [screen.name for screen in screens()]
    assert len(names) == len(set(names))


# -- the checks themselves: they catch what they must, and only that ------------------------


def _dialog(qtbot: QtBot) -> QDialog:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    return dialog


def _shown(dialog: QWidget) -> None:
    dialog.show()
    settle()


def test_a_clash_is_two_usable_controls_on_one_letter(qtbot: QtBot, qapp: QApplication) -> None:
    dialog = _dialog(qtbot)
    form = QFormLayout(dialog)
    field = QLineEdit()
    form.addRow("&Adı", field)  # a label with a buddy answers Alt+A
    save = QPushButton("&Ara")
    hidden = QPushButton("&Bul")
    disabled = QPushButton("&Bitir")
    disabled.setEnabled(False)
    no_buddy = QLabel("&Başlık")  # without a buddy a label answers nothing
    for widget in (save, hidden, disabled, no_buddy):
        form.addRow(widget)
    QShortcut(QKeySequence("Alt+B"), dialog)
    _shown(dialog)
    hidden.hide()
    clashes = mnemonic_clashes(dialog)
    assert len(clashes) == 1 and clashes[0].startswith("Alt+A: ")
    assert "“&Adı” (QLabel)" in clashes[0] and "“&Ara” (QPushButton)" in clashes[0]
    # Turkish dotless ı and i are one key for Qt: Alt+I both.
    save.setText("Ç&ıkış")
    disabled.setEnabled(True)
    disabled.setText("&iptal")
    assert [c.split(":")[0] for c in mnemonic_clashes(dialog)] == ["Alt+I"]


def test_a_cut_label_button_placeholder_and_header_are_found(
    qtbot: QtBot, qapp: QApplication
) -> None:
    dialog = _dialog(qtbot)
    layout = QVBoxLayout(dialog)
    row = QHBoxLayout()
    label = QLabel("Müsaade edilen fark tanımlı değil")
    label.setFixedWidth(60)
    button = QPushButton("Numara ayır ve boş formları yazdır")
    button.setFixedWidth(80)
    edit = QLineEdit()
    edit.setPlaceholderText("Kayıt numarası, soyadı (baş harfleri) veya belge numarası")
    edit.setFixedWidth(90)
    for widget in (label, button, edit):
        row.addWidget(widget)
    layout.addLayout(row)
    table = QTableWidget(1, 2)
    table.setHorizontalHeaderLabels(["Hukuki kaynak", "Gümrüklerde uygulanan"])
    table.horizontalHeader().resizeSection(0, 40)
    table.horizontalHeader().resizeSection(1, 40)
    tip = QTableWidgetItem("Gümrüklerde uygulanan")
    tip.setToolTip("Gümrüklerde uygulanan")  # elided, but the tooltip says it whole
    table.setHorizontalHeaderItem(1, tip)
    layout.addWidget(table)
    elided = ElidedLabel()
    elided.set_full_text("Uyarı: 2026 yılı için müsaade edilen fark tanımlı değil")
    elided.setFixedWidth(50)
    layout.addWidget(elided)
    _shown(dialog)
    found = clipping(dialog, SIZES["1920x1080"])
    assert len(found) == 5, found
    kinds = " | ".join(found)
    for expected in (
        "etiket sığmıyor: “Müsaade",
        "düğme sığmıyor: “Numara ayır",
        "ipucu sığmıyor: “Kayıt numarası",
        "sütun başlığı sığmıyor: “Hukuki kaynak”",
        "etiket kısaltılmış",
    ):
        assert expected in kinds
    # Given their room, none of them is reported.
    for widget in (label, button, edit, elided):
        widget.setMinimumWidth(0)
        widget.setMaximumWidth(16_777_215)
    dialog.resize(1200, 400)
    table.horizontalHeader().resizeSection(0, 200)
    settle()
    assert clipping(dialog, SIZES["1920x1080"]) == []


def test_a_window_larger_than_the_screen_is_cut(qtbot: QtBot, qapp: QApplication) -> None:
    dialog = _dialog(qtbot)
    dialog.setMinimumSize(1400, 500)
    _shown(dialog)
    fit(dialog, SIZES["1366x768"], QSize(1400, 500))
    assert clipping(dialog, SIZES["1366x768"]) == [
        "pencere 1400×500 px, ekranda en çok 1366×696 px"
    ]
    fit(dialog, SIZES["1920x1080"], QSize(1400, 500))
    assert clipping(dialog, SIZES["1920x1080"]) == []


def test_a_page_must_open_on_its_first_control(qtbot: QtBot, qapp: QApplication) -> None:
    wizard = QWizard()
    qtbot.addWidget(wizard)
    page = QWizardPage()
    form = QFormLayout(page)
    first, second = QLineEdit(), QLineEdit()
    form.addRow("&Bir", first)
    form.addRow("İ&ki", second)
    wizard.addPage(page)
    wizard.addPage(QWizardPage())
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    first.setFocus()
    assert focus_problem(wizard) is None
    second.setObjectName("second")
    second.setFocus()
    assert focus_problem(wizard) == "odak QLineEdit second; sayfanın ilk denetimi QLineEdit"
    wizard.button(QWizard.WizardButton.NextButton).setFocus()
    problem = focus_problem(wizard)
    assert problem is not None and problem.startswith("odak sihirbaz düğmesinde")
    first.setFocus(Qt.FocusReason.OtherFocusReason)
    assert focus_problem(wizard) is None
