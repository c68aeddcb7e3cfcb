"""The desk window: lazy register table, search, filters, detail pane, status bar, actions."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from factories import cash, ek1, ek2
from gumruk_desk.register import chain
from gumruk_desk.register.browse import RecordFilter
from gumruk_desk.register.demo import DEMO_OFFICERS
from gumruk_desk.register.models import Officer
from gumruk_desk.register.registry import CANCELLATION_APPROVED
from gumruk_desk.services import Desk
from gumruk_desk.ui.form_wizard.recorded_preview import RecordedPrintPreview
from gumruk_desk.ui.main_window import MainWindow
from gumruk_desk.ui.register_model import (
    COL_KIND,
    COL_NAME,
    COL_OUTCOME,
    COL_STATUS,
    COL_SYNC,
    GREEN,
    PAGE_SIZE,
    RED,
)
from register_fixtures import (
    OFFICER,
    OFFICER_PW,
    SUPERVISOR,
    SUPERVISOR_PW,
    WITNESS,
    WITNESS_PW,
    setup_register,
)

COUNT = 450
OLD = 20  # the first OLD records are registered three days ago
FIRST_NAMES = [
    "Ali",
    "Ayşe",
    "Can",
    "Deniz",
    "Elif",
    "Emre",
    "Gül",
    "Hakan",
    "İpek",
    "Oğuz",
    "Selin",
]
SURNAMES = ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Işıklı", "Güneş", "Doğan"]
UNIQUE = 100  # the record with a surname and a document number nobody else has
CANCELLED = 50
SYNCED = range(10)


def name(i: int) -> str:
    if i == UNIQUE:
        return "Kemal Karaosmanoğlu"
    return f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {SURNAMES[i % len(SURNAMES)]}"


def _data(i: int) -> dict[str, Any]:
    data = ek1() if i % 3 == 0 else ek2(witness_officer=None)
    person = data["person"]
    person["first_name"], person["last_name"] = name(i).split(" ", 1)
    person["id_number"] = f"T{i:07d}"
    if i == UNIQUE:
        person["id_number"] = "U1234567"
    return data


@pytest.fixture(scope="module")
def big_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A register of COUNT records, shared read-only by the tests that only look at it:
    OLD of them three days old, one cancelled, ten acknowledged by the centre."""
    home = tmp_path_factory.mktemp("main-window") / "desk"
    setup_register(home)
    with Desk(home) as desk, pytest.MonkeyPatch.context() as patch:
        # A registration renders every document of the record before it commits (one that
        # would not print is refused): 95% of its time, half a minute for these 450. They are
        # two ordinary shapes that test_printing and test_fit print, and these tests only read
        # them back, so the register is filled without that render.
        patch.setattr(Desk, "_check_printable", staticmethod(lambda content: None))
        officer = desk.authenticate(OFFICER, OFFICER_PW)
        now = datetime.datetime.now().astimezone().replace(microsecond=0)
        old = now - datetime.timedelta(days=3)
        for i in range(COUNT):
            desk.register(_data(i), officer=officer, now=old if i < OLD else now)
        # The cancellation (#7) and sync (#8) features do not exist yet; their events are
        # written here exactly as those features will write them, on the real chain.
        with desk.db.transaction() as s:
            chain.append_event(
                s,
                CANCELLATION_APPROVED,
                {"reason": "test"},
                actor=SUPERVISOR,
                record_id=CANCELLED + 1,
            )
            for i in SYNCED:
                chain.append_event(
                    s, chain.SYNC_ACKNOWLEDGED, {"central_ref": f"C{i}"}, record_id=i + 1
                )
    return home


@pytest.fixture(scope="module")
def big_desk(big_home: Path) -> Iterator[Desk]:
    with Desk(big_home) as desk:
        yield desk


def number_of(desk: Desk, i: int) -> str:
    """The number of the i-th registered record (ids are handed out 1, 2, 3…)."""
    rows = desk.browse(RecordFilter(), before_id=i + 2, limit=1)
    assert rows and rows[0].id == i + 1
    return rows[0].number


def open_window(qtbot: QtBot, desk: Desk, officer: Officer) -> MainWindow:
    window = MainWindow(desk, officer)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.raise_()
    # Window shortcuts (Ctrl+F, Ctrl+L…) only reach the active window.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    return window


