"""The detail pane: everything a registered record says, in plain Turkish.

It shows :meth:`Desk.show` of the selected record (a :class:`RegisteredRecord`, SPEC §9): the
form's fields, the cash lines with Turkish currency names, and the outcome the rules computed — in
colour *and* words (green for a declaration or a correct explanation, red for custody, fine
and referral), with the amounts and the legal grounds the evaluation wrote — and its warnings
in amber. Nothing is computed here: every figure and every ground comes from the record.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from gumruk_desk.domain.evaluation import Outcome, OutcomeCode
from gumruk_desk.domain.money import MoneyLine
from gumruk_desk.domain.records import DeclarationInput, ExplanationInput, Kind
from gumruk_desk.domain.registered import RegisteredRecord
from gumruk_desk.printing import fmt
from gumruk_desk.services import Desk
from gumruk_desk.ui.register_model import AMBER, GREEN, RED, kind_label, outcome_label

__all__ = ["DetailPane", "record_html"]

_CONTEXT = "DetailPane"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _labels(kind: str) -> dict[str, str]:
    tables: dict[str, dict[str, str]] = {
        "direction": {"entry": _tr("Giriş"), "exit": _tr("Çıkış")},
        "source": {
            "export": _tr("İhracat"),
            "transit_trade": _tr("Transit ticaret"),
            "foreign_capital": _tr("Yabancı sermaye bedeli"),
            "other_free": _tr("Diğer (getirilmesi serbest)"),
            "loan_from_abroad": _tr("Yurt dışından alınan kredi"),
            "personal_capital": _tr("Kişisel sermaye"),
        },
        "reason": {
            "export": _tr("İhracat"),
            "foreign_capital": _tr("Yabancı Sermaye Bedeli"),
            "transit_trade": _tr("Transit ticaret"),
            "other": _tr("Diğer"),
        },
        "selection": {
            "risk_analysis": _tr("Risk analizi"),
            "random": _tr("Rastgele seçim (örnekleme)"),
            "officer_assessment": _tr("Görevli personelin değerlendirmesi"),
        },
        "residence": {
            "resident": _tr("Türkiye'de yerleşik"),
            "non_resident": _tr("Yurt dışında yerleşik"),
            "citizen_working_abroad": _tr("Yurt dışında çalışan Türk vatandaşı"),
        },
        "exception": {
            "entry_declaration": _tr("Girişte verilen Nakit Beyan Formu"),
            "bank_document": _tr("Banka belgesi (görünmeyen işlemler)"),
        },
        "column": {
            "BanknoteBuying": _tr("efektif alış"),
            "ForexBuying": _tr("döviz alış"),
            "ForexSelling": _tr("döviz satış"),
            "BanknoteSelling": _tr("efektif satış"),
            "manual": _tr("elle girilen"),
        },
    }
    return tables[kind]


def _label(kind: str, code: str | None) -> str:
    if not code:
        return ""
    return _labels(kind).get(code, code)


def _rows(pairs: Iterable[tuple[str, object]]) -> str:
    """A two-column table of label → value; empty values are left out."""
    cells = [
        f"<tr><td style='color:#555555; padding-right:12px'>{_e(label)}</td><td>{value}</td></tr>"
        for label, value in pairs
        if value not in (None, "")
    ]
    return f"<table cellspacing='0' cellpadding='2'>{''.join(cells)}</table>" if cells else ""


def _heading(text: str) -> str:
    return f"<h3 style='margin-top:12px; margin-bottom:4px'>{_e(text)}</h3>"


def _money_table(lines: Iterable[MoneyLine] | None) -> str:
    """Money lines with Turkish currency names, amounts right-aligned (12.500,00)."""
    cells = "".join(
        f"<tr><td style='padding-right:16px'>{_e(fmt.line_kind(line))}</td>"
        f"<td align='right'>{_e(fmt.line_amount(line))}</td></tr>"
        for line in lines or ()
    )
    return f"<table cellspacing='0' cellpadding='2'>{cells}</table>" if cells else ""


def _tl(value: Decimal | None) -> str:
    return "" if value is None else f"{fmt.amount(value)} TL"


def _severity(outcome: Outcome) -> str:
    """ "red" when cash is taken, a fine is due or the case goes to the prosecutor; "green" for
    a declaration or a correct explanation with none of those; otherwise "amber"."""
    if (
        outcome.custody
        or outcome.fine_try > 0
        or outcome.prosecutor_referral
        or outcome.exit_limit_exceeded
        or outcome.code is OutcomeCode.PROHIBITED_SOURCE
    ):
        return "red"
    if outcome.code in (OutcomeCode.DECLARED, OutcomeCode.CORRECT):
        return "green"
    return "amber"


_SEVERITY_COLOURS = {"red": RED, "green": GREEN, "amber": AMBER}
_SEVERITY_BACKGROUNDS = {"red": "#fbeaea", "green": "#e9f4ea", "amber": "#fdf3e1"}


def _person(record: RegisteredRecord) -> str:
    person = record.person
    ek2 = record.kind is Kind.NAKIT_ACIKLAMA
    birth = ", ".join(part for part in (person.birth_place, fmt.date(person.birth_date)) if part)
    pairs: list[tuple[str, object]] = [
        (_tr("Adı Soyadı"), _e(person.full_name)),
        (_tr("Belge"), _e(fmt.identity(person))),
        (_tr("Doğum yeri, tarihi"), _e(birth)),
        (_tr("Uyruğu"), _e(fmt.country(person.nationality))),
    ]
    if ek2:
        pairs.append((_tr("Anne adı"), _e(person.mother_name)))
    pairs.append((_tr("Baba adı"), _e(person.father_name)))
    if ek2:
        pairs += [
            (_tr("Mesleği"), _e(person.occupation)),
            (_tr("Yerleşim yeri adresi"), _e(person.address)),
            (_tr("Telefon"), _e(person.phone)),
            (_tr("Gidiş yeri adresi"), _e(person.destination_address)),
            (_tr("Gidiş yeri telefonu"), _e(person.destination_phone)),
        ]
    # No form is registered unless the identity document's original was seen (the validator
    # refuses one), so a registered record always says so.
    pairs.append((_tr("Kimlik belgesi aslı"), _e(_tr("Gösterildi"))))
    return _heading(_tr("Kişi")) + _rows(pairs)


def _declaration(record: RegisteredRecord, form: DeclarationInput) -> str:
    reason = form.arrival_reason
    reason_text = _label("reason", reason.code)
    if reason.text and reason.text != reason_text:
        reason_text = f"{reason_text} — {reason.text}"
    beneficiary = form.beneficiary
    out = _heading(_tr("Nakit"))
    out += _rows(
        [
            (_tr("Geliş sebebi"), _e(reason_text)),
            (_tr("Kaynak"), _e(_label("source", form.source_category))),
            (_tr("Kaynak ülke"), _e(fmt.country(form.source_country))),
        ]
    )
    out += _money_table(form.cash)
    out += _rows([(_tr("Toplam (TL karşılığı)"), _e(_tl(record.valuation.declared_try)))])
    kind = _tr("Tüzel kişi") if beneficiary.legal_entity else _tr("Gerçek kişi")
    out += _heading(_tr("Nakdin getirildiği kişi"))
    out += _rows(
        [
            (_tr("Adı Soyadı / Unvanı"), _e(f"{beneficiary.name} ({kind})")),
            (_tr("Uyruğu"), _e(fmt.country(beneficiary.nationality))),
            (_tr("Kimlik / vergi no"), _e(fmt.identity(beneficiary))),
        ]
    )
    return out


def _explanation(record: RegisteredRecord, form: ExplanationInput) -> str:
    valuation = record.valuation
    exception = form.exit_exception
    sender = form.sender
    out = _heading(_tr("Kontrol"))
    out += _rows(
        [
            (_tr("Seçilme nedeni"), _e(_label("selection", form.selection_basis))),
            (_tr("Gelinen ülke"), _e(fmt.country(form.country_from))),
            (_tr("Çıkış yapılacak ülke"), _e(fmt.country(form.country_to))),
            (_tr("Yerleşiklik"), _e(_label("residence", form.residence))),
            (
                _tr("Çıkış istisnası"),
                _e(
                    f"{_label('exception', exception.kind)}: {exception.reference}"
                    if exception
                    else ""
                ),
            ),
        ]
    )
    out += _heading(_tr("Açıklanan nakit (15)"))
    if form.declared is None:
        out += f"<p>{_e(_tr('Kişi açıklama yapmadı.'))}</p>"
    else:
        out += _money_table(form.declared) or f"<p>{_e(_tr('Nakit yok.'))}</p>"
    out += _rows([(_tr("TL karşılığı"), _e(_tl(valuation.declared_try)))])
    out += _heading(_tr("Tespit edilen nakit (16)"))
    out += _money_table(form.detected) or f"<p>{_e(_tr('Nakit yok.'))}</p>"
    out += _rows([(_tr("TL karşılığı"), _e(_tl(valuation.detected_try)))])
    out += _heading(_tr("Açıklama"))
    out += _rows(
        [
            (
                _tr("Nakdi gönderen"),
                _e(
                    ""
                    if sender is None
                    else f"{sender.name} ({sender.id_number})"
                    if sender.id_number
                    else sender.name
                ),
            ),
            (_tr("Amacı"), _e(form.purpose)),
            (_tr("Kaynağı"), _e(form.source)),
            (_tr("Kaynak beyanı"), _e(_label("source", form.source_category))),
        ]
    )
    return out


def _outcome(record: RegisteredRecord) -> str:
    outcome = record.outcome
    valuation = record.valuation
    severity = _severity(outcome)
    colour = _SEVERITY_COLOURS[severity].name()
    consequences: list[str] = []
    if outcome.fine_try > 0:
        consequences.append(
            _tr("İdari para cezası: {fine} TL").format(fine=fmt.amount(outcome.fine_try))
        )
    if outcome.custody:
        consequences.append(
            _tr("Muhafaza altına alınan: {lines}").format(
                lines="; ".join(f"{fmt.line_kind(c)} {fmt.line_amount(c)}" for c in outcome.custody)
            )
        )
    if outcome.exit_limit_exceeded:
        consequences.append(_tr("Çıkış sınırı aşıldı; geçerli bir istisna yok."))
    if outcome.prosecutor_referral:
        consequences.append(_tr("Cumhuriyet Savcılığına bildirilir."))
    if outcome.masak_copy:
        consequences.append(_tr("MASAK'a nüsha gönderilir."))
    if severity == "green" and not consequences:
        consequences.append(_tr("Yaptırım yok."))
    body = "".join(f"<li>{_e(c)}</li>" for c in consequences)
    grounds = "".join(f"<li>{_e(g)}</li>" for g in outcome.grounds)
    figures = _rows(
        [
            (_tr("Açıklanmayan tutar"), _e(_tl(valuation.undeclared_try))),
            (
                _tr("Müsaade edilen fark"),
                _e(
                    f"{_tl(valuation.tolerance_try)} ({valuation.tolerance_year})"
                    if valuation.tolerance_try is not None and valuation.tolerance_year
                    else _tl(valuation.tolerance_try)
                ),
            ),
            (_tr("Çıkış sınırı"), _e(_tl(valuation.exit_limit_try))),
            (_tr("Çıkarılan döviz (TL)"), _e(_tl(valuation.exit_foreign_try))),
            (_tr("Çıkarılan Türk lirası"), _e(_tl(valuation.exit_lira_try))),
        ]
    )
    extra = _rows(
        [
            (_tr("İmzalayacak memur sayısı"), _e(outcome.officer_signatures_required)),
            (_tr("Nüsha"), _e(outcome.copies)),
        ]
    )
    return (
        _heading(_tr("Sonuç")) + f"<table width='100%' cellspacing='0' cellpadding='6' "
        f"style='background-color:{_SEVERITY_BACKGROUNDS[severity]}'><tr><td>"
        f"<p style='margin:0'><b style='color:{colour}; font-size:large'>"
        f"{_e(outcome_label(outcome.code))}</b></p>"
        f"<ul style='margin-top:4px; margin-bottom:4px; color:{colour}'>{body}</ul>"
        f"</td></tr></table>"
        + figures
        + (
            f"<p style='margin-bottom:2px'><b>{_e(_tr('Hukuki dayanak'))}</b></p>"
            if grounds
            else ""
        )
        + (f"<ul style='margin-top:2px'>{grounds}</ul>" if grounds else "")
        + extra
    )


def _warnings(record: RegisteredRecord) -> str:
    warnings = record.outcome.warnings
    if not warnings:
        return ""
    items = "".join(f"<li>{_e(w)}</li>" for w in warnings)
    return (
        f"<table width='100%' cellspacing='0' cellpadding='6' style='background-color:"
        f"{_SEVERITY_BACKGROUNDS['amber']}'><tr><td style='color:{AMBER.name()}'>"
        f"<b>{_e(_tr('Uyarılar'))}</b><ul style='margin-top:2px; margin-bottom:0'>{items}</ul>"
        f"</td></tr></table>"
    )


def _registration(record: RegisteredRecord) -> str:
    valuation = record.valuation
    rates = valuation.rates
    rate_text = "; ".join(
        f"{code} {_e(fmt.amount(rates[code].try_per_unit))} "
        f"({_e(_label('column', rates[code].column))})"
        for code in sorted(rates)
    )
    explanation = record.explanation
    witness_officer = explanation.witness_officer if explanation else None
    witness = f"{record.witness_name or ''} ({witness_officer})" if witness_officer else ""
    paper = record.paper
    paper_text = (
        _tr("{number}, {filled}; defter sayfa {page}, satır {line}").format(
            number=paper.number,
            filled=fmt.date_time(paper.filled_at),
            page=paper.ledger_page,
            line=paper.ledger_line,
        )
        if paper
        else ""
    )
    refused = explanation.signature_refused_reason if explanation else None
    return _heading(_tr("Tescil")) + _rows(
        [
            (
                _tr("Tanzim eden memur"),
                _e(f"{record.officer_name} ({record.officer}), {record.officer_title}"),
            ),
            (_tr("Şahitlik eden memur"), _e(witness)),
            (_tr("İmzadan kaçınma"), _e(refused)),
            (_tr("Gümrük idaresi"), _e(f"{record.office_name} ({record.office})")),
            (_tr("Gümrük sahası"), _e(record.customs_area)),
            (_tr("Tescil zamanı"), _e(fmt.date_time(record.registered_at))),
            (_tr("Kâğıt form"), _e(paper_text)),
            (_tr("Kural seti"), _e(record.rule_set)),
            (
                _tr("Kur"),
                (
                    f"{_e(fmt.date(valuation.rate_date))}: {rate_text}"
                    if valuation.rate_date
                    else ""
                ),
            ),
        ]
    )


def record_html(record: RegisteredRecord, columns: int = 1) -> str:
    """The whole record as HTML for a ``QTextBrowser`` (every value escaped).

    ``columns=2`` puts the outcome, warnings and registration beside the person and the cash
    (for a wide, low pane under the table); otherwise everything is one column, outcome first.
    """
    status = (
        f"<b style='color:{RED.name()}'>{_e(_tr('İPTAL EDİLDİ'))}</b>"
        if record.cancelled
        else _e(_tr("Kayıtlı"))
    )
    demo = f" &nbsp;<b style='color:{AMBER.name()}'>{_e(_tr('DEMO'))}</b>" if record.demo else ""
    head = (
        f"<h2 style='margin-bottom:2px'>{_e(kind_label(record.kind))}</h2>"
        f"<p style='margin-top:0'><b>{_e(record.number)}</b> · "
        f"{_e(fmt.date(record.registered_at))} · "
        f"{_e(_label('direction', record.direction))} · {status}{demo}</p>"
    )
    form = record.form
    body = (
        _declaration(record, form)
        if isinstance(form, DeclarationInput)
        else _explanation(record, form)
    )
    first = head + _outcome(record) + _warnings(record)
    second = _person(record) + body
    if columns == 2:
        return (
            "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
            f"<td width='50%' valign='top' style='padding-right:16px'>{first}"
            f"{_registration(record)}</td>"
            f"<td width='50%' valign='top'>{second}</td></tr></table>"
        )
    return first + second + _registration(record)


class DetailPane(QWidget):
    """Shows one record of the register (read-only, keyboard-scrollable).

    When the pane is wide enough (about 110 average characters) the record is laid out in two
    columns, so that a pane under the table shows the outcome and the person at once.
    """

    TWO_COLUMN_CHARS = 110

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._number: str | None = None
        self._content: RegisteredRecord | None = None
        self._columns = 1
        self._browser = QTextBrowser(self)
        self._browser.setObjectName("detailBrowser")
        self._browser.setOpenLinks(False)
        self._browser.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._browser.setAccessibleName(self.tr("Kayıt ayrıntısı"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._browser)
        self.show_record(None)

    @property
    def number(self) -> str | None:
        """The number of the record shown, or None."""
        return self._number

    @property
    def browser(self) -> QTextBrowser:
        return self._browser

    @property
    def columns(self) -> int:
        return self._columns

    def plain_text(self) -> str:
        return self._browser.toPlainText()

    def show_record(self, number: str | None) -> RegisteredRecord | None:
        """Show ``number`` (None: a hint); returns the record shown, or None."""
        content = self._desk.show(number) if number else None
        self._content = content
        self._number = content.number if content else None
        if content is None:
            hint = (
                self.tr("{number} numaralı kayıt bulunamadı.").format(number=number)
                if number
                else self.tr("Ayrıntısını görmek için listeden bir kayıt seçin.")
            )
            self._browser.setHtml(f"<p style='color:#555555'>{_e(hint)}</p>")
            return None
        self._render()
        return content

    def _render(self) -> None:
        if self._content is not None:
            self._browser.setHtml(record_html(self._content, self._columns))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = self.width() >= self.fontMetrics().averageCharWidth() * self.TWO_COLUMN_CHARS
        columns = 2 if wide else 1
        if columns != self._columns:
            self._columns = columns
            self._render()
