"""``gumruk-desk --self-test``: does this installation (a source checkout or the PyInstaller
bundle) have everything a desk needs? Headless, in a throwaway folder:

* a register is created and migrated to the newest schema (Alembic scripts found),
* the demo station is set up (rule set and sample bulletin found) and a record registered,
* its PDF is rendered (layouts and the embedded font found) and read back by QtPdf,
* Qt starts offscreen with its Turkish translations,
* the keyring backend is named (a fail/null backend means tokens are asked each session).

Prints one JSON object; exit 0 when every check passed.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def run() -> int:
    started = time.perf_counter()
    report: dict[str, Any] = {
        "python": sys.version.split()[0],
        "frozen": bool(getattr(sys, "frozen", False)),
    }
    checks: dict[str, bool] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="gumruk-selftest-") as tmp:
            _register_and_print(Path(tmp), report, checks)
    except Exception as exc:  # the report must say what failed, not a traceback
        report["error"] = f"{exc.__class__.__name__}: {exc}"
        checks["completed"] = False
    report.update(_qt())
    checks["qt"] = bool(report.get("qt_ok"))
    checks["translations"] = bool(report.get("qt_translations"))
    report["keyring"] = _keyring_backend()
    report["checks"] = checks
    report["ok"] = all(checks.values()) and "error" not in report
    report["seconds"] = round(time.perf_counter() - started, 2)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0 if report["ok"] else 1


def _register_and_print(home: Path, report: dict[str, Any], checks: dict[str, bool]) -> None:
    from gumruk_desk.register import db
    from gumruk_desk.register.demo import DEMO_OFFICERS
    from gumruk_desk.services import Desk

    with Desk(home / "desk", create=True) as desk:
        revision = db.current_revision(desk.db.engine)
        report["schema"] = revision
        checks["migrated"] = revision == db.head_revision()
        desk.init_demo()
        demo = DEMO_OFFICERS[0]
        officer = desk.authenticate(demo.sicil, demo.password)
        record = desk.register(_sample(), officer=officer)
        report["record"] = record.number
        checks["registered"] = record.outcome.code == "declared"
        rendered = desk.render_document(record.number)
        report["pdf_bytes"] = len(rendered.pdf)
        checks["pdf"] = rendered.pdf.startswith(b"%PDF") and b"FontFile2" in rendered.pdf
        report["pdf_pages_qt"] = _qt_pdf_pages(rendered.pdf)
        checks["pdf_read_back"] = report["pdf_pages_qt"] == 3
        checks["chain"] = desk.verify().ok


def _sample() -> dict[str, Any]:
    return {
        "kind": "nakit_beyan",
        "direction": "entry",
        "person": {
            "first_name": "Çağrı",
            "last_name": "Şahinoğlu",
            "id_kind": "passport",
            "id_number": "C01X00T47",
            "birth_place": "Iğdır",
            "birth_date": "1980-01-31",
            "nationality": "DE",
            "father_name": "Ömer",
        },
        "id_document_seen": True,
        "source_category": "export",
        "arrival_reason": {"code": "export", "text": "İhracat bedeli"},
        "cash": [{"currency": "EUR", "amount": "10000.00"}],
        "beneficiary": {
            "name": "Anadolu Tekstil A.Ş.",
            "legal_entity": True,
            "nationality": None,
            "id_kind": "vkn",
            "id_number": "4540536920",
        },
        "source_country": "DE",
    }


def _qt() -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import QLibraryInfo, QTranslator

        from gumruk_desk.ui.app import application

        app = application()
        path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        translator = QTranslator()
        return {
            "qt_ok": app is not None,
            "qt": pyside_version,
            "qt_platform": app.platformName(),
            "qt_translations": translator.load("qtbase_tr", path),
        }
    except Exception as exc:
        return {"qt_ok": False, "qt_error": f"{exc.__class__.__name__}: {exc}"}


def _qt_pdf_pages(pdf: bytes) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from gumruk_desk.ui.app import application
        from gumruk_desk.ui.print_preview_dialog import load_pdf_document

        application()
        return int(load_pdf_document(pdf).pageCount())
    except Exception:
        return -1


def _keyring_backend() -> str:
    try:
        import keyring

        backend = keyring.get_keyring()
        return f"{backend.__class__.__module__}.{backend.__class__.__name__}"
    except Exception as exc:
        return f"yok ({exc.__class__.__name__})"
