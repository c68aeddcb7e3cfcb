"""Shift change at national scale, on loopback: many desks upload their chains to one central
service on one PostgreSQL at once (run by hand; prints figures, asserts nothing).

    GUMRUK_TEST_PG_URL=postgresql://user:pw@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/central_load.py [--desks 2000] [--records 300] \\
        [--window 300] [--workers 2] [--concurrency 200]

1. builds ``--templates`` real desk registers with ``--records`` records each (EK-1 and EK-2
   through ``Desk.register``, as a desk makes them; cached in ``--cache``);
2. derives every simulated desk's chain from one of them — its own office code, new UUIDs
   for every event and record, every row hash, payload and event hash computed again — so
   each chain is as valid as a desk's own and the centre checks all of it (links, hashes,
   row hashes, each record's content);
3. starts ``gumruk-desk central serve --workers N`` on a fresh database, issues a token per
   desk, and lets the desks arrive spread over ``--window`` seconds (0: all at once), at
   most ``--concurrency`` uploading at a time; each desk does what ``SyncClient.run`` does
   (ask where its chain stands, send batches of up to 500 events and 4 MB, ask again),
   honouring ``Retry-After`` on 503/429, halving its batch after a timeout, asking the
   centre's state after a 409;
4. checks at the end that the centre holds every desk's whole chain (last link and record
   count) and prints records/s, batch latency p50/p99, retries, and the CPU seconds of the
   service's processes, of PostgreSQL's and of this generator, each beside its target.

With a window the desks cannot arrive faster than ``desks × records / window``: records/s
then says whether the centre kept pace with the offered load; ``--window 0`` measures what
the centre can take.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from central_support import free_port, serve_command  # noqa: E402

TARGET_RATE = 2000.0  # records/s into one PostgreSQL on this machine
TEMPLATE_OFFICE = "GM01"  # what register_fixtures.setup_register names the station
CLK_TCK = os.sysconf("SC_CLK_TCK")


# -- real chains ---------------------------------------------------------------------------------


def build_template(job: tuple[str, int, int]) -> str:
    """A real register with ``records`` records, one in three an EK-2 (a worker process)."""
    home, records, seed = job
    random.seed(seed)
    from factories import ek1, ek2
    from gumruk_desk.services import Desk
    from register_fixtures import OFFICER, OFFICER_PW, WITNESS, WITNESS_PW, setup_register

    setup_register(Path(home))
    with Desk(home) as desk:
        officer = desk.authenticate(OFFICER, OFFICER_PW)
        witness = desk.authenticate(WITNESS, WITNESS_PW)
        for i in range(records):
            if i % 3 == 2:
                desk.register(ek2(declared=None, detected=[]), officer=officer, witness=witness)
            else:
                desk.register(ek1(), officer=officer)
    return home


def template_chains(cache: Path, templates: int, records: int) -> list[list[dict[str, Any]]]:
    """The chains of the template registers (built once per day and size)."""
    from gumruk_desk.services import Desk

    folder = cache / f"{datetime.date.today().isoformat()}-{records}"
    homes = [folder / f"desk{i}" for i in range(templates)]
    missing = [h for h in homes if not (h / "done").exists()]
    if missing:
        started = time.perf_counter()
        for home in missing:
            shutil.rmtree(home, ignore_errors=True)
        jobs = [(str(h), records, i) for i, h in enumerate(missing)]
        with concurrent.futures.ProcessPoolExecutor(min(len(jobs), os.cpu_count() or 2)) as pool:
            for built in pool.map(build_template, jobs):
                (Path(built) / "done").write_text("ok")
        print(
            f"built {len(missing)} template registers × {records} records in "
            f"{time.perf_counter() - started:.0f} s"
        )
    chains = []
    for home in homes:
        with Desk(home) as desk:
            chains.append(desk.sync_batch(0, 10**9, 10**12))
    return chains


def office_code(index: int) -> str:
    """Four characters like the template's, so that every number keeps its length."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    a, rest = divmod(index, 36 * 36)
    return "Q" + digits[a] + digits[rest // 36] + digits[rest % 36]


def derive(template: list[dict[str, Any]], code: str) -> list[dict[str, Any]]:
    """The template's chain as the desk ``code``/M1 would have written it: its office code in
    the station, the numbers, the rows and the contents; new UUIDs; every hash recomputed."""
    from gumruk_desk.register import chain

    quoted = f'"{TEMPLATE_OFFICE}'
    prev = chain.GENESIS
    events = []
    for source in template:
        item = dict(source)
        item["uuid"] = chain.new_uuid()
        if source["record"] is not None:
            row = {k: v for k, v in source["record"].items() if k != "row_hash"}
            row["uuid"] = chain.new_uuid()
            row["number"] = row["number"].replace(TEMPLATE_OFFICE, code, 1)
            row["office"] = code
            row["content"] = row["content"].replace(quoted, f'"{code}')  # office, number
            row["row_hash"] = chain.record_row_hash(row)
            payload = json.loads(source["payload"])
            payload.update(number=row["number"], row_hash=row["row_hash"], uuid=row["uuid"])
            item["payload"] = chain.canonical(payload)
            item["record"] = row
        elif source["kind"] == chain.STATION_INITIALISED:
            item["payload"] = source["payload"].replace(quoted, f'"{code}')
        item["prev_hash"] = prev
        item["hash"] = prev = chain.event_hash(item)
        events.append(item)
    return events


# -- one desk's upload, as SyncClient.run does it --------------------------------------------------


@dataclass
class Figures:
    latencies: list[float] = field(default_factory=list)  # seconds per answered batch
    desk_seconds: list[float] = field(default_factory=list)  # arrival to complete
    records: int = 0
    rejected: int = 0  # records the centre's validation quarantined (real records: none)
    batches: int = 0
    retries: dict[str, int] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    first: float = float("inf")
    last: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def retry(self, why: str) -> None:
        with self.lock:
            self.retries[why] = self.retries.get(why, 0) + 1


def upload(
    url: str,
    token: str,
    code: str,
    template: list[dict[str, Any]],
    arrival: float,
    figures: Figures,
    batch_events: int,
) -> None:
    from gumruk_desk import sync

    pause = arrival - time.monotonic()
    if pause > 0:
        time.sleep(pause)
    began = time.monotonic()
    with figures.lock:
        figures.first = min(figures.first, began)
    events = derive(template, code)
    registrations = sum(1 for e in events if e["record"] is not None)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    waited = 0.0
    attempt = 0

    def request(client: httpx.Client, method: str, path: str, body: bytes | None) -> Any:
        nonlocal waited, attempt
        response: httpx.Response | None
        while True:
            sent = time.monotonic()
            try:
                response = client.request(method, path, content=body)
            except httpx.TransportError as exc:
                why = type(exc).__name__
                asked = None
                response = None
            else:
                if response.status_code < 500 and response.status_code != 429:
                    if body is not None:
                        with figures.lock:
                            figures.latencies.append(time.monotonic() - sent)
                    attempt = 0
                    return response
                why = f"HTTP {response.status_code}"
                asked = sync.retry_after(response)
            figures.retry(why)
            if response is None and why.endswith("Timeout") and body is not None:
                return None  # the caller halves the batch
            delay = sync.Retry().delay(attempt) if asked is None else asked
            attempt += 1
            if waited + delay > sync.Retry().patience:
                raise RuntimeError(f"{code}: vazgeçti ({why})")
            time.sleep(delay)
            waited += delay

    with httpx.Client(base_url=url, headers=headers, timeout=sync.Retry().timeout) as client:
        state = request(client, "GET", "/v1/desks/me", None).json()
        cursor = int(state["last_seq"])
        conflicts = 0
        while cursor < len(events):
            batch: list[dict[str, Any]] = []
            size = 0
            for item in events[cursor : cursor + batch_events]:
                size += len(orjson.dumps(item))
                if batch and size > sync.MAX_BATCH_BYTES:
                    break
                batch.append(item)
            body = orjson.dumps({"office": code, "desk": "M1", "events": batch})
            response = request(client, "POST", "/v1/batches", body)
            if response is None:
                batch_events = max(sync.MIN_BATCH_EVENTS, batch_events // 2)
                continue
            if response.status_code == 409 and conflicts < 3:
                conflicts += 1
                figures.retry("HTTP 409")
                state = request(client, "GET", "/v1/desks/me", None).json()
                cursor = min(cursor, int(state["last_seq"]))
                continue
            if response.status_code != 200:
                raise RuntimeError(f"{code}: HTTP {response.status_code} {response.text[:300]}")
            conflicts = 0
            results = response.json()["results"]
            refused = sum(1 for r in results if r.get("record_status") == "rejected")
            with figures.lock:
                figures.batches += 1
                figures.rejected += refused
            cursor = int(batch[-1]["seq"])
        final = request(client, "GET", "/v1/desks/me", None).json()
    if (final["last_seq"], final["last_hash"], final["record_count"]) != (
        len(events),
        events[-1]["hash"],
        registrations,
    ):
        raise RuntimeError(f"{code}: merkez zinciri eksik tutuyor: {final}")
    done = time.monotonic()
    with figures.lock:
        figures.records += registrations
        figures.desk_seconds.append(done - arrival)
        figures.last = max(figures.last, done)


# -- CPU of the processes involved -----------------------------------------------------------------


def _stat(pid: int) -> tuple[int, str, float] | None:
    """(parent pid, command, CPU seconds) of a process from /proc (None once it is gone)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    comm = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    return int(fields[1]), comm, (int(fields[11]) + int(fields[12])) / CLK_TCK


def cpu_snapshot(server_pid: int, postgres_pids: set[int]) -> dict[str, dict[int, float]]:
    """CPU seconds of the service (the serve process and its workers) and of PostgreSQL (the
    postmaster and every process under it: backends, WAL writer, checkpointer)."""
    table: dict[int, tuple[int, str, float]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (found := _stat(int(entry))) is not None:
            table[int(entry)] = found
    service = {server_pid} | {p for p, (ppid, _c, _s) in table.items() if ppid == server_pid}
    grand = {p for p, (ppid, _c, _s) in table.items() if ppid in service}
    postmasters = {p for p, (_pp, comm, _s) in table.items() if comm == "postgres"} & (
        postgres_pids or {p for p, (pp, comm, _s) in table.items() if comm == "postgres"}
    )
    pg = {p for p, (ppid, _c, _s) in table.items() if ppid in postmasters} | postmasters
    return {
        "service": {p: table[p][2] for p in service | grand if p in table},
        "postgres": {p: table[p][2] for p in pg if p in table},
    }


def postmaster_pids() -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (stat := _stat(int(entry))) is not None:
            ppid, comm, _ = stat
            if comm == "postgres" and (_stat(ppid) or (0, "", 0))[1] != "postgres":
                found.add(int(entry))
    return found


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds spent between the snapshots (a process that started meanwhile counts all
    of its time; one that ended meanwhile is lost, which the pools make rare)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields) - idle) / CLK_TCK, sum(fields) / CLK_TCK


# -- the run --------------------------------------------------------------------------------------


def issue_tokens(db_url: str, codes: list[str]) -> list[str]:
    from gumruk_desk.central.store import CentralStore

    store = CentralStore(db_url)
    try:
        return store.issue_tokens([(code, "M1") for code in codes])
    finally:
        store.close()


def wait_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the central service exited")
        try:
            if httpx.get(f"{url}/v1/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise SystemExit("the central service did not start")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--desks", type=int, default=2000)
    parser.add_argument("--records", type=int, default=300, help="records per desk")
    parser.add_argument("--window", type=float, default=300.0, help="arrivals spread (s)")
    parser.add_argument("--concurrency", type=int, default=200, help="desks uploading at once")
    parser.add_argument("--workers", type=int, default=2, help="central serve --workers")
    parser.add_argument("--batch-events", type=int, default=500)
    parser.add_argument("--templates", type=int, default=3, help="real registers built")
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "gm-central-load"))
    parser.add_argument("--pg", default=os.environ.get("GUMRUK_TEST_PG_URL"))
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--serve-arg", action="append", default=[], help="more arguments for central serve"
    )
    args = parser.parse_args()
    if not args.pg:
        raise SystemExit("Give --pg postgresql://… (or GUMRUK_TEST_PG_URL): an admin database.")
    import psycopg

    chains = template_chains(Path(args.cache), args.templates, args.records)
    codes = [office_code(i) for i in range(args.desks)]
    name = f"gm_load_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(args.pg, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    db_url = f"{args.pg.rpartition('/')[0]}/{name}"
    server: subprocess.Popen[bytes] | None = None
    try:
        started = time.perf_counter()
        tokens = issue_tokens(db_url, codes)
        print(f"{args.desks} tokens issued in {time.perf_counter() - started:.1f} s")
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        command = serve_command(db_url, port, "--workers", str(args.workers), *args.serve_arg)
        server = subprocess.Popen(command, cwd=ROOT)
        wait_up(url, server)
        figures = Figures()
        pg_pids = postmaster_pids()
        before = cpu_snapshot(server.pid, pg_pids)
        own_before = os.times()
        busy_before = machine_busy()
        load_before = os.getloadavg()
        begin = time.monotonic() + 0.5
        spacing = args.window / args.desks
        offered = args.desks * args.records / args.window if args.window else float("inf")
        print(
            f"{args.desks} desks × {args.records} records, arriving over {args.window:.0f} s "
            f"(offered {offered:,.0f} records/s), at most {args.concurrency} at once, "
            f"{args.workers} service workers; load average {load_before[0]:.2f}"
        )
        with concurrent.futures.ThreadPoolExecutor(args.concurrency) as pool:
            futures = [
                pool.submit(
                    upload,
                    url,
                    tokens[i],
                    codes[i],
                    chains[i % len(chains)],
                    begin + i * spacing,
                    figures,
                    args.batch_events,
                )
                for i in range(args.desks)
            ]
            for future in concurrent.futures.as_completed(futures):
                try:
                    future.result()
                except Exception as exc:  # counted; the other desks go on
                    figures.failed.append(str(exc)[:300])
        after = cpu_snapshot(server.pid, pg_pids)
        own_after = os.times()
        busy_after = machine_busy()
        report(args, figures, before, after, own_before, own_after, busy_before, busy_after)
    finally:
        if server is not None:
            server.terminate()
            server.wait(60)
        if not args.keep:
            drop(args.pg, name)
        else:
            print(f"database kept: {db_url}")
    return 1 if figures.failed else 0


def drop(admin: str, name: str) -> None:
    """Drop the run's database; autovacuum, busy with the new rows, may hold it a moment
    (and a role without pg_signal_backend may not end it)."""
    import psycopg

    for _ in range(30):
        try:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except psycopg.errors.InsufficientPrivilege:
            time.sleep(2)
    print(f"database {name} could not be dropped yet: drop it by hand")


def report(
    args: argparse.Namespace,
    figures: Figures,
    before: dict[str, dict[int, float]],
    after: dict[str, dict[int, float]],
    own_before: os.times_result,
    own_after: os.times_result,
    busy_before: tuple[float, float],
    busy_after: tuple[float, float],
) -> None:
    seconds = figures.last - figures.first if figures.records else float("nan")
    rate = figures.records / seconds if figures.records else 0.0
    service = cpu_used(before["service"], after["service"])
    postgres = cpu_used(before["postgres"], after["postgres"])
    own = (own_after.user + own_after.system) - (own_before.user + own_before.system)
    busy = busy_after[0] - busy_before[0]
    total = busy_after[1] - busy_before[1]
    n = max(figures.records, 1)
    offered = args.desks * args.records / args.window if args.window else float("inf")
    # Arrivals spread over a window cap what can be measured at the rate they come in: the
    # centre then meets the target by keeping pace with them (within 1 %).
    wanted = min(TARGET_RATE, offered)
    mark = "✓" if rate >= 0.99 * wanted else "✗"
    paced = "" if offered == float("inf") else f", kept pace with {offered:,.0f} offered"
    print(
        f"records/s:          {rate:,.0f}   (target ≥ {TARGET_RATE:,.0f}{paced}) {mark}   "
        f"{figures.records:,} records in {seconds:.1f} s"
    )
    print(
        f"batch latency:      p50 {percentile(figures.latencies, 0.5) * 1000:,.0f} ms, "
        f"p99 {percentile(figures.latencies, 0.99) * 1000:,.0f} ms   (target p99 < 20,000 ms, "
        f"the desk's timeout)   {figures.batches} batches"
    )
    print(
        f"desk sync:          p50 {percentile(figures.desk_seconds, 0.5):.1f} s, "
        f"p99 {percentile(figures.desk_seconds, 0.99):.1f} s from arrival to complete"
    )
    retried = ", ".join(f"{why} × {count}" for why, count in sorted(figures.retries.items()))
    print(
        f"retries:            {sum(figures.retries.values())}   ({retried or 'none'}; a 503 "
        "with Retry-After is the centre shedding load, not a failure)"
    )
    budget = (os.cpu_count() or 2) / TARGET_RATE * 1000  # ms of CPU per record, all told
    print(f"service CPU:        {service:.1f} s = {service / n * 1000:.2f} ms per record")
    print(f"PostgreSQL CPU:     {postgres:.1f} s = {postgres / n * 1000:.2f} ms per record")
    print(
        f"service + database: {(service + postgres) / n * 1000:.2f} ms per record   (target ≤ "
        f"{budget:.2f} ms: {os.cpu_count()} cores at {TARGET_RATE:,.0f} records/s, the "
        "generator included)"
    )
    print(f"generator CPU:      {own:.1f} s = {own / n * 1000:.2f} ms per record")
    print(
        f"machine:            {busy:.1f} of {total:.1f} CPU s busy ({busy / total:.0%}); "
        f"load average now {os.getloadavg()[0]:.2f}"
    )
    print(
        f"desks complete:     {args.desks - len(figures.failed)} of {args.desks}, every chain "
        f"whole at the centre; records the centre's validation rejected: {figures.rejected}"
    )
    for failure in figures.failed[:5]:
        print(f"  failed: {failure}")


if __name__ == "__main__":
    raise SystemExit(main())
