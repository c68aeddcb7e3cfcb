"""Key presses for a complete Nakit Beyan Formu (EK-1) with an MRZ scan (run by hand; prints
figures, asserts nothing).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/ek1_keys_bench.py

Replays, with real key events, the very path that tests/test_ui_ek1_wizard.py proves
(tests/ek1_keys.py: source, scanned ICAO specimen passport, nationality, birth place, father's
name, document seen, reason, one cash line, a legal-person beneficiary, source country,
Kaydet) on a throwaway register, checks that it registered, and counts the keys: the
officer's, and separately the characters the keyboard-wedge scanner typed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from ek1_keys import EK1_KEY_PATH, play
from gumruk_desk.ui.app import application
from register_fixtures import OFFICER, OFFICER_PW, setup_register


def main() -> int:
    app = application()
    from gumruk_desk.services import Desk
    from gumruk_desk.ui.ek1.wizard import NakitBeyanWizard

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "desk"
        setup_register(home)
        with Desk(home) as desk:
            officer = desk.authenticate(OFFICER, OFFICER_PW)
            wizard = NakitBeyanWizard(desk, officer)
            wizard.show()
            wizard.activateWindow()
            for _ in range(5):
                app.processEvents()
            count = play(EK1_KEY_PATH, wizard.currentId)
            record = wizard.registered_record
            wizard.close()
            if record is None:
                print("The path did not register a record.", file=sys.stderr)
                return 1
    typed = sum(len(str(v)) for a, v in EK1_KEY_PATH if a == "type")
    pressed = sum(1 for a, _ in EK1_KEY_PATH if a == "key")
    print(f"registered: {record['number']} ({record['outcome']['code']})")
    print(
        f"officer key presses: {count.officer} ({pressed} keys such as Tab/Enter/Space/arrows, "
        f"{typed} characters typed)"
    )
    print(f"scanner characters (MRZ, 2 x 44 + 2 x Enter): {count.scanner}")
    print(f"pages passed: {len(count.pages)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
