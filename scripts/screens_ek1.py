"""Screenshots of the Nakit Beyan Formu (EK-1) wizard, every page and the states worth seeing.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screens_ek1.py [--out docs/screens]

Builds a throwaway demo register under a temporary folder, drives the real wizard (the MRZ is
scanned with real key events, as the keyboard-wedge scanner types it) and saves
``QWidget.grab()`` of each state as ``ek1-*.png``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtGui import QPainter, QPixmap  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from gumruk_desk.register.demo import DEMO_OFFICERS  # noqa: E402
from gumruk_desk.services import Desk  # noqa: E402
from gumruk_desk.ui.app import application  # noqa: E402
from gumruk_desk.ui.ek1 import wizard as w  # noqa: E402
from gumruk_desk.ui.ek1.wizard import NakitBeyanWizard  # noqa: E402

SPECIMEN_TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
SAMPLE = {
    "kind": "nakit_beyan",
    "direction": "entry",
    "person": {
        "first_name": "ANNA MARIA",
        "last_name": "ERIKSSON",
        "id_kind": "passport",
        "id_number": "L898902C3",
        "birth_place": "Stockholm",
        "birth_date": "1974-08-12",
        "nationality": "SE",
        "father_name": "Lars",
    },
    "id_document_seen": True,
    "source_category": "export",
    "arrival_reason": {"code": "export", "text": "Makine ihracat bedeli, fatura 2026/118"},
    "cash": [
        {"currency": "EUR", "amount": "10000.00"},
        {"currency": "USD", "amount": "2500.00"},
        {"instrument": "cek", "currency": "TRY", "amount": "50000.00"},
    ],
    "beneficiary": {
        "name": "Anadolu Tekstil Sanayi ve Ticaret A.Ş.",
        "legal_entity": True,
        "nationality": None,
        "id_kind": "vkn",
        "id_number": "4540536920",
    },
    "source_country": "SE",
}


def review_paper(wizard: NakitBeyanWizard) -> QWidget:
    """The review page's printed-form layout (built once the page is shown)."""
    paper = wizard.review_page.paper
    assert paper is not None
    return paper


