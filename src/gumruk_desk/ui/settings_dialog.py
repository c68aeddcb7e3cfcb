"""Settings (idare amiri only): rate bulletins and manual rates, rule sets, the idle lock.

Every change goes through a Desk service that checks the supervisor's role again and
records the change in the chain; this dialog only collects input and shows the service's
Turkish answer next to the field it concerns. The file dialogs are thin: the buttons call
``import_rates_file(path)`` / ``load_ruleset_file(path)`` after asking for a path, and tests
call those directly.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gumruk_desk.domain import money
from gumruk_desk.ui.key_tab import KeyTab
from gumruk_desk.ui.register_model import AMBER
from gumruk_desk.ui.registers_dialog import SupervisorConfirm
from gumruk_desk.ui.setup.fields import ErrorLabel, add_field, new_form

if TYPE_CHECKING:
    from gumruk_desk.services import Desk, Officer, RuleSetInfo

SUCCESS_COLOR = "#1e6b34"
MAX_FILE_BYTES = 5 * 1024 * 1024  # far above any bulletin or rule set; the services check too


def format_rate(value: Decimal) -> str:
    """A rate the Turkish way with every digit kept: 1.234,5678."""
    return money.format_tr(value, 0)


def parse_rate(text: str) -> Decimal | None:
    """A rate typed the Turkish way ("34,5678", "1.234,56") or with a decimal point as in
    the TCMB bulletin ("34.5678"); None when it is not a number."""
    cleaned = text.strip().replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _success(label: QLabel, text: str) -> None:
    label.setStyleSheet(f"color: {SUCCESS_COLOR};")
    label.setText(text)
    label.show()


def _read_file(path: str | Path) -> bytes:
    file = Path(path)
    if file.stat().st_size > MAX_FILE_BYTES:
        raise OSError(f"{file.name} çok büyük.")
    return file.read_bytes()


class SettingsDialog(QDialog):
    """Opens its tabs only for a supervisor; for anyone else it says so and offers only to
    close (``refused`` is True). The services refuse a non-supervisor as well."""

    def __init__(self, desk: Desk, officer: Officer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.officer = officer
        self.refused = officer.role != "supervisor"
        self.setWindowTitle(self.tr("Ayarlar"))
        layout = QVBoxLayout(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("&Kapat"))
        buttons.rejected.connect(self.reject)
        if self.refused:
            message = QLabel(
                self.tr(
                    "Ayarları yalnızca idare amiri açabilir. {name} (sicil {sicil}) hesabının "
                    "bu yetkisi yok."
                ).format(name=officer.name, sicil=officer.sicil)
            )
            message.setObjectName("refused")
            message.setWordWrap(True)
            layout.addWidget(message)
            layout.addWidget(buttons)
            self.tabs: QTabWidget | None = None
            return
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.rates_tab = RatesTab(desk, officer)
        self.rulesets_tab = RuleSetsTab(desk, officer)
        self.session_tab = SessionTab(desk, officer)
        self.key_tab = KeyTab(desk, officer)
        # Alt letters: the tabs U, S, O, H and Kapat K are live on every page; each page's own
        # controls use other letters.
        self.tabs.addTab(self.rates_tab, self.tr("K&urlar"))
        self.tabs.addTab(self.rulesets_tab, self.tr("Kural &setleri"))
        self.tabs.addTab(self.session_tab, self.tr("&Oturum"))
        self.tabs.addTab(self.key_tab, self.tr("Ana&htar"))
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 110)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter belongs to the field that has the focus (the rate field saves, a focused
        # button clicks itself). QDialog would otherwise also click its default button,
        # which here could open a file dialog or close the settings.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    # Shortcuts for callers and tests: the tab methods do the work.
    def import_rates_file(self, path: str | Path) -> bool:
        return self.rates_tab.import_rates_file(path)

    def load_ruleset_file(self, path: str | Path) -> bool:
        return self.rulesets_tab.load_ruleset_file(path)


class RatesTab(QWidget):
    """Import a TCMB bulletin; enter a rate by hand where the bulletin has none."""

    def __init__(self, desk: Desk, officer: Officer) -> None:
        super().__init__()
        self.desk = desk
        self.officer = officer

        bulletin_box = QGroupBox(self.tr("TCMB kur bülteni"))
        self.latest = QLabel()
        self.latest.setObjectName("latest_bulletin")
        self.import_button = QPushButton(self.tr("TCMB XML dosyası &içe aktar…"))
        self.import_button.setObjectName("import_rates")
        self.import_button.clicked.connect(self._choose_bulletin)
        self.import_result = QLabel()
        self.import_result.setObjectName("import_result")
        self.import_result.setWordWrap(True)
        self.import_result.hide()
        self.import_error = ErrorLabel()
        self.import_error.setObjectName("import_error")
        row = QHBoxLayout()
        row.addWidget(self.latest, 1)
        row.addWidget(self.import_button)
        box = QVBoxLayout(bulletin_box)
        box.addLayout(row)
        box.addWidget(self.import_result)
        box.addWidget(self.import_error)

        manual_box = QGroupBox(self.tr("Elle kur girişi (bültende kuru olmayan para birimi için)"))
        self.currency = QComboBox()
        self.currency.setObjectName("currency")
        self.currency.setEditable(False)
        self.currency.setPlaceholderText(self.tr("Para birimini seçin"))
        self.rate = QLineEdit()
        self.rate.setObjectName("rate")
        self.rate.setPlaceholderText(self.tr("ör. 1,2345 (1 birimin TL karşılığı)"))
        self.rate.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.day = QDateEdit(QDate.currentDate())
        self.day.setObjectName("day")
        self.day.setDisplayFormat("dd.MM.yyyy")
        self.day.setCalendarPopup(True)
        self.day.dateChanged.connect(lambda _d: self.refresh_manual())
        form = new_form()
        self.currency_error = add_field(form, self.tr("&Para birimi"), self.currency, required=True)
        self.rate_error = add_field(form, self.tr("Kur (&TL)"), self.rate, required=True)
        self.day_error = add_field(form, self.tr("Ta&rih"), self.day, required=True)
        self.add_button = QPushButton(self.tr("Kuru ka&ydet"))
        self.add_button.setObjectName("add_manual_rate")
        self.add_button.clicked.connect(self.add_manual_rate)
        self.rate.returnPressed.connect(self.add_manual_rate)
        self.manual_result = QLabel()
        self.manual_result.setObjectName("manual_result")
        self.manual_result.setWordWrap(True)
        self.manual_result.hide()
        self.manual_title = QLabel()
        self.manual_table = QTableWidget(0, 3)
        self.manual_table.setObjectName("manual_rates")
        self.manual_table.setHorizontalHeaderLabels(
            [self.tr("Kod"), self.tr("Para birimi"), self.tr("Kur (TL)")]
        )
        self.manual_table.verticalHeader().hide()
        self.manual_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.manual_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.manual_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.manual_table.horizontalHeader().setStretchLastSection(True)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add_button)
        manual = QVBoxLayout(manual_box)
        manual.addLayout(form)
        manual.addLayout(add_row)
        manual.addWidget(self.manual_result)
        manual.addWidget(self.manual_title)
        manual.addWidget(self.manual_table, 1)
        note = QLabel(
            self.tr(
                "Elle girilen kur denetim kaydına yazılır; o günün kayıtlarında “elle girilen "
                "kur” olarak görünür."
            )
        )
        note.setWordWrap(True)
        manual.addWidget(note)

        layout = QVBoxLayout(self)
        layout.addWidget(bulletin_box)
        layout.addWidget(manual_box, 1)
        self.refresh_latest()
        self.refresh_manual()

    # -- bulletin ------------------------------------------------------------------------------
    def refresh_latest(self) -> None:
        latest = self.desk.latest_bulletin_date()
        if latest is None:
            self.latest.setText(self.tr("Kayıtlı kur bülteni yok."))
        else:
            self.latest.setText(self.tr("En son bülten: {date}").format(date=f"{latest:%d.%m.%Y}"))

    def _choose_bulletin(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("TCMB kur bülteni seçin"),
            "",
            self.tr("TCMB XML dosyası (*.xml);;Tüm dosyalar (*)"),
        )
        if path:
            self.import_rates_file(path)

    def import_rates_file(self, path: str | Path) -> bool:
        """Import the bulletin at ``path``; show the date and the number of currencies, or
        the Turkish reason it was refused (nothing is stored then). True on success."""
        from gumruk_desk.domain.rates import RatesError
        from gumruk_desk.errors import RegisterError

        self.import_result.hide()
        self.import_error.clear_error()
        try:
            data = _read_file(path)
            bulletin, created = self.desk.import_rates(data, actor=self.officer.sicil)
        except OSError as exc:
            self.import_error.show_error(
                self.tr("Dosya okunamadı: {reason}").format(reason=exc.strerror or str(exc))
            )
            return False
        except (RatesError, RegisterError) as exc:
            self.import_error.show_error(
                self.tr("Bülten içe aktarılmadı, hiçbir şey değişmedi. {reason}").format(
                    reason=str(exc)
                )
            )
            return False
        template = (
            self.tr("{date} tarihli bülten içe aktarıldı: {count} döviz kuru.")
            if created
            else self.tr("{date} tarihli bu bülten zaten kayıtlı ({count} döviz kuru).")
        )
        _success(
            self.import_result,
            template.format(date=f"{bulletin.date:%d.%m.%Y}", count=len(bulletin.quotes)),
        )
        self.refresh_latest()
        self.refresh_currencies()  # the new bulletin's currencies are no longer typed by hand
        return True

    # -- manual rates --------------------------------------------------------------------------
    def selected_day(self) -> datetime.date:
        chosen = self.day.date()
        return datetime.date(chosen.year(), chosen.month(), chosen.day())

    def refresh_currencies(self) -> None:
        """Offer only the currencies the bulletin in force on the chosen day has no rate for
        (the service refuses the others: SPEC §2); the choice is kept when still offered."""
        from gumruk_desk.domain.iso import currencies_tr
        from gumruk_desk.ui.widgets.code_combo import currency_choice

        day = self.selected_day()
        rated = self.desk.bulletin_rated(day)
        chosen = self.currency.currentData()
        self.currency.blockSignals(True)
        try:
            self.currency.clear()
            for code, name in currencies_tr():
                if code != "TRY" and code not in rated and money.minor_units_of(code) is not None:
                    self.currency.addItem(currency_choice(code, name), code)
            # Nothing proposed: the officer names the currency the bulletin lacks (the first
            # of an alphabetical list would be a guess, and a wrong rate is audited for good).
            self.currency.setCurrentIndex(self.currency.findData(chosen) if chosen else -1)
        finally:
            self.currency.blockSignals(False)
        self.currency.setToolTip(
            self.tr(
                "{date} tarihinde yürürlükteki bültende kuru olan {count} para birimi listede "
                "yok: onların kuru elle girilemez."
            ).format(date=f"{day:%d.%m.%Y}", count=len(rated))
            if rated
            else self.tr(
                "{date} tarihinde yürürlükte bülten yok: her para birimi girilebilir."
            ).format(date=f"{day:%d.%m.%Y}")
        )

    def refresh_manual(self) -> None:
        from gumruk_desk.domain.iso import currency_name_tr

        self.refresh_currencies()
        day = self.selected_day()
        rates = sorted(self.desk.manual_rates(day).items())
        self.manual_title.setText(
            self.tr("{date} için elle girilen kurlar:").format(date=f"{day:%d.%m.%Y}")
            if rates
            else self.tr("{date} için elle girilen kur yok.").format(date=f"{day:%d.%m.%Y}")
        )
        self.manual_table.setRowCount(len(rates))
        for row, (code, value) in enumerate(rates):
            amount = QTableWidgetItem(format_rate(value))
            amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.manual_table.setItem(row, 0, QTableWidgetItem(code))
            self.manual_table.setItem(row, 1, QTableWidgetItem(currency_name_tr(code)))
            self.manual_table.setItem(row, 2, amount)

    def add_manual_rate(self) -> bool:
        """Store the typed rate (audited); True on success, else the reason under its field."""
        from gumruk_desk.domain.rates import RatesError
        from gumruk_desk.errors import AuthError

        for label in (self.currency_error, self.rate_error, self.day_error):
            label.clear_error()
        self.manual_result.hide()
        code = self.currency.currentData()
        if not code:
            self.currency_error.show_error(self.tr("Bültende kuru olmayan para birimini seçin."))
            self.currency.setFocus()
            return False
        value = parse_rate(self.rate.text())
        if value is None:
            self.rate_error.show_error(
                self.tr("Kuru 1,2345 biçiminde bir sayı olarak yazın.")
                if self.rate.text().strip()
                else self.tr("Bu alan zorunludur.")
            )
            self.rate.setFocus()
            return False
        day = self.selected_day()
        try:
            self.desk.add_manual_rate(
                currency=code, try_per_unit=value, day=day, actor=self.officer
            )
        except (RatesError, AuthError) as exc:
            # A wrong password of the supervisor's session goes under the rate, where the
            # officer is; a refused rate under the field its path names.
            routed = (
                exc.by_field(("currency", "rate"), "rate")
                if isinstance(exc, RatesError)
                else {"rate": [str(exc)]}
            )
            if "currency" in routed:
                self.currency_error.show_error(routed["currency"])
                self.currency.setFocus()
            if "rate" in routed:
                self.rate_error.show_error(routed["rate"])
                self.rate.setFocus()
            return False
        _success(
            self.manual_result,
            self.tr("{code} için {date} tarihli elle kur kaydedildi: {rate} TL.").format(
                code=code, date=f"{day:%d.%m.%Y}", rate=format_rate(value)
            ),
        )
        self.rate.clear()
        self.refresh_manual()
        return True


class RuleSetsTab(QWidget):
    """The rule sets known to this desk, loading a new one from a file, confirming a draft and
    accepting a computed yearly tolerance (each with a supervisor's password, audited)."""

    # The legal source (a sentence) is not a column: it opens the details under the table,
    # which the selected row fills; the columns are short, sized to their contents.
    COLUMNS = (
        "Kimlik",
        "Başlık",
        "Yürürlük",
        "Geldiği yer",
        "Durum",
        "Bugün\nyürürlükte",
    )
    COL_STATUS = 4
    COL_IN_FORCE = 5

    def __init__(self, desk: Desk, officer: Officer) -> None:
        super().__init__()
        self.desk = desk
        self.officer = officer
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("rulesets")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Every column sized to its contents and the title wrapped in the room left, so no
        # text is cut; the rows grow to their title.
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.load_button = QPushButton(self.tr("Kural seti &yükle…"))
        self.load_button.setObjectName("load_ruleset")
        self.load_button.clicked.connect(self._choose_file)
        self.result = QLabel()
        self.result.setObjectName("ruleset_result")
        self.result.setWordWrap(True)
        self.result.hide()
        self.error = ErrorLabel()
        self.error.setObjectName("ruleset_error")
        # What the selected rule set rests on: unconfirmed parameters, supersessions.
        self.details = QLabel()
        self.details.setObjectName("ruleset_details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.itemSelectionChanged.connect(self._show_details)
        self.supervisor = SupervisorConfirm(desk, "ruleset", self)
        self.confirm_button = QPushButton(self.tr("Taslağı o&nayla"))
        self.confirm_button.setObjectName("confirm_ruleset")
        self.confirm_button.clicked.connect(self.confirm_selected)
        # The computation is long (one line a year): a read-only box that scrolls, so the
        # table above keeps its room.
        self.tolerance = QPlainTextEdit()
        self.tolerance.setObjectName("tolerance_proposal")
        self.tolerance.setReadOnly(True)
        self.tolerance.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        self.accept_button = QPushButton(self.tr("Öneriyi kural setine &al"))
        self.accept_button.setObjectName("accept_tolerance")
        self.accept_button.clicked.connect(self.accept_proposal)
        note = QLabel(
            self.tr(
                "Her kayıt, tarihinde yürürlükte olan kural setine göre değerlendirilir ve "
                "kullandığı kural setinin kimliğini taşır. Yüklenen dosya denetim kaydına yazılır."
            )
        )
        note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(note, 1)
        row.addWidget(self.load_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(row)
        confirm = QHBoxLayout()
        confirm.addWidget(self.supervisor, 1)
        confirm.addWidget(self.confirm_button)
        confirm.addWidget(self.accept_button)
        layout.addLayout(confirm)
        layout.addWidget(self.tolerance)
        layout.addWidget(self.result)
        layout.addWidget(self.error)
        self._proposal: tuple[str, int] | None = None
        self.refresh()

    def _status_text(self, info: RuleSetInfo) -> str:
        if info.status != "draft":
            return self.tr("Yürürlükte")
        if info.confirmed_by == "central":
            return self.tr("Taslak — merkez onayladı")
        if info.confirmed_by:
            return self.tr("Taslak — amir {sicil} onayladı").format(sicil=info.confirmed_by)
        return self.tr("Taslak — onay bekliyor")

    def refresh(self) -> None:
        self.infos = self.desk.rulesets()
        infos = self.infos
        self.table.setRowCount(len(infos))
        current = 0
        for row, info in enumerate(infos):
            until = f"{info.effective_to:%d.%m.%Y}" if info.effective_to else ""
            cells = (
                info.id,
                info.title,
                f"{info.effective_from:%d.%m.%Y} – {until}",
                self.tr("Uygulamayla gelen") if info.origin == "shipped" else self.tr("Yüklenen"),
                self._status_text(info),
                self.tr("Evet") if info.in_force else self.tr("Hayır"),
            )
            if info.in_force:
                current = row
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                if column == self.COL_IN_FORCE and info.in_force:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if column == self.COL_STATUS and info.status == "draft" and not info.confirmed_by:
                    item.setForeground(AMBER)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        if infos:
            self.table.selectRow(current)
        self._show_details()
        self._show_tolerance()

    def selected(self) -> RuleSetInfo | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.infos[min(rows)] if rows and min(rows) < len(self.infos) else None

    def _show_details(self) -> None:
        info = self.selected()
        if info is None:
            self.details.clear()
            self.confirm_button.setEnabled(False)
            return
        lines = [f"{info.id} — {info.legal_source}"]
        if info.unconfirmed:
            lines.append(
                self.tr("Kaynağı teyit edilmemiş parametreler: {names}.").format(
                    names="; ".join(info.unconfirmed_labels)
                )
            )
        lines.extend(info.notices)
        if info.status == "draft" and not info.confirmed_by:
            lines.append(
                self.tr(
                    "Bu taslak, amir parolasıyla onaylanana ya da merkezden yürürlükte olarak "
                    "gelene kadar hiçbir kayıtta uygulanmaz. Onaydan önce kayda geçmiş "
                    "kayıtlar kendi kural setlerini korur."
                )
            )
        self.details.setText("\n".join(lines))
        self.details.setStyleSheet(f"color: {AMBER.name()};" if info.notices else "")
        self.confirm_button.setEnabled(info.status == "draft" and not info.confirmed_by)

    def _show_tolerance(self) -> None:
        """A computed proposal for this year's müsaade edilen fark where the rule set in
        force leaves the year undefined."""
        from gumruk_desk.domain.rules import RuleSetError
        from gumruk_desk.services import local_now

        self._proposal = None
        self.tolerance.hide()
        self.accept_button.hide()
        current = next((i for i in self.infos if i.in_force), None)
        if current is None:
            return
        year = local_now().year
        try:
            proposal = self.desk.tolerance_proposal(current.id, year)
        except RuleSetError:
            return  # defined for the year, or nothing to compute from
        self._proposal = (current.id, year)
        self.tolerance.setPlainText(
            self.tr(
                "{year} yılı için “{id}” kural setinde müsaade edilen fark tanımlı değil. "
                "Genelgenin kuralıyla hesaplanan öneri: {amount} TL.\n{steps}\n{rounding} "
                "Kabul edilene kadar son tanımlı tutar uyarıyla uygulanır."
            ).format(
                year=year,
                id=current.id,
                amount=money.format_tr(proposal.amount_try),
                steps="\n".join(proposal.lines_tr()),
                rounding=proposal.rounding,
            )
        )
        self.tolerance.show()
        self.accept_button.show()

    def _supervised(self, action: Callable[[Officer], str]) -> bool:
        """Run ``action`` with the chosen supervisor (their password typed beside it); its
        success message is shown, a refusal is shown in Turkish and changes nothing."""
        from gumruk_desk.domain.rules import RuleSetError
        from gumruk_desk.errors import AuthError

        self.result.hide()
        self.error.clear_error()
        sicil, password = self.supervisor.take()
        if not password:
            # Not even an attempt: an empty field is no wrong password.
            self.error.show_error(self.tr("Amirin parolasını yazın."))
            return False
        try:
            message = action(self.desk.authenticate(sicil, password))
        except (RuleSetError, AuthError) as exc:
            self.error.show_error(str(exc))
            return False
        self.refresh()
        _success(self.result, message)
        return True

    def confirm_selected(self) -> bool:
        """Confirm the selected draft with the chosen supervisor's password."""
        info = self.selected()
        if info is None:
            return False

        def confirm(supervisor: Officer) -> str:
            self.desk.confirm_ruleset(info.id, supervisor)
            return self.tr(
                "“{id}” kural seti onaylandı: {date} tarihinden itibaren yeni kayıtlarda "
                "uygulanır; kayda geçmiş kayıtlar kendi kural setini korur."
            ).format(id=info.id, date=f"{info.effective_from:%d.%m.%Y}")

        return self._supervised(confirm)

    def accept_proposal(self) -> bool:
        """Take the computed tolerance of the year into the rule set in force."""
        if self._proposal is None:
            return False
        ruleset_id, year = self._proposal

        def accept(supervisor: Officer) -> str:
            proposal = self.desk.accept_tolerance(ruleset_id, year, supervisor)
            return self.tr(
                "{year} yılı müsaade edilen farkı {amount} TL olarak “{id}” kural setine alındı."
            ).format(year=year, amount=money.format_tr(proposal.amount_try), id=ruleset_id)

        return self._supervised(accept)

    def ruleset_ids(self) -> list[str]:
        items = (self.table.item(r, 0) for r in range(self.table.rowCount()))
        return [item.text() for item in items if item is not None]

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Kural seti dosyası seçin"),
            "",
            self.tr("Kural seti (*.json);;Tüm dosyalar (*)"),
        )
        if path:
            self.load_ruleset_file(path)

    def load_ruleset_file(self, path: str | Path) -> bool:
        """Load the rule set at ``path``; True on success, else the Turkish reason shown."""
        from gumruk_desk.domain.rules import RuleSetError
        from gumruk_desk.errors import AuthError, RegisterError

        self.result.hide()
        self.error.clear_error()
        try:
            info = self.desk.load_ruleset(_read_file(path), actor=self.officer)
        except OSError as exc:
            self.error.show_error(
                self.tr("Dosya okunamadı: {reason}").format(reason=exc.strerror or str(exc))
            )
            return False
        except (RuleSetError, RegisterError, AuthError) as exc:
            self.error.show_error(
                self.tr("Kural seti yüklenmedi. {reason}").format(reason=str(exc))
            )
            return False
        _success(
            self.result,
            self.tr("“{id}” kural seti yüklendi: {date} tarihinden itibaren geçerli.").format(
                id=info.id, date=f"{info.effective_from:%d.%m.%Y}"
            ),
        )
        self.refresh()
        return True


class SessionTab(QWidget):
    """The idle lock: minutes without key or mouse input before the session locks — at
    least one minute, at most what the register allows; it cannot be switched off."""

    def __init__(self, desk: Desk, officer: Officer) -> None:
        super().__init__()
        self.desk = desk
        self.officer = officer
        from gumruk_desk.services import (
            DEFAULT_IDLE_LOCK_MINUTES,
            IDLE_LOCK_MINUTES,
            MAX_IDLE_LOCK_MINUTES,
            MIN_IDLE_LOCK_MINUTES,
            valid_idle_lock_minutes,
        )

        self.minutes = QSpinBox()
        self.minutes.setObjectName("idle_minutes")
        self.minutes.setRange(MIN_IDLE_LOCK_MINUTES, MAX_IDLE_LOCK_MINUTES)
        self.minutes.setSuffix(self.tr(" dakika"))
        self.minutes.setValue(desk.idle_lock_minutes())
        self.minutes.setAlignment(Qt.AlignmentFlag.AlignRight)
        form = new_form()
        self.error = add_field(form, self.tr("Ki&lit süresi"), self.minutes)
        self.save_button = QPushButton(self.tr("Ka&ydet"))
        self.save_button.setObjectName("save_idle")
        self.save_button.clicked.connect(self.save)
        self.minutes.lineEdit().returnPressed.connect(self.save)
        self.result = QLabel()
        self.result.setObjectName("idle_result")
        self.result.hide()
        note = QLabel(
            self.tr(
                "Bu süre boyunca klavye ya da fare kullanılmazsa masa kilitlenir ve yalnızca "
                "oturumu açan memurun parolasıyla açılır. En az {low}, en çok {high} dakika; "
                "kilit kapatılamaz (masada kişisel veriler var). Varsayılan {default} dakika."
            ).format(
                low=MIN_IDLE_LOCK_MINUTES,
                high=MAX_IDLE_LOCK_MINUTES,
                default=DEFAULT_IDLE_LOCK_MINUTES,
            )
        )
        note.setWordWrap(True)
        # An older desk may hold "0: never lock" (or another value it no longer obeys).
        stored = desk.setting(IDLE_LOCK_MINUTES)
        self.overridden = QLabel()
        self.overridden.setObjectName("idle_overridden")
        self.overridden.setWordWrap(True)
        self.overridden.setStyleSheet(f"color: {AMBER.name()};")
        if stored is not None and valid_idle_lock_minutes(stored) is None:
            self.overridden.setText(
                self.tr(
                    "Bu masada kilit süresi “{stored}” kayıtlıydı (0: kilitlenmez). Kilit artık "
                    "kapatılamaz: varsayılan {default} dakika uygulanıyor. Başka bir süre "
                    "isterseniz yazıp kaydedin."
                ).format(stored=stored, default=DEFAULT_IDLE_LOCK_MINUTES)
            )
        else:
            self.overridden.hide()
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.overridden)
        layout.addWidget(note)
        layout.addLayout(row)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def save(self) -> bool:
        from gumruk_desk.errors import AuthError, SettingError

        self.error.clear_error()
        self.result.hide()
        try:
            self.desk.set_idle_lock_minutes(self.minutes.value(), actor=self.officer)
        except (SettingError, AuthError) as exc:
            self.error.show_error(str(exc))
            return False
        self.overridden.hide()
        _success(
            self.result,
            self.tr("Kaydedildi: masa {minutes} dakika işlem yapılmazsa kilitlenir.").format(
                minutes=self.minutes.value()
            ),
        )
        return True
