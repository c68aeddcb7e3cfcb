"""Key presses for complete Nakit Açıklama Tutanağı (EK-2) cases with an MRZ scan (run by hand;
prints figures, asserts nothing).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/ek2_keys_bench.py

Replays, with real key events, the very paths tests/test_ui_ek2_wizard.py proves (one per
outcome and the exit cases; tests/ek2_keys.py builds them page by page) on a throwaway
register, checks each registered, and counts the keys: the officer's (typed characters
included), and separately the characters the keyboard-wedge scanner typed. The common cases
(a correct explanation on entry and on exit within the limit: what the form asks for, the
count taken over from the statement) are shown beside their target; the others type the
seizure report's facts and statements, a witness's password, a refusal's reason.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from ek1_keys import play_registering
from gumruk_desk.ui.app import application
from register_fixtures import OFFICER, OFFICER_PW, setup_register
from test_ui_ek2_wizard import CASES

#: The officer's keys a common case may take after the scan.
TARGETS = {"correct": 120, "exit_within_limit": 120}


def main() -> int:
    application()
    from gumruk_desk.services import Desk
    from gumruk_desk.ui.ek2.wizard import NakitAciklamaWizard

    print(
        f"{'case':<20} {'outcome':<18} {'officer keys':>12} {'target':>7} {'typed':>6} "
        f"{'scanner':>8} pages"
    )
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "desk"
        setup_register(home)
        with Desk(home) as desk:
            officer = desk.authenticate(OFFICER, OFFICER_PW)
            for name, (path, _expected, _outcome) in sorted(CASES.items()):
                wizard = NakitAciklamaWizard(desk, officer)
                count, record, typed = play_registering(wizard, tuple(path))
                if record is None:
                    print(f"{name}: the path did not register a record.", file=sys.stderr)
                    return 1
                target = f"≤ {TARGETS[name]}" if name in TARGETS else "—"
                print(
                    f"{name:<20} {record.outcome.code:<18} {count.officer:>12} "
                    f"{target:>7} {typed:>6} {count.scanner:>8} {len(count.pages)}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