def paint_over(image: QPixmap, window: QWidget, dialog: QWidget) -> None:
    """Draw ``dialog`` (a window of its own) onto ``image`` of ``window``, where it shows."""
    painter = QPainter(image)
    at = dialog.mapToGlobal(QPoint(0, 0)) - window.mapToGlobal(QPoint(0, 0))
    painter.drawPixmap(at, dialog.grab())
    painter.end()


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
        demo = DEMO_OFFICERS[0]
        officer = desk.authenticate(demo.sicil, demo.password)

        def shot(
            name: str,
            build: Callable[[], NakitBeyanWizard],
            part: Callable[[NakitBeyanWizard], QWidget] | None = None,
        ) -> None:
            wizard = build()
            settle()
            path = out / f"ek1-{name}.png"
            image = (part(wizard) if part else wizard).grab()
            question = wizard.close_question
            if question is not None and question.isVisible():
                paint_over(image, wizard, question)
            image.save(str(path))
            saved.append(path.name)
            for draft in desk.drafts():  # the throwaway register keeps no drafts behind
                desk.discard_draft(draft.id)
            wizard.reject()
            wizard.deleteLater()
            settle()

        def opened(data: dict[str, Any] | None = None, page: int = w.SOURCE) -> NakitBeyanWizard:
            wizard = NakitBeyanWizard(desk, officer, data=data)
            wizard.show()
            wizard.activateWindow()
            settle()
            wizard.advance_to(page)
            settle()
            return wizard

        shot("1-kaynak", lambda: opened())

        def prohibited() -> NakitBeyanWizard:
            wizard = opened()
            wizard.source_page.set_category("personal_capital")
            return wizard

        shot("1b-kaynak-yasak", prohibited)

        def prohibited_refused() -> NakitBeyanWizard:
            wizard = prohibited()
            wizard.next()
            return wizard

        shot("1c-kaynak-yasak-uyari", prohibited_refused)

        def exit_refused() -> NakitBeyanWizard:
            wizard = opened({**SAMPLE, "direction": "exit"})
            wizard.next()
            return wizard

        shot("1d-cikis-reddi", exit_refused)

        def identity_empty() -> NakitBeyanWizard:
            return opened({"source_category": "export"}, w.IDENTITY)

        shot("2-kimlik", identity_empty)

        def identity_scanned() -> NakitBeyanWizard:
            wizard = opened({"source_category": "export"}, w.IDENTITY)
            field = wizard.identity_page.mrz
            field.setFocus()
            for line in SPECIMEN_TD3:
                QTest.keyClicks(field, line)
                QTest.keyClick(field, Qt.Key.Key_Return)
            return wizard

        shot("2b-kimlik-mrz-okundu", identity_scanned)

        def identity_errors() -> NakitBeyanWizard:
            wizard = opened({"source_category": "export"}, w.IDENTITY)
            page = wizard.identity_page
            page.first_name.setText("Hans")
            page.id_kind.setCurrentIndex(page.id_kind.findData("tckn"))
            page.id_number.setText("12345678901")
            page.birth_date.setText("31.02.1980")
            wizard.next()
            return wizard

        shot("2c-kimlik-hatalar", identity_errors)
        shot("3-nakit", lambda: opened(SAMPLE, w.CASH))

        def cash_error() -> NakitBeyanWizard:
            wizard = opened({**SAMPLE, "cash": [{"currency": "EUR", "amount": ""}]}, w.CASH)
            wizard.cash_page.editor.row_widgets(0)[2].setText("-100")
            wizard.next()
            return wizard

        shot("3b-nakit-hata", cash_error)
        own = {k: v for k, v in SAMPLE.items() if k != "beneficiary"}
        shot("4-adina-getirilen-kendisi", lambda: opened(own, w.BENEFICIARY))
        shot("4b-adina-getirilen-tuzel", lambda: opened(SAMPLE, w.BENEFICIARY))
        shot("5-kontrol", lambda: opened(SAMPLE, w.REVIEW))
        # The whole review as it scrolls: the printed form's layout, top to bottom.
        shot("5c-kontrol-tum-form", lambda: opened(SAMPLE, w.REVIEW), review_paper)

        def close_question() -> NakitBeyanWizard:
            wizard = opened(SAMPLE, w.CASH)
            wizard.request_close()
            return wizard

        shot("0-kapatma-sorusu", close_question)

        def registered() -> NakitBeyanWizard:
            wizard = opened(SAMPLE, w.REVIEW)
            wizard.next()
            return wizard

        shot("6-kaydedildi", registered)

        seizure_data = {
            **SAMPLE,
            "source_category": "loan_from_abroad",
            "arrival_reason": {"code": "other", "text": "Yurt dışından alınan kredi"},
            "_wizard": {"source": {"category": "loan_from_abroad", "seizure": True}},
        }
        shot("4z-zabit-bilgileri", lambda: opened(seizure_data, w.SEIZURE))

        def seizure_review() -> NakitBeyanWizard:
            facts: dict[str, Any] = {
                "found": "on_person",
                "found_detail": "Beyan için kendisi ibraz etti",
                "facts": "Kişi nakdi beyan etmek istedi; kaynağın yurt dışından alınan kredi "
                "olduğu anlaşıldı, beyan alınmadı ve nakit sayılarak el konuldu.",
                "statement": "Kredi Almanya'daki bankadan alındı, iş yerimin kirası içindir.",
                "order": None,
                "present": [],
            }
            return opened({**seizure_data, "seizure": facts}, w.REVIEW)

        shot("5b-kontrol-el-koyma", seizure_review)

        def seizure_registered() -> NakitBeyanWizard:
            wizard = seizure_review()
            wizard.next()
            return wizard

        shot("6b-el-koyma-kaydedildi", seizure_registered)

    print("\n".join(saved))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
