"""What the screen walker checks on every window it reaches, shared by tests/test_ui_walk.py
and scripts/screens_all.py (which shoots the same screens at the same sizes).

Three checks, each returning the problems it found as Turkish-free, developer-facing lines
(the test prints them; nothing here is shown to an officer):

- :func:`mnemonic_clashes`: two visible, enabled controls of one window answering the same
  Alt+letter. Only what Qt itself dispatches counts: the shortcut a button grabbed from its
  text (``QAbstractButton.shortcut()``), a label's mnemonic when it has a buddy, a group
  box's title, the tabs of a visible tab bar, the menu bar's titles, and the window's
  QShortcut and QAction key sequences (Qt's matcher skips a hidden or disabled owner too).
- :func:`clipping`: text that does not fit where it is drawn — a one-line label, a button's
  label, a line edit's placeholder, a table header (unless its tooltip carries the whole
  text), a label shortened with "…" — and a window larger than the screen gives it. Widgets
  inside a scroll area are measured against their own rectangle: scrolling is acceptable.
- :func:`focus_problem`: a wizard page opens with its first control focused, never on the
  wizard's Back, Next or Cancel button.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6 import QtGui
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence, QShortcut, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenuBar,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionFrame,
    QTabBar,
    QToolButton,
    QWidget,
    QWizard,
)

import ek2_keys
from ek1_keys import EK1_KEY_PATH, focus_widget, play, press, type_text
from gumruk_desk.register.models import Officer
from gumruk_desk.services import Desk
from register_fixtures import OFFICER, OFFICER_PW, SUPERVISOR, SUPERVISOR_PW, WITNESS, WITNESS_PW

if TYPE_CHECKING:
    from gumruk_desk.ui.ek1.wizard import NakitBeyanWizard
    from gumruk_desk.ui.ek2.wizard import NakitAciklamaWizard
    from gumruk_desk.ui.main_window import MainWindow
    from gumruk_desk.ui.setup_wizard import SetupWizard

W = TypeVar("W", bound=QWidget)
D = TypeVar("D", bound=QWidget)

#: The screens the desk must fit: a small laptop and an ordinary office monitor.
SIZES: dict[str, QSize] = {"1366x768": QSize(1366, 768), "1920x1080": QSize(1920, 1080)}

#: What a window can use of a screen: Windows' task bar (40 px) and a title bar (32 px)
#: take this much of its height; a maximised window has no side borders.
FRAME_HEIGHT = 72

#: Rounding of text metrics (fractional advances) may cost a pixel; more is a real cut.
SLACK = 1


def available(screen: QSize) -> QSize:
    return QSize(screen.width(), screen.height() - FRAME_HEIGHT)


# -- the widgets of one window ---------------------------------------------------------------


def shown(window: QWidget) -> Iterator[QWidget]:
    """Every visible widget of ``window`` itself (not of the dialogs it owns)."""
    yield window
    for widget in window.findChildren(QWidget):
        if widget.isVisible() and widget.window() is window:
            yield widget


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def fit(window: QWidget, screen: QSize, natural: QSize) -> None:
    """Give ``window`` the screen's usable area, or its ``natural`` size where smaller."""
    room = available(screen)
    window.resize(natural.boundedTo(room))
    settle()


# -- mnemonics ------------------------------------------------------------------------------


def _describe(widget: QWidget, text: str) -> str:
    return f"“{text}” ({type(widget).__name__})"


def _usable(widget: QWidget) -> bool:
    return widget.isVisible() and widget.isEnabled()


@dataclass(frozen=True)
class Binding:
    """One key sequence a window answers, and who answers it."""

    keys: str
    owner: str
    identity: tuple[int, int]  # one control seen through two paths is one owner


def bindings(window: QWidget) -> list[Binding]:
    found: list[Binding] = []

    def add(sequence: QKeySequence, owner: str, identity: object, part: int = 0) -> None:
        if not sequence.isEmpty():
            keys = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            found.append(Binding(keys, owner, (id(identity), part)))

    for widget in shown(window):
        if not widget.isEnabled():
            continue
        if isinstance(widget, QAbstractButton):
            add(widget.shortcut(), _describe(widget, widget.text()), widget)
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            add(QKeySequence.mnemonic(widget.text()), _describe(widget, widget.text()), widget)
        elif isinstance(widget, QGroupBox):
            add(QKeySequence.mnemonic(widget.title()), _describe(widget, widget.title()), widget)
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                if widget.isTabEnabled(i) and widget.isTabVisible(i):
                    text = widget.tabText(i)
                    add(QKeySequence.mnemonic(text), f"“{text}” (sekme)", widget, i)
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                if action.isVisible() and action.isEnabled():
                    text = action.text()
                    add(QKeySequence.mnemonic(text), f"“{text}” (menü)", action)
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if (
            shortcut.isEnabled()
            and isinstance(parent, QWidget)
            and parent.window() is window
            and _usable(parent)
        ):
            sequences = shortcut.keys()  # QKeySequence list, not a mapping
            for sequence in sequences:
                owner = f"QShortcut {sequence.toString()} ({type(parent).__name__})"
                add(sequence, owner, shortcut)
    for action in window.findChildren(QAction):
        if not (action.isEnabled() and action.isVisible()):
            continue
        owners = [w for w in action.associatedObjects() if isinstance(w, QWidget)]
        if any(w.window() is window and _usable(w) for w in owners):
            for sequence in action.shortcuts():
                add(sequence, f"eylem “{action.text()}”", action)
    return found


