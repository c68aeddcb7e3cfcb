"""The central service against uploads no desk of ours would send: malformed record rows,
links replayed with other content, oversized chunked bodies, repeated JSON keys, and chains
whose events mean what the desk itself would refuse (a cancellation approved by a
non-supervisor or by its own requester, ledger pages approved out of order). Every one gets a
4xx with a Turkish reason and stores nothing of its batch; over HTTP, on loopback, on SQLite
and on PostgreSQL when it is at hand."""

from __future__ import annotations

import contextlib
import datetime
import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

import test_sync
from central_support import CentralServer
from gumruk_desk.central.models import CentralEvent, CentralRecord, Conflict
from gumruk_desk.register import chain, ledger, registry
from gumruk_desk.services import Desk
from gumruk_desk.sync import SyncError
from register_fixtures import OFFICER, OFFICER_PW, SUPERVISOR, SUPERVISOR_PW, WITNESS
from test_sync import centre_holds_exactly, fill, sync

# The sync tests' fixtures: a fresh centre on each database at hand, and the desk's token.
central = test_sync.central
token = test_sync.token

BIG = 9 * 1024 * 1024  # over the centre's 8 MiB


def post(server: CentralServer, token: str, body: Any, **kwargs: Any) -> httpx.Response:
    """POST /v1/batches: ``body`` as JSON, or as the bytes (or chunks) given."""
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    content = body if isinstance(body, bytes | Iterator) else json.dumps(body).encode()
    return httpx.post(
        f"{server.url}/v1/batches", content=content, headers=headers, timeout=60, **kwargs
    )


def held(server: CentralServer) -> tuple[int, int, int]:
    """Events, records and conflicts the centre holds."""
    assert server.store is not None
    with server.store.sessions() as s:
        return (
            s.scalar(select(func.count()).select_from(CentralEvent)) or 0,
            s.scalar(select(func.count()).select_from(CentralRecord)) or 0,
            s.scalar(select(func.count()).select_from(Conflict)) or 0,
        )


