"""Table-driven checks of the rules of Genelge 2013/1 (reference/004_af0eb626f5c5385c.txt).

Every case names the section of the circular it checks: G = "Yurt içine nakit girişi",
C = "Yurt dışına nakit çıkışı", O = "Ortak hükümler". Rates (tests/factories.py): USD 30,
EUR 35, GBP 40, JPY 20 per 100 (0.20 TL per yen), RUB only ForexBuying 0.40. Under rule set
2013/1 the exit limits are 5,000 USD = 150,000.00 TL and the tolerance is 2,500.00 TL.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

import pytest

from factories import TODAY, cash, ek1, ek2, instrument, rates
from gumruk_desk.domain.evaluation import (
    EvaluationError,
    ReferencedDeclaration,
    ReferenceStatus,
    evaluate,
    signature_problems,
)
from gumruk_desk.domain.money import MoneyLine
from gumruk_desk.domain.rules import select_ruleset
from gumruk_desk.domain.validation import validate_record
from gumruk_desk.resources import shipped_rulesets

RULESET = select_ruleset(shipped_rulesets(), TODAY)

HANS_FORM = ReferencedDeclaration(
    "GM01-M1-B-2026-000007",
    ReferenceStatus.VALID,
    "C01X00T47",
    (MoneyLine("EUR", Decimal("10000.00")),),
)


@dataclass
class Case:
    id: str
    section: str  # where in the circular the rule comes from
    data: dict[str, Any]
    expect: dict[str, Any]
    referenced: ReferencedDeclaration | None = None
    on: datetime.date = TODAY
    warnings: list[str] = field(default_factory=list)  # fragments that must appear


def evaluate_json(
    data: dict[str, Any],
    on: datetime.date = TODAY,
    referenced: ReferencedDeclaration | None = None,
    ruleset: Any = None,
    rate_table: Any = None,
) -> dict[str, Any]:
    record = validate_record(data, on).record
    result = evaluate(record, ruleset or RULESET, rate_table or rates(on), on, referenced)
    return result.to_json()


ENTRY_CASES = [
    Case(
        "correct-exact",
        "G 2/c",
        ek2(),
        {
            "code": "correct",
            "fine_try": "0.00",
            "custody": [],
            "prosecutor_referral": False,
            "masak_copy": False,
            "officer_signatures_required": 1,
            "copies": 4,
            "undeclared_try": "0.00",
            "declared_try": "35000.00",
            "detected_try": "35000.00",
        },
    ),
    Case(
        "tolerance-boundary-equal-is-correct",
        "G 2/d (2.500 TL'yi aşan farklar)",
        ek2(detected=[cash("EUR", "1000.00"), cash("TRY", "2500.00")]),
        {
            "code": "correct",
            "fine_try": "0.00",
            "undeclared_try": "2500.00",
            "custody": [],
            "officer_signatures_required": 1,
        },
    ),
    Case(
        "tolerance-one-kurus-more-is-misdeclared",
        "G 2/d",
        ek2(detected=[cash("EUR", "1000.00"), cash("TRY", "2500.01")]),
        {
            "code": "misdeclared",
            "fine_try": "250.00",
            "undeclared_try": "2500.01",
            "prosecutor_referral": True,
            "masak_copy": True,
            "officer_signatures_required": 2,
            "custody": [cash("EUR", "1000.00"), cash("TRY", "2500.01")],
        },
    ),
    Case(
        "fine-rounds-half-up",
        "G 2/d (%10)",
        ek2(detected=[cash("EUR", "1000.00"), cash("TRY", "2500.05")]),
        {"code": "misdeclared", "fine_try": "250.01"},
    ),
    Case(
        "no-explanation-above-tolerance",
        "G 2/d (hiç yapılmadığının)",
        ek2(declared=None, detected=[cash("EUR", "3000.00")]),
        {
            "code": "no_declaration",
            "fine_try": "10500.00",
            "undeclared_try": "105000.00",
            "declared_try": None,
            "custody": [cash("EUR", "3000.00")],
            "prosecutor_referral": True,
            "masak_copy": True,
            "officer_signatures_required": 2,
        },
    ),
    Case(
        "no-explanation-below-tolerance",
        "G 2/c, G 2/d",
        ek2(declared=None, detected=[cash("TRY", "2000.00")]),
        {
            "code": "no_declaration",
            "fine_try": "0.00",
            "custody": [],
            "prosecutor_referral": False,
            "masak_copy": False,
            "officer_signatures_required": 2,
        },
    ),
    Case(
        "no-explanation-exactly-tolerance",
        "G 2/d",
        ek2(declared=None, detected=[cash("TRY", "2500.00")]),
        {"code": "no_declaration", "fine_try": "0.00", "prosecutor_referral": False},
    ),
    Case(
        "no-explanation-nothing-found",
        "G 2/c (her açıklama talebi için tutanak)",
        ek2(declared=None, detected=[]),
        {"code": "no_declaration", "fine_try": "0.00", "detected_try": "0.00"},
    ),
    Case(
        "said-no-cash-is-a-wrong-explanation",
        "G 2/d (yanlış açıklama), 22.c",
        ek2(declared=[], detected=[cash("EUR", "3000.00")]),
        {
            "code": "misdeclared",
            "declared_try": "0.00",
            "undeclared_try": "105000.00",
            "fine_try": "10500.00",
            "officer_signatures_required": 2,
        },
    ),
    Case(
        "over-declaration-is-not-undeclared",
        "G 2/d",
        ek2(declared=[cash("EUR", "5000.00")], detected=[cash("EUR", "1000.00")]),
        {"code": "correct", "undeclared_try": "0.00", "fine_try": "0.00"},
    ),
    Case(
        "declared-nothing-found-much",
        "G 2/d (eksik yapıldığının)",
        ek2(declared=[], detected=[cash("USD", "10000.00")]),
        {
            "code": "misdeclared",
            "undeclared_try": "300000.00",
            "fine_try": "30000.00",
            "custody": [cash("USD", "10000.00")],
        },
    ),
    Case(
        "several-currencies-and-instruments",
        "Genelge giriş (nakit: çek, bono…), G 2/d",
        ek2(
            declared=[cash("EUR", "1000.00"), cash("USD", "500.00")],
            detected=[
                cash("EUR", "1000.00"),
                cash("USD", "500.00"),
                instrument("cek", "TRY", "5000.00"),
            ],
        ),
        {
            "code": "misdeclared",
            "declared_try": "50000.00",
            "detected_try": "55000.00",
            "undeclared_try": "5000.00",
            "fine_try": "500.00",
            "custody": [
                cash("EUR", "1000.00"),
                cash("USD", "500.00"),
                instrument("cek", "TRY", "5000.00"),
            ],
        },
    ),
    Case(
        "instrument-in-foreign-currency-counts",
        "Genelge giriş, G 2/d",
        ek2(
            declared=[cash("EUR", "1000.00")],
            detected=[cash("EUR", "1000.00"), instrument("seyahat_ceki", "USD", "100.00")],
        ),
        {"code": "misdeclared", "undeclared_try": "3000.00", "fine_try": "300.00"},
    ),
    Case(
        "jpy-unit-100-beyond",
        "G 2/d; TCMB Unit 100",
        ek2(declared=[cash("JPY", "100000")], detected=[cash("JPY", "120000")]),
        {
            "code": "misdeclared",
            "declared_try": "20000.00",
            "detected_try": "24000.00",
            "undeclared_try": "4000.00",
            "fine_try": "400.00",
        },
    ),
    Case(
        "jpy-unit-100-within",
        "G 2/d; TCMB Unit 100",
        ek2(declared=[cash("JPY", "100000")], detected=[cash("JPY", "110000")]),
        {"code": "correct", "undeclared_try": "2000.00"},
    ),
    Case(
        "no-banknote-rate-uses-forex-buying",
        "SPEC §2 (efektif yoksa döviz alış)",
        ek2(declared=None, detected=[cash("RUB", "10000.00")]),
        {
            "code": "no_declaration",
            "detected_try": "4000.00",
            "fine_try": "400.00",
            "rate_columns": {"RUB": "ForexBuying"},
        },
    ),
    Case(
        "prohibited-source-loan",
        "G 1.1/a-b, G 2",
        ek2(source_category="loan_from_abroad"),
        {
            "code": "prohibited_source",
            "fine_try": "0.00",
            "custody": [cash("EUR", "1000.00")],
            "prosecutor_referral": True,
            "masak_copy": False,
            "officer_signatures_required": 2,
        },
    ),
    Case(
        "prohibited-source-personal-capital",
        "G 1.1/a (kişisel sermaye: miras, çeyiz…)",
        ek2(source_category="personal_capital", declared=None, detected=[cash("USD", "100.00")]),
        {
            "code": "prohibited_source",
            "custody": [cash("USD", "100.00")],
            "prosecutor_referral": True,
        },
    ),
    Case(
        "tolerance-year-undefined-warns",
        "G 2/d (her yıl yeniden değerleme oranında)",
        ek2(),
        {"code": "correct", "tolerance_try": "2500.00", "tolerance_year": 2013},
        warnings=["2026 yılı için müsaade edilen fark tanımlı değil"],
    ),
]

EK1_CASES = [
    Case(
        "ek1-declared-export",
        "G 1.2/a (üç nüsha)",
        ek1(),
        {
            "code": "declared",
            "copies": 3,
            "officer_signatures_required": 1,
            "custody": [],
            "fine_try": "0.00",
            "prosecutor_referral": False,
            "declared_try": "350000.00",
        },
    ),
    Case(
        "ek1-declared-other-free",
        "G 1.2/a (diğer kaynaklar)",
        ek1(
            source_category="other_free",
            arrival_reason={"code": "other", "text": "Turistik harcama"},
        ),
        {"code": "declared"},
    ),
    Case(
        "ek1-prohibited-loan",
        "G 1.1/a-b",
        ek1(source_category="loan_from_abroad"),
        {
            "code": "prohibited_source",
            "custody": [cash("EUR", "10000.00")],
            "prosecutor_referral": True,
            "copies": 3,
        },
    ),
    Case(
        "ek1-prohibited-personal-capital",
        "G 1.1/a",
        ek1(source_category="personal_capital"),
        {"code": "prohibited_source", "prosecutor_referral": True},
    ),
]


def exit_case(**kw: Any) -> dict[str, Any]:
    return ek2(direction="exit", **kw)


EXIT_CASES = [
    Case(
        "exit-within-limits",
        "C 1/b",
        exit_case(
            declared=[cash("USD", "4000.00"), cash("TRY", "100000.00")],
            detected=[cash("USD", "4000.00"), cash("TRY", "100000.00")],
        ),
        {
            "code": "correct",
            "exit_limit_exceeded": False,
            "custody": [],
            "exit_limit_try": "150000.00",
            "exit_limit_lira_try": "150000.00",
            "prosecutor_referral": False,
        },
    ),
    Case(
        "exit-exactly-at-limit",
        "C 1/b (karşılığına kadar)",
        exit_case(declared=[cash("USD", "5000.00")], detected=[cash("USD", "5000.00")]),
        {"exit_limit_exceeded": False, "custody": []},
    ),
    Case(
        "exit-foreign-over-limit",
        "C 1/a, C 1/f",
        exit_case(declared=[cash("USD", "6000.00")], detected=[cash("USD", "6000.00")]),
        {
            "code": "correct",
            "exit_limit_exceeded": True,
            "custody": [cash("USD", "1000.00")],
            "prosecutor_referral": True,
            "masak_copy": False,
            "exit_foreign_try": "180000.00",
        },
    ),
    Case(
        "exit-lira-over-limit",
        "C 1/c",
        exit_case(declared=[cash("TRY", "160000.00")], detected=[cash("TRY", "160000.00")]),
        {
            "exit_limit_exceeded": True,
            "custody": [cash("TRY", "10000.00")],
            "prosecutor_referral": True,
        },
    ),
    Case(
        "exit-lira-over-even-with-bank-document",
        "C 1/c (hiçbir şekilde)",
        exit_case(
            residence="resident",
            exit_exception={
                "kind": "bank_document",
                "reference": "BNK-2026-11",
                "cash": [cash("USD", "9000.00")],
            },
            declared=[cash("TRY", "160000.00"), cash("USD", "9000.00")],
            detected=[cash("TRY", "160000.00"), cash("USD", "9000.00")],
        ),
        {"exit_limit_exceeded": True, "custody": [cash("TRY", "10000.00")]},
    ),
    Case(
        "exit-resident-bank-document-covers-foreign",
        "C 1/a (görünmeyen işlemler)",
        exit_case(
            residence="resident",
            exit_exception={
                "kind": "bank_document",
                "reference": "BNK-2026-11",
                "cash": [cash("USD", "20000.00")],
            },
            declared=[cash("USD", "20000.00")],
            detected=[cash("USD", "20000.00")],
        ),
        {"exit_limit_exceeded": False, "custody": [], "prosecutor_referral": False},
    ),
    Case(
        "exit-non-resident-entry-declaration-covers",
        "C 1/a (girişte beyan etmiş olmak)",
        exit_case(
            residence="non_resident",
            exit_exception={"kind": "entry_declaration", "reference": "GM01-M1-B-2026-000007"},
            declared=[cash("EUR", "12000.00")],
            detected=[cash("EUR", "12000.00")],
        ),
        {"exit_limit_exceeded": False, "custody": [], "exit_covered_try": "350000.00"},
        referenced=HANS_FORM,
    ),
    Case(
        "exit-citizen-working-abroad-entry-declaration",
        "C 1/a",
        exit_case(
            residence="citizen_working_abroad",
            exit_exception={"kind": "entry_declaration", "reference": "GM01-M1-B-2026-000007"},
            declared=[cash("EUR", "14000.00")],
            detected=[cash("EUR", "14000.00")],
        ),
        {"exit_limit_exceeded": False},
        referenced=HANS_FORM,
    ),
    Case(
        "exit-entry-declaration-covers-only-what-it-declared",
        "C 1/a, SPEC §5",
        exit_case(
            residence="non_resident",
            exit_exception={"kind": "entry_declaration", "reference": "GM01-M1-B-2026-000007"},
            declared=[cash("EUR", "16000.00")],
            detected=[cash("EUR", "16000.00")],
        ),
        # 560,000 TL against 150,000 + 350,000 = 500,000: 60,000 TL = 1,714.29 EUR over
        {"exit_limit_exceeded": True, "custody": [cash("EUR", "1714.29")]},
        referenced=HANS_FORM,
    ),
    Case(
        "exit-entry-declaration-of-another-person",
        "C 1/a, SPEC §5 (yalnız adına)",
        exit_case(
            residence="non_resident",
            exit_exception={"kind": "entry_declaration", "reference": "GM01-M1-B-2026-000007"},
            declared=[cash("EUR", "12000.00")],
            detected=[cash("EUR", "12000.00")],
        ),
        {"exit_limit_exceeded": True, "exit_covered_try": "0.00"},
        referenced=ReferencedDeclaration(
            "GM01-M1-B-2026-000007", ReferenceStatus.VALID, "U99999999", HANS_FORM.cash
        ),
        warnings=["başka bir kişiye ait"],
    ),
    Case(
        "exit-cancelled-entry-declaration",
        "O 3, SPEC §5",
        exit_case(
            residence="non_resident",
            exit_exception={"kind": "entry_declaration", "reference": "GM01-M1-B-2026-000007"},
            declared=[cash("EUR", "12000.00")],
            detected=[cash("EUR", "12000.00")],
        ),
        {"exit_limit_exceeded": True},
        referenced=ReferencedDeclaration(
            "GM01-M1-B-2026-000007", ReferenceStatus.CANCELLED, "C01X00T47", HANS_FORM.cash
        ),
        warnings=["iptal edilmiş"],
    ),
    Case(
        "exit-unknown-entry-declaration",
        "SPEC §5",
        exit_case(
            residence="non_resident",
            exit_exception={"kind": "entry_declaration", "reference": "YOK-1"},
            declared=[cash("EUR", "12000.00")],
            detected=[cash("EUR", "12000.00")],
        ),
        {"exit_limit_exceeded": True},
        referenced=ReferencedDeclaration("YOK-1", ReferenceStatus.UNKNOWN),
        warnings=["bulunamadı"],
    ),
    Case(
        "exit-seized-form-covers-nothing",
        "G 1.1/b, C 1/a (a prohibited source was never declared)",
        exit_case(
            residence="non_resident",
            exit_exception={"kind": "entry_declaration", "reference": "GM01-M1-B-2026-000007"},
            declared=[cash("EUR", "12000.00")],
            detected=[cash("EUR", "12000.00")],
        ),
        {"exit_limit_exceeded": True, "exit_covered_try": "0.00"},
        referenced=ReferencedDeclaration(
            "GM01-M1-B-2026-000007", ReferenceStatus.SEIZED, "C01X00T47", HANS_FORM.cash
        ),
        warnings=["el konulmuştu"],
    ),
    Case(
        "exit-form-dated-after-the-exit-covers-nothing",
        "C 1/a (yurda girişlerinde beyan etmiş olmak)",
        exit_case(
            residence="non_resident",
            exit_exception={"kind": "entry_declaration", "reference": "GM01-M1-B-2026-000007"},
            declared=[cash("EUR", "12000.00")],
            detected=[cash("EUR", "12000.00")],
        ),
        {"exit_limit_exceeded": True},
        referenced=ReferencedDeclaration(
            "GM01-M1-B-2026-000007",
            ReferenceStatus.VALID,
            "C01X00T47",
            HANS_FORM.cash,
            TODAY + datetime.timedelta(days=1),
        ),
        warnings=["sonraki bir tarihli"],
    ),
    Case(
        "exit-citizen-working-abroad-bank-document",
        "C 1/a (Türkiye'de yerleşik sayılmakla birlikte)",
        exit_case(
            residence="citizen_working_abroad",
            exit_exception={
                "kind": "bank_document",
                "reference": "BNK-2026-12",
                "cash": [cash("USD", "20000.00")],
            },
            declared=[cash("USD", "20000.00")],
            detected=[cash("USD", "20000.00")],
        ),
        {"exit_limit_exceeded": False, "custody": []},
    ),
    Case(
        "exit-resident-cannot-use-entry-declaration",
        "C 1/a",
        exit_case(
            residence="resident",
            exit_exception={"kind": "entry_declaration", "reference": "GM01-M1-B-2026-000007"},
            declared=[cash("EUR", "12000.00")],
            detected=[cash("EUR", "12000.00")],
        ),
        {"exit_limit_exceeded": True},
        referenced=HANS_FORM,
        warnings=["yerleşiklik durumuna uygulanmaz"],
    ),
    Case(
        "exit-non-resident-cannot-use-bank-document",
        "C 1/a",
        exit_case(
            residence="non_resident",
            exit_exception={
                "kind": "bank_document",
                "reference": "BNK-1",
                "cash": [cash("USD", "9000.00")],
            },
            declared=[cash("USD", "9000.00")],
            detected=[cash("USD", "9000.00")],
        ),
        {"exit_limit_exceeded": True, "custody": [cash("USD", "4000.00")]},
    ),
    Case(
        "exit-custody-taken-in-entry-order",
        "C 1/f, SPEC §5",
        exit_case(
            declared=[cash("EUR", "3000.00"), cash("USD", "3000.00")],
            detected=[cash("EUR", "3000.00"), cash("USD", "3000.00")],
        ),
        # 105,000 + 90,000 = 195,000 TL; 45,000 TL over = 1,285.72 EUR (rounded up)
        {"exit_limit_exceeded": True, "custody": [cash("EUR", "1285.72")]},
    ),
    Case(
        "exit-custody-spans-lines",
        "C 1/f, SPEC §5",
        exit_case(
            declared=[cash("GBP", "100.00"), cash("EUR", "5000.00")],
            detected=[cash("GBP", "100.00"), cash("EUR", "5000.00")],
        ),
        # 4,000 + 175,000 = 179,000 TL; 29,000 over: all GBP, then 25,000 TL = 714.29 EUR
        {"exit_limit_exceeded": True, "custody": [cash("GBP", "100.00"), cash("EUR", "714.29")]},
    ),
    Case(
        "exit-jpy-custody-in-whole-yen",
        "C 1/f; JPY has no minor unit",
        exit_case(declared=[cash("JPY", "1000001")], detected=[cash("JPY", "1000001")]),
        # 200,000.20 TL; 50,000.20 over = 250,001 yen
        {"exit_limit_exceeded": True, "custody": [cash("JPY", "250001")]},
    ),
    Case(
        "exit-instruments-are-not-limited",
        "C 1/d",
        exit_case(
            declared=[instrument("cek", "USD", "1000000.00")],
            detected=[instrument("cek", "USD", "1000000.00")],
        ),
        {"exit_limit_exceeded": False, "custody": []},
    ),
    Case(
        "exit-beyond-tolerance-takes-all",
        "C 2, G 2/d, SPEC §5",
        exit_case(declared=None, detected=[cash("USD", "10000.00")]),
        {
            "code": "no_declaration",
            "fine_try": "30000.00",
            "exit_limit_exceeded": True,
            "custody": [cash("USD", "10000.00")],
            "masak_copy": True,
            "prosecutor_referral": True,
        },
    ),
    Case(
        "exit-bank-document-covers-only-what-it-proves",
        "C 1/a, C 2 (belgelendirilebilen döviz)",
        exit_case(
            residence="resident",
            exit_exception={
                "kind": "bank_document",
                "reference": "BNK-2026-13",
                "cash": [cash("USD", "10000.00")],
            },
            declared=[cash("USD", "20000.00")],
            detected=[cash("USD", "20000.00")],
        ),
        # 20,000 USD carried; 5,000 free and 10,000 proved: 5,000 USD over.
        {"exit_limit_exceeded": True, "custody": [cash("USD", "5000.00")]},
    ),
    Case(
        "exit-bank-document-covers-no-other-currency",
        "C 1/a, C 2",
        exit_case(
            residence="resident",
            exit_exception={
                "kind": "bank_document",
                "reference": "BNK-2026-14",
                "cash": [cash("USD", "10000.00")],
            },
            declared=[cash("EUR", "10000.00")],
            detected=[cash("EUR", "10000.00")],
        ),
        # 350,000 TL of euros, 150,000 TL free, the dollars proved cover no euro.
        {"exit_limit_exceeded": True, "exit_covered_try": "0.00"},
    ),
    Case(
        "exit-declaration-covers-no-currency-it-did-not-declare",
        "C 1/a (beyan etmiş olmak koşuluyla)",
        exit_case(
            residence="non_resident",
            exit_exception={"kind": "entry_declaration", "reference": "GM01-M1-B-2026-000007"},
            declared=[cash("USD", "12000.00")],
            detected=[cash("USD", "12000.00")],
        ),
        # Hans declared euros, not dollars: 7,000 USD over the limit.
        {"exit_limit_exceeded": True, "custody": [cash("USD", "7000.00")]},
        referenced=HANS_FORM,
    ),
    Case(
        "exit-declaration-less-what-earlier-exits-took",
        "C 1/a",
        exit_case(
            residence="non_resident",
            exit_exception={"kind": "entry_declaration", "reference": "GM01-M1-B-2026-000007"},
            declared=[cash("EUR", "12000.00")],
            detected=[cash("EUR", "12000.00")],
        ),
        # 10,000 EUR declared, 8,000 already taken out: 2,000 left. 420,000 TL carried,
        # 150,000 + 70,000 allowed: 200,000 TL over = 5,714.29 EUR.
        {
            "exit_limit_exceeded": True,
            "custody": [cash("EUR", "5714.29")],
            "exit_cover": {
                "kind": "entry_declaration",
                "reference": "GM01-M1-B-2026-000007",
                "available": [cash("EUR", "2000.00")],
                "drawn": [cash("EUR", "2000.00")],
                "remaining": [],
            },
        },
        referenced=dataclasses.replace(HANS_FORM, drawn=(MoneyLine("EUR", Decimal("8000.00")),)),
    ),
    Case(
        "exit-declaration-used-up",
        "C 1/a",
        exit_case(
            residence="non_resident",
            exit_exception={"kind": "entry_declaration", "reference": "GM01-M1-B-2026-000007"},
            declared=[cash("EUR", "6000.00")],
            detected=[cash("EUR", "6000.00")],
        ),
        {"exit_limit_exceeded": True, "exit_covered_try": "0.00"},
        referenced=dataclasses.replace(HANS_FORM, drawn=(MoneyLine("EUR", Decimal("10000.00")),)),
        warnings=["daha önceki çıkışlarda kullanıldı"],
    ),
    Case(
        "exit-draws-only-what-is-above-the-limit",
        "C 1/a (5.000 ABD Doları üzerindeki döviz)",
        exit_case(
            residence="non_resident",
            exit_exception={"kind": "entry_declaration", "reference": "GM01-M1-B-2026-000007"},
            declared=[cash("EUR", "6000.00")],
            detected=[cash("EUR", "6000.00")],
        ),
        # 210,000 TL carried, 150,000 free: 60,000 TL = 1,714.29 EUR drawn, 8,285.71 left.
        {
            "exit_limit_exceeded": False,
            "custody": [],
            "exit_cover": {
                "kind": "entry_declaration",
                "reference": "GM01-M1-B-2026-000007",
                "available": [cash("EUR", "10000.00")],
                "drawn": [cash("EUR", "1714.29")],
                "remaining": [cash("EUR", "8285.71")],
            },
        },
        referenced=HANS_FORM,
    ),
    Case(
        "exit-source-category-is-not-a-prohibition",
        "C 1/e; G 1.1 is about entry",
        exit_case(source_category="loan_from_abroad"),
        {"code": "correct", "custody": [], "prosecutor_referral": False},
    ),
]

ALL_CASES = ENTRY_CASES + EK1_CASES + EXIT_CASES


def _flatten(result: dict[str, Any]) -> dict[str, Any]:
    flat = {**result["valuation"], **result["outcome"]}
    return flat


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_rules_of_the_circular(case: Case) -> None:
    result = _flatten(evaluate_json(case.data, case.on, case.referenced))
    for key, expected in case.expect.items():
        assert result[key] == expected, f"{case.id} ({case.section}): {key}"
    for fragment in case.warnings:
        assert any(fragment in w for w in result["warnings"]), (case.id, result["warnings"])


def test_at_least_forty_cases() -> None:
    assert len(ALL_CASES) >= 40


def test_result_records_rule_set_and_parameters() -> None:
    result = evaluate_json(ek2())
    assert result["rule_set"] == "2013/1"
    params = result["rule_parameters"]
    assert params["tolerance_try"] == "2500.00"
    assert params["fine_rate"] == "0.10"
    assert params["foreign_exit_limit"] == {
        "amount": "5000.00",
        "currency": "USD",
        "source": params["foreign_exit_limit"]["source"],
    }
    assert result["valuation"]["rates"] == {"EUR": "35.0000"}
    assert result["valuation"]["rate_date"] == "2026-11-20"
    assert result["valuation"]["rate_column"] == "BanknoteBuying"


def test_tolerance_year_defined_gives_no_warning() -> None:
    day = datetime.date(2013, 6, 3)
    result = evaluate_json(ek2(), on=day, rate_table=rates(day, same_day_bulletin=True))
    assert not any("müsaade edilen fark tanımlı değil" in w for w in result["outcome"]["warnings"])


def test_stale_bulletin_warns() -> None:
    later = datetime.date(2026, 11, 27)  # bulletin of the 20th is 7 days old
    result = evaluate_json(ek2(), on=later)
    assert any("eski" in w for w in result["outcome"]["warnings"])


def test_missing_rate_blocks_with_field_path() -> None:
    with pytest.raises(EvaluationError) as err:
        evaluate_json(ek2(declared=None, detected=[cash("EUR", "10.00"), cash("CHF", "10.00")]))
    assert [p.path for p in err.value.problems] == ["detected[1].currency"]
    assert "CHF" in err.value.problems[0].message and "kur" in err.value.problems[0].message


def test_manual_rate_is_used_and_warned() -> None:
    table = rates(manual={"CHF": Decimal("38.50")})
    result = evaluate_json(ek2(declared=None, detected=[cash("CHF", "100.00")]), rate_table=table)
    assert result["valuation"]["detected_try"] == "3850.00"
    assert result["valuation"]["rate_columns"]["CHF"] == "manual"
    assert any("elle girilmiş kur" in w for w in result["outcome"]["warnings"])


def test_ek1_on_exit_is_refused_under_2013_1() -> None:
    """G 1.2/a: "Yurt dışına çıkarılan nakit ile ilgili Nakit Beyan Formu düzenlenmez"."""
    with pytest.raises(EvaluationError) as err:
        evaluate_json(ek1(direction="exit"))
    assert err.value.problems[0].path == "direction"
    assert "düzenlenmez" in err.value.problems[0].message


class TestTwoOfficerRule:
    """G 2/c: correct → at least one officer; otherwise at least two different officers."""

    def _problems(self, data: dict[str, Any], drafting: str = "12345") -> list[str]:
        record = validate_record(data, TODAY).record
        result = evaluate(record, RULESET, rates(), TODAY)
        return [p.path for p in signature_problems(record, result, drafting)]

    def test_misdeclared_needs_a_witness(self) -> None:
        data = ek2(declared=None, detected=[cash("EUR", "1000.00")], witness_officer=None)
        assert self._problems(data) == ["witness_officer"]

    def test_witness_must_differ_from_drafting_officer(self) -> None:
        data = ek2(declared=None, detected=[cash("EUR", "1000.00")], witness_officer="12345")
        assert self._problems(data) == ["witness_officer"]

    def test_correct_needs_no_witness(self) -> None:
        assert self._problems(ek2(witness_officer=None)) == []

    def test_no_declaration_below_tolerance_still_needs_two(self) -> None:
        data = ek2(declared=None, detected=[cash("TRY", "10.00")], witness_officer=None)
        assert self._problems(data) == ["witness_officer"]


class TestCustodyOverride:
    """SPEC §5: the officer may widen the proposed custody but not narrow it."""

    base: ClassVar[dict[str, Any]] = {
        "declared": [cash("USD", "6000.00")],
        "detected": [cash("USD", "6000.00")],
    }

    def test_widening_is_accepted(self) -> None:
        data = exit_case(**self.base, custody_override=[cash("USD", "6000.00")])
        assert evaluate_json(data)["outcome"]["custody"] == [cash("USD", "6000.00")]

    def test_narrowing_is_refused(self) -> None:
        data = exit_case(**self.base, custody_override=[cash("USD", "500.00")])
        with pytest.raises(EvaluationError, match="daraltılamaz"):
            evaluate_json(data)

    def test_more_than_found_is_refused(self) -> None:
        data = exit_case(**self.base, custody_override=[cash("USD", "7000.00")])
        with pytest.raises(EvaluationError, match="fazla olamaz"):
            evaluate_json(data)

    def test_no_custody_without_legal_ground(self) -> None:
        data = ek2(custody_override=[cash("EUR", "1000.00")])
        with pytest.raises(EvaluationError, match="yasal dayanak"):
            evaluate_json(data)


def test_non_strict_limit_reached_is_never_an_empty_custody() -> None:
    """With exceeds_strict false, reaching the limit exactly is over; custody is not empty."""
    from gumruk_desk.domain.rules import parse_ruleset

    doc = dict(RULESET.document)
    doc["explanation"] = {**doc["explanation"], "exceeds_strict": False}
    data = exit_case(declared=[cash("USD", "5000.00")], detected=[cash("USD", "5000.00")])
    outcome = evaluate_json(data, ruleset=parse_ruleset(doc))["outcome"]
    assert outcome["exit_limit_exceeded"] is True
    assert outcome["custody"] == [cash("USD", "0.01")]


def test_non_strict_exceeds_from_rule_set_data() -> None:
    """ "Aşan" is a parameter: a rule set with exceeds_strict false sanctions the boundary."""
    from gumruk_desk.domain.rules import parse_ruleset

    doc = dict(RULESET.document)
    doc["explanation"] = {**doc["explanation"], "exceeds_strict": False}
    data = ek2(detected=[cash("EUR", "1000.00"), cash("TRY", "2500.00")])
    result = evaluate_json(data, ruleset=parse_ruleset(doc))
    assert result["outcome"]["code"] == "misdeclared"
    assert result["outcome"]["fine_try"] == "250.00"