def mnemonic_clashes(window: QWidget) -> list[str]:
    """Alt+letters (and other key sequences) two controls of ``window`` both answer."""
    by_keys: dict[str, dict[tuple[int, int], str]] = {}
    for binding in bindings(window):
        by_keys.setdefault(binding.keys, {})[binding.identity] = binding.owner
    return [
        f"{keys}: " + " ve ".join(sorted(owners.values()))
        for keys, owners in sorted(by_keys.items())
        if len(owners) > 1
    ]


# -- clipping ---------------------------------------------------------------------------------


def displayed(text: str) -> str:
    """``text`` as Qt draws a mnemonic label: "&&" is an ampersand, a lone "&" is not drawn."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == "&" and i + 1 < len(text):
            out.append(text[i + 1] if text[i + 1] == "&" else "")
            if text[i + 1] == "&":
                i += 2
                continue
            i += 1
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def _width(metrics: QFontMetrics, text: str) -> int:
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)


def _scrolled(widget: QWidget, window: QWidget) -> bool:
    """Whether ``widget`` sits in a scroll area's (or an item view's) viewport."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return True
        parent = grand
    return False


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    full = getattr(label, "full_text", None)  # a label that shortens itself (ElidedLabel)
    if callable(full) and str(full()) != text:
        return f"etiket kısaltılmış: “{text}” (tamamı “{full()}”)"
    if not text or label.wordWrap() or not label.pixmap().isNull():
        return None
    metrics = QFontMetrics(label.font())
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if rich:
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        document.setHtml(text)
        needed = int(document.idealWidth() + 0.999)
        shown_text = document.toPlainText()
    else:
        shown_text = displayed(text) if label.buddy() is not None else text
        needed = _width(metrics, shown_text)
    room = label.contentsRect().width() - 2 * label.margin()
    indent = label.indent()
    if indent < 0:
        indent = metrics.horizontalAdvance("x") // 2 if label.frameWidth() > 0 else 0
    if label.alignment() & (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignRight):
        room -= indent
    if needed > room + SLACK:
        return f"etiket sığmıyor: “{shown_text}” ({needed} px, yer {room} px)"
    return None


def _button_problem(button: QAbstractButton) -> str | None:
    text = displayed(button.text())
    if not text:
        return None
    if isinstance(button, QToolButton):
        if button.width() + SLACK < button.sizeHint().width():
            return (
                f"düğme sığmıyor: “{text}” ({button.sizeHint().width()} px, "
                f"yer {button.width()} px)"
            )
        return None
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = button.text()
    option.icon = button.icon()
    option.iconSize = button.iconSize()
    style = button.style()
    if isinstance(button, QPushButton):
        if button.autoDefault() or button.isDefault():
            option.features |= QStyleOptionButton.ButtonFeature.AutoDefaultButton
        if button.menu() is not None:
            option.features |= QStyleOptionButton.ButtonFeature.HasMenu
        element = QStyle.SubElement.SE_PushButtonContents
    elif isinstance(button, QCheckBox):
        element = QStyle.SubElement.SE_CheckBoxContents
    elif isinstance(button, QRadioButton):
        element = QStyle.SubElement.SE_RadioButtonContents
    else:
        return None
    room = style.subElementRect(element, option, button).width()
    needed = _width(QFontMetrics(button.font()), text)
    if isinstance(button, QPushButton):
        if not button.icon().isNull():
            needed += button.iconSize().width() + 4
        if button.menu() is not None:
            needed += style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, button)
    if needed > room + SLACK:
        return f"düğme sığmıyor: “{text}” ({needed} px, yer {room} px)"
    return None


def _placeholder_problem(edit: QLineEdit) -> str | None:
    text = edit.placeholderText()
    if not text:
        return None
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    rect = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    # QLineEdit keeps 2 px each side of the text (QLineEditPrivate::horizontalMargin).
    room = rect.width() - margins.left() - margins.right() - 4
    for action in edit.actions():  # a clear button or an icon takes room inside the field
        for widget in action.associatedObjects():
            if isinstance(widget, QWidget) and widget.parentWidget() is edit and widget.isVisible():
                room -= widget.width()
    needed = QFontMetrics(edit.font()).horizontalAdvance(text)
    if needed > room + SLACK:
        return f"ipucu sığmıyor: “{text}” ({needed} px, yer {room} px)"
    return None


