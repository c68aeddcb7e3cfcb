"""Reading what a widget shows, with the None that Qt's getters allow checked once here.

Qt answers "no item there" with None; a test that reads a cell means the cell exists, so
these helpers assert it and name the place when it does not.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QTableWidget

Child = TypeVar("Child", bound=QObject)


def child(parent: QObject, kind: type[Child], name: str) -> Child:
    """The one child of that kind and object name; fails, naming it, when there is none."""
    found = parent.findChild(kind, name)
    assert found is not None, f"{kind.__name__} {name!r} yok"
    return found


def cell(table: QTableWidget, row: int, column: int) -> str:
    """The text in one cell; fails, naming the cell, when the table has no item there."""
    item = table.item(row, column)
    assert item is not None, f"{table.objectName() or 'tablo'}: ({row}, {column}) boş"
    return item.text()


def header_text(table: QTableWidget, column: int) -> str:
    """A column's title."""
    item = table.horizontalHeaderItem(column)
    assert item is not None, f"{table.objectName() or 'tablo'}: {column}. sütunun başlığı yok"
    return item.text()


def row_cells(table: QTableWidget, row: int) -> list[str]:
    """Every cell of one row, left to right."""
    return [cell(table, row, column) for column in range(table.columnCount())]


def column_cells(table: QTableWidget, column: int) -> list[str]:
    """One column, top to bottom."""
    return [cell(table, row, column) for row in range(table.rowCount())]
