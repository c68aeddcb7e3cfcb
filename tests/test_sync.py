"""Sync with the central system against the real reference service on loopback (issue #8):
HTTP through uvicorn, a fault-injecting proxy for the network, SQLite and PostgreSQL behind
the service. After every kind of failure the centre must hold exactly the desk's records
(same count, same hashes), none twice."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from central_support import (
    CentralServer,
    FaultProxy,
    central_backends,
    desk_token,
    running_centre,
)
from factories import ek1, ek2
from gumruk_desk import cli
from gumruk_desk.central.models import CentralEvent, CentralRecord, Conflict
from gumruk_desk.services import Desk, RegisteredRecord
from gumruk_desk.sync import Retry, SyncClient, SyncError, store_token
from register_fixtures import OFFICER, OFFICER_PW, WITNESS, WITNESS_PW

FAST = Retry(attempts=6, base=0.02, cap=0.2, timeout=5.0)


@pytest.fixture(params=central_backends())
def central(request: Any, tmp_path: Path) -> Iterator[CentralServer]:
    with running_centre(request.param, tmp_path) as centre:
        yield centre


@pytest.fixture
def token(central: CentralServer) -> str:
    return desk_token(central)


def fill(desk: Desk, n: int) -> list[RegisteredRecord]:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    witness = desk.authenticate(WITNESS, WITNESS_PW)
    made: list[RegisteredRecord] = []
    for i in range(n):
        if i % 3 == 2:
            data = ek2(declared=None, detected=[])
            made.append(desk.register(data, officer=officer, witness=witness))
        else:
            made.append(desk.register(ek1(), officer=officer))
    return made


def centre_holds_exactly(central: CentralServer, desk: Desk) -> None:
    """Same count, same hashes, none twice; and the chains agree to the last link."""
    assert central.store is not None
    with central.store.sessions() as s:
        rows = s.execute(select(CentralRecord.number, CentralRecord.row_hash)).all()
        events = s.scalar(select(func.count()).select_from(CentralEvent))
    local = {r.number: r.to_json() for r in desk.list_records()}
    assert len(rows) == len(local) == len({n for n, _ in rows})
    with desk.db.reading() as session:
        from gumruk_desk.register import registry

        for number, row_hash in rows:
            record = registry.get_record(session, number)
            assert record is not None and record.row_hash == row_hash
    head = desk.sync_head()
    assert events == head[0]


def sync(desk: Desk, url: str, token: str, **kwargs: Any) -> Any:
    with SyncClient(url, token, retry=kwargs.pop("retry", FAST), **kwargs) as client:
        return client.run(desk)


# -- the happy path and idempotency ----------------------------------------------------------


def test_sync_uploads_everything_once(desk: Desk, central: CentralServer, token: str) -> None:
    fill(desk, 12)
    result = sync(desk, central.url, token, batch_events=7)
    assert result.uploaded == 12 and result.pending == 0 and result.rejected == 0
    assert result.local_count == result.central_count == 12 and result.complete
    assert result.last_hash == desk.sync_head()[1]
    centre_holds_exactly(central, desk)
    # Every record now carries its acknowledgement and central reference.
    assert desk.status().pending_upload == 0
    again = sync(desk, central.url, token)
    assert again.uploaded == 0 and again.batches == 0 and again.central_count == 12
    # New work later goes up on its own.
    fill(desk, 2)
    assert sync(desk, central.url, token).uploaded == 2
    centre_holds_exactly(central, desk)
    assert desk.verify().ok


def test_an_acknowledged_seizure_leaves_the_list_awaiting_upload(
    desk: Desk, central: CentralServer, token: str
) -> None:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    witness = desk.authenticate(WITNESS, WITNESS_PW)
    seized = desk.register(
        ek2(declared=None, detected=[{"currency": "EUR", "amount": "9000.00"}]),
        officer=officer,
        witness=witness,
    )
    assert [s.number for s in desk.pending_seizures()] == [seized.number]
    assert desk.status().seizures_pending == 1
    sync(desk, central.url, token)
    assert desk.pending_seizures() == [] and desk.status().seizures_pending == 0


def test_the_centre_holds_every_amount_as_counted(
    desk: Desk, central: CentralServer, token: str
) -> None:
    """Three decimals, none, and a withdrawn currency: the centre accepts the record (its own
    validation agrees with the desk's) and holds each amount to the last digit."""
    from decimal import Decimal

    officer = desk.authenticate(OFFICER, OFFICER_PW)
    lines = [
        {"currency": "KWD", "amount": "100.500"},
        {"currency": "JPY", "amount": "250000"},
        {"currency": "BGN", "amount": "1000.00"},
    ]
    made = desk.register(
        ek1(cash=lines),
        officer=officer,
        manual_rates={"KWD": Decimal("104.4752"), "BGN": Decimal("17.9771")},
    )
    result = sync(desk, central.url, token)
    assert result.uploaded == 1 and result.rejected == 0
    assert central.store is not None
    with central.store.sessions() as s:
        row = s.execute(
            select(CentralRecord.row, CentralRecord.status).where(
                CentralRecord.number == made.number
            )
        ).one()
    assert row.status == "accepted"
    content = json.loads(json.loads(row.row)["content"])
    assert content["cash"] == lines == made.to_json()["cash"]


def test_a_duplicate_delivery_is_acknowledged_again(
    desk: Desk, central: CentralServer, token: str
) -> None:
    fill(desk, 3)
    batch = desk.sync_batch(0, 500, 4_000_000)
    body = {"office": "GM01", "desk": "M1", "events": batch}
    headers = {"Authorization": f"Bearer {token}"}
    first = httpx.post(f"{central.url}/v1/batches", json=body, headers=headers)
    second = httpx.post(f"{central.url}/v1/batches", json=body, headers=headers)
    assert first.status_code == second.status_code == 200
    assert {r["status"] for r in second.json()["results"]} == {"already_present"}
    refs = [r.get("central_ref") for r in first.json()["results"] if r.get("central_ref")]
    again = [r.get("central_ref") for r in second.json()["results"] if r.get("central_ref")]
    assert refs == again and len(refs) == 3
    assert second.json()["record_count"] == 3


def test_different_content_under_a_known_uuid_is_refused_and_logged(
    desk: Desk, central: CentralServer, token: str
) -> None:
    fill(desk, 2)
    sync(desk, central.url, token)
    batch = desk.sync_batch(0, 1, 4_000_000)
    batch[0]["hash"] = "f" * 64
    response = httpx.post(
        f"{central.url}/v1/batches",
        json={"office": "GM01", "desk": "M1", "events": batch},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 409
    assert central.store is not None
    with central.store.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Conflict)) == 1
    centre_holds_exactly(central, desk)


