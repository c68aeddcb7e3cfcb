"""Register benchmark (run by hand; prints figures, asserts nothing).

    .venv/bin/python bench/register_bench.py [--records 10000] [--search-size 1000000]
        [--paced 300] [--paced-gap-ms 100]

1. Registration: median latency of ``Desk.register`` for EK-2 records, as a ratio to a raw
   sqlite3 INSERT + COMMIT with the same pragmas (WAL, synchronous=FULL) and a row of the
   same size, measured in the same run on the same disk. Target ≤ 3×. Three ways, each with
   the two kinds of write interleaved so that drift of the machine over the run (a shared
   disk, a shared CPU) falls on both alike:

   - alternating: one registration, one raw INSERT, and so on;
   - in blocks of 250 registrations and 250 raw INSERTs, each in a tight loop (each in its
     own steady state; the raw write's best case);
   - paced, as writes come at a counter: PACED pairs, each write after an idle pause of
     PACED_GAP_MS, so that both start cold. Both take far longer then; the ratio is lower
     because the raw write's cold start grows more, in proportion, than the registration's.

   On a virtual machine, code that runs just after an fsync runs about twice as slow as the
   same code run warm (bench/cold_after_fsync.py measures it): every registration's Python
   pays that, the raw write has almost no code. The ratios also move with the disk: the
   faster the fsync, the higher the ratio (the registration's Python does not get faster).
2. Data access alone: ``registry.register`` (evaluation, numbering, the record and its
   events; no validation, no strict PDF render) on the DB-API connection of
   ``Database.write`` and on an ORM session of ``Database.transaction``, alternating (the
   call alone is timed, not BEGIN and COMMIT): what the registration path's plain connection
   saves over a session.
3. Search in a register of SEARCH_SIZE records: median of ``Desk.search`` by number, by
   document number and by surname prefix. Target ≤ 20 ms. The bulk of that register is
   generated with SQL (real rows with short content; the hash chain is not built for them)
   because registering a million records one by one would take hours and measure nothing new.

The register is encrypted (SQLCipher) as at a desk; ``--plain`` runs it all on an unencrypted
register through the same driver, for the cost of the encryption alone (run both, one after
the other, and compare). The raw baselines are plain files in both.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import keyring

import file_keyring
import keyed_sqlite3 as sqlite3  # a register's file keyed with its key; other files plain
from factories import cash, ek2
from gumruk_desk.domain.text import search_key
from gumruk_desk.domain.validation import validate_record
from gumruk_desk.register import registry
from gumruk_desk.register.db import DB_FILE, Database
from gumruk_desk.services import Desk
from register_fixtures import OFFICER, OFFICER_PW, setup_register

SURNAMES = [
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Çelik",
    "Öztürk",
    "Müller",
    "Schmidt",
    "Işıklı",
    "Güneş",
    "Aydın",
    "Arslan",
    "Doğan",
    "Kılıç",
    "Aslan",
    "Çetin",
]


def ms(values: list[float]) -> str:
    return (
        f"median {statistics.median(values) * 1000:.3f} ms, p95 "
        f"{sorted(values)[int(len(values) * 0.95)] * 1000:.3f} ms"
    )


def as_json(registered: Any) -> dict[str, Any]:
    """What ``Desk.register`` returned, as the record's JSON (a mapping or a typed record)."""
    return registered if isinstance(registered, dict) else registered.to_json()


BLOCK = 250


