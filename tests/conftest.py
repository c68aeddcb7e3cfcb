"""Shared fixtures: everything a test needs is built here or in the test itself."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

# Qt must never try to open a display in tests (set before any Qt import).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import pytest
from keyring.backend import KeyringBackend

import file_keyring
from register_fixtures import desk, home, register_template  # noqa: F401  (fixtures)

#: A test marked slow may take this long (pyproject.toml's timeout is for the others): the
#: process tests start fifty workers, or race two through hundreds of registrations, which
#: takes tens of seconds alone and several times that on a loaded two-core machine.
SLOW_TIMEOUT_S = 600


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("slow") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(SLOW_TIMEOUT_S))
    # The slow tests first, each followed by one other test (the rest keep their order).
    # scripts/test.sh hands each xdist worker two tests to begin with, then one at a time: so
    # every slow test starts at once, on a worker of its own, and runs beside the rest of the
    # suite. In collection order the process tests came last and ran alone for a minute and
    # a half while the other core idled; first but together, they ran one after another.
    slow = [item for item in items if item.get_closest_marker("slow")]
    rest = [item for item in items if not item.get_closest_marker("slow")]
    paired = [test for pair in zip(slow, rest, strict=False) for test in pair]
    items[:] = paired + slow[len(rest) :] + rest[len(slow) :]


class _Items(dict[tuple[str, str], str]):
    """The in-memory keyring's entries, written through to the file its test's child
    processes read (tests/file_keyring.py)."""

    def _mirror(self) -> None:
        if file_keyring.ENV in os.environ:
            file_keyring.save({f"{s}\t{u}": p for (s, u), p in self.items()})

    def __setitem__(self, name: tuple[str, str], value: str) -> None:
        super().__setitem__(name, value)
        self._mirror()

    def __delitem__(self, name: tuple[str, str]) -> None:
        super().__delitem__(name)
        self._mirror()

    def pop(self, name: tuple[str, str], default: Any = None) -> Any:
        found = super().pop(name, default)
        self._mirror()
        return found

    def clear(self) -> None:
        super().clear()
        self._mirror()


class MemoryKeyring(KeyringBackend):
    """Tests never touch the operating system's keyring (no prompts, no leaks)."""

    priority = 1

    def __init__(self) -> None:
        # keyring leaves KeyringBackend.__init__ unannotated, and mypy's untyped_calls_exclude
        # does not reach a super() call.
        super().__init__()  # type: ignore[no-untyped-call]
        self.items: dict[tuple[str, str], str] = _Items()

    def get_password(self, service: str, username: str) -> str | None:
        found = self.items.get((service, username))
        if found is None and file_keyring.ENV in os.environ:
            # What a child process stored (gumruk-desk init run as a command).
            found = file_keyring.load().get(f"{service}\t{username}")
        return found

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> MemoryKeyring:
    # Child processes get the same entries through a file (the register's key among them).
    folder = tmp_path_factory.mktemp("keyring")
    monkeypatch.setenv(file_keyring.ENV, str(folder / "keyring.json"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "file_keyring.FileKeyring")
    tests = str(Path(__file__).parent)
    paths = [tests, *filter(None, [os.environ.get("PYTHONPATH")])]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(paths))
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture(autouse=True)
def no_user_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that forgets --home must not write into the real user's data folder."""
    monkeypatch.setenv("GUMRUK_DESK_HOME", str(tmp_path_factory.mktemp("default-home")))
