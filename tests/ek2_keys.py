"""The keyboard paths through the Nakit Açıklama Tutanağı wizard, as data built from one
segment per page, and the input each path must produce. Played by tests/test_ui_ek2_wizard.py
with :func:`ek1_keys.play` (real key events)."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import Qt

from ek1_keys import SPECIMEN_TD3
from gumruk_desk.ui.ek2.personal_page import PERSON_KEYS

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
Path = list[tuple[str, object]]

#: The ICAO specimen passport holder, as the scan and the officer's typing make her.
PERSON: dict[str, Any] = {
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
    "address": "Storgatan 1, Stockholm",
    "phone": "+46 8 123456",
    "destination_address": "Cumhuriyet Cad. 5, İstanbul",
    "destination_phone": "0212 555 00 00",
}
SELECTIONS = ("risk_analysis", "random", "officer_assessment")
SOURCES = (
    "export",
    "transit_trade",
    "foreign_capital",
    "other_free",
    "loan_from_abroad",
    "personal_capital",
)
RESIDENCES = ("resident", "non_resident", "citizen_working_abroad")
EXCEPTIONS = ("none", "entry_declaration", "bank_document")


def choose(index: int) -> Path:
    """Check the ``index``-th radio button of a group whose first one has the focus: Space
    for the first; an arrow moves to the next one and checks it."""
    return [("key", K.Key_Down)] * index if index else [("key", K.Key_Space)]


#: What a traveller who gives only what the form asks for tells the officer: fields 10-12
#: ("varsa", if any) left empty. The common cases are typed for her.
PERSON_REQUIRED: dict[str, Any] = {
    k: v
    for k, v in PERSON.items()
    if k not in ("phone", "destination_address", "destination_phone")
}


def selection(basis: str, *, exit_: bool) -> Path:
    """Page 1: the selection basis, Tab, the direction, İleri."""
    return [
        ("page", 0),
        *choose(SELECTIONS.index(basis)),
        ("key", K.Key_Tab),
        *choose(1 if exit_ else 0),
        ("key", K.Key_Return),
    ]


def identity() -> Path:
    """The passport scanned; the specimen's "UTO" is no ISO country, so the nationality is
    chosen; birth place, father's name and the original document seen."""
    return [
        ("page", 1),
        ("scan", "\n".join(SPECIMEN_TD3) + "\n"),
        ("type", "se"),
        ("key", K.Key_Tab),
        ("type", "Stockholm"),
        ("key", K.Key_Tab),
        ("type", "Lars"),
        ("key", K.Key_Tab),
        ("key", K.Key_Space),
        ("key", K.Key_Return),
    ]


def personal(country_typed: str, person: dict[str, Any] = PERSON) -> Path:
    """Fields 6, 8 and 9, the country (13 or 14, picked from the list by its name), then
    the fields 10-12 ``person`` has (the page asks them last: Tab to the ones given)."""
    path: Path = [("page", 2)]
    for key in PERSON_KEYS[:3]:
        path += [("type", person[key]), ("key", K.Key_Tab)]
    path += [("type", country_typed), ("key", K.Key_Down), ("key", K.Key_Return)]
    optional = PERSON_KEYS[3:]
    given = [i for i, key in enumerate(optional) if person.get(key)]
    for i, key in enumerate(optional[: max(given) + 1] if given else ()):
        path.append(("key", K.Key_Tab))
        if i in given:
            path.append(("type", person[key]))
    return [*path, ("key", K.Key_Return)]


def opening(basis: str, *, exit_: bool, person: dict[str, Any] = PERSON) -> Path:
    """Pages 1-3, the same for every case but for the selection basis, the direction and
    what the person tells of fields 6 and 8-12."""
    return selection(basis, exit_=exit_) + identity() + personal("alma", person)


def money_rows(rows: list[tuple[str, str]]) -> Path:
    """Type cash rows (currency, amount) into a money-lines editor whose first row's
    currency has the focus (the kind stays "Nakit"); Ctrl+N opens each further row."""
    path: Path = []
    for i, (currency, amount) in enumerate(rows):
        if i:
            path.append(("key", (K.Key_N, CTRL)))
        path += [("type", currency), ("key", K.Key_Tab), ("type", amount)]
    return path


def declaration(rows: list[tuple[str, str]] | None) -> Path:
    """The statement: amounts, or (``None``) "made no explanation" (Alt+A, the radio below
    the amounts; Qt animates the press); then İleri and the confirmation that locks it
    (Enter on "Kilitle ve sayıma geç")."""
    if rows is None:
        return [
            ("page", 3),
            ("key", (K.Key_A, ALT)),
            ("wait", 150),
            ("key", K.Key_Return),
            ("key", K.Key_Return),
        ]
    return [("page", 3), *money_rows(rows), ("key", K.Key_Return), ("key", K.Key_Return)]


