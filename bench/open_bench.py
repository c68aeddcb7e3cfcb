"""Opening a large register with real content (run by hand; prints figures, asserts nothing).

    .venv/bin/python bench/open_bench.py [--size 1000000] [--runs 5] [--rebuild] [--plain]

The register is encrypted (SQLCipher 4), as a desk's register is: it is set up through
``Desk`` (its key made by the desk and kept in a keyring, here the bench's own file keyring
beside the cached register, ``bench/bench_keyring.py``), and the child processes find the
key there as the desk finds it in the system's keyring. ``--plain`` measures the same on an
unencrypted register (cached apart), for the cost of the encryption alone.

The register is built once and cached under the system's temporary folder: a handful of
records registered through ``Desk`` (a Nakit Beyan Formu and Nakit Açıklama Tutanakları with
and without a fine), then copied with SQL to ``--size`` records, each with the whole canonical
content of its template (its own number, surname key and document number written into it),
its row hash, and the two events a record gathers at a counter (its registration and a
print) with their real payloads, on a connection keyed with the register's key
(``driver.connect``), so every page is written encrypted as the desk writes it. The chain of
the copies is not recomputed: this measures opening and the file check, not ``verify``. A
cached register is used again only if its file is what was asked (encrypted or plain, by
its header) and its key is at hand; otherwise it is built anew.

Measured, each in a fresh process through the real entry point (``entry.main``, as the
``gumruk-desk`` command starts the window):

1. the login dialog *ready*: the register opened behind the painted dialog (the schema
   version read, the bounded check at open), the station shown (target <= 1 s);
2. after the officer's Enter: the main window painted with its first rows (the password's
   hash included; its share printed beside it; target <= 1 s);
3. for information, the same on a register of 30 records, the file size, and the whole-file
   check that runs behind the window after login (``Desk.integrity_check``).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_keyring import PLAIN_IN_CHILD, plain_registers, use_keyring  # noqa: E402
from register_bench import SURNAMES  # noqa: E402

from factories import cash, ek1, ek2  # noqa: E402
from gumruk_desk.domain.text import search_key  # noqa: E402
from gumruk_desk.register import driver, keys  # noqa: E402
from gumruk_desk.register.db import DB_FILE  # noqa: E402
from gumruk_desk.services import Desk  # noqa: E402
from register_fixtures import (  # noqa: E402
    OFFICER,
    OFFICER_PW,
    WITNESS,
    WITNESS_PW,
    setup_register,
)

# Exits with the milliseconds since the process started when the login is ready (``ready``)
# or, after logging in, when the main window has painted (``window``).
CHILD = (
    PLAIN_IN_CHILD
    + """
import os, sys, time
START = int(os.environ["START_NS"]) / 1e9
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
mode, sicil, password = sys.argv[2:5]

class Watch(QObject):
    login_clicked = None
    def eventFilter(self, watched, event):
        kind = event.type()
        name = type(watched).__name__
        if kind == QEvent.Type.Show and name == "LoginDialog" and not hasattr(self, "login"):
            self.login = watched
            watched.ready.connect(self.ready)
        if kind == QEvent.Type.Paint and name == "MainWindow" and self.login_clicked:
            done = time.time()
            print(f"window {(done - self.login_clicked) * 1000:.1f}", flush=True)
            os._exit(0)
        return False
    def ready(self):
        print(f"ready {(time.time() - START) * 1000:.1f}", flush=True)
        if mode == "ready":
            os._exit(0)
        QTimer.singleShot(0, self.log_in)
    def log_in(self):
        self.login.sicil.setText(sicil)
        self.login.password.setText(password)
        self.login_clicked = time.time()
        self.login.login_button.click()

watch = Watch()
original = QApplication.__init__
def init(self, *args, **kwargs):
    original(self, *args, **kwargs)
    self.installEventFilter(watch)
