"""Sync from the desk window against the real central service on loopback: the token asked
once per session, the progress dialog with the shift-end receipt, Cancel, a centre that is
down, and the quiet background upload."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from central_support import CentralServer, FaultProxy, desk_token, running_centre
from factories import ek1
from gumruk_desk.services import Desk
from gumruk_desk.sync import stored_token
from gumruk_desk.ui.app import application
from gumruk_desk.ui.main_window import MainWindow
from gumruk_desk.ui.sync_dialog import SyncDialog, TokenDialog
from register_fixtures import OFFICER, OFFICER_PW, SUPERVISOR, SUPERVISOR_PW
from wizard_support import show_active


@pytest.fixture(scope="session")
def qapp() -> QApplication:
    return application()


@pytest.fixture
def central(tmp_path: Path) -> Iterator[CentralServer]:
    with running_centre("sqlite", tmp_path) as centre:
        yield centre


@pytest.fixture
def token(central: CentralServer) -> str:
    return desk_token(central)


def point_at(desk: Desk, url: str) -> None:
    desk.set_central_url(url, desk.authenticate(SUPERVISOR, SUPERVISOR_PW))


def window(qtbot: QtBot, desk: Desk, n: int = 4) -> MainWindow:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    for _ in range(n):
        desk.register(ek1(), officer=officer)
    return show_active(qtbot, MainWindow(desk, officer))


def test_shift_end_asks_the_token_once_and_ends_with_a_receipt(
    qtbot: QtBot, desk: Desk, central: CentralServer, token: str, memory_keyring: Any
) -> None:
    point_at(desk, central.url)
    win = window(qtbot, desk)
    asked = win.start_sync(shift_end=True)
    assert isinstance(asked, TokenDialog)
    asked.token.setText(token)
    asked.keep.setChecked(False)  # this session only
    asked.accept()
    dialog = win.sync_dialog
    assert isinstance(dialog, SyncDialog)
    qtbot.waitUntil(lambda: dialog.close_button.isEnabled(), timeout=20_000)
    result = dialog.sync_result
    assert result is not None and result.complete
    assert result.local_count == result.central_count == 4
    assert "masada 4 kayıt, merkezde 4 kayıt (eşit)" in dialog.receipt.text()
    assert result.last_hash[:16] in dialog.receipt.text()
    assert stored_token(desk, central.url) is None  # not kept, as asked
    assert token not in str(memory_keyring.items)
    dialog.close_button.click()
    # The second time in the session: no question.
    again = win.start_sync()
    assert isinstance(again, SyncDialog)
    qtbot.waitUntil(lambda: again.close_button.isEnabled(), timeout=20_000)
    assert again.sync_result is not None and again.sync_result.uploaded == 0
    again.close_button.click()
    assert desk.sync_counts()["pending"] == 0


def test_a_centre_that_is_down_is_said_plainly(
    qtbot: QtBot, desk: Desk, central: CentralServer, token: str
) -> None:
    from gumruk_desk.sync import Retry

    officer = desk.authenticate(OFFICER, OFFICER_PW)
    desk.register(ek1(), officer=officer)
    central.stop()
    dialog = SyncDialog(
        desk, central.url, token, client_options={"retry": Retry(attempts=2, base=0.01)}
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.close_button.isEnabled(), timeout=20_000)
    assert dialog.sync_result is None and "ulaşılamıyor" in (dialog.error or "")
    assert "ulaşılamıyor" in " ".join(dialog.problems.messages())
    dialog.close_button.click()
    assert desk.sync_counts()["pending"] == 1


def test_cancel_stops_between_batches(
    qtbot: QtBot, desk: Desk, central: CentralServer, token: str
) -> None:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    for _ in range(6):
        desk.register(ek1(), officer=officer)
    proxy = FaultProxy(central.port, ["pass"] + ["slow:0.4"] * 20)
    try:
        dialog = SyncDialog(desk, proxy.url, token, client_options={"batch_events": 3})
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.bar.maximum() > 1, timeout=10_000)
        dialog.cancel_button.click()
        qtbot.waitUntil(lambda: dialog.close_button.isEnabled(), timeout=20_000)
    finally:
        proxy.close()
    assert dialog.sync_result is None and "durduruldu" in (dialog.error or "")
    counts = desk.sync_counts()
    assert counts["pending"] > 0  # stopped early, nothing lost
    dialog.close_button.click()


def test_background_sync_never_opens_a_window(
    qtbot: QtBot, desk: Desk, central: CentralServer, token: str
) -> None:
    point_at(desk, central.url)
    win = window(qtbot, desk, 3)
    assert win.sync_in_background() is None  # no token at hand: nothing happens, nothing asks
    from gumruk_desk.sync import store_token

    store_token(desk, central.url, token)
    worker = win.sync_in_background()
    assert worker is not None
    qtbot.waitUntil(worker.is_over, timeout=20_000)
    assert desk.sync_counts()["pending"] == 0
    assert win.sync_dialog is None and win.token_dialog is None