def _header_problems(view: QAbstractItemView) -> list[str]:
    header = getattr(view, "horizontalHeader", None)
    model = view.model()
    if not callable(header) or model is None:
        return []
    bar: QHeaderView = header()
    if not bar.isVisible():
        return []
    problems = []
    for section in range(bar.count()):
        if bar.isSectionHidden(section):
            continue
        text = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if not text:
            continue
        text = str(text)
        # Qt's own measure of the section (the bold face it paints, margins, sort arrow).
        needed = bar.sectionSizeFromContents(section).width()
        room = bar.sectionSize(section)
        if needed <= room + SLACK:
            continue
        tip = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        flat = " ".join(text.split())
        if tip and flat in " ".join(str(tip).split()):
            continue  # elided where it must be, and the tooltip says it whole
        problems.append(f"sütun başlığı sığmıyor: “{flat}” ({needed} px, yer {room} px)")
    return problems


def clipping(window: QWidget, screen: QSize) -> list[str]:
    """What ``window`` cuts off at its current size on ``screen``."""
    problems: list[str] = []
    room = available(screen)
    if window.width() > room.width() or window.height() > room.height():
        problems.append(
            f"pencere {window.width()}×{window.height()} px, ekranda en çok "
            f"{room.width()}×{room.height()} px"
        )
    frame = QRect(0, 0, window.width(), window.height())
    for widget in shown(window):
        problem: str | None = None
        if isinstance(widget, QLabel):
            problem = _label_problem(widget)
        elif isinstance(widget, QAbstractButton):
            problem = _button_problem(widget)
        elif isinstance(widget, QLineEdit):
            problem = _placeholder_problem(widget)
        if isinstance(widget, QAbstractItemView):
            problems.extend(_header_problems(widget))
        if problem is not None:
            problems.append(problem)
        elif (
            widget is not window
            and isinstance(widget, (QLabel, QAbstractButton, QLineEdit))
            and not _scrolled(widget, window)
        ):
            place = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
            if not frame.contains(place):
                text = widget.text() if hasattr(widget, "text") else ""
                problems.append(f"pencerenin dışında: “{displayed(str(text))}”")
    return problems


# -- focus on a wizard page -----------------------------------------------------------------


def _tab_stop(widget: QWidget) -> bool:
    return (
        bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.isVisible()
        and widget.isEnabled()
        and widget.focusProxy() is None
    )


def first_control(page: QWidget) -> QWidget | None:
    """The first widget of ``page`` that Tab would stop at, in the page's focus chain."""
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page:
        if page.isAncestorOf(widget) and _tab_stop(widget):
            return widget
        widget = widget.nextInFocusChain()
    return None


def _same_group(a: QWidget, b: QWidget) -> bool:
    """Two radio buttons of one exclusive group are one stop for Tab."""
    if not (isinstance(a, QRadioButton) and isinstance(b, QRadioButton)):
        return False
    if a.group() is not None:
        return a.group() is b.group()
    return a.autoExclusive() and b.autoExclusive() and a.parentWidget() is b.parentWidget()


def _name(widget: QWidget | None) -> str:
    if widget is None:
        return "hiçbiri"
    text = widget.text() if isinstance(widget, (QAbstractButton, QLabel, QLineEdit)) else ""
    parts = [type(widget).__name__, widget.objectName(), f"“{displayed(text)}”" if text else ""]
    return " ".join(part for part in parts if part)


def focus_problem(wizard: QWizard) -> str | None:
    """Whether the current page of ``wizard`` opened with its first control focused."""
    page = wizard.currentPage()
    focus = focus_widget()  # where a key would go (the offscreen activation fixed up)
    navigation = {
        wizard.button(b)
        for b in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.CancelButton,
        )
    }
    if focus in navigation:
        return f"odak sihirbaz düğmesinde: {_name(focus)}"
    first = first_control(page)
    if first is None:
        # Nothing on the page takes the keyboard: the page's own default button may.
        if focus is not None and focus.window() is wizard:
            return None
        return f"odak sayfada değil: {_name(focus)}"
    if focus is first or (focus is not None and _same_group(first, focus)):
        return None
    return f"odak {_name(focus)}; sayfanın ilk denetimi {_name(first)}"


# -- reaching every screen ------------------------------------------------------------------


