"""The ``gumruk-desk`` command's entry point.

The bare command (optionally with ``--home DIR``) starts the desk window before the headless
command line's imports (SQLAlchemy, Alembic, reportlab…) are loaded, so the login dialog paints
as soon as Qt can paint it; every other invocation is the command line of ``gumruk_desk.cli``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def _gui_home(argv: Sequence[str]) -> tuple[bool, str | None]:
    """(True, home) when ``argv`` asks for the window only: nothing, ``--home DIR`` or
    ``--home=DIR``; anything else (a command, --help, --version) goes to the CLI."""
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--home":
        return True, argv[1]
    if len(argv) == 1 and argv[0].startswith("--home="):
        return True, argv[0].split("=", 1)[1]
    return False, None


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # Everything the desk writes (the register, its WAL, backups, logs, saved PDFs) holds
    # personal data: readable by this user alone, whatever the session's umask.
    if hasattr(os, "umask"):
        os.umask(0o077)
    if args == ["--self-test"]:
        from gumruk_desk.selftest import run as self_test

        return self_test()
    gui, home = _gui_home(args)
    if gui:
        from gumruk_desk.ui.app import run

        return run(home)
    from gumruk_desk.cli import main as cli_main

    return cli_main(args)


def gui() -> int:
    """``gumruk-desk-gui``: the window, without a console on Windows."""
    return main(sys.argv[1:])
