"""Builders of valid interchange-format inputs (SPEC §9) and of rate tables for tests."""

from __future__ import annotations

import copy
import dataclasses
import datetime
from decimal import Decimal
from typing import Any

from gumruk_desk.domain.rates import Bulletin, CurrencyQuote, RateColumn, RateTable, rate_table_for

TODAY = datetime.date(2026, 11, 23)
BULLETIN_DATE = datetime.date(2026, 11, 20)  # a Friday: Monday's records use it


def quote(code: str, banknote: str | None, forex: str, unit: int = 1) -> CurrencyQuote:
    return CurrencyQuote(
        code=code,
        unit=unit,
        name=code,
        forex_buying=Decimal(forex),
        forex_selling=Decimal(forex) + Decimal("0.1"),
        banknote_buying=Decimal(banknote) if banknote else None,
        banknote_selling=Decimal(banknote) + Decimal("0.2") if banknote else None,
    )


# Round, invented rates so that expected TL values can be checked by hand.
BULLETIN = Bulletin(
    date=BULLETIN_DATE,
    quotes={
        "USD": quote("USD", "30.0000", "29.9000"),
        "EUR": quote("EUR", "35.0000", "34.9000"),
        "GBP": quote("GBP", "40.0000", "39.9000"),
        "JPY": quote("JPY", "20.0000", "19.9000", unit=100),  # 0.20 TL per yen
        "RUB": quote("RUB", None, "0.4000"),  # no banknote rate: ForexBuying is used
    },
)


def rates(
    on: datetime.date = TODAY,
    manual: dict[str, Decimal] | None = None,
    column: RateColumn = RateColumn.BANKNOTE_BUYING,
    *,
    same_day_bulletin: bool = False,
) -> RateTable:
    """The test bulletin's rates in force on ``on`` (optionally as if published that day)."""
    bulletin = dataclasses.replace(BULLETIN, date=on) if same_day_bulletin else BULLETIN
    return rate_table_for([bulletin], on, column=column, manual=manual)


def cash(currency: str, amount: str, **extra: Any) -> dict[str, Any]:
    return {"currency": currency, "amount": amount, **extra}


def instrument(kind: str, currency: str, amount: str) -> dict[str, Any]:
    return {"instrument": kind, "currency": currency, "amount": amount}


PERSON_EK1: dict[str, Any] = {
    "first_name": "Hans",
    "last_name": "Müller",
    "id_kind": "passport",
    "id_number": "C01X00T47",
    "birth_place": "Köln",
    "birth_date": "1980-01-31",
    "nationality": "DE",
    "father_name": "Peter",
}

PERSON_EK2: dict[str, Any] = {
    **PERSON_EK1,
    "mother_name": "Anna",
    "occupation": "Tüccar",
    "address": "Hauptstraße 1, Köln",
    "phone": "+49 221 123456",
    "destination_address": "Cumhuriyet Cad. 5, İstanbul",
    "destination_phone": "0212 555 00 00",
}


def ek1(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "nakit_beyan",
        "direction": "entry",
        "person": copy.deepcopy(PERSON_EK1),
        "id_document_seen": True,
        "source_category": "export",
        "arrival_reason": {"code": "export", "text": "İhracat bedeli"},
        "cash": [cash("EUR", "10000.00")],
        "beneficiary": {
            "name": "Anadolu Tekstil A.Ş.",
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
        "declared": [cash("EUR", "1000.00")],
        "detected": [cash("EUR", "1000.00")],
        "sender": None,
        "purpose": "Ticari ödeme",
        "source": "İhracat geliri",
        "witness_officer": "12346",
    }
    if overrides.get("direction") == "exit":
        data.update(
            country_from=None, country_to="DE", residence="non_resident", exit_exception=None
        )
    data.update(overrides)
    return data


def tcmb_xml(day: datetime.date, bulletin: Bulletin = BULLETIN) -> bytes:
    """The test bulletin written in TCMB's today.xml format, dated ``day``."""

    def value(v: Decimal | None) -> str:
        return "" if v is None else f"{v:.4f}"

    parts = [
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Tarih_Date Tarih="{day:%d.%m.%Y}" '
        f'Date="{day:%m/%d/%Y}" Bulten_No="{day.year}/1">'
    ]
    for code, q in bulletin.quotes.items():
        parts.append(
            f'<Currency CrossOrder="0" Kod="{code}" CurrencyCode="{code}"><Unit>{q.unit}</Unit>'
            f"<Isim>{code}</Isim><CurrencyName>{code}</CurrencyName>"
            f"<ForexBuying>{value(q.forex_buying)}</ForexBuying>"
            f"<ForexSelling>{value(q.forex_selling)}</ForexSelling>"
            f"<BanknoteBuying>{value(q.banknote_buying)}</BanknoteBuying>"
            f"<BanknoteSelling>{value(q.banknote_selling)}</BanknoteSelling></Currency>"
        )
    parts.append("</Tarih_Date>")
    return "".join(parts).encode("utf-8")


def scan_qr(pdf: bytes, *, page: int = 1, dpi: int = 100) -> list[str]:
    """The QR codes a scanner reads off ``page`` of ``pdf``: rendered at ``dpi`` in grey by
    poppler, blurred by a pixel and saved as a JPEG of middling quality, as an office scanner
    sends it, then decoded with ZXing."""
    import io
    import subprocess
    import tempfile
    from pathlib import Path

    import zxingcpp
    from PIL import Image, ImageFilter

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "page.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(dpi),
                "-gray",
                "-png",
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(source),
                str(Path(tmp) / "scan"),
            ],
            check=True,
        )
        image = Image.open(Path(tmp) / "scan.png").convert("L")
        scanned = io.BytesIO()
        image.filter(ImageFilter.GaussianBlur(1.0)).save(scanned, "JPEG", quality=60)
    return [r.text for r in zxingcpp.read_barcodes(Image.open(scanned))]
