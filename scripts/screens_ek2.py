"""Screenshots of the Nakit Açıklama Tutanağı (EK-2) wizard: every page, the result page for
each outcome, and the states worth seeing (the locked statement, the banknote counter, the
exit limit with an entry declaration, a refused witness password, the seizure list).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screens_ek2.py [--out docs/screens]

Builds a throwaway demo register under a temporary folder, drives the real wizard and saves
``QWidget.grab()`` of each state as ``ek2-*.png``.
"""

from __future__ import annotations

import argparse
import copy
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

import shiboken6  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from screens_ek1 import paint_over  # noqa: E402

from gumruk_desk.register.demo import DEMO_OFFICERS  # noqa: E402
from gumruk_desk.services import Desk  # noqa: E402
from gumruk_desk.ui.app import application  # noqa: E402
from gumruk_desk.ui.ek2 import wizard as w  # noqa: E402
from gumruk_desk.ui.ek2.wizard import NakitAciklamaWizard  # noqa: E402
from gumruk_desk.ui.seizures_dialog import SeizuresDialog  # noqa: E402

PERSON = {
    "first_name": "ANNA MARIA",
    "last_name": "ERIKSSON",
    "id_kind": "passport",
    "id_number": "L898902C3",
    "birth_place": "Stockholm",
    "birth_date": "1974-08-12",
    "nationality": "SE",
    "father_name": "Lars",
    "mother_name": "Birgitta",
    "occupation": "Tüccar",
    "address": "Storgatan 1, 111 51 Stockholm",
    "phone": "+46 8 123456",
    "destination_address": "Cumhuriyet Cad. 5, Şişli, İstanbul",
    "destination_phone": "0212 555 00 00",
}