# -- networks that drop -----------------------------------------------------------------------


def test_centre_down_then_up(desk: Desk, central: CentralServer, token: str) -> None:
    fill(desk, 4)
    central.stop()
    with pytest.raises(SyncError, match="ulaşılamıyor"):
        sync(desk, central.url, token, retry=Retry(attempts=3, base=0.01, timeout=1.0))
    assert desk.sync_counts()["pending"] == 4  # nothing lost, nothing marked
    central.start()
    result = sync(desk, central.url, token)
    assert result.uploaded == 4 and result.complete
    centre_holds_exactly(central, desk)


def test_http_500s_are_retried(desk: Desk, central: CentralServer, token: str) -> None:
    fill(desk, 5)
    proxy = FaultProxy(central.port, ["500", "500", "pass", "500"])  # GET ×2, GET, POST
    try:
        result = sync(desk, proxy.url, token, batch_events=4)
    finally:
        proxy.close()
    assert result.complete and result.retries >= 3
    centre_holds_exactly(central, desk)


def test_timeouts_are_retried(desk: Desk, central: CentralServer, token: str) -> None:
    fill(desk, 3)
    proxy = FaultProxy(central.port, ["slow:1.5"])
    try:
        result = sync(desk, proxy.url, token, retry=Retry(attempts=5, base=0.01, timeout=0.5))
    finally:
        proxy.close()
    assert result.complete and result.retries >= 1
    centre_holds_exactly(central, desk)


