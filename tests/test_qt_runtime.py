"""The interpreter and Qt binding pair the desk runs on must not corrupt Python's singletons.

PySide6 6.12 on Python 3.11 takes a reference from None on every Qt call that returns nothing;
a shift of clicks later the interpreter aborts. On 3.11 pyproject.toml keeps PySide6 below
6.12 (6.8.3, 6.9.0 and 6.11.0 do not do it); from 3.12 on None is immortal. This test fails on
any pair that brings the fault back.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_qt_calls_leave_none_true_and_false_alone(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = [sys.getrefcount(x) for x in (None, True, False)]
    for _ in range(1000):
        label.setText("ğüşıöç İ")
        label.setVisible(False)
        label.focusWidget()
    after = [sys.getrefcount(x) for x in (None, True, False)]
    # Immortal objects report a constant; mortal ones may only gain references here.
    assert all(a >= b for a, b in zip(after, before, strict=True)), (before, after)
