"""Combo boxes over ISO codes shown by their Turkish names, with type-to-search.

The officer types any part of the name ("alma", "birleşik") or the code ("DE"); a popup lists
the matches (names starting with the text first) and Down + Enter picks one. Matching ignores
case the Turkish way (I/ı, İ/i) and accents, so "turkiye" finds "Türkiye". On leaving the field
a text that names exactly one item selects it; anything else stays as typed and
:meth:`CodeComboBox.problem` says why it is not a choice. The stored value is always the code.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QCompleter, QLineEdit, QWidget

from gumruk_desk.domain import iso
from gumruk_desk.domain.text import turkish_upper

_CODE_ROLE = Qt.ItemDataRole.UserRole
_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
_CONTEXT = "CodeComboBox"


def search_fold(text: str) -> str:
    """Turkish upper case without accents or dots, whitespace folded: the matching key."""
    upper = turkish_upper(" ".join(text.split()))
    decomposed = unicodedata.normalize("NFD", upper)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class _SearchModel(QSortFilterProxyModel):
    """The combo's items filtered by the typed text; prefix matches of the name first."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setDynamicSortFilter(False)

    def set_needle(self, text: str) -> None:
        self._needle = search_fold(text)
        self.invalidate()
        self.sort(0)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._needle:
            return True
        key = self.sourceModel().index(source_row, 0, source_parent).data(_KEY_ROLE) or ""
        return self._needle in key

    def lessThan(
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        def rank(index: QModelIndex | QPersistentModelIndex) -> tuple[int, int]:
            key = index.data(_KEY_ROLE) or ""
            code = search_fold(index.data(_CODE_ROLE) or "")
            if self._needle and code == self._needle:
                first = 0
            elif key.startswith(self._needle):
                first = 1
            else:
                first = 2
            return (first, index.row())

        return rank(left) < rank(right)


class CodeComboBox(QComboBox):
    """An editable combo of ``(code, label)`` items that stores the code.

    ``code()`` is the chosen code or ``None`` (nothing or nothing valid chosen); ``set_code``
    selects one (``None`` clears). ``codeChanged(str)`` is emitted whenever the choice changes,
    with the code or ``""`` for none. ``problem()`` is a Turkish sentence when the typed text
    is not a choice, else ``None``.
    """

    codeChanged = Signal(str)

    def __init__(self, items: Iterable[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(12)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(18)
        for code, label in items:
            self.addItem(label, code)
            self.setItemData(self.count() - 1, search_fold(label), _KEY_ROLE)
        self._codes = {str(self.itemData(i, _CODE_ROLE)): i for i in range(self.count())}
        self._search = _SearchModel(self)
        self._search.setSourceModel(self.model())
        completer = QCompleter(self._search, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(10)
        self.setCompleter(completer)
        line = self.line_edit()
        line.setPlaceholderText(self._tr("Yazarak arayın…"))
        line.textEdited.connect(self._on_text_edited)
        self.currentIndexChanged.connect(self._on_index_changed)
        self._last_code: str | None = None
        self.setCurrentIndex(-1)
        line.clear()

    def line_edit(self) -> QLineEdit:
        """The editable combo's line edit (always present)."""
        line = self.lineEdit()
        assert line is not None
        return line

    def _popup(self) -> QAbstractItemView:
        completer = self.completer()
        assert completer is not None
        popup = completer.popup()
        assert popup is not None
        return popup

    @staticmethod
    def _tr(text: str) -> str:
        return QCoreApplication.translate(_CONTEXT, text)

    # -- values --------------------------------------------------------------------------------
    def code(self) -> str | None:
        index = self.currentIndex()
        if index >= 0 and self.currentText() == self.itemText(index):
            return str(self.itemData(index, _CODE_ROLE))
        return self._resolve(self.currentText())

    def set_code(self, code: str | None) -> None:
        index = self._codes.get(code, -1) if code else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.line_edit().clear()
        self._emit_if_changed()

    def raw_text(self) -> str:
        """The text as typed (for drafts): a chosen item's label, or whatever was typed."""
        return self.currentText()

    def set_raw_text(self, text: str) -> None:
        """Restore a typed text; it selects the item it names, like leaving the field does."""
        self.line_edit().setText(text)
        self.commit()

    def problem(self) -> str | None:
        text = self.currentText().strip()
        if not text or self.code() is not None:
            return None
        matches = self._matches(text)
        if len(matches) > 1:
            return self._tr("'{text}' birden fazla seçeneğe uyuyor; listeden birini seçin.").format(
                text=text
            )
        return self._tr("'{text}' listede yok; listeden bir seçenek seçin.").format(text=text)

    # -- matching ------------------------------------------------------------------------------
    def _matches(self, text: str) -> list[int]:
        needle = search_fold(text)
        if not needle:
            return []
        for i in range(self.count()):
            if search_fold(str(self.itemData(i, _CODE_ROLE))) == needle:
                return [i]
        exact = [i for i in range(self.count()) if self.itemData(i, _KEY_ROLE) == needle]
        if exact:
            return exact
        return [i for i in range(self.count()) if needle in str(self.itemData(i, _KEY_ROLE))]

    def _resolve(self, text: str) -> str | None:
        matches = self._matches(text)
        return str(self.itemData(matches[0], _CODE_ROLE)) if len(matches) == 1 else None

    def commit(self) -> None:
        """Turn the typed text into a choice when it names exactly one item."""
        text = self.currentText()
        matches = self._matches(text)
        if len(matches) == 1:
            if self.currentIndex() != matches[0]:
                self.setCurrentIndex(matches[0])
            self.line_edit().setText(self.itemText(matches[0]))
        elif not text.strip():
            self.setCurrentIndex(-1)
        self._emit_if_changed()

    # -- events --------------------------------------------------------------------------------
    def _on_text_edited(self, text: str) -> None:
        self._search.set_needle(text)
        if text.strip() and self._search.rowCount() > 0:
            self.completer().complete()  # type: ignore[union-attr]
        else:
            self._popup().hide()
        self._emit_if_changed()

    def _on_index_changed(self, _index: int) -> None:
        self._emit_if_changed()

    def _emit_if_changed(self) -> None:
        code = self.code()
        if code != self._last_code:
            self._last_code = code
            self.codeChanged.emit(code or "")

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if not self._popup().isVisible():
            self.commit()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Choose what the text names, then let the dialog have Enter (İleri / default).
            self.commit()
            event.ignore()
            return
        super().keyPressEvent(event)


class CountryBox(CodeComboBox):
    """Every ISO 3166-1 country as "Almanya (DE)", in Turkish alphabetical order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(((code, f"{name} ({code})") for code, name in iso.countries_tr()), parent)


def currency_choice(code: str, name: str) -> str:
    """ "EUR – Euro"; a withdrawn currency still carried says so: "BGN – Bulgar levası
    (tedavülden kalktı: 31.01.2026)"."""
    ended = iso.withdrawn_on(code)
    suffix = f" (tedavülden kalktı: {ended:%d.%m.%Y})" if ended else ""
    return f"{code} – {name}{suffix}"


class CurrencyBox(CodeComboBox):
    """Every currency a traveller may carry as "EUR – Euro" (current ISO 4217 codes and
    withdrawn ones still carried); TRY, USD, EUR, GBP first. ``exclude``: codes that are no
    cash (funds, metals) and should not be offered."""

    def __init__(self, parent: QWidget | None = None, *, exclude: Iterable[str] = ()) -> None:
        skip = set(exclude)
        super().__init__(
            (
                (code, currency_choice(code, name))
                for code, name in iso.currencies_tr()
                if code not in skip
            ),
            parent,
        )
