"""The Nakit Açıklama Tutanağı (EK-2) wizard (issue #6): every outcome and three exit cases
driven by key events only to registration, each equal to what ``gumruk-desk record create``
registers from the same input; the statement locked once the count begins; the second
officer's password; refusal to sign; banknote counting; custody widening; the seizure list."""

from __future__ import annotations

import copy
import datetime
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

import ek2_keys as keys
from ek1_keys import focus_widget, play, press, type_text
from factories import ek1
from gumruk_desk.domain.money import MoneyLine
from gumruk_desk.domain.records import ExceptionKind, ExitException
from gumruk_desk.services import Desk
from gumruk_desk.ui.app import application
from gumruk_desk.ui.ek2 import wizard as ek2_wizard
from gumruk_desk.ui.ek2.registered_page import RegisteredPage
from gumruk_desk.ui.ek2.wizard import NakitAciklamaWizard
from gumruk_desk.ui.form_wizard.page import FormPage
from gumruk_desk.ui.widgets import DenominationDialog
from register_fixtures import OFFICER, OFFICER_PW, WITNESS, WITNESS_PW
from widget_support import cell, child
from wizard_support import VOLATILE, cli_create, show_active, without

K = Qt.Key


@pytest.fixture(scope="session")
def qapp() -> QApplication:
    return application()


@pytest.fixture
def officer(desk: Desk) -> Any:
    return desk.authenticate(OFFICER, OFFICER_PW)


def open_wizard(qtbot: QtBot, desk: Desk, officer: Any, **kwargs: Any) -> NakitAciklamaWizard:
    return show_active(qtbot, NakitAciklamaWizard(desk, officer, **kwargs))


def page_problems(wizard: NakitAciklamaWizard) -> tuple[str, ...] | str:
    """What the current page says is wrong, for the message of a failed assertion."""
    page = wizard.currentPage()
    if isinstance(page, FormPage):
        return page.page_error.messages()
    return f"{type(page).__name__} sayfasında hata alanı yok"


C = keys.cash
MISDECLARED = keys.expected_input(
    selection_basis="officer_assessment",
    declared=[C("EUR", "1000.00")],
    detected=[C("EUR", "16000.00")],
    witness_officer=WITNESS,
    seizure=keys.SEIZURE,  # the cash is seized: the report's own facts
)

