"""The register private at rest: encrypted with a key nobody types and nobody can lose.

Every file under the data folder is read back byte for byte for the traveller's data; the
key is kept in the (in-memory) keyring or under the station passphrase; an old plain register
is converted safely, or left untouched; the recovery key opens the register on a machine
whose keyring lost it; a supervisor re-keys it."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3 as plain_sqlite3
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import null

import keyed_sqlite3
from cli_support import run
from factories import ek2
from gumruk_desk.register import backup, db, driver, keys
from gumruk_desk.register.db import DB_FILE, Database
from gumruk_desk.services import AuthError, Desk, RegisterError
from register_fixtures import (
    OFFICER,
    OFFICER_PW,
    SUPERVISOR,
    SUPERVISOR_PW,
    setup_register,
)

SURNAME = "Quellenbrunner"
DOCUMENT = "C01X00T47"
PASSPHRASE = "istasyon-parolasi-2026"


def traveller() -> dict[str, Any]:
    data = ek2(witness_officer=None)
    data["person"]["last_name"] = SURNAME
    data["person"]["id_number"] = DOCUMENT
    return data


def plain_register(home: Path, monkeypatch: pytest.MonkeyPatch, records: int = 2) -> None:
    """A register as a desk before encryption left it: plain SQLite, with records, a plain
    backup beside it."""
    with monkeypatch.context() as patch:
        patch.setattr(Database, "_key", lambda self, new: None)
        setup_register(home)
        with Desk(home) as desk:
            officer = desk.authenticate(OFFICER, OFFICER_PW)
            for _ in range(records):
                desk.register(traveller(), officer=officer)
            db.backup_file(desk.db.path, home / "backups" / "daily-20261201.sqlite3", None)
    (home / keys.KEY_FILE).unlink(missing_ok=True)
    keys.forget(home)
    assert driver.is_plain(home / DB_FILE)


def test_the_register_is_encrypted_and_its_key_is_in_the_keyring(home: Path) -> None:
    assert not driver.is_plain(home / DB_FILE)
    conn = plain_sqlite3.connect(home / DB_FILE)  # the file alone, without its key
    with pytest.raises(plain_sqlite3.DatabaseError, match="not a database"):
        conn.execute("SELECT count(*) FROM record").fetchone()
    conn.close()
    info = keys.read_info(home)
    assert info is not None and info.protector == keys.KEYRING
    stored = keyring.get_password(keys.KEYRING_SERVICE, f"register-key:{info.id}")
    assert stored is not None and keys.check_of(bytes.fromhex(stored)) == info.check
    # The side file opens nothing: it holds no key.
    assert stored not in (home / keys.KEY_FILE).read_text(encoding="utf-8")


def _haystacks(data: bytes) -> list[bytes]:
    return [data.lower(), data.decode("latin-1").encode("utf-16-le").lower()]


def test_no_file_in_the_data_folder_holds_the_travellers_name_or_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "desk-home"
    setup_register(home)
    record = tmp_path / "record.json"
    record.write_text(json.dumps(traveller(), ensure_ascii=False), encoding="utf-8")
    for _ in range(3):  # through the command line: its log is written too
        code, _, err = run(
            capsys,
            monkeypatch,
            home,
            "record",
            "create",
            "--officer",
            OFFICER,
            str(record),
            stdin=f"{OFFICER_PW}\n",
        )
        assert code == 0, err
    code, _, err = run(capsys, monkeypatch, home, "backup")
    assert code == 0, err
    desk = Desk(home)  # kept open: its write-ahead log is on disk while the folder is read
    desk.save_draft(None, kind="nakit_aciklama", officer=OFFICER, page=1, data=traveller())
    desk.daily_backup()
    try:
        files = [p for p in home.rglob("*") if p.is_file()]
        names = {p.name for p in files}
        assert {DB_FILE, f"{DB_FILE}-wal", keys.KEY_FILE} <= names
        assert any(p.parent.name == "backups" for p in files)
        assert any(p.parent.name == "logs" for p in files)
        needles = [
            needle.lower().encode()
            for needle in (SURNAME, DOCUMENT, SURNAME.upper(), "quellenbr", "c01x00")
        ]
        for path in files:
            for haystack in _haystacks(path.read_bytes()):
                for needle in needles:
                    assert needle not in haystack, f"{needle!r} in clear in {path}"
        # The test would see the name, were it written in the clear.
        assert desk.search(SURNAME[:6], limit=5)
    finally:
        desk.close()


def test_no_document_is_written_into_the_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "desk-home"
    setup_register(home)
    with Desk(home) as desk:
        number = desk.register(traveller(), officer=desk.authenticate(OFFICER, OFFICER_PW)).number
        events = desk.verify().events
    for args in (
        ("print", number, "--out", str(home / "belge.pdf")),
        ("print", number, "--out", str(home / "backups" / ".." / "logs" / "b.pdf")),
        ("ledger", "print", "--out", str(home / "defter.pdf")),
        ("report", "--out", str(home / "rapor.pdf")),
    ):
        code, out, err = run(capsys, monkeypatch, home, *args)
        assert code == 2 and "veri klasörüne kaydedilemez" in err, (args, out, err)
    assert not [p for p in home.rglob("*") if ".pdf" in p.name]
    outside = tmp_path / "belge.pdf"
    code, _, err = run(capsys, monkeypatch, home, "print", number, "--out", str(outside))
    assert code == 0 and outside.read_bytes().startswith(b"%PDF"), err
    with Desk(home) as desk:
        assert desk.verify().events == events + 1  # the refused prints recorded nothing


def test_without_a_keyring_the_station_passphrase_keeps_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring.set_keyring(null.Keyring())  # accepts every key and keeps none
    home = tmp_path / "desk-home"
    with pytest.raises(keys.PassphraseNeeded, match="istasyon parolası"):
        Desk(home, create=True)
    assert not (home / keys.KEY_FILE).exists()
    keys.give_passphrase(home, PASSPHRASE)
    setup_register(home)
    info = keys.read_info(home)
    assert info is not None and info.protector == keys.PASSPHRASE and info.salt
    keys.forget(home)  # a new start of the program
    assert keys.needs_passphrase(home)
    with pytest.raises(keys.PassphraseNeeded):
        Desk(home)
    with pytest.raises(keys.KeyUnavailable, match="yanlış"):
        keys.give_passphrase(home, "baska-bir-parola-1")
    # The command line asks it once, from standard input, before anything else.
    code, _, err = run(capsys, monkeypatch, home, "verify", stdin="baska-bir-parola-1\n")
    assert code == 3 and "İstasyon parolası yanlış" in err
    keys.forget(home)
    code, _, err = run(capsys, monkeypatch, home, "verify", stdin=f"{PASSPHRASE}\n")
    assert code == 0, err
    keys.forget(home)
    code, _, err = run(
        capsys, monkeypatch, home, "record", "list", stdin=f"{PASSPHRASE}\n"
    )  # the fast reader too
    assert code == 0, err
    # A command that reads a password too: the passphrase is still the first line.
    record = tmp_path / "record.json"
    record.write_text(json.dumps(traveller(), ensure_ascii=False), encoding="utf-8")
    for args, lines in (
        (("record", "create", "--officer", OFFICER, str(record)), [PASSPHRASE, OFFICER_PW]),
        (("key", "rotate", "--supervisor", SUPERVISOR), [PASSPHRASE, SUPERVISOR_PW]),
    ):
        keys.forget(home)
        stdin = "".join(f"{line}\n" for line in lines)
        code, out, err = run(capsys, monkeypatch, home, *args, stdin=stdin)
        assert code == 0, (args, err)
    assert out.count("-") >= 13  # the new recovery key, once


def test_an_old_plain_register_is_converted_and_verified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "desk-home"
    plain_register(home, monkeypatch)
    with plain_sqlite3.connect(home / DB_FILE) as conn:
        before = [n for (n,) in conn.execute("SELECT number FROM record ORDER BY id")]
    with Desk(home) as desk:
        assert desk.verify().ok
        assert [r.number for r in desk.list_records()] == before
        recovery = desk.take_recovery_key()
        assert recovery is not None and desk.take_recovery_key() is None  # shown once
    assert not driver.is_plain(home / DB_FILE)
    leftovers = [p.name for p in home.iterdir() if p.name.endswith((".plain", ".encrypting"))]
    assert leftovers == []
    copies = sorted((home / "backups").glob("*.sqlite3"))
    assert any(p.name.startswith("before-encryption-") for p in copies)
    assert copies and not any(driver.is_plain(p) for p in copies)  # the old backup too
    key = keys.parse_recovery(recovery)
    assert backup.describe(home / "backups" / "daily-20261201.sqlite3", key).records == 2


def test_a_plain_register_that_does_not_verify_is_left_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "desk-home"
    plain_register(home, monkeypatch)
    conn = plain_sqlite3.connect(home / DB_FILE)  # an edit behind the desk's back
    with conn:
        conn.execute("DROP TRIGGER record_no_update")
        conn.execute("UPDATE record SET paper_number = 'X1' WHERE id = 1")
    conn.close()  # its log checkpointed into the file: the file alone is the register
    digest = hashlib.sha256((home / DB_FILE).read_bytes()).hexdigest()
    with pytest.raises(RegisterError, match=r"şifrelenemedi.*zincir.*olduğu gibi duruyor"):
        Desk(home)
    assert hashlib.sha256((home / DB_FILE).read_bytes()).hexdigest() == digest
    assert driver.is_plain(home / DB_FILE)
    assert not (home / keys.KEY_FILE).exists()
    assert sorted(p.name for p in home.iterdir() if "encrypting" in p.name) == []


def test_a_conversion_that_fails_midway_leaves_the_plain_register_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "desk-home"
    plain_register(home, monkeypatch)
    digest = hashlib.sha256((home / DB_FILE).read_bytes()).hexdigest()

    def full(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(db, "backup_file", full)  # the disk fills after the export
    with pytest.raises(RegisterError, match=r"şifrelenemedi.*No space left"):
        Desk(home)
    assert hashlib.sha256((home / DB_FILE).read_bytes()).hexdigest() == digest
    assert not (home / keys.KEY_FILE).exists()
    assert not (home / (DB_FILE + ".encrypting")).exists()
    monkeypatch.undo()
    with Desk(home) as desk:  # the cause gone, the next open converts it
        assert desk.verify().ok
    assert not driver.is_plain(home / DB_FILE)


def _init(home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    code, out, err = run(
        capsys,
        monkeypatch,
        home,
        "init",
        "--office-code",
        "GM01",
        "--office-name",
        "Kapıkule Gümrük Müdürlüğü",
        "--desk",
        "M2",
    )
    assert code == 0, err
    found = re.search(r"KURTARMA ANAHTARI.*\n\s+([A-Z2-7-]+)", out)
    assert found, out
    return found.group(1)


def test_the_recovery_key_opens_the_register_on_a_fresh_keyring(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: Any,
) -> None:
    home = tmp_path / "desk-home"
    recovery = _init(home, capsys, monkeypatch)
    assert len(recovery.replace("-", "")) == 56 and recovery.count("-") == 13
    memory_keyring.items.clear()  # a new machine, or a keyring lost
    keys.forget(home)
    code, _, err = run(capsys, monkeypatch, home, "verify")
    assert code == 3 and "key recover" in err
    code, _, err = run(capsys, monkeypatch, home, "key", "recover", stdin="ABCD-EFGH\n")
    assert code == 2 and "Kurtarma anahtarı geçersiz" in err
    other = keys.recovery_text(bytes(32))  # well formed, another register's
    code, _, err = run(capsys, monkeypatch, home, "key", "recover", stdin=f"{other}\n")
    assert code == 3 and "açmıyor" in err
    typed = recovery.lower().replace("-", " ")  # as read off paper
    code, out, err = run(capsys, monkeypatch, home, "key", "recover", stdin=f"{typed}\n")
    assert code == 0 and "anahtarlığında" in out, err
    keys.forget(home)
    code, _, err = run(capsys, monkeypatch, home, "verify")
    assert code == 0, err


def test_the_recovery_key_with_no_keyring_sets_a_station_passphrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "desk-home"
    recovery = _init(home, capsys, monkeypatch)
    keyring.set_keyring(null.Keyring())
    keys.forget(home)
    code, out, err = run(
        capsys, monkeypatch, home, "key", "recover", stdin=f"{recovery}\n{PASSPHRASE}\n"
    )
    assert code == 0 and "istasyon parolasıyla" in out, err
    keys.forget(home)
    code, _, err = run(capsys, monkeypatch, home, "verify", stdin=f"{PASSPHRASE}\n")
    assert code == 0, err


def test_a_supervisor_rotates_the_key_in_place(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Desk(home) as desk:
        officer = desk.authenticate(OFFICER, OFFICER_PW)
        number = desk.register(traveller(), officer=officer).number
        made = backup.make_backup(home)
        old = desk.db.key
        with pytest.raises(AuthError):
            desk.rotate_key(OFFICER, OFFICER_PW)
        recovery, left = desk.rotate_key(SUPERVISOR, SUPERVISOR_PW)
        assert left == []
        assert desk.db.key != old and keys.parse_recovery(recovery) == desk.db.key
        # The desk goes on with the new key.
        assert desk.show(number) is not None
        assert desk.verify().ok
        desk.register(traveller(), officer=officer)
        with desk.db.reading() as s:
            from sqlalchemy import text

            kinds = [k for (k,) in s.execute(text("SELECT kind FROM event ORDER BY seq"))]
        assert kinds[-2] == "register_key_rotated"
        new = desk.db.key
    assert not keys.opens(home / DB_FILE, old) and keys.opens(home / DB_FILE, new)
    assert backup.describe(made.path, new).records == 1  # the backups follow the key
    keys.forget(home)
    with Desk(home) as desk:  # from the keyring again
        assert desk.db.key == new
    code, out, err = run(
        capsys,
        monkeypatch,
        home,
        "key",
        "rotate",
        "--supervisor",
        SUPERVISOR,
        stdin="yanlis-parola\n",
    )
    assert code == 3, (out, err)
    code, out, err = run(
        capsys,
        monkeypatch,
        home,
        "key",
        "rotate",
        "--supervisor",
        SUPERVISOR,
        stdin=f"{SUPERVISOR_PW}\n",
    )
    assert code == 0 and "KURTARMA ANAHTARI" in out, err


def test_a_rotation_killed_after_the_rekey_opens_with_the_new_key(home: Path) -> None:
    old = keys.register_key(home)
    assert old is not None
    new = bytes(range(32))
    keys.begin_rotation(home, new)
    conn = driver.connect(home / DB_FILE, old, isolation_level=None)
    conn.execute(driver.key_pragma(new, "rekey"))
    conn.close()  # killed here: the side file and the keyring still name the old key first
    keys.forget(home)
    with Desk(home) as desk:
        assert desk.db.key == new and desk.verify().ok
    info = keys.read_info(home)
    assert info is not None and info.pending is None and info.check == keys.check_of(new)


def test_a_rotation_refused_while_another_opens_the_register(home: Path) -> None:
    other = keyed_sqlite3.connect(home / DB_FILE)
    try:
        with Desk(home) as desk, Desk(home) as second:
            with pytest.raises(RegisterError, match="Anahtar değiştirilemedi"):
                desk.rotate_key(SUPERVISOR, SUPERVISOR_PW)
            assert second.verify().ok  # nothing changed
    finally:
        other.close()


def test_the_recovery_key_goes_on_its_own_page_never_into_the_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader

    home = tmp_path / "desk-home"
    init = ("init", "--office-code", "GM01", "--office-name", "Kapıkule", "--desk", "M2")
    code, _, err = run(
        capsys, monkeypatch, home, *init, "--recovery-pdf", str(home / "kurtarma.pdf")
    )
    assert code == 2 and "veri klasörüne yazılamaz" in err
    assert not (home / DB_FILE).exists()  # refused before anything was set up
    page = tmp_path / "kurtarma.pdf"
    code, out, err = run(capsys, monkeypatch, home, *init, "--recovery-pdf", str(page))
    assert code == 0 and "sayfası yazıldı" in out and "KURTARMA ANAHTARI" not in out, err
    reader = PdfReader(page)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    groups = re.findall(r"\b[A-Z2-7]{4}\b", text)
    assert len(groups) == 14
    assert keys.parse_recovery("".join(groups)) == keys.register_key(home)


def test_a_key_under_the_passphrase_stays_there_when_renewed_with_a_keyring_at_hand(
    tmp_path: Path, memory_keyring: Any
) -> None:
    keyring.set_keyring(null.Keyring())  # set up where no keyring kept keys
    home = tmp_path / "desk-home"
    keys.give_passphrase(home, PASSPHRASE)
    setup_register(home)
    keys.forget(home)
    keyring.set_keyring(memory_keyring)  # a keyring that works came later
    keys.give_passphrase(home, PASSPHRASE)
    with Desk(home) as desk:
        recovery, _ = desk.rotate_key(SUPERVISOR, SUPERVISOR_PW)
    info = keys.read_info(home)
    assert info is not None and info.protector == keys.PASSPHRASE and info.salt and info.masked
    assert not memory_keyring.items  # nothing of it went into the keyring
    keys.forget(home)
    keys.give_passphrase(home, PASSPHRASE)  # the next start: the same passphrase opens it
    assert keys.register_key(home) == keys.parse_recovery(recovery)
    with Desk(home) as desk:
        assert desk.verify().ok
