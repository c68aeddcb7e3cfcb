"""Screenshots of the desk window on a demo register (run by hand, offscreen).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screens_main.py

Builds a throwaway demo station under a temporary folder, registers about thirty records of
both kinds through ``Desk.register`` (declarations, correct and wrong explanations, a
prohibited source, an exit over the limit), opens the main window at 1280×800 with a wrong
explanation selected and saves ``docs/screens/main-window.png``; then runs itself again in a
subprocess with ``QT_SCALE_FACTOR=1.5`` for ``docs/screens/main-window-150.png``. Vardiya sonu
on the same register, which has no central address and seizures whose 24 hours run, is saved
as ``shift-end.png`` (as it opens) and ``shift-end-address.png`` (a supervisor has just set the
address; the upload is offered).
"""

from __future__ import annotations

import copy
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCREENS = ROOT / "docs" / "screens"
SIZE = (1280, 800)

# Demo officers of gumruk_desk.register.demo: an officer, a second officer, a supervisor.
OFFICER, OFFICER_PW = "10001", "demo-10001"
WITNESS, WITNESS_PW = "10002", "demo-10002"
SUPERVISOR_PW = "demo-19001"

PEOPLE: list[dict[str, Any]] = [
    {"first_name": "Hans", "last_name": "Müller", "nationality": "DE", "birth_place": "Köln"},
    {"first_name": "Ayşegül", "last_name": "Şahin", "nationality": "TR", "birth_place": "İzmir"},
    {"first_name": "İbrahim", "last_name": "Doğan", "nationality": "TR", "birth_place": "Iğdır"},
    {"first_name": "Olga", "last_name": "Ivanova", "nationality": "RU", "birth_place": "Moskova"},
    {"first_name": "Çağrı", "last_name": "Işıklı", "nationality": "TR", "birth_place": "Çorum"},
    {"first_name": "John", "last_name": "Smith", "nationality": "GB", "birth_place": "Leeds"},
    {"first_name": "Gülşen", "last_name": "Öztürk", "nationality": "TR", "birth_place": "Muğla"},
    {"first_name": "Yuki", "last_name": "Tanaka", "nationality": "JP", "birth_place": "Osaka"},
    {"first_name": "Mehmet Ali", "last_name": "Kılıç", "nationality": "TR", "birth_place": "Ağrı"},
    {"first_name": "Sophie", "last_name": "Dubois", "nationality": "FR", "birth_place": "Lyon"},
]


def person(i: int, rng: random.Random, explanation: bool) -> dict[str, Any]:
    from stdnum.tr import tckimlik

    base = copy.deepcopy(PEOPLE[i % len(PEOPLE)])
    if base["nationality"] == "TR":
        stem = str(rng.randint(10**8, 10**9 - 1))
        base.update(id_kind="tckn", id_number=stem + tckimlik.calc_check_digits(stem))
    else:
        base.update(id_kind="passport", id_number=f"P{rng.randint(10**6, 10**7 - 1)}")
    base.update(birth_date=f"19{rng.randint(55, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}")
    base["father_name"] = "Ahmet" if base["nationality"] == "TR" else "Peter"
    if explanation:
        base.update(
            mother_name="Fatma" if base["nationality"] == "TR" else "Anna",
            occupation="Tüccar",
            address="Cumhuriyet Cad. 12, Şişli, İstanbul",
            phone="0212 555 01 02",
            destination_address="Atatürk Bulvarı 5, Çankaya, Ankara",
            destination_phone="0312 444 00 00",
        )
    return base


def ek1(i: int, rng: random.Random, prohibited: bool = False) -> dict[str, Any]:
    currency = rng.choice(["EUR", "USD", "EUR", "JPY"])
    amount = rng.choice(["15000.00", "25000.00", "40000.00", "120000.00"])
    if currency == "JPY":
        amount = "2500000"
    reasons = {
        "export": {"code": "export", "text": "İhracat bedeli"},
        "foreign_capital": {"code": "foreign_capital", "text": "Yabancı sermaye bedeli"},
        "transit_trade": {"code": "transit_trade", "text": "Transit ticaret kazancı"},
    }
    source = rng.choice(sorted(reasons))
    return {
        "kind": "nakit_beyan",
        "direction": "entry",
        "person": person(i, rng, explanation=False),
        "id_document_seen": True,
        "source_category": "loan_from_abroad" if prohibited else source,
        "arrival_reason": reasons[source],
        "cash": [{"currency": currency, "amount": amount}],
        "beneficiary": {
            "name": "Anadolu Tekstil A.Ş.",
            "legal_entity": True,
            "nationality": None,
            "id_kind": "vkn",
            "id_number": "4540536920",
        },
        "source_country": rng.choice(["DE", "GB", "FR", "RU"]),
    }