def wait_for(condition: Callable[[], object], timeout_ms: int = 5000) -> None:
    """Process events until ``condition()`` holds (a window activated, a worker done)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {condition}")
        QTest.qWait(10)


class Walk:
    """What a screen is reached with: a set-up register copy (``home``: OFFICER, WITNESS and
    SUPERVISOR of tests/register_fixtures.py), a folder for fresh registers, and the windows
    opened on the way, closed by :meth:`close` before the registers they use."""

    def __init__(self, home: Path, scratch: Path) -> None:
        self.home = home
        self.scratch = scratch
        self._desks: list[Desk] = []
        self._windows: list[QWidget] = []
        self._servers: list[Any] = []
        self._desk: Desk | None = None

    @property
    def desk(self) -> Desk:
        if self._desk is None:
            self._desk = self.open_desk(self.home)
        return self._desk

    def open_desk(self, home: Path, *, create: bool = False) -> Desk:
        desk = Desk(home, create=create)
        self._desks.append(desk)
        return desk

    def fresh_desk(self, name: str) -> Desk:
        return self.open_desk(self.scratch / name, create=True)

    def officer(self, sicil: str = OFFICER, password: str = OFFICER_PW) -> Officer:
        return self.desk.authenticate(sicil, password)

    def show(self, widget: W) -> W:
        """Show ``widget`` as the active window (the keyboard goes to it)."""
        self._windows.append(widget)
        widget.show()
        settle()
        widget.activateWindow()
        wait_for(widget.isActiveWindow)
        return widget

    def dialog(self, dialog: D | None) -> D:
        """A dialog a window has just opened: active, as a window manager makes it."""
        assert dialog is not None, "the window opened no dialog"
        self._windows.append(dialog)
        settle()
        dialog.activateWindow()
        wait_for(dialog.isActiveWindow)
        return dialog

    def server(self) -> Any:
        from central_support import CentralServer

        server = CentralServer(f"sqlite:///{self.scratch / 'central.sqlite3'}").start()
        self._servers.append(server)
        return server

    def close(self) -> None:
        for widget in reversed(self._windows):
            if shiboken6.isValid(widget):
                if isinstance(widget, QDialog):
                    widget.done(QDialog.DialogCode.Rejected)
                widget.close()
                widget.deleteLater()
        settle()
        for server in self._servers:
            server.stop()
        for desk in self._desks:
            desk.close()


@dataclass(frozen=True)
class Opened:
    """A screen reached: the window to check, and its wizard when it shows a page just
    entered (its focus is checked)."""

    window: QWidget
    wizard: QWizard | None = None


@dataclass(frozen=True)
class Screen:
    name: str
    reach: Callable[[Walk], Opened]


def play_to(path: Sequence[tuple[str, object]], page: int, current: Callable[[], int]) -> None:
    """Play ``path`` up to (and including) its checkpoint for ``page``."""
    end = path.index(("page", page)) + 1
    play(tuple(path[:end]), current)


# Set-up wizard ----------------------------------------------------------------------------

STATION_TYPED = ("GM01", "İstanbul Havalimanı Gümrük Müdürlüğü", "M1", "Dış Hatlar Geliş Salonu")
SUPERVISOR_TYPED = ("90009", "Şükran Işıkoğlu", "Gümrük Muhafaza Müdür Yardımcısı")
SETUP_PASSWORD = "amir-parola-9"


def _type_fields(texts: Sequence[str]) -> None:
    """Type into the focused field and the ones after it (Tab between, not after the last:
    the next stop is a button, and Enter there would press it)."""
    for i, text in enumerate(texts):
        if i:
            press(Qt.Key.Key_Tab)
        type_text(text)


def _setup(walk: Walk) -> SetupWizard:
    from gumruk_desk.ui.setup_wizard import SetupWizard

    return walk.show(SetupWizard(walk.fresh_desk("first-run")))


def _setup_choose(walk: Walk, key: Qt.Key) -> SetupWizard:
    wizard = _setup(walk)
    press(key, Qt.KeyboardModifier.AltModifier)  # Alt+D: demo, Alt+G: the real desk
    wait_for(lambda: wizard.choice_page.group.checkedButton() is not None)
    return wizard


def _setup_station(walk: Walk) -> SetupWizard:
    wizard = _setup_choose(walk, Qt.Key.Key_G)
    press(Qt.Key.Key_Return)
    assert wizard.currentId() == wizard.PAGE_STATION
    return wizard


def _setup_supervisor(walk: Walk) -> SetupWizard:
    wizard = _setup_station(walk)
    _type_fields(STATION_TYPED)  # the central address left empty
    press(Qt.Key.Key_Return)
    assert wizard.currentId() == wizard.PAGE_SUPERVISOR
    return wizard


def _setup_done_real(walk: Walk) -> SetupWizard:
    wizard = _setup_supervisor(walk)
    _type_fields((*SUPERVISOR_TYPED, SETUP_PASSWORD, SETUP_PASSWORD))
    press(Qt.Key.Key_Return)
    assert wizard.currentId() == wizard.PAGE_DONE
    return wizard


def _setup_done_demo(walk: Walk) -> SetupWizard:
    wizard = _setup_choose(walk, Qt.Key.Key_D)
    press(Qt.Key.Key_Return)
    assert wizard.currentId() == wizard.PAGE_DONE
    return wizard


def _setup_required(walk: Walk) -> Opened:
    wizard = _setup_station(walk)
    press(Qt.Key.Key_Return)  # nothing typed: each required field says so under it
    assert wizard.station_page.errors["office_code"].isVisible()
    return Opened(wizard)


def _setup_supervisor_error(walk: Walk) -> Opened:
    wizard = _setup_supervisor(walk)
    _type_fields((*SUPERVISOR_TYPED, "kısa", "kısa"))
    press(Qt.Key.Key_Return)  # the service refuses a short password, under its field
    assert wizard.supervisor_page.errors["password"].isVisible()
    return Opened(wizard)


def _no_keyring() -> None:
    import keyring
    from keyring.backends import null

    keyring.set_keyring(null.Keyring())  # accepts every key and keeps none


def _setup_passphrase(walk: Walk) -> Opened:
    """No keyring: the first page asks the station passphrase before the register is made."""
    from gumruk_desk.ui.setup_wizard import SetupWizard

    _no_keyring()
    home = walk.scratch / "first-run"
    wizard = walk.show(
        SetupWizard(None, open_desk=lambda: walk.open_desk(home, create=True), home=home)
    )
    wizard.ask_passphrase()
    settle()
    return Opened(wizard)


def _start_passphrase(walk: Walk, wrong: bool = False) -> Opened:
    """A register whose key is under the station passphrase, at a new start."""
    from gumruk_desk.register import keys
    from gumruk_desk.ui.passphrase_dialog import PassphraseDialog
    from register_fixtures import setup_register

    _no_keyring()
    home = walk.scratch / "passphrase-desk"
    keys.give_passphrase(home, "istasyon-parolasi-1")
    setup_register(home)
    keys.forget(home)
    dialog = walk.show(PassphraseDialog(home))
    if wrong:
        type_text("yanlis-parola-1")
        press(Qt.Key.Key_Return)
        assert dialog.error.isVisible()
    return Opened(dialog)


def _start_recover(walk: Walk, passphrase: bool = False) -> Opened:
    """The register's key is not on this machine: its recovery key is asked (with a new
    station passphrase where no keyring keeps keys)."""
    from gumruk_desk.ui.recovery_key import RecoverDialog

    if passphrase:
        _no_keyring()
    reason = (
        "Kayıt defterinin anahtarı bu makinenin anahtarlığında yok: kurtarma anahtarıyla "
        "'gumruk-desk key recover' çalıştırın. Kayıt defteri açılmadı."
    )
    return Opened(walk.show(RecoverDialog(walk.scratch / "lost-key", reason)))


def _new_recovery_key(walk: Walk) -> Opened:
    """A register encrypted at this open: its recovery key, shown once before the login."""
    from gumruk_desk.register import keys
    from gumruk_desk.ui.recovery_key import RecoveryKeyDialog

    key = keys.register_key(walk.desk.db.home) or bytes(32)
    why = (
        "Kayıt defteri bu açılışta şifrelendi: kayıtlar artık bu bilgisayarda şifreli duruyor "
        "ve anahtarı işletim sisteminin anahtarlığında. Aşağıdaki kurtarma anahtarını idare "
        "amirine verin: bilgisayar değişir ya da anahtar kaybolursa kayıtları yalnızca o açar. "
        "Kaybolursa idare amiri anahtarı yenileyip yenisini alabilir (Ayarlar → Anahtar "
        "sekmesi nasıl yapılacağını anlatır)."
    )
    dialog = RecoveryKeyDialog(
        keys.recovery_text(key), why, station="TR340100/01", data_folder=walk.desk.db.home
    )
    return Opened(walk.show(dialog))


def _page(reach: Callable[[Walk], QWizard]) -> Callable[[Walk], Opened]:
    """A wizard page just entered: its focus is checked too."""

    def opened(walk: Walk) -> Opened:
        wizard = reach(walk)
        return Opened(wizard, wizard)

    return opened


# Login and lock -----------------------------------------------------------------------------


def _login(walk: Walk) -> Opened:
    from gumruk_desk.ui.login_dialog import LoginDialog

    return Opened(walk.show(LoginDialog(walk.desk)))


def _login_opening(walk: Walk) -> Opened:
    from gumruk_desk.ui.login_dialog import LoginDialog

    return Opened(walk.show(LoginDialog(None)))  # painted before the register is open


def _login_wrong(walk: Walk) -> Opened:
    dialog = _login(walk).window
    type_text(OFFICER + "\n" + "yanlis-parola\n")
    assert dialog.isVisible() and dialog.error.isVisible()  # type: ignore[attr-defined]
    return Opened(dialog)


def _login_demo(walk: Walk) -> Opened:
    from gumruk_desk.ui.login_dialog import LoginDialog

    desk = walk.fresh_desk("demo")
    desk.init_demo()
    return Opened(walk.show(LoginDialog(desk)))


def _lock(walk: Walk) -> Opened:
    from gumruk_desk.ui.idle_lock import LockDialog

    dialog = LockDialog(walk.desk, walk.officer(), idle_minutes=5)
    walk.show(dialog)
    return Opened(dialog)


def _lock_wrong(walk: Walk) -> Opened:
    dialog = _lock(walk).window
    type_text("yanlis-parola\n")
    assert dialog.error.isVisible()  # type: ignore[attr-defined]
    return Opened(dialog)


# The main window and its dialogs --------------------------------------------------------


def _registered(walk: Walk) -> None:
    """A shift's worth of records: declarations, a correct explanation, and a wrong one
    whose cash is in custody (a seizure waiting for upload), the newest."""
    from factories import cash, ek1, ek2

    desk = walk.desk
    officer, witness = walk.officer(), walk.officer(WITNESS, WITNESS_PW)
    desk.register(ek1(), officer=officer)
    desk.register(ek2(witness_officer=None), officer=officer)
    desk.register(
        ek2(detected=[cash("EUR", "20000.00")], declared=[cash("EUR", "1000.00")]),
        officer=officer,
        witness=witness,
    )


def _window(walk: Walk, sicil: str = OFFICER, password: str = OFFICER_PW) -> MainWindow:
    from gumruk_desk.ui.main_window import MainWindow

    _registered(walk)
    window = walk.show(MainWindow(walk.desk, walk.officer(sicil, password)))
    window.raise_()
    return window


def _main(walk: Walk) -> Opened:
    return Opened(_window(walk))


def _settings(tab: int) -> Callable[[Walk], Opened]:
    def reach(walk: Walk) -> Opened:
        window = _window(walk, SUPERVISOR, SUPERVISOR_PW)
        dialog = walk.dialog(window.open_settings())
        dialog.tabs.setCurrentIndex(tab)  # type: ignore[attr-defined]
        return Opened(dialog)

    return reach


def _registers(tab: int) -> Callable[[Walk], Opened]:
    def reach(walk: Walk) -> Opened:
        window = _window(walk)
        dialog = walk.dialog(window.open_registers())
        dialog.tabs.setCurrentIndex(tab)  # type: ignore[attr-defined]
        return Opened(dialog)

    return reach


def _officers(walk: Walk) -> Opened:
    window = _window(walk, SUPERVISOR, SUPERVISOR_PW)
    return Opened(walk.dialog(window.open_officers()))


def _officer_add(walk: Walk) -> Opened:
    officers = _officers(walk).window
    return Opened(walk.dialog(officers.add_officer()))  # type: ignore[attr-defined]


def _drafts(walk: Walk) -> Opened:
    walk.desk.save_draft(
        None,
        kind="nakit_beyan",
        officer=OFFICER,
        page=2,
        data={"person": {"first_name": "Anna Maria", "last_name": "Eriksson"}},
    )
    window = _window(walk)
    return Opened(walk.dialog(window.open_drafts()))


def _drafts_discard(walk: Walk) -> Opened:
    dialog = _drafts(walk).window
    dialog.table.setFocus()  # type: ignore[attr-defined]
    press(Qt.Key.Key_Delete)  # the question shown in the window, "Hayır" focused
    assert dialog.confirm.isVisible()  # type: ignore[attr-defined]
    return Opened(dialog)


def _seizures(walk: Walk) -> Opened:
    return Opened(walk.dialog(_window(walk).open_seizures()))


def _cancel(walk: Walk) -> Opened:
    return Opened(walk.dialog(_window(walk).cancel_selected()))


def _cancel_done(walk: Walk) -> Opened:
    """The record cancelled with both passwords: the window asks about a replacement."""
    window = _window(walk)
    dialog = walk.dialog(window.cancel_selected())
    dialog.reason.setPlainText("Tutar yanlış yazıldı")  # type: ignore[attr-defined]
    dialog.collected.setChecked(True)  # type: ignore[attr-defined]
    dialog.officer_password.setText(OFFICER_PW)  # type: ignore[attr-defined]
    dialog.approver_password.setText(SUPERVISOR_PW)  # type: ignore[attr-defined]
    dialog.ok.click()  # type: ignore[attr-defined]
    wait_for(lambda: window.message_box is not None and window.message_box.isVisible())
    return Opened(walk.dialog(window.message_box))


def _preview(walk: Walk) -> Opened:
    window = _window(walk)
    rendering = window.print_selected()  # rendered in the background; the preview follows
    assert rendering is not None
    wait_for(rendering.is_over)
    return Opened(walk.dialog(window.preview))


def _shift_end(walk: Walk) -> Opened:
    return Opened(walk.dialog(_window(walk).end_shift()))


def _sync_address(walk: Walk) -> Opened:
    return Opened(walk.dialog(_window(walk).start_sync()))  # no central address yet


def _point_at_centre(walk: Walk) -> Any:
    server = walk.server()
    walk.desk.set_central_url(server.url, walk.officer(SUPERVISOR, SUPERVISOR_PW))
    return server


def _sync_token(walk: Walk) -> Opened:
    _point_at_centre(walk)
    return Opened(walk.dialog(_window(walk).start_sync()))  # the token is asked first


def _sync_done(walk: Walk) -> Opened:
    server = _point_at_centre(walk)
    window = _window(walk)
    token = walk.dialog(window.start_sync(shift_end=True))
    type_text(server.store.issue_token("GM01", "M1"))
    token.keep.setChecked(False)  # type: ignore[attr-defined]
    press(Qt.Key.Key_Return)
    dialog = walk.dialog(window.sync_dialog)
    wait_for(dialog.close_button.isEnabled, 20_000)  # type: ignore[attr-defined]
    return Opened(dialog)


# The Nakit Beyan Formu (EK-1) wizard ----------------------------------------------------------


def _ek1(walk: Walk, **kwargs: Any) -> NakitBeyanWizard:
    from gumruk_desk.ui.ek1.wizard import NakitBeyanWizard

    return walk.show(NakitBeyanWizard(walk.desk, walk.officer(), autosave_ms=600_000, **kwargs))


def _ek1_scanned(walk: Walk) -> Opened:
    """The identity page once the scanner has typed the passport's MRZ."""
    wizard = _ek1(walk)
    scan = next(i for i, (action, _value) in enumerate(EK1_KEY_PATH) if action == "scan")
    play(EK1_KEY_PATH[: scan + 1], wizard.currentId)
    return Opened(wizard)


