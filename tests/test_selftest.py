"""``gumruk-desk --self-test`` from source (packaging/build-and-check runs it in the bundle)."""

from __future__ import annotations

import json
from typing import Any

from gumruk_desk import entry


def test_self_test_passes_and_reports_every_check(capsys: Any) -> None:
    capsys.readouterr()
    assert entry.main(["--self-test"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True
    assert set(report["checks"]) == {
        "migrated",
        "registered",
        "pdf",
        "pdf_read_back",
        "chain",
        "qt",
        "translations",
    }
    assert all(report["checks"].values())
    assert report["pdf_pages_qt"] == 3 and report["keyring"]