QApplication.__init__ = init
from gumruk_desk.entry import main
main(["--home", sys.argv[1]])
"""
)


def register_templates(home: Path) -> list[str]:
    """Records registered through the desk, whose rows the bulk is copied from."""
    setup_register(home)
    numbers = []
    with Desk(home) as desk:
        officer = desk.authenticate(OFFICER, OFFICER_PW)
        for data in (
            ek1(),
            ek2(witness_officer=None),
            ek2(
                witness_officer=WITNESS,
                declared=[cash("EUR", "9000.00")],
                detected=[cash("EUR", "11500.00"), cash("USD", "800.00")],
            ),
        ):
            witness = (
                desk.authenticate(WITNESS, WITNESS_PW) if data.get("witness_officer") else None
            )
            content = desk.register(data, officer=officer, witness=witness)
            if content.seizure_report_number:  # its number is unique: not to be copied
                continue
            numbers.append(content.number)
            desk.record_print(desk.render_document(content.number), officer.sicil)
    return numbers


RECORD_COLUMNS = (
    "id, uuid, number, kind, series, office, desk, year, seq, registered_at, record_date, "
    "officer_sicil, last_name_key, id_number, outcome_code, paper_number, content, row_hash"
)
COPY_RECORD = (
    f"INSERT INTO record ({RECORD_COLUMNS}) SELECT ?, ?, ?, kind, series, office, desk, year, "
    "?, registered_at, record_date, officer_sicil, ?, ?, outcome_code, NULL, "
    "replace(replace(content, number, ?), id_number, ?), row_hash FROM record WHERE id = ?"
)
COPY_EVENT = (
    "INSERT INTO event (seq, uuid, kind, at, actor, record_id, payload, prev_hash, hash) "
    "SELECT ?, ?, kind, at, actor, ?, replace(payload, ?, ?), prev_hash, hash FROM event "
    "WHERE seq = ?"
)


def build(home: Path, size: int) -> None:
    numbers = register_templates(home)
    # The desk's own driver, keyed with the key the desk made and kept (None: --plain).
    conn = driver.connect(home / DB_FILE, keys.register_key(home), isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    templates = []
    for number in numbers:
        record_id, number = conn.execute(
            "SELECT id, number FROM record WHERE number = ?", (number,)
        ).fetchone()
        registration = conn.execute(
            "SELECT seq FROM event WHERE record_id = ? AND kind = 'registration'", (record_id,)
        ).fetchone()[0]
        templates.append((record_id, number, registration))
    # A print event per record, as every registered record is printed at least once.
    printed = conn.execute("SELECT seq FROM event WHERE kind = 'print' LIMIT 1").fetchone()
    print_seq = printed[0] if printed else templates[0][2]
    next_id = conn.execute("SELECT max(id) FROM record").fetchone()[0] + 1
    next_seq = conn.execute("SELECT max(seq) FROM event").fetchone()[0] + 1
    rng = random.Random(7)
    started = time.perf_counter()
    conn.execute("BEGIN")
    records, events = [], []
    for i in range(next_id, size + 1):
        template_id, template_number, registration = templates[i % len(templates)]
        number = f"GM01-M1-{'B' if template_id == templates[0][0] else 'A'}-2026-{i:06d}"
        document = f"U{rng.randint(10**7, 10**8 - 1)}"
        surname = search_key(rng.choice(SURNAMES))
        records.append((i, f"b-{i}", number, i, surname, document, number, document, template_id))
        events.append((next_seq, f"e-{i}-r", i, template_number, number, registration))
        events.append((next_seq + 1, f"e-{i}-p", i, template_number, number, print_seq))
        next_seq += 2
        if len(records) == 20_000:
            conn.executemany(COPY_RECORD, records)
            conn.executemany(COPY_EVENT, events)
            records.clear()
            events.clear()
    conn.executemany(COPY_RECORD, records)
    conn.executemany(COPY_EVENT, events)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    print(f"built a register of {size:,} records in {time.perf_counter() - started:.0f} s")


def cache_folder(size: int, plain: bool) -> Path:
    """Where the register of ``size`` records is cached. Not the name the plain registers
    of before had, so that none of them is taken for an encrypted one."""
    kind = "plain" if plain else "encrypted"
    return Path(tempfile.gettempdir()) / f"gumruk-open-bench-{kind}-{size}"


def _usable(home: Path, plain: bool) -> str | None:
    """Why the cached register at ``home`` is not the one asked for (None: it is)."""
    path = home / DB_FILE
    if not path.is_file():
        return "no register"
    if driver.is_plain(path) != plain:
        return "plain" if driver.is_plain(path) else "encrypted"
    if plain:
        return None
    try:
        key = keys.register_key(home)
    except keys.KeyUnavailable as exc:
        return f"its key is not at hand ({exc})"
    if key is None or not keys.opens(path, key):
        return "its key does not open it"
    return None


def cached(size: int, rebuild: bool, plain: bool = False) -> Path:
    """The register of ``size`` records (encrypted, or plain with ``plain``), built once;
    its key is kept in the keyring file beside it, which this process uses from now on
    (:func:`use_keyring`)."""
    cache = cache_folder(size, plain)
    if plain:
        plain_registers()
    use_keyring(cache / "keyring.json")
    home = cache / "desk"
    if not rebuild and (cache / "complete").exists():
        why = _usable(home, plain)
        if why is None:
            return home
        print(f"the cached register {home} is not usable ({why}): building it anew")
    shutil.rmtree(cache, ignore_errors=True)
    use_keyring(cache / "keyring.json")
    build(home, size)
    why = _usable(home, plain)
    if why is not None:
        raise SystemExit(f"the register just built is not what was asked: {why}")
    (cache / "complete").write_text("ok")
    return home


def launch(home: Path, mode: str) -> dict[str, float]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # A desk starts from compiled bytecode (its bundle, or an installation's caches); without
    # them every start would compile the modules changed since, and that would be measured.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["START_NS"] = str(time.time_ns())
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(home), mode, OFFICER, OFFICER_PW],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    figures = {}
    for line in done.stdout.splitlines():
        name, value = line.split()
        figures[name] = float(value)
    if done.returncode != 0 or not figures:
        raise SystemExit(f"child failed ({done.returncode}): {done.stderr[-2000:]}")
    return figures


TARGET_MS = 1000


def target(value_ms: float) -> str:
    return f"target <= {TARGET_MS} ms: {'met' if value_ms <= TARGET_MS else 'NOT MET'}"


def password_ms() -> float:
    from gumruk_desk.register import officers

    stored = officers.hash_password(OFFICER_PW)
    started = time.perf_counter()
    officers.check_password(OFFICER_PW, stored)
    return (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--plain", action="store_true", help="registers not encrypted")
    options = parser.parse_args()
    big = cached(options.size, options.rebuild, options.plain)
    with tempfile.TemporaryDirectory(prefix="gumruk-open-small-") as folder:
        # The small register's key in a copy of the cached keyring: the children need both.
        use_keyring(Path(folder) / "keyring.json", seed=big.parent / "keyring.json")
        small = Path(folder) / "desk"
        numbers = register_templates(small)
        with Desk(small) as desk:
            officer = desk.authenticate(OFFICER, OFFICER_PW)
            for i in range(30 - len(numbers)):
                desk.register(ek1() if i % 2 else ek2(witness_officer=None), officer=officer)
        results: dict[str, dict[str, list[float]]] = {"big": {}, "small": {}}
        for home in (big, small):  # warm the file cache and the imports once
            launch(home, "window")
        loads = [os.getloadavg()[0]]
        for _ in range(options.runs):
            for label, home in (("big", big), ("small", small)):
                for name, value in launch(home, "window").items():
                    results[label].setdefault(name, []).append(value)
        loads.append(os.getloadavg()[0])
    use_keyring(big.parent / "keyring.json")  # the copy went with the temporary folder
    size_gb = (big / DB_FILE).stat().st_size / 1e9
    med = {k: {n: statistics.median(v) for n, v in r.items()} for k, r in results.items()}
    kind = "plain" if options.plain else "encrypted (SQLCipher)"
    print(
        f"opening a register of {options.size:,} records ({size_gb:.2f} GB".replace(",", ".")
        + f", {kind}), median of {options.runs} fresh processes through entry.main"
    )
    print(
        f"  login dialog ready (register open):   {med['big']['ready']:7.0f} ms "
        f"(30 records: {med['small']['ready']:5.0f} ms; {target(med['big']['ready'])}; "
        f"worst of {options.runs}: {max(results['big']['ready']):.0f} ms)"
    )
    print(
        f"  Enter → main window painted:          {med['big']['window']:7.0f} ms "
        f"(30 records: {med['small']['window']:5.0f} ms; of which the password hash "
        f"{password_ms():.0f} ms; {target(med['big']['window'])}; "
        f"worst of {options.runs}: {max(results['big']['window']):.0f} ms)"
    )
    print(f"  load average while measured: {loads[0]:.2f} at the start, {loads[1]:.2f} at the end")
    with Desk(big) as desk:
        problem, records, seconds = desk.integrity_check()
    state = "intact" if problem is None else problem
    print(
        f"  whole-file check behind the window:   {seconds * 1000:7.0f} ms "
        f"({state}, {records:,} records; for information)".replace(",", ".")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