def test_connections_cut_mid_batch(desk: Desk, central: CentralServer, token: str) -> None:
    fill(desk, 9)
    # The first GET passes; the next two batches reach the centre (and are stored) but their
    # answers are cut off, so the desk sends them again.
    proxy = FaultProxy(central.port, ["pass", "cut", "cut"])
    try:
        result = sync(desk, proxy.url, token, batch_events=5)
    finally:
        proxy.close()
    assert result.complete and result.retries >= 2
    assert result.local_count == result.central_count == 9
    centre_holds_exactly(central, desk)


def test_an_answer_lost_for_good_is_recovered_next_time(
    desk: Desk, central: CentralServer, token: str
) -> None:
    fill(desk, 4)
    proxy = FaultProxy(central.port, ["pass", "cut"])  # the batch is stored, never answered
    try:
        with pytest.raises(SyncError):
            sync(desk, proxy.url, token, retry=Retry(attempts=1, base=0.01))
    finally:
        proxy.close()
    assert desk.sync_counts()["pending"] == 4  # the desk never heard back
    result = sync(desk, central.url, token)
    assert result.complete and result.pending == 0
    assert result.uploaded == 0 and result.already_present == 4
    centre_holds_exactly(central, desk)


def test_service_restarted_mid_sync(desk: Desk, central: CentralServer, token: str) -> None:
    fill(desk, 10)
    calls = {"n": 0}

    def progress(done: int, total: int) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            central.restart()  # same port, same database

    with SyncClient(central.url, token, retry=FAST, batch_events=6) as client:
        result = client.run(desk, progress=progress)
    assert calls["n"] > 3 and result.complete
    centre_holds_exactly(central, desk)


def test_a_record_the_centre_rejects_is_quarantined(
    desk: Desk, central: CentralServer, token: str
) -> None:
    fill(desk, 2)
    bad = _register_unvalidated(desk)
    fill(desk, 1)
    result = sync(desk, central.url, token)
    assert result.rejected == 1 and result.pending == 0 and not result.complete
    assert result.uploaded == 4  # the helper registered one valid record as its template
    assert [q["number"] for q in result.quarantined] == [bad]
    assert "person.birth_place" in result.quarantined[0]["reason"]
    assert result.local_count == result.central_count == 5  # held, as rejected
    again = sync(desk, central.url, token)
    assert again.rejected == 1 and again.uploaded == 0


def _register_unvalidated(desk: Desk) -> str:
    """A record an older desk version registered without the person's birth place (today's
    validator, also the centre's, refuses it): written with valid hashes, as that version
    would have."""
    import datetime
    import uuid as uuidlib

    from gumruk_desk.register import chain, db, registry

    content = desk.register(ek1(), officer=desk.authenticate(OFFICER, OFFICER_PW)).to_json()
    del content["status"]
    del content["person"]["birth_place"]
    with desk.db.transaction() as s:
        cur = db.cursor(s)
        last_id, last_seq, *_head = cur.execute(
            registry._NEXT_SQL, ("B", "GM01", "M1", datetime.date.today().year)
        ).fetchone()
        number = registry.format_number("GM01", "M1", "B", datetime.date.today().year, last_seq + 1)
        content.update(number=number, uuid=str(uuidlib.uuid4()))
        row = {
            "id": last_id + 1,
            "uuid": content["uuid"],
            "number": number,
            "kind": "nakit_beyan",
            "series": "B",
            "office": "GM01",
            "desk": "M1",
            "year": datetime.date.today().year,
            "seq": last_seq + 1,
            "registered_at": content["registered_at"],
            "record_date": content["registered_at"][:10],
            "officer_sicil": OFFICER,
            "last_name_key": "muller",
            "id_number": content["person"]["id_number"],
            "outcome_code": "declared",
            "paper_number": None,
            "content": chain.canonical(content),
        }
        row["row_hash"] = chain.record_row_hash(row)
        cur.execute(registry._INSERT_RECORD_SQL, tuple(row[c] for c in registry._RECORD_COLUMNS))
        chain.append_event(
            s,
            chain.REGISTRATION,
            {"number": number, "uuid": row["uuid"], "row_hash": row["row_hash"]},
            actor=OFFICER,
            record_id=row["id"],
        )
    return number


