"""The Nakit Beyan Formu (EK-1) wizard: keyboard-only completion that
registers the same record as ``gumruk-desk record create``, drafts that survive the window,
the prohibited-source stop and the exit refusal with the circular's reasons, and the domain
validator's messages under their fields."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize, QPalette
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from ek1_keys import (
    EK1_KEY_PATH,
    EK1_LEGAL_PATH,
    SPECIMEN_TD1,
    SPECIMEN_TD3,
    focus_widget,
    play,
    press,
    type_text,
)
from factories import ek1
from gumruk_desk.domain.evaluation import OutcomeCode
from gumruk_desk.domain.money import MoneyLine
from gumruk_desk.domain.records import (
    Direction,
    FoundWhere,
    PresentPerson,
    SeizureFacts,
    SourceCategory,
)
from gumruk_desk.services import Desk
from gumruk_desk.ui.app import application
from gumruk_desk.ui.ek1 import wizard as ek1_wizard
from gumruk_desk.ui.ek1.registered_page import RegisteredPage
from gumruk_desk.ui.ek1.wizard import NakitBeyanWizard
from gumruk_desk.ui.form_wizard.page import FormPage
from gumruk_desk.ui.widgets import CountryBox, DateEdit, MoneyLinesEditor, MrzField
from gumruk_desk.ui.widgets.error_label import ERROR_COLOUR
from register_fixtures import OFFICER, OFFICER_PW
from wizard_support import VOLATILE, cli_create, show_active, without

K = Qt.Key


@pytest.fixture(scope="session")
def qapp() -> QApplication:
    return application()


@pytest.fixture
def officer(desk: Desk) -> Any:
    return desk.authenticate(OFFICER, OFFICER_PW)


def open_wizard(qtbot: QtBot, desk: Desk, officer: Any, **kwargs: Any) -> NakitBeyanWizard:
    return show_active(qtbot, NakitBeyanWizard(desk, officer, **kwargs))


def done_page(wizard: NakitBeyanWizard) -> RegisteredPage:
    page = wizard.registered_page
    assert isinstance(page, RegisteredPage)
    return page


def focused() -> QWidget | None:
    return focus_widget()


# -- end to end, keys only -----------------------------------------------------------------------


#: The person the cash is for, by path: the declarant themselves, or a company.
BENEFICIARIES = {
    "own": (
        EK1_KEY_PATH,
        {
            "name": "ANNA MARIA ERIKSSON",
            "legal_entity": False,
            "nationality": "SE",
            "id_kind": "passport",
            "id_number": "L898902C3",
        },
    ),
    "company": (
        EK1_LEGAL_PATH,
        {
            "name": "Anadolu Tekstil A.Ş.",
            "legal_entity": True,
            "nationality": None,
            "id_kind": "vkn",
            "id_number": "4540536920",
        },
    ),
}


@pytest.mark.parametrize("case", sorted(BENEFICIARIES))
def test_keyboard_only_ek1_registers_what_record_create_registers(
    case: str,
    qtbot: QtBot,
    desk: Desk,
    officer: Any,
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    wizard = open_wizard(qtbot, desk, officer)
    numbers: list[str] = []
    wizard.registered.connect(numbers.append)
    focus_on_entry: dict[int, bool] = {}

    def check_focus(page_id: int) -> None:
        page = wizard.page(page_id)
        if page is None:  # the window closing at the end of the test
            return
        assert isinstance(page, FormPage)
        focus_on_entry[page_id] = focused() is page.first_field()

    wizard.currentIdChanged.connect(check_focus)
    assert focused() is wizard.source_page.first_field()

    path, beneficiary = BENEFICIARIES[case]
    count = play(path, wizard.currentId)

    # Every page in order, past the seizure report's page (a declaration seizes nothing).
    assert count.pages == [p for p in range(7) if p != ek1_wizard.SEIZURE]
    assert focus_on_entry == dict.fromkeys(count.pages[1:], True)
    assert count.officer > 0 and count.scanner == 2 * 45
    registered = wizard.registered_record
    assert registered is not None and numbers == [registered.number]
    assert registered.outcome.code is OutcomeCode.DECLARED
    # The MRZ filled the identity; the officer typed only what no MRZ holds.
    person = registered.person
    assert (person.first_name, person.last_name, person.id_number) == (
        "ANNA MARIA",
        "ERIKSSON",
        "L898902C3",
    )
    assert (person.birth_date, person.nationality, person.birth_place) == (
        datetime.date(1974, 8, 12),
        "SE",
        "Stockholm",
    )
    # The input the wizard built is exactly the SPEC §9 EK-1 input ...
    data = wizard.record()
    assert set(data) == {
        "kind",
        "direction",
        "person",
        "id_document_seen",
        "source_category",
        "arrival_reason",
        "cash",
        "beneficiary",
        "source_country",
    }
    assert data["direction"] == "entry" and data["cash"] == [
        {"currency": "EUR", "amount": "10000.00"}
    ]
    assert data["id_document_seen"] is True and data["source_country"] == "DE"
    assert data["arrival_reason"] == {"code": "export", "text": ""}
    assert data["beneficiary"] == beneficiary
    # ... and the command line registers the same record from it.
    from_cli = cli_create(home, data, tmp_path, monkeypatch, capsys)
    assert without(registered.to_json(), VOLATILE) == without(from_cli, VOLATILE)
    assert desk.show(registered.number) == registered
    # Nothing typed is left behind as a draft.
    assert desk.drafts() == []


def test_registered_form_prints_and_the_print_is_recorded(
    qtbot: QtBot, desk: Desk, officer: Any, tmp_path: Path
) -> None:
    wizard = open_wizard(qtbot, desk, officer, data=ek1())
    wizard.advance_to(ek1_wizard.REVIEW)
    press(K.Key_Return)  # Kaydet
    assert wizard.currentId() == ek1_wizard.REGISTERED
    assert focused() is done_page(wizard).print_form
    press(K.Key_Return)  # Yazdır (the default button of the last page)
    dialog = wizard.print_dialog
    assert dialog is not None and dialog.isVisible() and dialog.page_count == 3
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    assert dialog.print_to(printer) == 3
    assert dialog.recorded and not dialog.isVisible()
    # A second print is a reprint: the register counted the first one.
    assert wizard.registered_record is not None
    number = wizard.registered_record.number
    assert desk.render_document(number).print_no == 2


# -- drafts --------------------------------------------------------------------------------------


def test_draft_survives_the_destroyed_window_with_every_typed_field(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    # Not handed to qtbot: the window is destroyed below as a crash would, not closed.
    wizard = NakitBeyanWizard(desk, officer, autosave_ms=50)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    press(K.Key_Space)  # export …
    press(K.Key_Down)  # … no: transit trade; the reason follows
    press(K.Key_Tab)  # to the reason (transit trade proposed), and on to its text
    press(K.Key_Tab)
    type_text("Transit ticaret kazancı")
    press(K.Key_Return)
    type_text("\n".join(SPECIMEN_TD3) + "\n")
    type_text("se")
    press(K.Key_Tab)
    type_text("Göteborg")
    press(K.Key_Tab)
    type_text("Lars")
    press(K.Key_Tab)
    press(K.Key_Space)
    press(K.Key_Return)
    assert wizard.currentId() == ek1_wizard.CASH
    type_text("usd")
    press(K.Key_Tab)
    type_text("2.500,5")  # typed on the current page only: saved by the timer
    draft_id = wizard.draft_id
    assert draft_id is not None

    def saved() -> bool:
        draft = desk.draft(draft_id)
        return draft is not None and "2.500,5" in json.dumps(draft.data, ensure_ascii=False)

    qtbot.waitUntil(saved, timeout=5000)
    # The window dies without closing (as in a crash): nothing more is saved.
    shiboken6.delete(wizard)
    assert not shiboken6.isValid(wizard)

    (draft,) = desk.drafts(OFFICER)
    assert draft.id == draft_id and draft.page == ek1_wizard.CASH
    again = open_wizard(qtbot, desk, officer, draft_id=draft_id)
    assert again.currentId() == ek1_wizard.CASH
    assert again.source_page.category() == "transit_trade"
    identity = again.identity_page
    assert identity.mrz.toPlainText() == "\n".join(SPECIMEN_TD3)
    assert identity.first_name.text() == "ANNA MARIA"
    assert identity.last_name.text() == "ERIKSSON"
    assert identity.id_number.text() == "L898902C3"
    assert identity.birth_date.text() == "12.08.1974"
    assert identity.nationality.code() == "SE"
    assert identity.birth_place.text() == "Göteborg"
    assert identity.father_name.text() == "Lars"
    assert identity.seen.isChecked()
    assert again.source_page.reason.code() == "transit_trade"
    assert again.source_page.reason.text.text() == "Transit ticaret kazancı"
    kind, currency, amount, _ = again.cash_page.editor.row_widgets(0)
    assert (kind.currentData(), currency.code(), amount.text()) == ("", "USD", "2.500,5")
    # Back walks through the restored pages.
    again.back()
    assert again.currentId() == ek1_wizard.IDENTITY
    # Registering removes the draft in the same transaction.
    again.next()
    again.cash_page.editor.row_widgets(0)[2].setText("2500,50")
    again.next()
    beneficiary = again.beneficiary_page
    assert beneficiary.same.isChecked() and beneficiary.name.text() == "ANNA MARIA ERIKSSON"
    beneficiary.same.setChecked(False)
    beneficiary.name.setText("Ayşe Demir")
    beneficiary.nationality.set_code("TR")
    beneficiary.id_kind.setCurrentIndex(beneficiary.id_kind.findData("tckn"))
    beneficiary.id_number.setText("10000000146")
    beneficiary.country.set_code("SE")
    again.next()
    again.next()
    assert again.registered_record is not None, again.review_page.page_error.messages()
    form = again.registered_record.declaration
    assert form is not None and form.beneficiary.name == "Ayşe Demir"
    assert desk.drafts() == []


def test_nothing_typed_leaves_no_draft(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    wizard = open_wizard(qtbot, desk, officer, autosave_ms=20)
    qtbot.wait(100)  # several autosave ticks with nothing typed
    wizard.close()
    assert desk.drafts() == []


# -- the circular's refusals ---------------------------------------------------------------------


def test_prohibited_source_stops_with_the_reason_and_offers_the_seizure(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    wizard = open_wizard(qtbot, desk, officer)
    page = wizard.source_page
    assert not page.stop_frame.isVisible()
    press(K.Key_Space)
    for _ in range(5):  # down the list to "Kişisel sermaye"
        press(K.Key_Down)
    assert page.category() == "personal_capital"
    assert page.stop_frame.isVisible()
    reason = page.stop_text.text()
    assert "bankacılık sistemi dışında yurda getirilemez" in reason
    assert "beyan da edilemez" in reason
    assert "nakde el konulur" in reason and "Cumhuriyet Savcılığına" in reason
    assert "1.1/a" in reason and "1.1/b" in reason

    press(K.Key_Return)  # no declaration of a prohibited source
    assert wizard.currentId() == ek1_wizard.SOURCE
    assert page.seizure_error.isVisible()
    assert "beyan edilemez" in page.seizure_error.text()
    assert focused() is page.seizure_check
    press(K.Key_Space)  # the seizure path
    press(K.Key_Return)
    assert wizard.currentId() == ek1_wizard.IDENTITY
    assert wizard.identity_page.seizure_banner.isVisible()
    assert wizard.windowTitle().startswith("El koyma")

    # Identity, cash and the rest as for any EK-1 (the register requires every field).
    seizure = ek1(
        source_category="personal_capital", arrival_reason={"code": "other", "text": "Miras"}
    )
    for p in wizard.data_pages[1:]:
        p.load(seizure)
    # The seizure report's own facts are asked before the review.
    wizard.advance_to(ek1_wizard.REVIEW)
    assert wizard.currentId() == ek1_wizard.SEIZURE
    assert "nerede bulunduğunu" in " ".join(
        p.message for p in wizard.seizure_page.current_problems()
    )
    facts = {
        "found": "baggage",
        "found_detail": None,
        "facts": "Beyan sırasında kaynağın kişisel sermaye olduğu anlaşıldı; nakit sayıldı.",
        "statement": None,
        "order": None,
        "present": [
            {"name": "Mehmet Kaya", "id_number": "10000000146"},
            {"name": "Zeynep Ak", "id_number": "17291716060"},
        ],
    }
    wizard.seizure_page.load({"seizure": facts})
    wizard.advance_to(ek1_wizard.REVIEW)
    assert wizard.currentId() == ek1_wizard.REVIEW
    assert wizard.review_page.seizure_banner.isVisible()
    press(K.Key_Return)
    record = wizard.registered_record
    assert record is not None
    assert record.form.source_category is SourceCategory.PERSONAL_CAPITAL
    assert record.outcome.code is OutcomeCode.PROHIBITED_SOURCE
    assert record.outcome.prosecutor_referral is True
    assert record.outcome.custody == (MoneyLine("EUR", Decimal("10000.00")),)
    assert record.seizure == SeizureFacts(
        found=FoundWhere.BAGGAGE,
        found_detail=None,
        facts="Beyan sırasında kaynağın kişisel sermaye olduğu anlaşıldı; nakit sayıldı.",
        statement=None,
        present=(
            PresentPerson("Mehmet Kaya", "10000000146"),
            PresentPerson("Zeynep Ak", "17291716060"),
        ),
    )
    done = done_page(wizard)
    assert "EL KOYMA" in done.outcome.text() and done.print_seizure.isVisible()
    # A seizure, in the seizure series: no Nakit Beyan Formu is offered for printing.
    assert "-Z-" in record.number and record.seizure_number == record.number
    assert not done.print_form.isVisible() and done.print_seizure.isDefault()


def test_a_free_source_shows_no_stop(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    wizard = open_wizard(qtbot, desk, officer)
    for code in ("export", "transit_trade", "foreign_capital", "other_free"):
        wizard.source_page.set_category(code)
        assert not wizard.source_page.stop_frame.isVisible()
    wizard.source_page.set_category("loan_from_abroad")
    assert wizard.source_page.stop_frame.isVisible()


EXIT_REASON = "Yurt dışına çıkarılan nakit ile ilgili Nakit Beyan Formu düzenlenmez"


def test_exit_direction_in_data_is_refused_with_the_circulars_reason(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    wizard = open_wizard(qtbot, desk, officer, data=ek1(direction="exit"))
    page = wizard.source_page
    assert wizard.currentId() == ek1_wizard.SOURCE
    assert page.exit_refusal.isVisible() and EXIT_REASON in page.exit_refusal.text()
    assert "1.2/a" in page.exit_refusal.text()
    press(K.Key_Return)
    assert wizard.currentId() == ek1_wizard.SOURCE
    assert page.exit_refusal.messages() == (page.exit_refusal_text(),)  # once, not twice
    assert not page.page_error.isVisible()
    assert wizard.record()["direction"] == "exit"
    assert list(desk.list_records()) == []


def test_exit_direction_in_a_draft_is_refused(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    draft_id = desk.save_draft(
        None, kind="nakit_beyan", officer=OFFICER, page=5, data=ek1(direction="exit")
    )
    wizard = open_wizard(qtbot, desk, officer, draft_id=draft_id)
    assert wizard.currentId() == ek1_wizard.SOURCE  # cannot get past the first page
    assert wizard.source_page.exit_refusal.isVisible()
    assert EXIT_REASON in wizard.source_page.exit_refusal.text()


def test_the_wizard_offers_no_exit_direction(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    wizard = open_wizard(qtbot, desk, officer)
    assert wizard.record()["direction"] == "entry"
    choices = [b.text() for b in wizard.findChildren(QRadioButton)]
    choices += [
        box.itemText(i) for box in wizard.findChildren(QComboBox) for i in range(box.count())
    ]
    assert choices and not any("çıkış" in c.lower() or "exit" in c.lower() for c in choices)


def test_where_the_rule_set_allows_it_the_form_is_made_on_exit(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    from register_fixtures import SUPERVISOR, SUPERVISOR_PW

    desk.confirm_ruleset("2024/1", desk.authenticate(SUPERVISOR, SUPERVISOR_PW))
    wizard = open_wizard(qtbot, desk, officer)
    page = wizard.source_page
    assert set(page.direction_buttons) == {"entry", "exit"}
    assert page.direction_buttons["entry"].isChecked()
    press(K.Key_D, Qt.KeyboardModifier.AltModifier)  # Yurt &dışına çıkış
    qtbot.waitUntil(page.direction_buttons["exit"].isChecked)
    assert wizard.record()["direction"] == "exit"
    # On exit the sources prohibited on entry stop nothing.
    page.buttons["loan_from_abroad"].setChecked(True)
    assert not page.stop_frame.isVisible() and not page.is_seizure()
    page.buttons["export"].setChecked(True)
    data = {**ek1(direction="exit", cash=[{"currency": "EUR", "amount": "12000.00"}])}
    wizard.apply(data)
    wizard.advance_to(ek1_wizard.BENEFICIARY)
    country = wizard.beneficiary_page
    assert country.destination.isVisibleTo(country)
    wizard.next()
    assert wizard.currentId() == ek1_wizard.BENEFICIARY  # the destination is required
    assert country.error_label("country_to").messages() == ("Gidilecek ülkeyi yazın.",)
    country.destination.set_code("DE")
    wizard.advance_to(ek1_wizard.REVIEW)
    wizard.next()  # Kaydet
    registered = wizard.registered_record
    assert registered is not None, (wizard.currentId(), wizard.review_page.page_error.messages())
    assert registered.rule_set == "2024/1"
    form = registered.declaration
    assert form is not None and form.direction is Direction.EXIT and form.country_to == "DE"
    assert registered.outcome.code is OutcomeCode.DECLARED


# -- validation under the fields ----------------------------------------------------------------


def red(label: QWidget) -> bool:
    return label.palette().color(QPalette.ColorRole.WindowText) == ERROR_COLOUR


def test_page_validation_shows_the_domain_message_under_its_field(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    wizard = open_wizard(qtbot, desk, officer)
    press(K.Key_Space)
    press(K.Key_Return)
    page = wizard.identity_page
    press(K.Key_Return)  # empty MRZ: Enter goes to the wizard, which refuses the page
    assert wizard.currentId() == ek1_wizard.IDENTITY
    first = page.error_label("person.first_name")
    assert first.isVisible() and red(first) and first.messages() == ("Boş bırakılamaz.",)
    assert page.error_label("person.birth_date").messages() == ("Tarih girilmeli.",)
    assert page.error_label("person.nationality").messages() == ("Ülke seçilmeli.",)
    assert focused() is page.first_name  # the first field with a problem
    # The message sits directly under its field.
    holder = first.parentWidget()
    assert holder is not None
    layout = holder.layout()
    assert layout is not None and layout.indexOf(first) == 1
    above = layout.itemAt(0)
    assert above is not None and above.widget() is page.first_name

    page.load({"person": {**ek1()["person"], "id_kind": "tckn", "id_number": "12345678901"}})
    QTest.keyClick(page.id_number, K.Key_Return)
    assert wizard.currentId() == ek1_wizard.IDENTITY
    assert page.error_label("person.id_number").messages() == (
        "T.C. Kimlik No geçersiz: kontrol haneleri tutmuyor.",
    )
    assert not page.error_label("person.first_name").isVisible()  # fixed fields are cleared
    page.id_number.setText("10000000146")
    assert not page.error_label("person.id_number").isVisible()  # follows the correction
    page.seen.setChecked(True)
    press(K.Key_Return)
    assert wizard.currentId() == ek1_wizard.CASH


def test_unreadable_date_and_amount_are_explained_under_the_field(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    wizard = open_wizard(qtbot, desk, officer, data=ek1())
    page = wizard.identity_page
    wizard.advance_to(ek1_wizard.IDENTITY)
    page.birth_date.setText("31.02.1980")
    wizard.next()
    assert wizard.currentId() == ek1_wizard.IDENTITY
    assert page.error_label("person.birth_date").messages() == (
        "'31.02.1980' geçerli bir tarih değil; GG.AA.YYYY biçiminde yazın.",
    )
    page.birth_date.setText("31.01.1980")
    wizard.advance_to(ek1_wizard.CASH)
    editor = wizard.cash_page.editor
    editor.row_widgets(0)[2].setText("10,000,00")
    wizard.next()
    assert wizard.currentId() == ek1_wizard.CASH
    assert editor.row_widgets(0)[3].messages() == (
        "'10,000,00' bir tutar değil; 12.500,00 biçiminde yazın.",
    )
    editor.row_widgets(0)[2].setText("")
    wizard.next()
    assert editor.row_widgets(0)[3].messages() == ("Tutarı yazın.",)
    editor.row_widgets(0)[1].set_code(None)
    wizard.next()
    assert wizard.cash_page.page_error.messages() == ("En az bir satır girilmeli.",)


def test_arrival_reason_contradicting_the_source_is_shown_on_its_page(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    wizard = open_wizard(qtbot, desk, officer, data=ek1(source_category="transit_trade"))
    page = wizard.source_page
    assert page.reason.code() == "export"  # the input's own reason, not the source's
    wizard.next()
    assert wizard.currentId() == ek1_wizard.SOURCE
    (message,) = page.error_label("arrival_reason.code").messages()
    assert "çelişiyor" in message
    hint = page.reason.hint.text()
    assert "İhracat" in hint and "Yabancı Sermaye Bedeli" in hint and "1.2/a" in hint


def test_the_reason_of_arrival_follows_the_source_until_the_officer_chooses(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    wizard = open_wizard(qtbot, desk, officer)
    page = wizard.source_page
    press(K.Key_Space)  # İhracat
    assert page.reason.code() == "export"
    press(K.Key_Down)  # transit trade
    assert page.reason.code() == "transit_trade"
    press(K.Key_Tab)  # Tab leaves the sources for the reasons, not for İleri
    assert focused() is page.reason.buttons["transit_trade"]
    press(K.Key_Left)  # the officer's own choice: Yabancı Sermaye Bedeli
    assert page.reason.code() == "foreign_capital"
    page.buttons["export"].setChecked(True)
    assert page.reason.code() == "foreign_capital"  # kept


def test_document_must_be_seen(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    wizard = open_wizard(qtbot, desk, officer, data=ek1(id_document_seen=False))
    wizard.advance_to(ek1_wizard.REVIEW)
    assert wizard.currentId() == ek1_wizard.IDENTITY
    label = wizard.identity_page.error_label("id_document_seen")
    assert label.isVisible() and "aslı görülmeden" in label.text()


def test_legal_person_has_no_nationality_and_is_named_by_vkn(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    wizard = open_wizard(qtbot, desk, officer, data=ek1())
    wizard.advance_to(ek1_wizard.BENEFICIARY)
    page = wizard.beneficiary_page
    assert not page.same.isChecked()  # the input names a company, not its declarant
    assert page.is_legal() and not page.nationality.isEnabled()
    page.natural.setChecked(True)
    assert page.nationality.isEnabled() and page.id_kind.currentData() == "tckn"
    page.legal.setChecked(True)
    assert page.id_kind.currentData() == "vkn"
    page.id_number.setText("4540536921")
    wizard.next()
    assert wizard.currentId() == ek1_wizard.BENEFICIARY
    assert page.error_label("beneficiary.id_number").messages() == (
        "Vergi Kimlik No geçersiz: kontrol hanesi tutmuyor.",
    )


def test_review_mirrors_the_printed_labels(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    wizard = open_wizard(qtbot, desk, officer, data=ek1())
    wizard.advance_to(ek1_wizard.REVIEW)
    assert wizard.currentId() == ek1_wizard.REVIEW
    page = wizard.review_page
    assert page.paper is not None
    texts = [label.text() for label in page.paper.findChildren(QWidget) if hasattr(label, "text")]
    for element in page.layout_data["elements"]:
        if element["type"] == "field":
            assert element["label"] in texts
        if element["type"] == "section":
            assert element["text"] in texts
    assert page.layout_data["closing_line"] in texts
    assert page.values["person.birth_date"].text() == "31.01.1980"
    assert page.values["person.nationality"].text() == "Almanya (DE)"
    assert page.values["arrival_reason"].text() == "İhracat — İhracat bedeli"
    assert page.values["beneficiary"].text() == "4540536920 (Vergi Kimlik No)"
    assert page.values["customs_area"].text() == "Dış Hatlar Geliş Salonu"
    assert "10.000,00 EUR" in texts and "EUR – Euro" in texts
    assert any("Ayşe Yılmaz" in t for t in texts)


def test_registration_problem_is_shown_on_the_review(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    wizard = open_wizard(
        qtbot, desk, officer, data=ek1(cash=[{"currency": "CHF", "amount": "5.00"}])
    )
    wizard.advance_to(ek1_wizard.REVIEW)
    wizard.next()  # Kaydet: the register has no CHF rate
    assert wizard.currentId() == ek1_wizard.REVIEW and wizard.registered_record is None
    (message,) = wizard.review_page.page_error.messages()
    assert message.startswith("3. Beyan edilen nakit") and "CHF" in message and "kur yok" in message


# -- the field widgets ----------------------------------------------------------------------------


def test_mrz_field_reads_td1_after_the_third_line(qtbot: QtBot) -> None:
    field = MrzField(today=lambda: datetime.date(2026, 1, 1))
    qtbot.addWidget(field)
    read: list[Any] = []
    field.parsed.connect(read.append)
    for line in SPECIMEN_TD1[:2]:
        QTest.keyClicks(field, line)
        QTest.keyClick(field, K.Key_Return)
    assert read == [] and field.toPlainText().count("\n") == 2
    QTest.keyClicks(field, SPECIMEN_TD1[2])
    QTest.keyClick(field, K.Key_Return)
    (data,) = read
    assert data.document_type == "TD1" and data.document_number == "D23145890"


def test_mrz_field_reports_a_bad_check_digit(qtbot: QtBot) -> None:
    field = MrzField()
    qtbot.addWidget(field)
    failed: list[str] = []
    field.failed.connect(failed.append)
    QTest.keyClicks(field, SPECIMEN_TD3[0])
    QTest.keyClick(field, K.Key_Return)
    QTest.keyClicks(field, SPECIMEN_TD3[1][:9] + "7" + SPECIMEN_TD3[1][10:])
    QTest.keyClick(field, K.Key_Return)
    (message,) = failed
    assert "kontrol hanesi hatalı" in message and "belge numarası" in message


def test_turkish_id_card_mrz_fills_the_tckn(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    from gumruk_desk.domain.identity import mrz_check_digit

    tckn = "10000000146"
    line1 = "I<TURA12B34567" + mrz_check_digit("A12B34567") + tckn + "<" * 4
    birth, expiry = mrz_check_digit("800131"), mrz_check_digit("300101")
    line2 = f"800131{birth}M300101{expiry}TUR" + "<" * 11
    line2 += mrz_check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    line3 = "YILMAZ<<AYSE<<<<<<<<<<<<<<<<<<"
    wizard = open_wizard(qtbot, desk, officer)
    press(K.Key_Space)
    press(K.Key_Return)
    assert wizard.currentId() == ek1_wizard.IDENTITY
    type_text("\n".join((line1, line2, line3)) + "\n")
    page = wizard.identity_page
    assert page.mrz_error.messages() == ()
    assert page.id_kind.currentData() == "tckn" and page.id_number.text() == tckn
    assert page.nationality.code() == "TR" and page.birth_date.text() == "31.01.1980"
    assert focused() is page.birth_place


def test_country_box_searches_turkish_names_and_codes(qtbot: QtBot) -> None:
    box = CountryBox()
    qtbot.addWidget(box)
    box.show()
    box.setFocus()
    for typed, code in (("almanya", "DE"), ("türkiye", "TR"), ("turkiye", "TR"), ("de", "DE")):
        box.set_code(None)
        box.line_edit().setText(typed)
        box.commit()
        assert box.code() == code, typed
    box.line_edit().setText("ırak")
    assert box.code() == "IQ"
    box.line_edit().setText("birleşik")
    assert box.code() is None and "birden fazla" in (box.problem() or "")
    box.line_edit().setText("Atlantis")
    assert "listede yok" in (box.problem() or "")


def test_date_edit_takes_eight_digits(qtbot: QtBot) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    QTest.keyClicks(edit, "31011980")
    assert edit.text() == "31.01.1980" and edit.iso() == "1980-01-31"
    edit.clear()
    assert edit.date() is None and edit.problem() is None


def test_money_lines_editor_adds_and_removes_rows_by_keyboard(qtbot: QtBot) -> None:
    editor = MoneyLinesEditor()
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.first_field().setFocus()
    assert focused() is editor.row_widgets(0)[1]  # the currency, the row's first control
    type_text("eur")
    press(K.Key_Tab)
    type_text("1.250,5")
    press(K.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert editor.row_count() == 2 and focused() is editor.row_widgets(1)[1]
    type_text("try")
    press(K.Key_Tab)
    type_text("5000")
    press(K.Key_Tab)  # the kind, after the amount …
    assert focused() is editor.row_widgets(1)[0]
    press(K.Key_Down)  # … Bono
    assert editor.lines() == [
        {"currency": "EUR", "amount": "1250.50"},
        {"instrument": "bono", "currency": "TRY", "amount": "5000.00"},
    ]
    assert "EUR – Euro: 1.250,50" in editor.totals_label.text()
    assert "Bono (TRY): 5.000,00" in editor.totals_label.text()
    press(K.Key_Delete, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.row_count() == 1
    assert editor.lines() == [{"currency": "EUR", "amount": "1250.50"}]
    press(K.Key_E, Qt.KeyboardModifier.AltModifier)  # "Satır &ekle" (a mnemonic clicks later)
    qtbot.waitUntil(lambda: editor.row_count() == 2)
    assert focused() is editor.row_widgets(1)[1]


def test_cash_page_shows_the_running_tl_total_and_missing_rates(
    qtbot: QtBot, desk: Desk, officer: Any
) -> None:
    wizard = open_wizard(qtbot, desk, officer, data=ek1())
    wizard.advance_to(ek1_wizard.CASH)
    note = wizard.cash_page.valuation_note
    # The factory's 10,000 EUR at the test bulletin's 35 TL.
    assert "Toplam TL karşılığı: 350.000,00 TL" in note.text()
    editor = wizard.cash_page.editor
    editor.row_widgets(0)[2].setText("100,00")
    qtbot.waitUntil(lambda: "3.500,00 TL" in note.text())
    editor.row_widgets(0)[1].set_code("CHF")
    qtbot.waitUntil(lambda: "kuru olmayan: CHF" in note.text())


def test_amount_field_takes_only_digits_and_separators(qtbot: QtBot) -> None:
    editor = MoneyLinesEditor()
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    _kind, currency, amount, _error = editor.row_widgets(0)
    currency.set_code("EUR")
    amount.setFocus()
    type_text("-1O.0a00x,5 0€")  # a sign, letters, a space, a symbol: none of them lands
    assert amount.text() == "1.000,50"
    amount.clear()
    type_text("10.000,00")
    assert amount.text() == "10.000,00" and amount.problem() is None
    press(K.Key_Comma)  # a second decimal comma is refused too
    assert amount.text() == "10.000,00"


@pytest.mark.parametrize("text", ["0", "0,00", "-100", "-1.250,50"])
def test_a_negative_or_zero_amount_must_be_greater_than_zero(
    qtbot: QtBot, desk: Desk, officer: Any, text: str
) -> None:
    wizard = open_wizard(qtbot, desk, officer, data=ek1())
    wizard.advance_to(ek1_wizard.CASH)
    _kind, _currency, amount, error = wizard.cash_page.editor.row_widgets(0)
    amount.setText(text)  # typed as zero, or brought by an imported record or a draft
    wizard.next()
    assert wizard.currentId() == ek1_wizard.CASH
    assert error.messages() == ("Tutar sıfırdan büyük olmalı.",)


def test_an_empty_wizard_closes_at_once_on_escape(qtbot: QtBot, desk: Desk, officer: Any) -> None:
    wizard = open_wizard(qtbot, desk, officer)
    press(K.Key_Escape)
    assert not wizard.isVisible() and wizard.close_question is None
    assert desk.drafts() == []


@pytest.mark.parametrize("how", ["escape", "cancel", "close_button"])
def test_closing_a_wizard_holding_data_asks_and_keeps_the_draft(
    qtbot: QtBot, desk: Desk, officer: Any, how: str
) -> None:
    wizard = open_wizard(qtbot, desk, officer, autosave_ms=60_000)
    press(K.Key_Space)  # İhracat
    press(K.Key_Return)
    assert wizard.currentId() == ek1_wizard.IDENTITY

    def close() -> None:
        if how == "escape":
            press(K.Key_Escape)
        elif how == "cancel":
            wizard.button(wizard.WizardButton.CancelButton).click()
        else:  # through the window system, as the title bar's button does
            handle = wizard.windowHandle()
            assert handle is not None
            handle.close()

    close()
    box = wizard.close_question
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert "Form kapatılsın mı? Taslak saklanır" in box.text()
    assert wizard.isVisible()
    press(K.Key_Escape)  # Forma dön
    qtbot.waitUntil(lambda: not box.isVisible())
    assert wizard.isVisible() and wizard.currentId() == ek1_wizard.IDENTITY
    close()
    again = wizard.close_question
    assert again is not None
    qtbot.waitUntil(again.isVisible)
    press(K.Key_K, Qt.KeyboardModifier.AltModifier)  # Kapat (taslak saklanır)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    (draft,) = desk.drafts()
    assert draft.data["source_category"] == "export"
