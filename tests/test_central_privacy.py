"""The centre and the desk's upload never log a traveller's data: every log line of a sync —
the centre's own, uvicorn's (access lines included, at DEBUG), SQLAlchemy's statements on the
centre, the desk's and its log file — is captured while records of distinctive travellers
are uploaded, one of them quarantined, one replayed with other content (a conflict), one
verified by document number and one request failing unexpectedly; none of their names,
document numbers, addresses, phones, birth data or amounts may appear."""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import test_sync
from central_support import CentralServer, central_backends, desk_token, running_centre
from factories import PERSON_EK1, cash, ek1, ek2
from gumruk_desk import logs
from gumruk_desk.register import chain
from gumruk_desk.services import Desk
from register_fixtures import OFFICER, OFFICER_PW, WITNESS, WITNESS_PW
from test_central_hardening import batch_of, first_registration, post
from test_sync import sync

TRAVELLERS: list[dict[str, Any]] = [
    {
        "first_name": "Xaverius",
        "last_name": "Zümrütoğlu",
        "id_number": "QZ7315842",
        "birth_place": "Vladikavkaz",
        "birth_date": "1971-03-29",
        "father_name": "Bartholomäus",
    },
    {
        "first_name": "Philippa",
        "last_name": "Quenneville",
        "id_number": "UY4827193",
        "birth_place": "Trois-Rivières",
        "birth_date": "1968-11-07",
        "father_name": "Evariste",
    },
]
EK2_TRAVELLER: dict[str, Any] = {
    "first_name": "Wendelin",
    "last_name": "Ostrogradsky",
    "id_number": "KJ5930264",
    "birth_place": "Tiraspol",
    "birth_date": "1983-05-19",
    "father_name": "Leopoldus",
    "mother_name": "Hyacintha",
    "address": "Papatya Sokak 42, Yalıkavak",
    "phone": "+90 532 871 46 29",
    "destination_address": "Zambak Cad. 77, Kadıköy",
    "destination_phone": "0216 903 41 58",
}
AMOUNTS = ["13579.24", "24680.13", "1357.91"]
OTHER_NAME = "Karanfilzade"  # the conflicting replay's content
#: SQLAlchemy's echo of the desk's register: statements and (hidden) parameters at INFO; at
#: DEBUG it prints the rows it reads back, which are the records themselves by design.
QUIET = ["sqlalchemy.engine.Engine"]


class LoggedCentre(CentralServer):
    """The centre as the sync tests run it, but logging everything uvicorn logs (access lines
    too) through the root logger, at DEBUG: what an operator running it verbosely gets."""

    def logging_options(self) -> dict[str, Any]:
        return {"log_config": None, "log_level": "debug", "access_log": True}


@pytest.fixture(params=central_backends())
def central(request: Any, tmp_path: Path) -> Iterator[CentralServer]:
    with running_centre(request.param, tmp_path, LoggedCentre) as centre:
        yield centre


@pytest.fixture
def token(central: CentralServer) -> str:
    return desk_token(central)


@pytest.fixture
def captured(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch, home: Path
) -> Iterator[pytest.LogCaptureFixture]:
    """Every logger at DEBUG into caplog — uvicorn's loggers too, which an earlier server's
    log config may have cut off from the root — and the desk's log file switched on."""
    caplog.set_level(logging.DEBUG)
    for name in QUIET:
        caplog.set_level(logging.INFO, logger=name)
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine.Engine.central")
    own = [logging.getLogger(n) for n in ("uvicorn", "uvicorn.access")]
    for logger in own:
        if not logger.propagate:
            logger.addHandler(caplog.handler)
    desk_logger = logging.getLogger("gumruk_desk")
    level, before = desk_logger.level, list(desk_logger.handlers)
    monkeypatch.setattr(logs, "_configured", None)
    assert logs.setup_logging(home) is not None
    desk_logger.setLevel(logging.DEBUG)
    try:
        yield caplog
    finally:
        for logger in own:
            logger.removeHandler(caplog.handler)
        for handler in [h for h in desk_logger.handlers if h not in before]:
            desk_logger.removeHandler(handler)
            handler.close()
        desk_logger.setLevel(level)


