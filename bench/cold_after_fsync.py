"""Why registration costs more than its own code timed warm (run by hand; prints figures).

    .venv/bin/python bench/cold_after_fsync.py [--rounds 3000]

Times the validation of one EK-2 record (pure Python, no I/O) right after each of several
things, interleaved round by round so that drift of the machine falls on all alike:

- nothing (the code runs warm, as a timing loop runs it);
- a 4 KiB write and fsync of a small file (what every registration's COMMIT ends with);
- a sleep of 150 µs (the thread leaves the CPU for about as long as an fsync takes);
- a busy wait of 150 µs (the same time, the CPU kept);
- a walk over 8 MiB of memory (the CPU caches emptied on purpose).

On the 2-core virtual machine of issue #3 (two runs) the validation took 47 and 45 µs warm,
111 and 95 µs after an fsync, 72 and 67 µs after a sleep, 47 µs after a busy wait and 164 and
114 µs after the memory walk: the fsync's path through the kernel and the virtual disk empties
much of the CPU caches, and the code that runs next pays for it. Each registration runs after
the previous one's fsync, so all of its Python runs cold; the raw INSERT + COMMIT it is
compared with runs almost no code.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from factories import cash, ek2
from gumruk_desk.domain.validation import validate_record


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3000)
    args = parser.parse_args()
    data = ek2(witness_officer=None, declared=[cash("EUR", "1000.00")])
    today = datetime.date.today()
    page = b"x" * 4096
    memory = bytearray(8 * 1024 * 1024)

    with tempfile.TemporaryDirectory() as tmp:
        fd = os.open(Path(tmp) / "f", os.O_RDWR | os.O_CREAT)

        def fsync() -> None:
            os.pwrite(fd, page, 0)
            os.fsync(fd)

        def spin() -> None:
            end = time.perf_counter() + 150e-6
            while time.perf_counter() < end:
                pass

        def walk() -> None:
            total = 0
            for i in range(0, len(memory), 64):
                total += memory[i]

        before: dict[str, Callable[[], object]] = {
            "nothing (warm)": lambda: None,
            "a 4 KiB write + fsync": fsync,
            "a sleep of 150 us": lambda: time.sleep(150e-6),
            "a busy wait of 150 us": spin,
            "a walk over 8 MiB": walk,
        }
        times: dict[str, list[float]] = {name: [] for name in before}
        for _ in range(args.rounds):
            for name, step in before.items():
                step()
                start = time.perf_counter()
                validate_record(data, today)
                times[name].append(time.perf_counter() - start)
        os.close(fd)
    warm = statistics.median(times["nothing (warm)"])
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"validation of an EK-2 record after {name:24s} median {median * 1e6:6.1f} us "
            f"({median / warm:.2f}x warm)"
        )


if __name__ == "__main__":
    main()
