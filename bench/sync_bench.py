"""Many desks syncing at once to one central service on PostgreSQL, all on loopback (run by
hand; prints figures, asserts nothing).

    GUMRUK_TEST_PG_URL=postgresql://user:pw@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/sync_bench.py [--desks 50] [--records 2000]

Builds ``--desks`` desk registers with ``--records`` records each (in parallel processes),
starts ``gumruk-desk central serve`` on a fresh PostgreSQL database in a subprocess, issues a
token per desk, then

1. measures the service answering an empty authenticated POST (``/v1/ping``) from as many
   concurrent clients as there are desks, for a few seconds;
2. syncs every desk at once (one thread each) and measures records per second;

and prints both with their ratio. The clients are threads of one process (the GIL is shared
by the 50 clients, not by the service).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def build_desk(args: tuple[str, int, int]) -> str:
    """A desk register GMnn/M1 with ``records`` EK-1 records (run in a worker process)."""
    home, index, records = args
    from factories import ek1, tcmb_xml
    from gumruk_desk.services import Desk

    with Desk(home, create=True) as desk:
        desk.init_station(office_code=f"GM{index:02d}", office_name=f"Bench {index}", desk="M1")
        desk.add_officer(sicil="12345", name="Ayşe Yılmaz", title="Memur", password="parola-12345")
        desk.import_rates(tcmb_xml(datetime.date.today()))
        officer = desk.authenticate("12345", "parola-12345")
        for _ in range(records):
            desk.register(ek1(), officer=officer)
    return home


def wait_up(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/v1/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("the central service did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--desks", type=int, default=50)
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--ping-seconds", type=float, default=5.0)
    parser.add_argument("--pg", default=os.environ.get("GUMRUK_TEST_PG_URL"))
    args = parser.parse_args()
    if not args.pg:
        raise SystemExit("Give --pg postgresql://… (or GUMRUK_TEST_PG_URL): an admin database.")
    import psycopg

    name = f"gm_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(args.pg, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    db_url = f"{args.pg.rpartition('/')[0]}/{name}"
    tmp = tempfile.mkdtemp(prefix="gm-sync-bench-")
    try:
        started = time.perf_counter()
        homes = [(str(Path(tmp) / f"desk{i:02d}"), i, args.records) for i in range(args.desks)]
        with concurrent.futures.ProcessPoolExecutor(max(1, os.cpu_count() or 2)) as pool:
            list(pool.map(build_desk, homes))
        print(
            f"built {args.desks} desks × {args.records} records in "
            f"{time.perf_counter() - started:.0f} s"
        )

        from gumruk_desk.central.store import CentralStore

        store = CentralStore(db_url)
        tokens = [store.issue_token(f"GM{i:02d}", "M1") for i in range(args.desks)]
        store.close()
        port = 18765
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gumruk-desk"),
                "central",
                "serve",
                "--db",
                db_url,
                "--port",
                str(port),
            ],
            cwd=ROOT,
        )
        try:
            wait_up(url)
            pings = ping_rate(url, tokens, args.ping_seconds)
            records, seconds = sync_all(url, tokens, [h for h, _i, _n in homes])
        finally:
            server.terminate()
            server.wait(30)
        rate = records / seconds
        print(f"empty authenticated POST: {pings:,.0f} requests/s ({args.desks} clients)")
        print(
            f"sync: {records:,} records from {args.desks} desks in {seconds:.1f} s = "
            f"{rate:,.0f} records/s"
        )
        print(f"ratio: one record costs {pings / rate:.2f} empty POSTs of service time")
    finally:
        with psycopg.connect(args.pg, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 0


def ping_rate(url: str, tokens: list[str], seconds: float) -> float:
    stop = time.monotonic() + seconds
    counts = [0] * len(tokens)

    def client(i: int) -> None:
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {tokens[i]}"}) as c:
            while time.monotonic() < stop:
                c.post("/v1/ping").raise_for_status()
                counts[i] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(tokens))]
    begin = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / (time.perf_counter() - begin)


def sync_all(url: str, tokens: list[str], homes: list[str]) -> tuple[int, float]:
    from gumruk_desk.services import Desk
    from gumruk_desk.sync import SyncClient

    results = [0] * len(homes)
    retries = [0] * len(homes)

    def one(i: int) -> None:
        with Desk(homes[i]) as desk, SyncClient(url, tokens[i]) as client:
            result = client.run(desk)
            assert result.complete and result.central_count == result.local_count
            # A batch whose answer timed out is sent again and comes back "already present".
            results[i] = result.uploaded + result.already_present
            retries[i] = result.retries

    begin = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(len(homes)) as pool:
        list(pool.map(one, range(len(homes))))
    print(f"requests retried during the sync: {sum(retries)}")
    return sum(results), time.perf_counter() - begin


if __name__ == "__main__":
    raise SystemExit(main())
