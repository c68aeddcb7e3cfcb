"""The register as a Qt table model, loaded lazily in keyset pages.

The model never holds the whole register: it asks :meth:`Desk.browse` for one page of
:data:`PAGE_SIZE` rows at a time, newest first, and the next page starts after the id of the
last row it already has (keyset paging, constant time per page whatever the register's size).
Views ask for more through Qt's ``canFetchMore`` / ``fetchMore`` when the user scrolls to the
bottom, so a register of a million records opens as fast as one of a hundred.

Every query here is an index look-up or an index range scan of one page; they run on the UI
thread because they take milliseconds (``bench/register_view_bench.py`` measures them on a
million records). The total behind the current filter is one ``count`` query per filter change.
"""

from __future__ import annotations

import contextlib
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

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
from gumruk_desk.register.browse import RecordFilter, RecordRow
from gumruk_desk.services import Desk

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


class RegisterModel(QAbstractTableModel):
    """Rows of the register matching a :class:`RecordFilter`, newest first, fetched lazily.

    Contract: ``rowCount()`` is the number of rows loaded so far; ``canFetchMore()`` is true
    until a page comes back short; ``fetchMore()`` appends exactly one page. :meth:`set_filter`
    and :meth:`refresh` reset the model to the first page. ``Qt.UserRole`` on any cell is the
    record number.

    The total behind a filter is known at once when the first page is short (it is the page)
    or when there is no filter (the register's size, one primary-key look-up); otherwise it is
    counted on a worker thread — a filtered count visits every matching row, about 0.1 s on a
    million records — and :meth:`total` is None until ``total_changed`` brings it. A count
    superseded by a newer filter before it starts never runs, and a late result is dropped.
    """

    total_changed = Signal(int)
    """Emitted with the number of records matching the current filter once it is known."""

    _counted = Signal(int, int)  # generation, total: from the worker thread, queued to ours

    def __init__(self, desk: Desk, parent: QObject | None = None, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self._desk = desk
        self._page_size = page_size
        self._filter = RecordFilter()
        self._rows: list[RecordRow] = []
        self._total: int | None = 0
        self._exhausted = True
        self._generation = 0
        self._counter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="register-count")
        self._counted.connect(self._on_counted, Qt.ConnectionType.QueuedConnection)
        self._headers = _headers()
        self._bold = QFont()
        self._bold.setBold(True)
        self.last_query_seconds = 0.0
        """Wall time of the last page query on the UI thread (benchmarks, diagnostics)."""

    # -- loading ---------------------------------------------------------------------------

    @property
    def record_filter(self) -> RecordFilter:
        return self._filter

    def total(self) -> int | None:
        """Records matching the current filter; None while they are being counted."""
        return self._total

    def set_filter(self, record_filter: RecordFilter) -> None:
        """Show the records matching ``record_filter``: load the first page, count them."""
        self._filter = record_filter
        self.refresh()

    def refresh(self) -> None:
        """Reload from the register with the same filter (after a registration, a sync…)."""
        self._generation += 1
        start = time.perf_counter()
        first = self._desk.browse(self._filter, limit=self._page_size)
        short = len(first) < self._page_size
        total: int | None = None
        if short:
            total = len(first)
        elif self._filter == RecordFilter():
            total = self._desk.count_records(self._filter)
        self.last_query_seconds = time.perf_counter() - start
        self.beginResetModel()
        self._rows = list(first)
        self._total = total
        self._exhausted = short
        self.endResetModel()
        if total is None:
            self._counter.submit(self._count, self._generation, self._filter)
        else:
            self.total_changed.emit(total)

    def _count(self, generation: int, record_filter: RecordFilter) -> None:
        """Worker thread: touches no widget and no model state, only the register."""
        if generation != self._generation:
            return  # superseded while queued (typing faster than counting)
        try:
            total = self._desk.count_records(record_filter)
        except Exception:  # the register closed or failed under us: the total stays unknown
            return
        with contextlib.suppress(RuntimeError):  # the model was deleted meanwhile
            self._counted.emit(generation, total)

    def _on_counted(self, generation: int, total: int) -> None:
        if generation == self._generation:
            self._total = total
            self.total_changed.emit(total)

    def wait_for_count(self, timeout: float = 10.0) -> int | None:
        """Block until the pending count (if any) has run; for scripts and benchmarks. The
        result arrives through the event loop, so the caller still processes events."""
        self._counter.submit(lambda: None).result(timeout)
        return self._total

    def close(self) -> None:
        """Stop counting (a running count finishes on its own; its result is dropped)."""
        self._generation += 1
        self._counter.shutdown(wait=False, cancel_futures=True)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        before = self._rows[-1].id if self._rows else None
        start = time.perf_counter()
        page = self._desk.browse(self._filter, before_id=before, limit=self._page_size)
        self.last_query_seconds = time.perf_counter() - start
        self._exhausted = len(page) < self._page_size
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

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
