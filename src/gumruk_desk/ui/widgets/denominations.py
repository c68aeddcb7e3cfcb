"""The banknote counter of a counted cash line: value × count per banknote, summed into the
line's amount (EK-2 field 16, SPEC §9 ``denominations``).

The banknotes in circulation for the currency are offered one row each (only the count is
typed, Tab goes from count to count); two free rows take any other value. Enter accepts,
Escape leaves the line as it was.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gumruk_desk.domain import money
from gumruk_desk.resources import resource_path
from gumruk_desk.ui.widgets.amounts import format_turkish_amount, parse_turkish_amount
from gumruk_desk.ui.widgets.error_label import ErrorLabel

FREE_ROWS = 2
MAX_COUNT = 1_000_000


def _tr(text: str) -> str:
    return QCoreApplication.translate("DenominationDialog", text)


@lru_cache(maxsize=1)
def _banknotes() -> dict[str, tuple[Decimal, ...]]:
    raw = json.loads(resource_path("banknotes", "banknotes.json").read_text(encoding="utf-8"))
    return {
        code: tuple(Decimal(v) for v in values)
        for code, values in raw.items()
        if not code.startswith("_")
    }


def banknotes(currency: str) -> tuple[Decimal, ...]:
    """The banknote values offered for ``currency`` (none for an unlisted currency)."""
    return _banknotes().get(currency.upper(), ())


class DenominationDialog(QDialog):
    """Count the banknotes of one ``currency`` line; ``denominations()`` after accept.

    ``initial``: the line's denominations so far (interchange form, values as strings).
    """

    def __init__(
        self,
        currency: str,
        initial: list[dict[str, Any]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("denominationDialog")
        self.currency = currency
        self._minor = money.minor_units_of(currency, 2)
        self.setWindowTitle(_tr("Kupür sayımı — {currency}").format(currency=currency))
        layout = QVBoxLayout(self)
        note = QLabel(
            _tr(
                "Her kupürden kaç adet sayıldığını yazın (Tab ile sonraki kupür). Listede "
                "olmayan kupürü alttaki serbest satırlara yazın. Enter: tamam, Esc: vazgeç."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        grid = QGridLayout()
        for column, text in enumerate((_tr("Kupür"), _tr("Adet"), _tr("Tutar"))):
            header = QLabel(text, self)
            header.setStyleSheet("font-weight: bold;")
            grid.addWidget(header, 0, column)
        self._rows: list[tuple[QLineEdit, QLineEdit, QLabel]] = []
        given = {
            Decimal(str(d.get("value"))): int(d.get("count") or 0)
            for d in initial or []
            if _is_decimal(d.get("value"))
        }
        known = banknotes(currency)
        extra = [v for v in given if v not in known]
        values: list[Decimal | None] = [*known, *extra]
        values += [None] * FREE_ROWS
        for index, value in enumerate(values):
            face = QLineEdit(self)
            face.setObjectName(f"denomValue_{index}")
            face.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if value is not None:
                face.setText(
                    format_turkish_amount(value, 0 if value == value.to_integral() else self._minor)
                )
                face.setReadOnly(index < len(known))
                face.setFocusPolicy(
                    Qt.FocusPolicy.NoFocus if index < len(known) else Qt.FocusPolicy.StrongFocus
                )
            else:
                face.setPlaceholderText(_tr("diğer kupür"))
            count = QLineEdit(self)
            count.setObjectName(f"denomCount_{index}")
            count.setValidator(QIntValidator(0, MAX_COUNT, count))
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if value is not None and given.get(value):
                count.setText(str(given[value]))
            subtotal = QLabel(self)
            subtotal.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            subtotal.setMinimumWidth(120)
            grid.addWidget(face, index + 1, 0)
            grid.addWidget(count, index + 1, 1)
            grid.addWidget(subtotal, index + 1, 2)
            face.textChanged.connect(self._update)
            count.textChanged.connect(self._update)
            self._rows.append((face, count, subtotal))
        layout.addLayout(grid)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("denomTotal")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.total_label.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.total_label)
        self.error = ErrorLabel(self)
        self.error.setObjectName("denomError")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_tr("Tamam"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("Vazgeç"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        first = next((c for f, c, _s in self._rows if f.isReadOnly()), self._rows[0][0])
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update()

    def count_edit(self, value: str) -> QLineEdit:
        """The count field of the banknote ``value`` ("500")."""
        for face, count, _subtotal in self._rows:
            if parse_turkish_amount(face.text()) == Decimal(value):
                return count
        raise KeyError(value)

    def _read(self) -> tuple[list[tuple[Decimal, int]], list[str]]:
        counted: list[tuple[Decimal, int]] = []
        problems: list[str] = []
        for face, count, subtotal in self._rows:
            value = parse_turkish_amount(face.text()) if face.text().strip() else None
            number = int(count.text()) if count.text().strip().isdigit() else 0
            if face.text().strip() and (value is None or value <= 0):
                problems.append(
                    _tr("'{text}' bir kupür değeri değil.").format(text=face.text().strip())
                )
                subtotal.clear()
                continue
            if value is not None and not money.fits_minor_units(value, self._minor):
                problems.append(
                    _tr("{value}: bu para biriminde en fazla {minor} ondalık olabilir.").format(
                        value=face.text().strip(), minor=self._minor
                    )
                )
                continue
            if number and value is None:
                problems.append(_tr("Adedi yazılan serbest satırın kupür değerini yazın."))
                continue
            if value is not None and number:
                amount = money.mul(value, Decimal(number))
                subtotal.setText(format_turkish_amount(amount, self._minor))
                counted.append((value, number))
            else:
                subtotal.clear()
        return counted, problems

    def _update(self) -> None:
        counted, problems = self._read()
        total = money.total(money.mul(v, Decimal(n)) for v, n in counted)
        self.total_label.setText(
            _tr("Toplam: {total} {currency}").format(
                total=format_turkish_amount(total, self._minor), currency=self.currency
            )
        )
        self.error.set_messages(problems)

    def denominations(self) -> list[dict[str, Any]]:
        """The counted banknotes (same values merged), largest first, interchange form."""
        merged: dict[Decimal, int] = {}
        for value, number in self._read()[0]:
            merged[value] = merged.get(value, 0) + number
        return [
            {"value": money.format_amount(value, self._minor), "count": merged[value]}
            for value in sorted(merged, reverse=True)
        ]

    def total(self) -> Decimal:
        return money.total(money.mul(v, Decimal(n)) for v, n in self._read()[0])

    def accept(self) -> None:
        problems = self._read()[1]
        if problems:
            self.error.set_messages(problems)
            return
        super().accept()  # nothing counted: the line goes back to a typed amount


def _is_decimal(value: Any) -> bool:
    try:
        Decimal(str(value))
    except ArithmeticError:
        return False
    return True
