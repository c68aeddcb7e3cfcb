"""What an attacker or an unlucky machine tried at the desk: a repeated JSON key, a keyring
that forgets, a sicil probed by the time of its answer."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import null

from factories import ek1
from gumruk_desk import cli
from gumruk_desk.domain import jsontext
from gumruk_desk.register import officers
from gumruk_desk.services import AuthError, Desk
from register_fixtures import OFFICER, OFFICER_PW, WITNESS, officer_of


def run(
    home: Path,
    *argv: str,
    stdin: str = "",
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    capsys.readouterr()
    try:
        code = cli.main(["--home", str(home), *argv])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_a_key_written_twice_is_refused() -> None:
    assert jsontext.loads('{"a": {"b": 1}, "c": [{"d": 2}]}') == {"a": {"b": 1}, "c": [{"d": 2}]}
    with pytest.raises(jsontext.RepeatedKey, match="'b' anahtarı iki kez"):
        jsontext.loads('{"a": {"b": 1, "b": 2}}')
    with pytest.raises(json.JSONDecodeError):
        jsontext.loads("{")


def test_a_record_file_with_a_repeated_key_is_refused_and_nothing_is_stored(
    home: Path, tmp_path: Path, capsys: Any, monkeypatch: Any
) -> None:
    text = json.dumps(ek1(), ensure_ascii=False)
    # The second "amount" would win in a plain parser: the officer saw the first.
    twice = text.replace('"amount": "10000.00"', '"amount": "10000.00", "amount": "100.00"', 1)
    assert twice != text
    path = tmp_path / "record.json"
    path.write_text(twice, encoding="utf-8")
    code, out, err = run(
        home,
        "record",
        "create",
        "--officer",
        OFFICER,
        str(path),
        stdin=f"{OFFICER_PW}\n",
        capsys=capsys,
        monkeypatch=monkeypatch,
    )
    assert code == 2, err
    assert "'amount' anahtarı iki kez yazılmış" in err and "Hiçbir şey kaydedilmedi" in err
    assert out == ""
    with Desk(home) as desk:
        assert list(desk.list_records()) == []
        # No number was used: the next registration gets the first one.
        officer = desk.authenticate(OFFICER, OFFICER_PW)
        assert desk.register(ek1(), officer=officer).number.endswith("-000001")


def test_token_set_refuses_when_no_keyring_keeps_it(
    home: Path, capsys: Any, monkeypatch: Any
) -> None:
    Desk(home).close()  # the register's key, read while the keyring still had it
    keyring.set_keyring(null.Keyring())  # accepts every password and keeps none
    code, out, err = run(
        home,
        "token",
        "set",
        "--url",
        "https://merkez.example",
        stdin="gmt_secret-token\n",
        capsys=capsys,
        monkeypatch=monkeypatch,
    )
    assert code == 1, (out, err)
    assert '"stored"' not in out
    assert "anahtarlığı kullanılamıyor" in err and "kaydedilmedi" in err
    assert "gmt_secret-token" not in out + err


def test_an_unknown_sicil_costs_the_same_password_check_as_a_wrong_password(
    desk: Desk, monkeypatch: Any
) -> None:
    calls: list[str] = []
    real = hashlib.scrypt

    def counted(password: bytes, **kwargs: Any) -> bytes:
        calls.append(password.decode())
        return real(password, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counted)  # the module officers hashes with
    with pytest.raises(AuthError):
        desk.authenticate("99999", "yanlis-parola")
    unknown = list(calls)
    calls.clear()
    with pytest.raises(AuthError):
        desk.authenticate(WITNESS, "yanlis-parola")
    assert unknown == calls == ["yanlis-parola"]
    assert not officers.check_password("", officers._NOBODY)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_a_new_register_is_private_to_its_user(tmp_path: Path) -> None:
    home = tmp_path / "desk-home"
    with Desk(home, create=True) as desk:
        desk.daily_backup()
        assert _mode(home) == 0o700
        for name in ("register.sqlite3", "register.sqlite3-wal", "register.sqlite3-shm"):
            assert _mode(home / name) == 0o600, name
        assert _mode(home / "register.lock") == 0o600
        assert _mode(home / "backups") == 0o700
        modes = {p.name: _mode(p) for p in (home / "backups").iterdir()}
        assert modes and set(modes.values()) == {0o600}, modes


def test_an_existing_register_is_tightened_and_a_killed_backup_removed(home: Path) -> None:
    backups = home / "backups"
    backups.mkdir(exist_ok=True)
    killed = backups / "manual-20261201-101010.sqlite3.partial"
    killed.write_bytes(b"half a copy")
    os.utime(killed, (time.time() - 7 * 3600,) * 2)  # left by a backup killed hours ago
    running = backups / "daily-20261202.sqlite3.partial"
    running.write_bytes(b"being written right now")
    kept = backups / "daily-20261130.sqlite3"
    kept.write_bytes(b"a whole copy")
    for path in (home, backups):
        path.chmod(0o755)
    for path in (home / "register.sqlite3", kept):
        path.chmod(0o644)
    with Desk(home):
        pass
    assert _mode(home) == _mode(backups) == 0o700
    assert _mode(home / "register.sqlite3") == _mode(kept) == 0o600
    assert not killed.exists()
    assert running.read_bytes() == b"being written right now"  # a backup in progress stays
    assert kept.read_bytes() == b"a whole copy"


def test_the_command_runs_with_a_private_umask(tmp_path: Path) -> None:
    import subprocess

    code = (
        "import os\n"
        "from gumruk_desk.entry import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(oct(os.umask(0)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "0o77"


def test_an_open_that_fails_names_its_cause(tmp_path: Path) -> None:
    import errno

    from sqlalchemy.exc import OperationalError

    from gumruk_desk.register import db, files

    path = tmp_path / "register.sqlite3"

    def failure(message: str) -> str:
        return db.open_failure(OperationalError("x", {}, Exception(message)), path)

    assert "Disk dolu" in failure("database or disk is full")
    assert "salt okunur" in failure("attempt to write a readonly database")
    assert "başka bir işlem kullanıyor" in failure("database is locked")
    assert "açılamadı" in failure("file is not a database")
    assert "Disk dolu" in str(files.folder_failure(OSError(errno.ENOSPC, "x"), tmp_path))
    assert "salt okunur" in str(files.folder_failure(OSError(errno.EROFS, "x"), tmp_path))
    assert "salt okunur" in str(files.folder_failure(OSError(errno.EACCES, "x"), tmp_path))


# -- the sync refuses a register whose chain does not hold --------------------------------------


@pytest.fixture
def centre(tmp_path: Path) -> Any:
    from central_support import CentralServer, central_database

    with central_database("sqlite", tmp_path) as url:
        server = CentralServer(url).start()
        try:
            yield server
        finally:
            server.stop()


def test_sync_refuses_to_upload_a_changed_record_and_says_why(
    desk: Desk, home: Path, centre: Any
) -> None:
    import keyed_sqlite3 as sqlite3
    from gumruk_desk.sync import Retry, SyncClient, SyncError

    token = centre.store.issue_token("GM01", "M1")
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    first = desk.register(ek1(), officer=officer)
    fast = Retry(attempts=2, base=0.01, cap=0.05, timeout=5.0)
    with SyncClient(centre.url, token, retry=fast) as client:
        assert client.run(desk).uploaded == 1
    second = desk.register(ek1(), officer=officer)
    with sqlite3.connect(home / "register.sqlite3") as conn:  # edited behind the desk's back
        conn.execute("DROP TRIGGER record_no_update")
        conn.execute(
            "UPDATE record SET content = replace(content, '10000.00', '100.00') WHERE number = ?",
            (second.number,),
        )
    conn.close()
    desk.db.reset_connections()
    with SyncClient(centre.url, token, retry=fast) as client, pytest.raises(SyncError) as raised:
        client.run(desk)
    message = str(raised.value)
    assert "Kayıt zinciri bozuk" in message and second.number in message
    assert "hiçbir şey gönderilmedi" in message
    with httpx_client(centre.url, token) as http:
        state = http.get("/v1/desks/me").json()
    assert state["record_count"] == 1  # only the first, sent before the change
    assert desk.verify(after=(0, "0" * 64)).ok is False
    assert first.number not in message


def httpx_client(url: str, token: str) -> Any:
    import httpx

    return httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"})


# -- the station, the settings and the officers' lock-out state are in the chain --------------


def _edit(home: Path, sql: str, *params: Any) -> None:
    import keyed_sqlite3 as sqlite3

    with sqlite3.connect(home / "register.sqlite3") as conn:
        conn.execute(sql, params)
    conn.close()


def test_logins_lockouts_and_unlocks_keep_the_chain_whole(desk: Desk) -> None:
    from gumruk_desk.register.officers import MAX_FAILED_ATTEMPTS
    from register_fixtures import SUPERVISOR, SUPERVISOR_PW

    for _ in range(2):
        with pytest.raises(AuthError):
            desk.authenticate(OFFICER, "yanlis-parola")
    assert officer_of(desk, OFFICER).failed_attempts == 2
    assert desk.verify().ok
    desk.authenticate(OFFICER, OFFICER_PW)  # the count starts again, in the chain
    assert officer_of(desk, OFFICER).failed_attempts == 0
    assert desk.verify().ok
    for _ in range(MAX_FAILED_ATTEMPTS + 1):
        with pytest.raises(AuthError):
            desk.authenticate(OFFICER, "yanlis-parola")
    assert officer_of(desk, OFFICER).locked
    assert desk.verify().ok
    desk.unlock_officer(OFFICER, SUPERVISOR, SUPERVISOR_PW)
    assert desk.verify().ok
    desk.set_idle_lock_minutes(7, desk.authenticate(SUPERVISOR, SUPERVISOR_PW))
    assert desk.verify().ok


@pytest.mark.parametrize(
    ("sql", "named"),
    [
        (
            "UPDATE station SET office_name = 'Başka Gümrük Müdürlüğü'",
            "Masa bilgileri (office_name)",
        ),
        ("UPDATE station SET customs_area = '', rate_column = 'ForexSelling'", "customs_area"),
        ("UPDATE officer SET failed_attempts = 0 WHERE sicil = '12345'", "12345 sicilli memurun"),
        ("UPDATE officer SET locked = 0 WHERE sicil = '12345'", "kilit durumu"),
        ("UPDATE setting SET value = '0'", "ayarı değiştirilmiş"),
        ("DELETE FROM setting", "ayarı değiştirilmiş ya da silinmiş"),
        ("INSERT INTO setting VALUES ('central_url', 'http://kotu', '')", "zincir dışında"),
    ],
)
def test_an_edit_of_the_state_rows_breaks_verify_and_is_named(
    desk: Desk, home: Path, sql: str, named: str
) -> None:
    from gumruk_desk.register.officers import MAX_FAILED_ATTEMPTS
    from register_fixtures import SUPERVISOR, SUPERVISOR_PW

    desk.set_idle_lock_minutes(7, desk.authenticate(SUPERVISOR, SUPERVISOR_PW))
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthError):
            desk.authenticate(OFFICER, "yanlis-parola")
    assert desk.verify().ok
    _edit(home, sql)
    desk.db.reset_connections()
    found = desk.verify()
    assert not found.ok
    assert named in (found.problem or "")


def test_an_older_register_gets_its_officers_state_recorded_once(home: Path) -> None:
    import keyed_sqlite3 as sqlite3
    from gumruk_desk.register import chain

    # As a desk of the previous version left it: a count of failures no event explains (a
    # successful login used to reset it without one, and a later failure counted from there).
    _edit(home, "UPDATE officer SET failed_attempts = 2 WHERE sicil = ?", OFFICER)
    _edit(home, "UPDATE alembic_version SET version_num = '0012'")
    later = ("ix_record_kind_id", "ix_record_date_id", "ix_event_sync_rejected")
    for index in (*later, "ix_event_login_failed_sicil"):
        _edit(home, f"DROP INDEX {index}")  # made by a later migration than 0012
    _edit(home, "ALTER TABLE officer DROP COLUMN deactivated_at")  # and so is this column
    with Desk(home) as desk:
        assert desk.verify().ok
        assert officer_of(desk, OFFICER).failed_attempts == 2
    with sqlite3.connect(home / "register.sqlite3") as conn:
        recorded = conn.execute(
            "SELECT payload FROM event WHERE kind = ?", (chain.OFFICER_STATE,)
        ).fetchall()
    conn.close()
    states = {json.loads(p)["sicil"]: json.loads(p) for (p,) in recorded}
    assert len(recorded) == 3 and states[OFFICER]["failed_attempts"] == 2
    with Desk(home) as desk:  # opened again: nothing more is recorded
        assert desk.verify().ok
    with sqlite3.connect(home / "register.sqlite3") as conn:
        again = conn.execute(
            "SELECT count(*) FROM event WHERE kind = ?", (chain.OFFICER_STATE,)
        ).fetchone()[0]
    conn.close()
    assert again == 3


@pytest.mark.slow  # a real 60-second outage of the centre, waited out
def test_a_sync_survives_a_minute_long_outage_of_the_centre(desk: Desk, centre: Any) -> None:
    import threading
    import time

    from gumruk_desk.sync import SyncClient

    token = centre.store.issue_token("GM01", "M1")
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    for _ in range(3):
        desk.register(ek1(), officer=officer)
    centre.stop()
    restarted = threading.Timer(60.0, centre.start)
    restarted.start()
    started = time.monotonic()
    try:
        with SyncClient(centre.url, token) as client:  # the desk's own retry policy
            result = client.run(desk)
    finally:
        restarted.join()
    assert time.monotonic() - started >= 60.0
    assert result.uploaded == 3 and result.complete
    assert result.retries > 0


def test_a_timed_out_batch_is_sent_again_smaller(desk: Desk, centre: Any) -> None:
    from central_support import FaultProxy
    from gumruk_desk.sync import MIN_BATCH_EVENTS, Retry, SyncClient

    token = centre.store.issue_token("GM01", "M1")
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    for _ in range(60):
        desk.register(ek1(), officer=officer)
    # The status query passes; the batch is held 2 s, past the client's 1 s timeout (the
    # centre still stores it when it arrives), and the next try goes through.
    events = desk.sync_head()[0]
    assert events // 2 >= MIN_BATCH_EVENTS
    proxy = FaultProxy(centre.port, ["pass", "slow:2"])
    try:
        retry = Retry(attempts=6, base=0.01, cap=0.05, timeout=1.0)
        # The whole chain in one batch at first: after the timeout it goes in halves.
        with SyncClient(proxy.url, token, retry=retry, batch_events=events) as client:
            result = client.run(desk)
    finally:
        proxy.close()
    assert result.complete and result.central_count == 60
    assert result.uploaded + result.already_present == 60
    assert client.batch_events == events // 2
    assert result.batches >= 2  # the chain went in more than one, smaller, batch
