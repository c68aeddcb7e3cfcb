"""Render every printed document on a throwaway register, as PNGs to look at (first page of
each): the EK-1, the EK-2 for each outcome, the seizure report and its receipt, a cancelled
reprint and its replacement, the blank paper forms. The ledger, the shift report and the
bank's answer are scripts/render_reports.py's.

    .venv/bin/python scripts/render_documents.py [--out docs/documents]

Needs ``pdftoppm`` (Debian poppler-utils).
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import render_reports  # scripts/ is on the path when a script of it runs

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from gumruk_desk.services import Desk
from register_fixtures import setup_register

ROOT = Path(__file__).resolve().parents[1]

PERSON = {
    "first_name": "Çağrı Ayşegül",
    "last_name": "Şahinoğlu",
    "id_kind": "passport",
    "id_number": "C01X00T47",
    "birth_place": "İzmir",
    "birth_date": "1981-04-02",
    "nationality": "DE",
    "father_name": "Ömer",
}
PERSON_EK2 = {
    **PERSON,
    "mother_name": "Şükran",
    "occupation": "Tekstil tüccarı",
    "address": "Bahnhofstraße 3, 50667 Köln",
    "phone": "+49 221 123456",
    "destination_address": "Cumhuriyet Cad. 5, Şişli, İstanbul",
    "destination_phone": "0212 555 00 00",
}
SEIZURE = {
    "found": "baggage",
    "found_detail": "Valizin astarına dikilmiş iki zarf içinde",
    "facts": "Yolcu X-ray kontrolünde valizinde yoğunluk görülmesi üzerine arandı; astarına "
    "dikilmiş iki zarf içinde 500 ve 100 avroluk banknotlar bulundu, yolcunun huzurunda sayıldı.",
    "statement": "Paranın bir kısmı amcamındır, Almanya'daki dükkânın satış bedelidir; beyan "
    "etmem gerektiğini bilmiyordum.",
    "order": None,
    "present": [
        {"name": "Mehmet Kaya", "id_number": "10000000146"},
        {"name": "Zeynep Ak", "id_number": "17291716060"},
    ],
}


def ek1(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "nakit_beyan",
        "direction": "entry",
        "person": copy.deepcopy(PERSON),
        "id_document_seen": True,
        "source_category": "export",
        "arrival_reason": {"code": "export", "text": "İhracat bedeli (fatura 2026/118)"},
        "cash": [
            {"currency": "EUR", "amount": "12500.00"},
            {"currency": "USD", "amount": "4000.00"},
        ],
        "beneficiary": {
            "name": "Anadolu Tekstil Sanayi ve Ticaret A.Ş.",
            "legal_entity": True,
            "nationality": None,
            "id_kind": "vkn",
            "id_number": "4540536920",
        },
        "source_country": "DE",
    }
    data.update(overrides)
    return data


def ek2(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "nakit_aciklama",
        "direction": "entry",
        "person": copy.deepcopy(PERSON_EK2),
        "id_document_seen": True,
        "source_category": "export",
        "selection_basis": "risk_analysis",
        "country_from": "DE",
        "country_to": None,
        "declared": [{"currency": "EUR", "amount": "1000.00"}],
        "detected": [{"currency": "EUR", "amount": "1000.00"}],
        "sender": None,
        "purpose": "Ticari ödeme",
        "source": "Almanya'daki dükkânın satış bedeli",
        "witness_officer": "12346",
    }
    if overrides.get("direction") == "exit":
        data.update(country_from=None, country_to="DE", residence="non_resident")
    data.update(overrides)
    return data


def png(pdf: bytes, target: Path) -> None:
    render_reports.png(pdf, target)
    print(target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "documents"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp()) / "desk"
    setup_register(home)  # the tests' own station, officers and bulletin
    with Desk(home) as desk:
        officer = desk.authenticate("12345", "parola-12345")
        witness = desk.authenticate("12346", "parola-12346")

        def reg(data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
            who = witness if data.get("witness_officer") else None
            return desk.register(data, officer=officer, witness=who, **kwargs).to_json()

        def doc(number: str, name: str, document: str = "form") -> None:
            png(desk.render_document(number, document).pdf, out / f"{name}.png")

        declared = reg(ek1())
        doc(declared["number"], "ek1-nakit-beyan-formu")
        prohibited = reg(ek1(source_category="loan_from_abroad", seizure=SEIZURE))
        doc(prohibited["number"], "ek1-kaynak-yasak-zabit-varakasi", "seizure")

        counted = [
            {
                "currency": "EUR",
                "amount": "16000.00",
                "denominations": [
                    {"value": "500.00", "count": 30},
                    {"value": "100.00", "count": 10},
                ],
            },
            {"currency": "KWD", "amount": "100.500"},
            {"instrument": "cek", "currency": "TRY", "amount": "5000.00"},
        ]
        cases = {
            "ek2-sonuc-a-dogru": ek2(witness_officer=None),
            "ek2-sonuc-b-aciklama-yok": ek2(declared=None, detected=counted, seizure=SEIZURE),
            "ek2-sonuc-c-yanlis-aciklama": ek2(detected=counted, seizure=SEIZURE),
            "ek2-kaynak-yasak": ek2(
                source_category="personal_capital", detected=counted[:1], seizure=SEIZURE
            ),
            "ek2-cikis-sinir-ici": ek2(
                direction="exit",
                declared=[{"currency": "USD", "amount": "3000.00"}],
                detected=[{"currency": "USD", "amount": "3000.00"}],
                witness_officer=None,
            ),
            "ek2-cikis-sinir-asildi": ek2(
                direction="exit",
                residence="resident",
                declared=[{"currency": "EUR", "amount": "8000.00"}],
                detected=[{"currency": "EUR", "amount": "8000.00"}],
                seizure={**SEIZURE, "found": "on_person", "found_detail": "Ceketin iç cebinde"},
            ),
            "ek2-cikis-giris-beyani": ek2(
                direction="exit",
                exit_exception={"kind": "entry_declaration", "reference": declared["number"]},
                declared=[{"currency": "EUR", "amount": "9000.00"}],
                detected=[{"currency": "EUR", "amount": "9000.00"}],
                witness_officer=None,
            ),
        }
        made = {}
        for name, data in cases.items():
            made[name] = reg(
                data,
                manual_rates={"KWD": Decimal("104.4752")}
                if any(x.get("currency") == "KWD" for x in data["detected"])
                else None,
            )
            doc(made[name]["number"], name)
        misdeclared = made["ek2-sonuc-c-yanlis-aciklama"]["number"]
        doc(misdeclared, "zabit-varakasi", "seizure")
        doc(misdeclared, "alindi-belgesi", "receipt")

        desk.cancel(
            declared["number"],
            reason="Lehine nakit getirilen şirketin vergi numarası yanlış yazıldı",
            officer_sicil="12345",
            officer_password="parola-12345",
            approver_sicil="90001",
            approver_password="amir-parola-1",
            copies_collected=3,
        )
        replacement = reg(ek1(), replaces=declared["number"])
        doc(declared["number"], "iptal-edilen-yeniden-baski")
        doc(replacement["number"], "yerine-duzenlenen")

        for kind, name in (("nakit_beyan", "bos-kagit-ek1"), ("nakit_aciklama", "bos-kagit-ek2")):
            block = desk.reserve_paper_block(
                kind, 1, supervisor_sicil="90001", supervisor_password="amir-parola-1"
            )
            png(desk.blank_forms_pdf(block.numbers), out / f"{name}.png")

        # The draft rule set 2024/1, once a supervisor confirms it: a declaration on exit,
        # and a seizure report citing that rule set's law.
        desk.confirm_ruleset("2024/1", desk.authenticate("90001", "amir-parola-1"))
        leaving = reg(
            ek1(
                direction="exit",
                country_to="DE",
                cash=[{"currency": "EUR", "amount": "12000.00"}],
            )
        )
        doc(leaving["number"], "2024-1-ek1-cikis-beyani")
        undeclared = reg(
            ek2(
                direction="exit",
                residence="non_resident",
                declared=None,
                detected=[{"currency": "EUR", "amount": "12000.00"}],
                seizure=SEIZURE,
            )
        )
        doc(undeclared["number"], "2024-1-ek2-cikis-beyansiz")
        doc(undeclared["number"], "2024-1-zabit-varakasi", "seizure")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