def _ek1_prohibited(walk: Walk) -> Opened:
    """Personal capital (G 1.1/b) chosen and İleri pressed: the circular's reason shown."""
    from factories import ek1

    wizard = _ek1(walk, data={**ek1(), "source_category": "personal_capital"})
    press(Qt.Key.Key_Return)
    assert wizard.currentId() == 0
    return Opened(wizard)


def _ek1_seizure(walk: Walk) -> Opened:
    from factories import ek1
    from gumruk_desk.ui.ek1 import wizard as w

    data = {
        **ek1(),
        "source_category": "loan_from_abroad",
        "arrival_reason": {"code": "other", "text": "Yurt dışından alınan kredi"},
        "_wizard": {"source": {"category": "loan_from_abroad", "seizure": True}},
    }
    wizard = _ek1(walk, data=data)
    wizard.advance_to(w.SEIZURE)  # İleri through every page's own validation
    assert wizard.currentId() == w.SEIZURE
    return Opened(wizard, wizard)


# The Nakit Açıklama Tutanağı (EK-2) wizard ---------------------------------------------------

#: A wrong explanation: the cash is seized, a second officer confirms (every entry page).
EK2_MISDECLARED = (
    ek2_keys.opening("officer_assessment", exit_=False)
    + ek2_keys.declaration([("EUR", "1000")])
    + ek2_keys.count([("EUR", "16000")])
    + ek2_keys.statement("export")
    + ek2_keys.result(seizure=True)
    + ek2_keys.signatures(WITNESS_PW)
)
#: An exit over the limit: the exit limits page and custody of the excess.
EK2_EXIT = (
    ek2_keys.opening("risk_analysis", exit_=True)
    + ek2_keys.declaration([("EUR", "8000")])
    + ek2_keys.count([("EUR", "8000")])
    + ek2_keys.statement("other_free")
    + ek2_keys.exit_limits("resident")
    + ek2_keys.result(seizure=True)
    + ek2_keys.signatures(None)
)
#: No explanation at all, and the cash counted by banknotes (Ctrl+K on its row).
EK2_COUNTER = (
    ek2_keys.opening("random", exit_=False)
    + ek2_keys.declaration(None)
    + ek2_keys.count_eur_by_banknotes()
)


