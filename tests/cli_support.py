"""``gumruk-desk`` run in the test's process, as a script would run it."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from gumruk_desk import cli


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    home: Path,
    *args: str,
    stdin: str = "",
) -> tuple[int, str, str]:
    """``gumruk-desk --home HOME ARGS`` with ``stdin`` piped in: (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        code = cli.main(["--home", str(home), *args])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
