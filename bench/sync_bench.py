"""Many desks syncing at once to one central service on PostgreSQL, all on loopback (run by
hand; prints figures, asserts nothing).

    GUMRUK_TEST_PG_URL=postgresql://user:pw@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/sync_bench.py [--desks 50] [--records 2000] [--workers 2]

Builds ``--desks`` desk registers with ``--records`` records each (in parallel processes),
starts ``gumruk-desk central serve --workers N`` on a fresh PostgreSQL database and a free
port in a subprocess, issues a token per desk, then syncs every desk at once with the real
``SyncClient`` (one thread each) and prints records per second, the batches, the retries
(503s with Retry-After included) and the slowest desk. ``bench/central_load.py`` is the
shift change at national scale; this is the desk's own client end to end.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from central_support import free_port, serve_command  # noqa: E402


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
    parser.add_argument("--workers", type=int, default=2, help="central serve --workers")
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
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            serve_command(db_url, port, "--workers", str(args.workers)), cwd=ROOT
        )
        try:
            wait_up(url)
            records, seconds, batches, retries, slowest = sync_all(
                url, tokens, [h for h, _i, _n in homes]
            )
        finally:
            server.terminate()
            server.wait(30)
        print(
            f"sync: {records:,} records from {args.desks} desks in {seconds:.1f} s = "
            f"{records / seconds:,.0f} records/s ({batches} batches, {retries} requests "
            f"retried, slowest desk {slowest:.1f} s; load average {os.getloadavg()[0]:.2f})"
        )
    finally:
        with psycopg.connect(args.pg, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 0


def sync_all(url: str, tokens: list[str], homes: list[str]) -> tuple[int, float, int, int, float]:
    """Every desk's sync at once: records, seconds, batches, retries, the slowest desk."""
    from gumruk_desk.services import Desk
    from gumruk_desk.sync import SyncClient

    results = [0] * len(homes)
    batches = [0] * len(homes)
    retries = [0] * len(homes)
    took = [0.0] * len(homes)

    def one(i: int) -> None:
        began = time.perf_counter()
        with Desk(homes[i]) as desk, SyncClient(url, tokens[i]) as client:
            result = client.run(desk)
            assert result.complete and result.central_count == result.local_count
            # A batch whose answer timed out is sent again and comes back "already present".
            results[i] = result.uploaded + result.already_present
            batches[i] = result.batches
            retries[i] = result.retries
        took[i] = time.perf_counter() - began

    begin = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(len(homes)) as pool:
        list(pool.map(one, range(len(homes))))
    seconds = time.perf_counter() - begin
    return sum(results), seconds, sum(batches), sum(retries), max(took)


if __name__ == "__main__":
    raise SystemExit(main())
