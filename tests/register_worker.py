"""A process that registers EK-2 records in a loop (for the concurrency and crash tests).

usage: python register_worker.py HOME COUNT [--barrier] [--pause]
Prints "ready" after its first registration, then one number per line. With --barrier it
first prints "armed" (logged in, register open) and waits for a line on standard input, so
that a test can release several workers at the same moment.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from factories import cash, ek2
from gumruk_desk.services import Desk
from register_fixtures import OFFICER, OFFICER_PW


def main() -> None:
    home, count = Path(sys.argv[1]), int(sys.argv[2])
    with Desk(home) as desk:
        officer = desk.authenticate(OFFICER, OFFICER_PW)
        if "--barrier" in sys.argv:
            print("armed", flush=True)
            sys.stdin.readline()
        data = ek2(witness_officer=None, detected=[cash("EUR", "1000.00")])
        for i in range(count):
            number = desk.register(data, officer=officer).number
            print("ready" if i == 0 else number, flush=True)
            if i == 0:
                print(number, flush=True)
            if "--pause" in sys.argv:
                # Like officers at real desks: not a tight loop. A tight loop would let one
                # process re-take SQLite's lock before the other's busy handler wakes up, and
                # that handler sleeps in steps of up to 100 ms once it has waited a while
                # (on a loaded machine it soon has): pauses of that order let it in.
                time.sleep(random.uniform(0, 0.12))


if __name__ == "__main__":
    main()
