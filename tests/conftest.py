"""Shared fixtures: everything a test needs is built here or in the test itself."""

from __future__ import annotations

import os

# Qt must never try to open a display in tests (set before any Qt import).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import pytest
from keyring.backend import KeyringBackend

from register_fixtures import desk, home  # noqa: F401  (fixtures)


class MemoryKeyring(KeyringBackend):
    """Tests never touch the operating system's keyring (no prompts, no leaks)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture(autouse=True)
def no_user_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that forgets --home must not write into the real user's data folder."""
    monkeypatch.setenv("GUMRUK_DESK_HOME", str(tmp_path_factory.mktemp("default-home")))
