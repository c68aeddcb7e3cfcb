"""Render the register's printouts on a throwaway demo register, as PNGs to look at:
a ledger page (approved, with a later cancellation on the next page), the shift report, and a
bank's verification answer.

    .venv/bin/python scripts/render_reports.py [--out docs]

Needs ``pdftoppm`` (Debian poppler-utils).
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

from gumruk_desk.register.demo import DEMO_OFFICERS
from gumruk_desk.services import Desk

ROOT = Path(__file__).resolve().parents[1]


def person(first: str, last: str, number: str) -> dict[str, str]:
    return {
        "first_name": first,
        "last_name": last,
        "id_kind": "passport",
        "id_number": number,
        "birth_place": "İzmir",
        "birth_date": "1981-04-02",
        "nationality": "DE",
        "father_name": "Ömer",
    }


def ek1(who: dict[str, str], cash: list[dict[str, str]]) -> dict[str, object]:
    return {
        "kind": "nakit_beyan",
        "direction": "entry",
        "person": who,
        "id_document_seen": True,
        "source_category": "export",
        "arrival_reason": {"code": "export", "text": "İhracat bedeli"},
        "cash": cash,
        "beneficiary": {
            "name": "Anadolu Tekstil A.Ş.",
            "legal_entity": True,
            "nationality": None,
            "id_kind": "vkn",
            "id_number": "4540536920",
        },
        "source_country": "DE",
    }


def ek2(who: dict[str, str], declared: object, detected: list[dict[str, str]]) -> dict[str, object]:
    return {
        "kind": "nakit_aciklama",
        "direction": "entry",
        "person": {
            **who,
            "mother_name": "Şükran",
            "occupation": "Tüccar",
            "address": "Bahnhofstraße 3, Köln",
        },
        "id_document_seen": True,
        "source_category": "export",
        "selection_basis": "risk_analysis",
        "country_from": "DE",
        "declared": declared,
        "detected": detected,
        "purpose": "Ticari ödeme",
        "source": "İhracat geliri",
        "witness_officer": DEMO_OFFICERS[1].sicil,
    }


def png(pdf: bytes, target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "page.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(source),
                str(target.with_suffix("")),
            ],
            check=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, Desk(Path(tmp) / "desk", create=True) as desk:
        desk.init_demo()
        officer_demo, witness_demo, chief = DEMO_OFFICERS
        officer = desk.authenticate(officer_demo.sicil, officer_demo.password)
        witness = desk.authenticate(witness_demo.sicil, witness_demo.password)
        people = [
            person("Çağrı", "Şahinoğlu", "C01X00T47"),
            person("İlkay", "Güneş", "C22Y11R58"),
            person("Hans", "Müller", "C33Z22Q69"),
            person("Ayşegül", "Öztürk", "C44A33P70"),
        ]
        numbers = [
            desk.register(
                ek1(people[0], [{"currency": "EUR", "amount": "12500.00"}]), officer=officer
            ).number,
            desk.register(
                ek1(
                    people[1],
                    [
                        {"currency": "USD", "amount": "20000.00"},
                        {"instrument": "cek", "currency": "TRY", "amount": "150000.00"},
                    ],
                ),
                officer=officer,
            ).number,
            desk.register(
                ek2(
                    people[2],
                    [{"currency": "EUR", "amount": "1000.00"}],
                    [{"currency": "EUR", "amount": "16000.00"}],
                ),
                officer=officer,
                witness=witness,
            ).number,
            desk.register(
                ek2(people[3], None, [{"currency": "EUR", "amount": "3000.00"}]),
                officer=officer,
                witness=witness,
            ).number,
        ]
        desk.approve_ledger_page(1, approver_sicil=chief.sicil, approver_password=chief.password)
        desk.register(ek1(people[3], [{"currency": "EUR", "amount": "9000.00"}]), officer=officer)
        desk.cancel(
            numbers[1],
            reason="Tutar yanlış yazıldı; yerine yeni form düzenlendi",
            officer_sicil=officer_demo.sicil,
            officer_password=officer_demo.password,
            approver_sicil=chief.sicil,
            approver_password=chief.password,
        )
        png(desk.ledger_pdf(page=1), out / "ledger-page-approved.png")
        png(desk.ledger_pdf(page=2), out / "ledger-page-open.png")
        report = desk.shift_report(officer=officer_demo.sicil)
        png(desk.shift_report_pdf(report), out / "shift-report.png")
        _answer, pdf = desk.verification_pdf(numbers[0], people[0]["id_number"])
        png(pdf, out / "bank-verification.png")
    for name in ("ledger-page-approved", "ledger-page-open", "shift-report", "bank-verification"):
        print(out / f"{name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
