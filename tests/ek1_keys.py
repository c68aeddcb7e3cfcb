"""The keyboard path through the Nakit Beyan Formu wizard, as data, and a driver that plays
it with real key events (QTest). Shared by tests/test_ui_ek1_wizard.py and
bench/ek1_keys_bench.py, so the benchmark counts exactly the path the test proves.

Keys go where a real keyboard sends them: to the open popup (a completer list) if there is
one, else to the widget with the focus. Letters outside ASCII (ş, İ …) are sent as key events
carrying their text, as a Turkish keyboard layout produces them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from gumruk_desk.domain.registered import RegisteredRecord

# ICAO Doc 9303 specimen passport (TD3): public specimen data (see tests/data/README.md).
SPECIMEN_TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
# ICAO Doc 9303 specimen identity card (TD1).
SPECIMEN_TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)

K = Qt.Key

#: (action, value): "key" a Qt key pressed by the officer (or a (key, modifiers) chord),
#: "type" text typed by the officer, "scan" text a keyboard-wedge scanner types (lines end
#: with Enter), "page" a checkpoint: the wizard must now show that page id, "wait" the
#: milliseconds a button pressed by its Alt letter takes to click (Qt animates the press).
EK1_KEY_PATH: tuple[tuple[str, object], ...] = (
    # 1 source of the cash: İhracat (the first choice); the reason of arrival follows it
    # ("İhracat", the bank's word), İleri
    ("page", 0),
    ("key", K.Key_Space),
    ("key", K.Key_Return),
    # 2 identity: the passport is scanned; nationality "UTO" is no ISO country, so the
    # officer chooses it (focus is already there), then birth place, father's name and the
    # original document seen
    ("page", 1),
    ("scan", "\n".join(SPECIMEN_TD3) + "\n"),
    ("type", "se"),
    ("key", K.Key_Tab),
    ("type", "Stockholm"),
    ("key", K.Key_Tab),
    ("type", "Lars"),
    ("key", K.Key_Tab),
    ("key", K.Key_Space),
    ("key", K.Key_Return),
    # 3 cash: the currency has the focus (the kind after the amount stays "Nakit"), EUR,
    # 10.000,00
    ("page", 2),
    ("type", "EUR"),
    ("key", K.Key_Tab),
    ("type", "10000"),
    ("key", K.Key_Return),
    # 4 the source country, typed by name and picked from the list; the cash is the
    # declarant's own ("kendisi" is ticked for a new form)
    ("page", 3),
    ("type", "alma"),
    ("key", K.Key_Down),
    ("key", K.Key_Return),
    ("key", K.Key_Return),
    # 5 review: Kaydet (a declaration seizes nothing: no seizure report page)
    ("page", 5),
    ("key", K.Key_Return),
    ("page", 6),
)

#: The second case: the same traveller brings the cash for a company (a legal person, named
#: by its tax number). Only page 4 differs: after the country, Tab to "kendisi", untick it.
_COUNTRY_DONE = EK1_KEY_PATH.index(("page", 5)) - 1  # the Enter that leaves page 4
EK1_LEGAL_PATH: tuple[tuple[str, object], ...] = (
    *EK1_KEY_PATH[:_COUNTRY_DONE],
    ("key", K.Key_Tab),  # to "Beyanda bulunan kişinin kendisi" …
    ("key", K.Key_Space),  # … untick it: the focus goes to the person's kind
    ("key", K.Key_Right),  # Tüzel kişi (→ Vergi Kimlik No)
    ("key", K.Key_Tab),
    ("type", "Anadolu Tekstil A.Ş."),
    ("key", K.Key_Tab),  # (no nationality for a legal person) the document kind
    ("key", K.Key_Tab),
    ("type", "4540536920"),
    *EK1_KEY_PATH[_COUNTRY_DONE:],
)


def _reactivate_after_popup() -> None:
    """Work around the offscreen platform: it activates a new dialog, and a popup window (a
    completer list), asynchronously, so once events are processed a popup that was already
    closed can be left as the "active window", and the real window loses the keyboard. A
    desktop window manager gives the activation to the right window; here the driver does."""
    active = QApplication.activeWindow()
    modal = QApplication.activeModalWidget()
    if modal is not None and modal.isVisible() and active is not modal:
        # A dialog just opened over the window (a window manager activates it at once).
        modal.activateWindow()
        QApplication.processEvents()
        return
    if active is not None and active.isVisible():
        return
    popup = Qt.WindowType.Popup
    windows = [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and (w.windowFlags() & popup) != popup
    ]
    if windows:
        windows[-1].activateWindow()
        QApplication.processEvents()


def focus_widget() -> QWidget | None:
    """The widget a key would go to now (see :func:`_reactivate_after_popup`)."""
    if QApplication.activePopupWidget() is None:
        _reactivate_after_popup()
    return QApplication.focusWidget()


def key_target() -> QWidget:
    if QApplication.activePopupWidget() is None:
        _reactivate_after_popup()
    target = QApplication.activePopupWidget() or QApplication.focusWidget()
    if target is None:
        raise AssertionError("no widget has the keyboard focus")
    return target


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(key_target(), key, modifier)


def type_text(text: str) -> None:
    for ch in text:
        if ch == "\n":
            press(K.Key_Return)
        elif ch.isascii():
            QTest.keyClicks(key_target(), ch)
        else:
            upper = ch.upper()
            code = ord(upper) if len(upper) == 1 else ord(ch)
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, ch)
                QApplication.sendEvent(key_target(), event)


@dataclass
class KeyCount:
    """Key presses of one run: the officer's, and the characters the scanner typed."""

    officer: int = 0
    scanner: int = 0
    pages: list[int] = field(default_factory=list)


def play(path: tuple[tuple[str, object], ...], current_page: object) -> KeyCount:
    """Play ``path``; ``current_page()`` returns the wizard's page id for the checkpoints."""
    count = KeyCount()
    for action, value in path:
        if action == "page":
            shown = current_page()  # type: ignore[operator]
            if shown != value:
                raise AssertionError(f"expected page {value}, the wizard shows page {shown}")
            count.pages.append(int(value))  # type: ignore[call-overload]
        elif action == "key":
            if isinstance(value, tuple):  # (key, modifiers): a chord such as Ctrl+K
                press(*value)
            else:
                press(value)  # type: ignore[arg-type]
            count.officer += 1
        elif action == "type":
            type_text(str(value))
            count.officer += len(str(value))
        elif action == "scan":
            type_text(str(value))
            count.scanner += len(str(value))
        elif action == "wait":
            QTest.qWait(int(value))  # type: ignore[call-overload]
        else:
            raise ValueError(action)
    return count


def play_registering(
    wizard: Any, path: tuple[tuple[str, object], ...]
) -> tuple[KeyCount, RegisteredRecord | None, int]:
    """Show ``wizard`` as the active window, play ``path`` on it and put it aside: the key
    count, the record it registered (None if it did not) and the characters typed by the
    officer (for the benches)."""
    wizard.show()
    wizard.activateWindow()
    for _ in range(5):
        QApplication.processEvents()
    count = play(path, wizard.currentId)
    record = wizard.registered_record
    wizard.reject()
    typed = sum(len(str(v)) for a, v in path if a == "type")
    return count, record, typed