def batch_of(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {"office": "GM01", "desk": "M1", "events": events}


def first_registration(events: list[dict[str, Any]]) -> int:
    return next(i for i, e in enumerate(events) if e["kind"] == chain.REGISTRATION)


def reseal(item: dict[str, Any]) -> None:
    """Hashes that agree with a changed record row: only its shape is wrong."""
    row = item["record"]
    row["row_hash"] = chain.record_row_hash(row)
    payload = json.loads(item["payload"])
    payload["row_hash"] = row["row_hash"]
    item["payload"] = chain.canonical(payload)
    item["hash"] = chain.event_hash(item)


def refused(response: httpx.Response, path: str, words: str) -> None:
    """422 with a Turkish reason that names where the problem is."""
    assert response.status_code == 422, response.text
    answer = response.json()
    assert isinstance(answer["detail"], str)
    assert path in answer["detail"] and words in answer["detail"], answer["detail"]
    assert any(p["path"] == path for p in answer["problems"]), answer["problems"]


# -- 1. record rows of the wrong shape -------------------------------------------------------


def _without_record(item: dict[str, Any]) -> None:
    del item["record"]


def _record_null(item: dict[str, Any]) -> None:
    item["record"] = None


def _record_list(item: dict[str, Any]) -> None:
    item["record"] = list(item["record"].values())


def _record_without_id_number(item: dict[str, Any]) -> None:
    del item["record"]["id_number"]


def _record_id_number_not_text(item: dict[str, Any]) -> None:
    item["record"]["id_number"] = 12345678901
    reseal(item)


def _record_id_as_text(item: dict[str, Any]) -> None:
    item["record"]["id"] = str(item["record"]["id"])
    reseal(item)


def _record_number_too_long(item: dict[str, Any]) -> None:
    item["record"]["number"] = "N" * 61
    reseal(item)


def _record_extra_column(item: dict[str, Any]) -> None:
    item["record"]["amount"] = "9000.00"


def _payload_not_json(item: dict[str, Any]) -> None:
    item["payload"] = "{not json"
    item["hash"] = chain.event_hash(item)


def _payload_a_list(item: dict[str, Any]) -> None:
    item["payload"] = "[1, 2]"
    item["hash"] = chain.event_hash(item)


@pytest.mark.parametrize(
    ("change", "suffix", "words"),
    [
        (_without_record, ".record", "kaydını taşımalı"),
        (_record_null, ".record", "kaydını taşımalı"),
        (_record_list, ".record", "JSON nesnesi"),
        (_record_without_id_number, ".record.id_number", "eksik"),
        (_record_id_number_not_text, ".record.id_number", "metin olmalı"),
        (_record_id_as_text, ".record.id", "tam sayı olmalı"),
        (_record_number_too_long, ".record.number", "en fazla 60 karakter"),
        (_record_extra_column, ".record.amount", "beklenmeyen alan"),
        (_payload_not_json, ".payload", "okunamıyor"),
        (_payload_a_list, ".payload", "okunamıyor"),
    ],
)
def test_a_registration_of_the_wrong_shape_is_refused_with_its_path(
    desk: Desk,
    central: CentralServer,
    token: str,
    change: Callable[[dict[str, Any]], None],
    suffix: str,
    words: str,
) -> None:
    fill(desk, 2)
    events = desk.sync_batch(0, 500, 4_000_000)
    index = first_registration(events)
    change(events[index])
    refused(post(central, token, batch_of(events)), f"events[{index}]{suffix}", words)
    assert held(central) == (0, 0, 0)
    # The desk's own upload of the same chain goes through untouched.
    assert sync(desk, central.url, token).complete
    centre_holds_exactly(central, desk)


def test_content_the_centre_cannot_read_quarantines_the_record_never_500(
    desk: Desk,
    central: CentralServer,
    token: str,
) -> None:
    """Content is the record's own business: whatever it holds (here an amount that is a
    number, not text), the record is kept as rejected with the reason's path, and the chain
    goes on — a refusal would block every later record of the desk."""
    fill(desk, 1)
    events = desk.sync_batch(0, 500, 4_000_000)
    index = first_registration(events)
    content = json.loads(events[index]["record"]["content"])
    content["cash"][0]["amount"] = 9000
    events[index]["record"]["content"] = chain.canonical(content)
    reseal(events[index])
    response = post(central, token, batch_of(events))
    assert response.status_code == 200, response.text
    [result] = [r for r in response.json()["results"] if r.get("record_uuid")]
    assert result["status"] == result["record_status"] == "rejected"
    assert "cash[0].amount" in result["reason"]


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b'"GM01"',
        b"12",
        b"null",
        b"",
        b'{"office": "GM01", "desk": "M1", "events": {}}',
        b'{"office": "GM01", "desk": "M1", "events": []}',
        b'{"office": "GM01", "desk": "M1", "events": [[]]}',
        b'{"office": "GM01", "desk": "M1", "events": [null]}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"office": "GM01", "desk": "\xff"}',
        b'{"office": "GM01", "desk": "M1", "events": [{"seq": 1e400}]}',
    ],
    ids=lambda body: repr(body[:40]),
)
def test_a_body_that_is_no_batch_is_refused_never_500(
    central: CentralServer,
    token: str,
    body: bytes,
) -> None:
    response = post(central, token, body)
    assert response.status_code == 422, response.text
    assert isinstance(response.json()["detail"], str) and response.json()["problems"]
    assert held(central) == (0, 0, 0)


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("seq", 2**70, "en fazla"),
        ("seq", True, "tam sayı olmalı"),
        ("record_id", 2**40, "en fazla"),
        ("actor", "a\x00b", "NUL"),
        ("at", "2025-01-01\ud800", "Unicode"),
        ("payload", 12, "metin olmalı"),
    ],
)
def test_values_neither_database_can_hold_are_refused(
    desk: Desk,
    central: CentralServer,
    token: str,
    field: str,
    value: Any,
    words: str,
) -> None:
    fill(desk, 1)
    events = desk.sync_batch(0, 500, 4_000_000)
    events[0][field] = value
    with contextlib.suppress(UnicodeEncodeError):  # a lone surrogate has no UTF-8 to hash
        events[0]["hash"] = chain.event_hash(events[0])  # only the value is wrong
    # json.dumps writes the lone surrogate as an escape: valid JSON, text no database takes.
    refused(post(central, token, batch_of(events)), f"events[0].{field}", words)
    assert held(central) == (0, 0, 0)


