"""Screenshots of cancellation and of 'Defter ve raporlar' on a demo register: the ledger,
the shift report, the paper forms (a block with a back-entry, a draft, a spoilt sheet and an
unused number; a used number refused at once) and the bank's check (genuine, cancelled).

QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screens_registers.py [--out docs/screens]
"""

from __future__ import annotations

import argparse
import datetime
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from gumruk_desk.register.demo import DEMO_OFFICERS
from gumruk_desk.services import Desk
from gumruk_desk.ui.app import application
from gumruk_desk.ui.cancel_dialog import CancelDialog
from gumruk_desk.ui.registers_dialog import RegistersDialog

ROOT = Path(__file__).resolve().parents[1]


def declaration(first: str, last: str, number: str, amount: str) -> dict[str, Any]:
    return {
        "kind": "nakit_beyan",
        "direction": "entry",
        "person": {
            "first_name": first,
            "last_name": last,
            "id_kind": "passport",
            "id_number": number,
            "birth_place": "Köln",
            "birth_date": "1980-01-31",
            "nationality": "DE",
            "father_name": "Peter",
        },
        "id_document_seen": True,
        "source_category": "export",
        "arrival_reason": {"code": "export", "text": "İhracat bedeli"},
        "cash": [{"currency": "EUR", "amount": amount}],
        "beneficiary": {
            "name": "Anadolu Tekstil A.Ş.",
            "legal_entity": True,
            "nationality": None,
            "id_kind": "vkn",
            "id_number": "4540536920",
        },
        "source_country": "DE",
    }


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screens"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    application()
    saved = []

    def shot(name: str, widget: QWidget) -> None:
        widget.show()
        settle()
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        saved.append(path.name)

    with tempfile.TemporaryDirectory() as tmp, Desk(Path(tmp) / "desk", create=True) as desk:
        desk.init_demo()
        demo, _witness, chief = DEMO_OFFICERS
        officer = desk.authenticate(demo.sicil, demo.password)
        records = [
            desk.register(declaration("Hans", "Müller", "C01X00T47", "12500.00"), officer=officer),
            desk.register(declaration("Çağrı", "Işıklı", "C22Y11R58", "20000.00"), officer=officer),
            desk.register(declaration("Sophie", "Dubois", "C33Z22Q69", "9000.00"), officer=officer),
        ]
        desk.approve_ledger_page(1, approver_sicil=chief.sicil, approver_password=chief.password)
        desk.cancel(
            records[1].number,
            reason="Tutar yanlış yazıldı",
            officer_sicil=demo.sicil,
            officer_password=demo.password,
            approver_sicil=chief.sicil,
            approver_password=chief.password,
        )
        block = desk.reserve_paper_block(
            "nakit_beyan", 4, supervisor_sicil=chief.sicil, supervisor_password=chief.password
        )
        desk.void_paper_number(
            block.numbers[3],
            reason="Form yırtıldı",
            supervisor_sicil=chief.sicil,
            supervisor_password=chief.password,
        )
        # The first sheet was filled on paper an hour ago and is entered now; the second is
        # half-entered (a draft names its paper number); the third is still blank.
        filled = (datetime.datetime.now() - datetime.timedelta(hours=1)).replace(second=0)
        paper = {
            "number": block.numbers[0],
            "ledger_page": 3,
            "ledger_line": 7,
            "filled_at": filled.isoformat(timespec="minutes"),
        }
        desk.register(
            {**declaration("Olga", "Ivanova", "C44A33P70", "15000.00"), "paper": paper},
            officer=officer,
        )
        desk.save_draft(
            None,
            kind="nakit_beyan",
            officer=demo.sicil,
            page=2,
            data={
                "kind": "nakit_beyan",
                "paper": {**paper, "number": block.numbers[1]},
                "person": {"first_name": "John", "last_name": "Smith"},
            },
        )

        cancel = CancelDialog(desk, officer, records[2])
        cancel.reason.setPlainText("Yanlış kişi adına düzenlendi")
        cancel.collected.setChecked(True)
        cancel.officer_password.setText(demo.password)
        cancel.accept()  # no supervisor password: refused
        shot("cancel-refused", cancel)

        dialog = RegistersDialog(desk, officer)
        shot("registers-ledger", dialog)
        dialog.tabs.setCurrentIndex(1)
        dialog.show_report()
        shot("registers-report", dialog)
        dialog.tabs.setCurrentIndex(2)
        dialog.refresh_paper()
        dialog.paper_table.selectRow(2)
        shot("registers-paper", dialog)
        dialog.paper_table.selectRow(0)
        dialog.enter_paper_form()  # already registered: refused at once, with the record
        shot("registers-paper-used", dialog)
        dialog.paper_table.selectRow(2)
        dialog.paper_confirm.password.setText(chief.password)
        dialog.void_paper()  # no reason given: said under the reason, nothing sent
        shot("registers-paper-void-refused", dialog)
        dialog.tabs.setCurrentIndex(3)
        dialog.bank_number.setText(records[0].number)
        dialog.bank_document.setText("C01X00T47")
        dialog.verify()
        shot("registers-bank", dialog)
        dialog.bank_number.setText(records[1].number)
        dialog.bank_document.setText("C22Y11R58")
        dialog.verify()
        shot("registers-bank-cancelled", dialog)
        for widget in (cancel, dialog):
            widget.close()
            widget.deleteLater()
        settle()
    print("\n".join(saved))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
