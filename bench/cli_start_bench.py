"""Start-up of the read-only commands (run by hand; prints figures, asserts nothing).

    .venv/bin/python bench/cli_start_bench.py [--runs 20] [--records 300]

Median wall-clock milliseconds of a fresh process for each of

- the baseline: ``python -c pass`` with the same interpreter;
- ``gumruk-desk record show N``, ``record list`` and ``record verify N DOC`` on a register of
  ``--records`` registered records (a shift's worth by default), through the installed
  console script exactly as an acceptance check calls it;
- for information, ``gumruk-desk --version`` and ``gumruk-desk verify`` (the whole chain,
  which opens the register for use);

with each ratio beside its target (a read-only command <= 10x the bare interpreter), run
alternately so that a busy machine slows both sides alike. The register is encrypted, as a
desk's is; its key is kept in a keyring file of the run (``bench/bench_keyring.py``), where
the commands find it as they find it in the system's keyring.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from bench_keyring import use_keyring  # noqa: E402

from factories import ek1, ek2  # noqa: E402
from gumruk_desk.services import Desk  # noqa: E402
from register_fixtures import OFFICER, OFFICER_PW, setup_register  # noqa: E402


def build(home: Path, records: int) -> tuple[str, str, str]:
    """A register of ``records`` records; (a record number, a declaration number, its
    document number)."""
    setup_register(home)
    with Desk(home) as desk:
        officer = desk.authenticate(OFFICER, OFFICER_PW)
        declaration = desk.register(ek1(), officer=officer)
        for i in range(records - 1):
            last = desk.register(ek1() if i % 3 else ek2(witness_officer=None), officer=officer)
    return last.number, declaration.number, declaration.person.id_number


def launch(argv: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, check=False)
    elapsed = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed with exit code {done.returncode}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--records", type=int, default=300)
    options = parser.parse_args()
    script = Path(sys.executable).with_name("gumruk-desk")
    if not script.exists():
        raise SystemExit(f"{script} is missing: install the project first (pip install -e .)")
    with tempfile.TemporaryDirectory(prefix="gumruk-cli-bench-") as folder:
        # The register is encrypted; its key in a keyring file the commands read too.
        use_keyring(Path(folder) / "keyring.json")
        home = Path(folder) / "desk-home"
        number, declaration, document = build(home, options.records)
        os.environ["GUMRUK_DESK_HOME"] = str(home)
        # A desk's commands run from compiled bytecode (its bundle, or an installation's
        # caches); without them every start would compile the modules changed since.
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "record show": [str(script), "record", "show", number],
            "record list": [str(script), "record", "list"],
            "record verify": [str(script), "record", "verify", declaration, "--document", document],
            "--version": [str(script), "--version"],
            "verify (the whole chain)": [str(script), "verify"],
        }
        for argv in commands.values():  # warm the file cache once
            launch(argv)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(options.runs):
            for name, argv in commands.items():
                times[name].append(launch(argv))
    medians = {name: statistics.median(values) for name, values in times.items()}
    base = medians["python -c pass"]
    print(f"command start, median of {options.runs} runs, register of {options.records} records")
    print(f"  {'python -c pass':26s} {base:7.1f} ms")
    for name in ("record show", "record list", "record verify"):
        print(f"  {name:26s} {medians[name]:7.1f} ms  {medians[name] / base:5.1f}x (target <= 10x)")
    for name in ("--version", "verify (the whole chain)"):
        ratio = medians[name] / base
        print(f"  {name:26s} {medians[name]:7.1f} ms  {ratio:5.1f}x (for information)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
