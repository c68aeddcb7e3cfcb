"""Money lines (SPEC §9): one row per currency or payment instrument, added and removed from
the keyboard, with a running total per currency.

Amounts are typed the Turkish way ("12.500,00", "12500", "12500,5") and leave the editor as
interchange strings ("12500.00"); a float never holds them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gumruk_desk.domain import money
from gumruk_desk.domain.money import INSTRUMENT_LABELS_TR, Instrument, MoneyLine
from gumruk_desk.printing import fmt
from gumruk_desk.ui.widgets.amounts import (
    AmountValidator,
    format_turkish_amount,
    parse_turkish_amount,
)
from gumruk_desk.ui.widgets.code_combo import CurrencyBox
from gumruk_desk.ui.widgets.denominations import DenominationDialog
from gumruk_desk.ui.widgets.error_label import ErrorLabel

_CONTEXT = "MoneyLinesEditor"
ADD_ROW_KEYS = "Ctrl+N"
REMOVE_ROW_KEYS = "Ctrl+Shift+Del"
COUNT_KEYS = "Ctrl+K"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class AmountEdit(QLineEdit):
    """A right-aligned amount typed the Turkish way; shown as "12.500,00" after editing.

    Only digits, dots and one comma can be typed (:class:`AmountValidator`); a draft or an
    imported record may still bring other text, which ``problem()`` explains.
    ``value()`` is the Decimal or ``None``; ``amount()`` the interchange string or ``None``;
    ``problem()`` a Turkish sentence when the text is not an amount greater than zero.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._minor_units = 2
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0,00")
        self.setValidator(AmountValidator(self))
        self.editingFinished.connect(self.reformat)

    def set_minor_units(self, minor_units: int) -> None:
        self._minor_units = minor_units
        self.reformat()

    def minor_units(self) -> int:
        return self._minor_units

    def value(self) -> Decimal | None:
        return parse_turkish_amount(self.text())

    def amount(self) -> str | None:
        value = self.value()
        return None if value is None else money.format_amount(value, self._minor_units)

    def set_amount(self, text: str | None) -> None:
        """Show an interchange amount ("12500.00") in Turkish form."""
        if not text:
            self.clear()
            return
        try:
            self.setText(format_turkish_amount(Decimal(text), self._minor_units))
        except InvalidOperation:
            self.setText(text)

    def reformat(self) -> None:
        value = self.value()
        if value is not None:
            formatted = format_turkish_amount(value, self._minor_units)
            if formatted != self.text():
                self.setText(formatted)

    def problem(self) -> str | None:
        text = self.text().strip()
        if not text:
            return None
        value = self.value()
        negative = text.startswith("-") and parse_turkish_amount(text[1:]) is not None
        if negative or value == 0:
            return _tr("Tutar sıfırdan büyük olmalı.")
        if value is not None:
            return None
        return _tr("'{text}' bir tutar değil; 12.500,00 biçiminde yazın.").format(text=self.text())