#: name: (key path, the input it must produce, the outcome it must get)
CASES: dict[str, tuple[keys.Path, dict[str, Any], dict[str, Any]]] = {
    # The common cases: what the form asks for, the count taken over from the statement.
    "correct": (
        keys.opening("risk_analysis", exit_=False, person=keys.PERSON_REQUIRED)
        + keys.declaration([("EUR", "1000")])
        + keys.count_as_declared()
        + keys.statement("export")
        + keys.result()
        + keys.signatures(None),
        keys.expected_input(
            person=copy.deepcopy(keys.PERSON_REQUIRED),
            declared=[C("EUR", "1000.00")],
            detected=[C("EUR", "1000.00")],
        ),
        {"code": "correct", "fine_try": "0.00", "custody": [], "prosecutor_referral": False},
    ),
    "no_declaration": (
        keys.opening("random", exit_=False)
        + keys.declaration(None)
        + keys.count_eur_by_banknotes()
        + keys.statement("export")
        + keys.result(seizure=True)
        + keys.signatures(WITNESS_PW, refusal="Okumadan imzalamam dedi"),
        keys.expected_input(
            selection_basis="random",
            declared=None,
            detected=[
                C(
                    "EUR",
                    "16000.00",
                    denominations=[
                        {"value": "500.00", "count": 20},
                        {"value": "100.00", "count": 60},
                    ],
                )
            ],
            witness_officer=WITNESS,
            signature_refused={"reason": "Okumadan imzalamam dedi"},
        ),
        {
            "code": "no_declaration",
            "fine_try": "56000.00",
            # Custody lists the banknotes as counted.
            "custody": [
                C(
                    "EUR",
                    "16000.00",
                    denominations=[
                        {"value": "500.00", "count": 20},
                        {"value": "100.00", "count": 60},
                    ],
                )
            ],
            "prosecutor_referral": True,
            "masak_copy": True,
        },
    ),
    "misdeclared": (
        keys.opening("officer_assessment", exit_=False)
        + keys.declaration([("EUR", "1000")])
        + keys.count([("EUR", "16000")])
        + keys.statement("export")
        + keys.result(seizure=True)
        + keys.signatures(WITNESS_PW),
        MISDECLARED,
        {
            "code": "misdeclared",
            "fine_try": "52500.00",
            "custody": [C("EUR", "16000.00")],
            "prosecutor_referral": True,
            "masak_copy": True,
        },
    ),
    "prohibited_source": (
        keys.opening("risk_analysis", exit_=False)
        + keys.declaration([("EUR", "5000")])
        + keys.count([("EUR", "5000")])
        + keys.statement("loan_from_abroad")
        + keys.result(seizure=True)
        + keys.signatures(WITNESS_PW),
        keys.expected_input(
            source_category="loan_from_abroad",
            declared=[C("EUR", "5000.00")],
            detected=[C("EUR", "5000.00")],
            witness_officer=WITNESS,
        ),
        {
            "code": "prohibited_source",
            "fine_try": "0.00",
            "custody": [C("EUR", "5000.00")],
            "prosecutor_referral": True,
            "masak_copy": False,
        },
    ),
    "exit_within_limit": (
        keys.opening("random", exit_=True, person=keys.PERSON_REQUIRED)
        + keys.declaration([("USD", "3000")])
        + keys.count_as_declared()
        + keys.statement("other_free")
        + keys.exit_limits("non_resident")
        + keys.result()
        + keys.signatures(None),
        keys.expected_input(
            person=copy.deepcopy(keys.PERSON_REQUIRED),
            direction="exit",
            selection_basis="random",
            source_category="other_free",
            declared=[C("USD", "3000.00")],
            detected=[C("USD", "3000.00")],
            residence="non_resident",
        ),
        {"code": "correct", "custody": [], "exit_limit_exceeded": False},
    ),
    "exit_over_limit": (
        keys.opening("risk_analysis", exit_=True)
        + keys.declaration([("EUR", "8000"), ("TRY", "20000")])
        + keys.count([("EUR", "8000"), ("TRY", "20000")])
        + keys.statement("other_free")
        + keys.exit_limits("resident")
        + keys.result(seizure=True)
        + keys.signatures(None),
        keys.expected_input(
            direction="exit",
            source_category="other_free",
            declared=[C("EUR", "8000.00"), C("TRY", "20000.00")],
            detected=[C("EUR", "8000.00"), C("TRY", "20000.00")],
            residence="resident",
        ),
        # 8.000 EUR × 35 = 280.000 TL against 5.000 USD × 30 = 150.000 TL: 130.000 TL over,
        # i.e. 3.714,29 EUR (rounded up to the cent); the lira is within its limit.
        {
            "code": "correct",
            "custody": [C("EUR", "3714.29")],
            "exit_limit_exceeded": True,
            "prosecutor_referral": True,
        },
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_keyboard_only_ek2_registers_what_record_create_registers(
    case: str,
    qtbot: QtBot,
    desk: Desk,
    officer: Any,
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    path, expected, outcome = CASES[case]
    if outcome["custody"]:  # cash is seized: the seizure report's facts were typed too
        expected = {**expected, "seizure": keys.SEIZURE}
    wizard = open_wizard(qtbot, desk, officer)
    count = play(tuple(path), wizard.currentId)

    registered = wizard.registered_record
    assert registered is not None, page_problems(wizard)
    assert count.scanner == 90 and count.officer > 0
    # The expected outcomes are written as the command line prints them (SPEC §9).
    for key, value in outcome.items():
        assert registered.outcome.to_json()[key] == value, key
    # The input the wizard built is exactly the one intended ...
    assert wizard.record() == expected
    # ... and the command line registers the same record from it.
    from_cli = cli_create(home, expected, tmp_path, monkeypatch, capsys)
    assert without(registered.to_json(), VOLATILE) == without(from_cli, VOLATILE)
    assert desk.show(registered.number) == registered
    assert desk.drafts() == []


def test_exit_covered_by_the_entry_declaration_keyboard_only(
    qtbot: QtBot,
    desk: Desk,
    officer: Any,
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    # The same traveller declared 10.000 EUR on entry (a Nakit Beyan Formu in the register).
    entry = desk.register(
        ek1(person={**ek1()["person"], **{k: keys.PERSON[k] for k in ek1()["person"]}}),
        officer=officer,
    )
    number = entry.number
    path = (
        keys.opening("risk_analysis", exit_=True)
        + keys.declaration([("EUR", "9000")])
        + keys.count([("EUR", "9000")])
        + keys.statement("export")
        + keys.exit_limits("non_resident", "entry_declaration", number.lower())
        + keys.result()
        + keys.signatures(None)
    )
    wizard = open_wizard(qtbot, desk, officer)
    play(tuple(path), wizard.currentId)

    registered = wizard.registered_record
    assert registered is not None
    # 9.000 EUR = 315.000 TL: above the 150.000 TL limit; the 10.000 EUR declared cover the
    # euros carried, and only what is above the limit is drawn from the declaration.
    assert registered.outcome.exit_limit_exceeded is False
    assert registered.outcome.custody == ()
    assert registered.valuation.exit_covered_try == Decimal("315000.00")
    cover = registered.valuation.exit_cover
    assert cover is not None
    assert cover.drawn == (MoneyLine("EUR", Decimal("4714.29")),)
    assert cover.remaining == (MoneyLine("EUR", Decimal("5285.71")),)
    form = registered.explanation
    assert form is not None
    assert form.exit_exception == ExitException(ExceptionKind.ENTRY_DECLARATION, number)
    expected = keys.expected_input(
        direction="exit",
        declared=[keys.cash("EUR", "9000.00")],
        detected=[keys.cash("EUR", "9000.00")],
        residence="non_resident",
        exit_exception={"kind": "entry_declaration", "reference": number.lower()},
    )
    assert wizard.record() == expected
    # The same input from the command line is a second exit citing the same form: it is
    # covered by what the first one left, and by nothing more.
    from_cli = cli_create(home, expected, tmp_path, monkeypatch, capsys)
    assert from_cli["valuation"]["exit_cover"]["available"] == [keys.cash("EUR", "5285.71")]
    assert from_cli["valuation"]["exit_cover"]["remaining"] == [keys.cash("EUR", "571.42")]
    assert without(registered.to_json(), {*VOLATILE, "valuation", "outcome"}) == without(
        from_cli, {*VOLATILE, "valuation", "outcome"}
    )


# -- the order of the steps -----------------------------------------------------------------------


def _to_count_page(qtbot: QtBot, desk: Desk, officer: Any, **kwargs: Any) -> NakitAciklamaWizard:
    wizard = open_wizard(qtbot, desk, officer, **kwargs)
    path = keys.opening("risk_analysis", exit_=False) + keys.declaration([("EUR", "1000")])
    play(tuple(path), wizard.currentId)
    assert wizard.currentId() == ek2_wizard.COUNT
    return wizard


def test_statement_cannot_change_once_the_count_page_was_entered(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    wizard = _to_count_page(qtbot, desk, officer, autosave_ms=60_000)
    page = wizard.declaration_page
    assert page.is_locked()
    before = wizard.record()["declared"]
    assert before == [{"currency": "EUR", "amount": "1000.00"}]

    wizard.back()  # the officer goes back to the statement …
    assert wizard.currentId() == ek2_wizard.DECLARATION
    assert page.lock_banner.isVisible() and "kilitlendi" in page.lock_banner.text()
    _kind, _currency, amount, _error = page.editor.row_widgets(0)
    assert not amount.isEnabled() and not page.kind.isEnabled()
    amount.setFocus()  # … and cannot get into the fields:
    assert focus_widget() is not amount
    type_text("99999")
    press(K.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    press(K.Key_Down)
    press(K.Key_Down)  # "no explanation"? the radios are disabled too
    assert wizard.record()["declared"] == before

    # The lock travels with the draft: a reopened draft is locked as well.
    wizard.autosave()
    assert wizard.draft_id is not None
    reopened = open_wizard(qtbot, desk, officer, draft_id=wizard.draft_id)
    assert reopened.declaration_page.is_locked()
    assert not reopened.declaration_page.editor.isEnabled()
    assert reopened.record()["declared"] == before
    assert reopened.declaration_page.locked_at == page.locked_at


def test_statement_is_locked_only_once_the_officer_confirms_what_it_says(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    wizard = open_wizard(qtbot, desk, officer)
    path = [
        *keys.opening("risk_analysis", exit_=False),
        ("page", ek2_wizard.DECLARATION),
        *keys.money_rows([("EUR", "1000"), ("USD", "250,5")]),
    ]
    play(tuple(path), wizard.currentId)
    page = wizard.declaration_page
    press(K.Key_Return)  # İleri: the question, not the lock
    box = page.confirmation
    assert box is not None and box.isVisible()
    assert "1.000,00 EUR" in box.text() and "250,50 USD" in box.text()
    assert "değiştirilemez" in box.text()
    assert wizard.currentId() == ek2_wizard.DECLARATION and not page.is_locked()
    press(K.Key_Escape)  # Düzelt: back to the statement, still open
    qtbot.waitUntil(lambda: not box.isVisible())
    assert wizard.isVisible() and wizard.currentId() == ek2_wizard.DECLARATION
    assert not page.is_locked() and page.editor.isEnabled()
    _kind, _currency, amount, _error = page.editor.row_widgets(1)
    amount.setFocus()
    amount.selectAll()
    type_text("300")
    press(K.Key_Return)
    changed = page.confirmation
    assert changed is not None and "300,00 USD" in changed.text()
    assert "250,50" not in changed.text()
    press(K.Key_Return)  # Kilitle ve sayıma geç
    qtbot.waitUntil(lambda: wizard.currentId() == ek2_wizard.COUNT)
    assert page.is_locked() and not page.editor.isEnabled()
    assert wizard.record()["declared"] == [
        {"currency": "EUR", "amount": "1000.00"},
        {"currency": "USD", "amount": "300.00"},
    ]


def test_the_lock_confirmation_names_a_statement_without_amounts(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    wizard = open_wizard(qtbot, desk, officer)
    path = keys.opening("random", exit_=False) + keys.declaration(None)[:-1]
    play(tuple(path), wizard.currentId)
    box = wizard.declaration_page.confirmation
    assert box is not None and "Kişi açıklama yapmadı." in box.text()
    press(K.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == ek2_wizard.COUNT)
    assert wizard.record()["declared"] is None


def test_statement_is_open_until_the_count_begins(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    wizard = open_wizard(qtbot, desk, officer)
    play(
        tuple(keys.opening("risk_analysis", exit_=False)),
        wizard.currentId,
    )
    assert wizard.currentId() == ek2_wizard.DECLARATION
    assert not wizard.declaration_page.is_locked()
    assert wizard.declaration_page.editor.isEnabled()


def test_misdeclared_needs_the_second_officers_password(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    wizard = open_wizard(qtbot, desk, officer, data=MISDECLARED)
    wizard.advance_to(ek2_wizard.STATEMENT)
    wizard.statement_page.told.setChecked(True)
    wizard.advance_to(ek2_wizard.SIGNATURES)
    assert wizard.currentId() == ek2_wizard.SIGNATURES
    page = wizard.signatures_page
    assert page.two_required()
    # The drafting officer is no choice for the witness.
    offered = [page.witness.itemData(i) for i in range(page.witness.count())]
    assert OFFICER not in offered and WITNESS in offered

    # No witness: refused.
    page.set_witness("")
    press(K.Key_Return)
    assert wizard.currentId() == ek2_wizard.SIGNATURES and wizard.registered_record is None
    assert any("ikinci bir memur" in m for m in page.error_label("witness_officer").messages())
    # A witness without the password: refused.
    page.set_witness(WITNESS)
    press(K.Key_Return)
    assert wizard.registered_record is None
    assert page.error_label("witness_password").messages()
    # A wrong password: refused, and the field is emptied.
    page.password.setFocus()
    type_text("yanlis-parola")
    press(K.Key_Return)
    assert wizard.registered_record is None and page.password.text() == ""
    assert page.error_label("witness_password").messages()
    assert desk.count_records(desk_filter()) == 0
    # The witness's own password: registered, signed by two officers.
    page.password.setFocus()
    type_text(WITNESS_PW)
    press(K.Key_Return)
    registered = wizard.registered_record
    assert registered is not None and wizard.currentId() == ek2_wizard.REGISTERED
    assert registered.explanation is not None
    assert registered.explanation.witness_officer == WITNESS
    assert registered.witness_name == "Mehmet Öztürk"
    assert registered.outcome.officer_signatures_required == 2
    # The password is kept nowhere: not in the page, not in any draft.
    assert page.password.text() == "" and page.witness_officer is None
    assert "witness_password" not in json.dumps(page.state())


def desk_filter() -> Any:
    from gumruk_desk.services import RecordFilter

    return RecordFilter()


def test_refusal_to_sign_is_recorded_and_printed(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    data = {**MISDECLARED, "signature_refused": {"reason": "Tutanağı kabul etmiyorum dedi"}}
    wizard = open_wizard(qtbot, desk, officer, data=data)
    wizard.advance_to(ek2_wizard.STATEMENT)
    wizard.statement_page.told.setChecked(True)
    wizard.advance_to(ek2_wizard.SIGNATURES)
    page = wizard.signatures_page
    assert page.refused.isChecked() and page.reason.text() == "Tutanağı kabul etmiyorum dedi"
    page.password.setText(WITNESS_PW)
    press(K.Key_Return)
    registered = wizard.registered_record
    assert registered is not None
    form = registered.explanation
    assert form is not None
    assert form.signature_refused_reason == "Tutanağı kabul etmiyorum dedi"
    pdf = desk.render_document(registered.number).pdf
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    assert "İmzadan imtina etti. Sebebi: Tutanağı kabul etmiyorum dedi" in flat


def test_refusal_needs_a_reason(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    wizard = open_wizard(qtbot, desk, officer, data=MISDECLARED)
    wizard.advance_to(ek2_wizard.STATEMENT)
    wizard.statement_page.told.setChecked(True)
    wizard.advance_to(ek2_wizard.SIGNATURES)
    page = wizard.signatures_page
    page.refused.setChecked(True)
    page.password.setText(WITNESS_PW)
    press(K.Key_Return)
    assert wizard.registered_record is None
    assert page.error_label("signature_refused").messages()


# -- the pages ------------------------------------------------------------------------------------


def test_obligation_must_be_told_before_going_on(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    wizard = open_wizard(qtbot, desk, officer, data=MISDECLARED)
    wizard.advance_to(ek2_wizard.RESULT)
    assert wizard.currentId() == ek2_wizard.STATEMENT
    assert wizard.statement_page.error_label("obligation").messages()
    assert "5549" in child(wizard.statement_page, QLabel, "obligationText").text()


def test_result_page_explains_the_misdeclared_result(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    wizard = open_wizard(qtbot, desk, officer, data=MISDECLARED)
    wizard.advance_to(ek2_wizard.STATEMENT)
    wizard.statement_page.told.setChecked(True)
    wizard.advance_to(ek2_wizard.RESULT)
    page = wizard.result_page
    assert page.headline.text().startswith("22.c")
    values = {k: v.text() for k, v in page.values.items()}
    assert values["declared_try"].startswith("35.000,00 TL")
    assert values["detected_try"].startswith("560.000,00 TL")
    assert values["undeclared_try"] == "525.000,00 TL"
    assert "2013 yılı" in values["tolerance"]
    assert values["fine"].startswith("52.500,00 TL") and "%10" in values["fine"]
    assert values["custody"] == "16.000,00 EUR"
    assert values["referral"] == values["masak"] == "EVET"
    assert "MASAK" in values["copies"] and "Savcılığına" in values["copies"]
    assert "şahit memur" in values["signatures"]
    # The year's tolerance is not defined for this year: the warning says which year is used.
    assert any("2013" in w for w in page.warnings.messages())


def test_banknote_counter_sums_into_the_line(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    wizard = _to_count_page(qtbot, desk, officer)
    editor = wizard.count_page.editor
    _kind, currency, amount, _error = editor.row_widgets(0)
    currency.set_code("USD")
    amount.setFocus()
    dialog = editor.count_focused_row()
    assert isinstance(dialog, DenominationDialog)
    dialog.count_edit("100").setText("12")
    dialog.count_edit("20").setText("3")
    assert dialog.total_label.text() == "Toplam: 1.260,00 USD"
    dialog.accept()
    assert amount.text() == "1.260,00" and amount.isReadOnly()
    assert editor.lines() == [
        {
            "currency": "USD",
            "amount": "1260.00",
            "denominations": [{"value": "100.00", "count": 12}, {"value": "20.00", "count": 3}],
        }
    ]
    # Counting nothing gives the typed amount back.
    dialog = editor.count_row(0)
    assert dialog is not None
    dialog.count_edit("100").clear()
    dialog.count_edit("20").clear()
    dialog.accept()
    assert not amount.isReadOnly() and "denominations" not in editor.lines()[0]


def test_nothing_found_is_said_explicitly(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    wizard = _to_count_page(qtbot, desk, officer)
    press(K.Key_Return)  # an empty count is not taken for "nothing found"
    assert wizard.currentId() == ek2_wizard.COUNT
    assert any("nakit bulunmadı" in m for m in wizard.count_page.page_error.messages())
    press(K.Key_B, Qt.KeyboardModifier.AltModifier)  # "Sayımda nakit &bulunmadı"
    qtbot.waitUntil(wizard.count_page.nothing_found.isChecked)
    assert focus_widget() is wizard.count_page.nothing_found
    press(K.Key_Return)
    assert wizard.currentId() == ek2_wizard.STATEMENT
    assert wizard.record()["detected"] == []


def test_banknote_counter_refuses_an_instrument_row(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    wizard = _to_count_page(qtbot, desk, officer)
    editor = wizard.count_page.editor
    kind, currency, _amount, _error = editor.row_widgets(0)
    kind.setCurrentIndex(1)  # a cheque
    currency.set_code("TRY")
    assert editor.count_row(0) is None
    assert "yalnızca nakit" in editor.count_error.messages()[0]


EXIT_OVER = keys.expected_input(
    direction="exit",
    source_category="other_free",
    declared=[keys.cash("EUR", "8000.00")],
    detected=[keys.cash("EUR", "8000.00")],
    residence="resident",
)


def test_custody_may_be_widened_but_not_narrowed(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    wizard = open_wizard(qtbot, desk, officer, data=EXIT_OVER)
    wizard.advance_to(ek2_wizard.STATEMENT)
    wizard.statement_page.told.setChecked(True)
    wizard.advance_to(ek2_wizard.EXIT)
    page = wizard.exit_page
    assert wizard.currentId() == ek2_wizard.EXIT
    assert "SINIR AŞILDI" in page.check.text() and "3.714,29 EUR" in page.check.text()
    assert page.proposal == [{"currency": "EUR", "amount": "3714.29"}]
    page.widen.setChecked(True)
    assert page.custody_editor.lines() == page.proposal
    # Narrower than the proposal: refused with the reason.
    page.custody_editor.set_lines([{"currency": "EUR", "amount": "3000.00"}])
    wizard.next()
    assert wizard.currentId() == ek2_wizard.EXIT
    assert any("daraltılamaz" in m for m in page.custody_error.messages())
    # Wider: accepted, and the result says so.
    page.custody_editor.set_lines([{"currency": "EUR", "amount": "5000.00"}])
    wizard.next()
    assert wizard.currentId() == ek2_wizard.RESULT
    assert wizard.result_page.values["custody"].text() == "5.000,00 EUR"


def test_entry_declaration_of_another_person_covers_nothing(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    other = desk.register(ek1(), officer=officer)  # Hans Müller's form
    data = {
        **EXIT_OVER,
        "residence": "non_resident",
        "exit_exception": {"kind": "entry_declaration", "reference": other.number},
    }
    wizard = open_wizard(qtbot, desk, officer, data=data)
    wizard.advance_to(ek2_wizard.STATEMENT)
    wizard.statement_page.told.setChecked(True)
    wizard.advance_to(ek2_wizard.EXIT)
    lookup = wizard.exit_page.lookup.text()
    assert other.number in lookup and "BAŞKA BİR KİŞİYE AİT" in lookup
    assert "SINIR AŞILDI" in wizard.exit_page.check.text()


def test_entry_skips_the_exit_page(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    wizard = open_wizard(qtbot, desk, officer, data=MISDECLARED)
    wizard.advance_to(ek2_wizard.STATEMENT)
    wizard.statement_page.told.setChecked(True)
    wizard.next()
    assert wizard.currentId() == ek2_wizard.RESULT


# -- seizures -------------------------------------------------------------------------------------


def test_a_seizure_is_listed_with_its_24_hours(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    wizard = open_wizard(qtbot, desk, officer, data=MISDECLARED)
    wizard.advance_to(ek2_wizard.STATEMENT)
    wizard.statement_page.told.setChecked(True)
    wizard.advance_to(ek2_wizard.SIGNATURES)
    wizard.signatures_page.password.setText(WITNESS_PW)
    press(K.Key_Return)
    registered = wizard.registered_record
    assert registered is not None
    page = wizard.registered_page
    assert isinstance(page, RegisteredPage)
    assert page.print_seizure.isVisible() and page.print_receipt.isVisible()
    assert "24 saat" in page.deadline.text()
    # A correct explanation is no seizure.
    desk.register(
        keys.expected_input(
            declared=[keys.cash("EUR", "10.00")], detected=[keys.cash("EUR", "10.00")]
        ),
        officer=officer,
    )
    pending = desk.pending_seizures()
    assert [s.number for s in pending] == [registered.number]
    made = registered.registered_at
    assert pending[0].deadline == made + datetime.timedelta(hours=24)
    assert pending[0].custody == [{"currency": "EUR", "amount": "16000.00"}]

    from gumruk_desk.ui.seizures_dialog import SeizuresDialog, time_left_text

    dialog = SeizuresDialog(desk)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert cell(dialog.table, 0, 0) == registered.number
    assert cell(dialog.table, 0, 3).endswith("kaldı")
    dialog.refresh(now=made + datetime.timedelta(hours=25))
    assert cell(dialog.table, 0, 3).startswith("SÜRE GEÇTİ (1 sa")
    assert time_left_text(datetime.timedelta(hours=5, minutes=12)) == "5 sa 12 dk kaldı"
    assert desk.status().seizures_pending == 1


def test_seizure_documents_print_for_the_tutanak(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    wizard = open_wizard(qtbot, desk, officer, data=MISDECLARED)
    wizard.advance_to(ek2_wizard.STATEMENT)
    wizard.statement_page.told.setChecked(True)
    wizard.advance_to(ek2_wizard.SIGNATURES)
    wizard.signatures_page.password.setText(WITNESS_PW)
    press(K.Key_Return)
    done = wizard.registered_page
    assert isinstance(done, RegisteredPage)
    for document, pages in (("form", 4), ("seizure", None), ("receipt", None)):
        dialog = wizard.open_print(document)
        assert dialog is not None, done.print_error.messages()
        if pages is not None:
            assert dialog.page_count == pages
        assert "Nakit Açıklama Tutanağı" in dialog.windowTitle() or document != "form"
        dialog.close()


# -- drafts and the main window -------------------------------------------------------------------


def test_draft_restores_every_page_and_the_witness_but_no_password(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    wizard = open_wizard(qtbot, desk, officer, data=MISDECLARED, autosave_ms=60_000)
    wizard.advance_to(ek2_wizard.STATEMENT)
    wizard.statement_page.told.setChecked(True)
    wizard.advance_to(ek2_wizard.SIGNATURES)
    wizard.signatures_page.password.setText(WITNESS_PW)
    wizard.autosave()
    draft = desk.draft(wizard.draft_id or "")
    assert draft is not None and draft.kind == "nakit_aciklama"
    assert WITNESS_PW not in json.dumps(draft.data)
    wizard.reject()  # put aside: the draft stays
    reopened = open_wizard(qtbot, desk, officer, draft_id=draft.id)
    assert reopened.currentId() == ek2_wizard.SIGNATURES
    assert reopened.record() == MISDECLARED
    assert reopened.signatures_page.password.text() == ""


def test_main_window_opens_the_ek2_wizard_and_its_drafts(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    from gumruk_desk.ui.main_window import MainWindow

    window = MainWindow(desk, officer)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.new_ek2_action.isEnabled()
    window.new_ek2_action.trigger()
    wizard = window.wizard
    assert isinstance(wizard, NakitAciklamaWizard)
    wizard.selection_page.choice.set_value("random")
    wizard.autosave()
    draft_id = wizard.draft_id
    assert draft_id is not None
    wizard.reject()
    reopened = window.open_draft(draft_id)
    assert isinstance(reopened, NakitAciklamaWizard)
    assert reopened.record()["selection_basis"] == "random"
    reopened.reject()


# -- the keyboard on the pages ---------------------------------------------------------------------


def test_radio_pages_choose_by_arrows_and_space_and_tab_stays_on_the_page(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    wizard = open_wizard(qtbot, desk, officer)
    page = wizard.selection_page
    next_button = wizard.button(wizard.WizardButton.NextButton)
    assert focus_widget() is page.choice.buttons["risk_analysis"]
    press(K.Key_Down)  # an arrow chooses, also while nothing is chosen yet
    assert page.choice.value() == "random"
    press(K.Key_Tab)  # the first Tab goes to the next question, not to İleri
    assert focus_widget() is page.direction.buttons["entry"] and focus_widget() is not next_button
    press(K.Key_Space)
    assert page.direction.value() == "entry"
    press(K.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # back: onto the chosen one
    assert focus_widget() is page.choice.buttons["random"]
    press(K.Key_Return)  # Enter goes on
    assert wizard.currentId() == ek2_wizard.IDENTITY


def test_the_focused_first_control_is_drawn_so_that_it_shows(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    wizard = open_wizard(qtbot, desk, officer)
    first = wizard.selection_page.choice.buttons["risk_analysis"]
    assert focus_widget() is first
    focused_image = first.grab().toImage()
    press(K.Key_Tab)
    assert focus_widget() is not first
    assert first.grab().toImage() != focused_image  # a frame a user can see, not only a dot
    play(tuple(keys.selection("risk_analysis", exit_=False)[1:]), wizard.currentId)
    seen = wizard.identity_page.seen
    unfocused = seen.grab().toImage()
    seen.setFocus(Qt.FocusReason.TabFocusReason)
    assert seen.grab().toImage() != unfocused


def test_a_new_scan_clears_what_it_does_not_fill(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    from ek1_keys import SPECIMEN_TD1, SPECIMEN_TD3

    wizard = open_wizard(qtbot, desk, officer, autosave_ms=60_000)
    play(tuple(keys.selection("random", exit_=False) + keys.identity()), wizard.currentId)
    play((("page", ek2_wizard.PERSONAL), ("type", "Birgitta")), wizard.currentId)
    wizard.back()
    page = wizard.identity_page
    assert page.birth_place.text() == "Stockholm" and page.seen.isChecked()
    press(K.Key_M, Qt.KeyboardModifier.AltModifier)  # back to the MRZ: the old zone selected
    qtbot.waitUntil(lambda: focus_widget() is page.mrz)
    type_text("\n".join(SPECIMEN_TD1) + "\n")  # another document is scanned
    assert page.id_number.text() == "D23145890" and page.mrz.toPlainText().count("\n") == 2
    assert page.birth_place.text() == "" and page.father_name.text() == ""
    assert not page.seen.isChecked()  # nor is the new document "seen" yet
    assert wizard.personal_page.mother_name.text() == ""
    page.birth_place.setText("Uppsala")
    page.mrz.setFocus(Qt.FocusReason.TabFocusReason)
    type_text("\n".join(SPECIMEN_TD1) + "\n")  # the same document again: nothing is lost
    assert page.birth_place.text() == "Uppsala"
    assert SPECIMEN_TD3[0] not in page.mrz.toPlainText()
