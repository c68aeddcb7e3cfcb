"""The domain is pure: it imports neither Qt nor SQLAlchemy, nor any other layer."""

from __future__ import annotations

import subprocess
import sys

FORBIDDEN = ("PySide6", "shiboken6", "sqlalchemy", "alembic", "reportlab", "keyring", "httpx")


def test_domain_imports_neither_qt_nor_sqlalchemy() -> None:
    code = (
        "import sys, pkgutil, importlib, gumruk_desk.domain as d\n"
        "for m in pkgutil.iter_modules(d.__path__):\n"
        "    importlib.import_module('gumruk_desk.domain.' + m.name)\n"
        f"bad = sorted(n for n in sys.modules if n.split('.')[0] in {FORBIDDEN!r})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"the domain pulled in: {out.stdout.strip()}"


def test_the_check_itself_can_fail() -> None:
    """Guard against a vacuous check: importing Qt is seen by the same probe."""
    out = subprocess.run(
        [sys.executable, "-c", "import sys, sqlalchemy; print('sqlalchemy' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "True"