def register_travellers(desk: Desk) -> list[str]:
    """Records for the distinctive travellers; what of them must never be logged."""
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    witness = desk.authenticate(WITNESS, WITNESS_PW)
    secret: list[str] = []
    for traveller, amount in zip(TRAVELLERS, AMOUNTS, strict=False):
        data = ek1(person={**PERSON_EK1, **traveller}, cash=[cash("EUR", amount)])
        made = desk.register(data, officer=officer)
        assert made.person.id_number == traveller["id_number"]
        secret += [str(v) for v in traveller.values()]
    data = ek2(
        person={**ek2()["person"], **EK2_TRAVELLER},
        declared=[cash("EUR", AMOUNTS[2])],
        detected=[cash("EUR", AMOUNTS[2])],
    )
    desk.register(data, officer=officer, witness=witness)
    secret += [str(v) for v in EK2_TRAVELLER.values()]
    secret += AMOUNTS
    return secret


def test_no_log_line_of_a_sync_names_a_traveller(
    desk: Desk,
    home: Path,
    central: CentralServer,
    token: str,
    captured: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    secret = register_travellers(desk)
    # The quarantined record is the default traveller's (the template the helper copies).
    quarantined = test_sync._register_unvalidated(desk)
    secret += [str(v) for v in PERSON_EK1.values() if len(str(v)) > 3]
    result = sync(desk, central.url, token)
    assert result.rejected == 1 and [q["number"] for q in result.quarantined] == [quarantined]
    assert result.uploaded == 4

    # A link replayed with another traveller's name: refused (409) and logged.
    events = desk.sync_batch(0, 500, 4_000_000)
    index = first_registration(events)
    content = json.loads(events[index]["record"]["content"])
    content["person"]["last_name"] = OTHER_NAME
    events[index]["record"]["content"] = chain.canonical(content)
    assert post(central, token, batch_of(events)).status_code == 409
    secret.append(OTHER_NAME)

    # A bank's check: the document number travels in the query string.
    number = events[index]["record"]["number"]
    answer = verify(central, token, number, TRAVELLERS[0]["id_number"])
    assert answer["status"] == "genuine"

    # An unexpected error whose message quotes the document number.
    def broken(_number: str, document: str) -> dict[str, Any]:
        raise ValueError(f"no such document {document}")

    assert central.store is not None
    monkeypatch.setattr(central.store, "verify", broken)
    with pytest.raises(urllib.error.HTTPError) as failed:
        verify(central, token, number, TRAVELLERS[1]["id_number"])
    assert failed.value.code == 500

    central.stop()  # what the server logs after an answer has gone (an error it was handed)
    text = captured.text + "\n" + logs.log_path(home).read_text(encoding="utf-8")
    leaked = sorted({value for value in secret if value.lower() in text.lower()})
    assert not leaked, f"logged: {leaked}"
    assert "document=" not in text
    # The log did capture the run: the centre's SQL, uvicorn's access lines, the conflict,
    # the error (its type and place), the desk's registrations.
    for expected in (
        "sqlalchemy.engine.Engine.central",
        "[SQL parameters hidden due to hide_parameters=True]",
        '"POST /v1/batches HTTP/1.1" 200',
        '"GET /v1/verify HTTP/1.1" 200',
        '"GET /v1/verify HTTP/1.1" 500',
        "conflict desk=GM01-M1",
        "unexpected error builtins.ValueError",
        f"registered {number}",
    ):
        assert expected in text, expected


def verify(central: CentralServer, token: str, number: str, document: str) -> dict[str, Any]:
    """GET /v1/verify without httpx, whose own log line would name the query."""
    query = urllib.parse.urlencode({"number": number, "document": document})
    request = urllib.request.Request(
        f"{central.url}/v1/verify?{query}", headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        answer: dict[str, Any] = json.loads(response.read())
    return answer