def _ek2(walk: Walk) -> NakitAciklamaWizard:
    from gumruk_desk.ui.ek2.wizard import NakitAciklamaWizard

    return walk.show(NakitAciklamaWizard(walk.desk, walk.officer(), autosave_ms=600_000))


def _form_page(
    kind: str, path: Sequence[tuple[str, object]], page: int | str
) -> Callable[[Walk], Opened]:
    """The page ``page`` (an id, or its constant's name in gumruk_desk.ui.<kind>.wizard)
    reached along ``path``."""

    def reach(walk: Walk) -> Opened:
        ids = importlib.import_module(f"gumruk_desk.ui.{kind}.wizard")
        wizard: QWizard = _ek1(walk) if kind == "ek1" else _ek2(walk)
        page_id = getattr(ids, page) if isinstance(page, str) else page
        play_to(path, page_id, wizard.currentId)
        return Opened(wizard, wizard)

    return reach


def _ek2_lock_question(walk: Walk) -> Opened:
    """İleri on the statement: the question that shows what will be locked."""
    from gumruk_desk.ui.ek2 import wizard as w

    wizard = _ek2(walk)
    path = list(EK2_MISDECLARED)
    play_to(path, w.DECLARATION, wizard.currentId)
    stated = path.index(("page", w.DECLARATION)) + 1
    play(tuple(path[stated : path.index(("page", w.COUNT)) - 1]), wizard.currentId)
    question = wizard.declaration_page.confirmation
    assert question is not None and question.isVisible()
    return Opened(walk.dialog(question))