def ek2(i: int, rng: random.Random, case: str) -> dict[str, Any]:
    detected = [{"currency": "EUR", "amount": f"{rng.randint(2, 9)}000.00"}]
    declared: list[dict[str, str]] | None = copy.deepcopy(detected)
    witness: str | None = None
    direction = "entry"
    if case == "misdeclared":
        declared = [{"currency": "EUR", "amount": "1000.00"}]
        detected = [
            {"currency": "EUR", "amount": "18000.00"},
            {"currency": "USD", "amount": "2500.00"},
        ]
        witness = WITNESS
    elif case == "no_declaration":
        declared = None
        detected = [{"currency": "USD", "amount": "50.00"}]
        witness = WITNESS
    elif case == "exit":
        direction = "exit"
        detected = [{"currency": "USD", "amount": "9000.00"}]
        declared = copy.deepcopy(detected)
    data: dict[str, Any] = {
        "kind": "nakit_aciklama",
        "direction": direction,
        "person": person(i, rng, explanation=True),
        "id_document_seen": True,
        "source_category": "other_free",
        "selection_basis": rng.choice(["risk_analysis", "random", "officer_assessment"]),
        "country_from": "DE" if direction == "entry" else None,
        "country_to": "DE" if direction == "exit" else None,
        "declared": declared,
        "detected": detected,
        "sender": None,
        "purpose": "Tatil harcamaları",
        "source": "Maaş birikimi",
        "witness_officer": witness,
    }
    if direction == "exit":
        data.update(residence="resident", exit_exception=None)
    return data


def build_register(home: Path) -> None:
    from gumruk_desk.services import Desk

    rng = random.Random(5)
    with Desk(home, create=True) as desk:
        desk.init_demo()
        officer = desk.authenticate(OFFICER, OFFICER_PW)
        witness = desk.authenticate(WITNESS, WITNESS_PW)
        plan = (
            ["ek1"] * 12
            + ["correct"] * 10
            + ["no_declaration"] * 2
            + ["misdeclared"] * 3
            + ["prohibited", "exit"]
        )
        rng.shuffle(plan)
        plan.append("misdeclared")  # the newest: the one the screenshot shows selected
        for i, case in enumerate(plan):
            if case == "ek1":
                data = ek1(i, rng)
            elif case == "prohibited":
                data = ek1(i, rng, prohibited=True)
            else:
                data = ek2(i, rng, case)
            named = data.get("witness_officer")
            desk.register(data, officer=officer, witness=witness if named else None)


def shoot(home: Path, target: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from gumruk_desk.services import Desk
    from gumruk_desk.ui.app import application
    from gumruk_desk.ui.main_window import MainWindow

    app = application()
    desk = Desk(home)
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    window = MainWindow(desk, officer)
    window.resize(*SIZE)
    window.show()
    window.select_row(0)
    for _ in range(5):
        QApplication.processEvents()
    window.view.setFocus()
    QApplication.processEvents()
    target.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(target))
    print(f"{target.relative_to(ROOT)}: {window.grab().size().toTuple()}")
    if target.name == "main-window.png":
        shoot_shift_end(window, target.parent)
    window.close()
    desk.close()
    app.processEvents()


def shoot_shift_end(window: Any, out: Path) -> None:
    """Vardiya sonu offline: as it opens, and once a supervisor has set the address."""
    from PySide6.QtWidgets import QApplication

    def settle() -> None:
        for _ in range(5):
            QApplication.processEvents()

    dialog = window.end_shift()
    settle()
    for name in ("shift-end", "shift-end-address"):
        if name == "shift-end-address":
            form = dialog.address_form
            form.url.setText("https://merkez.gumruk.gov.tr")
            form.confirm.password.setText(SUPERVISOR_PW)
            form.save()
            settle()
        path = out / f"{name}.png"
        dialog.grab().save(str(path))
        print(f"{path.relative_to(ROOT)}: {dialog.grab().size().toTuple()}")
    dialog.close()
    settle()


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--shoot":
        home, target = Path(sys.argv[2]), SCREENS / "main-window-150.png"
        shoot(home, target)
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "demo"
        build_register(home)
        shoot(home, SCREENS / "main-window.png")
        env = {**os.environ, "QT_SCALE_FACTOR": "1.5"}
        subprocess.run([sys.executable, __file__, "--shoot", str(home)], env=env, check=True)


if __name__ == "__main__":
    main()