@pytest.fixture
def big_window(qtbot: QtBot, big_desk: Desk) -> MainWindow:
    return open_window(qtbot, big_desk, big_desk.authenticate(OFFICER, OFFICER_PW))


def texts(window: MainWindow, column: int) -> list[str]:
    model = window.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def total(qtbot: QtBot, window: MainWindow) -> int:
    """The total behind the current filter, once its count (off the UI thread) is in."""
    qtbot.waitUntil(lambda: window.model.total() is not None, timeout=5000)
    found = window.model.total()
    assert found is not None
    return found


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying ``text`` (QTest.keyClicks refuses non-ASCII such as ş, ğ, ı)."""
    for ch in text:
        key = Qt.Key(ord(ch.upper())) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def loaded(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until the rows the window asked for (off the UI thread) are in the table."""
    qtbot.waitUntil(lambda: not window.model.is_loading(), timeout=5000)


def search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type ``text`` into the search box and wait for its rows."""
    window.search_edit.clear()
    window.apply_filters()
    loaded(qtbot, window)
    asked: list[str] = []
    window.model.loading_changed.connect(
        lambda loading: asked.append(window.model.record_filter.text) if loading else None
    )
    type_text(window.search_edit, text)  # one burst, as a scanner types: one query
    assert window.search_edit.text() == text
    qtbot.waitUntil(
        lambda: window.model.record_filter.text == text and not window.model.is_loading(),
        timeout=5000,
    )
    assert asked == [text], "keys typed in one burst ask once"


# -- the table ------------------------------------------------------------------------------


def test_newest_first_and_more_rows_on_scroll(qtbot: QtBot, big_window: MainWindow) -> None:
    model, view = big_window.model, big_window.view
    assert model.rowCount() == PAGE_SIZE
    assert model.total() == COUNT
    assert big_window.count_label.text() == "Kayıt defteri: 450 kayıt"
    newest = model.row_at(0)
    assert newest.id == COUNT and newest.last_name == SURNAMES[(COUNT - 1) % len(SURNAMES)]
    assert model.index(0, COL_NAME).data() == name(COUNT - 1)
    assert big_window.current_number() == newest.number  # the newest is selected at start

    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE_SIZE, timeout=3000)
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == COUNT, timeout=3000)
    assert not model.canFetchMore()
    ids = [model.row_at(r).id for r in range(model.rowCount())]
    assert ids == list(range(COUNT, 0, -1))


def test_cells_speak_turkish_with_colour(big_window: MainWindow) -> None:
    model = big_window.model
    kinds = set(texts(big_window, COL_KIND))
    assert kinds == {"Nakit Beyan Formu", "Nakit Açıklama Tutanağı"}
    outcomes = set(texts(big_window, COL_OUTCOME))
    assert outcomes == {"Beyan edildi", "Doğru açıklama (22.a)"}
    assert model.index(0, COL_OUTCOME).data(Qt.ItemDataRole.ForegroundRole) == GREEN
    assert set(texts(big_window, COL_STATUS)) == {"Kayıtlı"}
    assert set(texts(big_window, COL_SYNC)) == {"Bekliyor"}
    assert model.index(0, 2).data() == datetime.date.today().strftime("%d.%m.%Y")


# -- search and filters -----------------------------------------------------------------------


def test_search_by_number(qtbot: QtBot, big_desk: Desk, big_window: MainWindow) -> None:
    number = number_of(big_desk, 7)
    search(qtbot, big_window, number.lower())
    assert [big_window.model.row_at(r).number for r in range(big_window.model.rowCount())] == [
        number
    ]
    assert big_window.count_label.text() == "1 kayıt bulundu (defterde toplam 450)"
    assert number in big_window.detail.plain_text()


def test_search_by_surname_prefix_with_turkish_casing(qtbot: QtBot, big_window: MainWindow) -> None:
    search(qtbot, big_window, "şah")
    expected = sum(1 for i in range(COUNT) if i != UNIQUE and i % len(SURNAMES) == 3)
    assert total(qtbot, big_window) == expected
    assert set(r.split()[-1] for r in texts(big_window, COL_NAME)) == {"Şahin"}
    search(qtbot, big_window, "ışık")
    assert set(r.split()[-1] for r in texts(big_window, COL_NAME)) == {"Işıklı"}
    search(qtbot, big_window, "karaos")
    assert texts(big_window, COL_NAME) == [name(UNIQUE)]


def test_search_by_document_number(qtbot: QtBot, big_window: MainWindow) -> None:
    search(qtbot, big_window, "u1234567")
    assert texts(big_window, COL_NAME) == [name(UNIQUE)]
    search(qtbot, big_window, "Z9999999")
    assert big_window.model.rowCount() == 0
    assert big_window.count_label.text() == "0 kayıt bulundu (defterde toplam 450)"
    assert "listeden bir kayıt seçin" in big_window.detail.plain_text()


def test_enter_in_search_runs_at_once_and_moves_to_the_table(
    qtbot: QtBot, big_window: MainWindow
) -> None:
    QTest.keyClick(big_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is big_window.search_edit
    type_text(big_window.search_edit, "Karaosmanoğlu")
    QTest.keyClick(big_window.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is big_window.view, timeout=5000)
    assert texts(big_window, COL_NAME) == [name(UNIQUE)]


def test_kind_filter(qtbot: QtBot, big_window: MainWindow) -> None:
    ek2_count = sum(1 for i in range(COUNT) if i % 3)
    at_first_page: list[tuple[int, str]] = []
    big_window.model.loaded.connect(
        lambda: at_first_page.append((big_window.model.rowCount(), big_window.count_label.text()))
    )
    big_window.kind_combo.setCurrentIndex(big_window.kind_combo.findData("nakit_aciklama"))
    # The table says it is searching until the first page is in; the total follows it.
    assert big_window.count_label.text() == "Aranıyor…"
    assert big_window.searching_label.isVisible()
    assert big_window.searching_label.text() == "Aranıyor…"
    loaded(qtbot, big_window)
    assert not big_window.searching_label.isVisible()
    assert at_first_page == [(PAGE_SIZE, "200+ kayıt bulundu, sayılıyor…")]
    assert total(qtbot, big_window) == ek2_count
    assert big_window.count_label.text() == f"{ek2_count} kayıt bulundu (defterde toplam 450)"
    assert set(texts(big_window, COL_KIND)) == {"Nakit Açıklama Tutanağı"}
    # Fewer than a page: the page is the total, no count needed.
    big_window.kind_combo.setCurrentIndex(big_window.kind_combo.findData("nakit_beyan"))
    loaded(qtbot, big_window)
    assert big_window.model.total() == COUNT - ek2_count
    assert set(texts(big_window, COL_KIND)) == {"Nakit Beyan Formu"}


def test_a_superseded_count_never_shows(qtbot: QtBot, big_window: MainWindow) -> None:
    shown: list[int] = []
    big_window.model.total_changed.connect(shown.append)
    # Two filters of more than a page each, with no event processed in between.
    big_window.kind_combo.setCurrentIndex(big_window.kind_combo.findData("nakit_aciklama"))
    big_window.sync_combo.setCurrentIndex(big_window.sync_combo.findData(False))
    expected = sum(1 for i in range(COUNT) if i % 3 and i not in SYNCED)
    assert total(qtbot, big_window) == expected
    big_window.model.wait_for_count()
    qtbot.wait(50)  # let any late result of the first count arrive: it must be dropped
    assert shown == [expected]


def test_status_filter(qtbot: QtBot, big_desk: Desk, big_window: MainWindow) -> None:
    combo = big_window.state_combo
    combo.setCurrentIndex(combo.findData("cancelled"))
    assert total(qtbot, big_window) == 1
    assert big_window.model.row_at(0).number == number_of(big_desk, CANCELLED)
    assert texts(big_window, COL_STATUS) == ["İptal"]
    assert big_window.model.index(0, COL_STATUS).data(Qt.ItemDataRole.ForegroundRole) == RED
    assert "İPTAL EDİLDİ" in big_window.detail.plain_text()
    combo.setCurrentIndex(combo.findData("registered"))
    assert total(qtbot, big_window) == COUNT - 1


def test_sync_filter(qtbot: QtBot, big_window: MainWindow) -> None:
    combo = big_window.sync_combo
    combo.setCurrentIndex(combo.findData(True))
    assert total(qtbot, big_window) == len(SYNCED)
    assert set(texts(big_window, COL_SYNC)) == {"Gönderildi"}
    combo.setCurrentIndex(combo.findData(False))
    assert total(qtbot, big_window) == COUNT - len(SYNCED)


def test_date_filter_and_a_contradiction_shown_under_it(
    qtbot: QtBot, big_window: MainWindow
) -> None:
    today = datetime.date.today()
    old = today - datetime.timedelta(days=3)
    big_window.date_to_edit.set_date(old)
    big_window.apply_filters()
    assert total(qtbot, big_window) == OLD
    assert set(texts(big_window, 2)) == {old.strftime("%d.%m.%Y")}
    big_window.date_to_edit.set_date(None)
    big_window.date_from_edit.set_date(today)
    big_window.apply_filters()
    assert total(qtbot, big_window) == COUNT - OLD
    big_window.date_to_edit.set_date(old)
    big_window.apply_filters()
    assert big_window.filter_error.isVisible()
    assert "Başlangıç tarihi bitiş tarihinden sonra olamaz" in big_window.filter_error.text()
    assert total(qtbot, big_window) == COUNT - OLD  # the last good filter stays
    big_window.clear_button.click()
    assert not big_window.filter_error.isVisible()
    assert total(qtbot, big_window) == COUNT
    assert big_window.date_from_edit.date() is None


def test_filters_combine_with_search(qtbot: QtBot, big_window: MainWindow) -> None:
    big_window.kind_combo.setCurrentIndex(big_window.kind_combo.findData("nakit_beyan"))
    search(qtbot, big_window, "Demir")
    expected = sum(1 for i in range(0, COUNT, 3) if i % len(SURNAMES) == 2 and i != UNIQUE)
    assert total(qtbot, big_window) == expected


def test_search_box_ignores_case_and_the_dot_of_the_i(qtbot: QtBot, desk: Desk) -> None:
    import ek1_keys

    officer = desk.authenticate(OFFICER, OFFICER_PW)
    people = ["ERIKSSON", "KILIÇ", "Kılıç", "Kaya"]  # an MRZ's Latin I, and Turkish spelling
    for i, surname in enumerate(people):
        data = ek1()
        data["person"]["last_name"] = surname
        data["person"]["id_number"] = f"P{i:07d}"
        desk.register(data, officer=officer)
    window = open_window(qtbot, desk, officer)
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert ek1_keys.focus_widget() is window.search_edit

    def found_after_typing(text: str) -> set[str]:
        window.search_edit.selectAll()
        ek1_keys.type_text(text)  # real key events, the Turkish letters as a layout sends them
        qtbot.waitUntil(
            lambda: window.model.record_filter.text == text and not window.model.is_loading(),
            timeout=5000,
        )
        return {window.model.row_at(r).last_name for r in range(window.model.rowCount())}

    assert found_after_typing("erik") == {"ERIKSSON"}
    assert found_after_typing("kil") == {"KILIÇ", "Kılıç"}
    assert found_after_typing("KIL") == {"KILIÇ", "Kılıç"}
    assert found_after_typing("kılı") == {"KILIÇ", "Kılıç"}
    assert found_after_typing("İli") == set()
    assert window.count_label.text() == "0 kayıt bulundu (defterde toplam 4)"


def test_a_newer_search_supersedes_an_older_one(qtbot: QtBot, big_window: MainWindow) -> None:
    model = big_window.model
    answers: list[str] = []
    model.loaded.connect(lambda: answers.append(model.record_filter.text))
    big_window.search_edit.setText("Kaya")
    big_window.apply_filters()
    # Asked, not answered: the table is empty and says so, the pane acts on nothing.
    assert model.rowCount() == 0 and model.is_loading()
    assert big_window.searching_label.isVisible()
    assert big_window.count_label.text() == "Aranıyor…"
    assert not big_window.print_action.isEnabled()
    big_window.search_edit.setText("karaos")
    big_window.apply_filters()
    loaded(qtbot, big_window)
    qtbot.wait(50)  # time for a late answer of the first search: it must be dropped
    assert answers == ["karaos"]
    assert texts(big_window, COL_NAME) == [name(UNIQUE)]
    assert big_window.detail.number == model.row_at(0).number
    assert big_window.print_action.isEnabled()


def test_a_search_pages_through_every_match_newest_first(big_desk: Desk) -> None:
    kaya = [i + 1 for i in range(COUNT) if i != UNIQUE and i % len(SURNAMES) == 1]
    for text, expected in (
        ("kaya", kaya),
        ("KA", sorted([*kaya, UNIQUE + 1])),  # Kaya and Karaosmanoğlu
        ("t0000012", [13]),  # a document number
        (number_of(big_desk, 7).lower(), [8]),
    ):
        flt = RecordFilter(text=text)
        ids: list[int] = []
        before = None
        while True:
            page = big_desk.browse(flt, before_id=before, limit=7)
            ids += [row.id for row in page]
            if len(page) < 7:
                break
            before = page[-1].id
        assert ids == sorted(expected, reverse=True), text
        assert big_desk.count_records(flt) == len(expected)
        narrowed = RecordFilter(text=text, kind="nakit_beyan")  # the other query shape
        beyan = [i for i in expected if (i - 1) % 3 == 0]
        assert [r.id for r in big_desk.browse(narrowed, limit=500)] == sorted(beyan, reverse=True)
        assert big_desk.count_records(narrowed) == len(beyan)


def test_a_running_query_is_interrupted() -> None:
    """What a newer search does to an older one still running in SQLite."""
    import threading

    import keyed_sqlite3 as sqlite3
    from gumruk_desk.register.browse import Cancel, Cancelled

    connection = sqlite3.connect(":memory:", check_same_thread=False)
    endless = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT max(x) FROM n"
    cancel = Cancel()
    outcome: list[BaseException] = []
    started = threading.Event()

    def run() -> None:
        cursor = connection.cursor()
        try:
            with cancel.watching(cursor):
                started.set()
                cursor.execute(endless).fetchall()
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    assert started.wait(5)
    cancel.cancel()
    worker.join(10)
    assert not worker.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], Cancelled)
    # A query asked for after the cancel never starts.
    with pytest.raises(Cancelled), cancel.watching(connection.cursor()):
        pass
    # Cancelled after the look but before the statement starts, when an interrupt alone
    # would do nothing: the statement stops all the same.
    late = Cancel()
    cursor = connection.cursor()
    with pytest.raises(Cancelled), late.watching(cursor):
        late.cancel()
        cursor.execute(endless).fetchall()
    # The connection is fine for the next query.
    assert connection.execute("SELECT 1").fetchone() == (1,)


# -- detail pane ------------------------------------------------------------------------------


def test_detail_pane_follows_the_selection(big_desk: Desk, big_window: MainWindow) -> None:
    big_window.select_row(5)
    row = big_window.model.row_at(5)
    text = big_window.detail.plain_text()
    assert big_window.detail.number == row.number
    assert row.number in text and f"{row.first_name} {row.last_name}" in text
    big_window.view.setFocus()
    QTest.keyClick(big_window.view, Qt.Key.Key_Down)
    assert big_window.detail.number == big_window.model.row_at(6).number


def test_detail_pane_shows_outcome_amounts_grounds_and_warnings(qtbot: QtBot, desk: Desk) -> None:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    witness = desk.authenticate(WITNESS, WITNESS_PW)
    desk.register(
        ek2(detected=[cash("EUR", "20000.00")], declared=[cash("EUR", "1000.00")]),
        officer=officer,
        witness=witness,
    )
    window = open_window(qtbot, desk, officer)
    text = window.detail.plain_text()
    assert "Yanlış açıklama" in text
    assert "İdari para cezası: 66.500,00 TL" in text
    assert "EUR – Euro 20.000,00" in text
    assert "Cumhuriyet Savcılığına bildirilir." in text and "MASAK'a nüsha gönderilir." in text
    assert "5549 sayılı Kanun" in text  # the legal ground, as the evaluation wrote it
    assert "müsaade edilen fark tanımlı değil" in text  # the warning
    assert "Mehmet Öztürk (12346)" in text  # the witnessing officer
    html = window.detail.browser.toHtml()
    assert RED.name() in html  # red for fine and custody


# -- status bar ---------------------------------------------------------------------------------


def test_status_bar_says_who_what_and_how_many(big_window: MainWindow) -> None:
    bar = big_window.status
    assert bar.officer_label.text() == "Ayşe Yılmaz · sicil 12345 · Memur"
    assert bar.bulletin_label.text() == (f"Kur bülteni: {datetime.date.today():%d.%m.%Y}")
    # The law has moved on since 2013/1: said beside its name, in amber; what moved on (the
    # draft named) in its tooltip and among the warnings.
    assert bar.ruleset_label.text() == "Kural seti: 2013/1 — güncel değil"
    assert "#8a5300" in bar.ruleset_label.styleSheet()
    assert "amir parolasıyla etkinleştirilir" in bar.ruleset_label.toolTip()
    assert bar.pending_label.text() == f"Gönderilmeyi bekleyen: {COUNT - len(SYNCED)} kayıt"
    warning = bar.warnings_label.full_text()
    assert f"{datetime.date.today().year} yılı için müsaade edilen fark tanımlı değil" in warning
    assert "2024/1" in warning
    assert not bar.demo_label.isVisible()
    assert not big_window.demo_banner.isVisible()
    assert "DEMO" not in big_window.windowTitle()


def test_the_warnings_are_whole_on_hover_and_on_click(qtbot: QtBot, big_window: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    button = big_window.status.warnings_label
    warnings = button.warnings()
    assert len(warnings) == 2
    # Short enough for any screen; nothing of it is cut, the whole text is a hover away.
    assert button.text() == "⚠ 2 uyarı (ayrıntı)"
    assert button.width() >= button.sizeHint().width()
    assert all(w in button.toolTip() for w in warnings)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: button.box is not None and button.box.isVisible())
    box = button.box
    assert isinstance(box, QMessageBox)
    assert all(w in box.text() for w in warnings)
    assert box.windowTitle() == "Uyarılar"
    QTest.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: button.box is None)


def test_demo_station_is_marked(qtbot: QtBot, tmp_path: Path) -> None:
    with Desk(tmp_path / "demo", create=True) as desk:
        desk.init_demo()
        demo = next(o for o in DEMO_OFFICERS if not o.supervisor)
        window = open_window(qtbot, desk, desk.authenticate(demo.sicil, demo.password))
        assert window.status.demo_label.isVisible()
        assert window.status.demo_label.text() == "DEMO"
        assert window.demo_banner.isVisible() and "DEMO" in window.demo_banner.text()
        assert window.windowTitle().endswith("DEMO")
        assert window.count_label.text() == "Kayıt defteri: 0 kayıt"
        assert window.status.pending_label.text() == "Gönderilmeyi bekleyen: 0 kayıt"
        window.close()


def test_registration_refreshes_selects_and_counts(qtbot: QtBot, desk: Desk) -> None:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    desk.register(ek2(witness_officer=None), officer=officer)
    window = open_window(qtbot, desk, officer)
    window.kind_combo.setCurrentIndex(window.kind_combo.findData("nakit_aciklama"))
    loaded(qtbot, window)
    assert window.status.pending_label.text() == "Gönderilmeyi bekleyen: 1 kayıt"
    number = desk.register(ek1(), officer=officer).number  # filtered out by the kind
    window.on_registered(number)
    qtbot.waitUntil(lambda: window.current_number() == number, timeout=5000)
    assert window.kind_combo.currentData() is None  # filters cleared to show it
    assert window.detail.number == number
    assert total(qtbot, window) == 2
    assert window.status.pending_label.text() == "Gönderilmeyi bekleyen: 2 kayıt"


def test_status_refreshes_every_minute(qtbot: QtBot, desk: Desk) -> None:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    window = open_window(qtbot, desk, officer)
    assert window.status.timer.isActive() and window.status.timer.interval() == 60_000
    desk.register(ek1(), officer=officer)  # e.g. by another window on the same register
    window.status.timer.timeout.emit()
    assert window.status.pending_label.text() == "Gönderilmeyi bekleyen: 1 kayıt"


# -- actions --------------------------------------------------------------------------------------


def test_settings_only_for_a_supervisor(qtbot: QtBot, desk: Desk) -> None:
    officer = open_window(qtbot, desk, desk.authenticate(OFFICER, OFFICER_PW))
    assert not officer.settings_action.isEnabled()
    assert "yalnız amir" in officer.settings_action.toolTip()
    assert officer.open_settings() is None
    supervisor = open_window(qtbot, desk, desk.authenticate(SUPERVISOR, SUPERVISOR_PW))
    assert supervisor.settings_action.isEnabled()
    assert supervisor.status.officer_label.text() == "Zeynep Kaya · sicil 90001 · Amir"


def test_shortcuts(qtbot: QtBot, desk: Desk) -> None:
    window = open_window(qtbot, desk, desk.authenticate(OFFICER, OFFICER_PW))
    assert window.new_ek1_action.shortcut().toString() == "Ctrl+N"
    assert window.new_ek2_action.shortcut().toString() == "Ctrl+Shift+N"
    assert window.new_ek2_action.isEnabled()
    assert window.seizures_action.shortcut().toString() == "Ctrl+Shift+E"
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    assert not window.print_action.isEnabled()  # nothing selected in an empty register
    with qtbot.waitSignal(window.lock_requested, timeout=1000):
        QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setResolution(72)
    return printer


def opened_preview(
    qtbot: QtBot, window: MainWindow, document: str = "form"
) -> RecordedPrintPreview:
    """The preview of the selected record's ``document``, once it is rendered."""
    rendering = window.print_selected(document)
    assert rendering is not None
    qtbot.waitUntil(rendering.is_over)
    assert window.preview is not None
    return window.preview