def bench_registration(root: Path, count: int, paced: int, gap_ms: float) -> None:
    home = root / "reg"
    setup_register(home)
    desk = Desk(home)
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    rng = random.Random(1)
    inputs = []
    for _ in range(count):
        data = ek2(
            witness_officer=None,
            detected=[cash("EUR", f"{rng.randint(1, 900)}.00")],
            declared=[cash("EUR", "1000.00")],
        )
        data["person"]["last_name"] = rng.choice(SURNAMES)
        inputs.append(data)
    sample = as_json(desk.register(inputs[0], officer=officer))
    size = len(json.dumps(sample, ensure_ascii=False).encode())

    raw_path = root / "raw.sqlite3"
    conn = sqlite3.connect(raw_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, number TEXT UNIQUE, content TEXT)")
    payload = "x" * size

    # Alternating one registration and one raw INSERT + COMMIT: both are measured under the
    # same conditions of the machine (a shared disk and CPU drift over a run of minutes).
    times: list[float] = []
    raw: list[float] = []
    for i, data in enumerate(inputs):
        start = time.perf_counter()
        desk.register(data, officer=officer)
        times.append(time.perf_counter() - start)
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (number, content) VALUES (?, ?)", (f"N{i}", payload))
        conn.execute("COMMIT")
        raw.append(time.perf_counter() - start)
    # The same raw INSERT + COMMIT in tight loops of BLOCK (the classic baseline: the disk's
    # best case, the CPU caches kept warm between statements), alternating with as many
    # registrations, so that drift of the machine over the run falls on both alike.
    conn.execute("CREATE TABLE t2 (id INTEGER PRIMARY KEY, number TEXT UNIQUE, content TEXT)")
    alone: list[float] = []
    blocked: list[float] = []
    block_ratios: list[float] = []
    rng2 = random.Random(3)
    for first in range(0, count, BLOCK):
        regs: list[float] = []
        for data in inputs[first : first + BLOCK]:
            data = {**data, "person": {**data["person"], "last_name": rng2.choice(SURNAMES)}}
            start = time.perf_counter()
            desk.register(data, officer=officer)
            regs.append(time.perf_counter() - start)
        raws: list[float] = []
        for i in range(first, min(first + BLOCK, count)):
            start = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO t2 (number, content) VALUES (?, ?)", (f"N{i}", payload))
            conn.execute("COMMIT")
            raws.append(time.perf_counter() - start)
        blocked += regs
        alone += raws
        block_ratios.append(statistics.median(regs) / statistics.median(raws))
    # Paced: an idle pause before every write, as at a counter, where registrations come
    # minutes apart and each one starts with cold caches (so does the raw write here).
    conn.execute("CREATE TABLE t3 (id INTEGER PRIMARY KEY, number TEXT UNIQUE, content TEXT)")
    paced_regs: list[float] = []
    paced_raws: list[float] = []
    for i in range(paced):
        data = inputs[i % count]
        time.sleep(gap_ms / 1000)
        start = time.perf_counter()
        desk.register(data, officer=officer)
        paced_regs.append(time.perf_counter() - start)
        time.sleep(gap_ms / 1000)
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t3 (number, content) VALUES (?, ?)", (f"N{i}", payload))
        conn.execute("COMMIT")
        paced_raws.append(time.perf_counter() - start)
    conn.close()
    desk.close()
    ratio_alone = statistics.median(blocked) / statistics.median(alone)
    ratio = statistics.median(times) / statistics.median(raw)

    # Second baseline: raw sqlite3 inserting the same record row and its chain event into a
    # fresh copy of the register's own schema (same indexes, triggers and pragmas) and
    # committing. What is left over it is the application's own work: validation,
    # evaluation, numbering, canonical JSON, hashing.
    schema_home = root / "schema"
    setup_register(schema_home)
    sconn = sqlite3.connect(schema_home / DB_FILE, isolation_level=None)
    sconn.execute("PRAGMA journal_mode=WAL")
    sconn.execute("PRAGMA synchronous=FULL")
    rows = sqlite3.connect(home / DB_FILE)
    record_rows = rows.execute("SELECT * FROM record ORDER BY id LIMIT ?", (count,)).fetchall()
    event_rows = rows.execute(
        "SELECT * FROM event WHERE kind = 'registration' ORDER BY seq LIMIT ?", (count,)
    ).fetchall()
    rows.close()
    base_seq = sconn.execute("SELECT max(seq) FROM event").fetchone()[0]
    same: list[float] = []
    for i, (rec, ev) in enumerate(zip(record_rows, event_rows, strict=True)):
        ev = (base_seq + i + 1, *ev[1:])
        start = time.perf_counter()
        sconn.execute("BEGIN IMMEDIATE")
        sconn.execute(f"INSERT INTO record VALUES ({','.join('?' * len(rec))})", rec)
        sconn.execute(f"INSERT INTO event VALUES ({','.join('?' * len(ev))})", ev)
        sconn.execute("COMMIT")
        same.append(time.perf_counter() - start)
    sconn.close()
    print(f"registration of {count} EK-2 records: {ms(times)}")
    print(f"raw sqlite3 INSERT+COMMIT ({size} B row, same pragmas), alternating: {ms(raw)}")
    print(f"ratio of medians: {ratio:.2f}x (target <= 3x)")
    print(
        f"in blocks of {BLOCK}: {count} more registrations {ms(blocked)}; the raw INSERT+COMMIT "
        f"alone in a loop: {ms(alone)}"
    )
    print(
        f"ratio of medians: {ratio_alone:.2f}x (median of the {len(block_ratios)} blocks' "
        f"ratios: {statistics.median(block_ratios):.2f}x)"
    )
    if paced:
        print(
            f"paced, an idle pause of {gap_ms:g} ms before each write: {paced} registrations "
            f"{ms(paced_regs)}; raw INSERT+COMMIT {ms(paced_raws)}"
        )
        print(
            f"ratio of medians: "
            f"{statistics.median(paced_regs) / statistics.median(paced_raws):.2f}x"
        )
    print(
        f"raw sqlite3 INSERT+COMMIT of the same record and event rows into the register's "
        f"schema: {ms(same)}"
    )
    print(f"ratio to that: {statistics.median(times) / statistics.median(same):.2f}x")


