"""The register as a Qt table model, loaded lazily in keyset pages, off the UI thread.

The model never holds the whole register: it asks :meth:`Desk.browse` for one page of
:data:`PAGE_SIZE` rows at a time, newest first, and the next page starts after the id of the
last row it already has (keyset paging, constant time per page whatever the register's size).
Views ask for more through Qt's ``canFetchMore`` / ``fetchMore`` when the user scrolls to the
bottom, so a register of a million records opens as fast as one of a hundred.

Queries run as background ops (:mod:`gumruk_desk.ui.background`, in two lanes: pages in
order, counts beside them) and their answers come back on the UI thread, so the window keeps
painting and taking keys while SQLite works: a surname prefix on a million records
materialises tens of thousands of ids (30–80 ms) and a count visits every matching row (up to
0.2 s). A newer filter supersedes an older one: its queued queries never start and a running
one is interrupted (:class:`browse.Cancel`); a late answer is dropped.
``bench/register_view_bench.py`` measures the window's largest stall and the time to results.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from gumruk_desk.domain import vocabulary
from gumruk_desk.services import Cancel, Desk, RecordFilter, RecordRow
from gumruk_desk.ui.background import Op, Task, wait_for_lane

__all__ = [
    "AMBER",
    "COLUMNS",
    "GREEN",
    "PAGE_SIZE",
    "RED",
    "RegisterModel",
    "kind_label",
    "outcome_colour",
    "outcome_label",
]

PAGE_SIZE = 200
"""Rows per page: a few screens' worth, so a fast scroll asks for a page rarely."""

_CONTEXT = "RegisterModel"

# One restrained palette, shared with the detail pane and the status bar: dark enough to read
# as text on the default light base, and never the only carrier of meaning (words go with it).
GREEN = QColor("#1b6e20")
RED = QColor("#b3261e")
AMBER = QColor("#8a5300")

COLUMNS = (
    "number",
    "kind",
    "date",
    "name",
    "document",
    "outcome",
    "status",
    "sync",
)
(
    COL_NUMBER,
    COL_KIND,
    COL_DATE,
    COL_NAME,
    COL_DOCUMENT,
    COL_OUTCOME,
    COL_STATUS,
    COL_SYNC,
) = range(len(COLUMNS))

Index = QModelIndex | QPersistentModelIndex
_R = TypeVar("_R")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _headers() -> tuple[str, ...]:
    return (
        _tr("Numara"),
        _tr("Tür"),
        _tr("Tarih"),
        _tr("Adı Soyadı"),
        _tr("Belge No"),
        _tr("Sonuç"),
        _tr("Durum"),
        _tr("Aktarım"),
    )


def kind_label(kind: str) -> str:
    """The Turkish name of a record kind (the form's own title), the vocabulary's."""
    return _tr(vocabulary.kind(kind))


def outcome_label(code: str) -> str:
    """The Turkish label of an outcome code (SPEC §9 ``outcome.code``), the vocabulary's."""
    return _tr(vocabulary.outcome(code))


_SEVERITY_COLOUR = {"ok": GREEN, "warning": AMBER, "sanction": RED}


def outcome_colour(code: str, sanctioned: bool = False) -> QColor:
    """Red where a sanction follows (a fine, custody, a referral or cash over an exit limit —
    which a "correct" exit can carry); green for a declaration or a correct explanation
    without one; amber for "no explanation" below the tolerance (a warning only)."""
    return _SEVERITY_COLOUR[vocabulary.severity(code, sanctioned)]


def _failure_text(exc: Exception) -> str:
    from gumruk_desk.errors import RegisterError

    if isinstance(exc, RegisterError):
        return str(exc)
    return _tr("Kayıt defteri okunamadı: {error}").format(error=exc)


PAGE_LANE = "register-page"
COUNT_LANE = "register-count"
"""Pages and counts run in separate lanes: a long count never delays the next page."""