class _Row:
    """The widgets of one money line."""

    def __init__(self, editor: MoneyLinesEditor, exclude: Iterable[str]) -> None:
        self.kind = QComboBox(editor)
        # "" for cash, not None: item data round-trips through QVariant.
        self.kind.addItem(_tr("Nakit"), "")
        for instrument in Instrument:
            self.kind.addItem(INSTRUMENT_LABELS_TR[instrument], instrument.value)
        self.currency = CurrencyBox(editor, exclude=exclude)
        self.amount = AmountEdit(editor)
        self.error = ErrorLabel(editor)
        # Banknotes counted for this line (interchange form); while there are any, the
        # amount is their sum and cannot be typed over.
        self.denominations: list[dict[str, Any]] = []
        self.detail = QLabel(editor)
        self.detail.setWordWrap(True)
        self.detail.setVisible(False)
        self.currency.codeChanged.connect(self._currency_changed)
        self.kind.currentIndexChanged.connect(lambda _i: self.set_denominations([]))

    def instrument(self) -> str | None:
        """The payment instrument of the row, or None for cash."""
        return str(self.kind.currentData() or "") or None

    def widgets(self) -> list[QWidget]:
        return [self.kind, self.currency, self.amount, self.error, self.detail]

    def set_denominations(self, denominations: list[dict[str, Any]]) -> None:
        """Count the line by banknotes (``[]``: no breakdown, the amount is typed)."""
        if not denominations and not self.denominations:
            return
        self.denominations = [dict(d) for d in denominations]
        self.amount.setReadOnly(bool(denominations))
        if denominations:
            total = money.total(
                money.mul(Decimal(str(d["value"])), Decimal(int(d["count"]))) for d in denominations
            )
            self.amount.set_amount(money.format_amount(total, self.amount.minor_units()))
            code = self.currency.code() or ""
            minor = money.minor_units_of(code, 2)
            parts = [
                f"{d['count']} × {format_turkish_amount(Decimal(str(d['value'])), 0)}"
                if Decimal(str(d["value"])) == Decimal(str(d["value"])).to_integral()
                else f"{d['count']} × {format_turkish_amount(Decimal(str(d['value'])), minor)}"
                for d in denominations
            ]
            self.detail.setText(_tr("Kupür sayımı: {parts}").format(parts=" + ".join(parts)))
        self.detail.setVisible(bool(denominations))

    def _currency_changed(self, code: str) -> None:
        self.set_denominations([])  # banknotes of another currency count nothing here
        if code:
            self.amount.set_minor_units(money.minor_units_of(code, 2))

    def is_empty(self) -> bool:
        return not self.currency.raw_text().strip() and not self.amount.text().strip()

    def state(self) -> dict[str, Any]:
        state: dict[str, Any] = {
            "kind": self.instrument(),
            "currency": self.currency.raw_text(),
            "amount": self.amount.text(),
        }
        if self.denominations:
            state["denominations"] = [dict(d) for d in self.denominations]
        return state

    def restore(self, state: dict[str, Any]) -> None:
        index = self.kind.findData(state.get("kind") or "")
        self.kind.setCurrentIndex(max(index, 0))
        self.currency.set_raw_text(str(state.get("currency") or ""))
        self.set_denominations([])
        self.amount.setText(str(state.get("amount") or ""))
        given = state.get("denominations")
        if isinstance(given, list) and given:
            try:
                self.set_denominations(given)
            except (KeyError, TypeError, ValueError, ArithmeticError):
                self.set_denominations([])  # a damaged draft: the typed amount stays

    def line(self) -> dict[str, Any]:
        line: dict[str, Any] = {}
        if self.instrument():
            line["instrument"] = self.instrument()
        line["currency"] = self.currency.code() or self.currency.raw_text().strip()
        line["amount"] = self.amount.amount() or self.amount.text().strip()
        if self.denominations and not self.instrument():
            line["denominations"] = [dict(d) for d in self.denominations]
        return line

    def problems(self) -> list[str]:
        """What the editor itself sees wrong with a started row (an empty row is skipped)."""
        if self.is_empty():
            return []
        problems = [p for p in (self.currency.problem(), self.amount.problem()) if p]
        if not self.currency.raw_text().strip():
            problems.insert(0, _tr("Para birimini seçin."))
        if not self.amount.text().strip():
            problems.append(_tr("Tutarı yazın."))
        return problems


