"""The centre as it runs at scale: several service processes on one database (behind a load
balancer, or ``central serve --workers N``), and a centre that says it is busy. Real uvicorn
processes started with ``gumruk-desk central serve``, HTTP on loopback, on SQLite and on
PostgreSQL when ``GUMRUK_TEST_PG_URL`` names one."""

from __future__ import annotations

import contextlib
import itertools
import subprocess
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from central_support import (
    FaultProxy,
    central_backends,
    central_database,
    free_port,
    serve_command,
)
from gumruk_desk.central.store import CentralStore
from gumruk_desk.register import chain
from gumruk_desk.services import Desk
from gumruk_desk.sync import Retry, SyncClient
from test_sync import fill

ROOT = Path(__file__).resolve().parents[1]
FAST = Retry(attempts=12, base=0.02, cap=0.2, timeout=20.0)


@pytest.fixture(params=central_backends())
def database(request: Any, tmp_path: Path) -> Iterator[str]:
    with central_database(request.param, tmp_path) as url:
        CentralStore(url).close()  # the tables, before two services race to create them
        yield url


@contextlib.contextmanager
def service(db_url: str, *extra: str) -> Iterator[str]:
    """``gumruk-desk central serve`` in a process of its own; its URL."""
    port = free_port()
    command = serve_command(db_url, port, *extra)
    # A file, not a pipe: a pipe nobody reads would stall a talkative service.
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    output.seek(0)
                    raise AssertionError(f"the service exited: {output.read().decode()}")
                try:
                    if httpx.get(f"{url}/v1/health", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise AssertionError("the service did not start")
                time.sleep(0.05)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class Alternating(FaultProxy):
    """A round-robin load balancer: each connection (one request each) goes to the next of
    ``ports`` in turn."""

    def __init__(self, ports: list[int]) -> None:
        self.ports = ports
        self._turn = itertools.count()
        self.sent: Counter[int] = Counter()
        super().__init__(ports[0])

    @property
    def target_port(self) -> int:
        port = self.ports[next(self._turn) % len(self.ports)]
        self.sent[port] += 1
        return port

    @target_port.setter
    def target_port(self, _value: int) -> None:
        pass


def centre_chain_is_whole(db_url: str, desk: Desk) -> None:
    """The centre holds the desk's chain link by link — no gap, nothing twice, every hash
    recomputed and linked — and exactly its records."""
    store = CentralStore(db_url)
    try:
        with store.engine.connect() as conn:
            events = conn.execute(
                text(
                    "SELECT seq, uuid, kind, at, actor, record_id, payload, prev_hash, hash "
                    "FROM event ORDER BY seq"
                )
            ).mappings()
            prev = chain.GENESIS
            seqs = []
            for event in events:
                assert event["prev_hash"] == prev, f"#{event['seq']} is not linked"
                assert chain.event_hash(event) == event["hash"], f"#{event['seq']} changed"
                prev = event["hash"]
                seqs.append(event["seq"])
            records = conn.execute(text("SELECT number, row_hash FROM record")).all()
            desks = conn.execute(text("SELECT last_seq, last_hash, record_count FROM desk")).all()
    finally:
        store.close()
    head = desk.sync_head()
    assert seqs == list(range(1, head[0] + 1)), "a gap or a duplicate in the centre's chain"
    local = {r.number: r.to_json() for r in desk.list_records()}
    assert len(records) == len({n for n, _ in records}) == len(local)
    with desk.db.reading() as session:
        from gumruk_desk.register import registry

        for number, row_hash in records:
            record = registry.get_record(session, number)
            assert record is not None and record.row_hash == row_hash
    assert desks == [(head[0], head[1], len(local))]


def test_two_instances_on_one_database_take_one_desks_batches_in_turn(
    desk: Desk, database: str
) -> None:
    store = CentralStore(database)
    token = store.issue_token("GM01", "M1")
    store.close()
    fill(desk, 14)
    with service(database) as first, service(database) as second:
        ports = [int(first.rsplit(":", 1)[1]), int(second.rsplit(":", 1)[1])]
        balancer = Alternating(ports)
        try:
            result = sync(desk, balancer.url, token, batch_events=3)
            assert result.complete and result.uploaded == 14
            # Both instances took batches of the one desk.
            assert balancer.sent[ports[0]] >= 3 and balancer.sent[ports[1]] >= 3
            centre_chain_is_whole(database, desk)
            # A batch whose answer was lost goes again — to the other instance, as it
            # happens: the same links, "already present", nothing twice.
            fill(desk, 4)
            head = desk.sync_head()[0]
            first_new = head - 3  # the four new registrations are the last four links
            batch = {
                "office": "GM01",
                "desk": "M1",
                "events": desk.sync_batch(first_new - 1, 4, 4_000_000),
            }
            headers = {"Authorization": f"Bearer {token}"}
            answers = [
                httpx.post(f"{url}/v1/batches", json=batch, headers=headers, timeout=30)
                for url in (first, second)
            ]
            assert [a.status_code for a in answers] == [200, 200]
            assert {r["status"] for r in answers[0].json()["results"]} == {"stored"}
            assert {r["status"] for r in answers[1].json()["results"]} == {"already_present"}
            again = sync(desk, balancer.url, token)
            assert again.complete and again.uploaded == 0 and again.already_present == 4
            centre_chain_is_whole(database, desk)
        finally:
            balancer.close()


def test_the_same_batch_at_both_instances_at_once_is_stored_once(desk: Desk, database: str) -> None:
    store = CentralStore(database)
    token = store.issue_token("GM01", "M1")
    store.close()
    fill(desk, 6)
    batch = {"office": "GM01", "desk": "M1", "events": desk.sync_batch(0, 500, 4_000_000)}
    headers = {"Authorization": f"Bearer {token}"}
    with service(database) as first, service(database) as second:
        start = threading.Barrier(2)
        answers: dict[str, httpx.Response] = {}

        def post(url: str) -> None:
            start.wait()
            answers[url] = httpx.post(f"{url}/v1/batches", json=batch, headers=headers, timeout=60)

        threads = [threading.Thread(target=post, args=(url,)) for url in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        codes = sorted(a.status_code for a in answers.values())
        # One stores it; the other finds it stored, or (on SQLite, whose writers do not wait
        # for one another's snapshot) is told the centre moved meanwhile or is busy.
        assert 200 in codes and set(codes) <= {200, 409, 503}, codes
        result = sync(desk, first, token)
        assert result.complete and result.local_count == result.central_count == 6
    centre_chain_is_whole(database, desk)


def test_a_busy_centre_answers_503_and_the_desk_completes_afterwards(
    desk: Desk, database: str
) -> None:
    store = CentralStore(database)
    token = store.issue_token("GM01", "M1")
    other = store.issue_token("GM02", "M1")
    store.close()
    fill(desk, 5)
    held = Lock(database)
    # One upload at a time, and no waiting for a place: the second is told to come back.
    with service(database, "--max-batches", "1", "--queue-wait", "0") as url:
        # Another desk's upload holds the only place: its transaction waits on the lock the
        # test holds on the centre's database.
        held.take()
        blocked = threading.Thread(target=_upload_other_desk, args=(url, other, desk))
        blocked.start()
        try:
            deadline = time.monotonic() + 60
            while _probe(url) != 503:
                assert time.monotonic() < deadline, "the other upload never took the place"
                # Each probe holds the place for a moment too: seldom, so the upload that
                # retries at once gets it between two probes even on a loaded machine.
                time.sleep(0.25)
            waits: list[float] = []

            def sleep(seconds: float) -> None:
                waits.append(seconds)
                held.release()  # the other upload goes on and gives the place back
                time.sleep(seconds)

            retry = Retry(attempts=20, base=0.05, cap=0.5, timeout=20.0, sleep=sleep)
            with SyncClient(url, token, retry=retry) as client:
                result = client.run(desk)
        finally:
            held.release()
            blocked.join(60)
    assert result.complete and result.uploaded == 5 and result.retries >= 1
    # The wait was the one the centre asked for (whole seconds, Retry-After: 2 to 4).
    assert waits and waits[0] in (2.0, 3.0, 4.0), waits
    assert result.local_count == result.central_count == 5


def _upload_other_desk(url: str, token: str, desk: Desk) -> httpx.Response:
    """One batch of the desk's chain, as desk GM02/M1 (the rows name their own office)."""
    events = desk.sync_batch(0, 1, 4_000_000)  # the station's first link: no record row
    events[0] = dict(events[0], payload=events[0]["payload"].replace('"GM01"', '"GM02"'))
    events[0]["hash"] = chain.event_hash(events[0])
    body = {"office": "GM02", "desk": "M1", "events": events}
    while True:  # a probe that took the place first sends this one away: again
        answer = httpx.post(
            f"{url}/v1/batches", json=body, headers={"Authorization": f"Bearer {token}"}, timeout=60
        )
        if answer.status_code != 503:
            return answer
        time.sleep(0.005)


def _probe(url: str) -> int:
    """The status of an upload with no valid token: 401 when a place is free, 503 when not."""
    answer = httpx.post(
        f"{url}/v1/batches",
        content=b"{}",
        headers={"Authorization": "Bearer gmt_probe", "Content-Type": "application/json"},
        timeout=30,
    )
    return answer.status_code


class Lock:
    """A lock on the centre's database that an upload's transaction waits for: the desk
    desks' rows locked (``FOR UPDATE``) on PostgreSQL, the write lock on SQLite."""

    def __init__(self, db_url: str) -> None:
        self.store = CentralStore(db_url)
        self.conn: Any = None

    def take(self) -> None:
        self.conn = self.store.engine.raw_connection()
        cur = self.conn.cursor()
        if self.store.sqlite:
            self.conn.isolation_level = None
            cur.execute("BEGIN IMMEDIATE")
        else:
            cur.execute("SELECT id FROM desk FOR UPDATE")

    def release(self) -> None:
        if self.conn is not None:
            if self.store.sqlite:
                self.conn.cursor().execute("ROLLBACK")
            else:
                self.conn.rollback()
            self.conn.close()
            self.conn = None
            self.store.close()


def sync(desk: Desk, url: str, token: str, **kwargs: Any) -> Any:
    with SyncClient(url, token, retry=kwargs.pop("retry", FAST), **kwargs) as client:
        return client.run(desk)


def test_the_cli_serves_several_workers(database: str) -> None:
    """``--workers 2``: two processes answer on one port, each with its own connections."""
    store = CentralStore(database)
    token = store.issue_token("GM01", "M1")
    store.close()
    with service(database, "--workers", "2") as url:
        headers = {"Authorization": f"Bearer {token}"}
        for _ in range(10):
            answer = httpx.get(f"{url}/v1/desks/me", headers=headers, timeout=30)
            assert answer.status_code == 200 and answer.json()["last_seq"] == 0
