"""``gumruk-desk --self-test``: does this installation (a source checkout or the PyInstaller
bundle) have everything a desk needs? Headless, in a throwaway folder:

* a register is created and migrated to the newest schema (Alembic scripts found), and it
  is encrypted (SQLCipher found: the file is no plain SQLite the standard library can read;
  where no keyring keeps its key, a throwaway station passphrase protects it),
* the demo station is set up (rule set and sample bulletin found) and a record registered,
* its PDF is rendered (layouts and the embedded font found) and read back by QtPdf,
* Qt starts offscreen with its Turkish translations,
* the keyring backend is named (a fail/null backend means tokens are asked each session).

Prints one JSON object; exit 0 when every check passed.
"""

from __future__ import annotations

import json
import os
import secrets
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
    from gumruk_desk.register import keys
    from gumruk_desk.services import give_station_passphrase, needs_station_passphrase

    folder = home / "desk"
    # No keyring here (a fresh machine, a service account): the register's key needs a
    # station passphrase to be kept under; a random one will do for a folder thrown away.
    report["station_passphrase"] = needs_station_passphrase(folder)
    if report["station_passphrase"]:
        give_station_passphrase(secrets.token_urlsafe(24), folder)
    try:
        _use(folder, report, checks)
    finally:
        keys.discard(folder)  # the throwaway register's key leaves no entry in the keyring


def _use(folder: Path, report: dict[str, Any], checks: dict[str, bool]) -> None:
    from gumruk_desk.register import db
    from gumruk_desk.register.demo import DEMO_OFFICERS
    from gumruk_desk.services import Desk

    with Desk(folder, create=True) as desk:
        revision = db.current_revision(desk.db.engine)
        report["schema"] = revision
        checks["migrated"] = revision == db.head_revision()
        report["sqlcipher"] = _sqlcipher_version(desk)
        checks["encrypted"] = _encrypted(desk.db.path)
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


def _encrypted(path: Path) -> bool:
    """The register on disk is no plain SQLite: its header is not SQLite's and the standard
    library's sqlite3 (which has no key) cannot read it."""
    import sqlite3 as plain_sqlite3

    from gumruk_desk.register.driver import PLAIN_HEADER

    with open(path, "rb") as f:
        if f.read(len(PLAIN_HEADER)) == PLAIN_HEADER:
            return False
    conn = plain_sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except plain_sqlite3.DatabaseError:
        return True
    finally:
        conn.close()
    return False


def _sqlcipher_version(desk: Any) -> str:
    with desk.db.engine.connect() as conn:
        found = conn.exec_driver_sql("PRAGMA cipher_version").scalar()
    return str(found or "")


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