def count(rows: list[tuple[str, str]]) -> Path:
    return [("page", 4), *money_rows(rows), ("key", K.Key_Return)]


def count_as_declared() -> Path:
    """The count agrees with the statement: Alt+A takes its lines over (Qt animates the
    press before it clicks), the officer checks them, İleri."""
    return [("page", 4), ("key", (K.Key_A, ALT)), ("wait", 150), ("key", K.Key_Return)]


def count_eur_by_banknotes() -> Path:
    """EUR counted by banknotes: 60 × 100 + 20 × 500 = 16.000,00 (Ctrl+K on the row)."""
    return [
        ("page", 4),
        ("type", "EUR"),
        ("key", K.Key_Tab),
        ("key", (K.Key_K, CTRL)),
        # the counter: 5, 10, 20, 50, [100], 200, [500]
        ("key", K.Key_Tab),
        ("key", K.Key_Tab),
        ("key", K.Key_Tab),
        ("key", K.Key_Tab),
        ("type", "60"),
        ("key", K.Key_Tab),
        ("key", K.Key_Tab),
        ("type", "20"),
        ("key", K.Key_Return),
        ("key", K.Key_Return),
    ]


def statement(source: str) -> Path:
    """Purpose and source typed; the source category; the obligation told; no sender (the
    page asks it last)."""
    return [
        ("page", 5),
        ("type", "Ticari ödeme"),
        ("key", K.Key_Tab),
        ("type", "İhracat geliri"),
        ("key", K.Key_Tab),
        *choose(SOURCES.index(source)),
        ("key", K.Key_Tab),
        ("key", K.Key_Space),
        ("key", K.Key_Return),
    ]


def exit_limits(residence: str, exception: str = "none", reference: str = "") -> Path:
    path: Path = [("page", 6), *choose(RESIDENCES.index(residence))]
    if exception != "none":  # "İstisna yok" is chosen already
        path += [("key", K.Key_Tab), *[("key", K.Key_Down)] * EXCEPTIONS.index(exception)]
    if reference:
        path += [("key", K.Key_Tab), ("type", reference)]
    return [*path, ("key", K.Key_Return)]


#: What the officers write on the seizure report, typed on its page (when cash is seized).
SEIZURE: dict[str, Any] = {
    "found": "on_person",
    "found_detail": "Ceketin iç cebinde",
    "facts": "Yolcu arandı; ceketin iç cebinde bir zarf içinde nakit bulundu ve sayıldı.",
    "statement": "Para ticari ödeme içindir; beyan etmem gerektiğini bilmiyordum.",
    "order": None,
    "present": [],
}


def result(*, seizure: bool = False) -> Path:
    """Past the result page; when cash is seized, the seizure report's page too."""
    path: Path = [("page", 7), ("key", K.Key_Return)]
    if seizure:
        path += [
            ("page", 8),
            ("key", K.Key_Down),  # Kişinin üzerinde
            ("key", K.Key_Tab),
            ("type", SEIZURE["found_detail"]),
            ("key", K.Key_Tab),
            ("type", SEIZURE["facts"]),
            ("key", K.Key_Tab),
            ("type", SEIZURE["statement"]),
            ("key", K.Key_Tab),  # the written order's date: none
            ("key", K.Key_Return),
        ]
    return path


def signatures(witness_pw: str | None, refusal: str | None = None) -> Path:
    """Kaydet; with a witness (the next officer in the list) confirming with a password,
    and the person's refusal to sign with its reason."""
    path: Path = [("page", 9)]
    if witness_pw is not None:
        path += [("key", K.Key_Down), ("key", K.Key_Tab), ("type", witness_pw)]
    if refusal is not None:
        path += [("key", K.Key_Tab), ("key", K.Key_Space), ("type", refusal)]
    return [*path, ("key", K.Key_Return), ("page", 10)]


def expected_input(**overrides: Any) -> dict[str, Any]:
    """The SPEC §9 input a path must produce (entry unless ``direction`` says exit)."""
    data: dict[str, Any] = {
        "kind": "nakit_aciklama",
        "direction": "entry",
        "person": copy.deepcopy(PERSON),
        "id_document_seen": True,
        "source_category": "export",
        "selection_basis": "risk_analysis",
        "country_from": "DE",
        "country_to": None,
        "declared": None,
        "detected": [],
        "sender": None,
        "purpose": "Ticari ödeme",
        "source": "İhracat geliri",
        "witness_officer": None,
        "residence": None,
        "exit_exception": None,
        "signature_refused": None,
        "custody_override": None,
    }
    if overrides.get("direction") == "exit":
        data.update(country_from=None, country_to="DE")
    data.update(overrides)
    return data


def cash(currency: str, amount: str, **extra: Any) -> dict[str, Any]:
    return {"currency": currency, "amount": amount, **extra}
