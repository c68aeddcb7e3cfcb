"""The keyring of a test's child processes: the test's in-memory keyring, mirrored into a
JSON file (``$GUMRUK_TEST_KEYRING``) that a child reads through
``PYTHON_KEYRING_BACKEND=file_keyring.FileKeyring`` (so a child opens the test's encrypted
register with its key, and never touches the real keyring)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend

ENV = "GUMRUK_TEST_KEYRING"


def _path() -> Path:
    return Path(os.environ[ENV])


def load() -> dict[str, str]:
    try:
        found: dict[str, str] = json.loads(_path().read_text(encoding="utf-8"))
    except (KeyError, FileNotFoundError):
        return {}
    return found


def save(items: dict[str, str]) -> None:
    path = _path()
    path.with_suffix(".partial").write_text(json.dumps(items), encoding="utf-8")
    path.with_suffix(".partial").replace(path)


def _name(service: str, username: str) -> str:
    return f"{service}\t{username}"


class FileKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]

    def get_password(self, service: str, username: str) -> str | None:
        return load().get(_name(service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        items = load()
        items[_name(service, username)] = password
        save(items)

    def delete_password(self, service: str, username: str) -> None:
        items = load()
        items.pop(_name(service, username), None)
        save(items)