# -- security ----------------------------------------------------------------------------------


def test_tls_is_verified_against_the_given_ca(desk: Desk, tmp_path: Path) -> None:
    import trustme

    ca = trustme.CA()
    server_pem, ca_pem = tmp_path / "server.pem", tmp_path / "ca.pem"
    ca.issue_cert("127.0.0.1").private_key_and_cert_chain_pem.write_to_path(str(server_pem))
    ca.cert_pem.write_to_path(str(ca_pem))
    server = CentralServer(f"sqlite:///{tmp_path / 'tls.sqlite3'}", tls_pem=str(server_pem))
    server.start()
    try:
        assert server.store is not None and server.url.startswith("https://")
        token = server.store.issue_token("GM01", "M1")
        fill(desk, 2)
        # A certificate the desk's CA file does not vouch for is refused …
        with pytest.raises(SyncError, match="ulaşılamıyor"):
            sync(desk, server.url, token, retry=Retry(attempts=2, base=0.01))
        assert desk.sync_counts()["pending"] == 2
        # … and accepted with the centre's CA.
        result = sync(desk, server.url, token, ca_file=str(ca_pem))
        assert result.complete and result.uploaded == 2
    finally:
        server.stop()


def test_no_token_or_a_wrong_one_stores_nothing(
    desk: Desk, central: CentralServer, token: str
) -> None:
    fill(desk, 1)
    body = {"office": "GM01", "desk": "M1", "events": desk.sync_batch(0, 500, 4_000_000)}
    url = f"{central.url}/v1/batches"
    assert httpx.post(url, json=body).status_code == 401
    assert httpx.post(url, json=body, headers={"Authorization": "Bearer gmt_x"}).status_code == 401
    assert httpx.post(url, json=body, headers={"Authorization": token}).status_code == 401
    with pytest.raises(SyncError, match="401"):
        sync(desk, central.url, "gmt_yanlis")
    assert central.store is not None
    with central.store.sessions() as s:
        assert s.scalar(select(func.count()).select_from(CentralEvent)) == 0


def test_a_desk_cannot_write_another_desks_records(
    desk: Desk, central: CentralServer, token: str
) -> None:
    assert central.store is not None
    other = central.store.issue_token("GM02", "M9")
    fill(desk, 1)
    body = {"office": "GM01", "desk": "M1", "events": desk.sync_batch(0, 500, 4_000_000)}
    response = httpx.post(
        f"{central.url}/v1/batches", json=body, headers={"Authorization": f"Bearer {other}"}
    )
    assert response.status_code == 403
    # Nor by claiming its own desk for another desk's records.
    body["office"], body["desk"] = "GM02", "M9"
    response = httpx.post(
        f"{central.url}/v1/batches", json=body, headers={"Authorization": f"Bearer {other}"}
    )
    assert response.status_code in (409, 422)
    with central.store.sessions() as s:
        assert s.scalar(select(func.count()).select_from(CentralRecord)) == 0


