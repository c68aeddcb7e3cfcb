"""Step 7 (exit only) — the exit limits of Genelge 2013/1 Ç 1: residence, an exception (the
Nakit Beyan Formu given on entry, looked up in the register, or a bank document), the check
of lira and foreign currency against their limits, and custody of the excess, which the
officer may widen but never narrow.

Every figure on the page is the register's own evaluation of the record as it stands
(``Desk.evaluate``), so what is shown is what registration will decide.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from gumruk_desk.domain.evaluation import Evaluation, ReferenceStatus
from gumruk_desk.domain.problems import InvalidRecord, Problem
from gumruk_desk.domain.validation import NON_CASH_CURRENCIES
from gumruk_desk.errors import RegisterError
from gumruk_desk.printing import fmt
from gumruk_desk.ui import record_text
from gumruk_desk.ui.ek2.base import Choice, Ek2Page
from gumruk_desk.ui.form_wizard.lines import LinesField
from gumruk_desk.ui.widgets import ErrorLabel, MoneyLinesEditor

NO_EXCEPTION = "none"
_RED = "QLabel { background: #fbe9e7; color: #8c1d18; border: 1px solid #b3261e; padding: 6px; }"
_GREEN = "QLabel { background: #e8f5e9; color: #1b5e20; border: 1px solid #2e7d32; padding: 6px; }"


def lines_text(lines: list[dict[str, Any]]) -> str:
    """ "1.000,00 EUR; Çek (TRY) 5.000,00 TRY" of interchange lines (unfinished ones skipped)."""
    return record_text.lines_text(record_text.money_lines(lines))


class ExitPage(Ek2Page):
    """Residence, exception, the limit check and the custody proposal."""

    key = "exit"
    prefixes = ("residence", "exit_exception", "custody_override")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("7. Çıkış sınırı (Genelge 2013/1 Ç 1)"))
        self.setSubTitle(
            self.tr(
                "Bankacılık sistemi dışında çıkarılabilecek Türk parası ve yabancı para "
                "sınırlıdır; sınırın üstü yalnızca bir istisnayla çıkabilir."
            )
        )
        self.proposal: list[dict[str, Any]] = []
        layout = QVBoxLayout(self)
        form = self.new_form(layout, banner=False)
        self.residence = Choice(
            {
                "resident": self.tr("Türkiye'de yerleşik"),
                "non_resident": self.tr("Yurt dışında yerleşik"),
                "citizen_working_abroad": self.tr("Yurt dışında çalışan Türk vatandaşı"),
            },
            "residence",
            self,
        )
        self.add_row(form, self.tr("&Yerleşiklik"), self.residence, "residence")
        self._fields["residence"] = self.residence.first()
        self.exception = Choice(
            {
                NO_EXCEPTION: self.tr("İstisna yok"),
                "entry_declaration": self.tr("Girişte verilen Nakit Beyan Formu"),
                "bank_document": self.tr("Banka belgesi (görünmeyen işlemler için döviz alımı)"),
            },
            "exception",
            self,
        )
        self.exception.set_value(NO_EXCEPTION)
        self.add_row(form, self.tr("İs&tisna"), self.exception, "exit_exception.kind")
        self.reference = QLineEdit(self)
        self.reference.setObjectName("exception_reference")
        self.reference.setPlaceholderText(self.tr("form numarası veya belge referansı"))
        self.add_row(
            form,
            self.tr("Form no / belge &referansı"),
            self.reference,
            "exit_exception.reference",
            required=False,
        )
        self.register_error("exit_exception", self.error_label("exit_exception.kind"))
        # A bank document covers only the currency it proves was bought: its amounts.
        self.bank_label = QLabel(self.tr("Banka belgesinin gösterdiği döviz tutarları:"), self)
        layout.addWidget(self.bank_label)
        self.bank_editor = MoneyLinesEditor(
            self,
            exclude_currencies=NON_CASH_CURRENCIES | {"TRY"},
            object_prefix="bank_",
            mnemonics=False,
        )
        self.bank_editor.setObjectName("bankDocumentEditor")
        self.bank_lines = LinesField("exit_exception.cash", self.bank_editor)
        layout.addWidget(self.bank_editor)
        self.bank_error = ErrorLabel(self)
        layout.addWidget(self.bank_error)
        self.register_error("exit_exception.cash", self.bank_error, self.bank_editor)
        self.lookup = QLabel(self)
        self.lookup.setObjectName("declarationLookup")
        self.lookup.setWordWrap(True)
        layout.addWidget(self.lookup)

        self.check = QLabel(self)
        self.check.setObjectName("limitCheck")
        self.check.setWordWrap(True)
        self.check.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.check)

        self.widen = QCheckBox(self.tr("El konulacak nakdi ge&nişlet"), self)
        self.widen.setObjectName("widenCustody")
        layout.addWidget(self.widen)
        self.custody_editor = MoneyLinesEditor(
            self,
            exclude_currencies=NON_CASH_CURRENCIES,
            object_prefix="custody_",
            mnemonics=False,
        )
        self.custody_editor.setObjectName("custodyEditor")
        self.custody_editor.setVisible(False)
        self.custody_lines = LinesField("custody_override", self.custody_editor)
        layout.addWidget(self.custody_editor)
        self.custody_error = ErrorLabel(self)
        layout.addWidget(self.custody_error)
        self.register_error("custody_override", self.custody_error, self.widen)
        layout.addWidget(self.page_error)
        layout.addStretch(1)

        self.residence.changed.connect(self._edited)
        self.exception.changed.connect(self._exception_changed)
        self.reference.textChanged.connect(self._edited)
        self.widen.toggled.connect(self._widen_toggled)
        self.custody_editor.changed.connect(self.changed)
        self.bank_editor.changed.connect(self._edited)
        self._exception_changed()

    # -- reactions ---------------------------------------------------------------------------
    def _exception_changed(self) -> None:
        self.reference.setEnabled(self.exception.value() not in (None, NO_EXCEPTION))
        bank = self.exception.value() == "bank_document"
        self.bank_label.setVisible(bank)
        self.bank_editor.setVisible(bank)
        self._edited()

    def _edited(self) -> None:
        self.changed.emit()
        if self.wizard() is not None and self.isVisible():
            self.refresh()

    def _widen_toggled(self, on: bool) -> None:
        self.custody_editor.setVisible(on)
        if on and not self.custody_editor.lines():
            self.custody_editor.set_lines(self.proposal)
        if on:
            self.custody_editor.first_field().setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def initializePage(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Look up the cited form and evaluate the record without the officer's widening."""
        wizard = self.ek2_wizard()
        self._show_lookup()
        if self.residence.value() is None:
            # Nothing to check yet: the residence decides the limits. The field says what is
            # missing once the officer moves on; the validator's words are not repeated here.
            self.proposal = []
            self.check.setStyleSheet("")
            self.check.setText(
                self.tr(
                    "Yerleşiklik seçilince Türk parası ve yabancı para sınırları burada denetlenir."
                )
            )
            self.widen.setEnabled(False)
            return
        record = {**wizard.record(), "custody_override": None}
        try:
            evaluation = wizard.desk.evaluate(record, now=wizard.now())
        except InvalidRecord as exc:
            self.proposal = []
            messages: list[str] = []
            for problem in exc.problems:
                # This page's own fields say their problems under themselves: the title of
                # the page is not repeated before each.
                text = (
                    problem.message
                    if self.owns(problem.path)
                    else f"{wizard.where(problem.path)}: {problem.message}"
                )
                if text not in messages:
                    messages.append(text)
            self.check.setStyleSheet("")
            self.check.setText(
                self.tr("Sınır denetimi yapılamadı: {reasons}").format(
                    reasons=" · ".join(messages[:3])
                )
            )
            self.widen.setEnabled(False)
            return
        except RegisterError as exc:
            self.check.setText(str(exc))
            return
        self._show_check(evaluation)

    def _show_lookup(self) -> None:
        if self.exception.value() != "entry_declaration" or not self.reference.text().strip():
            self.lookup.clear()
            self.lookup.setVisible(False)
            return
        wizard = self.ek2_wizard()
        found = wizard.desk.referenced_declaration(self.reference.text())
        person = (wizard.record().get("person") or {}).get("id_number")
        if found.status is ReferenceStatus.UNKNOWN:
            text = self.tr("{number}: bu numarayla kayıtlı bir Nakit Beyan Formu yok.").format(
                number=found.number
            )
        else:
            status = {
                ReferenceStatus.VALID: self.tr("geçerli"),
                ReferenceStatus.CANCELLED: self.tr("İPTAL EDİLMİŞ — istisna sağlamaz"),
                ReferenceStatus.SEIZED: self.tr("el konulmuş (beyan değil) — istisna sağlamaz"),
                ReferenceStatus.EXIT: self.tr("çıkışta düzenlenmiş — istisna sağlamaz"),
            }[found.status]
            owner = (
                self.tr("bu kişiye ait")
                if found.id_number == person
                else self.tr("BAŞKA BİR KİŞİYE AİT ({id}) — istisna sağlamaz").format(
                    id=found.id_number
                )
            )
            text = self.tr("{number} ({date}): {status}; {owner}; beyan edilen: {lines}").format(
                number=found.number,
                date=fmt.date(found.date) if found.date else "—",
                status=status,
                owner=owner,
                lines=record_text.lines_text(found.cash) or "—",
            )
            if found.drawn:
                text += self.tr("; önceki çıkışlarda kullanılan: {lines}").format(
                    lines=record_text.lines_text(found.drawn)
                )
        self.lookup.setText(text)
        self.lookup.setVisible(True)

    def _show_check(self, evaluation: Evaluation) -> None:
        valuation, outcome = evaluation.valuation, evaluation.outcome
        self.proposal = [x.to_json() for x in outcome.proposed_custody]

        def tl(value: Decimal | None) -> str:
            return f"{fmt.amount(value)} TL" if value is not None else "—"

        thresholds = evaluation.parameters.get("exit_mode") == "declaration_thresholds"
        self.setTitle(
            self.tr("7. Çıkışta beyan eşikleri (kural seti {id})").format(id=evaluation.rule_set)
            if thresholds
            else self.tr("7. Çıkış sınırı (Genelge 2013/1 Ç 1)")
        )
        if thresholds:
            # The rule set asks for a declaration above thresholds instead of limiting.
            lines = [
                self.tr("Türk parası: {carried} (beyan eşiği {limit})").format(
                    carried=tl(valuation.exit_lira_try),
                    limit=tl(valuation.exit_threshold_lira_try),
                ),
                self.tr("Yabancı para: {carried} (beyan eşiği {limit})").format(
                    carried=tl(valuation.exit_foreign_try),
                    limit=tl(valuation.exit_threshold_foreign_try),
                ),
                self.tr(
                    "EŞİK AŞILDI — Nakit Beyan Formu (çıkış) düzenlenmeli; beyan edilmezse "
                    "kural setinin yaptırımı uygulanır."
                )
                if outcome.declaration_due
                else self.tr("Çıkışta beyan eşikleri aşılmadı."),
                *outcome.warnings,
            ]
            self.check.setText("\n".join(lines))
            self.check.setStyleSheet(_RED if outcome.declaration_due else _GREEN)
            self.widen.setEnabled(bool(self.proposal))
            return

        lines = [
            self.tr("Türk parası: {carried} (sınır {limit})").format(
                carried=tl(valuation.exit_lira_try), limit=tl(valuation.exit_limit_lira_try)
            ),
            self.tr("Yabancı para: {carried} (sınır {limit}{cover})").format(
                carried=tl(valuation.exit_foreign_try),
                limit=tl(valuation.exit_limit_try),
                cover=self.tr(", istisnayla +{covered}").format(
                    covered=tl(valuation.exit_covered_try)
                )
                if valuation.exit_covered_try
                else "",
            ),
        ]
        cover = valuation.exit_cover
        if cover is not None:
            lines.append(
                self.tr(
                    "İstisna belgesinin kapsadığı: {available}; bu çıkışta kullanılan: "
                    "{drawn}; kalan: {remaining}"
                ).format(
                    available=record_text.lines_text(cover.available) or self.tr("yok"),
                    drawn=record_text.lines_text(cover.drawn) or self.tr("yok"),
                    remaining=record_text.lines_text(cover.remaining) or self.tr("yok"),
                )
            )
        if outcome.exit_limit_exceeded:
            lines.append(
                self.tr("SINIR AŞILDI — el konulması önerilen: {lines}").format(
                    lines=record_text.lines_text(outcome.proposed_custody)
                )
            )
        else:
            lines.append(self.tr("Çıkış sınırları aşılmadı."))
        lines += list(outcome.warnings)
        self.check.setText("\n".join(lines))
        self.check.setStyleSheet(_RED if outcome.exit_limit_exceeded else _GREEN)
        self.widen.setEnabled(bool(self.proposal))
        if not self.proposal and self.widen.isChecked():
            self.widen.setChecked(False)

    # -- page contract -----------------------------------------------------------------------
    def first_field(self) -> QWidget:
        return self.residence.first()

    def contribute(self, record: dict[str, Any]) -> None:
        if self.ek2_wizard().direction() != "exit":
            record["residence"] = None
            record["exit_exception"] = None
            record["custody_override"] = None
            return
        record["residence"] = self.residence.value()
        kind = self.exception.value()
        exception: dict[str, Any] | None = (
            None
            if kind in (None, NO_EXCEPTION)
            else {"kind": kind, "reference": self.reference.text()}
        )
        if exception is not None and kind == "bank_document":
            exception["cash"] = self.bank_editor.lines()
        record["exit_exception"] = exception
        record["custody_override"] = self.custody_editor.lines() if self.widen.isChecked() else None

    def load(self, record: dict[str, Any]) -> None:
        self.residence.set_value(record.get("residence"))
        exception = record.get("exit_exception") or {}
        self.exception.set_value(exception.get("kind") or NO_EXCEPTION)
        self.reference.setText(str(exception.get("reference") or ""))
        self.bank_editor.set_lines(list(exception.get("cash") or []))
        override = record.get("custody_override")
        self.widen.setChecked(override is not None)
        self.custody_editor.set_lines(list(override or []))

    def state(self) -> dict[str, Any]:
        return {
            "residence": self.residence.value(),
            "exception": self.exception.value(),
            "reference": self.reference.text(),
            "bank": self.bank_editor.state(),
            "widen": self.widen.isChecked(),
            "custody": self.custody_editor.state(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.residence.set_value(state.get("residence"))
        self.exception.set_value(state.get("exception") or NO_EXCEPTION)
        self.reference.setText(str(state.get("reference") or ""))
        self.bank_editor.set_state(list(state.get("bank") or []))
        self.custody_editor.set_state(list(state.get("custody") or []))
        self.widen.setChecked(bool(state.get("widen")))

    def current_problems(self) -> list[Problem]:
        """The fields' problems, then what the register's evaluation says of the widening
        (it may not narrow the proposal, nor exceed what was found)."""
        problems = super().current_problems()
        if problems or not self.widen.isChecked():
            return problems
        wizard = self.ek2_wizard()
        try:
            wizard.desk.evaluate(wizard.record(), now=wizard.now())
        except InvalidRecord as exc:
            problems = [p for p in exc.problems if self.owns(p.path)]
        except RegisterError as exc:
            problems = [Problem("", str(exc))]
        return problems

    def local_problems(self) -> list[Problem]:
        problems: list[Problem] = []
        if self.ek2_wizard().direction() != "exit":
            return problems
        if self.residence.value() is None:
            problems.append(Problem("residence", self.tr("Kişinin yerleşiklik durumunu seçin.")))
        if self.exception.value() not in (None, NO_EXCEPTION) and not self.reference.text().strip():
            problems.append(
                Problem(
                    "exit_exception.reference",
                    self.tr("İstisnanın form numarasını veya belge referansını yazın."),
                )
            )
        if self.exception.value() == "bank_document":
            problems += self.bank_lines.local_problems()
        if self.widen.isChecked():
            problems += self.custody_lines.local_problems()
        return problems
