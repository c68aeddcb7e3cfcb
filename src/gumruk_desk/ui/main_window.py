"""The desk window: the register, a search, filters, the selected record, and the actions.

Layout: an optional DEMO banner; a search box (Ctrl+F) with the filters under it; the count of
matching records; the register table (:class:`RegisterModel`, loaded lazily page by page) beside
the detail pane; the status bar (:class:`DeskStatusBar`). Every action is in a menu, on the
toolbar and on a shortcut, so the window works without a mouse.

Queries run on the model's worker threads (:class:`RegisterModel`), so typing never waits for
the register: while one runs the table says "Aranıyor…", a newer one supersedes it, and the
results replace the rows when they come (``bench/register_view_bench.py`` measures the largest
stall of the window and the time to results on a million records). Keys typed in one burst
(a scanner, a paste) are taken together (:data:`SEARCH_DEBOUNCE_MS`).

The window is mostly layout and wiring: its actions are the table :data:`ACTIONS` (text,
shortcut, menu, handler, when enabled), made by one loop; uploads and the token are the
:class:`SyncController`'s, printing (render in the background → preview → record the print)
the :class:`PrintController`'s. Long work runs as background ops (:mod:`.background`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFontMetrics, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gumruk_desk.domain.registered import RegisteredRecord
from gumruk_desk.errors import FilterError, RegisterError
from gumruk_desk.printing import fmt
from gumruk_desk.services import Desk, Officer, RecordFilter, Rendered
from gumruk_desk.ui.background import Op
from gumruk_desk.ui.detail_pane import DetailPane
from gumruk_desk.ui.form_wizard.recorded_preview import RecordedPrintPreview
from gumruk_desk.ui.main_actions import ACTIONS, MENUS, TOOLBAR, ActionSpec, ActionState
from gumruk_desk.ui.print_controller import PrintController
from gumruk_desk.ui.register_model import (
    COL_DATE,
    COL_DOCUMENT,
    COL_KIND,
    COL_NAME,
    COL_NUMBER,
    COL_OUTCOME,
    COL_STATUS,
    COL_SYNC,
    RED,
    RegisterModel,
    kind_label,
)
from gumruk_desk.ui.status import DeskStatusBar
from gumruk_desk.ui.sync_controller import SyncController
from gumruk_desk.ui.widgets.date_edit import DateEdit

if TYPE_CHECKING:
    from gumruk_desk.sync import SyncResult
    from gumruk_desk.ui.form_wizard.wizard import FormWizard

__all__ = ["SEARCH_DEBOUNCE_MS", "MainWindow"]

SEARCH_DEBOUNCE_MS = 20
"""Keys closer together than this run one query (a scanner's burst); an officer's typing,
a key every 100 ms or more, searches at each key."""


class MainWindow(QMainWindow):
    """The register window for one logged-in ``officer``.

    Signals: ``lock_requested`` (Ctrl+L; the application locks the session). Public parts for
    the application and tests: ``model``, ``view``, ``detail``, ``status``, ``search_edit``,
    the filter widgets and the actions (``new_ek1_action``, ``print_action``, …).
    """

    lock_requested = Signal()
    logout_requested = Signal()

    # Made from ACTIONS by _build_actions (declared here for the type checker).
    new_ek1_action: QAction
    new_ek2_action: QAction
    drafts_action: QAction
    lock_action: QAction
    logout_action: QAction
    quit_action: QAction
    print_action: QAction
    reprint_action: QAction
    seizure_action: QAction
    receipt_action: QAction
    search_action: QAction
    refresh_action: QAction
    cancel_action: QAction
    seizures_action: QAction
    registers_action: QAction
    sync_action: QAction
    shift_end_action: QAction
    settings_action: QAction
    officers_action: QAction

    def __init__(self, desk: Desk, officer: Officer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._officer = officer
        self._actions: dict[ActionSpec, QAction] = {}
        self.wizard: QWidget | None = None
        self.seizures_dialog: QDialog | None = None
        self.cancel_dialog: QDialog | None = None
        self.registers_dialog: QDialog | None = None
        """The EK-1 wizard opened last (None before the first)."""
        self.settings_dialog: QDialog | None = None
        self.officers_dialog: QDialog | None = None
        self.drafts_dialog: QDialog | None = None
        self.message_box: QMessageBox | None = None
        """The last error shown (opened window-modal, never with exec())."""
        self._current_content: RegisteredRecord | None = None
        self._arranged = False
        # What to do when the model's next first page is in: select this number (and, when
        # it is not among the rows and reveal is set, clear the filters to find it); move the
        # focus to the table (Enter in the search box).
        self._select_when_loaded: tuple[str, bool] | None = None
        self._focus_table_when_loaded = False
        self._leaving = False  # the officer has chosen to quit: close without asking
        self.quit_box: QMessageBox | None = None
        """The question before quitting with uploads waiting, opened last."""

        station = desk.station()
        title = self.tr("Gümrük Masası — {office} · masa {desk}").format(
            office=station.office_name, desk=station.desk_code
        )
        if station.demo:
            title += self.tr(" — DEMO")
        self.setWindowTitle(title)

        self.model = RegisterModel(desk, self)
        self._build_filters()
        self._build_table()
        self.detail = DetailPane(desk, self)
        self.detail.setObjectName("detailPane")
        self.status = DeskStatusBar(desk, officer, self)
        self.setStatusBar(self.status)
        self._build_central(station.demo)
        self.shift_end_dialog: QDialog | None = None
        # Uploads and printing live in their controllers; the window wires them.
        self.sync = SyncController(self, desk, self.status)
        self.sync.synced.connect(self._after_sync)
        self.printing = PrintController(self, desk, officer.sicil, self.status)
        self.printing.failed.connect(self.show_error)
        self.printing.busy_changed.connect(lambda _busy: self._update_actions())
        self._build_actions()

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(lambda _t: self._debounce.start())
        self.search_edit.returnPressed.connect(self._search_now)
        for combo in (self.kind_combo, self.state_combo, self.sync_combo):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        for edit in (self.date_from_edit, self.date_to_edit):
            edit.dateChanged.connect(lambda *_: self._debounce.start())
        self.clear_button.clicked.connect(self.clear_filters)
        self.model.total_changed.connect(self._show_count)
        self.model.modelReset.connect(lambda: self._show_count(self.model.total()))
        self.model.modelReset.connect(self._update_actions)
        self.model.loading_changed.connect(self._loading_changed)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(
            lambda message: self.show_error(self.tr("Kayıt defteri okunamadı"), message)
        )
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

        # The newest page of the whole register is read here, before the window is shown:
        # one primary-key range of PAGE_SIZE rows, a few ms whatever the register's size.
        if self._load(self.model.load_now):
            self.select_row(0)
        self.resize(1280, 800)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- construction ------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(
            self.tr("Kayıt numarası, soyadı (baş harfleri) veya belge numarası")
        )
        self.search_edit.setToolTip(
            self.tr(
                "Tam kayıt numarası, tam pasaport / T.C. kimlik numarası ya da soyadının "
                "başı (Ctrl+F). Enter: tabloya geç."
            )
        )
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("kindCombo")
        self.kind_combo.addItem(self.tr("Tümü"), None)
        self.kind_combo.addItem(self.tr("Nakit Beyan Formu"), "nakit_beyan")
        self.kind_combo.addItem(self.tr("Nakit Açıklama Tutanağı"), "nakit_aciklama")
        self.state_combo = QComboBox(self)
        self.state_combo.setObjectName("stateCombo")
        self.state_combo.addItem(self.tr("Tümü"), None)
        self.state_combo.addItem(self.tr("Kayıtlı"), "registered")
        self.state_combo.addItem(self.tr("İptal"), "cancelled")
        self.sync_combo = QComboBox(self)
        self.sync_combo.setObjectName("syncCombo")
        self.sync_combo.addItem(self.tr("Tümü"), None)
        self.sync_combo.addItem(self.tr("Gönderildi"), True)
        self.sync_combo.addItem(self.tr("Bekliyor"), False)
        self.date_from_edit = DateEdit(self)
        self.date_from_edit.setObjectName("dateFromEdit")
        self.date_from_edit.setToolTip(self.tr("Bu tarihten (dahil), GG.AA.YYYY; boş: sınır yok"))
        self.date_to_edit = DateEdit(self)
        self.date_to_edit.setObjectName("dateToEdit")
        self.date_to_edit.setToolTip(self.tr("Bu tarihe kadar (dahil), GG.AA.YYYY; boş: sınır yok"))
        self.clear_button = QPushButton(self.tr("Süz&geci temizle"), self)
        self.clear_button.setObjectName("clearFiltersButton")
        self.clear_button.setAutoDefault(False)
        self.filter_error = QLabel(self)
        self.filter_error.setObjectName("filterError")
        self.filter_error.setStyleSheet(f"QLabel {{ color: {RED.name()}; }}")
        self.filter_error.setWordWrap(True)
        self.filter_error.hide()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        font = self.count_label.font()
        font.setBold(True)
        self.count_label.setFont(font)

    def _build_table(self) -> None:
        view = QTableView(self)
        view.setObjectName("registerView")
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.verticalHeader().hide()
        # Fixed row heights: the view never measures rows, whatever the model's size.
        vertical = view.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = view.fontMetrics()
        samples = {
            COL_NUMBER: "GM01-M1-KB-2026-000000",
            COL_KIND: self.tr("Nakit Açıklama Tutanağı"),
            COL_DATE: "00.00.0000",
            COL_NAME: "Abdurrahman Karaosmanoğlu",
            COL_DOCUMENT: "12345678901",
            COL_OUTCOME: self.tr("Kaynağı yasak – el konuldu"),
            COL_STATUS: self.tr("Kayıtlı"),
            COL_SYNC: self.tr("Gönderildi"),
        }
        # Widths from the font, never fixed pixels: right at 100 %, 125 % and 150 %.
        bold = view.font()
        bold.setBold(True)  # the result column is bold
        for column, sample in samples.items():
            measure = QFontMetrics(bold) if column == COL_OUTCOME else metrics
            view.setColumnWidth(column, measure.horizontalAdvance(sample) + 24)
        self.view = view
        # Over the emptied table while a query runs, so a blank table never reads as
        # "nothing found" before the register has answered.
        self.searching_label = QLabel(self.tr("Aranıyor…"), view.viewport())
        self.searching_label.setObjectName("searchingLabel")
        self.searching_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.searching_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.searching_label.hide()
        view.viewport().installEventFilter(self)

    def _build_central(self, demo: bool) -> None:
        central = QWidget(self)
        self._central = central
        layout = QVBoxLayout(central)
        self.demo_banner = QLabel(
            self.tr(
                "DEMO İSTASYONU — deneme kayıtları; gerçek işlem yapılmaz, her çıktıda DEMO yazar."
            ),
            central,
        )
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setStyleSheet(
            "QLabel { background-color: #b3261e; color: white; font-weight: bold;"
            " padding: 4px 8px; }"
        )
        self.demo_banner.setVisible(demo)
        layout.addWidget(self.demo_banner)

        filters = QGridLayout()
        search_label = QLabel(self.tr("&Ara:"), central)
        search_label.setBuddy(self.search_edit)
        filters.addWidget(search_label, 0, 0)
        filters.addWidget(self.search_edit, 0, 1, 1, 7)
        row = QHBoxLayout()

        def labelled(text: str, widget: QWidget) -> None:
            label = QLabel(text, central)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget)
            row.addSpacing(12)

        labelled(self.tr("&Tür:"), self.kind_combo)
        labelled(self.tr("D&urum:"), self.state_combo)
        labelled(self.tr("Aktarı&m:"), self.sync_combo)
        date_label = QLabel(self.tr("Tari&h:"), central)
        date_label.setBuddy(self.date_from_edit)
        row.addWidget(date_label)
        row.addWidget(self.date_from_edit)
        row.addWidget(QLabel("–", central))
        row.addWidget(self.date_to_edit)
        row.addSpacing(12)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        filters.addLayout(row, 1, 1, 1, 7)
        filters.addWidget(self.filter_error, 2, 1, 1, 7)
        filters.setColumnStretch(1, 1)
        layout.addLayout(filters)

        left = QWidget(central)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, central)
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        self.splitter = splitter
        self.setCentralWidget(central)

        QWidget.setTabOrder(self.search_edit, self.kind_combo)
        QWidget.setTabOrder(self.kind_combo, self.state_combo)
        QWidget.setTabOrder(self.state_combo, self.sync_combo)
        QWidget.setTabOrder(self.sync_combo, self.date_from_edit)
        QWidget.setTabOrder(self.date_from_edit, self.date_to_edit)
        QWidget.setTabOrder(self.date_to_edit, self.clear_button)
        QWidget.setTabOrder(self.clear_button, self.view)
        QWidget.setTabOrder(self.view, self.detail.browser)

    def _build_actions(self) -> None:
        """The actions of :data:`ACTIONS`, each a window attribute, in the menus and on the
        toolbar as the table places them."""
        menus = {menu: self.menuBar().addMenu(self.tr(title)) for menu, title in MENUS.items()}
        groups: dict[str, int] = {}
        for spec in ACTIONS:
            action = QAction(self.tr(spec.text), self)
            action.setObjectName(spec.name)
            if spec.shortcut is not None:
                action.setShortcut(QKeySequence(spec.shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setToolTip(self.tr(spec.tip))
            action.setStatusTip(action.toolTip())
            handler = spec.handler
            action.triggered.connect(lambda _checked=False, run=handler: run(self))
            self.addAction(action)
            setattr(self, spec.attr, action)
            self._actions[spec] = action
            if spec.menu is not None:
                if groups.setdefault(spec.menu, spec.group) != spec.group:
                    menus[spec.menu].addSeparator()
                    groups[spec.menu] = spec.group
                menus[spec.menu].addAction(action)

        toolbar = QToolBar(self.tr("Araç çubuğu"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        by_name = {spec.name: action for spec, action in self._actions.items()}
        for name in TOOLBAR:
            if name is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(by_name[name])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar
        self._update_actions()

    # -- filtering and selection -------------------------------------------------------------

    def record_filter(self) -> RecordFilter:
        """The filter the controls describe; raises FilterError (Turkish) when they
        contradict each other or a typed date is not a date."""
        for edit in (self.date_from_edit, self.date_to_edit):
            digits = sum(ch.isdigit() for ch in edit.text())
            if digits == 8 and edit.date() is None:
                raise FilterError(
                    self.tr("{text} geçerli bir tarih değil.").format(text=edit.text())
                )
        return RecordFilter(
            text=self.search_edit.text().strip(),
            kind=self.kind_combo.currentData(),
            date_from=self.date_from_edit.date(),
            date_to=self.date_to_edit.date(),
            status=self.state_combo.currentData(),
            synced=self.sync_combo.currentData(),
        )

    def apply_filters(self) -> None:
        """Ask for the rows the controls describe (the debounce ends here); the first row is
        selected when they are in, so the detail pane shows something when anything matches."""
        self._debounce.stop()
        try:
            flt = self.record_filter()
        except FilterError as exc:
            self.filter_error.setText(str(exc))
            self.filter_error.show()
            return
        self.filter_error.hide()
        self._select_when_loaded = None
        self.model.set_filter(flt)

    def _loading_changed(self, loading: bool) -> None:
        self.searching_label.setVisible(loading and self.model.rowCount() == 0)
        if loading:
            self.searching_label.setGeometry(self.view.viewport().rect())
            self.searching_label.raise_()
            self.count_label.setText(self.tr("Aranıyor…"))
        else:
            self._show_count(self.model.total())

    def _loaded(self) -> None:
        """The first page is in: select what was asked for, else the first row."""
        wanted, self._select_when_loaded = self._select_when_loaded, None
        if wanted is not None:
            number, reveal = wanted
            if self.select_number(number):
                wanted = None
            elif reveal and self.model.record_filter != RecordFilter():
                self.clear_filters()  # the record is outside the filters: show it anyway
                self._select_when_loaded = (number, False)
                return
        if wanted is not None or self.current_number() is None:
            self.select_row(0)
        if self._focus_table_when_loaded and self.model.rowCount():
            self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._focus_table_when_loaded = False

    def _reload(self, select: str | None, *, reveal: bool = False) -> None:
        """Reload the rows with the same filters, then select ``select`` (see _loaded)."""
        self._select_when_loaded = (select, reveal) if select else None
        self.model.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self.searching_label.setGeometry(self.view.viewport().rect())
        return super().eventFilter(watched, event)

    def _load(self, load: Callable[[], None]) -> bool:
        try:
            load()
        except RegisterError as exc:
            self.show_error(self.tr("Kayıt defteri okunamadı"), str(exc))
            return False
        return True

    def clear_filters(self) -> None:
        """Back to the whole register, newest first."""
        widgets = (
            self.search_edit,
            self.kind_combo,
            self.state_combo,
            self.sync_combo,
            self.date_from_edit,
            self.date_to_edit,
        )
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.search_edit.clear()
            for combo in (self.kind_combo, self.state_combo, self.sync_combo):
                combo.setCurrentIndex(0)
            self.date_from_edit.set_date(None)
            self.date_to_edit.set_date(None)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self.apply_filters()

    def _search_now(self) -> None:
        self.apply_filters()
        self._focus_table_when_loaded = True

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _show_count(self, total: int | None) -> None:
        """The header of the table: how many records the register holds or the filter finds
        (while a filtered count runs: the rows loaded so far, and that it is counting)."""
        status = self.status.last_status if hasattr(self, "status") else None
        if self.model.is_loading() and self.model.rowCount() == 0:
            text = self.tr("Aranıyor…")
        elif total is None:
            text = self.tr("{count}+ kayıt bulundu, sayılıyor…").format(
                count=fmt.count(self.model.rowCount())
            )
        elif self.model.record_filter == RecordFilter():
            text = self.tr("Kayıt defteri: {count} kayıt").format(count=fmt.count(total))
        elif status is not None:
            text = self.tr("{count} kayıt bulundu (defterde toplam {all})").format(
                count=fmt.count(total), all=fmt.count(status.total_records)
            )
        else:
            text = self.tr("{count} kayıt bulundu").format(count=fmt.count(total))
        self.count_label.setText(text)

    def select_row(self, row: int) -> None:
        """Make ``row`` current and selected (nothing when the model is empty)."""
        if not 0 <= row < self.model.rowCount():
            self.detail.show_record(None)
            self._update_actions()
            return
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)

    def select_number(self, number: str) -> bool:
        """Select the record ``number`` if it is among the loaded rows."""
        row = self.model.row_of(number)
        if row is None:
            return False
        self.select_row(row)
        return True

    def current_number(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.number_at(index.row()) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        number = self.model.number_at(current.row()) if current.isValid() else None
        if number is None and self.model.is_loading():
            # Rows on their way: the pane keeps the last record until they are in (no flash
            # of an empty pane per key), but nothing acts on it meanwhile.
            self._current_content = None
            self._update_actions()
            return
        try:
            self._current_content = self.detail.show_record(number)
        except RegisterError as exc:
            self._current_content = None
            self.show_error(self.tr("Kayıt defteri okunamadı"), str(exc))
        self._update_actions()

    def _update_actions(self) -> None:
        if not self._actions:
            return
        # Only a record that is in the table and selected there is acted on (while a query
        # runs the table is empty and the pane may still show the last record).
        shown = self.detail.number is not None and self.current_number() is not None
        state = ActionState(
            content=self._current_content if shown else None,
            supervisor=self._officer.role == "supervisor",
            printing=self.printing.busy(),
        )
        for spec, action in self._actions.items():
            if spec.enabled_when is None:
                continue
            enabled = spec.enabled_when(state)
            action.setEnabled(enabled)
            if spec.disabled_tip:
                action.setToolTip(self.tr(spec.tip if enabled else spec.disabled_tip))
                action.setStatusTip(action.toolTip())

    def refresh(self) -> None:
        """Reload the table (keeping the selected record when it is still loaded) and the
        status bar (first: the table's header quotes its total)."""
        self.status.refresh()
        self._reload(self.current_number())

    def on_registered(self, number: str) -> None:
        """A record was registered (by a wizard): show it selected, whatever the filters
        were, and update the status bar."""
        self.status.refresh()
        self._reload(number, reveal=True)

    # -- actions ----------------------------------------------------------------------------

    def lock(self) -> None:
        """Ctrl+L: the application locks the session (``lock_requested``)."""
        self.lock_requested.emit()

    def log_out(self) -> None:
        """Ctrl+Shift+L: the application closes the session (``logout_requested``)."""
        self.logout_requested.emit()

    def new_declaration(self, draft_id: str | None = None) -> QWidget | None:
        """Open the Nakit Beyan Formu wizard (window-modal; returns it)."""
        return self._open_wizard("nakit_beyan", draft_id)

    def new_explanation(self, draft_id: str | None = None) -> QWidget | None:
        """Open the Nakit Açıklama Tutanağı wizard (window-modal; returns it)."""
        return self._open_wizard("nakit_aciklama", draft_id)

    def _open_wizard(
        self,
        kind: str,
        draft_id: str | None,
        *,
        data: dict[str, Any] | None = None,
        replaces: str | None = None,
        paper: dict[str, Any] | None = None,
    ) -> QWidget | None:
        title = kind_label(kind)
        try:
            from gumruk_desk.ui.ek1.wizard import NakitBeyanWizard
            from gumruk_desk.ui.ek2.wizard import NakitAciklamaWizard
        except ImportError as exc:
            self.show_error(
                title, self.tr("{form} sihirbazı açılamadı: {error}").format(form=title, error=exc)
            )
            return None
        wizard_class = NakitBeyanWizard if kind == "nakit_beyan" else NakitAciklamaWizard
        wizard: FormWizard = wizard_class(
            self._desk,
            self._officer,
            draft_id=draft_id,
            parent=self,
            data=data,
            replaces=replaces,
            paper=paper,
        )
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.registered.connect(self.on_registered)
        wizard.finished.connect(lambda _result: self.status.refresh())
        self.wizard = wizard
        wizard.open()
        return wizard

    def open_draft(self, draft_id: str) -> QWidget | None:
        """Reopen a draft in the wizard of its kind."""
        draft = self._desk.draft(draft_id)
        if draft is None:
            return None
        if draft.kind == "nakit_beyan":
            return self.new_declaration(draft_id)
        if draft.kind == "nakit_aciklama":
            return self.new_explanation(draft_id)
        return None

    def cancel_selected(self) -> QDialog | None:
        """Cancel the selected record (officer's password and a supervisor's approval); then
        offer to fill the record in its place."""
        content = self._current_content
        if content is None or content.cancelled:
            return None
        from gumruk_desk.ui.cancel_dialog import CancelDialog

        dialog = CancelDialog(self._desk, self._officer, content, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._cancelled(dialog.cancelled))
        self.cancel_dialog = dialog
        dialog.open()
        return dialog

    def _cancelled(self, content: RegisteredRecord | None) -> None:
        if content is None:
            return
        number = content.number
        self._reload(number)
        if self.current_number() == number:
            # The pane says İPTAL at once (the table's row follows with the reload).
            self._current_changed(self.view.currentIndex(), QModelIndex())
        self.status.refresh()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Kayıt iptal edildi"),
            self.tr(
                "{number} iptal edildi. Yerine yeni form doldurulacak mı? (Yeni form bu "
                "kayıtla bağlanır; bilgiler iptal edilen kayıttan getirilir.)"
            ).format(number=number),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: (
                self.replace_record(content)
                if box.standardButton(button) == QMessageBox.StandardButton.Yes
                else None
            )
        )
        self.message_box = box
        box.open()

    def replace_record(self, content: RegisteredRecord) -> QWidget | None:
        """The wizard of the cancelled record's kind, filled with its input, linked to it."""
        # A wizard is filled with interchange JSON (what it drafts and registers), so the
        # replacement starts from the input as it was filed, key for key.
        return self._open_wizard(
            content.kind, None, data=content.filed_json(), replaces=content.number
        )

    def open_registers(self) -> QDialog | None:
        from gumruk_desk.ui.registers_dialog import RegistersDialog

        dialog = RegistersDialog(self._desk, self._officer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.back_entry.connect(self.enter_paper_form)
        dialog.resume_draft.connect(self.resume_paper_draft)
        self.registers_dialog = dialog
        dialog.open()
        return dialog

    def enter_paper_form(self, kind: str, paper: dict[str, Any]) -> QWidget | None:
        """Back-entry of a form filled on paper: the wizard with the paper block set."""
        return self._watch_paper(self._open_wizard(kind, None, paper=paper))

    def resume_paper_draft(self, draft_id: str) -> QWidget | None:
        """The draft already begun for a paper form, reopened from the paper-forms list."""
        return self._watch_paper(self.open_draft(draft_id))

    def _watch_paper(self, wizard: QWidget | None) -> QWidget | None:
        # The paper-forms list shows what the register holds once the wizard registers or
        # closes (a draft left behind says so), without the officer reopening it.
        from gumruk_desk.ui.form_wizard.wizard import FormWizard
        from gumruk_desk.ui.registers_dialog import RegistersDialog

        dialog = self.registers_dialog
        if isinstance(wizard, FormWizard) and isinstance(dialog, RegistersDialog):
            wizard.registered.connect(dialog.paper_changed)
            wizard.finished.connect(dialog.paper_changed)
        return wizard

    # -- sync (SyncController) ------------------------------------------------------------
    def start_sync(self, *, shift_end: bool = False) -> QDialog | None:
        """The upload dialog; see :meth:`SyncController.start_sync`."""
        return self.sync.start_sync(shift_end=shift_end)

    def sync_in_background(self) -> Op[SyncResult] | None:
        """A quiet upload; see :meth:`SyncController.sync_in_background`."""
        return self.sync.sync_in_background()

    @property
    def sync_dialog(self) -> QDialog | None:
        return self.sync.sync_dialog

    @property
    def token_dialog(self) -> QDialog | None:
        return self.sync.token_dialog

    @property
    def address_dialog(self) -> QDialog | None:
        return self.sync.address_dialog

    def _after_sync(self) -> None:
        self.refresh()  # the selected record stays selected
        from gumruk_desk.ui.shift_end_dialog import ShiftEndDialog

        shift_end = self.shift_end_dialog
        if isinstance(shift_end, ShiftEndDialog) and shift_end.isVisible():
            shift_end.refresh()  # what the centre now holds is no longer waiting

    def end_shift(self) -> QDialog:
        """Vardiya sonu: the summary, what waits for upload (the 24 hours of each seizure)
        and the upload — or, offline, the address set by a supervisor or the printed
        summary for a paper handover."""
        from gumruk_desk.ui.shift_end_dialog import ShiftEndDialog

        dialog = ShiftEndDialog(self._desk, self._officer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.send_requested.connect(lambda: self.start_sync(shift_end=True))
        self.shift_end_dialog = dialog
        # Deleted on close: what runs after a later sync must not reach for it.
        dialog.destroyed.connect(lambda *_: setattr(self, "shift_end_dialog", None))
        dialog.open()
        return dialog

    def open_seizures(self) -> QDialog | None:
        """The seizures awaiting upload; the chosen one is shown in the register."""
        from gumruk_desk.ui.seizures_dialog import SeizuresDialog

        dialog = SeizuresDialog(self._desk, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_record.connect(self._show_record)
        self.seizures_dialog = dialog
        dialog.open()
        return dialog

    def _show_record(self, number: str) -> None:
        if not self.select_number(number):
            self._reload(number, reveal=True)

    def open_drafts(self) -> QDialog | None:
        """List the unfinished drafts; the chosen one reopens in its wizard."""
        try:
            from gumruk_desk.ui.drafts_dialog import DraftsDialog
        except ImportError as exc:
            self.show_error(
                self.tr("Taslaklar"),
                self.tr("Taslaklar penceresi açılamadı: {error}").format(error=exc),
            )
            return None
        dialog = DraftsDialog(self._desk, self._officer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda result: self._draft_chosen(dialog, result))
        self.drafts_dialog = dialog
        dialog.open()
        return dialog

    def _draft_chosen(self, dialog: QDialog, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            return
        draft_id = next(
            (
                value
                for value in (getattr(dialog, name, None) for name in ("draft_id", "chosen_id"))
                if isinstance(value, str)
            ),
            None,
        )
        if draft_id is None:
            return
        self.open_draft(draft_id)

    def open_officers(self) -> QDialog:
        """The officers of the desk (every change with a supervisor's password)."""
        from gumruk_desk.ui.officers_dialog import OfficersDialog

        dialog = OfficersDialog(self._desk, self._officer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.officers_dialog = dialog
        dialog.open()
        return dialog

    def open_settings(self) -> QDialog | None:
        """The supervisor's settings (rates, rule sets, idle lock)."""
        if self._officer.role != "supervisor":
            return None
        try:
            from gumruk_desk.ui.settings_dialog import SettingsDialog
        except ImportError as exc:
            self.show_error(
                self.tr("Ayarlar"),
                self.tr("Ayarlar penceresi açılamadı: {error}").format(error=exc),
            )
            return None
        dialog = SettingsDialog(self._desk, self._officer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.refresh())
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def print_selected(self, document: str = "form") -> Op[Rendered] | None:
        """Render ``document`` of the selected record in the background and open the print
        preview when it is in (:class:`PrintController`); returns the rendering's op.

        The print is recorded in the register once the officer has printed it or saved it
        as PDF, and the preview then closes: a further copy is a fresh rendering, which the
        service numbers and marks YENİDEN BASKI — no copy leaves the desk unrecorded."""
        number = self.current_number()
        if number is None:
            return None
        content = self._current_content
        if document == "form" and content is not None and content.is_prohibited_declaration:
            document = "seizure"  # the record is a seizure: it has no form to print
        names = {
            "form": kind_label(content.kind) if content is not None else "",
            "seizure": self.tr("Zabıt varakası"),
            "receipt": self.tr("Alındı belgesi"),
        }
        return self.printing.print_document(number, document, names.get(document, document))

    @property
    def preview(self) -> RecordedPrintPreview | None:
        """The print preview opened last (None while a document renders)."""
        return self.printing.preview

    def show_error(self, title: str, text: str) -> QMessageBox:
        """A window-modal error (opened, not exec()'d: nothing here blocks a test)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        box.open()
        return box

    def _table_width(self) -> int:
        header = self.view.horizontalHeader()
        columns = sum(header.sectionSize(c) for c in range(header.count()))
        return columns + self.view.verticalScrollBar().sizeHint().width() + 4

    def _arrange(self) -> None:
        """Detail pane beside the table when the window holds every column and a readable
        pane (about 60 characters); under it otherwise, so no column is ever scrolled off."""
        pane = self.detail.fontMetrics().averageCharWidth() * 60
        available = self._central.contentsRect().width()
        wanted = (
            Qt.Orientation.Horizontal
            if available >= self._table_width() + pane
            else Qt.Orientation.Vertical
        )
        if wanted == self.splitter.orientation() and self._arranged:
            return
        self._arranged = True
        self.splitter.setOrientation(wanted)
        if wanted == Qt.Orientation.Horizontal:
            table = self._table_width()
            self.splitter.setSizes([table, max(pane, available - table)])
        else:
            height = self.splitter.height()
            self.splitter.setSizes([height * 9 // 20, height - height * 9 // 20])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._arrange()

    def waiting_for_upload(self) -> tuple[int, int]:
        """(records, seizures) the centre has not received yet; (0, 0) when the register
        cannot be read (then nothing can be said about them, and quitting is not held up)."""
        try:
            status = self._desk.status()
        except RegisterError:
            return 0, 0
        return status.pending_upload, status.seizures_pending

    def request_quit(self) -> QMessageBox | None:
        """Ctrl+Q, Form → Çıkış and the window's close button: close, but with records or
        seizures waiting for upload ask first (Vardiya sonu / Yine de çık / Vazgeç); the
        question is returned (None when the window closes at once)."""
        records, seizures = self.waiting_for_upload()
        if not records and not seizures:
            self._leaving = True
            self.close()
            return None
        return self._ask_before_quitting(records, seizures)

    def _ask_before_quitting(self, records: int, seizures: int) -> QMessageBox:
        if seizures:
            text = self.tr(
                "Merkeze gönderilmeyi bekleyen {records} kayıt var; {seizures} tanesi el koyma "
                "(24 saat içinde merkeze bildirilmeli)."
            ).format(records=fmt.count(records), seizures=fmt.count(seizures))
        else:
            text = self.tr("Merkeze gönderilmeyi bekleyen {records} kayıt var.").format(
                records=fmt.count(records)
            )
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Çıkmadan önce"), text, parent=self)
        box.setObjectName("quitQuestion")
        box.setInformativeText(
            self.tr(
                "Vardiya sonu özeti gösterir ve kayıtları merkeze gönderir (merkeze "
                "ulaşılamıyorsa kâğıtla devir için yazdırır). Yine de çıkarsanız kayıtlar bu "
                "masada güvende kalır ve sonraki gönderimde gider."
            )
        )
        shift_end = box.addButton(self.tr("&Vardiya sonu"), QMessageBox.ButtonRole.AcceptRole)
        leave = box.addButton(self.tr("&Yine de çık"), QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(self.tr("Va&zgeç"), QMessageBox.ButtonRole.RejectRole)
        shift_end.setObjectName("quitShiftEnd")
        leave.setObjectName("quitAnyway")
        stay.setObjectName("quitCancel")
        box.setDefaultButton(shift_end)
        box.setEscapeButton(stay)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button: QAbstractButton) -> None:
            if button is shift_end:
                self.end_shift()
            elif button is leave:
                self._leaving = True
                self.close()

        box.buttonClicked.connect(answered)
        box.finished.connect(lambda _result: setattr(self, "quit_box", None))  # deleted next
        self.quit_box = box
        box.open()
        return box

    def closeEvent(self, event: QCloseEvent) -> None:
        if event.spontaneous() and not self._leaving:
            # The window manager's close button: the same question as Ctrl+Q. (A close
            # from code — the end of the session, a test — is not asked about.)
            records, seizures = self.waiting_for_upload()
            if records or seizures:
                event.ignore()
                self._ask_before_quitting(records, seizures)
                return
        self.status.timer.stop()
        self.sync.stop()  # uploads stop between requests; what was sent stays sent
        self.model.close()
        super().closeEvent(event)