def test_a_record_the_centre_holds_under_a_new_link_is_a_conflict(
    desk: Desk,
    central: CentralServer,
    token: str,
) -> None:
    """The same record (uuid, number) registered a second time, every hash in order: the
    centre keeps one copy and says why (409) rather than failing on its unique index."""
    [made] = fill(desk, 1)
    sync(desk, central.url, token)
    with desk.db.transaction() as s:
        record = registry.get_record(s, made.number)
        assert record is not None
        chain.append_event(
            s,
            chain.REGISTRATION,
            {"number": record.number, "uuid": record.uuid, "row_hash": record.row_hash},
            actor=OFFICER,
            record_id=record.id,
        )
    before = held(central)
    last = desk.sync_head()[0]
    response = post(central, token, batch_of(desk.sync_batch(last - 1, 500, 4_000_000)))
    assert response.status_code == 409, response.text
    assert held(central) == (before[0], before[1], before[2] + 1)


# -- 2. a known link replayed with other content ------------------------------------------------


def _other_record(item: dict[str, Any]) -> None:
    content = json.loads(item["record"]["content"])
    content["person"]["last_name"] = "BAŞKA"
    item["record"]["content"] = chain.canonical(content)


def _other_payload(item: dict[str, Any]) -> None:
    payload = json.loads(item["payload"])
    payload["number"] = payload["number"] + "X"
    item["payload"] = chain.canonical(payload)


def _other_time(item: dict[str, Any]) -> None:
    item["at"] = "2020-01-01T00:00:00+03:00"


@pytest.mark.parametrize(
    ("change", "field"),
    [(_other_record, "record"), (_other_payload, "payload"), (_other_time, "at")],
)
def test_a_replay_with_the_same_hash_and_other_content_is_a_conflict(
    desk: Desk,
    central: CentralServer,
    token: str,
    caplog: pytest.LogCaptureFixture,
    change: Callable[[dict[str, Any]], None],
    field: str,
) -> None:
    made = fill(desk, 2)
    sync(desk, central.url, token)
    before = held(central)
    events = desk.sync_batch(0, 500, 4_000_000)
    index = first_registration(events)
    change(events[index])  # the hash stays the one the centre holds
    with caplog.at_level(logging.WARNING, logger="gumruk_desk.central"):
        response = post(central, token, batch_of(events))
    assert response.status_code == 409, response.text
    assert field in response.json()["detail"] and response.json()["uuid"] == events[index]["uuid"]
    assert held(central) == (before[0], before[1], before[2] + 1)
    centre_holds_exactly(central, desk)
    [logged] = [r for r in caplog.records if r.name == "gumruk_desk.central"]
    assert logged.levelno == logging.WARNING
    text = logged.getMessage()
    assert "GM01-M1" in text and f"seq={events[index]['seq']}" in text and field in text
    for record in made:  # never the persons' data
        person = record.person
        for value in (person.last_name, person.first_name, person.id_number, "BAŞKA"):
            assert value not in text
    # The faithful replay is still "already present".
    again = post(central, token, batch_of(desk.sync_batch(0, 500, 4_000_000)))
    assert again.status_code == 200
    assert {r["status"] for r in again.json()["results"]} == {"already_present"}


# -- 3. bodies over the limit, however they come -------------------------------------------------


def test_an_oversized_chunked_body_is_refused_413(
    central: CentralServer,
    token: str,
) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"office":"GM01","desk":"M1","events":['
        for _ in range(BIG // 65536):
            yield b" " * 65536
        yield b"]}"

    response = post(central, token, chunks())
    assert response.request.headers.get("transfer-encoding") == "chunked"
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert "çok büyük" in response.json()["detail"]
    assert held(central) == (0, 0, 0)


def test_a_chunked_body_under_the_limit_is_read_whole(
    desk: Desk,
    central: CentralServer,
    token: str,
) -> None:
    fill(desk, 3)
    text = json.dumps(batch_of(desk.sync_batch(0, 500, 4_000_000))).encode()

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(text), 1000):
            yield text[start : start + 1000]

    response = post(central, token, chunks())
    assert response.request.headers.get("transfer-encoding") == "chunked"
    assert response.status_code == 200, response.text
    assert held(central)[1] == 3


# -- 4. a key written twice ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "repeat"),
    [
        ("desk", lambda text: text.replace('"desk": "M1"', '"desk": "M2", "desk": "M1"', 1)),
        ("payload", lambda text: text.replace('"payload": ', '"payload": "{}", "payload": ', 1)),
        (
            "id_number",
            lambda text: text.replace('"id_number": ', '"id_number": "X", "id_number": ', 1),
        ),
    ],
)
def test_a_key_written_twice_is_refused(
    desk: Desk,
    central: CentralServer,
    token: str,
    key: str,
    repeat: Callable[[str], str],
) -> None:
    fill(desk, 1)
    text = json.dumps(batch_of(desk.sync_batch(0, 500, 4_000_000)))
    twice = repeat(text)
    assert twice != text and json.loads(twice) == json.loads(text)  # the last one wins there
    response = post(central, token, twice.encode())
    assert response.status_code == 422, response.text
    assert f"'{key}' anahtarı iki kez yazılmış" in response.json()["detail"]
    assert held(central) == (0, 0, 0)