def test_oversized_or_malformed_batches_are_refused(
    desk: Desk, central: CentralServer, token: str
) -> None:
    fill(desk, 1)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    url = f"{central.url}/v1/batches"
    big = b'{"office":"GM01","desk":"M1","events":[' + b" " * (9 * 1024 * 1024) + b"]}"
    assert httpx.post(url, content=big, headers=headers).status_code == 413
    assert httpx.post(url, content=b"{not json", headers=headers).status_code == 422
    events = desk.sync_batch(0, 500, 4_000_000)
    events[0]["seq"] = -1
    response = httpx.post(
        url, json={"office": "GM01", "desk": "M1", "events": events}, headers=headers
    )
    assert response.status_code == 422
    extra = {"office": "GM01", "desk": "M1", "events": desk.sync_batch(0, 5, 4_000_000), "x": 1}
    assert httpx.post(url, json=extra, headers=headers).status_code == 422
    broken = desk.sync_batch(0, 500, 4_000_000)[1:]  # skips the first link
    response = httpx.post(
        url, json={"office": "GM01", "desk": "M1", "events": broken}, headers=headers
    )
    assert response.status_code == 409
    assert central.store is not None
    with central.store.sessions() as s:
        assert s.scalar(select(func.count()).select_from(CentralEvent)) == 0


# -- verification and reference data ------------------------------------------------------------


def test_verification_and_bulletins_from_the_centre(
    desk: Desk, central: CentralServer, token: str
) -> None:
    [record] = fill(desk, 1)
    sync(desk, central.url, token)
    headers = {"Authorization": f"Bearer {token}"}
    answer = httpx.get(
        f"{central.url}/v1/verify",
        params={"number": record.number, "document": record.person.id_number},
        headers=headers,
    ).json()
    assert answer["status"] == "genuine" and answer["cash"] == record.to_json()["cash"]
    wrong = httpx.get(
        f"{central.url}/v1/verify",
        params={"number": record.number, "document": "X"},
        headers=headers,
    ).json()
    assert wrong == {"status": "unknown", "number": record.number}
    import datetime

    from factories import tcmb_xml

    assert central.store is not None
    later = datetime.date.today() + datetime.timedelta(days=1)
    central.store.load_bulletin(tcmb_xml(later))
    text = (Path(__file__).parent / "data" / "ruleset-test-2025.json").read_text(encoding="utf-8")
    loaded_id = central.store.load_ruleset(text)
    with SyncClient(central.url, token, retry=FAST) as client:
        assert client.pull_bulletins(desk) == 1
        assert client.pull_bulletins(desk) == 0
        assert client.pull_rulesets(desk) == 1
        assert client.pull_rulesets(desk) == 0
    assert desk.latest_bulletin_date() == later
    assert loaded_id in {info.id for info in desk.rulesets()}


def test_the_centre_confirms_a_draft_rule_set_on_sync(
    desk: Desk, central: CentralServer, token: str
) -> None:
    """A draft the centre sends as in force applies on the desk after its next sync; the
    same draft sent as a mere file changes nothing."""
    import datetime

    assert central.store is not None
    root = Path(__file__).resolve().parents[1] / "resources" / "rulesets"
    draft = (root / "genelge-2024-1.json").read_text(encoding="utf-8")
    central.store.load_ruleset(draft)
    with SyncClient(central.url, token, retry=FAST) as client:
        assert client.pull_rulesets(desk) == 0  # the desk ships it; nothing is confirmed
    today = datetime.date.today()
    assert desk.ruleset_in_force(today).id == "2013/1"
    central.store.load_ruleset(draft, in_force=True)
    with SyncClient(central.url, token, retry=FAST) as client:
        assert client.pull_rulesets(desk) == 1
        assert client.pull_rulesets(desk) == 0
    assert desk.ruleset_in_force(today).id == "2024/1"
    info = next(i for i in desk.rulesets() if i.id == "2024/1")
    assert info.confirmed_by == "central" and info.origin == "shipped"
    assert desk.verify().ok
    # The centre itself refuses another file under an id it already serves: desks would
    # refuse it on every sync.
    from gumruk_desk.domain.rules import RuleSetError

    with pytest.raises(RuleSetError, match="başka bir kural seti"):
        central.store.load_ruleset(draft.replace("Nakit Kontrolleri", "Başka"), in_force=True)


# -- the command line -----------------------------------------------------------------------------