def bench_data_access(root: Path, count: int) -> None:
    home = root / "access"
    setup_register(home)
    with Desk(home) as desk:
        officer = desk.authenticate(OFFICER, OFFICER_PW)
        station = desk.station()
        now = datetime.datetime.now()
        currencies = desk.bulletin_currencies(now)
        validated = validate_record(ek2(witness_officer=None), now.date(), currencies=currencies)
        times: dict[str, list[float]] = {"write": [], "session": []}
        for i in range(2 * count):
            way = "write" if i % 2 == 0 else "session"
            with desk.db.write() if way == "write" else desk.db.transaction() as unit:
                start = time.perf_counter()
                registry.register(
                    unit, validated, station=station, officer=officer, witness=None, now=now
                )
                times[way].append(time.perf_counter() - start)
    print(
        f"data access alone, {count} registrations each: DB-API connection "
        f"(Database.write) {ms(times['write'])}; ORM session (Database.transaction) "
        f"{ms(times['session'])}"
    )


def build_search_register(home: Path, size: int) -> random.Random:
    """A register of ``size`` records at ``home``: one registered through ``Desk`` as the
    template, the rest copied from it with SQL, each with its own number, surname key and
    document number. Returns the random generator as the build left it."""
    setup_register(home)
    with Desk(home) as desk:
        officer = desk.authenticate(OFFICER, OFFICER_PW)
        template = as_json(desk.register(ek2(witness_officer=None), officer=officer))["number"]
    conn = sqlite3.connect(home / DB_FILE, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    start = time.perf_counter()
    conn.execute("BEGIN")
    rng = random.Random(2)
    batch = []
    for i in range(2, size + 1):
        surname = search_key(rng.choice(SURNAMES))
        batch.append(
            (
                i,
                f"u-{i}",
                f"GM01-M1-A-2026-{i:06d}",
                i,
                surname,
                f"P{rng.randint(10**7, 10**8 - 1)}",
                template,
            )
        )
        if len(batch) == 50_000:
            conn.executemany(INSERT, batch)
            batch.clear()
    if batch:
        conn.executemany(INSERT, batch)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()
    print(f"built a register of {size} records in {time.perf_counter() - start:.1f} s")
    return rng


def bench_search(root: Path, size: int) -> None:
    home = root / "search"
    rng = build_search_register(home, size)
    with Desk(home) as desk:
        numbers = [f"GM01-M1-A-2026-{rng.randint(2, size):06d}" for _ in range(200)]
        with sqlite3.connect(home / DB_FILE) as c:
            docs = [
                r[0] for r in c.execute("SELECT id_number FROM record ORDER BY random() LIMIT 200")
            ]
        prefixes = [rng.choice(SURNAMES)[:3] for _ in range(200)]
        for label, queries in (
            ("number", numbers),
            ("document number", docs),
            ("surname prefix (50 rows)", prefixes),
        ):
            times = []
            for q in queries:
                t0 = time.perf_counter()
                found = desk.search(q, limit=50)
                times.append(time.perf_counter() - t0)
                assert found, q
            print(f"search by {label} in {size} records: {ms(times)} (target <= 20 ms)")


INSERT = (
    "INSERT INTO record (id, uuid, number, kind, series, office, desk, year, seq, "
    "registered_at, record_date, officer_sicil, last_name_key, id_number, outcome_code, "
    "paper_number, content, row_hash) SELECT ?, ?, ?, kind, series, office, desk, year, "
    "?, registered_at, record_date, officer_sicil, ?, ?, outcome_code, NULL, '{}', '' "
    "FROM record WHERE number = ?"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--search-size", type=int, default=1_000_000)
    parser.add_argument("--paced", type=int, default=300, help="pairs of paced writes")
    parser.add_argument("--paced-gap-ms", type=float, default=100.0)
    parser.add_argument("--plain", action="store_true", help="registers not encrypted")
    args = parser.parse_args()
    if args.plain:
        # No key for any register: SQLCipher's library then reads and writes plain SQLite.
        Database._key = lambda self, new: None  # type: ignore[assignment,method-assign,return-value]
    with tempfile.TemporaryDirectory() as tmp:
        # The registers' keys in a keyring of the run's own (never the machine's).
        os.environ[file_keyring.ENV] = str(Path(tmp) / "keyring.json")
        keyring.set_keyring(file_keyring.FileKeyring())
        print("registers:", "plain" if args.plain else "encrypted (SQLCipher)")
        if args.records:
            bench_registration(Path(tmp), args.records, args.paced, args.paced_gap_ms)
            bench_data_access(Path(tmp), args.records)
        if args.search_size:
            bench_search(Path(tmp), args.search_size)


if __name__ == "__main__":
    main()