# -- 5. what the events mean ----------------------------------------------------------------------


def _append(desk: Desk, kind: str, payload: dict[str, Any], **kwargs: Any) -> int:
    """An event the desk's own checks would never have written, with valid hashes."""
    with desk.db.transaction() as s:
        return chain.append_event(s, kind, payload, **kwargs).seq


def _record_id(desk: Desk, number: str) -> int:
    with desk.db.reading() as s:
        record = registry.get_record(s, number)
        assert record is not None
        return record.id


def _cancellation(desk: Desk, number: str, requester: str, approver: str) -> int:
    record_id = _record_id(desk, number)
    request = _append(
        desk,
        "cancellation_requested",
        {"number": number, "reason": "Mükerrer", "copies_collected": 1},
        actor=requester,
        record_id=record_id,
    )
    return _append(
        desk,
        "cancellation_approved",
        {
            "number": number,
            "reason": "Mükerrer",
            "requested_by": requester,
            "request_seq": request,
            "copies_collected": 1,
        },
        actor=approver,
        record_id=record_id,
    )


def _page_approval(desk: Desk, page: int, approver: str) -> int:
    """The year's first open page, approved as page ``page``."""
    year = datetime.date.today().year
    with desk.db.reading() as s:
        target = next(p for p in ledger.pages(s, year) if p.approval is None)
    lines = target.lines
    return _append(
        desk,
        ledger.LEDGER_PAGE_APPROVED,
        {
            "year": year,
            "page": page,
            "total_pages": max(page, target.total_pages),
            "first_seq": lines[0]["seq"],
            "last_seq": lines[-1]["seq"],
            "lines": lines,
            "sha256": ledger.page_digest(year, page, lines),
            "approved_by_name": "Zeynep Kaya",
        },
        actor=approver,
        at=datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
    )


def _approve(desk: Desk, page: int) -> None:
    desk.approve_ledger_page(page, approver_sicil=SUPERVISOR, approver_password=SUPERVISOR_PW)


def _cancel(desk: Desk, number: str) -> None:
    desk.cancel(
        number,
        reason="Mükerrer kayıt",
        officer_sicil=OFFICER,
        officer_password=OFFICER_PW,
        approver_sicil=SUPERVISOR,
        approver_password=SUPERVISOR_PW,
    )


def test_real_cancellations_and_ledger_approvals_go_through(
    desk: Desk,
    central: CentralServer,
    token: str,
) -> None:
    """In batches of three events: the officers the approvals need came in earlier batches,
    and the centre finds them in what it holds."""
    made = fill(desk, 3)
    _cancel(desk, made[0].number)
    _approve(desk, 1)
    assert sync(desk, central.url, token, batch_events=3).complete
    fill(desk, 1)
    _cancel(desk, made[1].number)
    _approve(desk, 2)
    result = sync(desk, central.url, token, batch_events=3)
    assert result.complete and result.uploaded == 1
    centre_holds_exactly(central, desk)


def _by_a_non_supervisor(desk: Desk, numbers: list[str]) -> tuple[int, str]:
    return _cancellation(desk, numbers[0], OFFICER, WITNESS), "amir değil"


def _by_its_requester(desk: Desk, numbers: list[str]) -> tuple[int, str]:
    return _cancellation(desk, numbers[0], SUPERVISOR, SUPERVISOR), "kendi isteğini onaylayamaz"


