"""The desk's log: a rotating file in the data folder (``logs/gumruk-desk.log``, 1 MB × 5).

What is logged names records by number only — never a person, a document number or an
amount; an unexpected error is logged with its traceback but without its message (which may
quote the data being worked on).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import traceback
from pathlib import Path
from types import TracebackType

LOG_FILE = "gumruk-desk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
_configured: Path | None = None


def log_path(home: Path) -> Path:
    return home / "logs" / LOG_FILE


def setup_logging(home: Path) -> Path | None:
    """Log to ``home/logs``; a folder that cannot be written leaves logging to stderr only
    (the desk must work without its log). Returns the log file, or None."""
    global _configured
    path = log_path(home)
    if _configured == path:
        return path
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if hasattr(os, "O_CREAT") and not path.exists():  # private before the first line
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S")
    )
    root = logging.getLogger("gumruk_desk")
    for old in [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _configured = path
    return path


def unexpected(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """Log an unexpected exception (type and where, not its message); the logged text."""
    # Where, not what: file, line and function of every frame (no source text, no message).
    frames = "".join(
        f"  {frame.filename}:{frame.lineno} in {frame.name}\n" for frame in traceback.extract_tb(tb)
    )
    text = f"Beklenmeyen hata {kind.__module__}.{kind.__qualname__}\n{frames}"
    logging.getLogger("gumruk_desk").error(text)
    return text
