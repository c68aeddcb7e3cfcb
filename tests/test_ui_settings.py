"""The supervisor's settings: rate bulletins, manual rates, rule sets, the idle lock — on a
real register; the file dialogs are bypassed by calling the methods their buttons call."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from factories import tcmb_xml
from gumruk_desk.domain import money
from gumruk_desk.register import keys
from gumruk_desk.services import Desk
from gumruk_desk.ui.app import application
from gumruk_desk.ui.settings_dialog import SettingsDialog, format_rate, parse_rate
from register_fixtures import OFFICER, OFFICER_PW, SUPERVISOR, SUPERVISOR_PW
from widget_support import cell, child, header_text, row_cells

SAMPLE_BULLETIN = Path(__file__).parent / "data" / "tcmb-bulletin-sample.xml"
TEST_RULESET = Path(__file__).parent / "data" / "ruleset-test-2025.json"


@pytest.fixture(autouse=True)
def app() -> QApplication:
    return application()


@pytest.fixture
def dialog(qtbot: QtBot, desk: Desk) -> SettingsDialog:
    opened = SettingsDialog(desk, desk.authenticate(SUPERVISOR, SUPERVISOR_PW))
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitExposed(opened)
    opened.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is opened)
    return opened


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def event_count(desk: Desk) -> int:
    return desk.verify().events


# -- who may open it -----------------------------------------------------------------------------


def test_an_officer_cannot_open_the_settings(qtbot: QtBot, desk: Desk) -> None:
    refused = SettingsDialog(desk, desk.authenticate(OFFICER, OFFICER_PW))
    qtbot.addWidget(refused)
    refused.show()
    assert refused.refused
    assert refused.tabs is None
    assert refused.findChild(QTabWidget) is None
    message = child(refused, QLabel, "refused")
    assert "yalnızca idare amiri" in message.text()
    assert OFFICER in message.text()


def test_the_supervisor_gets_four_tabs(dialog: SettingsDialog) -> None:
    assert not dialog.refused
    assert dialog.tabs is not None
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "K&urlar",
        "Kural &setleri",
        "&Oturum",
        "Ana&htar",
    ]


# -- the register's key ----------------------------------------------------------------------------


def test_the_key_tab_says_where_the_key_is_and_how_to_renew_it(
    qtbot: QtBot, dialog: SettingsDialog, desk: Desk
) -> None:
    tab = dialog.key_tab
    assert dialog.tabs is not None
    press_alt = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    QApplication.sendEvent(dialog, press_alt)
    qtbot.waitUntil(lambda: dialog.tabs is not None and dialog.tabs.currentWidget() is tab)
    assert "anahtarlığında" in tab.status.text()
    # The command shown is the one that renews this register, for this supervisor.
    shown = tab.command.text().split()
    assert shown[:5] == ["gumruk-desk", "key", "rotate", "--supervisor", SUPERVISOR]
    from gumruk_desk import cli

    args = cli.build_parser().parse_args(shown[1:])
    assert args.func is cli.cmd_key_rotate and args.supervisor == SUPERVISOR
    assert "kapatılıp" in tab.renewal.text()


def test_a_damaged_key_file_does_not_keep_the_settings_from_opening(
    qtbot: QtBot, desk: Desk
) -> None:
    (desk.db.home / keys.KEY_FILE).write_text("{bozuk", encoding="utf-8")
    opened = SettingsDialog(desk, desk.authenticate(SUPERVISOR, SUPERVISOR_PW))
    qtbot.addWidget(opened)
    assert "okunamadı" in opened.key_tab.status.text()


# -- rates -----------------------------------------------------------------------------------------


def test_import_the_sample_bulletin(dialog: SettingsDialog, desk: Desk) -> None:
    before = event_count(desk)
    assert dialog.import_rates_file(SAMPLE_BULLETIN)
    result = dialog.rates_tab.import_result
    assert result.isVisible()
    assert result.text() == "14.11.2025 tarihli bülten içe aktarıldı: 5 döviz kuru."
    assert not dialog.rates_tab.import_error.isVisible()
    assert event_count(desk) == before + 1  # the import is on the record
    # Stored: the same file again is recognised as already there.
    _bulletin, created = desk.import_rates(SAMPLE_BULLETIN.read_bytes())
    assert not created
    assert dialog.import_rates_file(SAMPLE_BULLETIN)
    assert "zaten kayıtlı" in result.text()


def test_import_a_bulletin_built_by_the_factory(
    dialog: SettingsDialog, desk: Desk, tmp_path: Path
) -> None:
    day = datetime.date.today() + datetime.timedelta(days=1)
    path = tmp_path / "today.xml"
    path.write_bytes(tcmb_xml(day))
    assert dialog.import_rates_file(path)
    assert dialog.rates_tab.import_result.text().startswith(f"{day:%d.%m.%Y} tarihli bülten")
    assert desk.latest_bulletin_date() == day
    assert dialog.rates_tab.latest.text() == f"En son bülten: {day:%d.%m.%Y}"


@pytest.mark.parametrize(
    "content",
    [
        b"<Tarih_Date Tarih='14.11.2025'><Currency CurrencyCode='USD'><Unit>1",  # truncated
        b"not xml at all",
        SAMPLE_BULLETIN.read_bytes().replace(b'Tarih="14.11.2025"', b'Tarih="31.02.2025"'),
    ],
    ids=["truncated", "not-xml", "bad-date"],
)
def test_a_malformed_bulletin_is_refused_in_turkish_and_changes_nothing(
    dialog: SettingsDialog, desk: Desk, tmp_path: Path, content: bytes
) -> None:
    before = (event_count(desk), desk.latest_bulletin_date())
    path = tmp_path / "bad.xml"
    path.write_bytes(content)
    assert not dialog.import_rates_file(path)
    error = dialog.rates_tab.import_error
    assert error.isVisible()
    assert error.text().startswith("Bülten içe aktarılmadı, hiçbir şey değişmedi.")
    assert len(error.text()) > len("Bülten içe aktarılmadı, hiçbir şey değişmedi. ")
    assert not dialog.rates_tab.import_result.isVisible()
    assert (event_count(desk), desk.latest_bulletin_date()) == before


def test_a_missing_file_is_said_so(dialog: SettingsDialog, tmp_path: Path) -> None:
    assert not dialog.import_rates_file(tmp_path / "yok.xml")
    assert dialog.rates_tab.import_error.text().startswith("Dosya okunamadı")


def choose_currency(dialog: SettingsDialog, code: str) -> None:
    combo = dialog.rates_tab.currency
    combo.setCurrentIndex(combo.findData(code))
    assert combo.currentData() == code


def test_manual_rate_for_a_currency_the_bulletin_lacks(
    qtbot: QtBot, dialog: SettingsDialog, desk: Desk
) -> None:
    tab = dialog.rates_tab
    today = datetime.date.today()
    assert tab.selected_day() == today
    assert "Ukrayna grivnası" in tab.currency.itemText(tab.currency.findData("UAH"))
    choose_currency(dialog, "UAH")
    before = event_count(desk)
    type_into(qtbot, tab.rate, "0,7812")
    QTest.keyClick(tab.rate, Qt.Key.Key_Return)  # Enter saves

    assert desk.manual_rates(today) == {"UAH": Decimal("0.7812")}
    assert event_count(desk) == before + 1  # audited
    assert tab.manual_result.text() == (
        f"UAH için {today:%d.%m.%Y} tarihli elle kur kaydedildi: 0,7812 TL."
    )
    assert tab.manual_table.rowCount() == 1
    assert [cell(tab.manual_table, 0, c) for c in range(3)] == [
        "UAH",
        "Ukrayna grivnası",
        "0,7812",
    ]
    assert tab.rate.text() == ""


def offered(dialog: SettingsDialog) -> set[str]:
    combo = dialog.rates_tab.currency
    return {combo.itemData(i) for i in range(combo.count())}


def test_manual_rate_offers_only_what_the_bulletin_lacks(
    qtbot: QtBot, dialog: SettingsDialog, desk: Desk
) -> None:
    tab = dialog.rates_tab
    rated = desk.bulletin_rated(datetime.date.today())
    assert {"USD", "EUR"} <= rated
    assert not offered(dialog) & rated  # the service would refuse them (SPEC §2)
    assert {"UAH", "AZN"} <= offered(dialog)
    assert "bültende kuru olan" in tab.currency.toolTip()
    # Nothing is proposed: a rate saved without a currency chosen is asked for one.
    assert tab.currency.currentIndex() == -1
    type_into(qtbot, tab.rate, "0,78")
    QTest.keyClick(tab.rate, Qt.Key.Key_Return)
    assert tab.currency_error.text() == "Bültende kuru olmayan para birimini seçin."
    assert desk.manual_rates(datetime.date.today()) == {}
    # A day no bulletin covers: every currency may be given a rate by hand.
    tab.day.setFocus()
    tab.day.setDate(QDate(2001, 1, 2))
    assert {"USD", "EUR", "UAH"} <= offered(dialog)
    assert "bülten yok" in tab.currency.toolTip()
    choose_currency(dialog, "USD")
    tab.day.setDate(QDate.currentDate())  # back to today: USD is the bulletin's again
    assert "USD" not in offered(dialog)
    assert tab.currency.currentData() != "USD"


def test_manual_rate_must_be_a_positive_number(
    qtbot: QtBot, dialog: SettingsDialog, desk: Desk
) -> None:
    tab = dialog.rates_tab
    choose_currency(dialog, "UAH")
    type_into(qtbot, tab.rate, "yüksek")
    QTest.keyClick(tab.rate, Qt.Key.Key_Return)
    assert tab.rate_error.text() == "Kuru 1,2345 biçiminde bir sayı olarak yazın."
    tab.rate.clear()
    type_into(qtbot, tab.rate, "0")
    QTest.keyClick(tab.rate, Qt.Key.Key_Return)
    assert "sıfırdan büyük" in tab.rate_error.text()  # the domain's own words
    assert desk.manual_rates(datetime.date.today()) == {}


def test_manual_rates_listed_for_the_chosen_day(
    qtbot: QtBot, dialog: SettingsDialog, desk: Desk
) -> None:
    supervisor = desk.authenticate(SUPERVISOR, SUPERVISOR_PW)
    earlier = datetime.date.today() - datetime.timedelta(days=2)
    desk.add_manual_rate(
        currency="THB", try_per_unit=Decimal("1.2345"), day=earlier, actor=supervisor
    )
    tab = dialog.rates_tab
    assert tab.manual_table.rowCount() == 0
    tab.day.setDate(QDate(earlier.year, earlier.month, earlier.day))
    assert tab.manual_table.rowCount() == 1
    assert cell(tab.manual_table, 0, 0) == "THB"
    assert cell(tab.manual_table, 0, 2) == "1,2345"
    assert tab.manual_title.text() == f"{earlier:%d.%m.%Y} için elle girilen kurlar:"


def test_turkish_rate_text() -> None:
    assert parse_rate("1.234,5678") == Decimal("1234.5678")
    assert parse_rate("34,5") == Decimal("34.5")
    assert parse_rate("34.5678") == Decimal("34.5678")
    assert parse_rate("abc") is None
    assert parse_rate("Infinity") is None
    assert format_rate(Decimal("1234.5678")) == "1.234,5678"


# -- rule sets -------------------------------------------------------------------------------------


def test_rule_sets_are_listed_and_a_new_one_loads(
    qtbot: QtBot, dialog: SettingsDialog, desk: Desk
) -> None:
    tab = dialog.rulesets_tab
    tabs = dialog.tabs
    assert tabs is not None
    QTest.keyClick(tabs, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # Kural &setleri
    qtbot.waitUntil(lambda: tabs.currentWidget() is tab)
    assert tab.ruleset_ids() == ["2013/1", "2024/1"]
    shipped = row_cells(tab.table, 0)
    assert shipped[2] == "01.02.2013 – "
    assert shipped[3] == "Uygulamayla gelen"
    assert shipped[4] == "Yürürlükte" and shipped[5] == "Evet"
    draft = row_cells(tab.table, 1)
    assert (draft[4], draft[5]) == ("Taslak — onay bekliyor", "Hayır")
    # Nothing cut: every column is as wide as its header and cells need; the title wraps.
    header = tab.table.horizontalHeader()
    for column in range(tab.table.columnCount()):
        needed = max(
            header.sectionSizeFromContents(column).width(),
            tab.table.sizeHintForColumn(column) if column != 1 else 0,
        )
        assert header.sectionSize(column) >= needed, header_text(tab.table, column)
    # The legal source, no column of its own, is read in the details of the selected row.
    tab.table.selectRow(0)
    assert "Gümrük" in tab.details.text() and tab.details.wordWrap()
    before = event_count(desk)

    assert dialog.load_ruleset_file(TEST_RULESET)

    assert "TEST-2025" in tab.ruleset_ids()
    row = tab.ruleset_ids().index("TEST-2025")
    loaded = row_cells(tab.table, row)
    assert loaded[1] == "Test rule set (not a legal text)"
    assert loaded[2] == "15.03.2025 – "
    assert loaded[3] == "Yüklenen"
    assert loaded[5] == "Evet"  # in force from 15.03.2025 on
    assert tab.result.isVisible()
    assert tab.result.text() == (
        "“TEST-2025” kural seti yüklendi: 15.03.2025 tarihinden itibaren geçerli."
    )
    assert event_count(desk) == before + 1  # audited
    assert "TEST-2025" in {info.id for info in desk.rulesets()}


def test_a_bad_rule_set_is_refused_in_turkish(
    dialog: SettingsDialog, desk: Desk, tmp_path: Path
) -> None:
    path = tmp_path / "bozuk.json"
    path.write_text('{"format": 1, "id": "X"', encoding="utf-8")
    assert dialog.tabs is not None
    dialog.tabs.setCurrentWidget(dialog.rulesets_tab)
    before = event_count(desk)
    assert not dialog.load_ruleset_file(path)
    error = dialog.rulesets_tab.error
    assert error.isVisible()
    assert error.text().startswith("Kural seti yüklenmedi.")
    assert dialog.rulesets_tab.ruleset_ids() == ["2013/1", "2024/1"]
    assert event_count(desk) == before


def test_a_draft_is_confirmed_with_a_supervisors_password(
    qtbot: QtBot, dialog: SettingsDialog, desk: Desk
) -> None:
    tab = dialog.rulesets_tab
    assert dialog.tabs is not None
    dialog.tabs.setCurrentWidget(tab)
    # The draft's row says what it rests on and that it applies to nothing yet.
    tab.table.selectRow(tab.ruleset_ids().index("2024/1"))
    assert "teyit edilmemiş" in tab.details.text() and "uygulanmaz" in tab.details.text()
    assert tab.confirm_button.isEnabled()
    # The in-force rule set's row says the law has moved on.
    tab.table.selectRow(0)
    assert "15.04.2015" in tab.details.text() and not tab.confirm_button.isEnabled()
    tab.table.selectRow(1)
    before = event_count(desk)
    QTest.mouseClick(tab.confirm_button, Qt.MouseButton.LeftButton)  # no password typed
    assert tab.error.text() == "Amirin parolasını yazın."
    assert event_count(desk) == before  # not even a failed login is counted
    type_into(qtbot, tab.supervisor.password, "yanlış-parola")
    QTest.mouseClick(tab.confirm_button, Qt.MouseButton.LeftButton)
    assert "hatalı" in tab.error.text()
    assert desk.ruleset_in_force(datetime.date.today()).id == "2013/1"
    QTest.keyClicks(tab.supervisor.password, SUPERVISOR_PW)
    QTest.mouseClick(tab.confirm_button, Qt.MouseButton.LeftButton)
    assert tab.result.isVisible() and "onaylandı" in tab.result.text()
    assert not tab.error.isVisible()
    row = tab.ruleset_ids().index("2024/1")
    assert cell(tab.table, row, 4) == f"Taslak — amir {SUPERVISOR} onayladı"
    assert cell(tab.table, row, 5) == "Evet"
    assert desk.ruleset_in_force(datetime.date.today()).id == "2024/1"


def test_the_years_tolerance_is_proposed_and_accepted(
    qtbot: QtBot, dialog: SettingsDialog, desk: Desk
) -> None:
    tab = dialog.rulesets_tab
    assert tab.tolerance.isVisibleTo(tab) and tab.accept_button.isVisibleTo(tab)
    year = datetime.date.today().year
    proposal = desk.tolerance_proposal("2013/1", year)
    assert "2013: 2.500,00 TL" in tab.tolerance.toPlainText()
    assert money.format_tr(proposal.amount_try) in tab.tolerance.toPlainText()
    QTest.keyClicks(tab.supervisor.password, SUPERVISOR_PW)
    QTest.mouseClick(tab.accept_button, Qt.MouseButton.LeftButton)
    assert "kural setine alındı" in tab.result.text()
    assert not tab.accept_button.isVisibleTo(tab)  # the year is defined now
    assert desk.ruleset("2013/1").tolerance_for(datetime.date.today()).defined_for_year


# -- session ---------------------------------------------------------------------------------------


def test_idle_lock_minutes_are_saved(qtbot: QtBot, dialog: SettingsDialog, desk: Desk) -> None:
    tab = dialog.session_tab
    assert tab.minutes.value() == desk.idle_lock_minutes() == 5
    tab.minutes.setFocus()
    tab.minutes.selectAll()
    QTest.keyClicks(tab.minutes, "12")
    QTest.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert desk.idle_lock_minutes() == 12
    assert tab.result.text() == "Kaydedildi: masa 12 dakika işlem yapılmazsa kilitlenir."
    # "Off" is not offered: the field stops at one minute.
    tab.minutes.selectAll()
    QTest.keyClicks(tab.minutes, "0")
    tab.minutes.interpretText()
    assert tab.minutes.value() >= 1 and "Kilitlenmez" not in tab.minutes.text()
    tab.minutes.setValue(tab.minutes.minimum())
    assert tab.save()
    assert desk.idle_lock_minutes() == 1