def test_print_is_recorded_when_printed_and_reprint_says_so(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    number = desk.register(ek1(), officer=officer).number
    window = open_window(qtbot, desk, officer)
    assert window.print_action.isEnabled()
    assert not window.seizure_action.isEnabled()  # nothing was seized
    QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    # Rendered in the background: the print actions wait meanwhile, the preview follows.
    assert window.printing.busy() and not window.print_action.isEnabled()
    qtbot.waitUntil(lambda: window.preview is not None)
    assert not window.printing.busy() and window.print_action.isEnabled()
    preview = window.preview
    assert preview is not None and preview.isVisible()
    assert "Nakit Beyan Formu" in preview.windowTitle()
    assert "YENİDEN" not in preview.windowTitle()
    assert preview.page_count == 3  # EK-1: three copies
    assert desk.render_document(number).print_no == 1  # a preview alone is not a print
    preview.print_to(pdf_printer(tmp_path / "a.pdf"))
    assert desk.render_document(number).print_no == 2
    qtbot.waitUntil(lambda: not preview.isVisible())  # a further copy: a fresh rendering

    window.reprint_action.trigger()
    qtbot.waitUntil(lambda: window.preview is not None)
    again = window.preview
    assert again is not None and again is not preview
    assert "YENİDEN BASKI (2. baskı)" in again.windowTitle()
    again.save_to(str(tmp_path / "c.pdf"))
    assert desk.render_document(number).print_no == 3


def test_a_pdf_saved_from_the_preview_is_confirmed_over_the_window(
    qtbot: QtBot, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    officer = desk.authenticate(OFFICER, OFFICER_PW)
    number = desk.register(ek1(), officer=officer).number
    window = open_window(qtbot, desk, officer)
    preview = opened_preview(qtbot, window)
    target = tmp_path / "beyan.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    assert preview.save_with_dialog() == str(target)
    assert target.read_bytes()[:5] == b"%PDF-"
    assert desk.render_document(number).print_no == 2  # recorded; the preview closed itself
    qtbot.waitUntil(lambda: not preview.isVisible())
    # Said twice: in the window's status bar, and in a box over the window (the preview has
    # gone) that offers to open the folder.
    assert window.status.currentMessage() == f"PDF kaydedildi: {target}"
    box = window.findChild(QMessageBox, "pdfSavedBox")
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.informativeText() == str(target)
    assert sorted(b.text() for b in box.buttons()) == ["&Klasörü aç", "&Tamam"]


def test_seizure_documents_for_a_record_with_custody(qtbot: QtBot, desk: Desk) -> None:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    desk.register(ek1(source_category="loan_from_abroad"), officer=officer)
    window = open_window(qtbot, desk, officer)
    assert window.model.index(0, COL_OUTCOME).data() == "Kaynağı yasak – el konuldu"
    assert window.model.index(0, COL_OUTCOME).data(Qt.ItemDataRole.ForegroundRole) == RED
    assert window.seizure_action.isEnabled() and window.receipt_action.isEnabled()
    window.seizure_action.trigger()
    qtbot.waitUntil(lambda: window.preview is not None)
    assert window.preview is not None and "Zabıt varakası" in window.preview.windowTitle()


def test_ctrl_n_opens_the_wizard_and_its_registration_is_selected(qtbot: QtBot, desk: Desk) -> None:
    from gumruk_desk.ui.ek1.wizard import NakitBeyanWizard

    officer = desk.authenticate(OFFICER, OFFICER_PW)
    window = open_window(qtbot, desk, officer)
    window.kind_combo.setCurrentIndex(window.kind_combo.findData("nakit_aciklama"))
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wizard = window.wizard
    assert isinstance(wizard, NakitBeyanWizard) and wizard.isVisible()
    assert wizard.isModal()
    number = desk.register(ek1(), officer=officer).number  # what the wizard stores
    wizard.registered.emit(number)
    qtbot.waitUntil(lambda: window.current_number() == number, timeout=5000)
    assert window.detail.number == number
    assert window.status.pending_label.text() == "Gönderilmeyi bekleyen: 1 kayıt"


def test_a_chosen_draft_reopens_in_the_wizard(qtbot: QtBot, desk: Desk) -> None:
    from gumruk_desk.ui.drafts_dialog import DraftsDialog
    from gumruk_desk.ui.ek1.wizard import NakitBeyanWizard

    officer = desk.authenticate(OFFICER, OFFICER_PW)
    blank = NakitBeyanWizard(desk, officer)
    qtbot.addWidget(blank)
    draft_id = desk.save_draft(
        None, kind="nakit_beyan", officer=OFFICER, page=1, data=blank.draft_data()
    )
    window = open_window(qtbot, desk, officer)
    window.drafts_action.trigger()
    dialog = window.drafts_dialog
    assert isinstance(dialog, DraftsDialog) and dialog.isVisible()
    dialog.draft_id = draft_id
    dialog.accept()
    wizard = window.wizard
    assert isinstance(wizard, NakitBeyanWizard) and wizard.draft_id == draft_id


def test_settings_open_for_a_supervisor(qtbot: QtBot, desk: Desk) -> None:
    from gumruk_desk.ui.settings_dialog import SettingsDialog

    window = open_window(qtbot, desk, desk.authenticate(SUPERVISOR, SUPERVISOR_PW))
    window.settings_action.trigger()
    assert isinstance(window.settings_dialog, SettingsDialog)
    assert window.settings_dialog.isVisible()


# -- quitting -------------------------------------------------------------------------------------


def quit_question(qtbot: QtBot, window: MainWindow) -> Any:
    from PySide6.QtWidgets import QMessageBox

    qtbot.waitUntil(lambda: window.quit_box is not None and window.quit_box.isVisible())
    box = window.quit_box
    assert isinstance(box, QMessageBox)
    return box


def test_quitting_with_uploads_waiting_asks_first(qtbot: QtBot, desk: Desk) -> None:
    from PySide6.QtWidgets import QPushButton

    from gumruk_desk.ui.shift_end_dialog import ShiftEndDialog

    officer = desk.authenticate(OFFICER, OFFICER_PW)
    desk.register(ek1(), officer=officer)
    desk.register(ek1(source_category="loan_from_abroad"), officer=officer)  # a seizure
    window = open_window(qtbot, desk, officer)

    QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    box = quit_question(qtbot, window)
    assert box.text() == (
        "Merkeze gönderilmeyi bekleyen 2 kayıt var; 1 tanesi el koyma "
        "(24 saat içinde merkeze bildirilmeli)."
    )
    labels = [b.text() for b in box.findChildren(QPushButton)]
    assert sorted(labels) == sorted(["&Vardiya sonu", "&Yine de çık", "Va&zgeç"])
    QTest.keyClick(box, Qt.Key.Key_Escape)  # Vazgeç
    qtbot.waitUntil(lambda: not box.isVisible())
    assert window.isVisible()

    # Vardiya sonu: the existing dialog, over the window that stays open.
    QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    box = quit_question(qtbot, window)
    QTest.keyClick(box, Qt.Key.Key_Return)  # the default button
    qtbot.waitUntil(lambda: isinstance(window.shift_end_dialog, ShiftEndDialog))
    assert window.shift_end_dialog is not None and window.shift_end_dialog.isVisible()
    assert window.isVisible()
    window.shift_end_dialog.reject()

    # The window's own close button: the window system's close event reaches the window
    # (Qt turns it into a spontaneous close of the widget), as a window manager sends it.
    from PySide6.QtGui import QCloseEvent

    handle = window.windowHandle()
    assert handle is not None
    QApplication.sendEvent(handle, QCloseEvent())
    box = quit_question(qtbot, window)
    assert window.isVisible()
    anyway = box.findChild(QPushButton, "quitAnyway")
    assert anyway is not None
    QTest.mouseClick(anyway, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_quitting_with_nothing_waiting_closes_at_once(qtbot: QtBot, desk: Desk) -> None:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    window = open_window(qtbot, desk, officer)
    QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.quit_box is None
