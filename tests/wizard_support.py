"""What the wizard tests share: opening a wizard as an officer would see it, and registering
the same input through ``gumruk-desk record create`` to compare."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gumruk_desk import cli
from register_fixtures import OFFICER, OFFICER_PW, WITNESS_PW

# What differs between two registrations of the same input: their own numbers and times.
VOLATILE = {"number", "uuid", "registered_at", "seizure_report"}


W = TypeVar("W", bound=QWidget)


def _put_aside(widget: QWidget) -> None:
    # A form wizard holding data asks before its window closes; a test's end puts it aside
    # the program's way (its draft is saved), so that no question is left open.
    reject = getattr(widget, "reject", None)
    if widget.isVisible() and callable(reject):
        reject()


def show_active(qtbot: QtBot, widget: W) -> W:
    """Show ``widget`` as the active window (the keyboard goes to it)."""
    qtbot.addWidget(widget, before_close_func=_put_aside)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def cli_create(
    home: Path,
    data: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> dict[str, Any]:
    """``gumruk-desk record create`` of ``data`` (the witness's password when it names one)."""
    path = tmp_path / "wizard-input.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    stdin = f"{OFFICER_PW}\n" + (f"{WITNESS_PW}\n" if data.get("witness_officer") else "")
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(["--home", str(home), "record", "create", "--officer", OFFICER, str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    record: dict[str, Any] = json.loads(out)
    return record


def without(record: dict[str, Any], keys: set[str]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in keys}
