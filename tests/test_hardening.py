"""What an attacker or an unlucky machine tried at the desk: a repeated JSON key, a keyring
that forgets, a sicil probed by the time of its answer."""

from __future__ import annotations

import hashlib
import io
import json
import sys
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
from register_fixtures import OFFICER, OFFICER_PW, WITNESS


def run(home: Path, *argv: str, stdin: str = "", capsys: Any, monkeypatch: Any) -> tuple:
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
        assert desk.register(ek1(), officer=officer)["number"].endswith("-000001")


def test_token_set_refuses_when_no_keyring_keeps_it(
    home: Path, capsys: Any, monkeypatch: Any
) -> None:
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

    monkeypatch.setattr(officers.hashlib, "scrypt", counted)
    with pytest.raises(AuthError):
        desk.authenticate("99999", "yanlis-parola")
    unknown = list(calls)
    calls.clear()
    with pytest.raises(AuthError):
        desk.authenticate(WITNESS, "yanlis-parola")
    assert unknown == calls == ["yanlis-parola"]
    assert not officers.check_password("", officers._NOBODY)
