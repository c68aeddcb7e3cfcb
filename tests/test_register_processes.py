"""Numbers stay gapless and unique across processes and across power cuts (§O1, SPEC §7)."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import keyed_sqlite3 as sqlite3
from gumruk_desk.register.db import DB_FILE
from gumruk_desk.services import Desk

# Each test runs worker processes for tens of seconds.
pytestmark = pytest.mark.slow

WORKER = Path(__file__).parent / "register_worker.py"


def worker(home: Path, count: int, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), str(home), str(count), *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def sequences(home: Path) -> dict[tuple[str, int], list[int]]:
    with sqlite3.connect(home / DB_FILE) as conn:
        rows = conn.execute("SELECT series, year, seq FROM record ORDER BY id").fetchall()
    result: dict[tuple[str, int], list[int]] = {}
    for series, year, seq in rows:
        result.setdefault((series, year), []).append(seq)
    return result


def test_two_processes_register_at_once(home: Path) -> None:
    procs = [worker(home, 200, "--barrier", "--pause") for _ in range(2)]
    for proc in procs:  # both logged in and waiting
        assert proc.stdout is not None and proc.stdout.readline().strip() == "armed"
    for proc in procs:  # released together
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        outputs.append([line for line in out.splitlines() if line != "ready"])
    numbers = outputs[0] + outputs[1]
    assert len(numbers) == 400
    assert len(set(numbers)) == 400
    for seqs in sequences(home).values():
        assert sorted(seqs) == list(range(1, len(seqs) + 1))  # gapless, no reuse
    # The two really competed: each one's numbers are not a single block.
    mine = {int(n[-6:]) for n in outputs[0]}
    switches = sum((i in mine) != (i - 1 in mine) for i in range(2, 401))
    assert switches > 2, "the workers did not run at the same time"
    with Desk(home) as desk:
        assert desk.verify().ok


def test_killed_mid_registration_fifty_times(home: Path) -> None:
    rng = random.Random(20131)
    for _ in range(50):
        proc = worker(home, 10_000)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
        # Somewhere inside the next few registrations: before, during or after a commit.
        time.sleep(rng.uniform(0, 0.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    with Desk(home) as desk:
        result = desk.verify()
    assert result.ok, result.problem
    (seqs,) = sequences(home).values()
    assert sorted(seqs) == list(range(1, len(seqs) + 1))
    assert len(seqs) >= 50  # every worker registered at least once before it was killed
    with sqlite3.connect(home / DB_FILE) as conn:
        registrations = conn.execute(
            "SELECT COUNT(*) FROM event WHERE kind = 'registration'"
        ).fetchone()[0]
    assert registrations == len(seqs)  # no half record: every row has its event and back
