"""Key presses for a complete Nakit Beyan Formu (EK-1) with an MRZ scan (run by hand; prints
figures, asserts nothing).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/ek1_keys_bench.py

Replays, with real key events, the very paths that tests/test_ui_ek1_wizard.py proves
(tests/ek1_keys.py): the common case — a natural person declaring for themselves, a scanned
ICAO specimen passport, one currency — and the second case, the same cash brought for a
company; each on a throwaway register, checked that it registered, with the keys counted:
the officer's, and separately the characters the keyboard-wedge scanner typed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from ek1_keys import EK1_KEY_PATH, EK1_LEGAL_PATH, play_registering
from gumruk_desk.ui.app import application
from register_fixtures import OFFICER, OFFICER_PW, setup_register

#: (case, key path, target for the officer's keys after the scan, or None)
CASES = (
    ("own cash (common)", EK1_KEY_PATH, 40),
    ("for a company", EK1_LEGAL_PATH, None),
)


def main() -> int:
    application()
    from gumruk_desk.services import Desk
    from gumruk_desk.ui.ek1.wizard import NakitBeyanWizard

    print(f"{'case':<20} {'officer keys':>12} {'target':>7} {'typed':>6} {'scanner':>8} pages")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "desk"
        setup_register(home)
        with Desk(home) as desk:
            officer = desk.authenticate(OFFICER, OFFICER_PW)
            for name, path, target in CASES:
                count, record, typed = play_registering(NakitBeyanWizard(desk, officer), path)
                if record is None:
                    print(f"{name}: the path did not register a record.", file=sys.stderr)
                    return 1
                shown = f"≤ {target}" if target is not None else "—"
                print(
                    f"{name:<20} {count.officer:>12} {shown:>7} {typed:>6} {count.scanner:>8} "
                    f"{len(count.pages)}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
