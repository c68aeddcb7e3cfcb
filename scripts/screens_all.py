"""Screenshots of every window and page of the desk at two screen sizes.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screens_all.py [--only NAME…] [--areas]

Reaches each screen exactly as tests/test_ui_walk.py does (tests/walk_support.py: real key
presses through the wizards, the main window's own actions for its dialogs), each on a fresh
copy of one throwaway register, gives the window what a 1366×768 and a 1920×1080 screen
leave it (or its natural size where smaller) and saves ``docs/screens/<size>/<name>.png``.
It prints each screen with what the walker found wrong on it, if anything.

``--areas`` first runs the per-area scripts (``scripts/screens_*.py``), which shoot the
states worth seeing (errors, refusals, each outcome) into ``docs/screens/`` at one size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import keyring  # noqa: E402
from keyring.backends import null  # noqa: E402

from gumruk_desk.ui.app import application  # noqa: E402
from register_fixtures import setup_register  # noqa: E402
from walk_support import SIZES, Walk, fit, problems, screens  # noqa: E402

OUT = ROOT / "docs" / "screens"
AREAS = sorted(path.name for path in (ROOT / "scripts").glob("screens_*.py"))
AREAS.remove(Path(__file__).name)


def run_areas() -> None:
    for script in AREAS:
        print(f"-- scripts/{script}", flush=True)
        subprocess.run([sys.executable, str(ROOT / "scripts" / script)], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=None, help="screen names (default: all)")
    parser.add_argument("--areas", action="store_true", help="run scripts/screens_*.py first")
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args()
    if args.areas:
        run_areas()
    keyring.set_keyring(null.Keyring())  # never the real one
    application()
    out = Path(args.out)
    for size in SIZES:
        (out / size).mkdir(parents=True, exist_ok=True)
    chosen = [s for s in screens() if args.only is None or s.name in args.only]
    with tempfile.TemporaryDirectory(prefix="gumruk-walk-") as folder:
        tmp = Path(folder)
        template = tmp / "template"
        setup_register(template)
        for number, screen in enumerate(chosen):
            work = tmp / f"{number:02d}"
            work.mkdir()
            shutil.copytree(template, work / "desk-home")
            walk = Walk(work / "desk-home", work)
            try:
                opened = screen.reach(walk)
                found = problems(opened)
                natural = opened.window.size()
                for size, screen_size in SIZES.items():
                    fit(opened.window, screen_size, natural)
                    path = out / size / f"{screen.name}.png"
                    if not opened.window.grab().save(str(path)):
                        raise SystemExit(f"could not write {path}")
            finally:
                walk.close()
            verdict = "ok" if not found else "; ".join(found)
            print(f"{screen.name}: {verdict}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
