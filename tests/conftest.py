"""Shared fixtures: everything a test needs is built here or in the test itself."""

from __future__ import annotations

import os

# Qt must never try to open a display in tests (set before any Qt import).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
