"""A supervisor's work on accounts (add, new password, unlock, deactivate) through the services
and the command line, each change in the chain; and the login's answers, which count down the
attempts left without ever telling whether a sicil exists."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import keyed_sqlite3 as sqlite3
import test_cli
from cli_support import run
from factories import ek2
from gumruk_desk.register import chain
from gumruk_desk.register.officers import MAX_FAILED_ATTEMPTS, AuthError, OfficerError
from gumruk_desk.services import Desk
from register_fixtures import (
    OFFICER,
    OFFICER_PW,
    SUPERVISOR,
    SUPERVISOR_PW,
    WITNESS,
    WITNESS_PW,
    officer_of,
)
from test_cli import Gd

gd = test_cli.gd  # the command line, on this test's register (a fixture)

UNKNOWN = "77777"
NEW_PW = "yeni-parola-7"


def failure(desk: Desk, sicil: str, password: str) -> str:
    with pytest.raises(AuthError) as caught:
        desk.authenticate(sicil, password)
    return str(caught.value)


def events(home: Path, kind: str) -> list[tuple[str | None, dict[str, Any]]]:
    with sqlite3.connect(home / "register.sqlite3") as conn:
        rows = conn.execute(
            "SELECT actor, payload FROM event WHERE kind = ? ORDER BY seq", (kind,)
        ).fetchall()
    conn.close()
    return [(actor, json.loads(payload)) for actor, payload in rows]


def edit(home: Path, sql: str, *params: Any) -> None:
    with sqlite3.connect(home / "register.sqlite3") as conn:
        conn.execute(sql, params)
    conn.close()


def add_supervisor(desk: Desk) -> None:
    """A second supervisor, added by the first as the window does it."""
    desk.add_officer(
        sicil="90002",
        name="Kemal Şahin",
        title="Gümrük Müdürü",
        password="amir-parola-2",
        supervisor=True,
        approver_sicil=SUPERVISOR,
        approver_password=SUPERVISOR_PW,
    )


# -- the login's answers ---------------------------------------------------------------------------


def test_wrong_passwords_count_down_the_attempts_left(desk: Desk) -> None:
    answers = [failure(desk, OFFICER, "yanlış-parola") for _ in range(MAX_FAILED_ATTEMPTS)]
    assert answers[0] == (
        f"Sicil veya parola hatalı ({OFFICER}). Hesap kilitlenmeden önce 4 deneme hakkınız kaldı."
    )
    assert [a.split("önce ")[1][:1] for a in answers[:4]] == ["4", "3", "2", "1"]
    # The fifth locks the account and says who can open it (by name: no sicil to guess at).
    assert "kilitli" in answers[4]
    assert "Kilidi bir idare amiri açabilir: Zeynep Kaya (Gümrük Müdür Yardımcısı)." in answers[4]
    assert SUPERVISOR not in answers[4]
    assert "kilitli" in failure(desk, OFFICER, OFFICER_PW)  # the right password too


def test_an_unknown_sicil_gets_the_same_answers_as_a_known_one(desk: Desk) -> None:
    known = [failure(desk, OFFICER, "yanlış-parola") for _ in range(MAX_FAILED_ATTEMPTS + 2)]
    unknown = [failure(desk, UNKNOWN, "yanlış-parola") for _ in range(MAX_FAILED_ATTEMPTS + 2)]
    assert [a.replace(OFFICER, "S") for a in known] == [a.replace(UNKNOWN, "S") for a in unknown]


def test_an_unknown_sicils_count_survives_a_restart_like_a_real_one(home: Path) -> None:
    with Desk(home) as desk:
        for _ in range(3):
            failure(desk, UNKNOWN, "yanlış-parola")
            failure(desk, OFFICER, "yanlış-parola")
    with Desk(home) as desk:
        answers = {s: failure(desk, s, "yanlış-parola") for s in (UNKNOWN, OFFICER)}
        assert answers[UNKNOWN].replace(UNKNOWN, "S") == answers[OFFICER].replace(OFFICER, "S")
        assert "1 deneme hakkınız kaldı" in answers[UNKNOWN]
        assert desk.verify().ok


def test_the_locked_answer_says_when_no_supervisor_could_unlock(desk: Desk) -> None:
    for _ in range(MAX_FAILED_ATTEMPTS):
        failure(desk, SUPERVISOR, "yanlış-parola")
    for _ in range(MAX_FAILED_ATTEMPTS):
        answer = failure(desk, UNKNOWN, "yanlış-parola")
    assert "kilidi açabilecek etkin bir idare amiri yok" in answer
    assert "sistem sorumlusuna" in answer


# -- a new password ------------------------------------------------------------------------------


def test_a_supervisor_resets_a_password_and_opens_a_locked_account(desk: Desk, home: Path) -> None:
    for _ in range(MAX_FAILED_ATTEMPTS):
        failure(desk, OFFICER, "yanlış-parola")
    officer = desk.reset_password(OFFICER, NEW_PW, SUPERVISOR, SUPERVISOR_PW)
    assert not officer.locked and officer.failed_attempts == 0
    assert "hatalı" in failure(desk, OFFICER, OFFICER_PW)  # the old one no longer
    assert desk.authenticate(OFFICER, NEW_PW).sicil == OFFICER
    assert desk.verify().ok
    [(actor, payload)] = events(home, chain.OFFICER_PASSWORD_RESET)
    assert actor == SUPERVISOR
    assert set(payload) == {"sicil", "password_sha256"} and payload["sicil"] == OFFICER
    stored = (home / "register.sqlite3").read_bytes()
    assert NEW_PW.encode() not in stored  # only the scrypt hash is kept
    log = home / "logs" / "gumruk-desk.log"
    assert not log.exists() or NEW_PW not in log.read_text(encoding="utf-8")


def test_a_reset_needs_a_supervisors_right_password_and_a_valid_new_one(desk: Desk) -> None:
    with pytest.raises(OfficerError, match="en az 8 karakter"):
        desk.reset_password(OFFICER, "kısa", SUPERVISOR, "yanlış-parola")
    # A short new password was refused before the supervisor's was checked: no attempt used.
    assert officer_of(desk, SUPERVISOR).failed_attempts == 0
    with pytest.raises(AuthError, match="4 deneme"):
        desk.reset_password(OFFICER, NEW_PW, SUPERVISOR, "yanlış-parola")
    with pytest.raises(AuthError, match="yalnızca bir idare amiri"):
        desk.reset_password(OFFICER, NEW_PW, WITNESS, WITNESS_PW)
    with pytest.raises(OfficerError, match="memur yok"):
        desk.reset_password(UNKNOWN, NEW_PW, SUPERVISOR, SUPERVISOR_PW)
    assert desk.authenticate(OFFICER, OFFICER_PW).sicil == OFFICER  # nothing changed


def test_a_password_changed_behind_the_chain_fails_verify(desk: Desk, home: Path) -> None:
    desk.reset_password(OFFICER, NEW_PW, SUPERVISOR, SUPERVISOR_PW)
    witness_hash = officer_of(desk, WITNESS).password_hash
    edit(home, "UPDATE officer SET password_hash = ? WHERE sicil = ?", witness_hash, OFFICER)
    result = desk.verify()
    assert not result.ok
    assert f"{OFFICER} sicilli memurun kaydı" in (result.problem or "")


def test_a_reset_event_cannot_change_a_role(desk: Desk, home: Path) -> None:
    # The reset carries the new password's digest alone: the role stays what was added.
    desk.reset_password(OFFICER, NEW_PW, SUPERVISOR, SUPERVISOR_PW)
    edit(home, "UPDATE officer SET role = 'supervisor' WHERE sicil = ?", OFFICER)
    assert not desk.verify().ok


# -- deactivation --------------------------------------------------------------------------------


def test_a_deactivated_officer_cannot_log_in_or_witness(desk: Desk, home: Path) -> None:
    officer = desk.deactivate_officer(WITNESS, SUPERVISOR, SUPERVISOR_PW, reason="Tayin")
    assert officer.deactivated_at is not None and not officer.can_sign
    answer = failure(desk, WITNESS, WITNESS_PW)
    assert "devre dışı bırakıldı" in answer and "giriş yapılamaz" in answer
    assert "şahitlik" in answer
    # A wrong password is answered as for anyone: it does not tell the account's state.
    wrong = failure(desk, WITNESS, "yanlış-parola")
    assert wrong == failure(desk, UNKNOWN, "yanlış-parola").replace(UNKNOWN, WITNESS)
    [(actor, payload)] = events(home, chain.OFFICER_DEACTIVATED)
    assert actor == SUPERVISOR
    assert payload == {
        "sicil": WITNESS,
        "deactivated_at": officer.deactivated_at,
        "reason": "Tayin",
    }
    assert desk.verify().ok
    # The row stays: records and reports still name the officer.
    assert WITNESS in {o.sicil for o in desk.officers()}


def test_a_deactivated_witness_is_refused_on_the_command_line(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with Desk(home) as desk:
        desk.deactivate_officer(WITNESS, SUPERVISOR, SUPERVISOR_PW)
    record = tmp_path / "record.json"
    record.write_text(json.dumps(ek2(), ensure_ascii=False), encoding="utf-8")
    code, _, err = run(
        capsys,
        monkeypatch,
        home,
        "record",
        "create",
        "--officer",
        OFFICER,
        str(record),
        stdin=f"{OFFICER_PW}\n{WITNESS_PW}\n",
    )
    assert code == 3 and "devre dışı" in err
    assert run(capsys, monkeypatch, home, "record", "list")[1] == ""


def test_the_last_supervisor_who_could_sign_stays(desk: Desk) -> None:
    with pytest.raises(OfficerError, match="etkin son idare amiri"):
        desk.deactivate_officer(SUPERVISOR, SUPERVISOR, SUPERVISOR_PW)
    add_supervisor(desk)
    # A locked supervisor cannot unlock anyone: the other one still may not go.
    for _ in range(MAX_FAILED_ATTEMPTS):
        failure(desk, "90002", "yanlış-parola")
    with pytest.raises(OfficerError, match="etkin son idare amiri"):
        desk.deactivate_officer(SUPERVISOR, SUPERVISOR, SUPERVISOR_PW)
    desk.unlock_officer("90002", SUPERVISOR, SUPERVISOR_PW)
    # From the command line (no session open) a supervisor may now leave.
    desk.deactivate_officer(SUPERVISOR, SUPERVISOR, SUPERVISOR_PW)
    assert not officer_of(desk, SUPERVISOR).active
    assert desk.verify().ok


def test_the_logged_in_officer_cannot_be_deactivated_from_the_session(desk: Desk) -> None:
    add_supervisor(desk)
    with pytest.raises(OfficerError, match="oturumu şu anda açık"):
        desk.deactivate_officer(SUPERVISOR, SUPERVISOR, SUPERVISOR_PW, logged_in=SUPERVISOR)
    with pytest.raises(OfficerError, match="oturumu şu anda açık"):
        desk.deactivate_officer(OFFICER, "90002", "amir-parola-2", logged_in=OFFICER)
    assert officer_of(desk, SUPERVISOR).active and officer_of(desk, OFFICER).active


def test_a_deactivated_account_takes_no_further_action(desk: Desk) -> None:
    desk.deactivate_officer(OFFICER, SUPERVISOR, SUPERVISOR_PW)
    acts: tuple[Callable[[], object], ...] = (
        lambda: desk.reset_password(OFFICER, NEW_PW, SUPERVISOR, SUPERVISOR_PW),
        lambda: desk.unlock_officer(OFFICER, SUPERVISOR, SUPERVISOR_PW),
        lambda: desk.deactivate_officer(OFFICER, SUPERVISOR, SUPERVISOR_PW),
    )
    for act in acts:
        with pytest.raises(OfficerError, match="devre dışı bırakıldı"):
            act()
    with pytest.raises(OfficerError, match="en fazla 200"):
        desk.deactivate_officer(WITNESS, SUPERVISOR, SUPERVISOR_PW, reason="x" * 201)


@pytest.mark.parametrize(
    ("sql", "named"),
    [
        ("UPDATE officer SET deactivated_at = NULL WHERE sicil = '12346'", "değiştirilmiş"),
        ("UPDATE officer SET deactivated_at = '2020-01-01T00:00:00+03:00'", "zincir dışında"),
    ],
)
def test_a_deactivation_edited_behind_the_chain_fails_verify(
    desk: Desk, home: Path, sql: str, named: str
) -> None:
    desk.deactivate_officer(WITNESS, SUPERVISOR, SUPERVISOR_PW)
    edit(home, sql)
    result = desk.verify()
    assert not result.ok
    assert "devre dışı bırakılma bilgisi" in (result.problem or "")
    assert named in (result.problem or "")


def test_an_officer_added_in_the_window_names_the_supervisor(desk: Desk, home: Path) -> None:
    def add(name: str, approver: str, password: str) -> None:
        desk.add_officer(
            sicil="12347",
            name=name,
            title="Gümrük Muhafaza Memuru",
            password="parola-12347",
            approver_sicil=approver,
            approver_password=password,
        )

    with pytest.raises(OfficerError, match="adı soyadı boş"):
        add(" ", SUPERVISOR, "yanlış-parola")
    assert officer_of(desk, SUPERVISOR).failed_attempts == 0  # the data was checked first
    with pytest.raises(AuthError, match="yalnızca"):
        add("Elif Aydın", WITNESS, WITNESS_PW)
    add("Elif Aydın", SUPERVISOR, SUPERVISOR_PW)
    assert events(home, chain.OFFICER_ADDED)[-1][0] == SUPERVISOR
    assert desk.authenticate("12347", "parola-12347").name == "Elif Aydın"
    assert desk.verify().ok


# -- the command line ------------------------------------------------------------------------------


def test_cli_reset_password(gd: Gd) -> None:
    reset = ("officer", "reset-password", OFFICER, "--by", SUPERVISOR)
    code, out, _ = gd(*reset, stdin=f"{SUPERVISOR_PW}\n{NEW_PW}\n")
    assert code == 0 and "parolası yenilendi" in out
    code, _, err = gd(*reset, stdin=f"{SUPERVISOR_PW}\nkısa\n")
    assert code == 2 and "en az 8 karakter" in err
    code, _, err = gd(*reset, stdin=f"yanlış-parola\n{NEW_PW}\n")
    assert code == 3 and "deneme hakkınız kaldı" in err
    code, _, err = gd(*reset, stdin=f"{SUPERVISOR_PW}\n")
    assert code == 3 and "Parola okunamadı" in err
    code, _, err = gd(
        "officer",
        "reset-password",
        UNKNOWN,
        "--by",
        SUPERVISOR,
        stdin=(f"{SUPERVISOR_PW}\n{NEW_PW}\n"),
    )
    assert code == 2 and "memur yok" in err
    assert gd("verify")[0] == 0


def test_cli_deactivate_and_list(gd: Gd) -> None:
    code, out, _ = gd("officer", "list", "--json")
    assert code == 0
    listed = {o["sicil"]: o for o in json.loads(out)}
    assert listed[WITNESS] == {
        "sicil": WITNESS,
        "name": "Mehmet Öztürk",
        "title": "Gümrük Muhafaza Memuru",
        "role": "officer",
        "state": "active",
        "failed_attempts": 0,
        "deactivated_at": None,
    }
    deactivate = ("officer", "deactivate", WITNESS, "--by", SUPERVISOR)
    code, out, _ = gd(*deactivate, "--reason", "Emeklilik", stdin=f"{SUPERVISOR_PW}\n")
    assert code == 0 and "devre dışı bırakıldı" in out
    code, _, err = gd(*deactivate, stdin=f"{SUPERVISOR_PW}\n")
    assert code == 2 and "hesap zaten kapalı" in err
    code, _, err = gd(
        "officer", "deactivate", SUPERVISOR, "--by", SUPERVISOR, stdin=(f"{SUPERVISOR_PW}\n")
    )
    assert code == 2 and "etkin son idare amiri" in err
    code, _, err = gd("officer", "deactivate", OFFICER, "--by", SUPERVISOR, stdin="yanlış\n")
    assert code == 3
    listed = {o["sicil"]: o for o in json.loads(gd("officer", "list", "--json")[1])}
    assert listed[WITNESS]["state"] == "deactivated" and listed[WITNESS]["deactivated_at"]
    assert listed[OFFICER]["state"] == "active"
    code, out, _ = gd("officer", "list")
    assert f"{WITNESS}" in out and "devre dışı" in out and "idare amiri" in out
    assert gd("verify")[0] == 0


# -- the centre ----------------------------------------------------------------------------------


def test_the_centre_takes_a_chain_with_resets_and_deactivations(desk: Desk, tmp_path: Path) -> None:
    from central_support import CentralServer, central_database
    from factories import ek1
    from test_sync import centre_holds_exactly, sync

    officer = desk.authenticate(OFFICER, OFFICER_PW)
    desk.register(ek1(), officer=officer)
    add_supervisor(desk)
    desk.reset_password(OFFICER, NEW_PW, SUPERVISOR, SUPERVISOR_PW)
    desk.deactivate_officer(WITNESS, SUPERVISOR, SUPERVISOR_PW, reason="Tayin")
    failure(desk, UNKNOWN, "yanlış-parola")
    desk.register(ek1(), officer=desk.authenticate(OFFICER, NEW_PW))
    with central_database("sqlite", tmp_path) as url:
        server = CentralServer(url).start()
        try:
            assert server.store is not None
            token = server.store.issue_token("GM01", "M1")
            result = sync(desk, server.url, token)
            assert result.uploaded == 2 and result.rejected == 0 and result.pending == 0
            centre_holds_exactly(server, desk)
        finally:
            server.stop()
    assert desk.verify().ok