def _by_an_unknown_officer(desk: Desk, numbers: list[str]) -> tuple[int, str]:
    return _cancellation(desk, numbers[0], OFFICER, "77777"), "zincirinde yok"


def _twice(desk: Desk, numbers: list[str]) -> tuple[int, str]:
    _cancel(desk, numbers[0])
    return _cancellation(desk, numbers[0], OFFICER, SUPERVISOR), "zaten iptal edilmiş"


def _without_its_request(desk: Desk, numbers: list[str]) -> tuple[int, str]:
    record_id = _record_id(desk, numbers[0])
    seq = _append(
        desk,
        "cancellation_approved",
        {"number": numbers[0], "reason": "x", "requested_by": OFFICER, "request_seq": 1},
        actor=SUPERVISOR,
        record_id=record_id,
    )
    return seq, "iptal isteğine dayanmıyor"


def _page_two_first(desk: Desk, numbers: list[str]) -> tuple[int, str]:
    return _page_approval(desk, 2, SUPERVISOR), "sırayla onaylanır"


def _page_one_again(desk: Desk, numbers: list[str]) -> tuple[int, str]:
    _approve(desk, 1)
    fill(desk, 1)  # lines for the next page
    return _page_approval(desk, 1, SUPERVISOR), "sırayla onaylanır"


def _page_by_a_non_supervisor(desk: Desk, numbers: list[str]) -> tuple[int, str]:
    return _page_approval(desk, 1, OFFICER), "amir değil"


def _officer_made_supervisor(desk: Desk, numbers: list[str]) -> tuple[int, str]:
    seq = _append(
        desk,
        chain.OFFICER_ADDED,
        {"sicil": OFFICER, "name": "x", "title": "x", "role": "supervisor", "password_sha256": ""},
    )
    return seq, "zaten eklenmiş"


@pytest.mark.parametrize(
    "wrong",
    [
        _by_a_non_supervisor,
        _by_its_requester,
        _by_an_unknown_officer,
        _twice,
        _without_its_request,
        _page_two_first,
        _page_one_again,
        _page_by_a_non_supervisor,
        _officer_made_supervisor,
    ],
)
@pytest.mark.parametrize("uploaded_before", [False, True], ids=["one-batch", "after-upload"])
def test_events_the_desk_would_refuse_are_refused_with_their_reason(
    desk: Desk,
    central: CentralServer,
    token: str,
    wrong: Callable[[Desk, list[str]], tuple[int, str]],
    uploaded_before: bool,
) -> None:
    """Whether what the check needs (the officers, the request, the earlier pages) is in the
    same batch or held from earlier ones; the batch's good events are not kept either."""
    numbers = [r.number for r in fill(desk, 2)]
    if uploaded_before:
        sync(desk, central.url, token)
    before = held(central)
    start = desk.sync_head()[0] if uploaded_before else 0
    seq, words = wrong(desk, numbers)
    fill(desk, 1)  # a good record after it
    events = desk.sync_batch(start, 500, 4_000_000)
    index = next(i for i, e in enumerate(events) if e["seq"] == seq)
    response = post(central, token, batch_of(events))
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert f"events[{index}]" in detail and f"#{seq}" in detail and words in detail, detail
    assert held(central) == before
    # Nor through the desk's own upload.
    with pytest.raises(SyncError):
        sync(desk, central.url, token)
    assert held(central) == before


# -- the centre's own shape ------------------------------------------------------------------------


def test_the_centre_takes_exactly_the_desks_record_columns() -> None:
    """The row hash covers every column: a column the desk adds is refused by the centre
    (upgrade the centre first) and one it drops is missing — either way this fails first."""
    from gumruk_desk.central.app import RecordRowIn
    from gumruk_desk.register.models import Record

    assert set(RecordRowIn.model_fields) == {c.name for c in Record.__table__.columns}


def test_a_centre_created_before_the_event_index_gains_it(tmp_path: Path) -> None:
    from sqlalchemy import inspect, text

    from gumruk_desk.central.store import CentralStore

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    store = CentralStore(url)
    with store.engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_event_desk_kind_record"))
    store.close()
    store = CentralStore(url)
    try:
        names = {i["name"] for i in inspect(store.engine).get_indexes("event")}
        assert "ix_event_desk_kind_record" in names
    finally:
        store.close()
