"""Cold start of the desk window (run by hand; prints figures, asserts nothing).

    .venv/bin/python bench/gui_start_bench.py [--runs 10] [--importtime]

Median wall-clock milliseconds from launching a fresh Python process to

- the desk's login dialog painted, through the real entry point: ``entry.main(["--home",
  H])``, what the ``gumruk-desk`` command runs; the only addition is a hook that watches the
  application's events from the moment ``run()`` creates it and leaves at the first paint;
- the baseline: a bare PySide6 QApplication showing an empty QWidget painted;
- for information, the login dialog *ready* the same way (the register opened behind the
  painted dialog, the station shown: what a login needs; an Enter pressed earlier is kept
  and acted on then), and a first start on an empty data folder: the set-up wizard painted,
  with whether any login box was shown before it;

run alternately in the same session, and the ratio of the first two (target <= 1.5x). Each
process leaves with ``os._exit`` at that moment, so teardown is counted on neither side.
``--importtime`` also prints the slowest imports of the desk's start (``python -X
importtime``), cumulative, to show what a lazier start could still save.

The register is encrypted (SQLCipher 4) as a desk's is; its key is kept in a keyring file of
the run (``bench/bench_keyring.py``), where the started desks find it as a desk finds it in
the system's keyring.
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

from bench_keyring import use_keyring

EXIT_ON_PAINT = """
import os
from PySide6.QtCore import QEvent, QObject

class _ExitOnPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            os._exit(0)
        return False
"""

BARE = (
    EXIT_ON_PAINT
    + """
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
window = QWidget()
window.resize(400, 200)
watcher = _ExitOnPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""
)

# The real command, with a watcher on the first dialog it opens (the login dialog or the
# set-up wizard: both are opened with QDialog.open). Watching that one window, not every event
# of the application, keeps the watcher's own cost out of the figure. "paint" leaves at the
# first paint, saying what was painted (exit code 0: the login dialog; 10: the set-up wizard;
# 11: the wizard, but a login dialog was opened before it); "ready" when the login is ready.
REAL = """
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QDialog

class _Watch(QObject):
    login_opened = False
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and sys.argv[2] == "paint":
            name = type(watched).__name__
            if name == "LoginDialog":
                os._exit(0)
            if name == "SetupWizard":
                os._exit(11 if self.login_opened else 10)
        return False

_watch = _Watch()
_open = QDialog.open
def _watched_open(self):
    if type(self).__name__ == "LoginDialog":
        _watch.login_opened = True
        if sys.argv[2] == "ready":
            self.ready.connect(lambda: os._exit(0))
    self.installEventFilter(_watch)
    _open(self)
QDialog.open = _watched_open
from gumruk_desk.entry import main
main(["--home", sys.argv[1]])
"""


def make_home(folder: Path) -> Path:
    from gumruk_desk.services import Desk

    home = folder / "desk-home"
    with Desk(home, create=True) as desk:
        desk.setup_station(
            office_code="GM01",
            office_name="İstanbul Havalimanı Gümrük Müdürlüğü",
            desk="M1",
            customs_area="Dış Hatlar Geliş Salonu",
            supervisor_sicil="90001",
            supervisor_name="Zeynep Kaya",
            supervisor_title="Gümrük Müdür Yardımcısı",
            supervisor_password="amir-parola-1",
        )
    return home


def launch(code: str, *args: str, expect: int = 0) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], env=_env(), check=False)
    elapsed = (time.perf_counter() - started) * 1000
    if done.returncode != expect:
        raise SystemExit(f"child ended with exit code {done.returncode}, expected {expect}")
    return elapsed


def _env() -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # A desk starts from compiled bytecode (its bundle, or an installation's caches); without
    # them every start would compile the modules changed since, and that would be measured.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def import_profile(home: Path, top: int = 15) -> None:
    """The slowest imports (cumulative µs) of the desk's start up to "ready" (including what
    the loader thread imports behind the painted dialog), from ``-X importtime``."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", REAL, str(home), "ready"],
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, cumulative_us, name = (part.strip() for part in line.split("|"))
        rows.append((int(cumulative_us), int(self_us.split()[-1]), name))
    total = sum(self_us for _c, self_us, _n in rows)
    print(f"\nimports of the desk's start: {total / 1000:.0f} ms in total; slowest (cumulative):")
    for cumulative, _self, name in sorted(rows, reverse=True)[:top]:
        print(f"  {cumulative / 1000:7.1f} ms  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--importtime", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gumruk-start-bench-") as folder:
        # The register is encrypted; its key in a keyring file the started desks read too.
        use_keyring(Path(folder) / "keyring.json")
        home = make_home(Path(folder))
        # One unmeasured start each: the first launch pays for cold file caches.
        launch(BARE)
        launch(REAL, str(home), "paint")
        bare: list[float] = []
        desk: list[float] = []
        ready: list[float] = []
        first: list[float] = []
        for run in range(options.runs):
            bare.append(launch(BARE))
            desk.append(launch(REAL, str(home), "paint"))
            ready.append(launch(REAL, str(home), "ready"))
            # 10: the wizard painted and no login box before it (11 would stop the bench)
            first.append(launch(REAL, str(Path(folder) / f"new-{run}"), "paint", expect=10))
        bare_ms, desk_ms = statistics.median(bare), statistics.median(desk)
        platform = _env().get("QT_QPA_PLATFORM", "the desktop")
        print(f"cold start, median of {options.runs} (Qt platform: {platform})")
        print(f"  bare PySide6 QApplication + empty QWidget painted: {bare_ms:7.1f} ms")
        print(f"  gumruk-desk (entry.main): login dialog painted:    {desk_ms:7.1f} ms")
        print(f"  ratio: {desk_ms / bare_ms:.2f}x (target <= 1.5x)")
        print(
            f"  login dialog ready (register open, station shown): "
            f"{statistics.median(ready):6.1f} ms"
        )
        print(
            f"  first start: set-up wizard painted:                {statistics.median(first):6.1f}"
            " ms (no login box before it)"
        )
        if options.importtime:
            import_profile(home)
    return 0


if __name__ == "__main__":
    sys.exit(main())