def _ek2_locked(walk: Walk) -> Opened:
    """Back on the statement once the count began: shown locked."""
    from gumruk_desk.ui.ek2 import wizard as w

    wizard = _ek2(walk)
    play_to(EK2_MISDECLARED, w.COUNT, wizard.currentId)
    wizard.back()  # what < Geri does
    assert wizard.declaration_page.is_locked()
    return Opened(wizard)


def _ek2_counter(walk: Walk) -> Opened:
    """The banknote counter (Ctrl+K on a cash row of the count)."""
    from gumruk_desk.ui.ek2 import wizard as w

    wizard = _ek2(walk)
    path = list(EK2_COUNTER)
    chord = path.index(("key", (Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)))
    play_to(path, w.COUNT, wizard.currentId)
    play(tuple(path[path.index(("page", w.COUNT)) + 1 : chord + 1]), wizard.currentId)
    counter = QApplication.activeModalWidget()
    assert counter is not None and counter is not wizard
    return Opened(walk.dialog(counter))


def _page_names(kind: str) -> dict[int, str]:
    """The page ids of gumruk_desk.ui.<kind>.wizard by their constants' names."""
    ids = importlib.import_module(f"gumruk_desk.ui.{kind}.wizard")
    names: dict[int, str] = {}
    for name, value in vars(ids).items():
        if name.isupper() and type(value) is int:
            names.setdefault(value, name)
    return names