class MoneyLinesEditor(QWidget):
    """Rows of (currency, amount, kind). Ctrl+N or Alt+E adds a row (focus goes to its
    currency),
    Ctrl+Shift+Del or Alt+S removes the row holding the focus.

    ``lines()`` gives the filled rows as interchange money lines (a row left entirely empty
    is skipped); ``row_of_line(i)`` maps the i-th line back to its row so that a problem at
    ``cash[i]`` can be shown under the right row (``set_row_messages``). ``changed`` is
    emitted on every edit; ``totals()`` sums the valid amounts per kind and currency.
    """

    changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        exclude_currencies: Iterable[str] = (),
        object_prefix: str = "",
        count_banknotes: bool = False,
        mnemonics: bool = True,
    ) -> None:
        super().__init__(parent)
        self._exclude = tuple(exclude_currencies)
        self.denomination_dialog: DenominationDialog | None = None
        self._prefix = object_prefix
        self._rows: list[_Row] = []
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(2)
        # The currency and the amount first (what every line has), the kind after them: it
        # stays "Nakit" but for a cheque, a bond or a bill.
        for column, text in enumerate((_tr("Para birimi"), _tr("Tutarı"), _tr("Cinsi"))):
            header = QLabel(text, self)
            header.setStyleSheet("font-weight: bold;")
            self._grid.addWidget(header, 0, column)
        self._grid.setColumnStretch(0, 4)
        self._grid.setColumnStretch(1, 3)
        self._grid.setColumnStretch(2, 2)

        # A page with two editors gives the Alt letters to neither (Ctrl+N still adds a row).

        def plain(text: str) -> str:
            return text if mnemonics else text.replace("&", "")

        self.add_button = QPushButton(plain(_tr("Satır &ekle")), self)
        self.add_button.setObjectName(f"{object_prefix}addLine")
        self.add_button.setToolTip(_tr("Yeni satır (Ctrl+N)"))
        self.remove_button = QPushButton(plain(_tr("Satırı &sil")), self)
        self.remove_button.setObjectName(f"{object_prefix}removeLine")
        self.remove_button.setToolTip(_tr("Odaktaki satırı sil (Ctrl+Shift+Delete)"))
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        self.remove_button.clicked.connect(self.remove_focused_row)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        # Not Ctrl+Insert / Ctrl+Delete: line edits take those (copy, delete word).
        QShortcut(
            QKeySequence(ADD_ROW_KEYS), self, lambda: self.add_row(focus=True), context=context
        )
        QShortcut(QKeySequence(REMOVE_ROW_KEYS), self, self.remove_focused_row, context=context)
        self.count_button: QPushButton | None = None
        if count_banknotes:
            self.count_button = QPushButton(plain(_tr("&Kupür say…")), self)
            self.count_button.setObjectName(f"{object_prefix}countBanknotes")
            self.count_button.setToolTip(_tr("Odaktaki nakit satırının kupürlerini say (Ctrl+K)"))
            self.count_button.setAutoDefault(False)
            self.count_button.clicked.connect(self.count_focused_row)
            QShortcut(QKeySequence(COUNT_KEYS), self, self.count_focused_row, context=context)

        self.totals_label = QLabel(self)
        self.totals_label.setObjectName(f"{object_prefix}totals")
        self.totals_label.setWordWrap(True)
        self.totals_label.setAlignment(Qt.AlignmentFlag.AlignRight)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        if self.count_button is not None:
            buttons.addWidget(self.count_button)
        buttons.addStretch(1)
        self.count_error = ErrorLabel(self)
        self.count_error.setObjectName(f"{object_prefix}countError")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)
        layout.addLayout(buttons)
        layout.addWidget(self.count_error)
        layout.addWidget(self.totals_label)
        self.add_row()

    # -- rows ----------------------------------------------------------------------------------
    def row_count(self) -> int:
        return len(self._rows)

    def row_widgets(self, row: int) -> tuple[QComboBox, CurrencyBox, AmountEdit, ErrorLabel]:
        r = self._rows[row]
        return r.kind, r.currency, r.amount, r.error

    def first_field(self) -> QWidget:
        """The first row's currency, the first control of a row (the kind follows the
        amount: it stays "Nakit" for cash)."""
        return self._rows[0].currency

    def add_row(self, *, focus: bool = False) -> int:
        row = _Row(self, self._exclude)
        index = len(self._rows)
        self._rows.append(row)
        row.kind.setObjectName(f"{self._prefix}kind_{index}")
        row.currency.setObjectName(f"{self._prefix}currency_{index}")
        row.amount.setObjectName(f"{self._prefix}amount_{index}")
        row.error.setObjectName(f"{self._prefix}lineError_{index}")
        row.kind.currentIndexChanged.connect(self._edited)
        row.currency.codeChanged.connect(self._edited)
        row.currency.line_edit().textEdited.connect(self._edited)
        row.amount.textChanged.connect(self._edited)
        self._relayout()
        if self.isVisible():
            # A layout shows new children only later (queued); the focus must land now.
            for widget in (row.currency, row.amount, row.kind):
                widget.show()
        if focus:
            row.currency.setFocus(Qt.FocusReason.TabFocusReason)
        self._edited()
        return index

    def remove_row(self, index: int) -> None:
        if not 0 <= index < len(self._rows):
            return
        row = self._rows.pop(index)
        for widget in row.widgets():
            self._grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        if not self._rows:
            self.add_row()
        self._relayout()
        target = self._rows[min(index, len(self._rows) - 1)]
        target.currency.setFocus(Qt.FocusReason.TabFocusReason)
        self._edited()

    def _focused_row(self) -> int | None:
        focused = self.focusWidget()
        for index, row in enumerate(self._rows):
            if any(w is focused or w.isAncestorOf(focused) for w in row.widgets() if focused):
                return index
        return None

    def remove_focused_row(self) -> None:
        index = self._focused_row()
        if index is not None:
            self.remove_row(index)

    # -- banknotes -----------------------------------------------------------------------------
    def count_focused_row(self) -> DenominationDialog | None:
        """Open the banknote counter for the cash row holding the focus (the last row when
        the focus is elsewhere in the editor)."""
        index = self._focused_row()
        if index is None:
            index = len(self._rows) - 1
        return self.count_row(index)

    def count_row(self, index: int) -> DenominationDialog | None:
        row = self._rows[index]
        code = row.currency.code()
        if row.instrument():
            self.count_error.set_message(
                _tr("Kupür sayımı yalnızca nakit satırında yapılır; ödeme belgesi değil.")
            )
            return None
        if not code:
            self.count_error.set_message(_tr("Kupür saymadan önce satırın para birimini seçin."))
            row.currency.setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        self.count_error.clear_messages()
        dialog = DenominationDialog(code, row.denominations, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def counted() -> None:
            row.set_denominations(dialog.denominations())
            self._edited()
            row.amount.setFocus(Qt.FocusReason.OtherFocusReason)

        dialog.accepted.connect(counted)
        dialog.rejected.connect(lambda: row.amount.setFocus(Qt.FocusReason.OtherFocusReason))
        self.denomination_dialog = dialog
        dialog.open()
        return dialog

    def _relayout(self) -> None:
        for index, row in enumerate(self._rows):
            grid_row = 1 + 3 * index
            self._grid.addWidget(row.currency, grid_row, 0)
            self._grid.addWidget(row.amount, grid_row, 1)
            self._grid.addWidget(row.kind, grid_row, 2)
            self._grid.addWidget(row.detail, grid_row + 1, 0, 1, 3)
            self._grid.addWidget(row.error, grid_row + 2, 0, 1, 3)
            row.kind.setObjectName(f"{self._prefix}kind_{index}")
            row.currency.setObjectName(f"{self._prefix}currency_{index}")
            row.amount.setObjectName(f"{self._prefix}amount_{index}")
            row.error.setObjectName(f"{self._prefix}lineError_{index}")
        chain: list[QWidget] = []
        for row in self._rows:
            chain += [row.currency, row.amount, row.kind]
        chain += [self.add_button, self.remove_button]
        if self.count_button is not None:
            chain.append(self.count_button)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- values --------------------------------------------------------------------------------
    def _filled(self) -> list[int]:
        return [i for i, row in enumerate(self._rows) if not row.is_empty()]

    def lines(self) -> list[dict[str, Any]]:
        return [self._rows[i].line() for i in self._filled()]

    def row_of_line(self, line_index: int) -> int | None:
        filled = self._filled()
        return filled[line_index] if 0 <= line_index < len(filled) else None

    def set_lines(self, lines: list[dict[str, Any]]) -> None:
        """Show interchange money lines (replacing every row)."""
        self.set_state(
            [
                {
                    "kind": line.get("instrument"),
                    "currency": str(line.get("currency") or ""),
                    "amount": self._display_amount(line),
                }
                for line in lines
            ]
        )

    @staticmethod
    def _display_amount(line: dict[str, Any]) -> str:
        raw = line.get("amount")
        value = parse_turkish_amount(str(raw).replace(".", ",")) if raw else None
        if value is None:
            return str(raw or "")
        code = str(line.get("currency") or "")
        minor = money.minor_units_of(code, 2)
        return format_turkish_amount(value, minor)

    def state(self) -> list[dict[str, Any]]:
        """Every row as typed, for a draft."""
        return [row.state() for row in self._rows]

    def set_state(self, rows: list[dict[str, Any]]) -> None:
        while len(self._rows) > 1:
            row = self._rows.pop()
            for widget in row.widgets():
                self._grid.removeWidget(widget)
                widget.hide()
                widget.deleteLater()
        for _ in range(max(len(rows), 1) - 1):
            self.add_row()
        if not rows:
            self._rows[0].restore({})
        for row, state in zip(self._rows, rows, strict=False):
            row.restore(state)
        self._relayout()
        self._edited()

    def local_problems(self) -> dict[int, list[str]]:
        """Problems the editor sees itself (unknown currency text, unreadable amount), by row."""
        return {i: p for i, row in enumerate(self._rows) if (p := row.problems())}

    def set_row_messages(self, messages: dict[int, list[str]]) -> None:
        for index, row in enumerate(self._rows):
            row.error.set_messages(messages.get(index, []))

    def totals(self) -> list[tuple[str, str, Decimal]]:
        """Valid amounts summed per kind and currency, in the order first entered:
        ``(label, currency, total)``."""
        sums: dict[str, tuple[str, Decimal]] = {}
        for row in self._rows:
            code, value = row.currency.code(), row.amount.value()
            if not code or value is None:
                continue
            kind = row.instrument()
            label = (
                fmt.currency(code)
                if not kind
                else fmt.line_kind(MoneyLine(code, value, Instrument(kind)))
            )
            before = sums.get(label, (code, Decimal(0)))[1]
            sums[label] = (code, money.total([before, value]))
        return [(label, code, value) for label, (code, value) in sums.items()]

    def _edited(self, *_args: object) -> None:
        parts = [
            f"{label}: {format_turkish_amount(value, money.minor_units_of(code, 2))}"
            for label, code, value in self.totals()
        ]
        self.totals_label.setText(
            _tr("Toplam — {parts}").format(parts=" · ".join(parts)) if parts else ""
        )
        self.changed.emit()