class RegisterModel(QAbstractTableModel):
    """Rows of the register matching a :class:`RecordFilter`, newest first, fetched lazily.

    Contract: ``rowCount()`` is the number of rows loaded so far. :meth:`set_filter` empties
    the table at once (:meth:`is_loading` is then true and the view says it is searching)
    and fills it when the first page comes back from the worker (``loaded``);
    :meth:`refresh` reloads the same filter and keeps the rows on screen until the new ones
    are in. ``canFetchMore()`` is true until a page comes back short (and false while a page
    is on its way); ``fetchMore()`` asks for exactly one more page. :meth:`load_now` reads
    the first page on the calling thread (the window's first rows, before it is shown).
    ``Qt.UserRole`` on any cell is the record number. Nothing here blocks the UI thread on
    SQLite except :meth:`load_now` and the ``wait_for_*`` helpers of scripts.

    The total behind a filter is known with the first page when the page is short (it is the
    page) or when there is no filter (the register's size, one primary-key look-up);
    otherwise it is counted on a second worker — a filtered count visits every matching row
    — and :meth:`total` is None until ``total_changed`` brings it.
    """

    total_changed = Signal(int)
    """Emitted with the number of records matching the current filter once it is known."""
    loading_changed = Signal(bool)
    """True when a first page is asked for, False when it is in (or failed)."""
    loaded = Signal()
    """The first page of the current filter is in the model (it may be empty)."""
    failed = Signal(str)
    """A query failed; the Turkish reason (the rows already shown stay)."""

    def __init__(self, desk: Desk, parent: QObject | None = None, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self._desk = desk
        self._page_size = page_size
        self._filter = RecordFilter()
        self._rows: list[RecordRow] = []
        self._total: int | None = 0
        self._exhausted = True
        self._loading = False
        self._fetching = False
        self._ops: list[Op[Any]] = []  # the queries of the current filter, cancelled together
        self._headers = _headers()
        self._bold = QFont()
        self._bold.setBold(True)
        self.last_query_seconds = 0.0
        """Wall time of the last page query (on its worker; benchmarks, diagnostics)."""

    # -- loading ---------------------------------------------------------------------------

    @property
    def record_filter(self) -> RecordFilter:
        return self._filter

    def total(self) -> int | None:
        """Records matching the current filter; None while they are being counted."""
        return self._total

    def is_loading(self) -> bool:
        """True from :meth:`set_filter` / :meth:`refresh` until the first page is in."""
        return self._loading

    def set_filter(self, record_filter: RecordFilter) -> None:
        """Show the records matching ``record_filter``: the table empties now and fills
        when the first page is in; the count follows."""
        self._filter = record_filter
        self._supersede()
        self.beginResetModel()
        self._rows = []
        self._total = None
        self._exhausted = True
        self.endResetModel()
        self._ask_first()

    def refresh(self) -> None:
        """Reload from the register with the same filter (after a registration, a sync…);
        the rows shown stay until the new first page replaces them."""
        self._supersede()
        self._ask_first()

    def load_now(self) -> None:
        """The first page (and the total, when it is free) read on this thread: for the
        window's first rows before it is shown. Raises ``RegisterError``."""
        self._supersede()
        start = time.perf_counter()
        rows, total = self._first_page(self._filter, None)
        self.last_query_seconds = time.perf_counter() - start
        self._show_first(rows, total)

    def _supersede(self) -> None:
        """Drop every answer still to come and stop the queries that would bring them."""
        for op in self._ops:
            op.cancel()  # a queued one never starts, a running one is interrupted
        self._ops = []
        self._fetching = False

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def _ask_first(self) -> None:
        self._set_loading(True)
        flt = self._filter
        self._query(PAGE_LANE, lambda cancel: self._first_page(flt, cancel), self._first_in)

    def _first_page(
        self, record_filter: RecordFilter, cancel: Cancel | None
    ) -> tuple[list[RecordRow], int | None]:
        rows = self._desk.browse(record_filter, limit=self._page_size, cancel=cancel)
        total: int | None = None
        if len(rows) < self._page_size:
            total = len(rows)
        elif record_filter == RecordFilter():
            total = self._desk.count_records(record_filter)
        return rows, total

    def _query(
        self, lane: str, query: Callable[[Cancel], _R], answered: Callable[[_R], None]
    ) -> None:
        """Run ``query`` in ``lane``; ``answered`` gets its result on the UI thread unless a
        newer filter or refresh superseded it (then the query is interrupted or never
        starts). The query touches no widget and no model state, only the register."""
        cancel = Cancel()
        timed = lane == PAGE_LANE

        def work(_task: Task) -> _R:
            start = time.perf_counter()
            result = query(cancel)
            if timed:
                self.last_query_seconds = time.perf_counter() - start
            return result

        op = Op(work=work, success=answered, parent=self, name=lane)
        op.on_failure(lambda exc: self._query_failed(lane, exc))
        op.interrupt_with(cancel.cancel).in_lane(lane)
        op.on_done(lambda: self._ops.remove(op) if op in self._ops else None)
        self._ops.append(op)
        op.start()

    def _query_failed(self, lane: str, exc: Exception) -> None:
        """The register failed or closed under a query: said in Turkish (the rows shown stay)."""
        if lane == PAGE_LANE:
            self._fetching = False
            self._set_loading(False)
        self.failed.emit(_failure_text(exc))

    def _first_in(self, answer: tuple[list[RecordRow], int | None]) -> None:
        self._show_first(*answer)

    def _count_in(self, total: int) -> None:
        self._total = total
        self.total_changed.emit(total)

    def _show_first(self, rows: list[RecordRow], total: int | None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._total = total
        self._exhausted = len(rows) < self._page_size
        self._fetching = False
        self.endResetModel()
        self._set_loading(False)
        self.loaded.emit()
        if total is None:
            flt = self._filter
            self._query(
                COUNT_LANE, lambda c: self._desk.count_records(flt, cancel=c), self._count_in
            )
        else:
            self.total_changed.emit(total)

    def _append(self, page: list[RecordRow]) -> None:
        self._fetching = False
        self._exhausted = len(page) < self._page_size
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def wait_for_count(self, timeout: float = 10.0) -> int | None:
        """Block until the pending count (if any) has run; for scripts and benchmarks. The
        result arrives through the event loop, so the caller still processes events."""
        wait_for_lane(COUNT_LANE, timeout)
        return self._total

    def wait_for_rows(self, timeout: float = 10.0) -> None:
        """Block until the queries asked for so far have run and deliver their answers; for
        scripts and benchmarks (it processes events)."""
        wait_for_lane(PAGE_LANE, timeout)
        QCoreApplication.processEvents()

    def close(self) -> None:
        """Stop every query (a running one is interrupted; no answer is delivered)."""
        self._supersede()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and not self._exhausted
            and not self._fetching
            and not self._loading
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or not self._rows:
            return
        self._fetching = True
        flt, before, limit = self._filter, self._rows[-1].id, self._page_size
        self._query(
            PAGE_LANE,
            lambda cancel: self._desk.browse(flt, before_id=before, limit=limit, cancel=cancel),
            self._append,
        )

    # -- access ----------------------------------------------------------------------------

    def row_at(self, row: int) -> RecordRow:
        return self._rows[row]

    def number_at(self, row: int) -> str | None:
        return self._rows[row].number if 0 <= row < len(self._rows) else None

    def row_of(self, number: str) -> int | None:
        """The row of ``number`` among the rows loaded so far, or None."""
        for i, row in enumerate(self._rows):
            if row.number == number:
                return i
        return None

    # -- QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return row.number
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_OUTCOME:
                return outcome_colour(row.outcome_code, row.sanctioned)
            if column == COL_STATUS and row.cancelled:
                return RED
            if column == COL_SYNC and not row.synced:
                return AMBER
            return None
        if role == Qt.ItemDataRole.FontRole and (
            column == COL_OUTCOME or (column == COL_STATUS and row.cancelled)
        ):
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_NUMBER and row.paper:
            return _tr("Önce kâğıda doldurulup sonradan kaydedilen form")
        return None

    def _display(self, row: RecordRow, column: int) -> str:
        if column == COL_NUMBER:
            return row.number
        if column == COL_KIND:
            return kind_label(row.kind)
        if column == COL_DATE:
            return row.record_date.strftime("%d.%m.%Y")
        if column == COL_NAME:
            return f"{row.first_name} {row.last_name}".strip()
        if column == COL_DOCUMENT:
            return row.id_number
        if column == COL_OUTCOME:
            label = outcome_label(row.outcome_code)
            if row.sanctioned and row.outcome_code in ("correct", "declared"):
                # An exit explained correctly but over the limit: the words say it too.
                label += _tr(" – yaptırım var")
            return label
        if column == COL_STATUS:
            return _tr("İptal") if row.cancelled else _tr("Kayıtlı")
        if column == COL_SYNC:
            return _tr("Gönderildi") if row.synced else _tr("Bekliyor")
        return ""
