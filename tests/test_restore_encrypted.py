"""A backup restored where the data folder holds no key for it: a new machine with only the
backup and its recovery key (keyring, or a station passphrase where there is none), a data
folder whose register is under another key; and the usual restore, which asks nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import null

from cli_support import run
from factories import ek2
from gumruk_desk.register import backup, keys
from gumruk_desk.register.db import DB_FILE
from gumruk_desk.services import Desk
from register_fixtures import OFFICER, OFFICER_PW, setup_register

PASSPHRASE = "istasyon-parolasi-2026"
NEW_PASSPHRASE = "yeni-makine-parolasi-9"


def register_records(home: Path, count: int) -> list[str]:
    with Desk(home) as desk:
        officer = desk.authenticate(OFFICER, OFFICER_PW)
        for _ in range(count):
            desk.register(ek2(witness_officer=None), officer=officer)
        return [r.number for r in desk.list_records()]


def backup_with_recovery(home: Path, records: int) -> tuple[Path, str, list[str]]:
    """(backup file, the register's recovery key, the numbers in the backup)."""
    numbers = register_records(home, records)
    made = backup.make_backup(home)
    key = keys.register_key(home)
    assert key is not None and made.records == len(numbers)
    # The text printed for the supervisor at set-up (and by a key rotation).
    return made.path, keys.recovery_text(key), numbers


def a_new_machine(tmp_path: Path, memory_keyring: Any) -> Path:
    """An empty data folder, an empty keyring, nothing held by this process."""
    memory_keyring.items.clear()
    fresh = tmp_path / "new-machine" / "desk-home"
    assert not fresh.exists()
    return fresh


def assert_restored(fresh: Path, numbers: list[str], passphrase: str | None = None) -> None:
    keys.forget(fresh)  # as a new start of the program would find it
    if passphrase is not None:
        with pytest.raises(keys.PassphraseNeeded):
            Desk(fresh)
        keys.give_passphrase(fresh, passphrase)
    with Desk(fresh) as desk:
        assert [r.number for r in desk.list_records()] == numbers
        verification = desk.verify()
        assert verification.ok and verification.records == len(numbers)


def test_a_new_machine_restores_a_backup_with_its_recovery_key_into_the_keyring(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: Any,
) -> None:
    saved, recovery, numbers = backup_with_recovery(home, 2)
    fresh = a_new_machine(tmp_path, memory_keyring)
    # Without the recovery key: refused, nothing made.
    code, _, err = run(capsys, monkeypatch, fresh, "restore", str(saved))
    assert code == 3 and "kurtarma anahtarı" in err, err
    assert not (fresh / DB_FILE).exists()
    typed = recovery.lower().replace("-", " ")  # as read off paper
    code, out, err = run(capsys, monkeypatch, fresh, "restore", str(saved), stdin=f"{typed}\n")
    assert code == 0, err
    report = json.loads(out)
    assert report["records"] == 2 and report["events"] > 0 and report["head"]
    assert report["previous_register_saved_as"] is None
    assert report["recovery_key_used"] is True and report["key_kept_in"] == keys.KEYRING
    info = keys.read_info(fresh)
    assert info is not None and info.protector == keys.KEYRING
    stored = keyring.get_password(keys.KEYRING_SERVICE, f"register-key:{info.id}")
    assert stored is not None and keys.recovery_text(bytes.fromhex(stored)) == recovery
    assert_restored(fresh, numbers)
    # The command line opens it too, asking nothing.
    code, _, err = run(capsys, monkeypatch, fresh, "verify")
    assert code == 0, err


def test_a_wrong_recovery_key_restores_nothing(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: Any,
) -> None:
    saved, _recovery, _numbers = backup_with_recovery(home, 1)
    fresh = a_new_machine(tmp_path, memory_keyring)
    other = keys.recovery_text(bytes(32))  # well formed, another register's
    code, _, err = run(capsys, monkeypatch, fresh, "restore", str(saved), stdin=f"{other}\n")
    assert code == 3 and "Kurtarma anahtarı bu yedeği açmıyor" in err, err
    code, _, err = run(capsys, monkeypatch, fresh, "restore", str(saved), stdin="ABCD-EFGH\n")
    assert code == 2 and "Kurtarma anahtarı geçersiz" in err, err
    assert not (fresh / DB_FILE).exists() and not (fresh / keys.KEY_FILE).exists()
    assert not list(memory_keyring.items)  # no key was kept for it either


def test_with_no_keyring_the_restored_key_is_kept_under_a_new_station_passphrase(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keyring.set_keyring(null.Keyring())  # accepts every key and keeps none
    source = tmp_path / "old-machine" / "desk-home"
    keys.give_passphrase(source, PASSPHRASE)
    setup_register(source)
    recovery = keys.take_recovery_key(source)  # what set-up printed for the supervisor
    assert recovery is not None
    numbers = register_records(source, 2)
    saved = backup.make_backup(source).path
    fresh = tmp_path / "new-machine" / "desk-home"
    # A passphrase too short: nothing restored.
    code, _, err = run(
        capsys, monkeypatch, fresh, "restore", str(saved), stdin=f"{recovery}\nkisa\n"
    )
    assert code == 2 and "en az" in err, err
    assert not (fresh / DB_FILE).exists() and not (fresh / keys.KEY_FILE).exists()
    keys.forget(fresh)
    code, out, err = run(
        capsys, monkeypatch, fresh, "restore", str(saved), stdin=f"{recovery}\n{NEW_PASSPHRASE}\n"
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["records"] == 2 and report["key_kept_in"] == keys.PASSPHRASE
    info = keys.read_info(fresh)
    assert info is not None and info.protector == keys.PASSPHRASE and info.masked
    assert_restored(fresh, numbers, NEW_PASSPHRASE)
    keys.forget(fresh)
    with pytest.raises(keys.KeyUnavailable, match="yanlış"):
        keys.give_passphrase(fresh, PASSPHRASE)  # the old machine's passphrase is not it
    keys.forget(fresh)
    code, _, err = run(capsys, monkeypatch, fresh, "verify", stdin=f"{NEW_PASSPHRASE}\n")
    assert code == 0, err


def test_a_backup_under_another_key_replaces_the_register_only_with_its_recovery_key(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mine = keys.register_key(home)
    assert mine is not None
    other_home = tmp_path / "other-desk"
    setup_register(other_home)  # a register of its own, under its own key
    saved, recovery, numbers = backup_with_recovery(other_home, 1)
    assert keys.parse_recovery(recovery) != mine
    register_records(home, 2)
    keys.forget(home)
    code, _, err = run(capsys, monkeypatch, home, "restore", str(saved), stdin=f"{recovery}\n")
    # Its key opens it, but the intact register is further on: refused unless forced.
    assert code == 1 and "eski" in err and "--force" in err, err
    assert keys.register_key(home) == mine
    code, out, err = run(
        capsys, monkeypatch, home, "restore", "--force", str(saved), stdin=f"{recovery}\n"
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["records"] == 1 and report["recovery_key_used"] is True
    # The register it replaced is kept under its own key, which stays in the keyring.
    previous = Path(report["previous_register_saved_as"])
    assert backup.describe(previous, mine).records == 2
    assert_restored(home, numbers)
    assert keys.register_key(home) == keys.parse_recovery(recovery)


def test_the_usual_restore_asks_for_nothing(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: Any,
) -> None:
    saved, _recovery, numbers = backup_with_recovery(home, 1)
    register_records(home, 1)
    keys.forget(home)  # a new start: the key comes from the keyring again
    before = dict(memory_keyring.items)
    # Nothing on standard input: a question would fail the command.
    code, out, err = run(capsys, monkeypatch, home, "restore", "--force", str(saved))
    assert code == 0, err
    report = json.loads(out)
    assert report["records"] == 1 and report["previous_register_saved_as"]
    assert report["recovery_key_used"] is False and report["key_kept_in"] is None
    assert dict(memory_keyring.items) == before
    assert_restored(home, numbers)
