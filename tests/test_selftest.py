"""``gumruk-desk --self-test`` from source (packaging/build-and-check runs it in the bundle)."""

from __future__ import annotations

import json
import sqlite3 as plain_sqlite3
from pathlib import Path
from typing import Any

import keyring
from keyring.backends import null

from gumruk_desk import entry, selftest
from gumruk_desk.register.db import DB_FILE

CHECKS = {
    "migrated",
    "encrypted",
    "registered",
    "pdf",
    "pdf_read_back",
    "chain",
    "qt",
    "translations",
}


def self_test(capsys: Any) -> dict[str, Any]:
    capsys.readouterr()
    code = entry.main(["--self-test"])
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert code == (0 if report["ok"] else 1)
    return report


def test_self_test_passes_and_reports_every_check(capsys: Any, memory_keyring: Any) -> None:
    report = self_test(capsys)
    assert report["ok"] is True, report
    assert set(report["checks"]) == CHECKS
    assert all(report["checks"].values())
    assert report["pdf_pages_qt"] == 3 and report["keyring"]
    assert report["sqlcipher"].startswith("4.") and report["station_passphrase"] is False
    # The throwaway register's key is not left behind in the keyring.
    assert not [user for (_service, user) in memory_keyring.items if "register-key" in user]


def test_self_test_passes_without_a_keyring(capsys: Any) -> None:
    keyring.set_keyring(null.Keyring())  # accepts every key and keeps none
    report = self_test(capsys)
    assert report["ok"] is True, report
    assert report["station_passphrase"] is True and report["checks"]["encrypted"] is True
    assert report["keyring"] == "keyring.backends.null.Keyring"


def test_the_encryption_check_tells_a_plain_register_from_an_encrypted_one(
    home: Path, tmp_path: Path
) -> None:
    assert selftest._encrypted(home / DB_FILE) is True
    plain = tmp_path / "plain.sqlite3"
    conn = plain_sqlite3.connect(plain)
    conn.execute("CREATE TABLE record (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    assert selftest._encrypted(plain) is False
