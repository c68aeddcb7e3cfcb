"""Problems of a money-lines field (``cash``, ``declared``, ``detected``, …) shown under the
editor row they belong to.

The validator speaks of lines (``detected[1].amount``), the editor has rows, some of them
still empty; the editor's own problems (unreadable currency or amount) are spoken of as
``<field>.row<n>`` and explain a row better than the validator's message for the same line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gumruk_desk.domain.problems import Problem
from gumruk_desk.ui.widgets import ErrorLabel, MoneyLinesEditor


class LinesField:
    """The editor of the record key ``field``."""

    def __init__(self, field: str, editor: MoneyLinesEditor) -> None:
        self.field = field
        self.editor = editor
        self._line_path = re.compile(rf"^{re.escape(field)}\[(\d+)\]")
        self._row_prefix = f"{field}.row"

    def local_problems(self) -> list[Problem]:
        problems: list[Problem] = []
        for row, messages in self.editor.local_problems().items():
            problems += [Problem(f"{self._row_prefix}{row}", m) for m in messages]
        return problems

    def _row_of(self, path: str) -> int | None:
        match = self._line_path.match(path)
        return self.editor.row_of_line(int(match.group(1))) if match else None

    def current_problems(self, found: Iterable[Problem]) -> list[Problem]:
        """The editor's own problems, then the validator's ``found`` for rows the editor has
        not already explained (its messages for the same lines would repeat them less
        clearly)."""
        local = self.local_problems()
        unreadable = {int(p.path.removeprefix(self._row_prefix)) for p in local}
        kept = [p for p in found if (row := self._row_of(p.path)) is None or row not in unreadable]
        return local + kept

    def owns(self, path: str) -> bool:
        return path == self.field or path.startswith((self.field + ".", self.field + "["))

    def show(self, problems: Iterable[Problem], loose_label: ErrorLabel) -> list[str]:
        """Put each problem under its row; the rest (the field as a whole) go to
        ``loose_label``. Returns the loose messages."""
        by_row: dict[int, list[str]] = {}
        loose: list[str] = []
        for problem in problems:
            if problem.path.startswith(self._row_prefix):
                by_row.setdefault(int(problem.path.removeprefix(self._row_prefix)), []).append(
                    problem.message
                )
                continue
            row = self._row_of(problem.path)
            if row is None:
                loose.append(problem.message)
            else:
                by_row.setdefault(row, []).append(problem.message)
        self.editor.set_row_messages(by_row)
        loose_label.set_messages(loose)
        return loose

    def focus_first_problem(self) -> None:
        for row in range(self.editor.row_count()):
            _kind, currency, amount, error = self.editor.row_widgets(row)
            if error.messages():
                target = currency if currency.code() is None else amount
                target.setFocus()
                return
        self.editor.first_field().setFocus()
