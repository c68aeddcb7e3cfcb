"""Step 5 — the form as it will print, then Kaydet (register).

The page draws the printed layout's own data (``forms/ek1.json``: sections, boxes, official
labels, widths) with the record being assembled, so what the officer checks is what will be
signed. Only the number, the moment and the TL equivalent are filled in by the register.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gumruk_desk.domain.problems import Problem
from gumruk_desk.printing import fmt
from gumruk_desk.printing.documents import REASON_TR, load_layout
from gumruk_desk.ui import record_text
from gumruk_desk.ui.ek1.base import Ek1Page
from gumruk_desk.ui.form_wizard.page import InfoPage

_PAPER_STYLE = """
QFrame#paper { background: white; }
QFrame#paper QLabel { color: black; background: transparent; }
QFrame[box="true"] { border: 1px solid #555; background: white; }
QLabel[role="section"] { background: #e6e6e6; border: 1px solid #555; font-weight: bold;
    padding: 2px 4px; }
QLabel[role="caption"] { color: #333; }
"""


def field_value(record: dict[str, Any], element: dict[str, Any], customs_area: str) -> str:
    """The text a printed box shows for ``element`` (the same formats as the printed form)."""
    kind = element.get("format", "text")
    raw: Any = record
    for part in str(element.get("value") or "").split("."):
        raw = raw.get(part) if isinstance(raw, dict) else None
    if kind == "date":
        return record_text.day(raw)
    if kind == "country":
        return fmt.country(raw)
    if kind == "id":
        return record_text.identity(raw) if isinstance(raw, dict) else ""
    if kind == "arrival_reason":
        reason = raw or {}
        label = REASON_TR.get(reason.get("code") or "", "")
        text = reason.get("text") or ""
        return f"{label}{' — ' + text if text and text != label else ''}"
    if kind == "customs_area":
        return customs_area
    return "" if raw is None else str(raw)


class ReviewPage(InfoPage, Ek1Page):
    """The printed layout, rebuilt on every visit; a commit page whose button is Kaydet."""

    key = "review"
    prefixes = ("",)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("5. Kontrol ve kayıt"))
        self.setSubTitle(
            self.tr(
                "Form basıldığında böyle görünecek. Kontrol edin; düzeltmek için Geri, "
                "kaydetmek için Kaydet (Enter)."
            )
        )
        self.setCommitPage(True)
        self.layout_data = load_layout("ek1")
        layout = QVBoxLayout(self)
        layout.addWidget(self.seizure_banner)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("reviewScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.page_error)
        self.paper: QFrame | None = None
        self.values: dict[str, QLabel] = {}

    # -- drawing -----------------------------------------------------------------------------
    def rebuild(
        self,
        record: dict[str, Any],
        *,
        customs_area: str,
        officer: dict[str, str],
        demo: bool = False,
    ) -> None:
        paper = QFrame()
        paper.setObjectName("paper")
        paper.setStyleSheet(_PAPER_STYLE)
        paper.setAutoFillBackground(True)
        outer = QVBoxLayout(paper)
        outer.setSpacing(0)
        outer.setContentsMargins(18, 14, 18, 14)
        self.values = {}
        data = self.layout_data

        top = QHBoxLayout()
        annex = QLabel(data["annex"], paper)
        annex.setStyleSheet("font-weight: bold;")
        top.addWidget(annex)
        top.addStretch(1)
        if demo:  # every printout of a demo station says so; the review too
            mark = QLabel(self.tr("DEMO — deneme kaydı"), paper)
            mark.setObjectName("review:demo")
            mark.setStyleSheet("color: #b3261e; font-weight: bold;")
            top.addWidget(mark)
        outer.addLayout(top)
        title = QLabel(data["title"], paper)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        outer.addWidget(title)
        numbers = QHBoxLayout()
        # A back-entry keeps the number printed on the paper form and the moment it was
        # filled in; a form filled here gets its number and moment at Kaydet.
        filled_in = record.get("paper") if isinstance(record.get("paper"), dict) else None
        if filled_in and filled_in.get("number"):
            number_text = self.tr("NO: {number} (kâğıt form)").format(number=filled_in["number"])
        else:
            number_text = self.tr("NO: (kayıtta verilir)")
        if filled_in and filled_in.get("filled_at"):
            day_text = self.tr("Tarih: {moment} (kâğıt formun doldurulduğu an)").format(
                moment=record_text.moment(filled_in["filled_at"])
            )
        else:
            day_text = self.tr("Tarih: {day}").format(day=f"{datetime.date.today():%d.%m.%Y}")
        number = QLabel(number_text, paper)
        number.setObjectName("review:number")
        number.setStyleSheet("font-weight: bold;")
        numbers.addWidget(number)
        numbers.addStretch(1)
        moment = QLabel(day_text, paper)
        moment.setObjectName("review:date")
        numbers.addWidget(moment)
        outer.addLayout(numbers)
        outer.addSpacing(8)

        rows: dict[float, list[dict[str, Any]]] = defaultdict(list)
        for element in data["elements"]:
            rows[element["y"]].append(element)
        for y in sorted(rows):
            elements = sorted(rows[y], key=lambda e: e.get("x", 0))
            if elements[0]["type"] in ("section", "closing"):
                outer.addSpacing(6)
            line = QHBoxLayout()
            line.setSpacing(0)
            for element in elements:
                widget = self._element(paper, element, record, customs_area, officer)
                if widget is not None:
                    line.addWidget(widget, int(element.get("w", 186)))
            if line.count():
                outer.addLayout(line)
        outer.addStretch(1)
        old = self.scroll_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll_area.setWidget(paper)
        self.paper = paper

    def _box(self, paper: QWidget, caption: str, value: str, key: str) -> QFrame:
        box = QFrame(paper)
        box.setProperty("box", True)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(4, 2, 4, 4)
        inner.setSpacing(1)
        small = QLabel(caption, box)
        small.setProperty("role", "caption")
        small.setWordWrap(True)
        font = small.font()
        font.setPointSizeF(font.pointSizeF() * 0.8)
        small.setFont(font)
        text = QLabel(value or "", box)
        text.setObjectName(f"review:{key}")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner.addWidget(small)
        inner.addWidget(text)
        self.values[key] = text
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        return box

    def _element(
        self,
        paper: QWidget,
        element: dict[str, Any],
        record: dict[str, Any],
        customs_area: str,
        officer: dict[str, str],
    ) -> QWidget | None:
        kind = element["type"]
        if kind == "section":
            label = QLabel(element["text"], paper)
            label.setProperty("role", "section")
            return label
        if kind == "field":
            value = field_value(record, element, customs_area)
            key = str(element.get("value") or element["label"])
            return self._box(paper, element["label"], value, key)
        if kind == "money_table":
            return self._money_table(paper, element, record.get(element["lines"]) or [])
        if kind == "valuation":
            label = QLabel(
                self.tr(
                    "Beyan edilen nakdin TL karşılığı: kayıt sırasında yürürlükteki TCMB "
                    "kurlarıyla hesaplanır."
                ),
                paper,
            )
            label.setObjectName("review:valuation")
            label.setWordWrap(True)
            label.setStyleSheet("QLabel { border: 1px solid #555; padding: 2px 4px; }")
            return label
        if kind == "closing":
            label = QLabel(self.layout_data["closing_line"], paper)
            label.setObjectName("review:closing")
            label.setStyleSheet("font-weight: bold;")
            return label
        if kind == "signature":
            return self._signature(paper, element, record, officer)
        return None  # the footer (QR code, register digest) exists only once registered

    def _money_table(
        self, paper: QWidget, element: dict[str, Any], lines: list[dict[str, Any]]
    ) -> QFrame:
        box = QFrame(paper)
        box.setProperty("box", True)
        grid = QVBoxLayout(box)
        grid.setContentsMargins(0, 0, 0, 4)
        grid.setSpacing(2)
        head_row = QHBoxLayout()
        head_row.setSpacing(0)
        for text, stretch in zip(element["headers"], (62, 38), strict=True):
            cell = QLabel(text, box)
            cell.setProperty("role", "section")
            head_row.addWidget(cell, stretch)
        grid.addLayout(head_row)
        shown = 0
        for i, data in enumerate(lines):
            line = record_text.money_line(data)
            if line is None:
                continue  # an unfinished line: the cash page already says what is wrong
            kind = fmt.line_kind(line)
            amount = f"{fmt.line_amount(line)} {line.currency}"
            row = QHBoxLayout()
            left = QLabel(kind, box)
            left.setObjectName(f"review:cash[{i}].kind")
            right = QLabel(amount, box)
            right.setObjectName(f"review:cash[{i}].amount")
            right.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row.setContentsMargins(4, 0, 4, 0)
            row.addWidget(left, 62)
            row.addWidget(right, 38)
            grid.addLayout(row)
            shown += 1
        if not shown:
            grid.addWidget(QLabel("—", box))
        grid.addSpacing(max(0, 4 - shown) * box.fontMetrics().lineSpacing())
        return box

    def _signature(
        self,
        paper: QWidget,
        element: dict[str, Any],
        record: dict[str, Any],
        officer: dict[str, str],
    ) -> QFrame:
        box = QFrame(paper)
        box.setProperty("box", True)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(4, 2, 4, 4)
        heading = QLabel(element["heading"], box)
        heading.setStyleSheet("font-weight: bold;")
        inner.addWidget(heading)
        if element["role"] == "officer":
            values = [officer["name"], f"{officer['title']}, {officer['sicil']}", ""]
        else:
            person = record.get("person") or {}
            values = [f"{person.get('first_name', '')} {person.get('last_name', '')}".strip(), ""]
        for label, value in zip(element["labels"], values, strict=False):
            text = QLabel(f"{label}: {value}", box)
            text.setObjectName(f"review:signature.{element['role']}.{label}")
            text.setWordWrap(True)
            inner.addWidget(text)
        return box

    # -- page contract -----------------------------------------------------------------------
    def initializePage(self) -> None:
        wizard = self.ek1_wizard()
        self.page_error.clear_messages()
        self.rebuild(
            wizard.record(),
            customs_area=wizard.customs_area(),
            officer=wizard.officer_info(),
            demo=wizard.desk.station().demo,
        )

    def first_field(self) -> QWidget:
        return self.scroll_area

    def validatePage(self) -> bool:
        """Kaydet: every page's problems first, then the registration itself."""
        wizard = self.ek1_wizard()
        problems = wizard.all_problems()
        if not problems:
            problems = wizard.register_now()
        self.show_registration_problems(problems)
        return not problems

    def show_registration_problems(self, problems: list[Problem]) -> None:
        wizard = self.ek1_wizard()
        self.page_error.set_messages(
            f"{wizard.where(problem.path)}: {problem.message}" if problem.path else problem.message
            for problem in problems
        )
