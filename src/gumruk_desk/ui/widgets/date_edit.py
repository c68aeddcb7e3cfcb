"""A date typed as GG.AA.YYYY: eight digits, the dots are already there."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

_CONTEXT = "DateEdit"


class DateEdit(QLineEdit):
    """A line edit with the mask ``GG.AA.YYYY`` that may also be empty.

    Why not QDateEdit: it always holds some date, so an untouched field would silently carry
    one; here an empty field is ``None`` and the validator says it is missing.
    ``date()`` is the typed date or ``None`` (empty or not a real date); ``problem()`` says in
    Turkish why a non-empty text is not a date; ``dateChanged`` is emitted on every edit (read
    ``date()``).
    """

    dateChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setInputMask("99.99.9999;_")
        self.setToolTip(QCoreApplication.translate(_CONTEXT, "GG.AA.YYYY, ör. 31.01.1980"))
        self.setMaxLength(10)
        self.textChanged.connect(lambda _text: self.dateChanged.emit())

    def _digits(self) -> str:
        return "".join(ch for ch in self.text() if ch.isdigit())

    def is_empty(self) -> bool:
        return not self._digits()

    def date(self) -> datetime.date | None:
        text = self.text()
        parts = text.split(".")
        if len(parts) != 3 or [len(p) for p in parts] != [2, 2, 4]:
            return None
        if not all(p.isascii() and p.isdigit() for p in parts):
            return None
        day, month, year = (int(p) for p in parts)
        try:
            return datetime.date(year, month, day)
        except ValueError:
            return None

    def iso(self) -> str | None:
        day = self.date()
        return None if day is None else day.isoformat()

    def set_date(self, day: datetime.date | None) -> None:
        self.setText("" if day is None else f"{day.day:02d}.{day.month:02d}.{day.year:04d}")

    def set_iso(self, text: str | None) -> None:
        try:
            self.set_date(datetime.date.fromisoformat(text) if text else None)
        except ValueError:
            self.set_date(None)

    def problem(self) -> str | None:
        if self.is_empty() or self.date() is not None:
            return None
        return QCoreApplication.translate(
            _CONTEXT, "'{text}' geçerli bir tarih değil; GG.AA.YYYY biçiminde yazın."
        ).format(text=self.text())