def _form_screens(kind: str, paths: Sequence[Sequence[tuple[str, object]]]) -> list[Screen]:
    """A screen for every page the key ``paths`` pass (the first path reaching it), named
    for the wizard's own page constant (``ek1-identity``): pages merged or split in the
    wizard are walked as they now are."""
    try:
        names = _page_names(kind)
    except Exception as exc:  # the case fails, with why; the other screens still run
        problem = exc

        def broken(walk: Walk) -> Opened:
            raise problem

        return [Screen(f"{kind}-wizard", broken)]
    found: dict[str, Screen] = {}
    for path in paths:
        for action, value in path:
            if action == "page" and isinstance(value, int):
                name = names.get(value, str(value)).lower()
                screen = Screen(f"{kind}-{name}", _form_page(kind, path, value))
                found.setdefault(screen.name, screen)
    return list(found.values())


def screens() -> list[Screen]:
    """Every window and page of the desk, in the order an officer meets them (nothing of
    the UI is imported here: a screen that cannot be built fails as its own case)."""
    found = [
        Screen("setup-1-choice", _page(_setup)),
        Screen("setup-1-choice-demo", lambda walk: Opened(_setup_choose(walk, Qt.Key.Key_D))),
        Screen("setup-1-choice-passphrase", _setup_passphrase),
        Screen("setup-2-station", _page(_setup_station)),
        Screen("setup-2-station-required", _setup_required),
        Screen("setup-3-supervisor", _page(_setup_supervisor)),
        Screen("setup-3-supervisor-error", _setup_supervisor_error),
        Screen("setup-4-done-real", _page(_setup_done_real)),
        Screen("setup-4-done-demo", _page(_setup_done_demo)),
        Screen("start-passphrase", _start_passphrase),
        Screen("start-passphrase-wrong", lambda walk: _start_passphrase(walk, wrong=True)),
        Screen("start-recover", _start_recover),
        Screen("start-recover-passphrase", lambda walk: _start_recover(walk, passphrase=True)),
        Screen("start-new-recovery-key", _new_recovery_key),
        Screen("login-opening", _login_opening),
        Screen("login", _login),
        Screen("login-wrong-password", _login_wrong),
        Screen("login-demo", _login_demo),
        Screen("lock", _lock),
        Screen("lock-wrong-password", _lock_wrong),
        Screen("main-window", _main),
        Screen("settings-rates", _settings(0)),
        Screen("settings-rulesets", _settings(1)),
        Screen("settings-session", _settings(2)),
        Screen("settings-key", _settings(3)),
        Screen("registers-ledger", _registers(0)),
        Screen("registers-report", _registers(1)),
        Screen("registers-paper", _registers(2)),
        Screen("registers-bank", _registers(3)),
        Screen("officers", _officers),
        Screen("officers-add", _officer_add),
        Screen("drafts", _drafts),
        Screen("drafts-discard", _drafts_discard),
        Screen("seizures", _seizures),
        Screen("cancel", _cancel),
        Screen("cancel-done", _cancel_done),
        Screen("print-preview", _preview),
        Screen("shift-end", _shift_end),
        Screen("sync-address", _sync_address),
        Screen("sync-token", _sync_token),
        Screen("sync-done", _sync_done),
    ]
    found += _form_screens("ek1", [EK1_KEY_PATH])
    found += [
        Screen("ek1-source-prohibited", _ek1_prohibited),
        Screen("ek1-identity-scanned", _ek1_scanned),
        Screen("ek1-seizure", _ek1_seizure),
    ]
    found += _form_screens("ek2", [EK2_MISDECLARED, EK2_EXIT])
    found += [
        Screen("ek2-declaration-question", _ek2_lock_question),
        Screen("ek2-declaration-locked", _ek2_locked),
        Screen("ek2-count-banknotes", _ek2_counter),
        Screen("ek2-exit-result", _form_page("ek2", EK2_EXIT, "RESULT")),
    ]
    return found


def problems(opened: Opened, *, sizes: Iterable[str] = SIZES) -> list[str]:
    """Every problem of a reached screen: mnemonics, focus, then clipping at each size."""
    window = opened.window
    found = [f"Alt tuşu çakışması {clash}" for clash in mnemonic_clashes(window)]
    if opened.wizard is not None:
        problem = focus_problem(opened.wizard)
        if problem:
            found.append(problem)
    natural = window.size()
    for size in sizes:
        fit(window, SIZES[size], natural)
        found += [f"{size}: {problem}" for problem in clipping(window, SIZES[size])]
    return found