def test_cli_token_set_and_sync(
    desk: Desk,
    home: Path,
    central: CentralServer,
    token: str,
    capsys: Any,
    monkeypatch: Any,
    memory_keyring: Any,
) -> None:
    fill(desk, 3)
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{token}\n"))
    capsys.readouterr()
    assert cli.main(["--home", str(home), "token", "set", "--url", central.url]) == 0
    assert token not in capsys.readouterr().out
    assert token in memory_keyring.items.values()
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # the keyring is enough
    assert cli.main(["--home", str(home), "sync", "--url", central.url, "--no-pull"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {
        "uploaded": 3,
        "already_present": 0,
        "rejected": 0,
        "pending": 0,
        "local_count": 3,
        "central_count": 3,
    }
    # Without a keyring entry the token is the first line of standard input.
    memory_keyring.items.clear()
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{token}\n"))
    assert cli.main(["--home", str(home), "sync", "--url", central.url, "--no-pull"]) == 0
    assert json.loads(capsys.readouterr().out)["uploaded"] == 0


def test_cli_sync_exits_non_zero_while_records_are_pending(
    desk: Desk, home: Path, tmp_path: Path, capsys: Any, monkeypatch: Any
) -> None:
    fill(desk, 1)
    monkeypatch.setattr(sys, "stdin", io.StringIO("gmt_x\n"))
    with pytest.raises(SystemExit) as exit_:
        cli.main(
            ["--home", str(home), "sync", "--url", "http://127.0.0.1:9", "--no-pull", "--wait", "3"]
        )
    assert exit_.value.code == 1
    assert "ulaşılamıyor" in capsys.readouterr().err


def test_token_storage_refuses_no_keyring(desk: Desk, monkeypatch: Any) -> None:
    import keyring
    from keyring.backends.fail import Keyring as FailKeyring

    from gumruk_desk.sync import TokenError, stored_token

    keyring.set_keyring(FailKeyring())
    with pytest.raises(TokenError, match="anahtarlığı kullanılamıyor"):
        store_token(desk, "http://merkez", "gmt_abc")
    assert stored_token(desk, "http://merkez") is None


def test_the_committed_openapi_file_matches_the_service(tmp_path: Path) -> None:
    from gumruk_desk.central.app import create_app
    from gumruk_desk.central.store import CentralStore

    store = CentralStore(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    try:
        generated = create_app(store).openapi()
    finally:
        store.close()
    committed = json.loads(
        (Path(__file__).resolve().parents[1] / "docs" / "central-openapi.json").read_text(
            encoding="utf-8"
        )
    )
    assert committed == json.loads(json.dumps(generated))


def test_ci_runs_the_central_tests_on_postgresql() -> None:
    """.ci/run starts PostgreSQL; without it the central tests would silently run on SQLite
    only."""
    import os

    if os.environ.get("CI") == "true":
        assert os.environ.get("GUMRUK_TEST_PG_URL"), "CI must run the central tests on PostgreSQL"
        assert "postgresql" in central_backends()


def test_plain_http_only_to_this_machine_or_a_private_network(desk: Desk) -> None:
    from gumruk_desk.services import StationError
    from gumruk_desk.sync import plain_http_allowed

    assert plain_http_allowed("http://127.0.0.1:8765") and plain_http_allowed("http://10.1.2.3")
    assert plain_http_allowed("http://localhost:8765")
    assert not plain_http_allowed("http://merkez.gov.tr") and not plain_http_allowed(
        "http://8.8.8.8"
    )
    with pytest.raises(SyncError, match="https"):
        SyncClient("http://merkez.gov.tr", "gmt_x")
    supervisor = desk.authenticate("90001", "amir-parola-1")
    with pytest.raises(StationError, match="https"):
        desk.set_central_url("http://merkez.gov.tr", supervisor)
    desk.set_central_url("https://merkez.gov.tr", supervisor)
    assert desk.central_url() == "https://merkez.gov.tr"
