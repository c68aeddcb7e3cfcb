"""Shared fixtures: everything a test needs is built here or in the test itself."""

from __future__ import annotations

import os

# Qt must never try to open a display in tests (set before any Qt import).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import pytest
from keyring.backend import KeyringBackend

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


class MemoryKeyring(KeyringBackend):
    """Tests never touch the operating system's keyring (no prompts, no leaks)."""

    priority = 1

    def __init__(self) -> None:
        # keyring leaves KeyringBackend.__init__ unannotated, and mypy's untyped_calls_exclude
        # does not reach a super() call.
        super().__init__()  # type: ignore[no-untyped-call]
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
