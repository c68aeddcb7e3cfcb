"""What a failed login costs, by why it failed (run by hand; prints figures, asserts nothing).

    .venv/bin/python bench/login_bench.py [--runs 15] [--noise-events 20000]

The login must not tell by its time whether a sicil exists: an unknown sicil, a wrong
password, a locked account and a deactivated one each cost one scrypt and a few indexed
look-ups. The median milliseconds of ``Desk.authenticate`` for each case are printed beside
the known-sicil wrong password, with the target (within 10 % of it), measured in turns so
that a busy machine slows every case alike. ``--noise-events`` login failures of other
sicils are written first, so the look-up of one sicil's failures runs against a chain that
holds many. The register is encrypted, as a desk's is (its key in a keyring file of the
run, ``bench/bench_keyring.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from bench_keyring import use_keyring  # noqa: E402

from gumruk_desk.register import chain  # noqa: E402
from gumruk_desk.register.officers import AuthError  # noqa: E402
from gumruk_desk.services import Desk  # noqa: E402
from register_fixtures import (  # noqa: E402
    OFFICER,
    SUPERVISOR,
    SUPERVISOR_PW,
    WITNESS,
    WITNESS_PW,
    setup_register,
)

LOCKED = "12347"
TARGET = 1.10


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--noise-events", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        use_keyring(Path(tmp) / "keyring.json")  # the register is encrypted: its key
        home = Path(tmp) / "desk"
        setup_register(home)
        with Desk(home) as desk:
            desk.add_officer(
                sicil=LOCKED, name="Elif Aydın", title="Memur", password="parola-12347"
            )
            desk.deactivate_officer(WITNESS, SUPERVISOR, SUPERVISOR_PW)
            with desk.db.transaction() as s:
                for n in range(args.noise_events):
                    payload = {"sicil": f"x{n % 997}", "reason": "unknown", "attempt": 1}
                    chain.append_event(s, chain.LOGIN_FAILED, payload)
            cases = {
                "wrong password (known sicil)": (OFFICER, "yanlış-parola"),
                "unknown sicil": ("55555", "yanlış-parola"),
                "locked account": (LOCKED, "yanlış-parola"),
                "deactivated, right password": (WITNESS, WITNESS_PW),
            }
            for _ in range(5):  # lock LOCKED
                with contextlib.suppress(AuthError):
                    desk.authenticate(LOCKED, "yanlış-parola")
            times: dict[str, list[float]] = {name: [] for name in cases}
            for _ in range(args.runs):
                for name, (sicil, password) in cases.items():
                    if name.startswith("wrong"):
                        # Keep the known account below the lock-out: reset between turns.
                        desk.unlock_officer(OFFICER, SUPERVISOR, SUPERVISOR_PW)
                    started = time.perf_counter()
                    with contextlib.suppress(AuthError):
                        desk.authenticate(sicil, password)
                    times[name].append((time.perf_counter() - started) * 1000)
    base = statistics.median(times["wrong password (known sicil)"])
    print(f"{args.runs} runs each; {args.noise_events} other login failures in the chain")
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"{name:32} {median:7.1f} ms  ×{median / base:4.2f} of a wrong password "
            f"(target ≤ ×{TARGET:.2f} and ≥ ×{1 / TARGET:.2f})"
        )


if __name__ == "__main__":
    main()