def sample(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "nakit_aciklama",
        "direction": "entry",
        "person": copy.deepcopy(PERSON),
        "id_document_seen": True,
        "source_category": "export",
        "selection_basis": "risk_analysis",
        "country_from": "DE",
        "country_to": None,
        "declared": [{"currency": "EUR", "amount": "10000.00"}],
        "detected": [
            {"currency": "EUR", "amount": "10000.00"},
            {"instrument": "cek", "currency": "TRY", "amount": "25000.00"},
        ],
        "sender": {"name": "Nordic Trade AB", "id_number": "5560360793"},
        "purpose": "Ticari ödeme: kumaş alımı",
        "source": "İhracat geliri",
        "witness_officer": None,
    }
    if overrides.get("direction") == "exit":
        data.update(country_from=None, country_to="SE", residence="non_resident")
    data.update(overrides)
    return data


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screens"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    application()
    saved: list[str] = []

    with tempfile.TemporaryDirectory() as tmp, Desk(Path(tmp) / "desk", create=True) as desk:
        desk.init_demo()
        demo, witness = DEMO_OFFICERS[0], DEMO_OFFICERS[1]
        officer = desk.authenticate(demo.sicil, demo.password)
        widgets: list[QWidget] = []

        def shot(name: str, build: Callable[[], QWidget]) -> None:
            widget = build()
            settle()
            path = out / f"ek2-{name}.png"
            image = widget.grab()
            question = getattr(getattr(widget, "declaration_page", None), "confirmation", None)
            if question is not None and question.isVisible():
                paint_over(image, widget, question)
            image.save(str(path))
            saved.append(path.name)
            for draft in desk.drafts():  # the throwaway register keeps no drafts behind
                desk.discard_draft(draft.id)
            widgets.append(widget)
            reject = getattr(widget, "reject", None)
            if callable(reject):
                reject()  # put aside without the question a wizard holding data asks
            widget.hide()
            settle()

        def opened(
            data: dict[str, Any] | None = None, page: int = w.SELECTION
        ) -> NakitAciklamaWizard:
            wizard = NakitAciklamaWizard(desk, officer, data=data)
            wizard.show()
            wizard.activateWindow()
            settle()
            wizard.advance_to(min(page, w.STATEMENT))
            if page > w.STATEMENT:
                wizard.statement_page.told.setChecked(True)
                wizard.advance_to(page)
            settle()
            return wizard

        shot("01-secim-yon", lambda: opened())
        shot("02-kimlik", lambda: opened(sample(id_document_seen=False), w.IDENTITY))
        shot("03-diger-bilgiler", lambda: opened(sample(), w.PERSONAL))
        shot("04-aciklama", lambda: opened(sample(), w.DECLARATION))

        def lock_question() -> Any:
            wizard = opened(sample(), w.DECLARATION)
            wizard.next()  # İleri: the question before the lock
            return wizard

        shot("04b-aciklama-kilit-sorusu", lock_question)

        def locked() -> Any:
            wizard = opened(sample(), w.COUNT)
            wizard.back()
            return wizard

        shot("04c-aciklama-kilitli", locked)
        shot("05-sayim", lambda: opened(sample(), w.COUNT))

        def counter() -> Any:
            wizard = opened(sample(detected=[{"currency": "EUR", "amount": "10000.00"}]), w.COUNT)
            dialog = wizard.count_page.editor.count_row(0)
            assert dialog is not None
            dialog.count_edit("500").setText("16")
            dialog.count_edit("100").setText("20")
            dialog.count_edit("50").setText("3")
            widgets.append(wizard)
            return dialog

        shot("05b-kupur-sayimi", counter)
        shot("06-gonderen-amac-kaynak", lambda: opened(sample(), w.STATEMENT))

        exit_over = sample(
            direction="exit",
            declared=[{"currency": "EUR", "amount": "9000.00"}],
            detected=[{"currency": "EUR", "amount": "9000.00"}],
            residence="resident",
        )
        shot("07-cikis-siniri-asildi", lambda: opened(exit_over, w.EXIT))

        entry_form = desk.register(
            {
                "kind": "nakit_beyan",
                "direction": "entry",
                "person": {k: PERSON[k] for k in list(PERSON)[:8]},
                "id_document_seen": True,
                "source_category": "export",
                "arrival_reason": {"code": "export", "text": "İhracat bedeli"},
                "cash": [{"currency": "EUR", "amount": "10000.00"}],
                "beneficiary": {
                    "name": "Anadolu Tekstil A.Ş.",
                    "legal_entity": True,
                    "nationality": None,
                    "id_kind": "vkn",
                    "id_number": "4540536920",
                },
                "source_country": "SE",
            },
            officer=officer,
        )
        exit_covered = {
            **exit_over,
            "residence": "non_resident",
            "exit_exception": {"kind": "entry_declaration", "reference": entry_form.number},
        }
        shot("07b-cikis-giris-beyani", lambda: opened(exit_covered, w.EXIT))
        exit_bank = {
            **exit_over,
            "exit_exception": {
                "kind": "bank_document",
                "reference": "ZIRAAT-2026-001234",
                "cash": [{"currency": "EUR", "amount": "2000.00"}],
            },
        }
        shot("07d-cikis-banka-belgesi", lambda: opened(exit_bank, w.EXIT))

        def widened() -> Any:
            wizard = opened(exit_over, w.EXIT)
            wizard.exit_page.widen.setChecked(True)
            return wizard

        shot("07c-cikis-el-koyma-genislet", widened)

        results = {
            "a-dogru": sample(),
            "b-aciklama-yok-sinir-ici": sample(
                declared=None, detected=[{"currency": "EUR", "amount": "50.00"}]
            ),
            "b-aciklama-yok": sample(declared=None),
            "c-yanlis-aciklama": sample(
                selection_basis="officer_assessment",
                declared=[{"currency": "EUR", "amount": "1000.00"}],
                detected=[{"currency": "EUR", "amount": "16000.00"}],
            ),
            "kaynak-yasak": sample(source_category="loan_from_abroad"),
            "cikis-sinir-ici": sample(
                direction="exit",
                declared=[{"currency": "USD", "amount": "3000.00"}],
                detected=[{"currency": "USD", "amount": "3000.00"}],
            ),
            "cikis-sinir-asildi": exit_over,
            "cikis-giris-beyani": exit_covered,
        }
        for name, data in results.items():
            shot(f"08-sonuc-{name}", partial(opened, data, w.RESULT))

        # Cash is seized: the seizure report's own facts, asked on a page of their own.
        seizure = {
            "found": "baggage",
            "found_detail": "Valizin astarına dikilmiş iki zarf içinde",
            "facts": "Yolcu X-ray kontrolünde valizinde yoğunluk görülmesi üzerine arandı; "
            "astarına dikilmiş zarflarda avro banknotlar bulundu ve huzurunda sayıldı.",
            "statement": "Para amcamındır; beyan etmem gerektiğini bilmiyordum.",
            "order": None,
            "present": [
                {"name": "Mehmet Kaya", "id_number": "10000000146"},
                {"name": "Zeynep Ak", "id_number": "17291716060"},
            ],
        }
        shot("08z-zabit-bilgileri-bos", lambda: opened(results["c-yanlis-aciklama"], w.SEIZURE))
        misdeclared = {**results["c-yanlis-aciklama"], "seizure": seizure}
        exit_over = {**exit_over, "seizure": {**seizure, "found": "on_person"}}
        shot("08z-zabit-bilgileri", lambda: opened(misdeclared, w.SEIZURE))
        shot("09-imzalar", lambda: opened(misdeclared, w.SIGNATURES))

        def wrong_password() -> Any:
            wizard = opened(misdeclared, w.SIGNATURES)
            wizard.signatures_page.set_witness(witness.sicil)
            wizard.signatures_page.password.setText("yanlis")
            wizard.next()
            return wizard

        shot("09b-imzalar-yanlis-parola", wrong_password)

        def refused() -> Any:
            wizard = opened(
                {**misdeclared, "signature_refused": {"reason": "Okumadan imzalamam dedi"}},
                w.SIGNATURES,
            )
            wizard.signatures_page.set_witness(witness.sicil)
            return wizard

        shot("09c-imzalar-imzadan-kacinma", refused)

        def registered(data: dict[str, Any], with_witness: bool) -> Any:
            wizard = opened(data, w.SIGNATURES)
            if with_witness:
                wizard.signatures_page.set_witness(witness.sicil)
                wizard.signatures_page.password.setText(witness.password)
            wizard.next()
            return wizard

        shot("10-kaydedildi-dogru", lambda: registered(sample(), False))
        shot("10b-kaydedildi-el-koyma", lambda: registered(misdeclared, True))
        shot("10c-kaydedildi-cikis-siniri", lambda: registered(exit_over, False))
        shot("11-el-koymalar-listesi", lambda: SeizuresDialog(desk))
        for widget in widgets:
            if shiboken6.isValid(widget):  # a dialog closed by its wizard is gone already
                widget.deleteLater()
        settle()
    print("\n".join(saved))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
