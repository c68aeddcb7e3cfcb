"""Step 8 — the result (field 22), computed by the register's own evaluation and explained
in plain Turkish: declared, found and undeclared TL; the tolerance in force and its year; the
fine; what goes into custody; referral to the prosecutor and the MASAK copy; the exit limits;
the copies and who signs.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from gumruk_desk.domain.evaluation import Evaluation, Outcome, OutcomeCode
from gumruk_desk.domain.problems import InvalidRecord, Problem
from gumruk_desk.errors import RegisterError
from gumruk_desk.printing import fmt
from gumruk_desk.printing.documents import copy_labels, load_layout
from gumruk_desk.ui import record_text
from gumruk_desk.ui.ek2.base import Ek2Page
from gumruk_desk.ui.ek2.exit_page import lines_text
from gumruk_desk.ui.form_wizard.page import InfoPage
from gumruk_desk.ui.widgets import ErrorLabel

_GREEN = "QLabel { background: #e8f5e9; color: #1b5e20; border: 1px solid #2e7d32; padding: 8px; }"
_RED = "QLabel { background: #fbe9e7; color: #8c1d18; border: 1px solid #b3261e; padding: 8px; }"
_AMBER = "QLabel { background: #fff4e5; color: #663c00; border: 1px solid #b26a00; padding: 8px; }"


def headline(outcome: Outcome) -> tuple[str, str]:
    """(the result in one sentence, its colour style) of an outcome."""
    code = outcome.code
    if code is OutcomeCode.PROHIBITED_SOURCE:
        return (
            "EL KOYMA — kaynağı itibariyle yurda getirilmesi yasak nakit (G 1.1/b)",
            _RED,
        )
    if code is OutcomeCode.MISDECLARED:
        return ("22.c — Yanlış / yanıltıcı açıklama: müsaade edilen fark aşıldı", _RED)
    if code is OutcomeCode.NO_DECLARATION:
        if outcome.custody:
            return ("22.b — Açıklama yapılmadı: müsaade edilen fark aşıldı", _RED)
        return ("22.b — Açıklama yapılmadı (fark müsaade edilen sınırın içinde)", _AMBER)
    if outcome.exit_limit_exceeded:
        return ("22.a — Açıklama doğru; ancak ÇIKIŞ SINIRI AŞILDI: aşan kısma el konulur", _RED)
    return ("22.a — Açıklama doğru", _GREEN)


class ResultPage(InfoPage, Ek2Page):
    """Read-only: the evaluation of the record as it stands."""

    key = "result"
    prefixes = ()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("8. Sonuç (22)"))
        self.setSubTitle(
            self.tr(
                "Kayıt bu sonucu verecek. Bir bilgi yanlışsa Geri ile düzeltin (kişinin "
                "açıklaması kilitlidir)."
            )
        )
        self.evaluation: Evaluation | None = None
        layout = QVBoxLayout(self)
        self.headline = QLabel(self)
        self.headline.setObjectName("resultHeadline")
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.headline.setFont(font)
        layout.addWidget(self.headline)

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("resultScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        body = QWidget(self.scroll_area)
        self.form = QFormLayout(body)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.values: dict[str, QLabel] = {}
        for key, caption in (
            ("paper", self.tr("Kâğıt form")),
            ("declared_try", self.tr("Açıklanan nakit (15)")),
            ("detected_try", self.tr("Bulunan nakit (16)")),
            ("undeclared_try", self.tr("Açıklanmayan tutar")),
            ("tolerance", self.tr("Müsaade edilen fark")),
            ("fine", self.tr("İdari para cezası")),
            ("custody", self.tr("Muhafaza altına alınan / el konulan")),
            ("referral", self.tr("Cumhuriyet Savcılığına bildirim")),
            ("masak", self.tr("MASAK'a nüsha")),
            ("exit", self.tr("Çıkış sınırı")),
            ("rates", self.tr("Kurlar")),
            ("copies", self.tr("Nüshalar")),
            ("signatures", self.tr("İmzalar")),
            ("grounds", self.tr("Gerekçe")),
        ):
            value = QLabel(body)
            value.setObjectName(f"result:{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(QLabel(caption, body), value)
            self.values[key] = value
        self.scroll_area.setWidget(body)
        layout.addWidget(self.scroll_area, 1)
        self.warnings = ErrorLabel(self, warning=True)
        self.warnings.setObjectName("resultWarnings")
        layout.addWidget(self.warnings)
        layout.addWidget(self.page_error)

    def initializePage(self) -> None:
        wizard = self.ek2_wizard()
        self.evaluation = None
        self.page_error.clear_messages()
        try:
            self.evaluation = wizard.desk.evaluate(wizard.record(), now=wizard.now())
        except InvalidRecord as exc:
            self._failed(list(exc.problems))
            return
        except RegisterError as exc:
            self._failed([Problem("", str(exc))])
            return
        self.show_evaluation(self.evaluation, wizard.record())

    def _failed(self, problems: list[Problem]) -> None:
        wizard = self.ek2_wizard()
        self.headline.setText(self.tr("Sonuç hesaplanamadı"))
        self.headline.setStyleSheet(_AMBER)
        for label in self.values.values():
            label.clear()
        self.page_error.set_messages(
            f"{wizard.where(p.path)}: {p.message}" if p.path else p.message for p in problems
        )

    def show_evaluation(self, evaluation: Evaluation, record: dict[str, Any]) -> None:
        valuation, outcome = evaluation.valuation, evaluation.outcome
        text, style = headline(outcome)
        self.headline.setText(self.tr(text))
        self.headline.setStyleSheet(style)

        def tl(value: Decimal | None) -> str:
            return f"{fmt.amount(value)} TL" if value is not None else "—"

        declared = record.get("declared")
        v = self.values
        # A back-entry: the number printed on the paper form and the moment it was filled,
        # which the record keeps (a form filled here gets both at Kaydet).
        paper = record.get("paper") if isinstance(record.get("paper"), dict) else None
        self.form.setRowVisible(v["paper"], paper is not None)
        if paper is not None:
            v["paper"].setText(
                self.tr(
                    "NO: {number} — {moment} tarihinde dolduruldu (defter sayfa {page}, "
                    "satır {line})"
                ).format(
                    number=paper.get("number", ""),
                    moment=record_text.moment(paper.get("filled_at")),
                    page=paper.get("ledger_page", ""),
                    line=paper.get("ledger_line", ""),
                )
            )
        v["declared_try"].setText(
            self.tr("açıklama yapılmadı")
            if declared is None
            else self.tr("{total} ({lines})").format(
                total=tl(valuation.declared_try),
                lines=lines_text(declared) or self.tr("nakit taşımadığını söyledi"),
            )
        )
        v["detected_try"].setText(
            self.tr("{total} ({lines})").format(
                total=tl(valuation.detected_try), lines=lines_text(record.get("detected") or [])
            )
        )
        v["undeclared_try"].setText(tl(valuation.undeclared_try))
        v["tolerance"].setText(
            self.tr("{amount} ({year} yılı tutarı; aşan kısım yaptırım gerektirir)").format(
                amount=tl(valuation.tolerance_try), year=valuation.tolerance_year
            )
        )
        v["fine"].setText(
            self.tr("{fine} (açıklanmayan tutar × %{rate})").format(
                fine=tl(outcome.fine_try),
                rate=fmt.percent(Decimal(str(evaluation.parameters["fine_rate"]))),
            )
            if outcome.fine_try
            else self.tr("yok")
        )
        v["custody"].setText(record_text.lines_text(outcome.custody) or self.tr("yok"))
        v["referral"].setText(self.tr("EVET") if outcome.prosecutor_referral else self.tr("hayır"))
        v["masak"].setText(self.tr("EVET") if outcome.masak_copy else self.tr("hayır"))
        if valuation.exit_limit_try is None:
            v["exit"].setText(self.tr("girişte uygulanmaz"))
        else:
            v["exit"].setText(
                self.tr(
                    "Türk parası {lira} / sınır {lira_limit}; yabancı para {foreign} / sınır "
                    "{foreign_limit}{cover} — {verdict}"
                ).format(
                    lira=tl(valuation.exit_lira_try),
                    lira_limit=tl(valuation.exit_limit_lira_try),
                    foreign=tl(valuation.exit_foreign_try),
                    foreign_limit=tl(valuation.exit_limit_try),
                    cover=self.tr(" (+ istisna {c})").format(c=tl(valuation.exit_covered_try))
                    if valuation.exit_covered_try
                    else "",
                    verdict=self.tr("AŞILDI")
                    if outcome.exit_limit_exceeded
                    else self.tr("aşılmadı"),
                )
            )
        rates = ", ".join(
            f"{code} {fmt.amount(rate.try_per_unit)}"
            for code, rate in sorted(valuation.rates.items())
        )
        v["rates"].setText(
            self.tr("TCMB {day}: {rates}").format(
                day=fmt.date(valuation.rate_date) if valuation.rate_date else "—",
                rates=rates or "—",
            )
        )
        labels = copy_labels(load_layout("ek2"), evaluation.outcome)
        v["copies"].setText(
            self.tr("{n} nüsha: {labels}").format(n=outcome.copies, labels=" · ".join(labels))
        )
        two = outcome.officer_signatures_required >= 2
        v["signatures"].setText(
            self.tr("tanzim eden memur, şahit memur (farklı iki memur) ve kişi")
            if two
            else self.tr("tanzim eden memur ve kişi")
        )
        v["grounds"].setText("\n".join(outcome.grounds))
        self.warnings.set_messages(list(outcome.warnings))

    # -- page contract -----------------------------------------------------------------------
    def first_field(self) -> QWidget:
        return self.scroll_area

    def validatePage(self) -> bool:
        return self.evaluation is not None
